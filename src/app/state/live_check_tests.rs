//! An ordinary draft re-checked on a worker after each key, decided: the
//! frame showing the key does not wait for the check, one check is on its
//! way at a time, only a check of the current text is used, and while one
//! is on its way the previous checklist's highlights stay on the lines the
//! edits did not touch. (Harness: `tests.rs`, with its inline run of
//! checks turned off.)

use super::tests::T;
use super::*;
use crate::app::msg::{CheckJob, Effect};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A numbering gap on line 6 （三） — after （一） — and residue lines.
const GAP: &str = "某镇2024年度法治政府建设情况报告\n一、主要举措\n（一）甲\n正文。\n正文。\n（三）乙审核合同38份。\n正文。\n";

fn jobs(fx: Vec<Effect>) -> Vec<CheckJob> {
    fx.into_iter()
        .filter_map(|e| match e {
            Effect::Check(j) => Some(j),
            _ => None,
        })
        .collect()
}

fn open(text: &str) -> T {
    let (mut t, _) = T::open_text(text);
    t.run_checks = false;
    t
}

/// Where the numbering lint's first character is placed in the editor.
fn gap_place(t: &T) -> Option<(usize, usize)> {
    let lint =
        t.s.report()
            .lints
            .iter()
            .find(|l| l.rule == "numbering")
            .expect("a numbering lint");
    t.s.placer().place(lint.range.start)
}

fn go(t: &mut T, row: usize, col: usize) {
    super::buffer::go_to(&mut t.s.buffer.editor, row, col);
}

#[test]
fn a_key_is_checked_on_a_worker_and_only_a_check_of_the_current_text_is_used() {
    let mut t = open(GAP);
    let gaps = |t: &T| {
        t.s.report()
            .lints
            .iter()
            .filter(|l| l.rule == "numbering")
            .count()
    };
    assert_eq!(gaps(&t), 1);
    // Fix the gap: （三） → （二）, one key at a time. The first key asks a
    // worker at once; the state does not wait for it.
    go(&mut t, 5, 1);
    let first = jobs(t.key(KeyCode::Delete));
    assert_eq!(first.len(), 1, "the first key asks for a re-check");
    assert!(t.s.is_stale() && !t.s.checks_after_pause());
    assert_eq!(gaps(&t), 1, "the checklist is the previous one meanwhile");
    // A key while that check runs asks for nothing more.
    assert!(jobs(t.key(KeyCode::Char('二'))).is_empty());
    // The first check (of the text with neither 三 nor 二) is not used; the
    // text as it is now goes to the worker at once.
    let again = jobs(t.send(first[0].run()));
    assert!(t.s.is_stale());
    assert_eq!(again.len(), 1);
    assert!(again[0].text.contains("（二）乙"));
    t.send(again[0].run());
    assert!(!t.s.is_stale());
    assert_eq!(gaps(&t), 0, "{:?}", t.s.report().lints);
}

#[test]
fn highlights_stay_on_lines_the_edits_did_not_touch() {
    // Checked: the lint is at line 6 (row 5).
    let mut t = open(GAP);
    let (row, col) = gap_place(&t).expect("placed");
    assert_eq!(row, 5);
    // A line typed above moves it down with its line.
    go(&mut t, 1, 0);
    let job = jobs(t.key(KeyCode::Enter));
    assert!(t.s.is_stale());
    assert_eq!(gap_place(&t), Some((row + 1, col)));
    // A key on a line below it as well: the lines between the two edits
    // count as edited until the check comes.
    go(&mut t, 7, 0);
    t.key(KeyCode::Char('x'));
    assert_eq!(gap_place(&t), None);
    // The check of the first key is not of this text: asked again, and
    // that one places it afresh.
    let again = jobs(t.send(job[0].run()));
    t.send(again[0].run());
    assert!(!t.s.is_stale());
    assert_eq!(gap_place(&t), Some((row + 1, col)));
    // Keys on a line below it leave it where it is.
    let mut t = open(GAP);
    go(&mut t, 6, 0);
    t.key(KeyCode::Char('x'));
    t.key(KeyCode::Enter);
    assert!(t.s.is_stale());
    assert_eq!(gap_place(&t), Some((row, col)));
}

#[test]
fn on_the_edited_line_the_parts_before_and_after_the_edit_keep_their_highlights() {
    let mut t = open(GAP);
    let (row, col) = gap_place(&t).expect("placed");
    let line = t.s.editor().lines()[row].clone();
    // Typed after the lint's start (at the end of the line): it stays.
    go(&mut t, row, line.chars().count());
    t.key(KeyCode::Char('。'));
    assert_eq!(gap_place(&t), Some((row, col)));
    // Typed before it (at the start of the line): it moves right by what
    // was typed.
    let mut t = open(GAP);
    go(&mut t, row, 0);
    t.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('甲'),
        KeyModifiers::NONE,
    )));
    assert_eq!(gap_place(&t), Some((row, col + '甲'.len_utf8())));
    // Two characters deleted: what stood between them is placed nowhere
    // until the check comes; the text before them stays.
    let mut t = open(GAP);
    let lint =
        t.s.report()
            .lints
            .iter()
            .find(|l| l.rule == "numbering")
            .cloned()
            .expect("lint");
    assert!(t.s.text()[lint.range.start..].starts_with("（三）"));
    go(&mut t, row, 1);
    t.key(KeyCode::Delete);
    t.key(KeyCode::Delete);
    assert_eq!(t.s.placer().place(lint.range.start + "（三".len()), None);
    assert_eq!(gap_place(&t), Some((row, col)));
}

