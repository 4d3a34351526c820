//! Reuse between parses of one draft as it is edited: what parsing works
//! out of a line alone — web residue or not, heading or body — kept under
//! the line's text for the next parse (see
//! [`super::Document::parse_reusing`]). Lines a parse no longer met are
//! dropped after it.

use super::super::by_text::ByText;
use super::super::outline::{LineShape, classify_line};
use super::super::residue::is_residue_line;

/// A line's shape: `None` for web residue (see [`line_shape`]).
type Shape = Option<LineShape>;

/// What earlier parses of a draft worked out of each line (see the
/// module).
#[derive(Debug, Default)]
pub struct LineMemo {
    lines: ByText<Option<Shape>>,
}

impl LineMemo {
    /// An empty memo.
    pub fn new() -> LineMemo {
        LineMemo::default()
    }

    /// How many lines it holds.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Before a parse.
    pub(super) fn begin(&mut self) {
        self.lines.begin();
    }

    /// The shape of `line` (a whole line, leading white space included),
    /// from the memo or worked out.
    pub(super) fn shape(&mut self, line: &str) -> Shape {
        let slot = self.lines.slot(line);
        match self.lines.get_mut(slot) {
            Some(kept) => kept.get_or_insert_with(|| line_shape(line)).clone(),
            None => line_shape(line),
        }
    }

    /// After a parse: the lines it met are the ones kept.
    pub(super) fn finish(&mut self) {
        self.lines.end();
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
