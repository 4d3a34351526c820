//! The workbench and its files: recovery files, the edit lock, the look at
//! the file on disk, reloading and saving.

use super::*;

/// What a hangup, termination or panic handler needs to write the recovery
/// file without the main thread: shared, updated at every edit.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The editor's text.
    pub text: String,
    /// Whether it differs from the saved file.
    pub modified: bool,
    /// The draft.
    pub path: PathBuf,
    /// Where recovery files go (`None`: nowhere).
    pub dir: Option<PathBuf>,
    /// Our edit lock beside the draft, removed on the way out.
    pub lock: Option<PathBuf>,
    /// A comment, reply or reason being typed (empty: none), kept on the
    /// way out like unsaved text.
    pub pending: String,
}

impl Snapshot {
    /// Writes the recovery file if there are unsaved changes; `last` when
    /// the process exits right after from another thread than the main one
    /// (see [`recovery::write_last`]). Never blocks on the snapshot held
    /// elsewhere: a poisoned lock is still read.
    pub fn write_recovery(shared: &Mutex<Snapshot>, last: bool) -> Option<PathBuf> {
        let s = Snapshot::try_get(shared)?;
        let dir = s.dir.as_ref()?;
        // What to keep: the unsent comment, then the draft; the final write
        // is the last one when the process ends.
        let mut writes: Vec<(PathBuf, &str)> = Vec::new();
        if !s.pending.trim().is_empty() {
            writes.push((recovery::comment_key(&s.path), &s.pending));
        }
        if s.modified {
            writes.push((s.path.clone(), &s.text));
        }
        let n = writes.len();
        let mut written = None;
        for (i, (key, text)) in writes.into_iter().enumerate() {
            let file = if last && i + 1 == n {
                recovery::write_last(dir, &key, text)
            } else {
                recovery::write(dir, &key, text)
            };
            if let Ok(f) = file {
                written = Some(f);
            }
        }
        written
    }

    /// What the hangup / termination handlers and the panic hook do before
    /// the process ends: keep unsaved text, give the lock back. Returns the
    /// recovery file written, if any.
    pub fn on_the_way_out(shared: &Mutex<Snapshot>) -> Option<PathBuf> {
        let written = Snapshot::write_recovery(shared, false);
        Snapshot::release_lock(shared);
        written
    }

    /// Removes our edit lock (on the way out).
    pub fn release_lock(shared: &Mutex<Snapshot>) {
        let lock = Snapshot::try_get(shared).and_then(|mut s| s.lock.take());
        if let Some(l) = lock {
            lock::release(&l);
        }
    }

    /// The snapshot unless another thread holds it; a lock poisoned by a
    /// panic is still read (that is when it matters most).
    fn try_get(shared: &Mutex<Snapshot>) -> Option<std::sync::MutexGuard<'_, Snapshot>> {
        match shared.try_lock() {
            Ok(s) => Some(s),
            Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }
}

impl App {
    /// Keeps unsaved text in recovery files under `dir`; if one from an
    /// earlier session holds text other than the file's, offers it.
    pub fn enable_recovery(&mut self, dir: PathBuf) {
        {
            let mut s = self.lock_snapshot();
            s.path = self.path.clone();
            s.dir = Some(dir);
        }
        if self.overlay == Overlay::None && !self.read_only {
            self.offer_recovery();
        }
        if let Some(dir) = self.recovery_dir() {
            self.offer_pending_comment(&dir);
        }
    }

    /// Locks the file for editing (see [`crate::io::lock`]); if another
    /// live reportbench edits it, asks whether to open it read-only.
    pub fn take_lock(&mut self) {
        self.lock_outcome(lock::acquire(&self.path));
    }

    pub(super) fn lock_outcome(&mut self, a: Acquired) {
        match a {
            Acquired::Mine(p) => self.lock_snapshot().lock = Some(p),
            Acquired::HeldBy(h) => self.overlay = Overlay::Locked(h),
            // A folder we cannot write to: no lock, and saving will say why.
            Acquired::Unavailable(_) => {}
        }
    }

    /// Offers the recovery file, if there is one with other text.
    pub(super) fn offer_recovery(&mut self) {
        let Some(dir) = self.recovery_dir() else {
            return;
        };
        match recovery::read(&dir, &self.path) {
            Ok(Some(r)) if r.text != self.text() => self.overlay = Overlay::Recover(r),
            Ok(Some(_)) => {
                let _ = recovery::remove(&dir, &self.path);
            }
            Ok(None) => {}
            Err(e) => {
                self.complain(e);
            }
        }
    }

