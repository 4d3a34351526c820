//! Year-over-year comparison: sections aligned by role and title, paragraphs
//! aligned across the whole document (unchanged, changed, moved, added,
//! removed) with character-level inline diffs, figures side by side, and last
//! year's plans checked against this year's report.
//!
//! Pure: no clock either. The work on pathological inputs is bounded by a
//! count ([`CompareOptions::inline_budget`]), so the same two reports always
//! give the same comparison.
//!
//! Files: `model` (what is found), `paragraphs` (alignment and summary),
//! `similarity` (hashes, bigrams, Dice), `inline` (spans inside a changed
//! paragraph), `joined` (merged and split paragraphs), `sections`,
//! `figures`, `plans`.

mod figures;
mod inline;
mod joined;
mod model;
mod paragraphs;
mod plans;
mod sections;
mod similarity;
mod warnings;

pub use inline::{INLINE_BUDGET, inline_diff, whole_tokens};
pub use model::*;
pub use warnings::{PairWarning, pair_warnings};

use super::check::{Report, match_sections};
use super::document::{Document, ParagraphKind, years_with_nian};
use super::spec::CompiledSpec;
use super::text::{fold_width, is_unsafe_for_display};
use figures::pair_figures;
use paragraphs::{align_paragraphs, summarise};
use plans::follow_up_plans;
use sections::align_sections;

/// Options of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct CompareOptions {
    /// The most work one paragraph's inline diff may do (see
    /// [`INLINE_BUDGET`]): past it, long rewritten paragraphs are compared
    /// sentence by sentence, so results stay correct, only less minimal.
    pub inline_budget: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            inline_budget: INLINE_BUDGET,
        }
    }
}

/// The paragraphs a comparison covers: all but page furniture.
pub fn compared_paragraphs(doc: &Document) -> Vec<usize> {
    (0..doc.paragraphs().len())
        .filter(|&i| doc.paragraphs()[i].kind != ParagraphKind::Residue)
        .collect()
}

/// Text normalised for comparison: invisible characters dropped, white space
/// dropped, full-width ASCII forms folded, and the old report's years
/// rolled forward by `shift` (only years within a year of the old report's,
/// so that ranges like 2021-2025 stay as written).
pub fn comparison_key(text: &str, roll: Option<(i32, i32)>) -> String {
    let rolled = match roll {
        Some((old_year, shift)) if shift != 0 => roll_years(text, old_year, shift),
        _ => text.to_owned(),
    };
    // A Markdown heading mark is layout, not text.
    let body = rolled.trim_start().trim_start_matches('#');
    body.chars()
        .filter(|&c| !is_unsafe_for_display(c) && !c.is_whitespace() && c != '\u{3000}')
        .map(fold_width)
        .collect()
}

/// Rolls `YYYY年` forward by `shift` for years in `old_year-1 ..= old_year+1`.
pub fn roll_years(text: &str, old_year: i32, shift: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (y, at) in years_with_nian(text) {
        if (old_year - 1..=old_year + 1).contains(&y) {
            out.push_str(&text[last..at]);
            out.push_str(&(y + shift).to_string());
            last = at + 4;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Compares last year's report with this year's.
pub fn compare(
    old: &Document,
    new: &Document,
    old_report: &Report,
    new_report: &Report,
    spec: &CompiledSpec,
    opts: &CompareOptions,
) -> Comparison {
    let inputs = Inputs::of(old, new);
    let paragraphs = align_paragraphs(
        old,
        new,
        &inputs.old_ps,
        &inputs.new_ps,
        &inputs.old_keys,
        &inputs.new_keys,
        inputs.roll,
        opts,
    );
    let summary = summarise(
        new,
        &inputs.old_ps,
        &inputs.new_ps,
        &paragraphs,
        &inputs.new_keys,
    );
    // The paragraphs' keys are done with: not kept through the figures'
    // pairing, the comparison's peak of memory.
    let (roll, year_shift) = (inputs.roll, inputs.shift);
    drop(inputs);
    // Which sections play which checklist item, once for both documents.
    let (old_roles, new_roles) = (match_sections(old, spec), match_sections(new, spec));
    let sections = align_sections(old, new, spec, &old_roles, &new_roles);
    let figures = pair_figures(old, new, old_report, new_report, &paragraphs, roll);
    let plans = follow_up_plans(old, new, spec, &old_roles, &new_roles);
    Comparison {
        summary,
        sections,
        paragraphs,
        figures,
        plans,
        year_shift,
    }
}

/// What the alignment works on: the paragraphs compared on each side, their
/// comparison keys (last year's with years rolled forward), the year shift.
struct Inputs {
    shift: i32,
    roll: Option<(i32, i32)>,
    old_ps: Vec<usize>,
    new_ps: Vec<usize>,
    old_keys: Vec<String>,
    new_keys: Vec<String>,
}

impl Inputs {
    fn of(old: &Document, new: &Document) -> Inputs {
        let shift = match (old.year(), new.year()) {
            (Some(a), Some(b)) => b - a,
            _ => 0,
        };
        let roll = old.year().map(|y| (y, shift));
        let old_ps = compared_paragraphs(old);
        let new_ps = compared_paragraphs(new);
        let old_keys = old_ps
            .iter()
            .map(|&p| comparison_key(old.paragraph_text(p), roll))
            .collect();
        let new_keys = new_ps
            .iter()
            .map(|&p| comparison_key(new.paragraph_text(p), None))
            .collect();
        Inputs {
            shift,
            roll,
            old_ps,
            new_ps,
            old_keys,
            new_keys,
        }
    }
}

/// Two reports parsed and checked with the default spec, for the unit tests
/// of the comparison's parts.
#[cfg(test)]
pub(super) struct Fixture {
    pub old: Document,
    pub new: Document,
    pub old_report: Report,
    pub new_report: Report,
    pub spec: CompiledSpec,
}

#[cfg(test)]
impl Fixture {
    pub fn new(old: &str, new: &str) -> Fixture {
        use crate::core::check::{CheckOptions, check};
        let spec = CompiledSpec::default_spec();
        let (old, new) = (Document::parse(old), Document::parse(new));
        let opts = CheckOptions::default();
        Fixture {
            old_report: check(&old, &spec, &opts),
            new_report: check(&new, &spec, &opts),
            old,
            new,
            spec,
        }
    }

    /// The paragraph alignment, as `compare` works it out.
    pub fn paragraphs(&self) -> Vec<ParaChange> {
        let i = Inputs::of(&self.old, &self.new);
        align_paragraphs(
            &self.old,
            &self.new,
            &i.old_ps,
            &i.new_ps,
            &i.old_keys,
            &i.new_keys,
            i.roll,
            &CompareOptions::default(),
        )
    }

    /// The year roll `compare` uses.
    pub fn roll(&self) -> Option<(i32, i32)> {
        Inputs::of(&self.old, &self.new).roll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roll_years_only_near_the_report_year() {
        assert_eq!(
            roll_years("2023年成效，2024年计划，纲要（2021-2025年）", 2023, 1),
            "2024年成效，2025年计划，纲要（2021-2025年）"
        );
    }

    #[test]
    fn keys_ignore_invisible_and_width_differences() {
        assert_eq!(
            comparison_key("调处纠纷１２件，\u{200b}成功", None),
            comparison_key("调处纠纷12件,成功", None)
        );
    }
}
