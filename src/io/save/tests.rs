//! Tests of the atomic save: encodings, refusals, failures at every step.

use super::*;
use crate::core::text::LineEnding;
use std::cell::Cell;

/// Saves `text` as plain UTF-8 with LF line ends (the format of most cases).
fn save_plain(
    fs: &dyn SaveFs,
    p: &Path,
    text: &str,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    save_atomic(
        fs,
        p,
        text,
        &TextFormat::default(),
        Encoding::Utf8,
        expected,
    )
}

fn dir(name: &str) -> crate::io::testing::TestDir {
    crate::io::testing::TestDir::new(&format!("save-{name}"))
}

/// The real file system, failing at one named step.
struct Failing {
    at: &'static str,
    calls: Cell<usize>,
}

/// The mode the temporary file was created with (`Failing { at: "mode" }`).
static CREATED_MODE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn fail() -> std::io::Error {
    std::io::Error::other("injected failure")
}

impl SaveFs for Failing {
    fn read(&self, p: &Path) -> std::io::Result<Option<Vec<u8>>> {
        if self.at == "read" {
            Err(fail())
        } else {
            RealFs.read(p)
        }
    }
    fn create_new(&self, p: &Path, mode: u32) -> std::io::Result<std::fs::File> {
        if self.at == "create" {
            Err(fail())
        } else {
            RealFs.create_new(p, mode)
        }
    }
    fn write_all(&self, f: &mut std::fs::File, b: &[u8]) -> std::io::Result<()> {
        if self.at == "write" {
            // Half written, then the disk is full.
            f.write_all(&b[..b.len() / 2])?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        } else {
            RealFs.write_all(f, b)
        }
    }
    fn sync(&self, f: &std::fs::File) -> std::io::Result<()> {
        if self.at == "sync" {
            Err(fail())
        } else {
            RealFs.sync(f)
        }
    }
    fn copy_permissions(&self, a: &Path, b: &Path) -> std::io::Result<()> {
        if self.at == "someone-writes" {
            // Another process writes the draft while the save is on its way.
            std::fs::write(a, "theirs, written during the save\n")?;
        }
        if self.at == "mode" {
            // The temporary file as it was created, before any chmod.
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(b)?.permissions().mode() & 0o777;
            CREATED_MODE.store(mode, std::sync::atomic::Ordering::SeqCst);
        }
        if self.at == "permissions" {
            Err(fail())
        } else {
            RealFs.copy_permissions(a, b)
        }
    }
    fn rename(&self, a: &Path, b: &Path) -> std::io::Result<()> {
        self.calls.set(self.calls.get() + 1);
        if self.at == "rename" {
            Err(fail())
        } else {
            RealFs.rename(a, b)
        }
    }
    fn sync_dir(&self, d: &Path) -> std::io::Result<()> {
        if self.at == "sync_dir" {
            Err(fail())
        } else {
            RealFs.sync_dir(d)
        }
    }
    fn remove(&self, p: &Path) -> std::io::Result<()> {
        RealFs.remove(p)
    }
}

const ORIGINAL: &str = "旧的正文\r\n第二行\r\n";

#[test]
fn saves_in_the_original_encoding_and_line_endings() {
    let d = dir("ok");
    let p = d.join("draft.txt");
    let (bytes, _, _) = encoding_rs::GB18030.encode(ORIGINAL);
    std::fs::write(&p, &bytes).unwrap();
    let fp = Fingerprint::of(&bytes);
    let format = TextFormat {
        line_ending: LineEnding::CrLf,
        ..TextFormat::default()
    };
    let new_fp = save_atomic(
        &RealFs,
        &p,
        "新的正文\n第二行\n",
        &format,
        Encoding::Gb18030,
        Some(fp),
    )
    .unwrap();
    let saved = std::fs::read(&p).unwrap();
    let (text, _, _) = encoding_rs::GB18030.decode(&saved);
    assert_eq!(text, "新的正文\r\n第二行\r\n");
    assert_eq!(new_fp, Fingerprint::of(&saved));
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
}

