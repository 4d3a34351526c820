//! Recovery files: the unsaved text of a draft, written shortly after each
//! edit and on a hangup, termination or panic, so that nothing typed is lost.
//!
//! They live in the user's state folder (`$REPORTBENCH_STATE_DIR`, else
//! `~/.local/state/reportbench/recovery` on Linux), not beside the draft:
//! the draft's folder may be shared with other users (who must not see
//! someone's unsaved words), read-only, or on a full disk, and a stray
//! hidden file beside a report confuses whoever publishes the folder.
//! The file name carries a hash of the draft's absolute path, so two
//! drafts with one name in different folders never share a recovery file.
//!
//! Format: a header (`reportbench-recovery 1`, then `path:`, `pid:` and
//! `saved:` lines), an empty line, then the text as UTF-8 with `\n` line ends.

use crate::core::snapshot::TextSnapshot;
use std::path::{Path, PathBuf};

const MAGIC: &str = "reportbench-recovery 1";

/// The folder recovery files go to: `$REPORTBENCH_STATE_DIR/recovery` when
/// set, else the platform's state (or local data) folder.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("REPORTBENCH_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("recovery"));
    }
    let p = directories::ProjectDirs::from("", "", "reportbench")?;
    let base = p.state_dir().unwrap_or_else(|| p.data_local_dir());
    Some(base.join("recovery"))
}

pub use crate::core::session::Recovered;

/// Where the recovery file of `draft` goes in `dir`.
pub fn path_for(dir: &Path, draft: &Path) -> PathBuf {
    let abs = absolute(draft);
    // FNV-1a: stable across runs and versions (std's hasher is not).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in abs.to_string_lossy().as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let name: String = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    dir.join(format!("{name}-{h:016x}.recover"))
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_owned())
}

/// Writes in this process take turns (the timed write on the main thread,
/// the hangup handler on its own); `true` once the last one was written.
static WRITES: std::sync::Mutex<bool> = std::sync::Mutex::new(false);

/// Writes the recovery file of `draft` atomically, through the same save
/// as drafts (temporary file, fsync, rename, folder fsync). No terminal:
/// the hangup handler calls it.
pub fn write(dir: &Path, draft: &Path, text: &str) -> std::io::Result<PathBuf> {
    write_turn(dir, draft, &[text], false)
}

/// [`write()`] of a text held in chunks ([`TextSnapshot`]), written a chunk
/// at a time without joining them into one copy first (`last`: as
/// [`write_last`]). A draft of millions of characters costs its write,
/// not three copies of its text besides.
pub fn write_snapshot(
    dir: &Path,
    draft: &Path,
    text: &TextSnapshot,
    last: bool,
) -> std::io::Result<PathBuf> {
    write_turn(dir, draft, &text.pieces(), last)
}

/// The last write before the process ends (hangup, termination, panic):
/// waits for a write in progress to finish, and no write starts after it,
/// so the exit never leaves a half-written temporary file behind.
pub fn write_last(dir: &Path, draft: &Path, text: &str) -> std::io::Result<PathBuf> {
    write_turn(dir, draft, &[text], true)
}

fn write_turn(dir: &Path, draft: &Path, text: &[&str], last: bool) -> std::io::Result<PathBuf> {
    use crate::io::save::{RealFs, save_atomic_pieces};
    // Wait (a bounded time: a panic hook may run on the thread that holds
    // the turn) for a write in progress.
    let mut turn = None;
    for _ in 0..200 {
        match WRITES.try_lock() {
            Ok(g) => turn = Some(g),
            Err(std::sync::TryLockError::Poisoned(p)) => turn = Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
                continue;
            }
        }
        break;
    }
    if let Some(ended) = turn.as_mut() {
        if **ended {
            return Err(std::io::Error::other("the process is ending"));
        }
        **ended = last;
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let target = path_for(dir, draft);
    let saved = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = format!(
        "{MAGIC}\npath: {}\npid: {}\nsaved: {saved}\n\n",
        absolute(draft).display(),
        std::process::id()
    );
    let mut pieces: Vec<&[u8]> = Vec::with_capacity(text.len() + 1);
    pieces.push(header.as_bytes());
    pieces.extend(text.iter().map(|t| t.as_bytes()));
    save_atomic_pieces(&RealFs, &target, &pieces).map_err(std::io::Error::other)?;
    Ok(target)
}

/// The name under which the unsent comment (or reply, or sign-off reason)
/// being typed for `draft` is kept: a recovery file of its own, written by
/// the hangup / termination / panic handlers like the draft's.
pub fn comment_key(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(".comment");
    draft.with_file_name(name)
}

