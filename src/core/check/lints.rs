//! Lints: what reviewers criticise, each with a position and a message.
//! Rules: numbering, placeholder, web-residue, year-consistency,
//! empty-section, thin-section, duplicate-paragraph, percent-range; and
//! through `arithmetic`, parts-sum and rate, through `consistency`,
//! figure-consistency.

use super::memo::Reuse;
use super::{ItemResult, ItemSections, Lint, Status, patterns};
use crate::core::document::{Document, NumberingProblem, ParagraphKind, years_with_nian};
use crate::core::figures::Figure;
use crate::core::lang::Lang;
use crate::core::spec::{CompiledSpec, LintSettings};
use crate::core::text::{Position, truncate_chars};
use crate::tr;
use std::ops::Range;

/// Runs every enabled lint rule.
pub(super) fn run(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    items: &[ItemResult],
    figures: &[Figure],
    lang: Lang,
    reuse: &mut Reuse,
) -> Vec<Lint> {
    let l = &spec.spec.lints;
    let mut out = Vec::new();
    let mut push = |rule: &'static str, s: &LintSettings, range: Range<usize>, message: String| {
        let position = doc.position(range.start);
        out.push(lint(rule, s, range, position, message));
    };
    if l.numbering.enabled {
        numbering(doc, lang, &mut |r, m| push("numbering", &l.numbering, r, m));
    }
    if l.placeholder.enabled {
        placeholder(doc, spec, lang, reuse, &mut |r, m| {
            push("placeholder", &l.placeholder, r, m)
        });
    }
    if l.web_residue.enabled {
        web_residue(doc, lang, &mut |r, m| {
            push("web-residue", &l.web_residue, r, m)
        });
    }
    if l.year_consistency.enabled {
        let plans_id = l.year_consistency.item.as_deref().unwrap_or("next_year");
        let plans: Vec<usize> = spec
            .item_index(plans_id)
            .map(|i| sections[i].clone())
            .unwrap_or_default();
        year_consistency(doc, &plans, lang, &mut |r, m| {
            push("year-consistency", &l.year_consistency, r, m)
        });
    }
    if l.empty_section.enabled {
        empty_section(doc, lang, &mut |r, m| {
            push("empty-section", &l.empty_section, r, m)
        });
    }
    if l.thin_section.enabled {
        thin_section(doc, spec, sections, items, lang, &mut |r, m| {
            push("thin-section", &l.thin_section, r, m)
        });
    }
    if l.duplicate_paragraph.enabled {
        let min = l.duplicate_paragraph.min_chars.unwrap_or(30);
        duplicate_paragraph(doc, min, lang, &mut |r, m| {
            push("duplicate-paragraph", &l.duplicate_paragraph, r, m)
        });
    }
    if l.percent_range.enabled {
        percent_range(doc, figures, lang, &mut |r, m| {
            push("percent-range", &l.percent_range, r, m)
        });
    }
    if l.punctuation.enabled {
        super::punctuation::punctuation(doc, lang, reuse, &mut |r, m| {
            push("punctuation", &l.punctuation, r, m)
        });
    }
    if l.parts_sum.enabled {
        super::arithmetic::parts_sum(doc.matching_text(), figures, lang, &mut |r, m| {
            push("parts-sum", &l.parts_sum, r, m)
        });
    }
    if l.rate.enabled {
        super::arithmetic::rate(doc.matching_text(), figures, lang, &mut |r, m| {
            push("rate", &l.rate, r, m)
        });
    }
    if l.figure_consistency.enabled {
        // A finding at a figure is placed at the figure's position, already
        // worked out (a draft restating many figures has hundreds of such
        // findings, each otherwise placed by counting its line's
        // characters).
        let names = naming_ranges(doc, figures, reuse);
        super::consistency::figure_consistency(figures, &names, lang, &mut |f, m| {
            debug_assert_eq!(f.position, doc.position(f.range.start), "{f:?}");
            let s = &l.figure_consistency;
            out.push(lint(
                "figure-consistency",
                s,
                f.range.clone(),
                f.position,
                m,
            ));
        });
    }
    out.sort_by_key(|x| (x.range.start, x.rule));
    out
}

type Sink<'a> = dyn FnMut(Range<usize>, String) + 'a;

