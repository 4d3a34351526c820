//! The title of a report: the title paragraph (joined with the body's name
//! on its own line above it), and the portal furniture at the edges.

use super::*;

impl Document {
    /// Finds the title among the first lines, before the body starts.
    pub(super) fn detect_title(&mut self) {
        let mut candidates = Vec::new(); // paragraph indices in the opening
        // A portal's index card (名称：… 发布机构：… 生成日期：…) is never the
        // title; its 名称 is the title's words when nothing else is.
        let mut card_title: Option<usize> = None;
        for (i, p) in self.paragraphs.iter().enumerate().take(40) {
            if p.kind == ParagraphKind::Residue {
                continue;
            }
            let t = self.paragraph_text(i);
            if let Some((label, value)) = card_field(trim(t)) {
                if TITLE_FIELDS.contains(&label) && !value.is_empty() && card_title.is_none() {
                    card_title = Some(i);
                }
                continue;
            }
            let n = t.chars().count();
            let is_numbered_heading =
                matches!(p.kind, ParagraphKind::Heading(h) if self.headings[h].number.is_some());
            if is_numbered_heading || n > 100 {
                break;
            }
            candidates.push(i);
        }
        let is_title = |t: &str| {
            let n = t.chars().count();
            if n > 70 || t.ends_with('。') || t.ends_with('，') {
                return false;
            }
            let year = year_in(&fold_for_matching(t)).is_some();
            let has = |w: &str| t.contains(w);
            let folded = fold_for_matching(t);
            let hasf = |w: &str| folded.contains(w);
            let subject = hasf("法治") || hasf("依法行政") || has("法制");
            (hasf("报告") && (year || subject))
                || (subject && year && (hasf("情况") || hasf("总结") || hasf("工作")))
        };
        // A title alone on its line, or broken over two or three short lines
        // (…法治政府建设 / 情况报告): the lines read as one.
        let mut continued = 0;
        let single = candidates
            .iter()
            .copied()
            .find(|&i| is_title(self.title_candidate_text(i)));
        let strong = single.or_else(|| {
            candidates.iter().enumerate().find_map(|(k, &i)| {
                let mut joined = self.title_candidate_text(i).to_owned();
                for more in 1..=2 {
                    let Some(&j) = candidates.get(k + more) else {
                        break;
                    };
                    let t = self.title_candidate_text(j);
                    let prev = candidates[k + more - 1];
                    if self.paragraphs[prev].line + 1 != self.paragraphs[j].line
                        || self.paragraphs[j].kind != ParagraphKind::Body
                        || t.chars().count() > 30
                    {
                        break;
                    }
                    joined.push_str(t);
                    if is_title(&joined) {
                        continued = more;
                        return Some(i);
                    }
                }
                None
            })
        });
        let chosen: Option<Vec<usize>> = match strong {
            Some(i) if continued > 0 => Some((i..=i + continued).collect()),
            Some(i) => {
                let mut parts = vec![i];
                // A body's name on its own line directly above: 赵县人民政府 / 2022年度…报告.
                if i > 0 {
                    let prev = i - 1;
                    let pp = &self.paragraphs[prev];
                    let pt = self.paragraph_text(prev);
                    if candidates.contains(&prev)
                        && pp.line + 1 == self.paragraphs[i].line
                        && pp.kind == ParagraphKind::Body
                        && pt.chars().count() <= 25
                        && !pt.chars().any(|c| "，。、；：,.;:".contains(c))
                        && ORG_SUFFIXES.iter().any(|s| pt.ends_with(s))
                        && !self.title_candidate_text(i).starts_with(pt)
                    {
                        parts.insert(0, prev);
                    }
                }
                Some(parts)
            }
            None => candidates.first().copied().and_then(|i| {
                let t = self.paragraph_text(i);
                let n = t.chars().count();
                let heading_numbered = matches!(self.paragraphs[i].kind, ParagraphKind::Heading(h) if self.headings[h].number.is_some());
                // The first line of the text, short and not a sentence.
                (i == self.first_non_residue()
                    && n <= 40
                    && !heading_numbered
                    && !t.ends_with(['。', '，', '：', ':', ',', '；']))
                .then(|| vec![i])
            }),
        };
        let Some(parts) = chosen.or(card_title.map(|i| vec![i])) else {
            return;
        };
        // A body's name above the title keeps its own line (`\n`); a title
        // broken over lines reads as one line again.
        let joiner = if continued > 0 { "" } else { "\n" };
        let text = parts
            .iter()
            .map(|&i| {
                let t = self.title_candidate_text(i);
                card_field(t).map_or(t, |(_, value)| value)
            })
            .collect::<Vec<_>>()
            .join(joiner);
        let year = year_in(&fold_for_matching(&text));
        let last = *parts.last().unwrap_or(&0);
        // Repeats of the title (or of its parts) before the body are title too.
        let mut extra = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate().skip(last + 1) {
            let t = self.paragraph_text(i);
            if matches!(p.kind, ParagraphKind::Heading(h) if self.headings[h].number.is_some())
                || t.chars().count() > 70
            {
                break;
            }
            if p.kind == ParagraphKind::Body && text.contains(t) && t.chars().count() >= 4 {
                extra.push(i);
            }
        }
        for &i in parts.iter().chain(extra.iter()) {
            if let ParagraphKind::Heading(h) = self.paragraphs[i].kind {
                // A Markdown "# title" is the title, not a section.
                self.headings[h].paragraph = usize::MAX;
            }
            self.paragraphs[i].kind = ParagraphKind::Title;
        }
        if self.headings.iter().any(|h| h.paragraph == usize::MAX) {
            self.reindex_headings();
        }
        self.title = Some(Title {
            paragraphs: parts,
            text,
            year,
        });
    }