    pub(super) fn lock_snapshot(&self) -> std::sync::MutexGuard<'_, Snapshot> {
        self.snapshot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn recovery_dir(&self) -> Option<PathBuf> {
        self.lock_snapshot().dir.clone()
    }

    /// Removes the recovery file (after a save or a deliberate discard).
    pub(super) fn drop_recovery(&mut self) {
        self.recovery_due = false;
        let mut s = self.lock_snapshot();
        s.modified = false;
        let result = match &s.dir {
            Some(dir) => recovery::remove(dir, &s.path),
            None => Ok(()),
        };
        drop(s);
        if let Err(e) = result {
            self.message = Some((
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

    /// Writes the recovery file now.
    pub(super) fn write_recovery(&mut self, now: Instant) {
        self.recovery_due = false;
        self.recovery_written = Some(now);
        let Some(dir) = self.recovery_dir() else {
            return;
        };
        if let Err(e) = recovery::write(&dir, &self.path, &self.text()) {
            self.message = Some((
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

    /// When each piece of timed work falls due: re-checking a huge draft,
    /// the recovery file, the look at the file on disk (`None`: not due).
    pub(super) fn deadlines(&self, now: Instant) -> [Option<Instant>; 3] {
        let after = |t: Option<Instant>, d: Duration| t.map_or(now, |t| t + d);
        let recheck = self
            .stale
            .then(|| after(self.last_edit, RECHECK_AFTER_PAUSE));
        let recovery = (self.recovery_due && self.recovery_dir().is_some()).then(|| {
            let pause = after(self.last_edit, RECOVERY_AFTER_PAUSE);
            match self.recovery_written {
                Some(t) => pause.min(t + RECOVERY_AT_LEAST_EVERY),
                None => pause,
            }
        });
        let disk = Some(after(self.disk_checked, DISK_CHECK_EVERY));
        [recheck, recovery, disk]
    }

    /// How long the event loop may wait for input before [`App::tick`]
    /// has work to do (`None`: until the next input).
    pub fn next_tick(&self, now: Instant) -> Option<Duration> {
        self.deadlines(now)
            .into_iter()
            .flatten()
            .map(|d| d.saturating_duration_since(now))
            .min()
    }

    /// Timed work: re-checks a huge draft once typing pauses, writes the
    /// recovery file within two seconds of an edit, looks at the file on
    /// disk. Returns whether anything on screen may have changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let due = self.deadlines(now).map(|d| d.is_some_and(|d| d <= now));
        let mut changed = false;
        if due[0] {
            changed = self.on_idle();
        }
        if due[1] {
            let had = self.message.is_some();
            self.write_recovery(now);
            changed |= had != self.message.is_some();
        }
        if due[2] {
            self.disk_checked = Some(now);
            changed |= self.check_disk();
            changed |= self.check_review();
        }
        changed
    }

    /// Looks at the file on disk: a change by someone else reloads an
    /// unmodified buffer and is shown (and asked about at the next save)
    /// when there are unsaved changes. Returns whether anything changed.
    pub fn check_disk(&mut self) -> bool {
        let now = disk_meta(&self.path);
        // Same time and size may still hide a change (a coarse clock, an
        // edit of equal length): small files are compared byte for byte.
        let small = now.is_some_and(|(_, len)| len <= 1024 * 1024);
        if now == self.disk_seen && !small {
            return false;
        }
        self.disk_seen = now;
        let bytes = std::fs::read(&self.path).ok();
        let same = match (&bytes, self.fingerprint) {
            (Some(b), Some(fp)) => Fingerprint::of(b) == fp,
            (None, None) => true,
            _ => false,
        };
        if same || self.changed_on_disk {
            return false;
        }
        if !self.modified && bytes.is_some() {
            self.reload();
            if !self.changed_on_disk {
                self.say("磁盘上的文件已变，已重新载入", "reloaded: changed on disk");
            }
            return true;
        }
        self.changed_on_disk = true;
        self.message = Some((
            match bytes {
                Some(_) => self.lang.pick(
                    "文件在磁盘上已被别人修改；保存时会先询问",
                    "the file was changed on disk by someone else; saving will ask first",
                ),
                None => self.lang.pick(
                    "文件在磁盘上已被删除或移走；Ctrl-S 会重新写出",
                    "the file was deleted or moved on disk; Ctrl-S writes it again",
                ),
            }
            .into(),
            true,
        ));
        true
    }

    /// Replaces the buffer with the file on disk. Unsaved text is written to
    /// the recovery file first, so it can still be restored.
    pub fn reload(&mut self) {
        let loaded = match crate::io::load(&self.path) {
            Ok(l) => l,
            Err(e) => {
                self.complain(e);
                return;
            }
        };
        let kept = if self.modified {
            let Some(dir) = self.recovery_dir() else {
                self.warn(
                    "没有恢复文件夹，不能丢弃未保存的文字",
                    "no recovery folder: unsaved text cannot be set aside",
                );
                return;
            };
            match recovery::write(&dir, &self.path, &self.text()) {
                Ok(f) => Some(f),
                Err(e) => {
                    self.message = Some((
                        tr!(
                            self.lang,
                            "无法写恢复文件（{}），未重新载入",
                            "cannot write the recovery file ({}); not reloaded",
                            e
                        ),
                        true,
                    ));
                    return;
                }
            }
        } else {
            None
        };
        self.set_text(&loaded.text, self.editor.cursor());
        self.encoding = loaded.encoding;
        self.format = loaded.format;
        self.fingerprint = Some(loaded.fingerprint);
        self.disk_seen = disk_meta(&self.path);
        self.changed_on_disk = false;
        self.modified = false;
        self.recovery_due = false;
        self.lock_snapshot().modified = false;
        self.stale = false;
        self.recheck();
        self.message = Some(match kept {
            Some(f) => (
                tr!(
                    self.lang,
                    "已重新载入；未保存的文字保存在 {}，下次打开时可恢复",
                    "reloaded; your unsaved text is kept in {} and offered when the file is next opened",
                    f.display()
                ),
                false,
            ),
            None => (self.lang.pick("已重新载入", "reloaded").into(), false),
        });
    }

    /// Saves through the loader's encoding and line endings. `expected`:
    /// the fingerprint the file on disk must still have (`None` overwrites).
    pub fn save(&mut self, expected: Option<Fingerprint>) {
        let text = self.text();
        match save_atomic(
            &RealFs,
            &self.path,
            &text,
            self.format,
            self.encoding,
            expected,
        ) {
            Ok(fp) => {
                self.fingerprint = Some(fp);
                self.disk_seen = disk_meta(&self.path);
                self.changed_on_disk = false;
                self.modified = false;
                self.drop_recovery();
                self.message = Some((
                    tr!(self.lang, "已保存 {}", "saved {}", self.path.display()),
                    false,
                ));
            }
            Err(SaveError::ChangedOnDisk(_)) => self.overlay = Overlay::ConfirmOverwrite,
            Err(e) => {
                let hint = match self.keymap.keys_for(Pane::Global, Action::SaveAs).first() {
                    Some(k) => tr!(self.lang, "（{} 另存为）", " ({}: save as)", k),
                    None => String::new(),
                };
                self.complain(format!("{e}{hint}"))
            }
        }
    }

    /// Saves to another file (which must not exist yet) and goes on editing
    /// that one: the way out when the draft's own file cannot be written.
    pub fn save_as(&mut self, target: PathBuf) {
        if target.as_os_str().is_empty() {
            self.warn("没有文件名，未保存", "no file name: not saved");
            return;
        }
        let target = match target.strip_prefix("~/") {
            Ok(rest) => {
                std::env::var_os("HOME").map_or(target.clone(), |h| PathBuf::from(h).join(rest))
            }
            Err(_) => target,
        };
        if target == self.path {
            self.save(self.fingerprint);
            return;
        }
        if target.exists() {
            self.message = Some((
                tr!(
                    self.lang,
                    "{} 已存在，未保存：请换一个名字",
                    "{} exists: not saved; choose another name",
                    target.display()
                ),
                true,
            ));
            return;
        }
        let text = self.text();
        match save_atomic(&RealFs, &target, &text, self.format, self.encoding, None) {
            Ok(fp) => {
                // The unsaved text is safe: the old draft's recovery file and
                // lock go, the new file gets its own.
                self.drop_recovery();
                Snapshot::release_lock(&self.snapshot);
                self.path = target;
                {
                    let mut s = self.lock_snapshot();
                    s.path = self.path.clone();
                    s.modified = false;
                }
                self.lock_outcome(lock::acquire(&self.path));
                self.read_only = false;
                self.fingerprint = Some(fp);
                self.disk_seen = disk_meta(&self.path);
                self.changed_on_disk = false;
                self.modified = false;
                self.message = Some((
                    tr!(self.lang, "已另存为 {}", "saved as {}", self.path.display()),
                    false,
                ));
            }
            Err(e) => {
                self.complain(e);
            }
        }
    }
}
