//! Keys on the checklist, decided: `f` on a problem row fixes it as one
//! undo step (refused in review mode); typing there says where the focus
//! is instead of dropping the keys silently; a sign-off that needs a
//! reason keeps asking for it. (Harness: `tests.rs`.)

use super::tests::T;
use super::*;
use crossterm::event::KeyCode;

#[test]
fn f_on_a_problem_row_fixes_it_as_one_undo_step() {
    let text = "某镇2024年度法治政府建设情况报告\n分享到：微信 微博\n一、主要举措\n（一）甲\n正文。\n（三）乙\n正文。\n（四）丙\n正文。\n打印本页 关闭窗口\n";
    let (mut t, _) = T::open_text(text);
    t.key(KeyCode::F(2));
    // The rows: items, metrics, then problems; select the numbering one.
    let rows = t.s.rows();
    let at = |t: &T, rule: &str| {
        rows.iter()
            .position(|r| matches!(r, Row::Lint(l) if t.s.report().lints[*l].rule == rule))
            .unwrap()
    };
    let numbering = at(&t, "numbering");
    while t.s.selected() < numbering {
        t.key(KeyCode::Down);
    }
    t.key(KeyCode::Char('f'));
    let fixed = t.s.text();
    assert!(fixed.contains("（二）乙\n正文。\n（三）丙"), "{fixed}");
    assert!(t.s.report().lints.iter().all(|l| l.rule != "numbering"));
    // One undo step takes the whole run back.
    t.key(KeyCode::F(2));
    t.ctrl('z');
    assert_eq!(t.s.text(), text);
    // The residue: the first such row, its line gone.
    t.key(KeyCode::F(2));
    let residue =
        t.s.rows()
            .iter()
            .position(|r| matches!(r, Row::Lint(l) if t.s.report().lints[*l].rule == "web-residue"))
            .unwrap();
    while t.s.selected() > residue {
        t.key(KeyCode::Up);
    }
    while t.s.selected() < residue {
        t.key(KeyCode::Down);
    }
    t.key(KeyCode::Char('f'));
    assert!(!t.s.text().contains("分享到"), "{}", t.s.text());
    // An item row has no fix: said, nothing changed.
    while t.s.selected() > 0 {
        t.key(KeyCode::Up);
    }
    let before = t.s.text();
    t.key(KeyCode::Char('f'));
    assert_eq!(t.s.text(), before);
    assert!(t.s.message().is_some_and(|m| m.0.contains("f")));
}

#[test]
fn f_on_any_stale_year_of_a_plans_paragraph_rolls_the_paragraph() {
    let text = "某县2024年度法治政府建设情况报告\n一、主要举措\n正文。\n二、下一年度工作安排\n力争2024年底前完成，确保2024年内见效。\n";
    let (mut t, _) = T::open_text(text);
    t.key(KeyCode::F(2));
    let years: Vec<usize> = t
        .s
        .rows()
        .iter()
        .enumerate()
        .filter(
            |(_, r)| matches!(r, Row::Lint(l) if t.s.report().lints[*l].rule == "year-consistency"),
        )
        .map(|(i, _)| i)
        .collect();
    assert_eq!(years.len(), 2, "two findings in one paragraph");
    // The second finding: its fix is the paragraph's (its first edit is
    // the other finding's year).
    while t.s.selected() < years[1] {
        t.key(KeyCode::Down);
    }
    t.key(KeyCode::Char('f'));
    assert!(
        t.s.text()
            .ends_with("力争2025年底前完成，确保2025年内见效。\n"),
        "{}",
        t.s.text()
    );
    t.key(KeyCode::F(2));
    t.ctrl('z');
    assert_eq!(t.s.text(), text, "one undo step");
}

#[test]
fn f_is_refused_in_review_mode() {
    let (mut t, _) = T::open(true, false);
    t.key(KeyCode::F(2));
    let before = t.s.text();
    let n = t.s.rows().len();
    for _ in 0..n {
        t.key(KeyCode::Down);
    }
    t.key(KeyCode::Char('f'));
    assert_eq!(t.s.text(), before);
    assert!(t.s.message().is_some());
}

#[test]
fn typing_into_the_checklist_says_where_the_focus_is() {
    let (mut t, _) = T::open(false, false);
    t.key(KeyCode::F(2));
    let before = t.s.text();
    t.key(KeyCode::Char('z'));
    assert_eq!(t.s.text(), before);
    assert!(
        t.s.message().is_some_and(|m| m.0.contains("F2")),
        "{:?}",
        t.s.message()
    );
}

#[test]
fn an_empty_reason_for_not_met_keeps_the_prompt_open() {
    let (mut t, _) = T::open(true, false);
    t.key(KeyCode::F(2));
    t.key(KeyCode::F(7));
    t.key(KeyCode::Char('x'));
    assert!(
        matches!(t.s.overlay(), Overlay::Input(..)),
        "{:?}",
        t.s.overlay()
    );
    // Enter with nothing typed: still asking, said why, nothing sent.
    let fx = t.key(KeyCode::Enter);
    assert!(
        !fx.iter()
            .any(|e| matches!(e, crate::app::msg::Effect::UpdateReview { .. })),
        "{fx:?}"
    );
    assert!(
        matches!(t.s.overlay(), Overlay::Input(..)),
        "{:?}",
        t.s.overlay()
    );
    assert!(t.s.message().is_some_and(|m| m.1), "{:?}", t.s.message());
    // A reason, then Enter: sent.
    t.key(KeyCode::Char('缺'));
    let fx = t.key(KeyCode::Enter);
    assert!(
        fx.iter()
            .any(|e| matches!(e, crate::app::msg::Effect::UpdateReview { .. })),
        "{fx:?}"
    );
}
