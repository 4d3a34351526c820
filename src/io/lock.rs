//! Edit locks: a hidden file beside the draft (`.NAME.reportbench-lock`)
//! saying who edits it, so that a second reportbench — the same user in
//! another SSH session, or a colleague on the shared server — is told and
//! offered read-only. It is beside the draft, not in the state folder,
//! because two users have two state folders but share the draft's folder.
//!
//! A lock left by a process that no longer runs on this machine (after
//! `kill -9` or a power cut; a zombie, or a pid now used by another
//! program) is taken over silently; one from another machine cannot be
//! checked and is reported as held, and so is a lock file that cannot be
//! read: failing safe, the user is asked.
//!
//! Format: `reportbench-lock 1`, then `user:`, `host:` and `pid:` lines (a
//! user name may hold spaces).

use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::core::session::Holder;

/// The outcome of trying to lock a draft.
#[derive(Debug)]
pub enum Acquired {
    /// The lock is ours; remove the file with [`release`] when done.
    Mine(PathBuf),
    /// Another live reportbench edits the draft.
    HeldBy(Holder),
    /// No lock could be made (a read-only folder, say): editing goes on
    /// without one.
    Unavailable(std::io::Error),
}

/// The lock file of `draft`.
pub fn lock_path(draft: &Path) -> PathBuf {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    draft.with_file_name(format!(".{name}.reportbench-lock"))
}

/// This process as a lock holder.
pub fn me() -> Holder {
    Holder {
        user: super::clock::login_name(),
        host: hostname(),
        pid: std::process::id(),
    }
}

fn hostname() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at
        // most that many bytes.
        if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
    }
    std::env::var("HOSTNAME").unwrap_or_else(|_| "?".into())
}

/// Whether a reportbench runs as process `pid` on this machine: not a
/// zombie, and (where `/proc` tells) a process of this program, not
/// another one that was given the same number later.
pub(crate) fn alive(pid: u32) -> bool {
    if !exists(pid) {
        return false;
    }
    let proc = std::path::Path::new("/proc").join(pid.to_string());
    if let Ok(stat) = std::fs::read_to_string(proc.join("stat")) {
        // `pid (comm) S …`: the state follows the last parenthesis.
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, r)| r.trim_start().chars().next());
        if matches!(state, Some('Z' | 'X')) {
            return false;
        }
    }
    if let Ok(comm) = std::fs::read_to_string(proc.join("comm")) {
        // The program's name, cut to 15 characters by the kernel (a test
        // binary is reportbench-HASH).
        return comm.trim().starts_with("reportbench");
    }
    true
}

