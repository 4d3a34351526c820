//! Reuse between parses of one draft as it is edited: what parsing works
//! out of a line alone — web residue or not, heading or body — kept under
//! the line's text for the next parse (see
//! [`super::Document::parse_reusing`]). Lines a parse no longer met are
//! dropped after it.

use super::super::outline::{LineShape, classify_line};
use super::super::residue::is_residue_line;
use rustc_hash::FxHashMap;

/// A line's shape: `None` for web residue (see [`line_shape`]).
type Shape = Option<LineShape>;

/// What earlier parses of a draft worked out of each line (see the
/// module).
#[derive(Debug, Default)]
pub struct LineMemo {
    /// The lines of the parse before.
    before: FxHashMap<Box<str>, Shape>,
    /// The lines of the parse in progress.
    now: FxHashMap<Box<str>, Shape>,
}

impl LineMemo {
    /// An empty memo.
    pub fn new() -> LineMemo {
        LineMemo::default()
    }

    /// How many lines it holds.
    pub fn len(&self) -> usize {
        self.before.len() + self.now.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The shape of `line` (a whole line, leading white space included),
    /// from the memo or worked out.
    pub(super) fn shape(&mut self, line: &str) -> Shape {
        if let Some(s) = self.now.get(line) {
            return s.clone();
        }
        let (key, shape) = match self.before.remove_entry(line) {
            Some(kept) => kept,
            None => (line.into(), line_shape(line)),
        };
        self.now.insert(key, shape.clone());
        shape
    }

    /// After a parse: the lines it met are the ones kept.
    pub(super) fn finish(&mut self) {
        self.before = std::mem::take(&mut self.now);
        self.now.reserve(self.before.len());
    }
}

/// What a line is by itself: `None` for web residue, else its shape.
pub(super) fn line_shape(line: &str) -> Shape {
    if is_residue_line(super::trim(line)) {
        None
    } else {
        Some(classify_line(line))
    }
}
