//! Which headings are each item's sections: a heading's title against
//! the item's heading matcher, at the first level (in the matcher's order
//! of preference) where any matches. In a check with a memo, whether a
//! title matches is kept per heading paragraph.

use super::ItemSections;
use super::memo::Reuse;
use crate::core::document::{Document, Heading};
use crate::core::spec::{CompiledMatcher, CompiledSpec, ItemKind};

/// For every item with a heading matcher: the headings it matches, at the
/// first level (in the matcher's order of preference) where any does.
pub fn match_sections(doc: &Document, spec: &CompiledSpec) -> ItemSections {
    let text = doc.matching_text();
    sections_by(doc, spec, |_, h, hm| hm.is_match(&text[h.title.clone()]))
}

/// [`match_sections`], whether a heading's title matches an item's
/// matcher kept in the check's memo (a heading's title is its paragraph's
/// alone).
pub(super) fn match_sections_reusing(
    doc: &Document,
    spec: &CompiledSpec,
    reuse: &mut Reuse,
) -> ItemSections {
    if !reuse.has_memo() {
        return match_sections(doc, spec);
    }
    let text = doc.matching_text();
    let items = spec.spec.items.len();
    sections_by(doc, spec, |ii, h, hm| {
        let start = doc.paragraphs()[h.paragraph].range.start;
        reuse.heading_match(h.paragraph, h.title.start - start, ii, items, || {
            hm.is_match(&text[h.title.clone()])
        })
    })
}

/// The sections of each item, a heading's title tested against item
/// `ii`'s heading matcher by `title_matches(ii, heading, matcher)`.
fn sections_by(
    doc: &Document,
    spec: &CompiledSpec,
    mut title_matches: impl FnMut(usize, &Heading, &CompiledMatcher) -> bool,
) -> ItemSections {
    spec.item_matchers
        .iter()
        .zip(&spec.spec.items)
        .enumerate()
        .map(|(ii, (m, item))| {
            let Some(hm) = m.heading.as_ref() else {
                return Vec::new();
            };
            // Statements take headings at any level as evidence, not as sections.
            if item.kind != ItemKind::Section {
                return Vec::new();
            }
            let mut matches = |level: Option<u8>| -> Vec<usize> {
                doc.headings()
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        level.is_none_or(|l| h.level == l) && hm.accepts_level(h.level)
                    })
                    .filter(|(_, h)| title_matches(ii, h, hm))
                    .map(|(i, _)| i)
                    .collect()
            };
            if hm.levels.is_empty() {
                return matches(None);
            }
            hm.levels
                .iter()
                .map(|&l| matches(Some(l)))
                .find(|v| !v.is_empty())
                .unwrap_or_default()
        })
        .collect()
}
