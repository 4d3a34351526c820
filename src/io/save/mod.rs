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
    format: &TextFormat,
    encoding: Encoding,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    replace(fs, path, expected, &mut |write| {
        let bytes = super::load::encode(text, format, encoding);
        write(&bytes)?;
        Ok(Fingerprint::of(&bytes))
    })
}

/// Saves `pieces`, one after the other, to `path` atomically (the same
/// steps as [`save_atomic`], with no fingerprint to check), as they are:
/// no encoding and no line endings of a format. For a file of our own,
/// such as a recovery file, written from a text held in pieces without
/// joining them into one copy first.
pub fn save_atomic_pieces(fs: &dyn SaveFs, path: &Path, pieces: &[&[u8]]) -> Result<(), SaveError> {
    replace(fs, path, None, &mut |write| {
        for p in pieces {
            write(p)?;
        }
        Ok(())
    })
}

/// Writes some bytes to the temporary file of a save.
type WriteBytes<'a> = dyn FnMut(&[u8]) -> Result<(), SaveError> + 'a;

/// The steps of an atomic save of `path`, the temporary file's bytes
/// written by `body` (through the writer it is given).
fn replace<T>(
    fs: &dyn SaveFs,
    path: &Path,
    expected: Option<Fingerprint>,
    body: &mut dyn FnMut(&mut WriteBytes<'_>) -> Result<T, SaveError>,
) -> Result<T, SaveError> {
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
        let done = body(&mut |bytes| fs.write_all(&mut file, bytes).map_err(failed("writing")))?;
        fs.sync(&file).map_err(failed("flushing to disk"))?;
        drop(file);
        fs.copy_permissions(path, &tmp)
            .map_err(failed("copying permissions"))?;
        unchanged()?;
        fs.rename(&tmp, path)
            .map_err(failed("replacing the file"))?;
        Ok(done)
    })();
    let done = match result {
        Ok(done) => done,
        Err(e) => {
            let _ = fs.remove(&tmp);
            return Err(e);
        }
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The file is in place; a failed folder sync only weakens durability
        // after a power cut, so it is reported as a failure too.
        fs.sync_dir(dir)
            .map_err(failed("flushing the folder to disk"))?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests;