#[test]
fn a_failure_at_any_step_leaves_the_original_untouched() {
    for at in ["read", "create", "write", "sync", "permissions", "rename"] {
        let d = dir(at);
        let p = d.join("draft.txt");
        std::fs::write(&p, ORIGINAL).unwrap();
        let fp = Fingerprint::of(ORIGINAL.as_bytes());
        let fs = Failing {
            at,
            calls: Cell::new(0),
        };
        let e = save_plain(&fs, &p, "新的正文\n", Some(fp)).unwrap_err();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            ORIGINAL,
            "{at}: original changed"
        );
        assert_eq!(
            std::fs::read_dir(&d).unwrap().count(),
            1,
            "{at}: temporary file left behind"
        );
        assert!(e.to_string().contains("draft.txt"), "{at}: {e}");
    }
    // A failed folder sync comes after the rename: the new text is in place.
    let d = dir("sync_dir");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    let fs = Failing {
        at: "sync_dir",
        calls: Cell::new(0),
    };
    assert!(save_plain(&fs, &p, "新\n", None).is_err());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "新\n");
}

#[test]
fn a_save_in_pieces_writes_them_in_turn_and_fails_as_a_whole() {
    let d = dir("pieces");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    let pieces: [&[u8]; 4] = [
        "头\n".as_bytes(),
        b"",
        "一段".as_bytes(),
        "\n二段".as_bytes(),
    ];
    save_atomic_pieces(&RealFs, &p, &pieces).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "头\n一段\n二段");
    // A failure at any step, even after some pieces were written, leaves
    // the file as it was and no temporary file behind.
    for at in ["create", "write", "sync", "permissions", "rename"] {
        let d = dir(&format!("pieces-{at}"));
        let p = d.join("draft.txt");
        std::fs::write(&p, ORIGINAL).unwrap();
        let fs = Failing {
            at,
            calls: Cell::new(0),
        };
        let e = save_atomic_pieces(&fs, &p, &pieces).unwrap_err();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), ORIGINAL, "{at}");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1, "{at}");
        assert!(e.to_string().contains("draft.txt"), "{at}: {e}");
    }
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten() {
    let d = dir("changed");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    let fp = Fingerprint::of(ORIGINAL.as_bytes());
    std::fs::write(&p, "别人改过了\n").unwrap();
    let e = save_plain(&RealFs, &p, "我的修改\n", Some(fp)).unwrap_err();
    assert!(matches!(e, SaveError::ChangedOnDisk(_)), "{e}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "别人改过了\n");
    // Overwriting deliberately (no fingerprint) works.
    save_plain(&RealFs, &p, "我的修改\n", None).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "我的修改\n");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_unwritable_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("perm");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    save_plain(&RealFs, &p, "新\n", None).unwrap();
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // A read-only file is not replaced, even by root.
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let e = save_plain(&RealFs, &p, "再改\n", None).unwrap_err();
    assert!(matches!(e, SaveError::NotWritable { .. }), "{e}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "新\n");
    let missing = d.join("no-such-folder").join("draft.txt");
    let e = save_plain(&RealFs, &missing, "新\n", None).unwrap_err();
    assert!(matches!(e, SaveError::NotWritable { .. }), "{e}");
}

#[test]
fn a_write_by_someone_else_during_the_save_is_not_overwritten() {
    let d = dir("during");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    let fs = Failing {
        at: "someone-writes",
        calls: Cell::new(0),
    };
    let e = save_plain(
        &fs,
        &p,
        "ours\n",
        Some(Fingerprint::of(ORIGINAL.as_bytes())),
    )
    .unwrap_err();
    assert!(matches!(e, SaveError::ChangedOnDisk(_)), "{e}");
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "theirs, written during the save\n"
    );
    assert_eq!(fs.calls.get(), 0, "never renamed");
    assert_eq!(
        std::fs::read_dir(&d).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn the_temporary_file_is_born_private_for_a_private_draft() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("mode");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    let fs = Failing {
        at: "mode",
        calls: Cell::new(0),
    };
    save_plain(&fs, &p, "新\n", None).unwrap();
    let created = CREATED_MODE.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(created, 0o600, "the temporary file was created {created:o}");
    let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn temporary_files_of_dead_processes_are_cleaned() {
    let d = dir("stale");
    let p = d.join("draft.txt");
    std::fs::write(&p, ORIGINAL).unwrap();
    let dead = d.join(".draft.txt.reportbench-save-2147483600");
    let mine = d.join(format!(
        ".draft.txt.reportbench-save-{}",
        std::process::id()
    ));
    let other = d.join(".other.txt.reportbench-save-2147483600");
    for f in [&dead, &mine, &other] {
        std::fs::write(f, "x").unwrap();
    }
    assert_eq!(clean_stale_temps(&p), 1);
    assert!(!dead.exists() && mine.exists() && other.exists());
}