/// The naming words figure-consistency compares each figure by, a
/// paragraph's figures at a time (they are in text order), kept in the
/// check's memo.
fn naming_ranges(doc: &Document, figures: &[Figure], reuse: &mut Reuse) -> Vec<Option<Range<u16>>> {
    let text = doc.matching_text();
    if !reuse.has_memo() {
        return super::consistency::naming_ranges(text, figures);
    }
    let mut names = Vec::with_capacity(figures.len());
    let mut rest = figures;
    while let Some(first) = rest.first() {
        let pi = first.paragraph;
        let n = rest.iter().take_while(|f| f.paragraph == pi).count();
        let (run, after) = rest.split_at(n);
        reuse.names(pi, n, &mut names, || {
            super::consistency::naming_ranges(text, run)
        });
        rest = after;
    }
    names
}

/// A finding of `rule` (with its settings) at `range`, placed at `position`.
fn lint(
    rule: &'static str,
    s: &LintSettings,
    range: Range<usize>,
    position: Position,
    message: String,
) -> Lint {
    Lint {
        rule,
        severity: s.severity,
        message,
        position,
        range,
    }
}

fn heading_range(doc: &Document, h: usize) -> Range<usize> {
    let hd = &doc.headings()[h];
    doc.paragraphs()[hd.paragraph].range.start..hd.title.end
}

fn numbering(doc: &Document, lang: Lang, sink: &mut Sink) {
    for issue in doc.numbering_issues() {
        let h = &doc.headings()[issue.heading];
        let found = h.style.render(issue.found);
        let expected = h.style.render(issue.expected);
        // A gap or a wrong start shifts the whole run after it: said at
        // once (（五）至（九）应依次为（四）至（八）), fixed at once.
        let run = crate::core::fix::numbering_run(doc, issue.heading).len() as u32;
        let (last_found, last_expected) = (
            h.style.render(issue.found + run.saturating_sub(1)),
            h.style.render(issue.expected + run.saturating_sub(1)),
        );
        let msg = match issue.problem {
            NumberingProblem::Gap | NumberingProblem::BadStart if run > 1 => tr!(
                lang,
                "编号跳号：{found}至{last_found}应依次为{expected}至{last_expected}",
                "numbering gap: {found} to {last_found} should be {expected} to {last_expected}"
            ),
            NumberingProblem::Gap => tr!(
                lang,
                "编号跳号：这里是{found}，应为{expected}",
                "numbering gap: {found} where {expected} was expected"
            ),
            NumberingProblem::Repeat => tr!(
                lang,
                "编号重复：{found}出现两次，应为{expected}",
                "numbering repeats: {found} twice; {expected} was expected"
            ),
            NumberingProblem::Disorder => tr!(
                lang,
                "编号顺序颠倒：{found}出现在后面，应为{expected}",
                "numbering out of order: {found} where {expected} was expected"
            ),
            NumberingProblem::BadStart => tr!(
                lang,
                "编号没有从{expected}开始（这里是{found}）",
                "numbering does not start at {expected} ({found} here)"
            ),
        };
        sink(heading_range(doc, issue.heading), msg);
    }
}

fn placeholder(
    doc: &Document,
    spec: &CompiledSpec,
    lang: Lang,
    reuse: &mut Reuse,
    sink: &mut Sink,
) {
    let text = doc.text();
    for (pi, p) in doc.paragraphs().iter().enumerate() {
        if p.kind == ParagraphKind::Residue {
            continue;
        }
        let t = &text[p.range.clone()];
        for r in reuse.placeholders(pi, || placeholders_in(t, spec)) {
            let what = &t[r.clone()];
            sink(
                p.range.start + r.start..p.range.start + r.end,
                tr!(
                    lang,
                    "占位符“{what}”还没有替换成实际内容",
                    "placeholder \"{what}\" not yet replaced with real content"
                ),
            );
        }
    }
}