/// Whether process `pid` exists (or is someone else's).
fn exists(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

const MAGIC: &str = "reportbench-lock 1";

/// A lock file's text for `h`.
fn format(h: &Holder) -> String {
    // One field per line: nothing in a value can shift the others.
    let clean = |s: &str| s.replace(['\n', '\r'], " ");
    format!(
        "{MAGIC}\nuser: {}\nhost: {}\npid: {}\n",
        clean(&h.user),
        clean(&h.host),
        h.pid
    )
}

/// The holder a lock file names; `None` when it cannot be read as one.
fn parse(text: &str) -> Option<Holder> {
    let mut lines = text.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    let (mut user, mut host, mut pid) = (None, None, None);
    for l in lines {
        if let Some(v) = l.strip_prefix("user: ") {
            user = Some(v.to_owned());
        } else if let Some(v) = l.strip_prefix("host: ") {
            host = Some(v.to_owned());
        } else if let Some(v) = l.strip_prefix("pid: ") {
            pid = v.trim().parse().ok();
        }
    }
    Some(Holder {
        user: user?,
        host: host?,
        pid: pid?,
    })
}

/// The holder shown for a lock file that cannot be read: someone may be
/// editing, so it is held until the user chooses to edit anyway.
fn unreadable() -> Holder {
    Holder {
        user: "(an unreadable lock file)".into(),
        host: "?".into(),
        pid: 0,
    }
}

/// Creates `path` with `contents` unless it exists already: `Ok(true)`
/// created (ours), `Ok(false)` someone else's. A file that could not be
/// written whole is removed again. Shared by the edit lock and the review
/// file's write lock.
pub(crate) fn create_exclusive(path: &Path, contents: &str) -> std::io::Result<bool> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => match f.write_all(contents.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => {
                let _ = std::fs::remove_file(path);
                Err(e)
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Tries to lock `draft` for editing.
pub fn acquire(draft: &Path) -> Acquired {
    let path = lock_path(draft);
    let me = me();
    for _ in 0..2 {
        match create_exclusive(&path, &format(&me)) {
            Ok(true) => return Acquired::Mine(path),
            Ok(false) => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                // Empty: a crash between creating and writing it, a moment
                // ago at most — taken over once it is a few seconds old.
                let empty_and_old = text.is_empty()
                    && std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > std::time::Duration::from_secs(5));
                match parse(&text) {
                    // Ours from a process that is gone: take it over.
                    Some(h) if h.host == me.host && !alive(h.pid) => {}
                    None if empty_and_old => {}
                    // Fail safe: a lock that cannot be read is held.
                    None => return Acquired::HeldBy(unreadable()),
                    Some(h) => return Acquired::HeldBy(h),
                }
                if let Err(e) = std::fs::remove_file(&path) {
                    return Acquired::Unavailable(e);
                }
            }
            Err(e) => return Acquired::Unavailable(e),
        }
    }
    Acquired::Unavailable(std::io::Error::other("the lock file keeps reappearing"))
}

/// Takes a lock over from its holder (the user chose to edit anyway).
pub fn take_over(draft: &Path) -> Acquired {
    let _ = std::fs::remove_file(lock_path(draft));
    acquire(draft)
}

/// Removes our lock file, if it is still ours.
pub fn release(lock: &Path) {
    let ours = std::fs::read_to_string(lock)
        .ok()
        .and_then(|t| parse(&t))
        .is_some_and(|h| h == me());
    if ours {
        let _ = std::fs::remove_file(lock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> crate::io::testing::TestDir {
        crate::io::testing::TestDir::new(&format!("lock-{name}"))
    }

    /// A lock of li wei (a name with a space) on another machine.
    fn elsewhere() -> String {
        format(&Holder {
            user: "li wei".into(),
            host: "elsewhere".into(),
            pid: 1,
        })
    }

    #[test]
    fn a_second_editor_is_told_who_holds_it() {
        let d = dir("second");
        let draft = d.join("报告.md");
        let Acquired::Mine(lock) = acquire(&draft) else {
            panic!("first lock")
        };
        assert_eq!(lock, d.join(".报告.md.reportbench-lock"));
        match acquire(&draft) {
            Acquired::HeldBy(h) => assert_eq!(h, me()),
            other => panic!("{other:?}"),
        }
        release(&lock);
        assert!(!lock.exists());
        assert!(matches!(acquire(&draft), Acquired::Mine(_)));
    }

    #[test]
    fn a_dead_process_lock_is_taken_over_but_another_machine_is_respected() {
        let d = dir("stale");
        let draft = d.join("a.md");
        let m = me();
        std::fs::write(
            lock_path(&draft),
            format(&Holder {
                pid: 2_147_483_600,
                ..m.clone()
            }),
        )
        .unwrap();
        assert!(matches!(acquire(&draft), Acquired::Mine(_)));
        std::fs::write(lock_path(&draft), elsewhere()).unwrap();
        match acquire(&draft) {
            Acquired::HeldBy(h) => {
                assert_eq!((h.user.as_str(), h.host.as_str()), ("li wei", "elsewhere"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(take_over(&draft), Acquired::Mine(_)));
    }

    #[test]
    fn release_leaves_someone_elses_lock() {
        let d = dir("release");
        let draft = d.join("a.md");
        std::fs::write(lock_path(&draft), elsewhere()).unwrap();
        release(&lock_path(&draft));
        assert!(lock_path(&draft).exists());
    }

    #[test]
    fn an_unwritable_folder_means_no_lock() {
        let draft = Path::new("/proc/reportbench-no-such-dir/a.md");
        assert!(matches!(acquire(draft), Acquired::Unavailable(_)));
    }

    #[test]
    fn an_unreadable_lock_is_held_and_a_pid_of_another_program_is_not_a_holder() {
        let d = dir("unreadable");
        let draft = d.join("a.md");
        // The old one-line format with a space in the name, or garbage:
        // nobody can tell who holds it, so it is held (the user is asked).
        for text in ["li wei elsewhere 1\n", "\u{0}\u{1}garbage"] {
            std::fs::write(lock_path(&draft), text).unwrap();
            match acquire(&draft) {
                Acquired::HeldBy(h) => assert!(h.user.contains("unreadable"), "{h:?}"),
                other => panic!("{other:?}"),
            }
        }
        // Process 1 runs on this machine, but it is not a reportbench: the
        // lock it seems to hold was left by one whose number was reused.
        let m = me();
        std::fs::write(lock_path(&draft), format(&Holder { pid: 1, ..m })).unwrap();
        assert!(matches!(acquire(&draft), Acquired::Mine(_)));
        // This test process is one (reportbench-HASH): alive.
        assert!(alive(std::process::id()));
    }
}
