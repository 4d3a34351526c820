//! For the unit tests of the file-touching code: a temporary folder that is
//! removed when dropped, even when the test fails.

use std::path::{Path, PathBuf};

/// A fresh temporary folder, removed on drop. Derefs to its path.
pub(crate) struct TestDir(PathBuf);

impl TestDir {
    /// `reportbench-unit-PID-NAME` in the system's temporary folder.
    pub(crate) fn new(name: &str) -> TestDir {
        let d =
            std::env::temp_dir().join(format!("reportbench-unit-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("a temporary folder");
        TestDir(d)
    }
}

impl std::ops::Deref for TestDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
