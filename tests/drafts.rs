//! The sample drafts are the demo and fixtures: check that they are what
//! the README promises (two consecutive years, every heading form, figures
//! that change, plans followed up or not, deliberate defects in 2024).

mod common;

use reportbench::core::check::{CheckOptions, Report, Status, check};
use reportbench::core::document::{Document, MarkerStyle};
use reportbench::core::spec::CompiledSpec;
use std::collections::HashMap;

fn doc(name: &str) -> Document {
    let l = reportbench::io::load(&common::root().join("drafts").join(name)).unwrap();
    Document::parse_normalized(l.text, l.format)
}

fn report(d: &Document) -> Report {
    check(d, &CompiledSpec::default_spec(), &CheckOptions::default())
}

#[test]
fn drafts_are_realistic_length_and_use_every_heading_form() {
    for name in ["qinghe-2023.txt", "qinghe-2024.md"] {
        let d = doc(name);
        assert!(
            d.char_count() >= 4000,
            "{name}: {} characters",
            d.char_count()
        );
        for style in [
            MarkerStyle::ChineseComma,
            MarkerStyle::ChineseParen,
            MarkerStyle::ArabicDot,
            MarkerStyle::ArabicParen,
        ] {
            assert!(
                d.headings().iter().any(|h| h.style == style),
                "{name} lacks {style:?}"
            );
        }
        assert!(
            d.headings().iter().any(|h| h.body.is_some()),
            "{name}: no run-in heading"
        );
        assert!(
            d.text().contains("一是") && d.text().contains("二是"),
            "{name}: no enumeration"
        );
        // Mixed widths: half-width parentheses and commas beside full-width ones.
        assert!(
            d.text().contains("(二)") && d.text().contains("（一）"),
            "{name}"
        );
    }
}

#[test]
fn the_2023_draft_is_complete_and_clean() {
    let d = doc("qinghe-2023.txt");
    assert_eq!(d.year(), Some(2023));
    let r = report(&d);
    assert!(r.complete());
    assert!(
        r.items.iter().all(|i| i.status == Status::Met),
        "{:?}",
        r.items
    );
    // Nothing but the mixed widths the drafts keep on purpose (see above),
    // told as information: (二) and half-width commas in Chinese text.
    assert!(
        r.lints
            .iter()
            .all(|l| l.rule == "punctuation"
                && l.severity == reportbench::core::spec::Severity::Info),
        "{:?}",
        r.lints
    );
    let line = |n: usize| d.text().lines().nth(n - 1).unwrap().to_owned();
    assert!(
        r.lints
            .iter()
            .any(|l| line(l.position.line).starts_with("(二)")),
        "{:?}",
        r.lints
    );
}

#[test]
fn the_2024_draft_has_the_deliberate_defects() {
    let d = doc("qinghe-2024.md");
    assert_eq!(d.year(), Some(2024));
    let r = report(&d);
    let item = |id: &str| r.items.iter().find(|i| i.id == id).unwrap();
    // 第一责任人 only inside the plans.
    assert_eq!(item("leader_duty").status, Status::Partial);
    assert!(!r.complete());
    let lint_lines = |rule: &str| -> Vec<usize> {
        r.lints
            .iter()
            .filter(|l| l.rule == rule)
            .map(|l| l.position.line)
            .collect()
    };
    // （三） then （五）.
    assert_eq!(lint_lines("numbering").len(), 1);
    assert!(
        d.text()
            .lines()
            .nth(lint_lines("numbering")[0] - 1)
            .unwrap()
            .starts_with("（五）")
    );
    // *场次 and 【待补充】.
    assert_eq!(lint_lines("placeholder").len(), 2);
    // A plan "2024年底前" in the 2024 report.
    assert_eq!(lint_lines("year-consistency").len(), 1);
    let defects: Vec<_> = r.lints.iter().filter(|l| l.rule != "punctuation").collect();
    assert_eq!(defects.len(), 4, "{defects:?}");
    // The mixed widths: information only.
    assert!(
        r.lints
            .iter()
            .filter(|l| l.rule == "punctuation")
            .all(|l| l.severity == reportbench::core::spec::Severity::Info)
    );
}

#[test]
fn dozens_of_figures_change_between_the_years() {
    let spec = CompiledSpec::default_spec();
    let old = report(&doc("qinghe-2023.txt"));
    let new = report(&doc("qinghe-2024.md"));
    assert!(old.figures.len() >= 60 && new.figures.len() >= 60);
    // Pair figures by their context words and unit.
    let key = |f: &reportbench::core::figures::Figure| (f.context().to_owned(), f.unit.to_string());
    let old_map: HashMap<_, f64> = old.figures.iter().map(|f| (key(f), f.value)).collect();
    let changed = new
        .figures
        .iter()
        .filter(|f| old_map.get(&key(f)).is_some_and(|v| *v != f.value))
        .count();
    assert!(changed >= 20, "only {changed} figures change");
    assert_eq!(spec.spec.metrics.len(), new.metrics.len());
}

#[test]
fn plans_of_2023_are_partly_followed_up_in_2024() {
    let old = doc("qinghe-2023.txt");
    let new = doc("qinghe-2024.md");
    let plans = old
        .headings()
        .iter()
        .position(|h| {
            old.heading_title(old.headings().iter().position(|x| x == h).unwrap())
                .contains("工作打算")
        })
        .unwrap();
    let items: Vec<&str> = old.headings()[plans]
        .children
        .iter()
        .map(|&c| old.heading_title(c))
        .collect();
    assert!(items.len() >= 6, "{items:?}");
    // Followed up: training, the mediation platform, advisers for every village.
    for phrase in ["法治培训5次", "建成“智慧调解”平台", "实现全覆盖"] {
        assert!(new.text().contains(phrase), "{phrase}");
    }
    // Not followed up: quarterly case-file reviews, clearing normative documents.
    assert!(!new.text().contains("每季度开展一次执法案卷自查"));
    assert!(new.text().contains("清理工作进展缓慢"));
}
