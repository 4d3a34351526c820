//! Performing the workbench's effects: saves, recovery files, the edit
//! lock, looks at the disk, the review file, comparisons — each through
//! `io` (or the core, for a comparison), answered by the message the state
//! expects. [`Effects::perform`] does one, here and now; the event loop
//! calls it on worker threads, tests and examples call [`settle`] to run
//! everything at once.

use crate::app::msg::{
    DiskChange, Effect, ExitKeep, FileStamp, LockOutcome, Msg, Now, RecoveryKey, Reloaded,
    SaveFailure, SaveFailureKind, Saved,
};
use crate::app::state::State;
use crate::core::text::Fingerprint;
use crate::io::lock::{self, Acquired};
use crate::io::save::{RealFs, SaveError, save_atomic};
use crate::io::{load, recovery, review};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the way out needs when the main thread cannot help (a hang-up, a
/// termination, a panic): what to keep, where, and our edit lock.
#[derive(Debug, Default)]
pub struct Exit {
    /// The unsaved text and the comment being typed.
    pub keep: ExitKeep,
    /// Where recovery files go.
    pub dir: Option<PathBuf>,
    /// Our edit lock, removed on the way out.
    pub lock: Option<PathBuf>,
}

impl Exit {
    /// The shared value unless another thread holds it; a lock poisoned by
    /// a panic is still read (that is when it matters most).
    pub fn try_get(shared: &Mutex<Exit>) -> Option<std::sync::MutexGuard<'_, Exit>> {
        match shared.try_lock() {
            Ok(s) => Some(s),
            Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    /// Writes the recovery files (the unsent comment, then the draft's
    /// unsaved text); `last` when the process exits right after (see
    /// [`recovery::write_last`]). Returns the draft's file, if written.
    pub fn write_recovery(shared: &Mutex<Exit>, last: bool) -> Option<PathBuf> {
        let s = Exit::try_get(shared)?;
        let dir = s.dir.as_ref().filter(|_| s.keep.recovery)?;
        let comment = !s.keep.pending.trim().is_empty();
        let draft = s.keep.text.as_ref();
        let mut written = None;
        if comment {
            let key = recovery::comment_key(&s.keep.path);
            let file = if last && draft.is_none() {
                recovery::write_last(dir, &key, &s.keep.pending)
            } else {
                recovery::write(dir, &key, &s.keep.pending)
            };
            written = file.ok();
        }
        // The draft's copy, written a chunk at a time (not joined first).
        if let Some(text) = draft
            && let Ok(f) = recovery::write_snapshot(dir, &s.keep.path, text, last)
        {
            written = Some(f);
        }
        written
    }

    /// Removes our edit lock (on the way out).
    pub fn release_lock(shared: &Mutex<Exit>) {
        let lock = Exit::try_get(shared).and_then(|mut s| s.lock.take());
        if let Some(l) = lock {
            lock::release(&l);
        }
    }

    /// What the hang-up and termination handlers and the panic hook do
    /// before the process ends: keep unsaved text, give the lock back.
    pub fn on_the_way_out(shared: &Mutex<Exit>) -> Option<PathBuf> {
        let written = Exit::write_recovery(shared, false);
        Exit::release_lock(shared);
        written
    }
}

/// Performs effects against the real file system.
#[derive(Clone)]
pub struct Effects {
    exit: Arc<Mutex<Exit>>,
}

/// A file's time and size as the state compares them at each look at the
/// disk (`None`: it cannot be read).
pub fn file_stamp(path: &Path) -> Option<FileStamp> {
    load::stamp(path).map(|(modified, len)| FileStamp { modified, len })
}

/// Files up to this size are compared byte for byte at each look, since
/// the same time and size may still hide a change (a coarse clock, an edit
/// of equal length).
const COMPARE_UP_TO: u64 = 1024 * 1024;

impl Effects {
    /// Effects that keep the lock and recovery folder in `exit`.
    pub fn new(exit: Arc<Mutex<Exit>>) -> Effects {
        Effects { exit }
    }

    /// The shared way-out state.
    pub fn exit(&self) -> &Arc<Mutex<Exit>> {
        &self.exit
    }

    fn dir(&self) -> Option<PathBuf> {
        self.exit
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .dir
            .clone()
    }

    /// The file a recovery key is kept under, in the recovery folder.
    fn key_path(key: &RecoveryKey) -> PathBuf {
        match key {
            RecoveryKey::Draft(p) => p.clone(),
            RecoveryKey::Comment(p) => recovery::comment_key(p),
            RecoveryKey::Aside(p) => recovery::aside_key(p),
        }
    }

    /// Performs one effect now; returns its outcome for the state.
    pub fn perform(&self, effect: Effect) -> Option<Msg> {
        let no_dir = || "no recovery folder".to_owned();
        Some(match effect {
            Effect::Save(job) => {
                let result = if job.as_new && job.path.exists() {
                    Err(SaveFailure {
                        kind: SaveFailureKind::Exists,
                        message: format!("{}: exists", job.path.display()),
                    })
                } else {
                    save_atomic(
                        &RealFs,
                        &job.path,
                        &job.text,
                        &job.format,
                        job.encoding,
                        job.expected,
                    )
                    .map_err(|e| SaveFailure {
                        kind: match e {
                            SaveError::ChangedOnDisk(_) => SaveFailureKind::ChangedOnDisk,
                            _ => SaveFailureKind::Other,
                        },
                        message: status_sentence(&e),
                    })
                };
                Msg::Saved(Saved {
                    path: job.path,
                    generation: job.generation,
                    as_new: job.as_new,
                    result,
                })
            }
            Effect::WriteRecovery { key, text } => {
                let result = match self.dir() {
                    Some(dir) => {
                        recovery::write_snapshot(&dir, &Self::key_path(&key), &text, false)
                            .map_err(|e| e.to_string())
                    }
                    None => Err(no_dir()),
                };
                Msg::RecoveryWritten { key, result }
            }
            Effect::RemoveRecovery { key } => {
                let result = match self.dir() {
                    Some(dir) => {
                        recovery::remove(&dir, &Self::key_path(&key)).map_err(|e| e.to_string())
                    }
                    None => Ok(()),
                };
                Msg::RecoveryRemoved { key, result }
            }
            Effect::ReadRecovery { key } => {
                let result = match self.dir() {
                    Some(dir) => {
                        recovery::read(&dir, &Self::key_path(&key)).map_err(|e| e.to_string())
                    }
                    None => Ok(None),
                };
                Msg::RecoveryRead { key, result }
            }
            Effect::Lock { path, take_over } => {
                let outcome = if take_over {
                    lock::take_over(&path)
                } else {
                    lock::acquire(&path)
                };
                Msg::Locked(match outcome {
                    Acquired::Mine(p) => {
                        // The draft is ours to edit: what saves of it by
                        // processes now gone left behind goes.
                        crate::io::save::clean_stale_temps(&path);
                        let mut exit = self
                            .exit
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        exit.lock = Some(p);
                        LockOutcome::Mine
                    }
                    Acquired::HeldBy(h) => LockOutcome::HeldBy(h),
                    Acquired::Unavailable(e) => LockOutcome::Unavailable(e.to_string()),
                })
            }
            Effect::ReleaseLock => {
                Exit::release_lock(&self.exit);
                return None;
            }
            // The terminal is the event loop's: it writes this itself (and
            // tests have no terminal to write to).
            Effect::Clipboard(_) => return None,
            Effect::LookAtDisk {
                path,
                seen,
                fingerprint,
            } => look_at_disk(&path, seen, fingerprint),
            Effect::Reload { path, set_aside } => Msg::Reloaded(self.reload(&path, set_aside)),
            Effect::ReadReview { draft, unless_seen } => {
                let seen = file_stamp(&review::sidecar_path(&draft));
                if unless_seen == Some(seen) {
                    return None;
                }
                Msg::ReviewRead {
                    seen,
                    result: review::read(&draft).map_err(|e| e.to_string()),
                }
            }
            Effect::UpdateReview {
                draft,
                change,
                done,
                retry,
            } => Msg::ReviewWritten {
                result: review::update(&draft, |r| change.apply(r)).map_err(|e| e.to_string()),
                done,
                retry,
            },
            Effect::Compare(job) => job.run(),
            Effect::Check(job) => job.run(),
        })
    }

    fn reload(
        &self,
        path: &Path,
        set_aside: Option<(RecoveryKey, Arc<String>)>,
    ) -> Result<Reloaded, String> {
        // Before reading: a change made while it is read is seen at the
        // next look, not taken for the text read.
        let seen = file_stamp(path);
        let file = load::load(path).map_err(|e| e.to_string())?;
        let kept = match set_aside {
            Some((key, text)) => {
                let dir = self.dir().ok_or("no recovery folder")?;
                Some(
                    recovery::write(&dir, &Self::key_path(&key), &text).map_err(|e| {
                        format!("cannot write the recovery file ({e}); not reloaded")
                    })?,
                )
            }
            None => None,
        };
        Ok(Reloaded { seen, file, kept })
    }
}

/// A failed save for the status bar: the cause first, so that a narrow
/// terminal shows what went wrong before the path.
fn status_sentence(e: &SaveError) -> String {
    match e {
        SaveError::ChangedOnDisk(p) => {
            format!(
                "not saved: changed on disk by someone else ({})",
                p.display()
            )
        }
        SaveError::NotWritable { path, source } => format!(
            "not saved: {source}; your text is kept ({})",
            path.display()
        ),
        SaveError::Failed { path, step, source } => format!(
            "not saved: {source} while {step}; the file is untouched, your text is kept ({})",
            path.display()
        ),
    }
}

/// The draft on disk compared with what was loaded or saved.
fn look_at_disk(path: &Path, seen: Option<FileStamp>, fingerprint: Option<Fingerprint>) -> Msg {
    let now = file_stamp(path);
    let small = now.is_some_and(|s| s.len <= COMPARE_UP_TO);
    if now == seen && !small {
        return Msg::DiskLooked {
            seen: now,
            change: DiskChange::Same,
        };
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Msg::DiskLooked {
            seen: now,
            change: DiskChange::NotAFile,
        };
    }
    let change = match (std::fs::read(path).ok(), fingerprint) {
        (Some(b), Some(fp)) if Fingerprint::of(&b) == fp => DiskChange::Same,
        (None, None) => DiskChange::Same,
        (None, Some(_)) => DiskChange::Gone,
        (Some(_), _) => DiskChange::Changed,
    };
    Msg::DiskLooked { seen: now, change }
}

/// Runs `effects` and everything they lead to, one after another, feeding
/// each outcome back to the state (with the time from `now`) — the
/// workbench's effects without threads, for tests and examples.
pub fn settle(state: &mut State, effects: Vec<Effect>, runner: &Effects, now: &dyn Fn() -> Now) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        if let Some(msg) = runner.perform(e) {
            queue.extend(state.update(msg, now()));
        }
        let keep = state.exit_keep();
        if let Ok(mut exit) = runner.exit.lock() {
            exit.keep = keep;
        }
    }
}
