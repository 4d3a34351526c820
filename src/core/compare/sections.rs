//! Sections paired across the years: by the checklist item they play,
//! then by title.

use super::comparison_key;
use super::model::{SectionChange, SectionStatus};
use super::paragraphs::similar_pairs;
use super::similarity::{Bigram, bigrams};
use crate::core::check::ItemSections;
use crate::core::document::Document;
use crate::core::spec::CompiledSpec;
use rustc_hash::{FxHashMap, FxHashSet};

pub(super) fn align_sections(
    old: &Document,
    new: &Document,
    spec: &CompiledSpec,
    old_roles: &ItemSections,
    new_roles: &ItemSections,
) -> Vec<SectionChange> {
    let top = |d: &Document| -> Vec<usize> {
        (0..d.headings().len())
            .filter(|&h| d.headings()[h].level <= 2)
            .collect()
    };
    let (old_h, new_h) = (top(old), top(new));
    let mut old_pair: FxHashMap<usize, (usize, Option<String>)> = FxHashMap::default();
    let mut new_taken: FxHashSet<usize> = FxHashSet::default();
    // By role first.
    for (ii, item) in spec.spec.items.iter().enumerate() {
        if let (Some(&o), Some(&n)) = (old_roles[ii].first(), new_roles[ii].first())
            && !old_pair.contains_key(&o)
            && !new_taken.contains(&n)
        {
            old_pair.insert(o, (n, Some(item.id.clone())));
            new_taken.insert(n);
        }
    }
    // Then by title similarity (same level), best pairs first.
    let key = |d: &Document, h: usize, roll: Option<(i32, i32)>| {
        bigrams(&comparison_key(d.heading_title(h), roll))
    };
    let roll = old.year().zip(new.year()).map(|(a, b)| (a, b - a));
    // Unpaired headings of the same level, by title similarity.
    let old_free: Vec<usize> = old_h
        .iter()
        .copied()
        .filter(|o| !old_pair.contains_key(o))
        .collect();
    let new_free: Vec<usize> = new_h
        .iter()
        .copied()
        .filter(|n| !new_taken.contains(n))
        .collect();
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    for level in 1..=2u8 {
        let os: Vec<usize> = old_free
            .iter()
            .copied()
            .filter(|&o| old.headings()[o].level == level)
            .collect();
        let ns: Vec<usize> = new_free
            .iter()
            .copied()
            .filter(|&n| new.headings()[n].level == level)
            .collect();
        let ob: Vec<Vec<Bigram>> = os.iter().map(|&o| key(old, o, roll)).collect();
        let nb: Vec<Vec<Bigram>> = ns.iter().map(|&n| key(new, n, None)).collect();
        cands.extend(
            similar_pairs(&ob, &nb, 0.5)
                .into_iter()
                .map(|(s, i, j)| (s, os[i], ns[j])),
        );
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in cands {
        if !old_pair.contains_key(&o) && !new_taken.contains(&n) {
            old_pair.insert(o, (n, None));
            new_taken.insert(n);
        }
    }
    let new_to_old: FxHashMap<usize, (usize, Option<String>)> = old_pair
        .iter()
        .map(|(&o, (n, r))| (*n, (o, r.clone())))
        .collect();
    let mut out = Vec::new();
    let mut old_cursor = 0usize;
    for &n in &new_h {
        if let Some((o, role)) = new_to_old.get(&n) {
            // Removed old sections before this one.
            while old_cursor < old_h.len() && old_h[old_cursor] <= *o {
                let oh = old_h[old_cursor];
                if !old_pair.contains_key(&oh) {
                    out.push(SectionChange {
                        old: Some(oh),
                        new: None,
                        status: SectionStatus::Removed,
                        role: None,
                    });
                }
                old_cursor += 1;
            }
            let same = comparison_key(old.heading_title(*o), roll)
                == comparison_key(new.heading_title(n), None);
            out.push(SectionChange {
                old: Some(*o),
                new: Some(n),
                status: if same {
                    SectionStatus::Matched
                } else {
                    SectionStatus::Renamed
                },
                role: role.clone(),
            });
        } else {
            out.push(SectionChange {
                old: None,
                new: Some(n),
                status: SectionStatus::Added,
                role: None,
            });
        }
    }
    for &oh in &old_h[old_cursor.min(old_h.len())..] {
        if !old_pair.contains_key(&oh) {
            out.push(SectionChange {
                old: Some(oh),
                new: None,
                status: SectionStatus::Removed,
                role: None,
            });
        }
    }
    out
}
