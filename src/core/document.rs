//! The document model: a report draft as paragraphs, headings, a section
//! tree, a title and a report year.
//!
//! A paragraph is one non-blank line: Chinese reports put each paragraph on a
//! line of its own, and portals publish them that way.

use super::outline::{LineShape, NumberedHeading, NumberingIssue, check_numbering, classify_line};
pub use super::outline::{MarkerStyle, NumberingProblem};
use super::residue::{MAX_RESIDUE_CHARS, is_residue_line};
use super::text::{LineIndex, Position, TextFormat, fold_for_matching, normalize, trim};
use std::ops::Range;

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// (Part of) the title line.
    Title,
    /// A heading; the index into [`Document::headings`].
    Heading(usize),
    /// Body text.
    Body,
    /// Web residue: navigation, sharing, page furniture.
    Residue,
}

/// One paragraph (a non-blank line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the text without leading and trailing white space.
    pub range: Range<usize>,
    /// 1-based line number.
    pub line: usize,
    /// Structural kind.
    pub kind: ParagraphKind,
    /// The innermost heading whose section contains this paragraph (a
    /// heading's own paragraph belongs to its parent's section).
    pub section: Option<usize>,
}

/// A heading and the section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Index of the heading's paragraph.
    pub paragraph: usize,
    /// 1..=4.
    pub level: u8,
    /// The number of its marker, if numbered.
    pub number: Option<u32>,
    /// The marker style.
    pub style: MarkerStyle,
    /// Byte range of the marker.
    pub marker: Range<usize>,
    /// Byte range of the heading text (without a closing 。).
    pub title: Range<usize>,
    /// Byte range of a run-in body on the heading's line.
    pub body: Option<Range<usize>>,
    /// The enclosing heading.
    pub parent: Option<usize>,
    /// Sub-headings, in order.
    pub children: Vec<usize>,
    /// One past the last paragraph of this section.
    pub end_paragraph: usize,
}

/// The detected title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The paragraphs that make up the title (usually one; two when the body's
    /// name stands on a line of its own above the rest).
    pub paragraphs: Vec<usize>,
    /// The title text (lines joined with `\n`).
    pub text: String,
    /// The year the title names.
    pub year: Option<i32>,
}

/// A parsed report draft.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    format: TextFormat,
    folded: Option<String>,
    index: LineIndex,
    paragraphs: Vec<Paragraph>,
    headings: Vec<Heading>,
    title: Option<Title>,
    year: Option<i32>,
    numbering: Vec<NumberingIssue>,
    /// Per heading: it or an ancestor reads like a plans heading.
    plans_like: Vec<bool>,
}

impl Document {
    /// Parses raw text (a BOM and CRLF/CR line ends are normalised away and
    /// remembered in [`Document::format`]).
    pub fn parse(raw: &str) -> Document {
        let (text, format) = normalize(raw);
        Self::parse_normalized(text, format)
    }

    /// Parses text that is already normalised (no BOM, `\n` line ends).
    pub fn parse_normalized(text: String, format: TextFormat) -> Document {
        let index = LineIndex::new(&text);
        let folded = match fold_for_matching(&text) {
            std::borrow::Cow::Owned(f) => Some(f),
            std::borrow::Cow::Borrowed(_) => None,
        };
        let mut doc = Document {
            text,
            format,
            folded,
            index,
            paragraphs: Vec::new(),
            headings: Vec::new(),
            title: None,
            year: None,
            numbering: Vec::new(),
            plans_like: Vec::new(),
        };
        doc.split_paragraphs();
        doc.detect_title();
        doc.mark_edge_residue();
        doc.build_tree();
        doc.detect_year();
        doc
    }