/// The name under which unsaved text set aside by a reload of `draft` is
/// kept: a recovery file of its own, so that the draft's timed recovery
/// writes never overwrite it.
pub fn aside_key(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(".set-aside");
    draft.with_file_name(name)
}

/// Reads the recovery file of `draft`, if there is one. A file that is not
/// a recovery file (or not UTF-8) is an error, never silently dropped.
pub fn read(dir: &Path, draft: &Path) -> std::io::Result<Option<Recovered>> {
    let file = path_for(dir, draft);
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    // A damaged file is moved aside, never overwritten by the next timed
    // write: what it holds may still be someone's words.
    let bad = |what: &str| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut kept = file.as_os_str().to_owned();
        kept.push(format!(".damaged-{secs}"));
        let kept = PathBuf::from(kept);
        let moved = std::fs::rename(&file, &kept).is_ok();
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            if moved {
                format!(
                    "{} is not a reportbench recovery file ({what}); it is kept as {}",
                    file.display(),
                    kept.display()
                )
            } else {
                format!(
                    "{} is not a reportbench recovery file ({what})",
                    file.display()
                )
            },
        )
    };
    let all = String::from_utf8(bytes).map_err(|_| bad("not UTF-8"))?;
    let (header, text) = all.split_once("\n\n").ok_or_else(|| bad("no header"))?;
    let mut lines = header.lines();
    if lines.next() != Some(MAGIC) {
        return Err(bad("unknown first line"));
    }
    let (mut pid, mut saved) = (0, 0);
    for l in lines {
        if let Some(v) = l.strip_prefix("pid: ") {
            pid = v.trim().parse().map_err(|_| bad("bad pid"))?;
        } else if let Some(v) = l.strip_prefix("saved: ") {
            saved = v.trim().parse().map_err(|_| bad("bad time"))?;
        }
    }
    Ok(Some(Recovered {
        text: text.to_owned(),
        pid,
        saved,
        file,
    }))
}

/// Removes the recovery file of `draft` (after a save or a deliberate
/// discard). A missing file is not an error.
pub fn remove(dir: &Path, draft: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path_for(dir, draft)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> crate::io::testing::TestDir {
        crate::io::testing::TestDir::new(&format!("recovery-{name}"))
    }

    #[test]
    fn round_trip_and_remove() {
        let d = dir("rt");
        let draft = d.join("报告.md");
        assert_eq!(read(&d.join("rec"), &draft).unwrap(), None);
        let text = "一、主要举措\n\n正文，含空行\n\n\n末尾";
        let f = write(&d.join("rec"), &draft, text).unwrap();
        let r = read(&d.join("rec"), &draft).unwrap().unwrap();
        assert_eq!(r.text, text);
        assert_eq!(r.pid, std::process::id());
        assert!(r.saved > 1_700_000_000);
        assert_eq!(r.file, f);
        remove(&d.join("rec"), &draft).unwrap();
        assert_eq!(read(&d.join("rec"), &draft).unwrap(), None);
        remove(&d.join("rec"), &draft).unwrap();
    }

    #[test]
    fn a_text_in_chunks_is_written_as_its_joined_text() {
        let d = dir("chunks");
        let draft = d.join("长稿.md");
        // Enough lines for many chunks, and an empty last line.
        let mut text: String = (0..20_000)
            .map(|i| format!("第{i}段，含数字{i}件。\n"))
            .collect();
        text.push('\n');
        let snap = TextSnapshot::of_text(&text);
        assert!(snap.chunks() > 4, "{} chunks", snap.chunks());
        let f = write_snapshot(&d.join("rec"), &draft, &snap, false).unwrap();
        let r = read(&d.join("rec"), &draft).unwrap().unwrap();
        assert_eq!(r.text, text);
        assert_eq!(r.file, f);
    }

    #[test]
    fn same_name_in_two_folders_does_not_collide() {
        let d = dir("names");
        let a = path_for(&d, Path::new("/a/report.md"));
        let b = path_for(&d, Path::new("/b/report.md"));
        assert_ne!(a, b);
        assert!(
            a.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("report.md-")
        );
    }

    #[test]
    fn a_foreign_file_is_an_error() {
        let d = dir("foreign");
        let draft = d.join("x.txt");
        std::fs::write(path_for(&d, &draft), "hello\n\nworld").unwrap();
        let e = read(&d, &draft).unwrap_err();
        assert!(
            e.to_string().contains("not a reportbench recovery file"),
            "{e}"
        );
        // Kept aside, so that the next timed write does not overwrite it.
        assert!(!path_for(&d, &draft).exists());
        let kept: Vec<_> = std::fs::read_dir(&*d)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.contains(".damaged-"))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(e.to_string().contains(&kept[0]), "{e}");
        assert_eq!(read(&d, &draft).unwrap(), None);
    }
}
