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

mod figure_keys;
mod figures;
mod inline;
mod joined;
mod model;
mod paragraphs;
mod patience;
mod plans;
mod sections;
mod similarity;
mod warnings;

pub use inline::{INLINE_BUDGET, inline_diff, whole_tokens};
pub use model::*;
pub use warnings::{PairWarning, pair_warnings};

#[cfg(test)]
use super::check::Report;
use super::check::match_sections;
use super::document::{Document, ParagraphKind, years_with_nian};
use super::figures::Figure;
use super::spec::CompiledSpec;
use super::text::{fold_width, is_unsafe_for_display};
use figures::pair_figures;
use paragraphs::{align_paragraphs, summarise};
use plans::follow_up_plans;
use sections::align_sections;
use std::borrow::Cow;

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
    let mut key = String::new();
    push_comparison_key(&mut key, text, roll);
    key
}

/// [`comparison_key`] of `text`, added to the end of `out`.
fn push_comparison_key(out: &mut String, text: &str, roll: Option<(i32, i32)>) {
    let rolled = match roll {
        Some((old_year, shift)) if shift != 0 => Cow::Owned(roll_years(text, old_year, shift)),
        _ => Cow::Borrowed(text),
    };
    // A Markdown heading mark is layout, not text.
    let body = rolled.trim_start().trim_start_matches('#');
    // Runs of characters kept as they are copied as they are: a Chinese
    // ideograph (lead byte E4–E9) or a printable ASCII character is never
    // white space, unsafe or folded, and is not decoded.
    let bytes = body.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            0x21..=0x7e => i += 1,
            0xe4..=0xe9 => i += 3,
            _ => {
                let Some(c) = body[i..].chars().next() else {
                    break;
                };
                let next = i + c.len_utf8();
                let kept = !is_unsafe_for_display(c) && !c.is_whitespace() && c != '\u{3000}';
                let folded = fold_width(c);
                if !kept || folded != c {
                    out.push_str(&body[run..i]);
                    if kept {
                        out.push(folded);
                    }
                    run = next;
                }
                i = next;
            }
        }
    }
    out.push_str(&body[run..]);
}

/// The comparison keys of one side's paragraphs, one after another in one
/// string (a long report has tens of thousands of paragraphs: a string
/// each would cost half as much again as the keys). `keys[k]` is the `k`th.
pub(super) struct KeyList {
    text: String,
    /// Where each key ends (and the next starts).
    ends: Vec<usize>,
}

impl KeyList {
    /// The keys of paragraphs `ps` of `doc`, years rolled by `roll`.
    fn of(doc: &Document, ps: &[usize], roll: Option<(i32, i32)>) -> KeyList {
        let mut keys = KeyList {
            text: String::new(),
            ends: Vec::with_capacity(ps.len()),
        };
        for &p in ps {
            push_comparison_key(&mut keys.text, doc.paragraph_text(p), roll);
            keys.ends.push(keys.text.len());
        }
        keys.text.shrink_to_fit();
        keys
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

impl std::ops::Index<usize> for KeyList {
    type Output = str;

    fn index(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }
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

/// Compares last year's report with this year's; the figures are each
/// year's as checked ([`Report::figures`](super::check::Report), or
/// [`figures_of`](super::check::figures_of) when the checklist is not
/// wanted). The same as [`align`] and then [`Alignment::compare`].
pub fn compare(
    old: &Document,
    new: &Document,
    old_figures: &[Figure],
    new_figures: &[Figure],
    spec: &CompiledSpec,
    opts: &CompareOptions,
) -> Comparison {
    align(old, new, opts).compare(old, new, old_figures, new_figures, spec)
}

/// The first half of a comparison: the paragraphs aligned and counted.
/// Split from the rest so that a caller who has yet to work out the
/// figures can do it after the alignment's working memory (each
/// paragraph's comparison key and bigrams) is freed: `diff`'s peak of
/// memory is then the larger of the two halves, not their sum.
#[derive(Debug, Clone)]
pub struct Alignment {
    summary: Summary,
    paragraphs: Vec<ParaChange>,
    year_shift: i32,
}

/// Aligns the paragraphs of last year's report with this year's.
pub fn align(old: &Document, new: &Document, opts: &CompareOptions) -> Alignment {
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
    let summary = summarise(new, &inputs.old_ps, &inputs.new_ps, &paragraphs);
    Alignment {
        summary,
        paragraphs,
        year_shift: inputs.shift,
    }
}

impl Alignment {
    /// The comparison of the same two documents: sections, figures side by
    /// side, last year's plans followed up.
    pub fn compare(
        self,
        old: &Document,
        new: &Document,
        old_figures: &[Figure],
        new_figures: &[Figure],
        spec: &CompiledSpec,
    ) -> Comparison {
        // Which sections play which checklist item, once for both documents.
        let (old_roles, new_roles) = (match_sections(old, spec), match_sections(new, spec));
        let sections = align_sections(old, new, spec, &old_roles, &new_roles);
        let figures = pair_figures(old_figures, new_figures, &self.paragraphs);
        let plans = follow_up_plans(old, new, spec, &old_roles, &new_roles);
        Comparison {
            summary: self.summary,
            sections,
            paragraphs: self.paragraphs,
            figures,
            plans,
            year_shift: self.year_shift,
        }
    }
}

/// What the alignment works on: the paragraphs compared on each side, their
/// comparison keys (last year's with years rolled forward), the year shift.
struct Inputs {
    shift: i32,
    roll: Option<(i32, i32)>,
    old_ps: Vec<usize>,
    new_ps: Vec<usize>,
    old_keys: KeyList,
    new_keys: KeyList,
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
        let old_keys = KeyList::of(old, &old_ps, roll);
        let new_keys = KeyList::of(new, &new_ps, None);
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
    fn keys_keep_drop_and_fold_each_character_as_one_at_a_time_would() {
        // Every character there is, between ideographs and ASCII: the key
        // is the characters kept, folded, as a filter over them gives.
        let reference = |t: &str| -> String {
            t.chars()
                .filter(|&c| !is_unsafe_for_display(c) && !c.is_whitespace() && c != '\u{3000}')
                .map(fold_width)
                .collect()
        };
        let mut text = String::new();
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            text.push(c);
            text.push(if (c as u32).is_multiple_of(2) {
                '法'
            } else {
                'a'
            });
        }
        assert!(comparison_key(&text, None) == reference(&text));
        for t in [
            "",
            "法",
            "\u{3000}法\u{3000}",
            "ａ１，。\u{200b}\u{feff}年",
            "\u{85}\u{a0}x",
        ] {
            assert_eq!(comparison_key(t, None), reference(t), "{t:?}");
        }
    }

    #[test]
    fn keys_ignore_invisible_and_width_differences() {
        assert_eq!(
            comparison_key("调处纠纷１２件，\u{200b}成功", None),
            comparison_key("调处纠纷12件,成功", None)
        );
    }
}
