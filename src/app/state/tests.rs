//! The state's decisions, driven by messages and judged by the effects it
//! asks for: no files, no terminal, a clock the test moves. (The effects
//! themselves are tested against real files in `tests/`.)

use super::*;
use crate::app::keymap::Keymap;
use crate::app::msg::{
    DiskChange, Effect, FileStamp, LockOutcome, Msg, Now, RecoveryKey, SaveFailure,
    SaveFailureKind, Saved,
};
use crate::core::review::Review;
use crate::core::session::Holder;
use crate::core::text::{Fingerprint, TextFormat};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub(super) const DRAFT: &str = "甲镇2024年度法治政府建设情况报告\n\n一、主要举措和成效\n\n全年审核合同38份。\n\n二、存在的不足和原因\n\n人员偏少，究其原因是编制不足。\n";

pub(super) struct T {
    pub(super) s: State,
    t0: Instant,
    ms: u64,
    /// Re-checks asked of a worker are run at once, as the worker would,
    /// and left out of the effects returned (`false`: returned, not run).
    pub(super) run_checks: bool,
}

fn file(text: &str) -> Loaded {
    Loaded {
        path: PathBuf::from("/nowhere/draft.md"),
        text: text.to_owned(),
        format: TextFormat::default(),
        encoding: Encoding::Utf8,
        bytes: text.len() as u64,
        fingerprint: Fingerprint::of(text.as_bytes()),
        source: Default::default(),
        notes: Vec::new(),
        comments: Vec::new(),
        suggestions: Vec::new(),
    }
}

impl T {
    pub(super) fn open(review_mode: bool, recovery: bool) -> (T, Vec<Effect>) {
        T::open_file(file(DRAFT), review_mode, recovery)
    }

    /// A draft of `text` (a text file, editable).
    pub(super) fn open_text(text: &str) -> (T, Vec<Effect>) {
        T::open_file(file(text), false, false)
    }

    /// The draft as a Word document holding `changes` (tracked changes).
    pub(super) fn open_with_tracked_changes(
        changes: Vec<crate::core::suggestion::Suggestion>,
    ) -> (T, Vec<Effect>) {
        let mut f = file(DRAFT);
        f.suggestions = changes;
        T::open_file(f, false, false)
    }

    fn open_file(draft: Loaded, review_mode: bool, recovery: bool) -> (T, Vec<Effect>) {
        T::open_seen(draft, review_mode, recovery, None)
    }

    /// The draft, its file seen as `seen` just before it was read.
    fn open_seen(
        draft: Loaded,
        review_mode: bool,
        recovery: bool,
        seen: Option<FileStamp>,
    ) -> (T, Vec<Effect>) {
        let t0 = Instant::now();
        let start = Start {
            file: draft,
            previous: Some(file(&DRAFT.replace("2024", "2023").replace("38份", "30份"))),
            spec: CompiledSpec::default_spec(),
            keymap: Keymap::defaults(),
            lang: Lang::En,
            author: "李律师".into(),
            review_mode,
            recovery,
            size: (100, 30),
            spec_note: None,
            seen,
        };
        let (s, fx) = State::new(start, now_at(t0, 0));
        let t = T {
            s,
            t0,
            ms: 0,
            run_checks: true,
        };
        (t, fx)
    }

    pub(super) fn send(&mut self, m: Msg) -> Vec<Effect> {
        let fx = self.s.update(m, now_at(self.t0, self.ms));
        if !self.run_checks {
            return fx;
        }
        let mut rest = Vec::new();
        for e in fx {
            match e {
                Effect::Check(job) => rest.extend(self.send(job.run())),
                e => rest.push(e),
            }
        }
        rest
    }

    pub(super) fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    pub(super) fn ctrl(&mut self, c: char) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    pub(super) fn after(&mut self, ms: u64) -> Vec<Effect> {
        self.ms += ms;
        self.send(Msg::Tick)
    }
}