#[test]
fn a_text_replaced_as_a_whole_places_nothing_until_checked() {
    let mut t = open(GAP);
    assert!(gap_place(&t).is_some());
    t.s.buffer.set_text("全新的文字\n", (0, 0));
    t.s.edited();
    assert!(t.s.is_stale());
    assert_eq!(gap_place(&t), None);
}

#[test]
fn random_edits_while_checks_are_on_their_way_place_only_real_positions() {
    // Fixed seed: typing, new lines, deletions, pastes, undo and redo,
    // with the worker's check delivered now and then (or overtaken).
    let mut t = open(&GAP.repeat(3));
    let mut seed = 7u32;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize
    };
    let mut pending: Vec<CheckJob> = Vec::new();
    // Characters placed (and found where they were) while the checklist
    // was behind the text: the test must see many.
    let mut placed_while_stale = 0;
    for step in 0..600 {
        let key = match next() % 12 {
            0 => KeyEvent::new(KeyCode::Char('甲'), KeyModifiers::NONE),
            1 => KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
            2 => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            3 => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            4 => KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE),
            5 => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
            6 => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
            7 => KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
            8 => KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
            9 => KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL),
            _ => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
        };
        let mut fx = t.send(Msg::Key(key));
        if next() % 7 == 0 {
            fx.extend(t.send(Msg::Paste("（二）丙，共38份。\n（五）丁".into())));
        }
        pending.extend(jobs(fx));
        if next() % 4 == 0
            && let Some(job) = pending.pop()
        {
            pending.extend(jobs(t.send(job.run())));
        }
        let lines = t.s.editor().lines().to_vec();
        let placer = t.s.placer();
        let report = t.s.report();
        let old_text = t.s.doc().text();
        let now = t.s.text();
        let same_head = old_text
            .char_indices()
            .zip(now.chars())
            .find(|((_, a), b)| a != b)
            .map_or(old_text.len().min(now.len()), |((i, _), _)| i);
        let same_tail: usize = old_text[same_head..]
            .chars()
            .rev()
            .zip(now[same_head.min(now.len())..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let spans = report.lints.iter().map(|l| l.range.clone()).chain(
            report
                .items
                .iter()
                .flat_map(|i| i.evidence.iter().map(|e| e.range.clone())),
        );
        for r in spans {
            for at in [r.start, r.end] {
                if let Some((row, col)) = placer.place(at) {
                    let line = &lines[row];
                    assert!(
                        col <= line.len() && line.is_char_boundary(col),
                        "step {step}: {row}:{col} in {line:?}"
                    );
                    // A character the edits did not touch (before the
                    // first change or after the last, texts compared
                    // whole) is the one that stands there now.
                    let was = old_text[at..].chars().next().filter(|&c| c != '\n');
                    if let Some(c) = was
                        && (at + c.len_utf8() <= same_head || at >= old_text.len() - same_tail)
                    {
                        placed_while_stale += usize::from(t.s.is_stale());
                        assert_eq!(
                            line[col..].chars().next(),
                            Some(c),
                            "step {step}: {at} → {row}:{col}"
                        );
                    }
                }
            }
        }
        let rows = next() % (lines.len() + 2);
        let bytes = placer.bytes_of_rows(rows..rows + next() % 9);
        assert!(bytes.start <= bytes.end && bytes.end <= t.s.doc().text().len());
    }
    assert!(placed_while_stale > 200, "{placed_while_stale}");
}

#[test]
fn a_re_check_reuses_the_paragraphs_the_edit_did_not_change() {
    let mut t = open(GAP);
    let memo_len = |t: &T| t.s.analysis.memo.lock().map(|m| m.len()).unwrap_or(0);
    // The first check filled the draft's memo: one entry per paragraph text
    // (正文。 three times: one).
    assert_eq!(memo_len(&t), 5);
    go(&mut t, 5, 1);
    let job = jobs(t.key(KeyCode::Char('甲')));
    assert_eq!(job.len(), 1);
    assert!(
        job[0]
            .memo
            .as_ref()
            .is_some_and(|m| Arc::ptr_eq(m, &t.s.analysis.memo)),
        "the worker's check uses the draft's memo"
    );
    t.send(job[0].run());
    // The edited line's old text is gone from it, its new text is in.
    assert_eq!(memo_len(&t), 5);
    let m = t.s.report().figures.iter().find(|f| f.value == 38.0);
    assert!(m.is_some_and(|f| f.position.line == 6), "{m:?}");
}
