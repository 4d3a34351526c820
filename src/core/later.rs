//! A faster searcher built once it pays: a one-off `check` process should
//! not build automata that cost more than the search they speed up, and a
//! workbench re-checking at every key, a batch or a huge draft should not
//! go on with a slow scan. [`Later`] counts the bytes a cheap search has
//! gone through and has the faster one built when they pass a threshold;
//! both find the same (their tests compare them).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A searcher built after `after` bytes were scanned without it (see the
/// module).
#[derive(Debug)]
pub struct Later<T> {
    after: usize,
    scanned: AtomicUsize,
    /// `None` inside when it could not be built: the cheap search goes on.
    built: OnceLock<Option<T>>,
}

impl<T> Later<T> {
    /// Built once `after` bytes were scanned.
    pub const fn after(after: usize) -> Self {
        Later {
            after,
            scanned: AtomicUsize::new(0),
            built: OnceLock::new(),
        }
    }

    /// The faster searcher for a text of `len` bytes: `None` while the
    /// cheap search is still the better bet (or `build` failed).
    pub fn for_text(&self, len: usize, build: impl FnOnce() -> Option<T>) -> Option<&T> {
        if let Some(built) = self.built.get() {
            return built.as_ref();
        }
        let before = self.scanned.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < self.after {
            return None;
        }
        self.built.get_or_init(build).as_ref()
    }

    /// Whether it was built (tests).
    pub fn is_built(&self) -> bool {
        matches!(self.built.get(), Some(Some(_)))
    }

    /// Counts `len` bytes as scanned, as if a long text had been (tests).
    pub fn count(&self, len: usize) {
        self.scanned.fetch_add(len, Ordering::Relaxed);
    }
}

impl<T: Clone> Clone for Later<T> {
    fn clone(&self) -> Self {
        Later {
            after: self.after,
            scanned: AtomicUsize::new(self.scanned.load(Ordering::Relaxed)),
            built: self.built.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_the_bytes_pass_the_threshold_and_kept() {
        let later: Later<u32> = Later::after(100);
        let mut builds = 0;
        let mut build = || {
            builds += 1;
            Some(7)
        };
        assert_eq!(later.for_text(60, &mut build), None);
        assert_eq!(later.for_text(39, &mut build), None);
        assert_eq!(later.for_text(1, &mut build), Some(&7));
        assert_eq!(later.for_text(0, &mut build), Some(&7));
        assert_eq!(builds, 1);
        let failed: Later<u32> = Later::after(0);
        assert_eq!(failed.for_text(1, || None), None);
        assert!(!failed.is_built());
    }
}