/// The placeholders of a paragraph's text `t`: the built-in patterns, the
/// spec's, and an ellipsis outside quotation marks (it stands for text
/// still to come); in order, none overlapping.
fn placeholders_in(t: &str, spec: &CompiledSpec) -> Vec<Range<usize>> {
    let mut hits = patterns::placeholders(t);
    if t.contains('待') {
        hits.extend(patterns::bracket_placeholders(t));
    }
    for re in &spec.placeholder_patterns {
        hits.extend(re.find_all(t));
    }
    if t.contains("……") {
        let mut depth = 0i32;
        for (i, c) in t.char_indices() {
            match c {
                '“' | '「' | '"' => depth += 1,
                '”' | '」' => depth = (depth - 1).max(0),
                '…' if depth == 0 && t[i..].starts_with("……") && !t[..i].ends_with('…') => {
                    hits.push(i..i + "……".len());
                }
                _ => {}
            }
        }
    }
    hits.sort_by_key(|r| r.start);
    hits.dedup_by(|b, a| b.start < a.end);
    hits
}

fn web_residue(doc: &Document, lang: Lang, sink: &mut Sink) {
    let ps = doc.paragraphs();
    let mut i = 0;
    while i < ps.len() {
        if ps[i].kind != ParagraphKind::Residue {
            i += 1;
            continue;
        }
        let start = i;
        while i < ps.len() && ps[i].kind == ParagraphKind::Residue {
            i += 1;
        }
        let n = i - start;
        let first = truncate_chars(doc.paragraph_text(start), 24).into_owned();
        let msg = if n == 1 {
            tr!(
                lang,
                "网页残留：“{first}”，发布前应删除",
                "web page residue: \"{first}\"; remove before publishing"
            )
        } else {
            tr!(
                lang,
                "网页残留（{n}行，自“{first}”起），发布前应删除",
                "web page residue ({n} lines from \"{first}\"); remove before publishing"
            )
        };
        sink(ps[start].range.start..ps[i - 1].range.end, msg);
    }
}

fn year_consistency(doc: &Document, plans: &[usize], lang: Lang, sink: &mut Sink) {
    let text = doc.matching_text();
    // Degenerate or reversed ranges: 纲要(2023-2023).
    for r in patterns::year_ranges(text) {
        // Within one paragraph that is not page furniture.
        let ps = doc.paragraphs();
        let m = &r.whole;
        let k = ps.partition_point(|p| p.range.end <= m.start);
        let Some(p) = ps.get(k) else { continue };
        if p.kind == ParagraphKind::Residue || m.start < p.range.start || m.end > p.range.end {
            continue;
        }
        let (ya, yb) = (
            text[r.from.clone()].parse::<i32>().unwrap_or(0),
            text[r.to.clone()].parse::<i32>().unwrap_or(0),
        );
        if yb <= ya {
            let shown = &doc.text()[m.clone()];
            sink(
                m.clone(),
                tr!(
                    lang,
                    "年份区间“{shown}”不对：结束年份不晚于起始年份",
                    "the year range \"{shown}\" ends no later than it starts"
                ),
            );
        }
    }
    let Some(year) = doc.year() else { return };
    // The title's year against the year the body speaks of.
    if let Some(t) = doc.title()
        && let Some(ty) = t.year
        && let Some((by, count)) = doc.dominant_body_year()
        && by != ty
        && count >= 3
    {
        let p = &doc.paragraphs()[t.paragraphs[0]];
        sink(
            p.range.clone(),
            tr!(
                lang,
                "标题写的是{ty}年，正文说的主要是{by}年（出现{count}次）：是否改年份时漏改？",
                "the title says {ty} but the body speaks mostly of {by} ({count} times): a year left unchanged?"
            ),
        );
    }
    let plans_paragraphs = doc.in_sections(plans);
    let in_plans = |pi: usize| plans_paragraphs.get(pi).copied().unwrap_or(false);
    for (pi, p) in doc.paragraphs().iter().enumerate() {
        if matches!(p.kind, ParagraphKind::Residue | ParagraphKind::Title) {
            continue;
        }
        let t = &text[p.range.clone()];
        if in_plans(pi) {
            // Plans are for next year.
            let heading_para = matches!(p.kind, ParagraphKind::Heading(h) if plans.contains(&h));
            for (y, at) in years_with_nian(t) {
                let after = &t[at + "0000年".len()..];
                let before = &t[..at];
                let deadline = ["底", "年底", "内", "前", "全年", "上半年", "下半年"]
                    .iter()
                    .any(|w| after.starts_with(w))
                    || ["力争", "争取", "计划", "确保", "于", "到"]
                        .iter()
                        .any(|w| before.ends_with(w));
                if y <= year && (heading_para || deadline) {
                    sink(
                        p.range.start + at..p.range.start + at + 7,
                        tr!(
                            lang,
                            "下一年度安排里写的是{y}年，本报告是{year}年度的，安排应是{}年的",
                            "a plan for {y} in the {year} report: plans are for {}",
                            year + 1
                        ),
                    );
                }
            }
            continue;
        }
        // A report approving or citing itself: 《…{year}年度…报告》 in the {year} report.
        if !t.contains("报告") {
            continue;
        }
        let mut search = 0;
        while let Some(open) = t[search..].find('《').map(|i| i + search) {
            let Some(close) = t[open..].find('》').map(|i| i + open) else {
                break;
            };
            let book = &t[open..close];
            if book.contains("报告")
                && book.contains("法治")
                && years_with_nian(book).any(|(y, _)| y == year)
            {
                let shown =
                    &doc.text()[p.range.start + open..p.range.start + close + '》'.len_utf8()];
                sink(
                    p.range.start + open..p.range.start + close + '》'.len_utf8(),
                    tr!(
                        lang,
                        "{year}年度的报告里提到{shown}：是否应为{}年度（上一年的报告）？",
                        "the {year} report cites {shown}: should it be {} (last year's report)?",
                        year - 1
                    ),
                );
            }
            search = close;
        }
    }
}

