//! Old binary Word and WPS files (.doc/.wps): converted to .docx by
//! LibreOffice when it is installed — headless, with a private profile
//! folder, in a temporary folder of our own, with a time limit — and the
//! result read by the .docx reader. Without LibreOffice, the user is told
//! to save the file as .docx.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take (a cold start takes 1–3 s).
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Why a conversion did not give a .docx.
#[derive(Debug, thiserror::Error)]
pub enum LegacyError {
    /// LibreOffice is not installed (or `REPORTBENCH_SOFFICE` names none).
    #[error("LibreOffice is not installed")]
    NoConverter,
    /// It ran past [`TIME_LIMIT`] and was stopped.
    #[error("LibreOffice took longer than {} s to convert it", TIME_LIMIT.as_secs())]
    TimedOut,
    /// It ran but wrote no .docx (a damaged file, or not a Word file).
    #[error("LibreOffice could not convert it{0}")]
    Failed(String),
    /// The temporary folder could not be made or used.
    #[error("the conversion could not use a temporary folder: {0}")]
    Io(#[from] std::io::Error),
}

/// LibreOffice's `soffice`: `$REPORTBENCH_SOFFICE` when set (empty: none),
/// else the first on `PATH`.
pub fn find_soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("REPORTBENCH_SOFFICE") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["soffice", "libreoffice"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// A temporary folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch() -> std::io::Result<Scratch> {
    use std::os::unix::fs::DirBuilderExt;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!(
        "reportbench-convert-{}-{nanos}",
        std::process::id()
    ));
    // Private: the draft's text passes through it.
    std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
    Ok(Scratch(dir))
}

/// Converts the old Word file `bytes` to a .docx's bytes.
pub fn to_docx(bytes: &[u8]) -> Result<Vec<u8>, LegacyError> {
    let soffice = find_soffice().ok_or(LegacyError::NoConverter)?;
    convert(&soffice, bytes, TIME_LIMIT)
}

fn convert(soffice: &Path, bytes: &[u8], limit: Duration) -> Result<Vec<u8>, LegacyError> {
    let dir = scratch()?;
    // A plain name: the user's file name never reaches a command line.
    let input = dir.0.join("input.doc");
    std::fs::write(&input, bytes)?;
    let profile = dir.0.join("profile");
    let mut child = spawn(soffice, &profile, &dir.0, &input)?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > limit {
            stop(&mut child);
            return Err(LegacyError::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = dir.0.join("input.docx");
    match std::fs::read(&output) {
        Ok(docx) if status.success() => Ok(docx),
        _ => Err(LegacyError::Failed(match status.code() {
            Some(0) | None => String::new(),
            Some(code) => format!(" (exit code {code})"),
        })),
    }
}

fn spawn(
    soffice: &Path,
    profile: &Path,
    out_dir: &Path,
    input: &Path,
) -> std::io::Result<std::process::Child> {
    use std::os::unix::process::CommandExt;
    Command::new(soffice)
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--convert-to")
        .arg("docx:MS Word 2007 XML")
        .arg("--outdir")
        .arg(out_dir)
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Its own process group, so that a stop reaches the program the
        // `soffice` script starts.
        .process_group(0)
        .spawn()
}

fn stop(child: &mut std::process::Child) {
    let pgid = child.id() as libc::pid_t;
    // SAFETY: kill(2) on the process group we created; no memory involved.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::testing::TestDir;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in for `soffice`: a script doing `body`.
    fn fake(dir: &TestDir, body: &str) -> PathBuf {
        let p = dir.join("soffice");
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    }

    #[test]
    fn a_hung_converter_is_stopped_with_what_it_started() {
        let dir = TestDir::new("legacy-hang");
        let marker = dir.join("child-alive");
        // The script starts a child that would outlive it, as soffice's
        // wrapper does; both are stopped.
        let soffice = fake(
            &dir,
            &format!("(sleep 1; touch {}) & sleep 30", marker.display()),
        );
        let start = Instant::now();
        let e = convert(&soffice, b"old", Duration::from_millis(300)).unwrap_err();
        assert!(matches!(e, LegacyError::TimedOut), "{e}");
        assert!(start.elapsed() < Duration::from_secs(10));
        // Had the child survived, it would have left its mark by now.
        std::thread::sleep(Duration::from_millis(1500).saturating_sub(start.elapsed()));
        assert!(!marker.exists(), "the converter's child outlived the stop");
    }

    #[test]
    fn a_converter_that_writes_nothing_fails_in_words() {
        let dir = TestDir::new("legacy-fail");
        let soffice = fake(&dir, "exit 3");
        let e = convert(&soffice, b"old", Duration::from_secs(10)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "LibreOffice could not convert it (exit code 3)"
        );
    }
}
