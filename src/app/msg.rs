//! What happens to the workbench ([`Msg`]) and what it asks to be done
//! ([`Effect`]), with the payloads they carry. The terminal layer (`tui`)
//! turns terminal events and the outcomes of effects into messages;
//! [`State::update`](super::state::State::update) decides and returns effects; `tui` performs
//! them (files off the UI thread, comparisons on a worker) and feeds the
//! outcomes back. Nothing here does anything.

use super::state::Prompt;
use crate::core::check::{CheckMemo, Report};
use crate::core::compare::Comparison;
use crate::core::document::Document;
use crate::core::review::{Review, ReviewChange};
use crate::core::session::{Holder, Recovered};
use crate::core::spec::CompiledSpec;
use crate::core::text::{Encoding, Fingerprint, Loaded, TextFormat};
use crossterm::event::{Event, KeyEvent, MouseEvent};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, TryLockError};
use std::time::{Instant, SystemTime};

/// The time, read by the terminal layer and handed in with every message:
/// the workbench itself never reads a clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Now {
    /// For timers.
    pub at: Instant,
    /// Seconds since 1970 (for "written 5 minutes ago").
    pub unix: u64,
    /// Local time as RFC 3339 with its offset (for comments and sign-offs).
    pub local: String,
}

/// A file's modification time and size as last seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Modification time.
    pub modified: SystemTime,
    /// Size in bytes.
    pub len: u64,
}

/// What happened.
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// The mouse was used.
    Mouse(MouseEvent),
    /// The terminal has this many columns and rows now.
    Resize(u16, u16),
    /// An Esc key, then these events in the same read (perhaps the rest of
    /// an escape sequence crossterm misread; see `app::input`).
    AfterEsc(Vec<Event>),
    /// Time passed: timed work may be due (see `State::next_tick`).
    Tick,
    /// A save finished.
    Saved(Saved),
    /// A recovery file was written (its path) or not (why).
    RecoveryWritten {
        /// Which.
        key: RecoveryKey,
        /// Where, or why not.
        result: Result<PathBuf, String>,
    },
    /// A recovery file was removed, or not (why).
    RecoveryRemoved {
        /// Which.
        key: RecoveryKey,
        /// Nothing, or why not.
        result: Result<(), String>,
    },
    /// A recovery file was looked for.
    RecoveryRead {
        /// Which.
        key: RecoveryKey,
        /// Its content when there is one, or why it could not be read.
        result: Result<Option<Recovered>, String>,
    },
    /// The edit lock was tried.
    Locked(LockOutcome),
    /// The draft on disk was looked at.
    DiskLooked {
        /// Its time and size now (`None`: gone).
        seen: Option<FileStamp>,
        /// Whether it still holds what was loaded or saved.
        change: DiskChange,
    },
    /// The draft was read again from disk.
    Reloaded(Result<Reloaded, String>),
    /// The review file was read (at the start, or because it changed).
    ReviewRead {
        /// Its time and size as read.
        seen: Option<FileStamp>,
        /// The review, or why it could not be read.
        result: Result<Review, String>,
    },
    /// A change to the review file was written (the review as it is now),
    /// or not.
    ReviewWritten {
        /// The review as written, or why not.
        result: Result<Review, String>,
        /// What to say when it was written.
        done: String,
        /// The prompt to reopen with the words typed when it was not.
        retry: Option<(Prompt, String)>,
    },
    /// A re-check of the editor's text worked out off the UI thread (a
    /// huge draft, once typing paused).
    Checked {
        /// The edit count of the text it is of ([`CheckJob::edits`]).
        edits: u64,
        /// The text parsed.
        doc: Arc<Document>,
        /// Its checklist (the not-applicable sign-offs not yet applied).
        report: Box<Report>,
    },
    /// A comparison with last year's report finished.
    Compared {
        /// The analysis it was worked out for.
        generation: u64,
        /// The comparison.
        comparison: Box<Comparison>,
    },
}

