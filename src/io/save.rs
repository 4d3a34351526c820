//! Atomic saves: a temporary file in the same folder, written and flushed to
//! disk, renamed over the original, the folder synced; permissions,
//! encoding, BOM and line endings kept. A failure at any step leaves the
//! original untouched. Before writing, the file on disk is compared with
//! what was loaded, so that a change made by someone else is never
//! overwritten silently.
//!
//! The file-system steps go through [`SaveFs`], so that tests can make each
//! step fail.

use super::load::Encoding;
use crate::core::text::TextFormat;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::core::text::Fingerprint;

/// Why a save failed. The original file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone else changed the file since it was loaded.
    #[error("{0}: the file was changed on disk since it was opened; not overwritten")]
    ChangedOnDisk(PathBuf),
    /// The folder or file is not writable.
    #[error("{path}: cannot save here ({source}); the text is kept, save it elsewhere")]
    NotWritable {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A step of the save failed (disk full, I/O error).
    #[error(
        "{path}: the save failed while {step} ({source}); the original is untouched and the text is kept"
    )]
    Failed {
        /// The file.
        path: PathBuf,
        /// The step: "writing", "flushing to disk", "replacing the file" …
        step: &'static str,
        /// The cause.
        source: std::io::Error,
    },
}

/// The file-system operations a save uses.
pub trait SaveFs {
    /// Reads a whole file (to compare with the fingerprint); `Ok(None)` when
    /// it does not exist.
    fn read(&self, path: &Path) -> std::io::Result<Option<Vec<u8>>>;
    /// Creates a new file for writing (must not exist), readable and
    /// writable by no more than `mode` allows (Unix permission bits).
    fn create_new(&self, path: &Path, mode: u32) -> std::io::Result<std::fs::File>;
    /// Writes all bytes.
    fn write_all(&self, file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()>;
    /// Flushes the file to disk.
    fn sync(&self, file: &std::fs::File) -> std::io::Result<()>;
    /// Copies the permissions of `from` (if it exists) to `to`.
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    /// Renames `from` over `to`.
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    /// Flushes a folder's entries to disk.
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()>;
    /// Removes a file (clean-up after a failure).
    fn remove(&self, path: &Path) -> std::io::Result<()>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl SaveFs for RealFs {
    fn read(&self, path: &Path) -> std::io::Result<Option<Vec<u8>>> {
        match std::fs::read(path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
    fn create_new(&self, path: &Path, mode: u32) -> std::io::Result<std::fs::File> {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        o.open(path)
    }
    fn write_all(&self, file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
        file.write_all(bytes)?;
        file.flush()
    }
    fn sync(&self, file: &std::fs::File) -> std::io::Result<()> {
        file.sync_all()
    }
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        match std::fs::metadata(from) {
            Ok(m) => std::fs::set_permissions(to, m.permissions()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        // Opening a folder to sync it works on Unix; elsewhere it is not
        // needed (and not possible), so a failure to open is not an error.
        match std::fs::File::open(dir) {
            Ok(d) => d.sync_all().or(Ok(())),
            Err(_) => Ok(()),
        }
    }
    fn remove(&self, path: &Path) -> std::io::Result<()> {
        std::fs::remove_file(path)
    }
}

/// The temporary file a save of `path` writes first: hidden, beside it.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(".{name}.reportbench-save-{}", std::process::id());
    path.with_file_name(tmp)
}

/// The permission bits of `path`, when it exists.
fn permission_bits(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether this user may write `path` (true when it does not exist yet:
/// then the folder decides).
fn may_write(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if std::fs::symlink_metadata(path).is_err() {
            return true;
        }
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: access(2) with a valid C string; it only reads it.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        true
    }
}

/// Removes the temporary files that saves of `path` by processes no longer
/// running left behind (a `kill -9` mid-save). Returns how many.
pub fn clean_stale_temps(path: &Path) -> usize {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.reportbench-save-");
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id()
            && !super::lock::alive(pid)
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Saves `text` to `path` atomically, in `encoding` with `format` (BOM,
/// line endings), checking first that the file on disk still has the
/// `expected` fingerprint (`None`: the file is new, or the check is
/// skipped because the user chose to overwrite). Returns the new fingerprint.
pub fn save_atomic(
    fs: &dyn SaveFs,
    path: &Path,
    text: &str,
    format: TextFormat,
    encoding: Encoding,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let failed = |step: &'static str| {
        move |source: std::io::Error| SaveError::Failed {
            path: path.to_owned(),
            step,
            source,
        }
    };
    // Someone else's change is looked for before writing, and again right
    // before the rename (a write during the save must not be lost either).
    let unchanged = || -> Result<(), SaveError> {
        if let Some(expected) = expected {
            let on_disk = fs.read(path).map_err(failed("reading the file on disk"))?;
            if on_disk.as_deref().map(Fingerprint::of) != Some(expected) {
                return Err(SaveError::ChangedOnDisk(path.to_owned()));
            }
        }
        Ok(())
    };
    unchanged()?;
    // A read-only file stays read-only: renaming over it would succeed, so
    // the permission is checked first.
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(SaveError::NotWritable {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ),
        });
    }
    // Renaming over a file replaces it even when the user may not write the
    // file itself (only its folder): refused, as the file's owner meant.
    if !may_write(path) {
        return Err(SaveError::NotWritable {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "you may not write this file",
            ),
        });
    }
    let bytes = super::load::encode(text, format, encoding);
    let tmp = temp_path(path);
    // Born with the draft's permissions: a private draft's text is never
    // readable by others, not even while it is being written.
    let mode = permission_bits(path).unwrap_or(0o666);
    let mut file = fs
        .create_new(&tmp, mode)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::PermissionDenied
            | std::io::ErrorKind::NotFound
            | std::io::ErrorKind::ReadOnlyFilesystem => SaveError::NotWritable {
                path: path.to_owned(),
                source,
            },
            _ => failed("creating the temporary file")(source),
        })?;
    let result = (|| {
        fs.write_all(&mut file, &bytes).map_err(failed("writing"))?;
        fs.sync(&file).map_err(failed("flushing to disk"))?;
        drop(file);
        fs.copy_permissions(path, &tmp)
            .map_err(failed("copying permissions"))?;
        unchanged()?;
        fs.rename(&tmp, path)
            .map_err(failed("replacing the file"))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs.remove(&tmp);
        return Err(e);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The file is in place; a failed folder sync only weakens durability
        // after a power cut, so it is reported as a failure too.
        fs.sync_dir(dir)
            .map_err(failed("flushing the folder to disk"))?;
    }
    Ok(Fingerprint::of(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::LineEnding;
    use std::cell::Cell;

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
            bom: false,
            line_ending: LineEnding::CrLf,
        };
        let new_fp = save_atomic(
            &RealFs,
            &p,
            "新的正文\n第二行\n",
            format,
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
            let e = save_atomic(
                &fs,
                &p,
                "新的正文\n",
                TextFormat::default(),
                Encoding::Utf8,
                Some(fp),
            )
            .unwrap_err();
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
        assert!(save_atomic(&fs, &p, "新\n", TextFormat::default(), Encoding::Utf8, None).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "新\n");
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let d = dir("changed");
        let p = d.join("draft.txt");
        std::fs::write(&p, ORIGINAL).unwrap();
        let fp = Fingerprint::of(ORIGINAL.as_bytes());
        std::fs::write(&p, "别人改过了\n").unwrap();
        let e = save_atomic(
            &RealFs,
            &p,
            "我的修改\n",
            TextFormat::default(),
            Encoding::Utf8,
            Some(fp),
        )
        .unwrap_err();
        assert!(matches!(e, SaveError::ChangedOnDisk(_)), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "别人改过了\n");
        // Overwriting deliberately (no fingerprint) works.
        save_atomic(
            &RealFs,
            &p,
            "我的修改\n",
            TextFormat::default(),
            Encoding::Utf8,
            None,
        )
        .unwrap();
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
        save_atomic(
            &RealFs,
            &p,
            "新\n",
            TextFormat::default(),
            Encoding::Utf8,
            None,
        )
        .unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        // A read-only file is not replaced, even by root.
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = save_atomic(
            &RealFs,
            &p,
            "再改\n",
            TextFormat::default(),
            Encoding::Utf8,
            None,
        )
        .unwrap_err();
        assert!(matches!(e, SaveError::NotWritable { .. }), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "新\n");
        let missing = d.join("no-such-folder").join("draft.txt");
        let e = save_atomic(
            &RealFs,
            &missing,
            "新\n",
            TextFormat::default(),
            Encoding::Utf8,
            None,
        )
        .unwrap_err();
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
        let e = save_atomic(
            &fs,
            &p,
            "ours\n",
            TextFormat::default(),
            Encoding::Utf8,
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
        save_atomic(&fs, &p, "新\n", TextFormat::default(), Encoding::Utf8, None).unwrap();
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
}
