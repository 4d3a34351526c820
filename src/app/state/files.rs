//! The draft's file: what it held when loaded or saved, whether someone
//! else changed it, the edit lock, saving and reloading, recovery files and
//! the timers that write them and look at the disk. Decisions only: the
//! terminal layer performs the effects and answers with their outcomes.

use super::{
    DISK_CHECK_EVERY, Overlay, RECHECK_AFTER_PAUSE, RECOVERY_AFTER_PAUSE, RECOVERY_AT_LEAST_EVERY,
    State,
};
use crate::app::keymap::{Action, Pane};
use crate::app::msg::{
    DiskChange, Effect, FileStamp, LockOutcome, RecoveryKey, Reloaded, SaveFailureKind, SaveJob,
    Saved,
};
use crate::core::session::Recovered;
use crate::core::snapshot::TextSnapshot;
use crate::core::text::{Fingerprint, Loaded, ReadNote, SourceFormat, TextFormat};
use crate::tr;
use std::path::PathBuf;
use std::time::Instant;

/// Why the draft is being read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReloadWhy {
    /// The user chose to (r when asked about a change on disk).
    Asked,
    /// It changed on disk and had no unsaved changes.
    ChangedOnDisk,
}

/// The file on disk and the timed work around it.
pub(super) struct FileState {
    /// What the file held when loaded or last saved.
    pub(super) fingerprint: Option<Fingerprint>,
    /// Its time and size as last seen.
    pub(super) seen: Option<FileStamp>,
    /// Someone else changed the file since it was loaded or saved.
    pub(super) changed_on_disk: bool,
    /// Viewing only: another reportbench edits the file, or `--review`.
    pub(super) read_only: bool,
    /// What kind of file the draft is; one read out of a document (.docx)
    /// is never written back: it is viewed, and saved as a new .md.
    pub(super) source: SourceFormat,
    /// What is worth telling about how the file was read.
    pub(super) notes: Vec<ReadNote>,
    /// Recovery files can be written.
    pub(super) recovery: bool,
    /// Unsaved changes not yet in the recovery file.
    pub(super) recovery_due: bool,
    /// When the recovery file was last written.
    pub(super) recovery_written: Option<Instant>,
    /// When the text last changed.
    pub(super) last_edit: Option<Instant>,
    /// When the file on disk was last looked at.
    pub(super) disk_checked: Option<Instant>,
    /// The edit generation of a save in progress.
    pub(super) saving: Option<u64>,
    /// The line-ending format the file will have once that save lands.
    pub(super) saving_format: Option<TextFormat>,
    /// A save asked for while one was in progress: `Some(true)` checks the
    /// file on disk against what the first one wrote, `Some(false)`
    /// overwrites (the user said so).
    pub(super) save_again: Option<bool>,
    /// The user chose to quit while a save was in progress: once it is
    /// done, quit (or ask, if the text is still not saved).
    pub(super) quit_after_save: bool,
    /// Unsaved text set aside by a reload, found at the start, waiting to
    /// be offered after the overlay shown closes.
    pub(super) aside_offer: Option<Recovered>,
    /// Text set aside by a reload was restored: its file goes once the
    /// draft is saved.
    pub(super) aside_restored: bool,
    /// A reload in progress, and why.
    pub(super) reloading: Option<ReloadWhy>,
    /// The user's home folder, for `~/` in a save-as name.
    pub(super) home: Option<PathBuf>,
}

impl FileState {
    pub(super) fn new(
        file: &Loaded,
        read_only: bool,
        recovery: bool,
        seen: Option<FileStamp>,
    ) -> FileState {
        FileState {
            fingerprint: Some(file.fingerprint),
            seen,
            changed_on_disk: false,
            read_only: read_only || !file.source.is_editable(),
            source: file.source,
            notes: file.notes.clone(),
            recovery,
            recovery_due: false,
            recovery_written: None,
            last_edit: None,
            disk_checked: None,
            saving: None,
            saving_format: None,
            save_again: None,
            quit_after_save: false,
            aside_offer: None,
            aside_restored: false,
            reloading: None,
            home: None,
        }
    }

