//! Fixes the tool can make: a heading run renumbered at one level under one
//! parent (（五）…（九） → （四）…（八）, the writer's own marks kept), web
//! residue lines removed, half-width punctuation made full-width, last
//! year's years rolled forward in a plans paragraph (and a self-citation
//! turned into last year's report). Each fix is a list of edits (byte
//! range → replacement) on the text it was found in. Pure: text in, edits
//! out.

use super::document::{Document, NumberingProblem};
use super::outline::chinese_number;
use std::ops::Range;

/// One edit of a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// What is replaced.
    pub range: Range<usize>,
    /// By what.
    pub text: String,
}

/// A fix of one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The lint rule it answers.
    pub rule: &'static str,
    /// Where the finding is (the start of its first edit).
    pub at: usize,
    /// Its edits, in text order, not overlapping.
    pub edits: Vec<Edit>,
}

/// The rules with a fix.
pub const FIXABLE: &[&str] = &[
    "numbering",
    "web-residue",
    "punctuation",
    "year-consistency",
];

/// The headings of a numbering issue's run: the heading found wrong and
/// the siblings after it (same parent, same style) that go on counting from
/// it (（五）（六）（七） after a missing （四）).
pub fn numbering_run(doc: &Document, heading: usize) -> Vec<usize> {
    let hs = doc.headings();
    let Some(first) = hs.get(heading) else {
        return Vec::new();
    };
    let Some(mut n) = first.number else {
        return vec![heading];
    };
    let mut run = vec![heading];
    for (i, h) in hs.iter().enumerate().skip(heading + 1) {
        // A heading above this level ends the parent's section: no sibling
        // comes after it (the rest of the document is not scanned for each
        // numbering issue).
        if h.level < first.level {
            break;
        }
        if h.parent != first.parent || h.style != first.style || h.level != first.level {
            continue;
        }
        match h.number {
            Some(m) if m == n + 1 => {
                run.push(i);
                n = m;
            }
            _ => break,
        }
    }
    run
}

/// `marker` with its number written as `n`, in the writer's own way (一 or
/// 1 or １, brackets and stops as they are).
pub fn renumber_marker(marker: &str, n: u32) -> Option<String> {
    let is_cn = |c: char| "零一二三四五六七八九十百".contains(c);
    let is_digit = |c: char| c.is_ascii_digit();
    let is_wide = |c: char| ('０'..='９').contains(&c);
    let (start, first) = marker
        .char_indices()
        .find(|&(_, c)| is_cn(c) || is_digit(c) || is_wide(c))?;
    let class = |c: char| {
        if is_cn(first) {
            is_cn(c)
        } else if is_digit(first) {
            is_digit(c)
        } else {
            is_wide(c)
        }
    };
    let end = marker[start..]
        .char_indices()
        .find(|&(_, c)| !class(c))
        .map_or(marker.len(), |(i, _)| start + i);
    let number = if is_cn(first) {
        chinese_number(n)
    } else if is_digit(first) {
        n.to_string()
    } else {
        n.to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
            .collect()
    };
    Some(format!("{}{number}{}", &marker[..start], &marker[end..]))
}

