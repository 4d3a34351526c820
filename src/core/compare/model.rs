//! What a comparison finds: paragraphs, sections, figures and plans, each
//! with its status, and a summary.

use std::ops::Range;

/// How a paragraph changed between the years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParaStatus {
    /// The same text in the same place (years rolled forward allowed).
    Unchanged,
    /// Edited in place.
    Changed,
    /// Only in the new report.
    Added,
    /// Only in the old report.
    Removed,
    /// The same (or nearly the same) text in another place.
    Moved,
}

/// One span of an inline diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// `equal`, `insert` or `delete`.
    pub op: SpanOp,
    /// The characters.
    pub text: String,
}

/// The operation of a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanOp {
    /// In both.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// One entry of the paragraph alignment: every paragraph of both documents
/// appears in exactly one entry.
#[derive(Debug, Clone)]
pub struct ParaChange {
    /// What happened.
    pub status: ParaStatus,
    /// Old paragraph index.
    pub old: Option<usize>,
    /// New paragraph index.
    pub new: Option<usize>,
    /// Similarity of the two texts, 0..=1 (1 for unchanged).
    pub similarity: f32,
    /// The only differences are years rolled forward (2023年 → 2024年).
    pub year_rolled: bool,
    /// Character-level diff (for changed and inexact moved paragraphs).
    pub spans: Vec<Span>,
}

/// How a section pairs with last year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionStatus {
    /// Same title.
    Matched,
    /// Paired (by role or by title similarity) under another title.
    Renamed,
    /// Only in the new report.
    Added,
    /// Only in the old report.
    Removed,
}

/// A section pairing (level-1 and level-2 headings).
#[derive(Debug, Clone)]
pub struct SectionChange {
    /// Old heading index.
    pub old: Option<usize>,
    /// New heading index.
    pub new: Option<usize>,
    /// The pairing.
    pub status: SectionStatus,
    /// The spec item both sections play (when paired by role).
    pub role: Option<String>,
}

/// How a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureChange {
    /// Larger this year.
    Up,
    /// Smaller this year.
    Down,
    /// The same value.
    Same,
    /// Only this year.
    New,
    /// Only last year.
    Dropped,
}

/// A figure beside last year's.
#[derive(Debug, Clone)]
pub struct FigurePair {
    /// Index into the old report's figures.
    pub old: Option<usize>,
    /// Index into the new report's figures.
    pub new: Option<usize>,
    /// Up, down, same, new, dropped.
    pub change: FigureChange,
}

/// One item of last year's plans and whether this year's report follows it up.
#[derive(Debug, Clone)]
pub struct PlanFollowUp {
    /// The plan item's text.
    pub text: String,
    /// Byte range in the old document.
    pub old_range: Range<usize>,
    /// Followed up.
    pub followed_up: bool,
    /// The best evidence in the new report: byte range and score.
    pub evidence: Option<(Range<usize>, f32)>,
}

/// Counts and the carried-over gauge.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Summary {
    /// Paragraphs compared in the old report.
    pub paragraphs_old: usize,
    /// Paragraphs compared in the new report.
    pub paragraphs_new: usize,
    /// Unchanged paragraphs.
    pub unchanged: usize,
    /// Changed paragraphs.
    pub changed: usize,
    /// Added paragraphs.
    pub added: usize,
    /// Removed paragraphs.
    pub removed: usize,
    /// Moved paragraphs.
    pub moved: usize,
    /// The share of the new report's characters (white space excluded) that
    /// are last year's text unchanged, after years are rolled forward: whole
    /// unchanged or moved paragraphs, and the equal runs of changed ones.
    pub carried_over_ratio: f64,
}

/// The comparison of two reports.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Counts.
    pub summary: Summary,
    /// Section pairings, in the new report's order (removed ones after their
    /// predecessor).
    pub sections: Vec<SectionChange>,
    /// Paragraph alignment, in reading order.
    pub paragraphs: Vec<ParaChange>,
    /// Figures side by side.
    pub figures: Vec<FigurePair>,
    /// Last year's plans.
    pub plans: Vec<PlanFollowUp>,
    /// The year shift used to roll years forward (usually 1).
    pub year_shift: i32,
}