fn now_at(t0: Instant, ms: u64) -> Now {
    Now {
        at: t0 + Duration::from_millis(ms),
        unix: 1_750_000_000 + ms / 1000,
        local: "2025-03-01T09:30:00+08:00".into(),
    }
}
fn saves(fx: &[Effect]) -> Vec<&crate::app::msg::SaveJob> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Save(j) => Some(j),
            _ => None,
        })
        .collect()
}

#[test]
fn opening_asks_for_the_review_file_the_lock_and_an_unsent_comment() {
    let (_, fx) = T::open(false, true);
    assert!(matches!(
        fx[0],
        Effect::ReadReview {
            unless_seen: None,
            ..
        }
    ));
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Lock {
            take_over: false,
            ..
        }
    )));
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::ReadRecovery {
            key: RecoveryKey::Comment(_)
        }
    )));
    // A reviewer takes no lock: the writer goes on editing.
    let (t, fx) = T::open(true, false);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Lock { .. })));
    assert!(t.s.is_read_only() && t.s.review_mode());
}

#[test]
fn the_drafts_recovery_file_is_looked_for_once_the_lock_is_ours() {
    let (mut t, _) = T::open(false, true);
    let fx = t.send(Msg::Locked(LockOutcome::Mine));
    assert!(matches!(
        fx.as_slice(),
        [
            Effect::ReadRecovery {
                key: RecoveryKey::Draft(_)
            },
            Effect::ReadRecovery {
                key: RecoveryKey::Aside(_)
            }
        ]
    ));
    // Someone else's lock: asked first; editing anyway takes it over.
    let (mut t, _) = T::open(false, true);
    let holder = Holder {
        user: "li".into(),
        host: "elsewhere".into(),
        pid: 1,
    };
    assert!(t.send(Msg::Locked(LockOutcome::HeldBy(holder))).is_empty());
    assert!(matches!(t.s.overlay(), Overlay::Locked(_)));
    let fx = t.key(KeyCode::Char('e'));
    assert!(matches!(
        fx.as_slice(),
        [Effect::Lock {
            take_over: true,
            ..
        }]
    ));
    // Or read-only: nothing to ask for.
    let (mut t, _) = T::open(false, true);
    let holder = Holder {
        user: "li".into(),
        host: "elsewhere".into(),
        pid: 1,
    };
    t.send(Msg::Locked(LockOutcome::HeldBy(holder)));
    assert!(t.key(KeyCode::Char('o')).is_empty());
    assert!(t.s.is_read_only());
}

#[test]
fn typing_asks_for_nothing_and_the_recovery_file_follows_within_two_seconds() {
    let (mut t, _) = T::open(false, true);
    assert!(t.key(KeyCode::Char('甲')).is_empty());
    assert!(t.s.is_modified());
    // Not while typing goes on…
    let fx = t.after(500);
    assert!(!fx.iter().any(|e| matches!(e, Effect::WriteRecovery { .. })));
    // …but a pause of a second writes it, with the text as typed.
    let fx = t.after(600);
    let written: Vec<String> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::WriteRecovery {
                key: RecoveryKey::Draft(_),
                text,
            } => Some(text.joined()),
            _ => None,
        })
        .collect();
    assert_eq!(written.len(), 1);
    assert!(written[0].starts_with("甲甲镇2024"));
    // Nothing more until the next edit.
    assert!(
        !t.after(3000)
            .iter()
            .any(|e| matches!(e, Effect::WriteRecovery { .. }))
    );
    // Without a recovery folder, never.
    let (mut t, _) = T::open(false, false);
    t.key(KeyCode::Char('甲'));
    assert!(
        !t.after(3000)
            .iter()
            .any(|e| matches!(e, Effect::WriteRecovery { .. }))
    );
}