    /// Timers after an edit at `now`: the first burst of typing counts from
    /// its first key, later ones from the last write of the recovery file.
    pub(super) fn edited_at(&mut self, now: Instant) {
        self.last_edit = Some(now);
        self.recovery_written.get_or_insert(now);
        self.recovery_due = true;
    }
}

impl State {
    /// The first decisions: the review file, the edit lock (or review
    /// mode), a comment left unsent by an earlier session.
    pub(super) fn start(&mut self) {
        let path = self.buffer.path.clone();
        self.emit(Effect::ReadReview {
            draft: path.clone(),
            unless_seen: None,
        });
        if self.review.mode {
            self.say(
                "审阅模式：正文只读。F5 批注　F6 批注列表　F7 审核所选项目",
                "review mode: the text is read-only. F5 comment   F6 comments   F7 sign off the selected item",
            );
        } else if !self.files.source.is_editable() {
            // Never written back, so no lock and no recovery file: the
            // text can be saved as a new Markdown file to edit.
            self.say_not_editable();
        } else {
            // The draft's recovery file is looked for once the lock says
            // the draft is ours to edit.
            self.emit(Effect::Lock {
                path: path.clone(),
                take_over: false,
            });
        }
        if self.files.recovery {
            self.emit(Effect::ReadRecovery {
                key: RecoveryKey::Comment(path),
            });
        }
    }

    /// Says why a document read out of Word is read-only, and the way on.
    pub(super) fn say_not_editable(&mut self) {
        let key = self
            .keymap
            .keys_for(Pane::Global, Action::Save)
            .first()
            .map(|k| k.to_string())
            .unwrap_or_else(|| "Ctrl-S".into());
        let mut message = tr!(
            self.lang,
            "{}只读：{} 把文字另存为 .md 再编辑",
            "{}, read-only: {} saves its text as a new .md to edit",
            self.files.source.describe(self.lang),
            key
        );
        for note in &self.files.notes {
            message.push_str(self.lang.pick("；", "; "));
            message.push_str(&note.message(self.lang));
        }
        self.screen.message = Some((message, false));
    }

    /// The name a document's text is saved under: beside it, as .md.
    pub(super) fn markdown_name(&self) -> String {
        self.buffer.path.with_extension("md").display().to_string()
    }

    /// Sets the user's home folder (for `~/` in a save-as name).
    pub fn set_home(&mut self, home: Option<PathBuf>) {
        self.files.home = home;
    }

    /// When each piece of timed work falls due: re-checking a huge draft,
    /// the recovery file, the look at the file on disk (`None`: not due).
    pub(super) fn deadlines(&self) -> [Option<Instant>; 3] {
        let now = self.now.at;
        let f = &self.files;
        let after = |t: Option<Instant>, d| t.map_or(now, |t: Instant| t + d);
        let recheck = (self.analysis.stale && self.analysis.checking != Some(self.buffer.edits))
            .then(|| after(f.last_edit, RECHECK_AFTER_PAUSE));
        let recovery = (f.recovery_due && f.recovery).then(|| {
            let pause = after(f.last_edit, RECOVERY_AFTER_PAUSE);
            match f.recovery_written {
                Some(t) => pause.min(t + RECOVERY_AT_LEAST_EVERY),
                None => pause,
            }
        });
        let disk = Some(after(f.disk_checked, DISK_CHECK_EVERY));
        [recheck, recovery, disk]
    }

    /// Timed work: re-checks a huge draft once typing pauses, writes the
    /// recovery file within two seconds of an edit, looks at the file and
    /// the review file on disk.
    pub(super) fn tick(&mut self) {
        let now = self.now.at;
        let due = self.deadlines().map(|d| d.is_some_and(|d| d <= now));
        if due[0] {
            self.request_check();
        }
        if due[1] {
            self.files.recovery_due = false;
            self.files.recovery_written = Some(now);
            if self.buffer.modified {
                let text = self.buffer.snapshot();
                self.emit(Effect::WriteRecovery {
                    key: RecoveryKey::Draft(self.buffer.path.clone()),
                    text,
                });
            }
            // A comment (reply, reason) being typed, on the same timer: a
            // `kill -9` loses no more of it than of the draft.
            if let Overlay::Input(_, words) = &self.screen.overlay
                && !words.trim().is_empty()
            {
                let text = std::sync::Arc::new(TextSnapshot::of_text(words));
                self.review.pending_on_disk = true;
                self.emit(Effect::WriteRecovery {
                    key: RecoveryKey::Comment(self.buffer.path.clone()),
                    text,
                });
            }
        }
        if due[2] {
            self.files.disk_checked = Some(now);
            self.emit(Effect::LookAtDisk {
                path: self.buffer.path.clone(),
                seen: self.files.seen,
                fingerprint: self.files.fingerprint,
            });
            self.emit(Effect::ReadReview {
                draft: self.buffer.path.clone(),
                unless_seen: Some(self.review.seen),
            });
        }
    }

