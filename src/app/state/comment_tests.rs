//! Comments decided: one comment is one change of the review file, a
//! failed write gives the words back, and a comment being typed is kept on
//! the draft's recovery timer until it is sent. (Harness: `tests.rs`.)

use super::tests::{DRAFT, T};
use super::*;
use crate::app::msg::{Effect, Msg, RecoveryKey};
use crate::core::review::{Review, ReviewChange};
use crossterm::event::KeyCode;

#[test]
fn a_comment_is_one_change_and_a_failed_write_gives_the_words_back() {
    let (mut t, _) = T::open(true, false);
    t.key(KeyCode::F(5));
    for c in "请补充文号".chars() {
        t.key(KeyCode::Char(c));
    }
    // What the exit handlers would keep: the words being typed.
    assert_eq!(t.s.exit_keep().pending, "请补充文号");
    let fx = t.key(KeyCode::Enter);
    let (change, retry) = match fx.into_iter().next() {
        Some(Effect::UpdateReview { change, retry, .. }) => (*change, retry),
        other => panic!("{other:?}"),
    };
    match change {
        ReviewChange::AddComment { date, comment } => {
            assert_eq!(date, "20250301");
            assert_eq!(comment.body, "请补充文号");
            assert_eq!(comment.author, "李律师");
            assert_eq!(comment.created, "2025-03-01T09:30:00+08:00");
            assert!(DRAFT.contains(&comment.quote));
        }
        other => panic!("{other:?}"),
    }
    t.send(Msg::ReviewWritten {
        result: Err("disk full".into()),
        done: "saved".into(),
        retry,
    });
    match t.s.overlay() {
        Overlay::Input(Prompt::Comment(_), words) => assert_eq!(words, "请补充文号"),
        other => panic!("{other:?}"),
    }
    // The review as written comes back with the next message.
    t.key(KeyCode::Esc);
    t.send(Msg::ReviewWritten {
        result: Ok(Review::default()),
        done: "saved".into(),
        retry: None,
    });
    assert_eq!(t.s.message().map(|m| m.0.as_str()), Some("saved"));
}

#[test]
fn a_comment_being_typed_is_kept_on_the_drafts_timer_and_dropped_once_sent() {
    let (mut t, _) = T::open(true, true);
    t.key(KeyCode::F(5));
    for c in "写到一半".chars() {
        t.key(KeyCode::Char(c));
    }
    let fx = t.after(1100);
    let kept: Vec<String> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::WriteRecovery {
                key: RecoveryKey::Comment(_),
                text,
            } => Some(text.joined()),
            _ => None,
        })
        .collect();
    assert_eq!(
        kept,
        ["写到一半"],
        "a kill -9 now loses nothing typed a second ago"
    );
    // Sent: the file goes only once the review file has the words.
    let fx = t.key(KeyCode::Enter);
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::RemoveRecovery { .. }))
    );
    let fx = t.send(Msg::ReviewWritten {
        result: Ok(Review::default()),
        done: "saved".into(),
        retry: None,
    });
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::RemoveRecovery {
            key: RecoveryKey::Comment(_)
        }
    )));
    // Given up: it goes too.
    let (mut t, _) = T::open(true, true);
    t.key(KeyCode::F(5));
    t.key(KeyCode::Char('甲'));
    t.after(1100);
    let fx = t.key(KeyCode::Esc);
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::RemoveRecovery {
            key: RecoveryKey::Comment(_)
        }
    )));
}
