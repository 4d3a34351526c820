//! Writing a produced file (`-o OUT`): never over an input, never over an
//! existing file unless asked, and atomically (a temporary file beside it,
//! synced, then renamed), so that a failure leaves nothing half-written.

use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an output was not written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output is one of the inputs.
    #[error("{0}: is an input of this command; choose another output file")]
    IsInput(PathBuf),
    /// The output exists.
    #[error("{0}: already exists; give --force to replace it")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("{path}: could not be written ({source})")]
    Failed {
        /// The output.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Whether `a` and `b` name the same file (through links), when both exist.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes `bytes` to `out`, refusing an input and (without `force`) an
/// existing file.
pub fn write_output(
    out: &Path,
    bytes: &[u8],
    inputs: &[&Path],
    force: bool,
) -> Result<(), OutputError> {
    if inputs.iter().any(|i| same_file(i, out)) {
        return Err(OutputError::IsInput(out.to_owned()));
    }
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(OutputError::Exists(out.to_owned()));
    }
    let failed = |source| OutputError::Failed {
        path: out.to_owned(),
        source,
    };
    let tmp = super::save::temp_path(out);
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(failed(e));
    }
    Ok(())
}

/// A file's modification time, local, RFC 3339.
pub fn modified_rfc3339(path: &Path) -> Option<String> {
    let secs = std::fs::metadata(path)
        .ok()?
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    Some(super::clock::rfc3339_local(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_or_an_existing_file_is_never_overwritten() {
        let dir = std::env::temp_dir().join(format!("rb-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("draft.txt");
        std::fs::write(&input, "正文").unwrap();
        let out = dir.join("out.docx");
        assert!(matches!(
            write_output(&input, b"x", &[&input], true),
            Err(OutputError::IsInput(_))
        ));
        write_output(&out, b"one", &[&input], false).unwrap();
        assert!(matches!(
            write_output(&out, b"two", &[&input], false),
            Err(OutputError::Exists(_))
        ));
        assert_eq!(std::fs::read(&out).unwrap(), b"one");
        write_output(&out, b"two", &[&input], true).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "正文");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
