//! A parse and check with a memo are the parse and check without one,
//! edit after edit.

use super::CheckMemo;
use crate::core::check::{CheckOptions, check, check_reusing};
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::spec::{CompiledSpec, builtin::builtin};
use crate::core::testing::Rng;
use crate::core::text::normalize;

const FAZHI: &str = include_str!("../../../drafts/qinghe-2024.md");
const XXGK: &str = include_str!("../../../drafts/xxgk-2024.md");

/// Text a random edit inserts: figures, units, placeholders, half-width
/// marks, headings, quotes, keywords, an ellipsis, traditional characters
/// (folded for matching).
const PIECES: &[&str] = &[
    "報",
    "行政復議",
    "甲",
    "3",
    "12件",
    "，",
    ",",
    "。",
    "\n",
    "\n\n",
    "（五）",
    "三、",
    "1.",
    "＊",
    "XX",
    "【待补充】",
    "……",
    "“",
    "\"",
    " ",
    "2024 年",
    "２０",
    "行政复议",
    "法律顾问",
    "其中",
    "共受理行政复议申请15件，其中维持8件、撤销9件。",
    "调处矛盾纠纷312件，调解成功301件，调解成功率96.5%。",
    "力争达到95%",
    "四、下一步工作打算\n",
];

fn boundary(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One random edit of `t`: an insertion, a deletion, a line moved or
/// repeated.
fn edit(t: &mut String, rng: &mut Rng) {
    let at = boundary(t, rng.below(t.len() + 1));
    match rng.below(6) {
        0 | 1 => t.insert_str(at, PIECES[rng.below(PIECES.len())]),
        2 => {
            let end = boundary(t, (at + 1 + rng.below(12)).min(t.len()));
            t.replace_range(at..end, "");
        }
        3 | 4 => {
            // A whole line moved or repeated elsewhere.
            let lines: Vec<&str> = t.split_inclusive('\n').collect();
            let k = rng.below(lines.len());
            let line = lines[k].to_owned();
            let mut rest: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if rng.below(2) == 0 {
                rest.remove(k);
            }
            let to = rng.below(rest.len() + 1);
            rest.insert(to, line);
            *t = rest.concat();
        }
        _ => {
            // A line's indentation (columns shift, the text does not).
            let line_start = t[..at].rfind('\n').map_or(0, |i| i + 1);
            t.insert_str(line_start, if rng.below(2) == 0 { " " } else { "\u{3000}" });
        }
    }
}

/// Parses and checks `text` with the memo and without: the same document
/// and report.
fn same(text: &str, spec: &CompiledSpec, lang: Lang, memo: &mut CheckMemo, step: usize) {
    let opts = CheckOptions { lang };
    let (normal, format) = normalize(text);
    let doc = Document::parse_normalized(normal.clone(), format.clone());
    let kept = Document::parse_reusing(normal, format, memo.lines());
    let fresh = format!("{doc:?}\n{:?}", check(&doc, spec, &opts));
    let reused = format!("{kept:?}\n{:?}", check_reusing(&kept, spec, &opts, memo));
    assert!(
        fresh == reused,
        "step {step}: the check with a memo differs\n{}",
        first_difference(&fresh, &reused)
    );
}

fn first_difference(a: &str, b: &str) -> String {
    let i = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = boundary(a, i.saturating_sub(300));
    let to = |s: &str| boundary(s, (i + 300).min(s.len()));
    format!(
        "without: …{}\nwith:    …{}",
        &a[from..to(a)],
        &b[boundary(b, from.min(b.len()))..to(b)]
    )
}

#[test]
fn a_check_with_a_memo_is_the_check_without_one_edit_after_edit() {
    let fazhi = CompiledSpec::default_spec();
    let xxgk = builtin("xxgk-annual").expect("built in");
    for (seed, draft, spec) in [(7, FAZHI, &fazhi), (11, XXGK, xxgk), (13, FAZHI, &fazhi)] {
        let mut rng = Rng(seed);
        let mut memo = CheckMemo::new();
        let mut t = draft.to_owned();
        for step in 0..150 {
            for _ in 0..1 + rng.below(3) {
                edit(&mut t, &mut rng);
            }
            let lang = if rng.below(10) == 0 {
                Lang::En
            } else {
                Lang::Zh
            };
            same(&t, spec, lang, &mut memo, step);
        }
    }
}

#[test]
fn a_memo_follows_its_spec_and_keeps_only_the_last_texts() {
    let fazhi = CompiledSpec::default_spec();
    let xxgk = builtin("xxgk-annual").expect("built in");
    let mut memo = CheckMemo::new();
    let (a, b) = (FAZHI, XXGK);
    // The same memo across specs and drafts (a draft checked with one spec
    // then the other): each check as without it.
    for (text, spec) in [(a, &fazhi), (a, xxgk), (b, xxgk), (b, &fazhi), (a, &fazhi)] {
        same(text, spec, Lang::Zh, &mut memo, 0);
    }
    // What it holds is the last draft's paragraphs, one entry per text,
    // and its lines.
    let doc = Document::parse(a);
    let distinct: std::collections::HashSet<&str> = doc
        .paragraphs()
        .iter()
        .map(|p| &doc.text()[p.range.clone()])
        .collect();
    assert_eq!(memo.len(), distinct.len());
    let lines: std::collections::HashSet<&str> =
        a.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(memo.lines().len(), lines.len());
    same("标题\n一句。\n一句。\n", &fazhi, Lang::Zh, &mut memo, 0);
    assert_eq!((memo.len(), memo.lines().len()), (2, 2));
}

#[test]
fn naming_words_are_worked_out_again_for_other_figures() {
    use super::Reuse;
    let spec = CompiledSpec::default_spec();
    let doc = Document::parse("受理行政复议申请12件。\n");
    let mut memo = CheckMemo::new();
    let mut reuse = Reuse::with(&mut memo, &doc, &spec, Lang::Zh);
    // What `names` appends after what was there.
    let names = |reuse: &mut Reuse, n: usize, work: Vec<Option<std::ops::Range<u16>>>| {
        let mut out = vec![None];
        reuse.names(0, n, &mut out, || work);
        out.split_off(1)
    };
    let one = vec![Some(0..3)];
    assert_eq!(names(&mut reuse, 1, one.clone()), one);
    // Kept for as many figures.
    assert_eq!(names(&mut reuse, 1, vec![None]), one);
    // Not for another number of them.
    let two = vec![None, Some(1..2)];
    assert_eq!(names(&mut reuse, 2, two.clone()), two);
    // Nor once the paragraph's figures were scanned again (from another
    // byte on).
    let mut out = Vec::new();
    reuse.figures(0, 0, 0, || (1, 0), &mut out, |_| {});
    reuse.figures(0, 0, 3, || (1, 1), &mut out, |_| {});
    assert_eq!(names(&mut reuse, 2, vec![None, None]), vec![None, None]);
}

#[test]
fn a_headings_matches_are_kept_per_item_and_title_start() {
    use super::Reuse;
    let spec = CompiledSpec::default_spec();
    let doc = Document::parse("一、主要举措和成效\n");
    let mut memo = CheckMemo::new();
    let mut reuse = Reuse::with(&mut memo, &doc, &spec, Lang::Zh);
    assert!(reuse.heading_match(0, 6, 1, 3, || true));
    assert!(!reuse.heading_match(0, 6, 2, 3, || false));
    // Kept, item by item.
    assert!(reuse.heading_match(0, 6, 1, 3, || false));
    assert!(!reuse.heading_match(0, 6, 2, 3, || true));
    // Tried again for a title starting elsewhere, or another spec's items.
    assert!(!reuse.heading_match(0, 3, 1, 3, || false));
    assert!(reuse.heading_match(0, 3, 1, 4, || true));
    // Past the items: tried each time.
    assert!(reuse.heading_match(0, 3, 9, 4, || true));
    assert!(!reuse.heading_match(0, 3, 9, 4, || false));
}
