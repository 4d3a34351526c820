//! What was worked out of pieces of a text (its lines, its paragraphs),
//! kept under each piece's text from one pass over the text to the next:
//! the memos of the workbench's re-parse and re-check
//! ([`super::document::LineMemo`], [`super::check::CheckMemo`]). A pass
//! marks the pieces it meets; what it did not meet is dropped after it, so
//! a table holds about one copy of the text.

use rustc_hash::FxHashMap;

/// Values by piece of text, kept from one pass to the next (see the
/// module).
#[derive(Debug)]
pub(crate) struct ByText<V> {
    /// Piece of text → index into `entries`.
    index: FxHashMap<Box<str>, usize>,
    /// The last pass that met each, and its value.
    entries: Vec<(u64, V)>,
    /// The pass in progress.
    pass: u64,
}

impl<V> Default for ByText<V> {
    fn default() -> Self {
        ByText {
            index: FxHashMap::default(),
            entries: Vec::new(),
            pass: 0,
        }
    }
}

impl<V: Default> ByText<V> {
    /// How many pieces it holds.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Starts a pass.
    pub(crate) fn begin(&mut self) {
        self.pass += 1;
    }

    /// The slot of `text` in this pass: the value kept for it, or a new
    /// default one.
    pub(crate) fn slot(&mut self, text: &str) -> usize {
        let i = match self.index.get(text) {
            Some(&i) => i,
            None => {
                self.entries.push((0, V::default()));
                self.index.insert(text.into(), self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        self.entries[i].0 = self.pass;
        i
    }

    /// The value in slot `i` (of this pass).
    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut V> {
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    /// Ends a pass: the pieces it did not meet are dropped (slots are
    /// then renumbered).
    pub(crate) fn end(&mut self) {
        let pass = self.pass;
        if self.entries.iter().all(|(p, _)| *p == pass) {
            return;
        }
        let mut renumber = vec![usize::MAX; self.entries.len()];
        let mut kept = 0;
        for (i, (p, _)) in self.entries.iter().enumerate() {
            if *p == pass {
                renumber[i] = kept;
                kept += 1;
            }
        }
        self.entries.retain(|(p, _)| *p == pass);
        self.index.retain(|_, i| {
            *i = renumber[*i];
            *i != usize::MAX
        });
    }
}