#[test]
fn a_save_reports_back_and_edits_made_meanwhile_stay_unsaved() {
    let (mut t, _) = T::open(false, true);
    t.key(KeyCode::Char('甲'));
    let fx = t.ctrl('s');
    let job = saves(&fx)[0].clone();
    assert!(job.text.starts_with("甲甲镇") && !job.as_new);
    assert_eq!(job.expected, Some(Fingerprint::of(DRAFT.as_bytes())));
    // Typing on while it is written.
    t.key(KeyCode::Char('乙'));
    // A second Ctrl-S waits for the first.
    assert!(saves(&t.ctrl('s')).is_empty());
    let fp = Fingerprint::of(b"x");
    let fx = t.send(Msg::Saved(Saved {
        path: job.path.clone(),
        generation: job.generation,
        as_new: false,
        result: Ok(fp),
    }));
    assert!(t.s.is_modified(), "乙 was typed after the save began");
    // The waiting save goes now, expecting what the first one wrote.
    let again = saves(&fx)[0].clone();
    assert_eq!(again.expected, Some(fp));
    assert!(again.text.starts_with("甲乙甲镇"));
    let fx = t.send(Msg::Saved(Saved {
        path: again.path.clone(),
        generation: again.generation,
        as_new: false,
        result: Ok(Fingerprint::of(b"y")),
    }));
    assert!(!t.s.is_modified());
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::RemoveRecovery {
            key: RecoveryKey::Draft(_)
        }
    )));
}

#[test]
fn a_save_refused_for_a_change_on_disk_asks_and_other_failures_point_at_save_as() {
    let (mut t, _) = T::open(false, false);
    t.key(KeyCode::Char('甲'));
    let job = saves(&t.ctrl('s'))[0].clone();
    let failed = |kind, message: &str| {
        Msg::Saved(Saved {
            path: job.path.clone(),
            generation: job.generation,
            as_new: false,
            result: Err(SaveFailure {
                kind,
                message: message.into(),
            }),
        })
    };
    t.send(failed(SaveFailureKind::ChangedOnDisk, "changed"));
    assert_eq!(*t.s.overlay(), Overlay::ConfirmOverwrite);
    // y overwrites: saved without the check.
    let fx = t.key(KeyCode::Char('y'));
    assert_eq!(saves(&fx)[0].expected, None);
    t.send(failed(SaveFailureKind::Other, "disk full"));
    let (m, error) = t.s.message().cloned().unwrap();
    assert!(
        error && m.contains("disk full") && m.contains("F12: save as"),
        "{m}"
    );
    assert!(t.s.is_modified());
}

#[test]
fn the_first_look_at_the_disk_knows_the_file_as_it_was_read() {
    // A huge file unchanged since it was read costs a look at its time
    // and size, not a second read: the first look carries what was seen
    // before the read, then each look what the last one saw.
    let stamp = FileStamp {
        modified: std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        len: 12_000_000,
    };
    let looks = |fx: Vec<Effect>| -> Vec<Option<FileStamp>> {
        fx.into_iter()
            .filter_map(|e| match e {
                Effect::LookAtDisk { seen, .. } => Some(seen),
                _ => None,
            })
            .collect()
    };
    let (mut t, _) = T::open_seen(file(DRAFT), false, true, Some(stamp));
    assert_eq!(looks(t.after(2100)), vec![Some(stamp)]);
    let later = FileStamp {
        len: 12_000_001,
        ..stamp
    };
    t.send(Msg::DiskLooked {
        seen: Some(later),
        change: DiskChange::Same,
    });
    assert_eq!(looks(t.after(2100)), vec![Some(later)]);
    // Not known (a test, an embedder): the first look reads the file.
    let (mut t, _) = T::open(false, true);
    assert_eq!(looks(t.after(2100)), vec![None]);
}