/// What to do.
#[derive(Debug)]
pub enum Effect {
    /// Save the text (answered by [`Msg::Saved`]).
    Save(SaveJob),
    /// Write a recovery file (answered by [`Msg::RecoveryWritten`]).
    WriteRecovery {
        /// Which.
        key: RecoveryKey,
        /// The text to keep, in shared chunks (joined by the worker that
        /// writes it, not by the event loop).
        text: Arc<crate::core::snapshot::TextSnapshot>,
    },
    /// Remove a recovery file (answered by [`Msg::RecoveryRemoved`]).
    RemoveRecovery {
        /// Which.
        key: RecoveryKey,
    },
    /// Look for a recovery file (answered by [`Msg::RecoveryRead`]).
    ReadRecovery {
        /// Which.
        key: RecoveryKey,
    },
    /// Take the edit lock of a draft (answered by [`Msg::Locked`]).
    Lock {
        /// The draft.
        path: PathBuf,
        /// Take it over from its holder (the user chose to edit anyway).
        take_over: bool,
    },
    /// Give the edit lock back.
    ReleaseLock,
    /// Look at the draft on disk (answered by [`Msg::DiskLooked`]).
    LookAtDisk {
        /// The draft.
        path: PathBuf,
        /// Its time and size as last seen.
        seen: Option<FileStamp>,
        /// What it held when loaded or saved.
        fingerprint: Option<Fingerprint>,
    },
    /// Read the draft again (answered by [`Msg::Reloaded`]), first keeping
    /// the unsaved text in a recovery file when given.
    Reload {
        /// The draft.
        path: PathBuf,
        /// Unsaved text to set aside first.
        set_aside: Option<(RecoveryKey, Arc<String>)>,
    },
    /// Read the review file (answered by [`Msg::ReviewRead`]), unless its
    /// time and size are still `unless_seen`.
    ReadReview {
        /// The draft (the review file is beside it).
        draft: PathBuf,
        /// `Some(stamp)`: only when the file's stamp differs.
        unless_seen: Option<Option<FileStamp>>,
    },
    /// Apply a change to the review file under its lock (answered by
    /// [`Msg::ReviewWritten`]).
    UpdateReview {
        /// The draft.
        draft: PathBuf,
        /// The change.
        change: Box<ReviewChange>,
        /// What to say when it is written.
        done: String,
        /// The prompt to reopen with the words typed when it is not.
        retry: Option<(Prompt, String)>,
    },
    /// Compare last year's report with the text (answered by
    /// [`Msg::Compared`]); off the UI thread.
    Compare(CompareJob),
    /// Parse and check the text (answered by [`Msg::Checked`]); off the UI
    /// thread, so that checking a huge draft never holds up a keystroke.
    Check(CheckJob),
    /// Put text on the system clipboard through the terminal (OSC 52),
    /// written by the thread that draws, between frames; not answered.
    Clipboard(String),
}

/// A recovery file: of the draft's unsaved text, or of a comment (reply,
/// reason) being typed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryKey {
    /// The draft's text.
    Draft(PathBuf),
    /// An unsent comment on the draft.
    Comment(PathBuf),
    /// Unsaved text set aside when the draft was read again from disk: a
    /// file of its own, offered at the next open, removed only when the
    /// user discards it (or saves it back).
    Aside(PathBuf),
}

/// A save to do.
#[derive(Debug, Clone)]
pub struct SaveJob {
    /// Where (for a save-as, as typed: `~/` is expanded, an existing file refused).
    pub path: PathBuf,
    /// The text, `\n`-separated.
    pub text: Arc<String>,
    /// BOM and line endings to write.
    pub format: TextFormat,
    /// The encoding to write.
    pub encoding: Encoding,
    /// What the file on disk must still hold (`None`: overwrite).
    pub expected: Option<Fingerprint>,
    /// The edit generation of `text` (see `State::edits`).
    pub generation: u64,
    /// A save-as to a new file (which must not exist).
    pub as_new: bool,
}

/// A save that finished.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The file written (for a save-as, the name expanded).
    pub path: PathBuf,
    /// The job's edit generation.
    pub generation: u64,
    /// A save-as.
    pub as_new: bool,
    /// The new fingerprint, or why not.
    pub result: Result<Fingerprint, SaveFailure>,
}

/// Why a save failed (the original is untouched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    /// What kind of failure.
    pub kind: SaveFailureKind,
    /// One sentence.
    pub message: String,
}

/// The kinds of save failure the workbench answers differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFailureKind {
    /// Someone else changed the file: ask.
    ChangedOnDisk,
    /// A save-as target exists already.
    Exists,
    /// Anything else (permissions, full disk): say so, offer save-as.
    Other,
}

/// The outcome of trying the edit lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockOutcome {
    /// Ours.
    Mine,
    /// Another live reportbench edits the draft.
    HeldBy(Holder),
    /// No lock could be made (why).
    Unavailable(String),
}

/// The draft on disk compared with what was loaded or saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// Not looked at again (same time and size, too large to compare), or
    /// the same bytes.
    Same,
    /// Other bytes.
    Changed,
    /// Deleted or moved.
    Gone,
    /// Something that is not a file is there now (a folder).
    NotAFile,
}

