//! Reuse between parses of one draft as it is edited: what parsing works
//! out of a line alone — web residue or not, heading or body — kept under
//! the line's text for the next parse (see
//! [`super::Document::parse_reusing`]). Lines a parse no longer met are
//! dropped after it.

use super::super::by_text::ByText;
use super::super::outline::{LineShape, classify_line};
use super::super::residue::is_residue_line;
use super::super::text::{fold_for_matching, is_space, trim};
use super::year::{body_years, plan_words};
use std::borrow::Cow;

/// A line's shape: `None` for web residue (see [`line_shape`]).
type Shape = Option<LineShape>;

/// What is kept of a line: its shape; whether it holds a character that
/// folds for matching, so that a parse need not read the whole text to
/// know whether to fold it; the years that stand alone in its folded
/// text (the paragraph's, for the body's dominant year); and, for a
/// heading, whether its folded title names the plans (`year::plan_words`).
#[derive(Debug, Clone)]
pub(super) struct LineFacts {
    pub(super) shape: Shape,
    pub(super) folds: bool,
    pub(super) years: Vec<i32>,
    pub(super) plans: bool,
}

impl LineFacts {
    fn of(line: &str) -> LineFacts {
        // Folding maps one character to one (and never white space), so
        // the folded line is the paragraph's text in the folded document,
        // and it is borrowed exactly when nothing in the line folds.
        let folded = fold_for_matching(trim(line));
        let shape = line_shape(line);
        let plans = match &shape {
            Some(LineShape::Heading(h)) => {
                // The title as the parse places it: relative to the line,
                // clamped to the trimmed paragraph (which the folded text
                // is, byte for byte).
                let lead = line.len() - line.trim_start_matches(is_space).len();
                let end = lead + folded.len();
                let a = h.title.start.clamp(lead, end);
                let b = h.title.end.clamp(a, end);
                let title = folded.get(a - lead..b - lead).unwrap_or("");
                plan_words().is_some_and(|w| w.is_match(title))
            }
            _ => false,
        };
        LineFacts {
            shape,
            folds: matches!(folded, Cow::Owned(_)),
            years: body_years(&folded),
            plans,
        }
    }
}

/// What earlier parses of a draft worked out of each line (see the
/// module).
#[derive(Debug, Default)]
pub struct LineMemo {
    lines: ByText<Option<LineFacts>>,
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

    /// The facts of `line` (a whole line, leading white space included),
    /// from the memo or worked out.
    pub(super) fn facts(&mut self, line: &str) -> LineFacts {
        let slot = self.lines.slot(line);
        match self.lines.get_mut(slot) {
            Some(kept) => kept.get_or_insert_with(|| LineFacts::of(line)).clone(),
            None => LineFacts::of(line),
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
