//! The year-over-year comparison finds every edit made to a report: a
//! generator derives last year's report from this year's by known edits
//! (years rolled back, a number changed, paragraphs dropped, added and moved,
//! a sentence edited, a plan item added) and the comparison must report each.

mod common;

use reportbench::core::check::{CheckOptions, figures_of, match_sections};
use reportbench::core::compare::{
    CompareOptions, Comparison, FigureChange, ParaStatus, compare, compared_paragraphs, roll_years,
};
use reportbench::core::document::{Document, ParagraphKind};
use reportbench::core::figures::Figure;
use reportbench::core::spec::CompiledSpec;
use std::collections::HashSet;

struct Derived {
    old: String,
    added_line: usize,          // a NEW line missing from OLD
    removed_text: String,       // a paragraph only OLD has
    moved_line: usize,          // a NEW line placed elsewhere in OLD
    edited_line: usize,         // a NEW line whose OLD version lacks a few characters
    number_line: usize,         // a NEW line whose OLD version has a smaller number
    rolled_line: Option<usize>, // a NEW line that differs from OLD only by years
    plan_text: &'static str,
}

const EXTRA: &str =
    "此外，我镇还组织开展了法治宣传进菜市场活动，在农贸市场设置咨询台，现场解答群众法律问题。";
const PLAN: &str = "开展法治宣传进市场活动";

/// Each year's figures (as `diff` works them out) and the comparison.
fn compared(
    old: &Document,
    new: &Document,
    spec: &CompiledSpec,
) -> (Vec<Figure>, Vec<Figure>, Comparison) {
    let opts = CheckOptions::default();
    let (of, nf) = (figures_of(old, spec, &opts), figures_of(new, spec, &opts));
    let cmp = compare(old, new, &of, &nf, spec, &CompareOptions::default());
    (of, nf, cmp)
}

fn derive(new_text: &str, doc: &Document, spec: &CompiledSpec) -> Option<Derived> {
    let year = doc.year()?;
    let lines: Vec<&str> = new_text.lines().collect();
    let plans = match_sections(doc, spec)[spec.item_index("next_year")?]
        .first()
        .copied()?;
    let plan_heading = &doc.headings()[plans];
    let plan_line = doc.paragraphs()[plan_heading.paragraph].line; // 1-based
    // Candidate paragraphs: long, unique body lines before the plans.
    let counts = |l: &str| lines.iter().filter(|x| x.trim() == l.trim()).count();
    let cands: Vec<usize> = doc
        .paragraphs()
        .iter()
        .filter(|p| {
            let run_in =
                matches!(p.kind, ParagraphKind::Heading(h) if doc.headings()[h].body.is_some());
            (p.kind == ParagraphKind::Body || run_in) && p.line < plan_line
        })
        .map(|p| p.line - 1)
        .filter(|&i| lines[i].trim().chars().count() >= 50 && counts(lines[i]) == 1)
        .collect();
    if cands.len() < 8 {
        return None;
    }
    let pick = |k: usize| cands[k * cands.len() / 8];
    let (added, moved, edited, extra_after) = (pick(1), pick(2), pick(4), pick(5));
    // A line with a number not followed by 年 (not a year).
    let number = cands
        .iter()
        .copied()
        .filter(|&i| ![added, moved, edited, extra_after].contains(&i))
        .find(|&i| first_count(lines[i]).is_some())?;
    let rolled = cands
        .iter()
        .copied()
        .filter(|&i| ![added, moved, edited, number].contains(&i))
        .find(|&i| lines[i].contains(&format!("{year}年")));
    let mut old: Vec<String> = Vec::new();
    let mut moved_text = String::new();
    for (i, l) in lines.iter().enumerate() {
        let l = roll_years(l, year, -1);
        if i == added {
            continue;
        }
        if i == moved {
            moved_text = l;
            continue;
        }
        if i == edited {
            // OLD lacks six characters from the middle of the line.
            let chars: Vec<char> = l.chars().collect();
            let mid = chars.len() / 2;
            old.push(chars[..mid].iter().chain(chars[mid + 6..].iter()).collect());
            continue;
        }
        if i == number {
            let (start, end, v) = first_count(&l).unwrap_or((0, 0, 1));
            old.push(format!(
                "{}{}{}",
                &l[..start],
                v.saturating_sub(1),
                &l[end..]
            ));
            continue;
        }
        old.push(l.clone());
        if i == extra_after {
            old.push(EXTRA.to_owned());
        }
        if i + 1 == plan_line {
            // Fall through: the plan heading itself.
        }
    }
    // Put the moved paragraph far from its place: just before the plans.
    let plan_idx = old
        .iter()
        .position(|l| l.trim() == roll_years(lines[plan_line - 1], year, -1).trim())?;
    old.insert(plan_idx, moved_text);
    // Add a plan item at the end of the plans section.
    let last_real = (plan_heading.paragraph..plan_heading.end_paragraph)
        .rev()
        .find(|&p| doc.paragraphs()[p].kind != ParagraphKind::Residue)?;
    let plan_end = doc.paragraphs()[last_real].line - 1;
    let end_text = roll_years(lines[plan_end], year, -1);
    let at = old.iter().rposition(|l| *l == end_text)? + 1;
    let item = match plan_heading.children.last() {
        Some(&c) => {
            let h = &doc.headings()[c];
            format!(
                "{}{}。每季度组织一次法律知识进市场宣传，发放宣传资料。",
                h.style.render(h.number.unwrap_or(0) + 1),
                PLAN
            )
        }
        None => {
            let n = reportbench::core::outline::enumeration_items(lines[plan_end]).len() as u32 + 1;
            format!(
                "{}是{}，每季度组织一次法律知识进市场宣传。",
                reportbench::core::outline::chinese_number(n),
                PLAN
            )
        }
    };
    if plan_heading.children.is_empty() {
        // Enumerated plans: extend the last paragraph.
        old[at - 1].push_str(&item);
    } else {
        old.insert(at, item);
    }
    Some(Derived {
        old: old.join("\n"),
        added_line: added + 1,
        removed_text: EXTRA.to_owned(),
        moved_line: moved + 1,
        edited_line: edited + 1,
        number_line: number + 1,
        rolled_line: rolled.map(|r| r + 1),
        plan_text: PLAN,
    })
}