fn empty_section(doc: &Document, lang: Lang, sink: &mut Sink) {
    for (h, hd) in doc.headings().iter().enumerate() {
        if hd.body.is_some() || doc.paragraph_text(hd.paragraph).ends_with('。') {
            continue;
        }
        let has_body = doc
            .section_paragraphs(h)
            .any(|p| doc.paragraphs()[p].kind != ParagraphKind::Residue);
        if !has_body {
            let title = truncate_chars(doc.heading_title(h), 20).into_owned();
            sink(
                heading_range(doc, h),
                tr!(lang, "“{title}”下面没有内容", "\"{title}\" has no body"),
            );
        }
    }
}

fn thin_section(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    items: &[ItemResult],
    lang: Lang,
    sink: &mut Sink,
) {
    for (ii, item) in spec.spec.items.iter().enumerate() {
        let Some(min) = item.min_chars else { continue };
        if items[ii].status != Status::Met {
            continue;
        }
        let Some(&h) = sections[ii].first() else {
            continue;
        };
        let n = doc.section_body_chars(h);
        if n < min {
            let title = &items[ii].title;
            sink(
                heading_range(doc, h),
                tr!(
                    lang,
                    "“{title}”部分只有{n}个字，太单薄（至少应有{min}字）",
                    "the \"{title}\" section has only {n} characters, too thin (at least {min} expected)"
                ),
            );
        }
    }
}

fn duplicate_paragraph(doc: &Document, min: usize, lang: Lang, sink: &mut Sink) {
    // Exact repeats of a paragraph's text (ends trimmed), hashed first.
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for pi in 0..doc.paragraphs().len() {
        let Some(range) = doc.body_range(pi) else {
            continue;
        };
        let t = &doc.text()[range.clone()];
        // Fewer bytes than `min` cannot hold `min` characters.
        if t.len() < min || t.chars().count() < min {
            continue;
        }
        match seen.get(t) {
            Some(&first) => {
                let line = doc.paragraphs()[first].line;
                sink(
                    range,
                    tr!(
                        lang,
                        "这一段与第{line}行的段落完全相同",
                        "this paragraph repeats the one at line {line}"
                    ),
                );
            }
            None => {
                seen.insert(t, pi);
            }
        }
    }
}

