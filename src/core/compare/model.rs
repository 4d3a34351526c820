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
    /// Several old paragraphs written as one new one (`old_more`).
    Merged,
    /// One old paragraph written as several new ones (`new_more`).
    Split,
}

impl ParaStatus {
    /// The status in the reader's language (the JSON word is its id).
    pub fn word(self, lang: crate::core::lang::Lang) -> &'static str {
        match self {
            ParaStatus::Unchanged => lang.pick("未变", "unchanged"),
            ParaStatus::Changed => lang.pick("修改", "changed"),
            ParaStatus::Added => lang.pick("新增", "added"),
            ParaStatus::Removed => lang.pick("删除", "removed"),
            ParaStatus::Moved => lang.pick("移动", "moved"),
            ParaStatus::Merged => lang.pick("合并", "merged"),
            ParaStatus::Split => lang.pick("拆分", "split"),
        }
    }

    /// The status as JSON writes it.
    pub fn id(self) -> &'static str {
        self.word(crate::core::lang::Lang::En)
    }
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
    /// Further old paragraphs, in order, read as one with `old` (merged).
    pub old_more: Vec<usize>,
    /// Further new paragraphs, in order, read as one with `new` (split).
    pub new_more: Vec<usize>,
    /// Similarity of the two texts, 0..=1 (1 for unchanged).
    pub similarity: f32,
    /// The only differences are years rolled forward (2023年 → 2024年).
    pub year_rolled: bool,
    /// Character-level diff (for changed and inexact moved paragraphs, and
    /// for merged and split ones against the paragraphs read as one).
    pub spans: Vec<Span>,
}

impl ParaChange {
    /// Every old paragraph of the entry, in order.
    pub fn old_all(&self) -> impl Iterator<Item = usize> + '_ {
        self.old.into_iter().chain(self.old_more.iter().copied())
    }

    /// Every new paragraph of the entry, in order.
    pub fn new_all(&self) -> impl Iterator<Item = usize> + '_ {
        self.new.into_iter().chain(self.new_more.iter().copied())
    }
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
    /// Merged paragraphs (entries: several old paragraphs in one new).
    pub merged: usize,
    /// Split paragraphs (entries: one old paragraph in several new).
    pub split: usize,
    /// The share of the new report's characters (white space excluded) that
    /// are last year's text unchanged, after years are rolled forward: whole
    /// unchanged or moved paragraphs, and the equal runs of changed ones.
    pub carried_over_ratio: f64,
}

/// The merged and split counts after the others ("，合并1" / ", 1 merged"),
/// each only when there is one; `zh_sep` and `en_sep` go before each.
pub fn joined_counts(
    s: &Summary,
    lang: crate::core::lang::Lang,
    zh_sep: &str,
    en_sep: &str,
) -> String {
    let sep = lang.pick(zh_sep, en_sep);
    let mut out = String::new();
    for (n, zh, en) in [(s.merged, "合并", "merged"), (s.split, "拆分", "split")] {
        if n > 0 {
            out.push_str(sep);
            out.push_str(&match lang {
                crate::core::lang::Lang::Zh => format!("{zh}{n}"),
                crate::core::lang::Lang::En => format!("{n} {en}"),
            });
        }
    }
    out
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