/// The draft read again.
#[derive(Debug, Clone)]
pub struct Reloaded {
    /// The file.
    pub file: Loaded,
    /// Its time and size.
    pub seen: Option<FileStamp>,
    /// Where the unsaved text was set aside, if it was.
    pub kept: Option<PathBuf>,
}

/// A check of the editor's text to work out, with the text shared.
#[derive(Debug, Clone)]
pub struct CheckJob {
    /// The buffer's edit count when the text was taken: the result is
    /// used only if no edit came after.
    pub edits: u64,
    /// The text, `\n`-separated.
    pub text: Arc<String>,
    /// Its BOM and line endings.
    pub format: TextFormat,
    /// The spec.
    pub spec: Arc<CompiledSpec>,
    /// The language of the checklist's messages.
    pub lang: crate::core::lang::Lang,
    /// What the draft's earlier checks worked out of each paragraph (one
    /// check uses it at a time; see [`Memo`]); none for a huge draft.
    pub memo: Option<Memo>,
}

/// A draft's [`CheckMemo`], shared by the checks of its text wherever they
/// run.
pub type Memo = Arc<Mutex<CheckMemo>>;

/// Parses and checks `text` (normalised) with the draft's memo, or
/// without one (none given, or another check holds it: never waits).
pub fn parse_and_check(
    text: String,
    format: TextFormat,
    spec: &CompiledSpec,
    lang: crate::core::lang::Lang,
    memo: Option<&Memo>,
) -> (Document, Report) {
    let opts = crate::core::check::CheckOptions { lang };
    let mut held = memo.and_then(|memo| match memo.try_lock() {
        Ok(m) => Some(m),
        // A check that panicked left the memo half done: start afresh.
        Err(TryLockError::Poisoned(e)) => {
            let mut m = e.into_inner();
            *m = CheckMemo::new();
            Some(m)
        }
        Err(TryLockError::WouldBlock) => None,
    });
    match held.as_deref_mut() {
        Some(m) => {
            let doc = Document::parse_reusing(text, format, m.lines());
            let report = crate::core::check::check_reusing(&doc, spec, &opts, m);
            (doc, report)
        }
        None => {
            let doc = Document::parse_normalized(text, format);
            let report = crate::core::check::check(&doc, spec, &opts);
            (doc, report)
        }
    }
}

impl CheckJob {
    /// Parses and checks the text (pure; on a worker thread in the
    /// workbench).
    pub fn run(&self) -> Msg {
        let (doc, report) = parse_and_check(
            self.text.to_string(),
            self.format.clone(),
            &self.spec,
            self.lang,
            self.memo.as_ref(),
        );
        Msg::Checked {
            edits: self.edits,
            doc: Arc::new(doc),
            report: Box::new(report),
        }
    }
}

/// A comparison to work out, with shared references to everything it
/// needs (cheap to send to a worker).
#[derive(Debug, Clone)]
pub struct CompareJob {
    /// The analysis generation it is for.
    pub generation: u64,
    /// Last year's text.
    pub old: Arc<Document>,
    /// Last year's checklist.
    pub old_report: Arc<Report>,
    /// This year's text.
    pub new: Arc<Document>,
    /// This year's checklist.
    pub new_report: Arc<Report>,
    /// The spec.
    pub spec: Arc<CompiledSpec>,
}

impl CompareJob {
    /// Works the comparison out (pure; on a worker thread in the workbench).
    pub fn run(&self) -> Msg {
        let comparison = crate::core::compare::compare(
            &self.old,
            &self.new,
            &self.old_report.figures,
            &self.new_report.figures,
            &self.spec,
            &crate::core::compare::CompareOptions::default(),
        );
        Msg::Compared {
            generation: self.generation,
            comparison: Box::new(comparison),
        }
    }
}

/// What the hang-up, termination and panic handlers keep when the process
/// ends without the main thread: the unsaved text and the comment being
/// typed.
#[derive(Debug, Clone, Default)]
pub struct ExitKeep {
    /// The draft.
    pub path: PathBuf,
    /// Its unsaved text (`None`: nothing unsaved), in shared chunks: kept
    /// up to date after every key at the cost of what changed.
    pub text: Option<Arc<crate::core::snapshot::TextSnapshot>>,
    /// A comment, reply or reason being typed (empty: none).
    pub pending: String,
    /// Recovery files may be written.
    pub recovery: bool,
}
