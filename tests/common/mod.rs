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
