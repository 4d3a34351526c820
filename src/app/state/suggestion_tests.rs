//! Suggested edits in the workbench, decided: proposing from a selection,
//! accepting as one undo step, refusing in review mode and on edited text,
//! and the prompt's cursor. (Harness: `tests.rs`.)

use super::tests::T;
use super::*;
use crate::app::msg::{Effect, Msg};
use crate::core::review::{Review, ReviewChange};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The review as the file would hold it after `change` (ids given).
fn review_after(change: ReviewChange) -> Review {
    let mut r = Review::default();
    change.apply(&mut r);
    r
}

fn shift(t: &mut T, code: KeyCode) -> Vec<Effect> {
    t.send(Msg::Key(KeyEvent::new(code, KeyModifiers::SHIFT)))
}

/// `a` in the list changes nothing: no review change sent, the text as it was.
fn accept_is_refused(t: &mut T) {
    let fx = t.key(KeyCode::Char('a'));
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::UpdateReview { .. })),
        "{fx:?}"
    );
    assert!(
        t.s.editor()
            .lines()
            .iter()
            .any(|l| l == "全年审核合同38份。")
    );
}

/// Selects "38份" in "全年审核合同38份。" (the draft's fifth line).
fn select_38(t: &mut T) {
    for _ in 0..4 {
        t.key(KeyCode::Down);
    }
    for _ in 0..6 {
        t.key(KeyCode::Right);
    }
    for _ in 0..3 {
        shift(t, KeyCode::Right);
    }
}

#[test]
fn a_suggestion_is_proposed_then_accepted_in_one_undo_step() {
    let (mut t, _) = T::open(false, false);
    // "全年审核合同38份。": select 38份, F9, type the new wording.
    select_38(&mut t);
    t.key(KeyCode::F(9));
    match t.s.overlay() {
        Overlay::Input(Prompt::Suggest(d), words) => {
            assert_eq!((d.quote.as_str(), words.as_str()), ("38份", "38份"));
        }
        other => panic!("{other:?}"),
    }
    for _ in 0..3 {
        t.key(KeyCode::Backspace);
    }
    for c in "40份".chars() {
        t.key(KeyCode::Char(c));
    }
    let change = match t.key(KeyCode::Enter).into_iter().next() {
        Some(Effect::UpdateReview { change, .. }) => *change,
        other => panic!("{other:?}"),
    };
    match &change {
        ReviewChange::AddSuggestion { suggestion, .. } => {
            assert_eq!(
                (suggestion.quote.as_str(), suggestion.replacement.as_str()),
                ("38份", "40份")
            );
            assert_eq!(suggestion.author, "李律师");
        }
        other => panic!("{other:?}"),
    }
    t.send(Msg::ReviewWritten {
        result: Ok(review_after(change)),
        done: "saved".into(),
        retry: None,
    });
    assert_eq!(t.s.open_suggestions(), 1);
    // The writer accepts it from the list: the text is replaced, the
    // review file told.
    t.key(KeyCode::F(6));
    assert_eq!(*t.s.overlay(), Overlay::Comments(0));
    let fx = t.key(KeyCode::Char('a'));
    assert!(
        t.s.editor()
            .lines()
            .iter()
            .any(|l| l == "全年审核合同40份。"),
        "{:?}",
        t.s.editor().lines()
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::UpdateReview { change, .. }
            if matches!(**change, ReviewChange::Decide { ref decision, .. }
                if decision.status == crate::core::suggestion::SuggestionStatus::Accepted))),
        "{fx:?}"
    );
    // One undo step brings the old wording back.
    t.key(KeyCode::Esc);
    t.ctrl('z');
    assert!(
        t.s.editor()
            .lines()
            .iter()
            .any(|l| l == "全年审核合同38份。"),
        "{:?}",
        t.s.editor().lines()
    );
}

#[test]
fn a_reviewer_cannot_accept_and_an_edited_quote_is_never_applied() {
    let suggestion = crate::core::suggestion::Suggestion {
        id: "s-20250301-0001".into(),
        author: "李律师".into(),
        created: "2025-03-01T09:30:00+08:00".into(),
        quote: "38份".into(),
        prefix: "全年审核合同".into(),
        suffix: "。\n\n二、存在".into(),
        line: 5,
        replacement: "40份".into(),
        status: crate::core::suggestion::SuggestionStatus::Open,
        decided_by: String::new(),
        decided_at: String::new(),
        reason: String::new(),
        origin: None,
    };
    let review = Review {
        suggestions: vec![suggestion.clone()],
        ..Review::default()
    };
    // In review mode: refused, nothing sent, the text unchanged.
    let (mut t, _) = T::open(true, false);
    t.send(Msg::ReviewRead {
        seen: None,
        result: Ok(review.clone()),
    });
    t.key(KeyCode::F(6));
    accept_is_refused(&mut t);
    // The quoted text edited since: shown, not applied.
    let (mut t, _) = T::open(false, false);
    let mut edited = review;
    edited.suggestions[0].quote = "36份".into();
    t.send(Msg::ReviewRead {
        seen: None,
        result: Ok(edited),
    });
    assert!(matches!(
        t.s.suggestion_places()[0],
        crate::core::suggestion::Place::Outdated(_)
    ));
    t.key(KeyCode::F(6));
    accept_is_refused(&mut t);
    assert!(t.s.message().is_some_and(|m| m.1), "{:?}", t.s.message());
}

