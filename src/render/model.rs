//! What the renderings take: a checked file, last year's report named with
//! `--previous`, and a comparison with its two documents.

use crate::core::check::Report;
use crate::core::compare::Comparison;
use crate::core::document::Document;
use crate::core::figures::Figure;
use crate::core::review::{Comment, Review};
use crate::core::spec::CompiledSpec;
use serde::Serialize;
use std::borrow::Cow;

/// The previous year's report named with `--previous`.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousRef {
    /// The share of this year's text carried over from it (see `diff`).
    /// (Fields in alphabetical order: the JSON's.)
    pub carried_over_ratio: Option<f64>,
    /// Its file.
    pub file: String,
    /// Its report year.
    pub year: Option<i32>,
}

/// One checked file, ready to render.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The path as given.
    pub file: String,
    /// Its encoding name.
    pub encoding: &'static str,
    /// What kind of file it was (`text`, `markdown`, `docx`).
    pub format: &'static str,
    /// The report.
    pub report: Report,
    /// The previous year's report, when given.
    pub previous: Option<PreviousRef>,
}

/// Everything a rendering needs.
pub struct DiffView<'a> {
    /// Last year's file name.
    pub old_file: &'a str,
    /// This year's file name.
    pub new_file: &'a str,
    /// What kind of file each is (`text`, `docx` … ): old, new.
    pub formats: (&'a str, &'a str),
    /// Last year's document.
    pub old: &'a Document,
    /// This year's document.
    pub new: &'a Document,
    /// Last year's figures, as checked (the comparison's figure pairs
    /// index them).
    pub old_figures: &'a [Figure],
    /// This year's figures, as checked.
    pub new_figures: &'a [Figure],
    /// The comparison.
    pub cmp: &'a Comparison,
    /// The spec (metric ids).
    pub spec: &'a CompiledSpec,
    /// What looks wrong with the pair (same year, reversed …).
    pub warnings: &'a [crate::core::compare::PairWarning],
    /// The language of the warnings' messages.
    pub lang: crate::core::lang::Lang,
}

pub(crate) fn line_of(d: &Document, p: Option<usize>) -> Option<usize> {
    p.map(|p| d.paragraphs()[p].line)
}

pub(crate) fn text_of(d: &Document, p: Option<usize>) -> Option<&str> {
    p.map(|p| d.paragraph_text(p))
}

/// The old paragraphs of an entry read as one (several when merged).
pub(crate) fn old_text_of<'a>(
    d: &'a Document,
    p: &crate::core::compare::ParaChange,
) -> Option<Cow<'a, str>> {
    read_as_one(d, p.old, &p.old_more)
}

/// The new paragraphs of an entry read as one (several when split).
pub(crate) fn new_text_of<'a>(
    d: &'a Document,
    p: &crate::core::compare::ParaChange,
) -> Option<Cow<'a, str>> {
    read_as_one(d, p.new, &p.new_more)
}

/// Paragraph `first` and those in `more` read as one: the document's own
/// slice when there is one paragraph.
fn read_as_one<'a>(d: &'a Document, first: Option<usize>, more: &[usize]) -> Option<Cow<'a, str>> {
    let first = first?;
    if more.is_empty() {
        return Some(Cow::Borrowed(d.paragraph_text(first)));
    }
    let mut s = d.paragraph_text(first).to_owned();
    for &i in more {
        s.push_str(d.paragraph_text(i));
    }
    Some(Cow::Owned(s))
}

/// The lines of an entry's paragraphs on one side, as "13+15" when several.
pub(crate) fn lines_label(d: &Document, ps: impl Iterator<Item = usize>) -> Option<String> {
    let lines: Vec<String> = ps.map(|p| d.paragraphs()[p].line.to_string()).collect();
    (!lines.is_empty()).then(|| lines.join("+"))
}

/// A draft's review, ready to render: the checklist (with "not applicable"
/// sign-offs applied), the sidecar, and each comment with where its quote is
/// in the text now — `(line, exact)`, or `None` when orphaned.
pub struct ReviewView<'a> {
    /// The draft, as given.
    pub file: &'a str,
    /// What kind of file it is (`text`, `docx` …).
    pub format: &'a str,
    /// Its checklist.
    pub report: &'a Report,
    /// The review sidecar.
    pub review: &'a Review,
    /// Each comment with its place now.
    pub anchored: Vec<(&'a Comment, Option<(usize, bool)>)>,
    /// When the review is exported (RFC 3339, local).
    pub exported_at: &'a str,
    /// Each suggestion with its place now: the line, and whether the quote
    /// is still there unchanged (false: outdated); `None`: orphaned.
    pub placed: Vec<(
        &'a crate::core::suggestion::Suggestion,
        Option<(usize, bool)>,
    )>,
}