    /// The file on disk was looked at: a change by someone else reloads an
    /// unmodified buffer and is shown (and asked about at the next save)
    /// when there are unsaved changes.
    pub(super) fn on_disk_looked(&mut self, seen: Option<FileStamp>, change: DiskChange) {
        self.files.seen = seen;
        if change == DiskChange::Same
            || self.files.changed_on_disk
            || self.files.reloading.is_some()
        {
            return;
        }
        if !self.buffer.modified && change == DiskChange::Changed {
            self.reload(ReloadWhy::ChangedOnDisk);
            return;
        }
        self.files.changed_on_disk = true;
        match change {
            DiskChange::NotAFile => self.warn(
                "文件的位置上现在是一个文件夹：请用 F12 另存为",
                "a folder is where the file was: save under another name (F12)",
            ),
            DiskChange::Gone => self.warn(
                "文件在磁盘上已被删除或移走；Ctrl-S 会重新写出",
                "the file was deleted or moved on disk; Ctrl-S writes it again",
            ),
            _ => self.warn(
                "文件在磁盘上已被别人修改；保存时会先询问",
                "the file was changed on disk by someone else; saving will ask first",
            ),
        }
    }

    /// Reads the file again. Unsaved text is written to the recovery file
    /// first, so that it can still be restored.
    pub(super) fn reload(&mut self, why: ReloadWhy) {
        let set_aside = if self.buffer.modified {
            if !self.files.recovery {
                self.warn(
                    "没有恢复文件夹，不能丢弃未保存的文字",
                    "no recovery folder: unsaved text cannot be set aside",
                );
                return;
            }
            // A file of its own: the timed recovery writes of the text
            // read now must not overwrite it.
            Some((
                RecoveryKey::Aside(self.buffer.path.clone()),
                self.buffer.joined(),
            ))
        } else {
            None
        };
        self.files.reloading = Some(why);
        self.emit(Effect::Reload {
            path: self.buffer.path.clone(),
            set_aside,
        });
    }

    pub(super) fn on_reloaded(&mut self, r: Result<Reloaded, String>) {
        let why = self.files.reloading.take();
        let Reloaded { file, seen, kept } = match r {
            Ok(r) => r,
            Err(e) => {
                self.complain(e);
                return;
            }
        };
        let cursor = self.buffer.editor.cursor();
        self.buffer.set_text(&file.text, cursor);
        self.buffer.encoding = file.encoding;
        self.buffer.format = file.format;
        self.buffer.modified = false;
        self.files.fingerprint = Some(file.fingerprint);
        self.files.seen = seen;
        self.files.changed_on_disk = false;
        self.files.recovery_due = false;
        self.recheck();
        let message = match (kept, why) {
            (Some(f), _) => tr!(
                self.lang,
                "已重新载入；未保存的文字保存在 {}，下次打开时可恢复",
                "reloaded; your unsaved text is kept in {} and offered when the file is next opened",
                f.display()
            ),
            (None, Some(ReloadWhy::ChangedOnDisk)) => self
                .lang
                .pick("磁盘上的文件已变，已重新载入", "reloaded: changed on disk")
                .into(),
            (None, _) => self.lang.pick("已重新载入", "reloaded").into(),
        };
        self.tell(message);
    }