    fn split_paragraphs(&mut self) {
        let text = &self.text;
        let mut offset = 0;
        let mut headings = Vec::new();
        for (line_no, line) in text.split('\n').enumerate() {
            let start = offset;
            offset += line.len() + 1;
            let t = trim(line);
            if t.is_empty() {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(super::text::is_space).len();
            let range = start + lead..start + lead + t.len();
            let kind = if is_residue_line(t) {
                ParagraphKind::Residue
            } else {
                match classify_line(line) {
                    LineShape::Heading(h) => {
                        // Relative to the line, clamped to the trimmed paragraph.
                        let shift = |r: Range<usize>| {
                            let a = (start + r.start).clamp(range.start, range.end);
                            let b = (start + r.end).clamp(a, range.end);
                            a..b
                        };
                        headings.push(Heading {
                            paragraph: self.paragraphs.len(),
                            level: h.level,
                            number: h.number,
                            style: h.style,
                            marker: shift(h.marker),
                            title: shift(h.title),
                            body: h.body.map(shift),
                            parent: None,
                            children: Vec::new(),
                            end_paragraph: 0,
                        });
                        ParagraphKind::Heading(headings.len() - 1)
                    }
                    _ => ParagraphKind::Body,
                }
            };
            self.paragraphs.push(Paragraph {
                range,
                line: line_no + 1,
                kind,
                section: None,
            });
        }
        self.headings = headings;
    }

    /// Finds the title among the first lines, before the body starts.
    fn detect_title(&mut self) {
        let mut candidates = Vec::new(); // paragraph indices in the opening
        for (i, p) in self.paragraphs.iter().enumerate().take(40) {
            if p.kind == ParagraphKind::Residue {
                continue;
            }
            let t = self.paragraph_text(i);
            let n = t.chars().count();
            let is_numbered_heading =
                matches!(p.kind, ParagraphKind::Heading(h) if self.headings[h].number.is_some());
            if is_numbered_heading || n > 100 {
                break;
            }
            candidates.push(i);
        }
        let strong = candidates.iter().copied().find(|&i| {
            let t = self.title_candidate_text(i);
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
        });
        let chosen: Option<Vec<usize>> = match strong {
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
        let Some(parts) = chosen else { return };
        let text = parts
            .iter()
            .map(|&i| self.title_candidate_text(i))
            .collect::<Vec<_>>()
            .join("\n");
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

    /// After some headings were turned into the title: drop them and renumber.
    fn reindex_headings(&mut self) {
        let old = std::mem::take(&mut self.headings);
        let mut map = vec![usize::MAX; old.len()];
        for (i, h) in old.into_iter().enumerate() {
            if h.paragraph != usize::MAX {
                map[i] = self.headings.len();
                self.headings.push(h);
            }
        }
        for p in &mut self.paragraphs {
            if let ParagraphKind::Heading(h) = p.kind {
                p.kind = ParagraphKind::Heading(map[h]);
            }
        }
    }

    /// The text of a title candidate: without Markdown `#`s.
    fn title_candidate_text(&self, i: usize) -> &str {
        let t = self.paragraph_text(i);
        trim(t.trim_start_matches('#'))
    }

    fn first_non_residue(&self) -> usize {
        self.paragraphs
            .iter()
            .position(|p| p.kind != ParagraphKind::Residue)
            .unwrap_or(usize::MAX)
    }

    /// Short lines before the title, and the furniture block at the end of
    /// the text (from its first residue line on), are residue too.
    fn mark_edge_residue(&mut self) {
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

    fn build_tree(&mut self) {
        let mut stack: Vec<usize> = Vec::new();
        let mut current: Option<usize> = None;
        for pi in 0..self.paragraphs.len() {
            if let ParagraphKind::Heading(h) = self.paragraphs[pi].kind {
                let level = self.headings[h].level;
                while let Some(&top) = stack.last() {
                    if self.headings[top].level >= level {
                        self.headings[top].end_paragraph = pi;
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let parent = stack.last().copied();
                self.headings[h].parent = parent;
                if let Some(p) = parent {
                    self.headings[p].children.push(h);
                }
                self.paragraphs[pi].section = parent;
                stack.push(h);
                current = Some(h);
            } else {
                self.paragraphs[pi].section = current.filter(|_| !stack.is_empty());
            }
        }
        let n = self.paragraphs.len();
        for h in stack {
            self.headings[h].end_paragraph = n;
        }
        let numbered: Vec<NumberedHeading> = self
            .headings
            .iter()
            .map(|h| NumberedHeading {
                level: h.level,
                number: h.number,
                style: h.style,
                parent: h.parent,
            })
            .collect();
        self.numbering = check_numbering(&numbered);
        let mut plans_like = vec![false; self.headings.len()];
        for h in 0..self.headings.len() {
            let t = &self.matching_text()[self.headings[h].title.clone()];
            let own = plan_words().is_match(t);
            // Parents come before children, so theirs is known.
            plans_like[h] = own || self.headings[h].parent.is_some_and(|p| plans_like[p]);
        }
        self.plans_like = plans_like;
    }

    /// Title year first; else the year the body speaks of most, leaving out
    /// residue, ranges (2021-2025年), book titles 《…》 and plans sections.
    fn detect_year(&mut self) {
        if let Some(y) = self.title.as_ref().and_then(|t| t.year) {
            self.year = Some(y);
            return;
        }
        self.year = self.dominant_body_year().map(|(y, _)| y);
    }

    fn in_plans_like_section(&self, paragraph: usize) -> bool {
        let s = match self.paragraphs[paragraph].kind {
            ParagraphKind::Heading(h) => Some(h),
            _ => self.paragraphs[paragraph].section,
        };
        s.is_some_and(|h| self.plans_like.get(h).copied().unwrap_or(false))
    }

    /// The year the body speaks of most (residue, plans sections, ranges and
    /// 《…》 titles left out), with its count.
    pub fn dominant_body_year(&self) -> Option<(i32, usize)> {
        let mut counts: Vec<(i32, usize, usize)> = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if matches!(p.kind, ParagraphKind::Residue | ParagraphKind::Title)
                || self.in_plans_like_section(i)
            {
                continue;
            }
            for y in body_years(&self.matching_text()[p.range.clone()]) {
                match counts.iter_mut().find(|c| c.0 == y) {
                    Some(c) => c.1 += 1,
                    None => counts.push((y, 1, i)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts.first().map(|c| (c.0, c.1))
    }

    /// The normalised text (no BOM, `\n` line ends).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text folded for keyword matching (traditional → simplified), with
    /// the same byte offsets as [`Document::text`].
    pub fn matching_text(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.text)
    }

    /// What normalisation removed (BOM, line endings).
    pub fn format(&self) -> TextFormat {
        self.format
    }

    /// The line index.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based position of a byte offset.
    pub fn position(&self, byte: usize) -> Position {
        self.index.position(&self.text, byte)
    }

    /// All paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].range.clone()]
    }

    /// All headings, in order.
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }

    /// The text of heading `h` (without marker and closing 。).
    pub fn heading_title(&self, h: usize) -> &str {
        &self.text[self.headings[h].title.clone()]
    }

    /// The body text of paragraph `p`: a body paragraph's whole text, a
    /// heading's run-in body; `None` for headings without one, the title and
    /// page furniture.
    pub fn body_range(&self, p: usize) -> Option<Range<usize>> {
        let para = &self.paragraphs[p];
        match para.kind {
            ParagraphKind::Body => Some(para.range.clone()),
            ParagraphKind::Heading(h) => self.headings[h].body.clone(),
            _ => None,
        }
    }

    /// The whole line of heading `h` as written (marker and title, without a
    /// run-in body).
    pub fn heading_line(&self, h: usize) -> &str {
        let hd = &self.headings[h];
        let p = &self.paragraphs[hd.paragraph];
        &self.text[p.range.start..hd.title.end.max(p.range.start)]
    }

    /// Top-level headings (the roots of the section tree).
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.headings.len()).filter(|&h| self.headings[h].parent.is_none())
    }

    /// Paragraph indices inside heading `h`'s section (after the heading).
    pub fn section_paragraphs(&self, h: usize) -> Range<usize> {
        let hd = &self.headings[h];
        hd.paragraph + 1..hd.end_paragraph
    }

    /// True when paragraph `p` lies inside heading `h`'s section (the
    /// heading's own paragraph included).
    pub fn in_section(&self, p: usize, h: usize) -> bool {
        let hd = &self.headings[h];
        p >= hd.paragraph && p < hd.end_paragraph
    }

    /// The number of characters of body text in heading `h`'s section: its
    /// run-in body plus every paragraph below it (sub-headings' text included).
    pub fn section_body_chars(&self, h: usize) -> usize {
        let hd = &self.headings[h];
        let mut n = hd
            .body
            .as_ref()
            .map(|b| self.text[b.clone()].chars().count())
            .unwrap_or(0);
        for p in self.section_paragraphs(h) {
            if self.paragraphs[p].kind != ParagraphKind::Residue {
                n += self.paragraph_text(p).chars().count();
            }
        }
        n
    }

    /// The detected title.
    pub fn title(&self) -> Option<&Title> {
        self.title.as_ref()
    }

    /// The report year (the year reported on), if it can be told.
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// Numbering problems, in text order.
    pub fn numbering_issues(&self) -> &[NumberingIssue] {
        &self.numbering
    }

    /// The number of characters in the text.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }
}

/// Words that mark a plans section heading in any report.
const PLAN_WORDS: &[&str] = &[
    "下一步",
    "下步",
    "下阶段",
    "下一阶段",
    "下一年",
    "打算",
    "工作安排",
    "主要安排",
    "工作计划",
    "工作思路",
    "明年",
    "今后",
    "努力方向",
];

fn plan_words() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::new(PLAN_WORDS).unwrap_or_else(|e| panic!("plan words: {e}"))
    })
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

/// The first year (1900–2099) written with 年 in `t`.
pub fn year_in(t: &str) -> Option<i32> {
    years_with_nian(t).next().map(|(y, _)| y)
}

/// Every `YYYY年` in `t` with its byte offset (years 1900–2099).
pub fn years_with_nian(t: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    let b = t.as_bytes();
    t.match_indices('年').filter_map(move |(at, _)| {
        let i = at.checked_sub(4)?;
        let d = &b[i..at];
        if !d.iter().all(u8::is_ascii_digit) || (i > 0 && b[i - 1].is_ascii_digit()) {
            return None;
        }
        let y = d.iter().fold(0i32, |acc, x| acc * 10 + (x - b'0') as i32);
        (1900..=2099).contains(&y).then_some((y, i))
    })
}

/// Years of a body paragraph that speak of a time the report covers: not
/// range ends (2021-2025年), not inside 《…》.
fn body_years(t: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut scanned = 0;
    for (y, i) in years_with_nian(t) {
        // Book-title depth at `i`, scanning only the new part of the text.
        for c in t[scanned..i].chars() {
            match c {
                '《' => depth += 1,
                '》' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        scanned = i;
        if depth > 0 {
            continue;
        }
        let before = t[..i].chars().next_back();
        if before.is_some_and(|c| matches!(c, '-' | '—' | '－' | '~' | '～' | '至' | '到' | '–'))
        {
            continue;
        }
        out.push(y);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "您当前所在位置: 首页 > 正文\n\
青禾镇2024年度法治政府建设情况报告\n\
来源: 青禾镇人民政府\n\
\n\
2024年，青禾镇坚持依法行政。\n\
一、主要举措和成效\n\
（一）加强组织领导。镇党委书记履行第一责任人职责。\n\
1.完善制度\n\
正文一。\n\
2.压实责任\n\
正文二。\n\
（二）推进依法行政\n\
正文三。\n\
二、存在的不足和原因\n\
由于人手不足，执法不够规范。\n\
三、2025年工作打算\n\
一是加强学习；二是完善制度。\n\
分享到:\n";

    #[test]
    fn parses_title_year_and_tree() {
        let d = Document::parse(SAMPLE);
        let t = d.title().expect("title");
        assert_eq!(t.text, "青禾镇2024年度法治政府建设情况报告");
        assert_eq!(d.year(), Some(2024));
        let roots: Vec<_> = d.roots().map(|h| d.heading_title(h)).collect();
        assert_eq!(
            roots,
            ["主要举措和成效", "存在的不足和原因", "2025年工作打算"]
        );
        let first = d.roots().next().unwrap();
        assert_eq!(d.headings()[first].children.len(), 2);
        let sub = d.headings()[first].children[0];
        assert_eq!(d.heading_title(sub), "加强组织领导");
        assert_eq!(d.headings()[sub].children.len(), 2);
        assert!(d.numbering_issues().is_empty());
        // Residue at both ends.
        assert_eq!(d.paragraphs()[0].kind, ParagraphKind::Residue);
        assert_eq!(d.paragraphs().last().unwrap().kind, ParagraphKind::Residue);
        assert_eq!(d.paragraphs()[2].kind, ParagraphKind::Residue);
    }

    #[test]
    fn enumeration_paragraph_is_body() {
        let d = Document::parse(SAMPLE);
        let p = d
            .paragraphs()
            .iter()
            .position(|p| d.text()[p.range.clone()].starts_with("一是"))
            .unwrap();
        assert_eq!(d.paragraphs()[p].kind, ParagraphKind::Body);
    }

    #[test]
    fn crlf_and_bom_keep_line_numbers() {
        let raw = format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n"));
        let d = Document::parse(&raw);
        assert!(d.format().bom);
        let h = d.roots().nth(1).unwrap();
        let p = &d.paragraphs()[d.headings()[h].paragraph];
        assert_eq!(p.line, 14);
        assert_eq!(d.position(p.range.start).line, 14);
    }

    #[test]
    fn numbering_gap_is_reported() {
        let d = Document::parse("一、甲\n正文\n三、丙\n正文\n");
        let issues = d.numbering_issues();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].problem, NumberingProblem::Gap);
    }

    #[test]
    fn two_line_title() {
        let d = Document::parse(
            "赵县人民政府\n2022年度法治政府建设情况报告\n2022年，县政府深入学习。\n",
        );
        assert_eq!(
            d.title().unwrap().text,
            "赵县人民政府\n2022年度法治政府建设情况报告"
        );
        assert_eq!(d.year(), Some(2022));
    }

    #[test]
    fn markdown_title() {
        let d =
            Document::parse("# 青禾镇2024年度法治政府建设情况报告\n\n## 一、主要举措\n正文。\n");
        assert_eq!(
            d.title().unwrap().text,
            "青禾镇2024年度法治政府建设情况报告"
        );
        assert_eq!(d.headings().len(), 1);
        assert_eq!(d.heading_title(0), "主要举措");
    }

    #[test]
    fn year_from_body_ignores_plans_ranges_and_book_titles() {
        let text = "某局\n2020年，我局推进法治建设。2020年度成效明显。\n按照《纲要(2015-2021年)》和《2019年报告》要求。\n一、下一步工作打算\n2021年要做好2021年的工作，2021年继续。\n";
        let d = Document::parse(text);
        assert_eq!(d.title().unwrap().text, "某局");
        assert_eq!(d.year(), Some(2020));
    }

    #[test]
    fn no_title_when_body_starts_at_once() {
        let d = Document::parse(
            "|\n2024年,青禾镇围绕建设法治政府的目标,把依法行政贯穿到各项工作当中,全年办理各类事项一万余件,群众满意度不断提高。\n一、主要举措\n",
        );
        assert!(d.title().is_none());
        assert_eq!(d.year(), Some(2024));
    }

    #[test]
    fn traditional_text_is_folded_for_matching() {
        let d = Document::parse("某縣2023年度法治政府建設情況報告\n");
        assert!(d.matching_text().contains("报告"));
        assert_eq!(d.title().unwrap().text, "某縣2023年度法治政府建設情況報告");
    }
}