#[test]
fn the_prompt_cursor_moves_and_edits_in_place() {
    let (mut t, _) = T::open(false, false);
    select_38(&mut t);
    t.key(KeyCode::F(9));
    // "38份": before 份, two back, then the new figure; Home, Delete.
    t.key(KeyCode::Left);
    assert_eq!(t.s.prompt_cursor_back(), 1);
    t.key(KeyCode::Backspace);
    t.key(KeyCode::Backspace);
    t.key(KeyCode::Char('4'));
    t.key(KeyCode::Char('0'));
    t.key(KeyCode::Home);
    t.key(KeyCode::Char('约'));
    t.key(KeyCode::End);
    t.key(KeyCode::Left);
    t.key(KeyCode::Delete);
    match t.s.overlay() {
        Overlay::Input(_, words) => assert_eq!(words, "约40"),
        other => panic!("{other:?}"),
    }
    t.key(KeyCode::Esc);
    assert_eq!(t.s.prompt_cursor_back(), 0);
}

#[test]
fn a_writer_cannot_sign_off() {
    let (mut t, _) = T::open(false, false);
    t.key(KeyCode::F(2));
    let fx = t.key(KeyCode::F(7));
    assert_eq!(*t.s.overlay(), Overlay::None);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        t.s.message().is_some_and(|m| m.0.contains("--review")),
        "{:?}",
        t.s.message()
    );
}

#[test]
fn a_word_files_tracked_change_is_shown_accepted_and_decided_in_word() {
    // The reader's accepted view has "38份"; the file says it was "35份".
    let change = crate::core::suggestion::Suggestion {
        id: "word-change-11".into(),
        author: "法律顾问".into(),
        created: "2025-01-10T09:00:00Z".into(),
        quote: "35".into(),
        prefix: "全年审核合同".into(),
        suffix: "份。".into(),
        line: 0,
        replacement: "38".into(),
        status: crate::core::suggestion::SuggestionStatus::Open,
        decided_by: String::new(),
        decided_at: String::new(),
        reason: String::new(),
        origin: None,
    };
    let (mut t, _) = T::open_with_tracked_changes(vec![change.clone()]);
    // It stays after the review file is read, beside the file's own.
    t.send(Msg::ReviewRead {
        seen: None,
        result: Ok(Review::default()),
    });
    assert_eq!(t.s.suggestions(), [change]);
    let crate::core::suggestion::Place::Current(a) = t.s.suggestion_places()[0] else {
        panic!("{:?}", t.s.suggestion_places())
    };
    assert_eq!(&t.s.doc().text()[a.start..a.end], "38");
    // The cursor on its wording: the status bar source knows it.
    for _ in 0..4 {
        t.key(KeyCode::Down);
    }
    for _ in 0..7 {
        t.key(KeyCode::Right);
    }
    assert!(t.s.suggestion_at_cursor().is_some_and(|s| s.is_from_file()));
    // Accept, reject and delete are WPS/Word's: nothing sent, said why.
    t.key(KeyCode::F(6));
    for key in ['a', 'x', 'd'] {
        let fx = t.key(KeyCode::Char(key));
        assert!(
            !fx.iter().any(|e| matches!(e, Effect::UpdateReview { .. })),
            "{key}: {fx:?}"
        );
        assert!(
            t.s.message().is_some_and(|m| m.0.contains("Word")),
            "{key}: {:?}",
            t.s.message()
        );
    }
}

#[test]
fn alt_enter_and_ctrl_j_start_a_new_line_in_the_wording_and_enter_saves() {
    let (mut t, _) = T::open(false, false);
    select_38(&mut t);
    t.key(KeyCode::F(9));
    t.send(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    t.key(KeyCode::Char('甲'));
    t.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::CONTROL,
    )));
    t.key(KeyCode::Char('乙'));
    match t.s.overlay() {
        Overlay::Input(_, words) => assert_eq!(words, "38份\n甲\n乙"),
        o => panic!("{o:?}"),
    }
    let fx = t.key(KeyCode::Enter);
    let change = fx
        .iter()
        .find_map(|e| match e {
            Effect::UpdateReview { change, .. } => Some(change),
            _ => None,
        })
        .expect("saved");
    match change.as_ref() {
        ReviewChange::AddSuggestion { suggestion, .. } => {
            assert_eq!(suggestion.replacement, "38份\n甲\n乙")
        }
        c => panic!("{c:?}"),
    }
}

#[test]
fn a_paste_goes_in_at_the_prompt_cursor_with_its_line_breaks() {
    let (mut t, _) = T::open(false, false);
    select_38(&mut t);
    t.key(KeyCode::F(9));
    t.key(KeyCode::Left);
    t.send(Msg::Paste("（约\r\n数）".into()));
    match t.s.overlay() {
        Overlay::Input(_, words) => assert_eq!(words, "38（约\n数）份"),
        o => panic!("{o:?}"),
    }
}
