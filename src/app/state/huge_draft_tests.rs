//! A huge draft (over the 512 KiB re-checked at every key), decided: its
//! first check is a worker's (the first frame does not wait for it), its
//! lines are joined into one text only when something needs it, and what a
//! refused edit puts back is the text as it was. (Harness: `tests.rs`;
//! nothing here joins between messages, as the terminal loop does after
//! each frame.)

use super::tests::T;
use super::*;
use crate::app::msg::Effect;
use crate::app::msg::LockOutcome;
use crate::core::session::Holder;
use crossterm::event::KeyCode;

fn huge() -> String {
    "某镇2024年度法治政府建设情况报告\n\n一、主要举措和成效\n\n全年审核合同38份，同比增长5%。\n\n"
        .repeat(8_000)
}

/// The check for a worker among `fx`.
fn check_job(fx: &[Effect]) -> Option<crate::app::msg::CheckJob> {
    fx.iter().find_map(|e| match e {
        Effect::Check(j) => Some(j.clone()),
        _ => None,
    })
}

#[test]
fn a_huge_drafts_first_check_is_a_workers_and_nothing_is_known_before() {
    let (mut t, fx) = T::open_text(&huge());
    t.run_checks = false;
    let job = check_job(&fx).expect("the first check goes to a worker");
    assert!(t.s.is_pending() && t.s.is_stale());
    // Keys work meanwhile; the check of the text as opened is then out of
    // date, and the next pause asks again.
    t.key(KeyCode::Char('甲'));
    t.send(job.run());
    assert!(t.s.is_pending());
    let fx = t.after(400);
    let job = check_job(&fx).expect("asked again once typing paused");
    t.send(job.run());
    assert!(!t.s.is_pending() && !t.s.is_stale());
    assert!(
        t.s.report()
            .items
            .iter()
            .any(|i| i.status == crate::core::check::Status::Met)
    );
}

#[test]
fn an_ordinary_draft_is_checked_before_its_first_frame() {
    let (t, fx) = T::open_text(
        "某镇2024年度法治政府建设情况报告\n\n一、主要举措和成效\n\n全年审核合同38份。\n",
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::Check(_))));
    assert!(!t.s.is_pending() && !t.s.is_stale());
}

#[test]
fn a_key_in_a_huge_draft_rebuilds_one_chunk_of_the_handlers_copy() {
    let (mut t, _) = T::open_text(&huge());
    assert!(t.s.exit_keep().text.is_none(), "nothing unsaved yet");
    t.key(KeyCode::Char('甲'));
    let first = t.s.exit_keep().text.expect("unsaved text");
    assert_eq!(first.joined(), t.s.text());
    assert!(first.joined().starts_with('甲'));
    // Nothing typed since: the same copy.
    let again = t.s.exit_keep().text.expect("unsaved text");
    assert!(Arc::ptr_eq(&first, &again));
    // A key on the first line: the copy is the text as typed, and every
    // chunk but the first is shared with the copy before.
    t.key(KeyCode::Char('乙'));
    let next = t.s.exit_keep().text.expect("unsaved text");
    assert_eq!(next.joined(), t.s.text());
    assert!(next.chunks() > 3);
    assert!(!next.shares_line_with(&first, 0));
    let last = next.lines() - 1;
    assert!(next.shares_line_with(&first, last));
}

#[test]
fn a_huge_draft_made_read_only_after_typing_puts_back_the_text_as_typed() {
    let (mut t, _) = T::open_text(&huge());
    t.key(KeyCode::Char('甲'));
    let typed = t.s.text();
    // Another reportbench holds the file; the user goes on read-only.
    t.send(Msg::Locked(LockOutcome::HeldBy(Holder {
        user: "li".into(),
        host: "elsewhere".into(),
        pid: 1,
    })));
    t.key(KeyCode::Char('o'));
    assert!(t.s.is_read_only());
    // A key is refused: the text stays as typed before, with its 甲.
    t.key(KeyCode::Char('乙'));
    assert_eq!(t.s.text(), typed);
}

#[test]
fn a_huge_draft_is_checked_without_a_memo_and_an_ordinary_one_with_its_own() {
    let (mut t, fx) = T::open_text(&huge());
    t.run_checks = false;
    let job = check_job(&fx).expect("the first check goes to a worker");
    // Checked when typing pauses: the memo's copy of the text would buy
    // no frame.
    assert!(job.memo.is_none());
    t.send(job.run());
    assert!(t.s.analysis.memo.lock().is_ok_and(|m| m.is_empty()));
    let (mut t, _) = T::open_text("某镇2024年度法治政府建设情况报告\n\n全年审核合同38份。\n");
    t.run_checks = false;
    let job = check_job(&t.key(KeyCode::Char('甲'))).expect("checked after the key");
    assert!(job.memo.is_some());
}

#[test]
fn the_copy_prepared_after_the_first_frame_is_what_the_first_key_updates() {
    let (mut t, _) = T::open_text(&huge());
    t.s.prepare_exit_keep();
    let prepared = t.s.buffer.snapshot();
    assert_eq!(prepared.joined(), t.s.text());
    // Preparing again copies nothing.
    t.s.prepare_exit_keep();
    assert!(Arc::ptr_eq(&prepared, &t.s.buffer.snapshot()));
    // The first key builds one chunk again, not the whole text.
    t.key(KeyCode::Char('甲'));
    let keep = t.s.exit_keep().text.expect("unsaved text");
    assert_eq!(keep.joined(), t.s.text());
    assert!(keep.shares_line_with(&prepared, keep.lines() - 1));
}