/// The first Arabic number in `l` that is not a year: (start, end, value).
fn first_count(l: &str) -> Option<(usize, usize, u64)> {
    let b = l.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit() && b[i - 1] != b'.') {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let after = &l[j..];
            let unit = [
                "件", "宗", "起", "份", "个", "项", "次", "场", "人", "名", "户", "家", "篇", "条",
            ]
            .iter()
            .any(|u| after.starts_with(u));
            let v: u64 = l[i..j].parse().ok()?;
            if j - i <= 3 && unit && v > 0 {
                return Some((i, j, v));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

fn check_edits_found(name: &str, new_text: &str) {
    let spec = CompiledSpec::default_spec();
    let new = Document::parse(new_text);
    let Some(d) = derive(new_text, &new, &spec) else {
        panic!("{name}: cannot derive an old version");
    };
    let old = Document::parse(&d.old);
    assert_eq!(
        old.year().map(|y| y + 1),
        new.year(),
        "{name}: years rolled back"
    );
    let (_, new_figures, cmp) = compared(&old, &new, &spec);
    let by_new = |line: usize| {
        cmp.paragraphs
            .iter()
            .find(|p| p.new.is_some_and(|n| new.paragraphs()[n].line == line))
    };
    let st = |line: usize| by_new(line).map(|p| p.status);
    assert_eq!(
        st(d.added_line),
        Some(ParaStatus::Added),
        "{name}: added line {}",
        d.added_line
    );
    assert!(
        cmp.paragraphs
            .iter()
            .any(|p| p.status == ParaStatus::Removed
                && p.old
                    .is_some_and(|o| old.paragraph_text(o) == d.removed_text)),
        "{name}: removed paragraph"
    );
    assert_eq!(
        st(d.moved_line),
        Some(ParaStatus::Moved),
        "{name}: moved line {}",
        d.moved_line
    );
    let edited = by_new(d.edited_line).unwrap_or_else(|| panic!("{name}: edited line missing"));
    assert_eq!(
        edited.status,
        ParaStatus::Changed,
        "{name}: edited line {}",
        d.edited_line
    );
    let side = |op| -> String {
        edited
            .spans
            .iter()
            .filter(|s| s.op == op)
            .map(|s| s.text.as_str())
            .collect()
    };
    let (inserted, deleted) = (
        side(reportbench::core::compare::SpanOp::Insert),
        side(reportbench::core::compare::SpanOp::Delete),
    );
    // Six characters more, and nothing else changed but what they touch:
    // a number or a rolled year is deleted and inserted whole (never "385"
    // for 35 → 38), so the difference of the two sides is the insertion.
    assert_eq!(
        inserted.chars().count(),
        deleted.chars().count() + 6,
        "{name}: the six characters, and only them: {:?}",
        edited.spans
    );
    // What was deleted is a whole number (a year rolled forward, or the
    // figure the insertion touched), never part of one.
    assert!(
        edited
            .spans
            .iter()
            .filter(|s| s.op == reportbench::core::compare::SpanOp::Delete)
            .all(|s| s
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '%')),
        "{name}: {:?}",
        edited.spans
    );
    assert_eq!(
        st(d.number_line),
        Some(ParaStatus::Changed),
        "{name}: number line {}",
        d.number_line
    );
    let number_fig = cmp.figures.iter().find(|f| {
        f.new
            .is_some_and(|n| new_figures[n].position.line == d.number_line)
            && f.change != FigureChange::Same
    });
    assert!(
        number_fig.is_some_and(|f| f.change == FigureChange::Up),
        "{name}: the changed number on line {} is paired and up",
        d.number_line
    );
    if let Some(line) = d.rolled_line {
        let p = by_new(line).unwrap_or_else(|| panic!("{name}: rolled line"));
        assert_eq!(
            (p.status, p.year_rolled),
            (ParaStatus::Unchanged, true),
            "{name}: rolled line {line}"
        );
    }
    assert!(
        cmp.plans.iter().any(|p| p.text.contains(d.plan_text)),
        "{name}: the added plan item is listed"
    );
    // Every paragraph of both files exactly once.
    let olds: Vec<usize> = cmp.paragraphs.iter().flat_map(|p| p.old_all()).collect();
    let news: Vec<usize> = cmp.paragraphs.iter().flat_map(|p| p.new_all()).collect();
    assert_eq!(
        olds.iter().collect::<HashSet<_>>().len(),
        olds.len(),
        "{name}: an old paragraph twice"
    );
    assert_eq!(
        news.iter().collect::<HashSet<_>>().len(),
        news.len(),
        "{name}: a new paragraph twice"
    );
    assert_eq!(
        olds.len(),
        compared_paragraphs(&old).len(),
        "{name}: old paragraphs covered"
    );
    assert_eq!(
        news.len(),
        compared_paragraphs(&new).len(),
        "{name}: new paragraphs covered"
    );
    // Most of the text is carried over.
    assert!(
        cmp.summary.carried_over_ratio > 0.7,
        "{name}: carried over {}",
        cmp.summary.carried_over_ratio
    );
}

#[test]
fn every_edit_is_found_on_the_drafts() {
    for name in ["qinghe-2024.md", "qinghe-2023.txt"] {
        let text = std::fs::read_to_string(common::root().join("drafts").join(name)).unwrap();
        check_edits_found(name, &text);
    }
}

#[test]
fn every_edit_is_found_on_the_corpus() {
    let Some(dir) = common::corpus("every_edit_is_found_on_the_corpus") else {
        return;
    };
    for name in ["zhangxi-2024.txt", "qiaotou-2024.txt", "shiqi-2022.txt"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        check_edits_found(name, &text);
    }
}

#[test]
fn identical_reports_are_all_unchanged() {
    let text = std::fs::read_to_string(common::root().join("drafts/qinghe-2024.md")).unwrap();
    let spec = CompiledSpec::default_spec();
    let d = Document::parse(&text);
    let (_, _, cmp) = compared(&d, &d, &spec);
    assert!(
        cmp.paragraphs
            .iter()
            .all(|p| p.status == ParaStatus::Unchanged)
    );
    assert!((cmp.summary.carried_over_ratio - 1.0).abs() < 1e-9);
    assert!(cmp.figures.iter().all(|f| f.change == FigureChange::Same));
}

#[test]
fn unrelated_reports_share_little() {
    let a = std::fs::read_to_string(common::root().join("drafts/qinghe-2024.md")).unwrap();
    let b: String = a.chars().rev().collect();
    let spec = CompiledSpec::default_spec();
    let (da, db) = (Document::parse(&a), Document::parse(&b));
    let (_, _, cmp) = compared(&da, &db, &spec);
    assert!(
        cmp.summary.carried_over_ratio < 0.2,
        "{}",
        cmp.summary.carried_over_ratio
    );
}

#[test]
fn the_sample_drafts_compare_as_documented() {
    let spec = CompiledSpec::default_spec();
    let read = |n: &str| std::fs::read_to_string(common::root().join("drafts").join(n)).unwrap();
    let (old, new) = (
        Document::parse(&read("qinghe-2023.txt")),
        Document::parse(&read("qinghe-2024.md")),
    );
    let (old_figures, new_figures, cmp) = compared(&old, &new, &spec);
    // The title differs only by the year (and the Markdown mark).
    let title = cmp
        .paragraphs
        .iter()
        .find(|p| p.new == new.title().map(|t| t.paragraphs[0]))
        .unwrap();
    assert_eq!(
        (title.status, title.year_rolled),
        (ParaStatus::Unchanged, true)
    );
    // The youth-education paragraph moved to another section.
    assert!(cmp.paragraphs.iter().any(|p| {
        p.status == ParaStatus::Moved
            && p.new
                .is_some_and(|n| new.paragraph_text(n).contains("开展青少年法治教育"))
    }));
    // Plans: training, the mediation platform, advisers, rule-of-law villages
    // followed up; case-file reviews, document clearing, dispute prevention not.
    let followed: Vec<bool> = cmp.plans.iter().map(|p| p.followed_up).collect();
    assert_eq!(
        followed,
        [true, false, true, true, false, false, true],
        "{:?}",
        cmp.plans
            .iter()
            .map(|p| (&p.text[..12], p.evidence.as_ref().map(|e| e.1)))
            .collect::<Vec<_>>()
    );
    // Figures: 286 → 312 disputes mediated.
    let fig = cmp
        .figures
        .iter()
        .find(|f| f.new.is_some_and(|n| new_figures[n].value == 312.0))
        .unwrap();
    assert_eq!(fig.change, FigureChange::Up);
    assert_eq!(old_figures[fig.old.unwrap()].value, 286.0);
}

#[test]
fn invisible_differences_are_not_changes() {
    let spec = CompiledSpec::default_spec();
    let old = "某镇2023年度法治政府建设情况报告\n一、主要举措和成效\n全年调处矛盾纠纷120件，调解成功率98%。\n";
    // Zero-width space, a bidi mark, full-width digits and an extra space.
    let new = "某镇2024年度法治政府建设情况报告\n一、主要举措和成效\n全年调处矛盾\u{200b}纠纷１２０件， 调解成功率98%\u{200e}。\n";
    let (od, nd) = (Document::parse(old), Document::parse(new));
    let (_, _, cmp) = compared(&od, &nd, &spec);
    assert!(
        cmp.paragraphs
            .iter()
            .all(|p| p.status == ParaStatus::Unchanged),
        "{:?}",
        cmp.paragraphs
    );
    assert!(cmp.paragraphs[0].year_rolled);
}

#[test]
fn diffs_figures_are_the_checks() {
    // `diff` works out only the figures (figures_of), the workbench and
    // `check --previous` take them from the whole check: the same figures,
    // on the drafts (two with tables), and on the corpus where present.
    let spec = CompiledSpec::default_spec();
    let xxgk = reportbench::core::spec::builtin::builtin("xxgk-annual").unwrap();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(common::root().join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    if let Some(dir) = common::corpus("diffs_figures_are_the_checks") {
        files.extend(
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    let opts = CheckOptions::default();
    let mut seen = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Document::parse(&text);
        for spec in [&spec, xxgk] {
            let whole = reportbench::core::check::check(&doc, spec, &opts).figures;
            assert_eq!(figures_of(&doc, spec, &opts), whole, "{}", path.display());
            seen += whole.len();
        }
    }
    assert!(seen > 1000, "{seen} figures");
}