/// Every fix for the findings in `doc` of `rules` (all fixable ones when
/// empty); web residue is what the check's `lints` found (a flattened
/// table's bars are not residue).
pub fn fixes(doc: &Document, lints: &[super::check::Lint], rules: &[&str]) -> Vec<Fix> {
    let wants = |r: &str| rules.is_empty() || rules.contains(&r);
    let mut out = Vec::new();
    if wants("numbering") {
        let mut taken: Vec<usize> = Vec::new();
        for issue in doc.numbering_issues() {
            if !matches!(
                issue.problem,
                NumberingProblem::Gap | NumberingProblem::BadStart
            ) || taken.contains(&issue.heading)
            {
                continue;
            }
            let run = numbering_run(doc, issue.heading);
            let mut edits = Vec::new();
            for (k, &h) in run.iter().enumerate() {
                let hd = &doc.headings()[h];
                let marker = &doc.text()[hd.marker.clone()];
                if let Some(text) = renumber_marker(marker, issue.expected + k as u32) {
                    edits.push(Edit {
                        range: hd.marker.clone(),
                        text,
                    });
                }
            }
            taken.extend(&run);
            if let Some(first) = edits.first() {
                out.push(Fix {
                    rule: "numbering",
                    at: first.range.start,
                    edits,
                });
            }
        }
    }
    if wants("web-residue") {
        let text = doc.text();
        for l in lints.iter().filter(|l| l.rule == "web-residue") {
            // The whole lines it covers, with their line ends.
            let start = text[..l.range.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[l.range.end.min(text.len())..]
                .find('\n')
                .map_or(text.len(), |i| l.range.end + i + 1);
            out.push(Fix {
                rule: "web-residue",
                at: l.range.start,
                edits: vec![Edit {
                    range: start..end,
                    text: String::new(),
                }],
            });
        }
    }
    if wants("punctuation") {
        let text = doc.text();
        for l in lints.iter().filter(|l| l.rule == "punctuation") {
            // The paragraph of the finding, its marks all changed.
            let Some(p) = doc
                .paragraphs()
                .iter()
                .find(|p| p.range.start <= l.range.start && l.range.start < p.range.end)
            else {
                continue;
            };
            let edits: Vec<Edit> = super::punctuation::scan(&text[p.range.clone()])
                .into_iter()
                .map(|e| Edit {
                    range: p.range.start + e.range.start..p.range.start + e.range.end,
                    text: e.text,
                })
                .collect();
            if !edits.is_empty() {
                out.push(Fix {
                    rule: "punctuation",
                    at: l.range.start,
                    edits,
                });
            }
        }
    }
    if wants("year-consistency") {
        out.extend(year_fixes(doc, lints));
    }
    out.sort_by_key(|f| f.at);
    out
}

/// The year fixes: a plans paragraph whose plans are dated this year or
/// earlier (copied from last year's report) has that year rolled to next
/// year wherever it stands in the paragraph as a year of its own (not a
/// range's end, not inside a 《title》); a report citing itself
/// (《…2024年度…报告》 in the 2024 report) cites last year's. The title's
/// year against the body's, and reversed ranges, are questions with no
/// one answer: no fix.
fn year_fixes(doc: &Document, lints: &[super::check::Lint]) -> Vec<Fix> {
    use super::document::{standalone_years, years_with_nian};
    let Some(year) = doc.year() else {
        return Vec::new();
    };
    let text = doc.text();
    let digits = |y: i32| y.to_string();
    let mut out: Vec<Fix> = Vec::new();
    // Plans paragraphs with the stale years found in them, in text order.
    let mut plans: Vec<(usize, Vec<i32>, usize)> = Vec::new();
    for l in lints.iter().filter(|l| l.rule == "year-consistency") {
        let Some(found) = text.get(l.range.clone()) else {
            continue;
        };
        let is_year = found.len() == "0000年".len()
            && found.ends_with('年')
            && found.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        let ps = doc.paragraphs();
        let pi = ps.partition_point(|p| p.range.end <= l.range.start);
        if ps.get(pi).is_none_or(|p| l.range.start < p.range.start) {
            continue;
        }
        if is_year {
            let y: i32 = found[..4].parse().unwrap_or(0);
            match plans.iter_mut().find(|(p, _, _)| *p == pi) {
                Some((_, ys, _)) if !ys.contains(&y) => ys.push(y),
                Some(_) => {}
                None => plans.push((pi, vec![y], l.range.start)),
            }
        } else if found.starts_with('《') && found.ends_with('》') {
            let edits: Vec<Edit> = years_with_nian(found)
                .filter(|&(y, _)| y == year)
                .map(|(_, at)| Edit {
                    range: l.range.start + at..l.range.start + at + 4,
                    text: digits(year - 1),
                })
                .collect();
            if !edits.is_empty() {
                out.push(Fix {
                    rule: "year-consistency",
                    at: l.range.start,
                    edits,
                });
            }
        }
    }
    for (pi, stale, at) in plans {
        let range = doc.paragraphs()[pi].range.clone();
        let t = &text[range.clone()];
        let edits: Vec<Edit> = standalone_years(t)
            .filter(|(y, _)| stale.contains(y))
            .map(|(_, i)| Edit {
                range: range.start + i..range.start + i + 4,
                text: digits(year + 1),
            })
            .collect();
        if !edits.is_empty() {
            out.push(Fix {
                rule: "year-consistency",
                at,
                edits,
            });
        }
    }
    out
}

/// `text` with `fixes` applied (edits that overlap an earlier one are
/// left out).
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    apply_edits(text, fixes.iter().flat_map(|f| &f.edits))
}