#[test]
fn a_change_on_disk_reloads_a_clean_draft_and_is_only_shown_for_a_modified_one() {
    let (mut t, _) = T::open(false, true);
    let fx = t.send(Msg::DiskLooked {
        seen: None,
        change: DiskChange::Changed,
    });
    assert!(matches!(
        fx.as_slice(),
        [Effect::Reload {
            set_aside: None,
            ..
        }]
    ));
    let (mut t, _) = T::open(false, true);
    t.key(KeyCode::Char('甲'));
    let fx = t.send(Msg::DiskLooked {
        seen: None,
        change: DiskChange::Changed,
    });
    assert!(fx.is_empty());
    assert!(t.s.changed_on_disk());
    // Asked at the save; r reloads, setting the unsaved text aside first.
    let job = saves(&t.ctrl('s'))[0].clone();
    t.send(Msg::Saved(Saved {
        path: job.path,
        generation: job.generation,
        as_new: false,
        result: Err(SaveFailure {
            kind: SaveFailureKind::ChangedOnDisk,
            message: String::new(),
        }),
    }));
    let fx = t.key(KeyCode::Char('r'));
    match fx.as_slice() {
        [
            Effect::Reload {
                set_aside: Some((RecoveryKey::Aside(_), text)),
                ..
            },
        ] => assert!(text.starts_with("甲甲镇")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn quitting_with_changes_asks_and_a_deliberate_discard_removes_the_recovery_file() {
    let (mut t, _) = T::open(false, true);
    t.key(KeyCode::Char('甲'));
    assert!(t.ctrl('q').is_empty());
    assert_eq!(*t.s.overlay(), Overlay::ConfirmQuit);
    assert!(t.key(KeyCode::Char('n')).is_empty());
    assert!(!t.s.should_quit());
    t.ctrl('q');
    let fx = t.key(KeyCode::Char('y'));
    assert!(t.s.should_quit());
    assert!(matches!(
        fx.as_slice(),
        [Effect::RemoveRecovery {
            key: RecoveryKey::Draft(_)
        }]
    ));
}

#[test]
fn a_comparison_of_an_older_text_is_not_shown_and_a_new_one_is_asked_for() {
    let (mut t, _) = T::open(false, false);
    let fx = t.key(KeyCode::F(3));
    let job = match fx.as_slice() {
        [Effect::Compare(job)] => job.clone(),
        other => panic!("{other:?}"),
    };
    assert!(t.s.comparison().is_none(), "not before it arrives");
    // The text changes (a reload, a review's sign-off) while it is worked
    // out: the comparison of the new analysis is asked for at once.
    let fx = t.send(Msg::ReviewRead {
        seen: None,
        result: Ok(Review {
            signoffs: vec![crate::core::review::Signoff {
                history: Vec::new(),
                item: "other".into(),
                verdict: crate::core::review::Verdict::Na,
                reason: "无".into(),
                author: "李律师".into(),
                at: "2025-03-01T09:40:00+08:00".into(),
            }],
            ..Review::default()
        }),
    });
    let newer = match fx.as_slice() {
        [Effect::Compare(j)] => j.clone(),
        other => panic!("{other:?}"),
    };
    assert!(newer.generation > job.generation);
    // The older one arrives: not shown, and not asked for again.
    assert!(t.send(job.run()).is_empty());
    assert!(t.s.comparison().is_none(), "of an older analysis");
    t.send(newer.run());
    assert!(t.s.comparison().is_some());
    assert!(!t.s.diff_entries().is_empty());
}

#[test]
fn the_checklist_scrolls_so_that_the_selection_is_on_screen() {
    let (mut t, _) = T::open(false, false);
    t.send(Msg::Resize(80, 24));
    t.key(KeyCode::F(2));
    let rows = crate::app::layout::checklist_rows(t.s.size(), t.s.zoom()).height as usize;
    let n = t.s.rows().len();
    assert!(n > rows, "{n} rows, {rows} on screen");
    for _ in 0..n {
        t.key(KeyCode::Down);
        let (sel, top) = (t.s.selected(), t.s.list_top());
        assert!(
            top <= sel && sel < top + rows,
            "{sel} not in {top}..+{rows}"
        );
    }
    // A bigger terminal shows them from the top again where they fit.
    t.send(Msg::Resize(120, 60));
    assert!(t.s.list_top() + rows >= n.min(t.s.list_top() + rows));
}

#[test]
fn the_help_scroll_stops_at_its_last_row() {
    let (mut t, _) = T::open(false, false);
    t.send(Msg::Resize(80, 24));
    t.key(KeyCode::F(1));
    for _ in 0..100 {
        t.key(KeyCode::PageDown);
    }
    let Overlay::Help(top) = *t.s.overlay() else {
        panic!("{:?}", t.s.overlay())
    };
    let rows = crate::app::help::rows(t.s.keymap(), t.s.lang());
    let g = crate::app::layout::help(t.s.size(), &rows).unwrap();
    assert_eq!(top, g.max_scroll);
    // One page up shows rows at once.
    t.key(KeyCode::PageUp);
    assert_eq!(*t.s.overlay(), Overlay::Help(g.max_scroll - 10));
}

#[test]
fn quitting_while_a_save_is_written_waits_for_it() {
    let (mut t, _) = T::open(false, false);
    t.key(KeyCode::Char('甲'));
    let job = saves(&t.ctrl('s'))[0].clone();
    t.ctrl('q');
    assert!(!t.s.should_quit());
    assert_eq!(
        *t.s.overlay(),
        Overlay::None,
        "not asked: it is being saved"
    );
    t.send(Msg::Saved(Saved {
        path: job.path,
        generation: job.generation,
        as_new: false,
        result: Ok(Fingerprint::of(b"x")),
    }));
    assert!(t.s.should_quit());
    // A save that fails leaves the question.
    let (mut t, _) = T::open(false, false);
    t.key(KeyCode::Char('甲'));
    let job = saves(&t.ctrl('s'))[0].clone();
    t.ctrl('q');
    t.send(Msg::Saved(Saved {
        path: job.path,
        generation: job.generation,
        as_new: false,
        result: Err(SaveFailure {
            kind: SaveFailureKind::Other,
            message: "disk full".into(),
        }),
    }));
    assert!(!t.s.should_quit());
    assert_eq!(*t.s.overlay(), Overlay::ConfirmQuit);
}

#[test]
fn no_edit_lock_is_said_on_the_status_bar() {
    let (mut t, _) = T::open(false, false);
    t.send(Msg::Locked(LockOutcome::Unavailable(
        "No space left on device".into(),
    )));
    let (m, error) = t.s.message().cloned().unwrap();
    assert!(
        error && m.contains("no edit lock") && m.contains("No space left"),
        "{m}"
    );
}

#[test]
fn launch_checks_the_draft_once_and_a_review_file_rechecks_only_for_na() {
    let (mut t, _) = T::open(false, false);
    assert_eq!(t.s.analysis.generation, 0);
    // The review file read at launch: no sign-off changes the checklist.
    t.send(Msg::ReviewRead {
        seen: None,
        result: Ok(Review::default()),
    });
    assert_eq!(t.s.analysis.generation, 0, "no second check at launch");
    // A reviewer marks an item not applicable: the checklist shows it.
    let mut r = Review::default();
    r.signoffs.push(crate::core::review::Signoff {
        item: "other".into(),
        verdict: crate::core::review::Verdict::Na,
        reason: "无其他事项".into(),
        author: "李律师".into(),
        at: "2025-03-01T09:00:00+08:00".into(),
        history: Vec::new(),
    });
    t.send(Msg::ReviewRead {
        seen: None,
        result: Ok(r),
    });
    assert_eq!(t.s.analysis.generation, 1);
    let other = t.s.report().items.iter().find(|i| i.id == "other").unwrap();
    assert_eq!(other.status, crate::core::check::Status::Na);
}
