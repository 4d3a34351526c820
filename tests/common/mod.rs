//! Helpers shared by the integration tests: the repository, the corpus,
//! the binary, temporary folders that are removed, snapshots compared line
//! by line, and [`bench::Bench`], the workbench driven without a terminal.
#![allow(dead_code)]

pub mod bench;
pub mod docx;
pub mod odf;
pub mod pdf;
pub mod screen;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the tests run in CI (`CI` set, as `.ci/run` does): there,
/// inputs that are skipped elsewhere (the corpus, LibreOffice) must be
/// present.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// `../shared/corpus` (or `$REPORTBENCH_CORPUS`), when present. Outside CI
/// prints why the calling test is skipped when it is not; in CI a missing
/// corpus fails the test.
pub fn corpus(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("REPORTBENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    if dir.join("labels.json").is_file() {
        return Some(dir);
    }
    assert!(
        !in_ci(),
        "{test}: the corpus is not at {} and CI must run it (set REPORTBENCH_CORPUS)",
        dir.display()
    );
    eprintln!(
        "skipping {test}: the corpus is not at {} (set REPORTBENCH_CORPUS to run it)",
        dir.display()
    );
    None
}

/// `../shared/samples/documents` (documents made by other tools), when
/// present; like [`corpus`], missing fails in CI and skips elsewhere.
pub fn samples(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/samples/documents");
    if dir.join("handmade.docx").is_file() {
        return Some(dir);
    }
    assert!(
        !in_ci(),
        "{test}: the samples are not at {} and CI must read them",
        dir.display()
    );
    eprintln!("skipping {test}: the samples are not at {}", dir.display());
    None
}

/// LibreOffice's `soffice`, when installed; like [`corpus`], missing fails
/// in CI (`.ci/run` installs it) and skips elsewhere.
pub fn soffice(test: &str) -> Option<PathBuf> {
    // The same search the program makes (`REPORTBENCH_SOFFICE`, then PATH).
    if let Some(p) = reportbench::io::formats::legacy::find_soffice() {
        return Some(p);
    }
    assert!(
        !in_ci(),
        "{test}: LibreOffice (soffice) is not installed and CI must use it"
    );
    eprintln!("skipping {test}: LibreOffice (soffice) is not installed");
    None
}

/// LibreOffice, when a font with Chinese glyphs is installed too: without
/// one, LibreOffice prints every Chinese character of a PDF as the same
/// empty box, and the PDF's text says so. Skips (with a message) outside
/// CI; fails in CI, whose `.ci/run` installs one.
pub fn soffice_with_chinese_font(test: &str) -> Option<PathBuf> {
    let soffice = soffice(test)?;
    let fonts = std::process::Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    if !fonts.is_empty() {
        return Some(soffice);
    }
    assert!(
        !in_ci(),
        "{test}: no font with Chinese glyphs (fc-list :lang=zh) and CI must have one (.ci/run installs fonts-wqy-zenhei)"
    );
    eprintln!("skipping {test}: no font with Chinese glyphs is installed (fc-list :lang=zh)");
    None
}

/// Converts `file` with LibreOffice to `to` (`docx`, or a filter such as
/// `txt:Text (encoded):UTF8`) into `out_dir`; returns the new file.
pub fn soffice_convert(soffice: &Path, file: &Path, to: &str, out_dir: &Path) -> PathBuf {
    let profile = out_dir.join("lo-profile");
    let status = std::process::Command::new(soffice)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--convert-to")
        .arg(to)
        .arg("--outdir")
        .arg(out_dir)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice failed on {}", file.display());
    let ext = to.split(':').next().unwrap_or(to);
    let out = out_dir.join(file.with_extension(ext).file_name().unwrap());
    assert!(out.is_file(), "soffice wrote no {}", out.display());
    out
}

/// The reportbench binary built for the tests.
pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_reportbench"));
    // Tests never read the developer's own config.
    c.env(
        "REPORTBENCH_CONFIG_DIR",
        root().join("target/test-config-none"),
    );
    c.env("NO_COLOR", "1");
    c.env_remove("LC_ALL");
    c.env("LANG", "en_US.UTF-8");
    c
}

/// A fresh temporary folder for one test, removed when dropped (also when
/// the test fails). Derefs to its path.
pub struct TempDir(PathBuf);

impl TempDir {
    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Read-only files and folders left by a test are made writable first.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fn open_up(p: &Path) {
                let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o700));
                if let Ok(rd) = std::fs::read_dir(p) {
                    for e in rd.flatten() {
                        if e.file_type().is_ok_and(|t| t.is_dir()) {
                            open_up(&e.path());
                        }
                    }
                }
            }
            open_up(&self.0);
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh temporary folder for one test, removed when the returned guard
/// is dropped.
pub fn temp_dir(name: &str) -> TempDir {
    // A number per call: tests run in parallel threads of one process, and
    // two of them asking for the same name must not share (and remove) one
    // folder.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!(
        "reportbench-test-{}-{n}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    TempDir(d)
}

/// A fresh folder for one test under `target/test-tmp/`, by a relative
/// path that is the same on every run and machine (for snapshots that show
/// a file's path), removed when the guard is dropped.
pub fn local_dir(name: &str) -> TempDir {
    let d = PathBuf::from("target/test-tmp").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a folder under target/");
    TempDir(d)
}

/// Compares `actual` with `tests/snapshots/NAME.txt`, line by line: any
/// changed, extra or missing line fails, with the differing lines shown.
/// With `UPDATE_SNAPSHOTS=1` (or when the file does not exist yet, outside
/// CI) the file is written instead; in CI a missing snapshot fails. On a
/// difference the new text is left in `NAME.txt.new`.
pub fn assert_snapshot(name: &str, actual: &str) {
    let dir = root().join("tests/snapshots");
    let path = dir.join(format!("{name}.txt"));
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(expected) if !update => {
            if expected != actual {
                let new = dir.join(format!("{name}.txt.new"));
                std::fs::write(&new, actual).unwrap();
                let diff = similar::TextDiff::from_lines(expected.as_str(), actual);
                let shown: Vec<String> = diff
                    .iter_all_changes()
                    .filter(|c| c.tag() != similar::ChangeTag::Equal)
                    .take(12)
                    .map(|c| {
                        let sign = match c.tag() {
                            similar::ChangeTag::Delete => "-",
                            _ => "+",
                        };
                        let line = c.old_index().or(c.new_index()).map_or(0, |i| i + 1);
                        format!("{sign} {line:>3} | {}", c.value().trim_end_matches('\n'))
                    })
                    .collect();
                panic!(
                    "snapshot {name} differs ({} → {} lines); new screen in {}\n{}",
                    expected.lines().count(),
                    actual.lines().count(),
                    new.display(),
                    shown.join("\n")
                );
            }
        }
        Err(_) if in_ci() && !update => {
            panic!(
                "snapshot {} is missing (run with UPDATE_SNAPSHOTS=1 and commit it)",
                path.display()
            )
        }
        _ => {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, actual).unwrap();
            eprintln!("wrote snapshot {}", path.display());
        }
    }
}

/// What `check --format json` says of a file: item statuses, metric
/// statuses and values, lints (rule and line) — to compare two readings
/// of one draft.
pub fn check_statuses(file: &Path) -> serde_json::Value {
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}: {:?}", file.display(), out));
    let pick = |key: &str, fields: &[&str]| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                fields
                    .iter()
                    .map(|f| i[f].to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    serde_json::json!({
        "items": pick("items", &["id", "status"]),
        "metrics": pick("metrics", &["id", "status", "value"]),
        "lints": pick("lints", &["rule", "line"]),
    })
}