fn percent_range(doc: &Document, figures: &[Figure], lang: Lang, sink: &mut Sink) {
    for f in figures {
        if f.unit != "%" || f.value <= 100.0 {
            continue;
        }
        let before = &doc.matching_text()[f.clause.start..f.range.start];
        if ["率", "占比", "比例", "比重", "覆盖面"]
            .iter()
            .any(|w| before.contains(w))
        {
            let v = f.value;
            let ctx = f.context();
            sink(
                f.range.clone(),
                tr!(
                    lang,
                    "“{ctx}”是比率，{v}%超过了100%",
                    "\"{ctx}\" is a rate; {v}% is over 100%"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::check::{CheckOptions, check};

    fn lints(text: &str) -> Vec<Lint> {
        let d = Document::parse(text);
        check(&d, &CompiledSpec::default_spec(), &CheckOptions::default()).lints
    }

    fn rules(text: &str) -> Vec<&'static str> {
        lints(text).into_iter().map(|l| l.rule).collect()
    }

    #[test]
    fn numbering_gap_message_and_position() {
        let ls = lints("标题\n一、甲\n正文一。\n三、丙\n正文三。\n");
        let l = ls.iter().find(|l| l.rule == "numbering").unwrap();
        assert_eq!(l.position.line, 4);
        assert!(
            l.message.contains("三、") && l.message.contains("二、"),
            "{}",
            l.message
        );
    }

    #[test]
    fn placeholders() {
        for t in [
            "共办理案件*件。",
            "接待群众＊人。",
            "XX镇人民政府。",
            "调解××件。",
            "【待补充】数据。",
            "TODO 补数字。",
            "共开展活动……场。",
        ] {
            assert!(
                rules(&format!("标题\n{t}\n")).contains(&"placeholder"),
                "{t}"
            );
        }
        for t in [
            "2008年即二〇〇八年。",
            "引用“……”原文。",
            "制度有待补充完善。",
            "**加粗**文字。",
        ] {
            assert!(
                !rules(&format!("标题\n{t}\n")).contains(&"placeholder"),
                "{t}"
            );
        }
    }

    #[test]
    fn web_residue_grouped() {
        let ls = lints(
            "您当前所在位置: 首页 > 正文\n来源: 某镇\n某镇2024年度法治政府建设情况报告\n正文。\n分享到:\n",
        );
        let wr: Vec<_> = ls.iter().filter(|l| l.rule == "web-residue").collect();
        assert_eq!(wr.len(), 2, "{wr:?}");
        assert_eq!(wr[0].position.line, 1);
    }

    #[test]
    fn year_consistency_rules() {
        let t = "某镇2024年度法治政府建设情况报告\n2024年，主持审议《某镇2024年度法治政府建设情况报告》。\n按照纲要(2023-2023年)要求。\n一、下一步工作打算\n力争2024年底前完成。2025年继续推进。\n";
        let ls: Vec<_> = lints(t)
            .into_iter()
            .filter(|l| l.rule == "year-consistency")
            .collect();
        assert_eq!(ls.len(), 3, "{ls:?}");
        assert_eq!(ls[0].position.line, 2);
        assert_eq!(ls[1].position.line, 3);
        assert_eq!(ls[2].position.line, 5);
        // Citing last year's report and planning for next year are fine.
        let ok = "某镇2024年度法治政府建设情况报告\n2024年，审议《某镇2023年度法治政府建设情况报告》。\n一、下一步工作打算\n力争2025年底前完成。\n";
        assert!(!rules(ok).contains(&"year-consistency"));
    }

    #[test]
    fn title_year_against_body() {
        let t = "某镇2024年度法治政府建设情况报告\n2023年，我镇推进法治。2023年成效明显。2023年完成任务。\n";
        assert!(rules(t).contains(&"year-consistency"));
    }

    #[test]
    fn empty_and_duplicate_and_percent() {
        let para = "组织全镇干部开展法治专题学习，提升依法行政能力和水平，推动工作落实。";
        let t = format!("标题\n一、甲\n二、乙\n{para}\n{para}\n执法人员持证率达120%。\n");
        let r = rules(&t);
        assert!(r.contains(&"empty-section"), "{r:?}");
        assert!(r.contains(&"duplicate-paragraph"), "{r:?}");
        assert!(r.contains(&"percent-range"), "{r:?}");
        // Completing 101% of a task is not a rate.
        assert!(!rules("标题\n完成年度任务的101.09%。\n").contains(&"percent-range"));
    }

    #[test]
    fn thin_shortcomings() {
        let t = "标题\n一、主要举措和成效\n正文。\n二、存在的不足\n执法不规范。\n";
        assert!(rules(t).contains(&"thin-section"));
    }
}