/// `text` with `edits` applied, in text order (one overlapping an earlier
/// one is left out).
pub fn apply_edits<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.into_iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at || e.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_renumbers_its_whole_run_in_the_writers_marks() {
        let text = "标题\n一、甲\n（一）子\n正文\n(三)子\n正文\n（四）子\n正文\n二、乙\n（一）子\n";
        let doc = Document::parse(text);
        let fs = fixes(&doc, &[], &["numbering"]);
        assert_eq!(fs.len(), 1, "{fs:?}");
        let fixed = apply(text, &fs);
        assert_eq!(
            fixed,
            "标题\n一、甲\n（一）子\n正文\n(二)子\n正文\n（三）子\n正文\n二、乙\n（一）子\n"
        );
        // Fixed text has no numbering issue left.
        assert!(Document::parse(&fixed).numbering_issues().is_empty());
    }

    #[test]
    fn a_run_goes_past_deeper_headings_and_ends_with_its_parents_section() {
        let text =
            "标题\n一、甲\n（一）子\n正文\n(三)子\n1.孙\n正文\n（四）子\n1.孙\n二、乙\n（五）子\n";
        let doc = Document::parse(text);
        let at = |title: &str| {
            (0..doc.headings().len())
                .find(|&h| doc.heading_line(h).contains(title))
                .unwrap()
        };
        let (three, four) = (at("(三)"), at("（四）"));
        assert_eq!(numbering_run(&doc, three), vec![three, four]);
    }

    #[test]
    fn markers_keep_their_script_and_stops() {
        assert_eq!(renumber_marker("（五）", 4).as_deref(), Some("（四）"));
        assert_eq!(renumber_marker("12．", 11).as_deref(), Some("11．"));
        assert_eq!(renumber_marker("３、", 2).as_deref(), Some("２、"));
        assert_eq!(renumber_marker("## 十一、", 10).as_deref(), Some("## 十、"));
        assert_eq!(renumber_marker("（甲）", 1), None);
    }

    #[test]
    fn residue_lines_are_removed_with_their_line_ends() {
        let text = "某镇2024年度法治政府建设情况报告\n分享到：微信 微博\n一、主要举措\n正文。\n【打印本页】【关闭窗口】\n";
        let doc = Document::parse(text);
        let spec = crate::core::spec::CompiledSpec::default_spec();
        let report = crate::core::check::check(&doc, &spec, &Default::default());
        let fixed = apply(text, &fixes(&doc, &report.lints, &["web-residue"]));
        assert_eq!(
            fixed,
            "某镇2024年度法治政府建设情况报告\n一、主要举措\n正文。\n"
        );
    }
}

#[cfg(test)]
mod punctuation_tests {
    use super::*;

    #[test]
    fn a_paragraphs_punctuation_is_fixed_in_one_go() {
        let text = "某镇2024年度法治政府建设情况报告\n一、主要举措\n(一)加强领导\n全年办理案件38件,其中复议2件;2024 年完成\"法治镇\"创建.\n";
        let doc = Document::parse(text);
        let spec = crate::core::spec::CompiledSpec::default_spec();
        let report = crate::core::check::check(&doc, &spec, &Default::default());
        let fs = fixes(&doc, &report.lints, &["punctuation"]);
        assert_eq!(fs.len(), 2, "{fs:?}");
        assert_eq!(
            apply(text, &fs),
            "某镇2024年度法治政府建设情况报告\n一、主要举措\n（一）加强领导\n全年办理案件38件，其中复议2件；2024年完成“法治镇”创建。\n"
        );
    }
}

#[cfg(test)]
mod year_tests {
    use super::*;

    fn fixed(text: &str) -> (Vec<Fix>, String) {
        let doc = Document::parse(text);
        let spec = crate::core::spec::CompiledSpec::default_spec();
        let report = crate::core::check::check(&doc, &spec, &Default::default());
        let fs = fixes(&doc, &report.lints, &["year-consistency"]);
        let out = apply(text, &fs);
        (fs, out)
    }

    #[test]
    fn a_plans_paragraph_copied_from_last_year_rolls_its_years() {
        let text = "某县2024年度法治政府建设情况报告\n一、主要举措\n全年办理案件38件。\n\
                    二、下一年度工作安排\n2024年，我县将力争2024年底前完成《法治政府建设实施纲要（2021-2024年）》\
                    和2021—2024年规划的收尾，2023年的做法继续推行。\n";
        let (fs, out) = fixed(text);
        assert_eq!(fs.len(), 1, "one fix for the paragraph: {fs:?}");
        assert_eq!(
            out,
            "某县2024年度法治政府建设情况报告\n一、主要举措\n全年办理案件38件。\n\
             二、下一年度工作安排\n2025年，我县将力争2025年底前完成《法治政府建设实施纲要（2021-2024年）》\
             和2021—2024年规划的收尾，2023年的做法继续推行。\n"
        );
        // What the fix leaves raises no year alarm.
        assert!(fixed(&out).0.is_empty());
    }

    #[test]
    fn a_report_citing_itself_cites_last_years() {
        let text = "某县2024年度法治政府建设情况报告\n一、主要举措\n\
                    按照《某县2024年度法治政府建设情况报告》的整改要求，全年办理案件38件。\n";
        let (fs, out) = fixed(text);
        assert_eq!(fs.len(), 1, "{fs:?}");
        assert!(
            out.contains("按照《某县2023年度法治政府建设情况报告》的整改要求"),
            "{out}"
        );
        assert!(out.starts_with("某县2024年度"), "the title stays: {out}");
    }

    #[test]
    fn the_titles_year_against_the_bodys_is_a_question_not_a_fix() {
        let text = "某县2024年度法治政府建设情况报告\n一、主要举措\n\
                    2023年，我县办理案件38件。2023年开展培训5次。2023年完成复议2件。\n";
        let doc = Document::parse(text);
        let spec = crate::core::spec::CompiledSpec::default_spec();
        let report = crate::core::check::check(&doc, &spec, &Default::default());
        assert!(report.lints.iter().any(|l| l.rule == "year-consistency"));
        assert!(fixes(&doc, &report.lints, &["year-consistency"]).is_empty());
    }
}
