//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus` (or `$REPORTBENCH_CORPUS`), when present. Prints why
/// the calling test is skipped when it is not.
pub fn corpus(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("REPORTBENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    if dir.join("labels.json").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipping {test}: the corpus is not at {} (set REPORTBENCH_CORPUS to run it)",
            dir.display()
        );
        None
    }
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

/// A fresh temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("reportbench-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Compares `actual` with `tests/snapshots/NAME.txt`. With
/// `UPDATE_SNAPSHOTS=1` (or when the file does not exist yet, outside CI)
/// the file is written instead; on a difference the new text is left in
/// `NAME.txt.new` and the test fails showing the differing lines.
pub fn assert_snapshot(name: &str, actual: &str) {
    let dir = root().join("tests/snapshots");
    let path = dir.join(format!("{name}.txt"));
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(expected) if !update => {
            if expected != actual {
                let new = dir.join(format!("{name}.txt.new"));
                std::fs::write(&new, actual).unwrap();
                let diff: Vec<String> = expected
                    .lines()
                    .zip(actual.lines())
                    .enumerate()
                    .filter(|(_, (a, b))| a != b)
                    .take(6)
                    .map(|(i, (a, b))| format!("line {}:\n- {a}\n+ {b}", i + 1))
                    .collect();
                panic!(
                    "snapshot {name} differs ({} → {} lines); new screen in {}\n{}",
                    expected.lines().count(),
                    actual.lines().count(),
                    new.display(),
                    diff.join("\n")
                );
            }
        }
        Err(_) if std::env::var_os("CI").is_some() && !update => {
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
