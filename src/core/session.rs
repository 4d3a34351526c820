//! Plain data about a draft's session files, passed between the layers: the
//! content of a recovery file, and who holds an edit lock. The files
//! themselves are read and written by `io::recovery` and `io::lock`.

use std::path::PathBuf;

/// A recovery file found for a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// The unsaved text (`\n` line ends).
    pub text: String,
    /// The process that wrote it.
    pub pid: u32,
    /// When, in seconds since 1970.
    pub saved: u64,
    /// Where the recovery file is.
    pub file: PathBuf,
}

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Their login name.
    pub user: String,
    /// Their machine.
    pub host: String,
    /// Their process.
    pub pid: u32,
}