    /// The text of a title candidate: without Markdown `#`s.
    pub(super) fn title_candidate_text(&self, i: usize) -> &str {
        let t = self.paragraph_text(i);
        trim(t.trim_start_matches('#'))
    }

    pub(super) fn first_non_residue(&self) -> usize {
        self.paragraphs
            .iter()
            .position(|p| p.kind != ParagraphKind::Residue)
            .unwrap_or(usize::MAX)
    }

    /// Short lines before the title, and the furniture block at the end of
    /// the text (from its first residue line on), are residue too.
    pub(super) fn mark_edge_residue(&mut self) {
        if let Some(title) = &self.title {
            let first = title.paragraphs[0];
            for i in 0..first {
                if self.paragraphs[i].kind == ParagraphKind::Body
                    && self.paragraph_text(i).chars().count() <= MAX_RESIDUE_CHARS
                {
                    self.paragraphs[i].kind = ParagraphKind::Residue;
                }
            }
        }
        // Trailing block of short lines.
        let mut start = self.paragraphs.len();
        while start > 0 {
            let p = &self.paragraphs[start - 1];
            let t = self.paragraph_text(start - 1);
            let short = t.chars().count() <= 20 && !t.ends_with('。');
            if p.kind == ParagraphKind::Residue || (p.kind == ParagraphKind::Body && short) {
                start -= 1;
            } else {
                break;
            }
        }
        if let Some(first_marker) = (start..self.paragraphs.len())
            .find(|&i| self.paragraphs[i].kind == ParagraphKind::Residue)
        {
            for p in &mut self.paragraphs[first_marker..] {
                p.kind = ParagraphKind::Residue;
            }
        }
    }
}

/// Suffixes of a body's name standing on its own line above the title.
const ORG_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "委员会",
    "办公室",
    "局",
    "厅",
    "部",
    "委",
    "镇",
    "乡",
    "街道",
    "办事处",
    "县",
    "区",
    "市",
];

/// The labels of a portal's index card (信息公开目录 的 索引卡).
const CARD_LABELS: &[&str] = &[
    "索引号",
    "名称",
    "标题",
    "发布机构",
    "发文机关",
    "发文机构",
    "生成日期",
    "发布日期",
    "成文日期",
    "发文日期",
    "文号",
    "发文字号",
    "主题分类",
    "主题词",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "体裁分类",
    "组配分类",
    "信息来源",
    "信息分类",
    "内容概述",
];

/// The card fields whose value is the document's title.
const TITLE_FIELDS: &[&str] = &["名称", "标题"];

/// An index card's line: its label and its value (`名称：…` → ("名称", …)).
pub(super) fn card_field(line: &str) -> Option<(&'static str, &str)> {
    CARD_LABELS.iter().find_map(|&label| {
        let rest = line.strip_prefix(label)?.trim_start();
        let value = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
        Some((label, trim(value)))
    })
}