    /// Saves through the loader's encoding and line endings. `expected`:
    /// what the file on disk must still hold (`None` overwrites).
    pub(super) fn save(&mut self, expected: Option<Fingerprint>) {
        if self.files.saving.is_some() {
            // Checked, when it goes, against what the save in progress wrote.
            self.files.save_again = Some(expected.is_some());
            return;
        }
        self.files.saving = Some(self.buffer.edits);
        let text = self.buffer.joined();
        self.files.saving_format = Some(self.buffer.format.rebased(&text));
        self.emit(Effect::Save(SaveJob {
            path: self.buffer.path.clone(),
            text,
            format: self.buffer.format.clone(),
            encoding: self.buffer.encoding,
            expected,
            generation: self.buffer.edits,
            as_new: false,
        }));
    }

    /// Saves to another file (which must not exist yet) and goes on editing
    /// that one: the way out when the draft's own file cannot be written.
    pub(super) fn save_as(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.warn("没有文件名，未保存", "no file name: not saved");
            return;
        }
        let target = match (name.strip_prefix("~/"), &self.files.home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(name),
        };
        if target == self.buffer.path {
            self.save(self.files.fingerprint);
            return;
        }
        if self.files.saving.is_some() {
            self.warn(
                "正在保存，稍后再试",
                "a save is in progress: try again in a moment",
            );
            return;
        }
        self.files.saving = Some(self.buffer.edits);
        let text = self.buffer.joined();
        self.files.saving_format = Some(self.buffer.format.rebased(&text));
        self.emit(Effect::Save(SaveJob {
            path: target,
            text,
            format: self.buffer.format.clone(),
            encoding: self.buffer.encoding,
            expected: None,
            generation: self.buffer.edits,
            as_new: true,
        }));
    }

    pub(super) fn on_saved(&mut self, s: Saved) {
        self.files.saving = None;
        let written_format = self.files.saving_format.take();
        match s.result {
            Ok(fp) => {
                // A mixed file's lines now end as this save wrote them.
                if let Some(format) = written_format {
                    self.buffer.format = format;
                }
                if s.as_new {
                    // The unsaved text is safe: the old draft's recovery
                    // file and lock go, the new file gets its own.
                    self.drop_recovery();
                    self.emit(Effect::ReleaseLock);
                    self.buffer.path = s.path.clone();
                    // A document's text, saved as Markdown, is a draft now.
                    if !self.files.source.is_editable() {
                        self.files.source = SourceFormat::Markdown;
                        self.files.notes.clear();
                    }
                    self.emit(Effect::Lock {
                        path: s.path.clone(),
                        take_over: false,
                    });
                    self.files.read_only = false;
                }
                self.files.fingerprint = Some(fp);
                self.files.seen = None;
                self.files.changed_on_disk = false;
                // Edits made while it was being written are still unsaved.
                if self.buffer.edits == s.generation {
                    self.buffer.modified = false;
                    self.drop_recovery();
                    // Restored set-aside text is in the file now.
                    if std::mem::take(&mut self.files.aside_restored) {
                        self.emit(Effect::RemoveRecovery {
                            key: RecoveryKey::Aside(self.buffer.path.clone()),
                        });
                    }
                }
                self.tell(if s.as_new {
                    tr!(self.lang, "已另存为 {}", "saved as {}", s.path.display())
                } else {
                    tr!(self.lang, "已保存 {}", "saved {}", s.path.display())
                });
            }
            Err(e) => match e.kind {
                SaveFailureKind::ChangedOnDisk => self.screen.overlay = Overlay::ConfirmOverwrite,
                SaveFailureKind::Exists => {
                    self.screen.message = Some((
                        tr!(
                            self.lang,
                            "{} 已存在，未保存：请换一个名字",
                            "{} exists: not saved; choose another name",
                            s.path.display()
                        ),
                        true,
                    ))
                }
                SaveFailureKind::Other => {
                    let hint = match self.keymap.keys_for(Pane::Global, Action::SaveAs).first() {
                        Some(k) => tr!(self.lang, "（{} 另存为）", " ({}: save as)", k),
                        None => String::new(),
                    };
                    let why = crate::core::messages::localize(&e.message, self.lang);
                    self.complain(format!("{why}{hint}"))
                }
            },
        }
        if let Some(check) = self.files.save_again.take() {
            self.save(if check { self.files.fingerprint } else { None });
        } else if std::mem::take(&mut self.files.quit_after_save) {
            self.quit();
        }
    }

    /// Quits, asking first when there are unsaved changes; a save on its
    /// way is waited for.
    pub(super) fn quit(&mut self) {
        if self.files.saving.is_some() {
            self.files.quit_after_save = true;
            self.say("正在保存…", "saving…");
        } else if self.buffer.modified {
            self.screen.overlay = Overlay::ConfirmQuit;
        } else {
            self.screen.quit = true;
        }
    }

    /// Offers text set aside by a reload once no other overlay is shown.
    pub(super) fn offer_aside(&mut self) {
        if self.screen.overlay == Overlay::None
            && let Some(r) = self.files.aside_offer.take()
        {
            self.screen.overlay = Overlay::Recover(r, true);
        }
    }

    /// Removes the recovery file (after a save or a deliberate discard).
    pub(super) fn drop_recovery(&mut self) {
        self.files.recovery_due = false;
        if self.files.recovery {
            self.emit(Effect::RemoveRecovery {
                key: RecoveryKey::Draft(self.buffer.path.clone()),
            });
        }
    }

    pub(super) fn on_recovery_written(
        &mut self,
        key: RecoveryKey,
        result: Result<PathBuf, String>,
    ) {
        if let (RecoveryKey::Draft(_), Err(e)) = (key, result) {
            self.screen.message = Some((
                tr!(
                    self.lang,
                    "无法写恢复文件（{}）：请尽快保存",
                    "cannot write the recovery file ({}): save soon",
                    e
                ),
                true,
            ));
        }
    }

    pub(super) fn on_recovery_removed(&mut self, key: RecoveryKey, result: Result<(), String>) {
        if let (RecoveryKey::Draft(_), Err(e)) = (key, result) {
            self.screen.message = Some((
                tr!(
                    self.lang,
                    "无法删除恢复文件：{}",
                    "cannot remove the recovery file: {}",
                    e
                ),
                true,
            ));
        }
    }

    pub(super) fn on_recovery_read(
        &mut self,
        key: RecoveryKey,
        result: Result<Option<Recovered>, String>,
    ) {
        match (key, result) {
            (_, Err(e)) => self.complain(e),
            (RecoveryKey::Draft(_), Ok(Some(r))) => {
                if r.text != self.text() {
                    if self.screen.overlay == Overlay::None && !self.files.read_only {
                        self.screen.overlay = Overlay::Recover(r, false);
                    }
                } else {
                    self.drop_recovery();
                }
            }
            // Offered when nothing else is (see `offer_aside`); never
            // removed here, even when it equals the file.
            (RecoveryKey::Aside(_), Ok(Some(r))) => {
                if !self.files.read_only {
                    self.files.aside_offer = Some(r);
                }
            }
            (RecoveryKey::Comment(_), Ok(Some(r))) => self.offer_pending_comment(r),
            (_, Ok(None)) => {}
        }
    }

    /// The edit lock was tried: ours (then unsaved text from an earlier
    /// session is looked for), someone else's (asked what to do), or none
    /// to be had (editing goes on; saving will say why).
    pub(super) fn on_locked(&mut self, outcome: LockOutcome) {
        match outcome {
            LockOutcome::HeldBy(h) => self.screen.overlay = Overlay::Locked(h),
            LockOutcome::Mine | LockOutcome::Unavailable(_) => {
                if let LockOutcome::Unavailable(why) = &outcome {
                    // Editing goes on, but not silently: another
                    // reportbench would not see this one edit.
                    self.screen.message = Some((
                        tr!(
                            self.lang,
                            "无法锁定这个文件（{}）：别人打开时不会得到提示",
                            "no edit lock ({}): another reportbench opening this file will not be told",
                            why
                        ),
                        true,
                    ));
                }
                if self.files.recovery && !self.files.read_only {
                    self.emit(Effect::ReadRecovery {
                        key: RecoveryKey::Draft(self.buffer.path.clone()),
                    });
                    self.emit(Effect::ReadRecovery {
                        key: RecoveryKey::Aside(self.buffer.path.clone()),
                    });
                }
            }
        }
    }
}
