//! Paragraphs merged or split between the years. Last year's （四） and 四是
//! paragraphs written as one this year align as one `changed` pair and one
//! `removed` paragraph (or as one `added` and two `removed`), and the
//! figures in the removed one lose their redline. Here such neighbours are
//! joined: when the old paragraphs read together match the new one clearly
//! better than the first alone, the entry becomes `merged` (several old, one
//! new), and the other way round `split` (one old, several new), with the
//! inline diff against the joined text.
//!
//! Bounded: only the paragraphs next to each other (at most four joined),
//! and only entries near each other in the alignment are tried.

use super::inline::{inline_diff, whole_tokens};
use super::model::{ParaChange, ParaStatus};
use super::similarity::{Bigram, bigrams, dice, shares_at_least};
use super::{CompareOptions, KeyList};
use crate::core::document::Document;
use rustc_hash::FxHashMap;

/// The joined paragraphs must be at least this similar to the other side…
const JOINED_AT_LEAST: f32 = 0.6;
/// …and this much more similar than the single paragraph paired before.
const BETTER_BY: f32 = 0.1;
/// Each paragraph read as one must have at least this share of its
/// character pairs on the other side.
const EACH_FOUND: f32 = 0.6;
/// At most this many paragraphs read as one.
const MOST: usize = 4;
/// Entries of the alignment this far apart are tried together.
const WINDOW: usize = 6;

/// One side of the comparison: its paragraphs' indices and keys.
pub(super) struct Side<'a> {
    pub doc: &'a Document,
    pub ps: &'a [usize],
    pub keys: &'a KeyList,
    /// Each key's bigrams, worked out when first asked for.
    pub bg: Vec<std::cell::OnceCell<Vec<Bigram>>>,
}

impl<'a> Side<'a> {
    /// Position of document paragraph `p` among the compared ones.
    fn positions(&self) -> FxHashMap<usize, usize> {
        self.ps.iter().enumerate().map(|(k, &p)| (p, k)).collect()
    }

    /// A side of paragraphs `ps` with keys `keys`.
    pub fn new(doc: &'a Document, ps: &'a [usize], keys: &'a KeyList) -> Side<'a> {
        Side {
            doc,
            ps,
            keys,
            bg: (0..keys.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    /// The bigrams of the key at position `k`.
    pub(super) fn bigrams_of(&self, k: usize) -> &[Bigram] {
        self.bg[k].get_or_init(|| bigrams(&self.keys[k]))
    }

    /// The bigrams of positions `ks` read as one: each one's, and the pair
    /// across each join — without reading the texts again.
    fn joined_bigrams(&self, ks: &[usize]) -> Vec<Bigram> {
        let mut out: Vec<Bigram> = Vec::new();
        for &k in ks {
            out.extend_from_slice(self.bigrams_of(k));
        }
        for w in ks.windows(2) {
            let last = self.keys[w[0]]
                .chars()
                .rev()
                .find(|&c| super::similarity::is_word_char(c));
            let first = self.keys[w[1]]
                .chars()
                .find(|&c| super::similarity::is_word_char(c));
            if let (Some(a), Some(b)) = (last, first) {
                out.push(super::similarity::pair(a, b));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The texts of positions `ks` read as one.
    fn joined_text(&self, ks: &[usize]) -> String {
        ks.iter()
            .map(|&k| self.doc.paragraph_text(self.ps[k]))
            .collect()
    }
}

/// Which way paragraphs were joined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    /// Several old paragraphs into one new.
    Merge,
    /// One old paragraph into several new.
    Split,
}

/// Joins merged and split paragraphs in the alignment `out`.
pub(super) fn join_merged_and_split(
    out: Vec<ParaChange>,
    old: &Side,
    new: &Side,
    opts: &CompareOptions,
) -> Vec<ParaChange> {
    let (old_pos, new_pos) = (old.positions(), new.positions());
    let mut out: Vec<Option<ParaChange>> = out.into_iter().map(Some).collect();
    // Where each removed old / added new paragraph's entry is.
    let mut removed: FxHashMap<usize, usize> = FxHashMap::default();
    let mut added: FxHashMap<usize, usize> = FxHashMap::default();
    for (e, p) in out.iter().enumerate() {
        let Some(p) = p else { continue };
        match p.status {
            ParaStatus::Removed => {
                if let Some(&k) = p.old.and_then(|o| old_pos.get(&o)) {
                    removed.insert(k, e);
                }
            }
            ParaStatus::Added => {
                if let Some(&k) = p.new.and_then(|n| new_pos.get(&n)) {
                    added.insert(k, e);
                }
            }
            _ => {}
        }
    }
    for e in 0..out.len() {
        // What the entry is (not a copy of it: its spans can be long).
        let Some((status, old_k, new_k)) = out[e].as_ref().map(|p| {
            (
                p.status,
                p.old.and_then(|o| old_pos.get(&o).copied()),
                p.new.and_then(|n| new_pos.get(&n).copied()),
            )
        }) else {
            continue;
        };
        let tried =
            match (status, old_k, new_k) {
                // A pair whose neighbours on one side were left alone.
                (ParaStatus::Changed, Some(ok), Some(nk)) => {
                    let single = dice(old.bigrams_of(ok), new.bigrams_of(nk));
                    grow(ok, nk, single, old, new, &removed, e)
                        .map(|ks| (Way::Merge, ks, nk))
                        .or_else(|| {
                            grow(nk, ok, single, new, old, &added, e).map(|ks| (Way::Split, ks, ok))
                        })
                }
                // A new paragraph made of old ones that were all left alone.
                (ParaStatus::Added, None, Some(nk)) => {
                    first_of_run(nk, new, old, &near(&out, e, ParaStatus::Removed, &old_pos))
                        .and_then(|ok| {
                            grow(ok, nk, 0.0, old, new, &removed, e)
                                .filter(|ks| ks.len() >= 2)
                                .map(|ks| (Way::Merge, ks, nk))
                        })
                }
                // An old paragraph cut into new ones that were all left alone.
                (ParaStatus::Removed, Some(ok), None) => {
                    first_of_run(ok, old, new, &near(&out, e, ParaStatus::Added, &new_pos))
                        .and_then(|nk| {
                            grow(nk, ok, 0.0, new, old, &added, e)
                                .filter(|ks| ks.len() >= 2)
                                .map(|ks| (Way::Split, ks, ok))
                        })
                }
                _ => None,
            };
        let Some((way, ks, other)) = tried else {
            continue;
        };
        // The joined paragraphs' entries are taken into this one.
        let (many, one, taken) = match way {
            Way::Merge => (old, new, &mut removed),
            Way::Split => (new, old, &mut added),
        };
        for k in &ks {
            if let Some(at) = taken.remove(k)
                && at != e
            {
                out[at] = None;
            }
        }
        let joined = many.joined_text(&ks);
        let single = one.doc.paragraph_text(one.ps[other]);
        let (a, b) = match way {
            Way::Merge => (joined.as_str(), single),
            Way::Split => (single, joined.as_str()),
        };
        let (spans, ratio) = inline_diff(a, b, opts.inline_budget);
        let first = many.ps[ks[0]];
        let more: Vec<usize> = ks[1..].iter().map(|&k| many.ps[k]).collect();
        let other_p = one.ps[other];
        out[e] = Some(ParaChange {
            status: match way {
                Way::Merge => ParaStatus::Merged,
                Way::Split => ParaStatus::Split,
            },
            old: Some(if way == Way::Merge { first } else { other_p }),
            new: Some(if way == Way::Merge { other_p } else { first }),
            old_more: if way == Way::Merge {
                more.clone()
            } else {
                Vec::new()
            },
            new_more: if way == Way::Split { more } else { Vec::new() },
            similarity: ratio,
            year_rolled: false,
            spans: whole_tokens(&spans),
        });
        // The paragraph this entry had alone on its other side (a pair's
        // old or new) stays in it; nothing else changes.
        if status == ParaStatus::Added {
            added.remove(&other);
        }
        if status == ParaStatus::Removed {
            removed.remove(&other);
        }
    }
    // Exactly as long as it needs to be: it is kept to the end.
    let mut kept = Vec::with_capacity(out.iter().flatten().count());
    kept.extend(out.into_iter().flatten());
    kept
}

/// For an entry alone on one side at position `k`: the first position of a
/// run of left-alone paragraphs on the other side (`window`: their
/// positions, from entries near it in the alignment) whose first two read as
/// one resemble it.
fn first_of_run(k: usize, this: &Side, other: &Side, window: &[usize]) -> Option<usize> {
    let target = this.bigrams_of(k);
    let mut best: Option<(f32, usize)> = None;
    for &ok in window {
        if !window.contains(&(ok + 1)) {
            continue;
        }
        // Cheap tests first, without building the joined set: each of the
        // two must be found in the target for the most part (as `grow`
        // will require), which unrelated neighbours never are.
        let (a, b) = (other.bigrams_of(ok), other.bigrams_of(ok + 1));
        // (At least the least whole number of 0.4 of its bigrams.)
        let mostly =
            |x: &[Bigram]| shares_at_least(x, target, (0.4 * x.len() as f32).ceil() as usize);
        if !mostly(a) || !mostly(b) {
            continue;
        }
        let s = dice(&other.joined_bigrams(&[ok, ok + 1]), target);
        if s >= JOINED_AT_LEAST / 2.0 && best.is_none_or(|(b, bk)| s > b || (s == b && ok < bk)) {
            best = Some((s, ok));
        }
    }
    best.map(|(_, ok)| ok)
}

/// The positions of the paragraphs left alone (`status`: removed old or
/// added new ones) whose entries are within the window around entry `e`.
fn near(
    out: &[Option<ParaChange>],
    e: usize,
    status: ParaStatus,
    pos: &FxHashMap<usize, usize>,
) -> Vec<usize> {
    let lo = e.saturating_sub(WINDOW);
    let hi = (e + WINDOW + 1).min(out.len());
    out[lo..hi]
        .iter()
        .flatten()
        .filter(|p| p.status == status)
        .filter_map(|p| match status {
            ParaStatus::Removed => p.old,
            _ => p.new,
        })
        .filter_map(|p| pos.get(&p).copied())
        .collect()
}

/// Starting from position `start` of the many-paragraphs side paired with
/// position `one_k` of the other, adds left-alone neighbours (`free`) before
/// or after while the joined text grows more like the other side; the
/// positions read as one when that beats `single` clearly.
#[allow(clippy::too_many_arguments)]
fn grow(
    start: usize,
    one_k: usize,
    single: f32,
    many: &Side,
    one: &Side,
    free: &FxHashMap<usize, usize>,
    e: usize,
) -> Option<Vec<usize>> {
    let target = one.bigrams_of(one_k);
    let near = |k: usize| free.get(&k).is_some_and(|&at| at.abs_diff(e) <= WINDOW);
    let mut ks = vec![start];
    let mut score = dice(many.bigrams_of(start), target);
    while ks.len() < MOST {
        let last = ks[ks.len() - 1];
        let mut tries = Vec::new();
        if last + 1 < many.keys.len() && near(last + 1) {
            let mut t = ks.clone();
            t.push(last + 1);
            tries.push(t);
        }
        if ks[0] > 0 && near(ks[0] - 1) {
            let mut t = vec![ks[0] - 1];
            t.extend(&ks);
            tries.push(t);
        }
        let best = tries
            .into_iter()
            .map(|t| (dice(&many.joined_bigrams(&t), target), t))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match best {
            Some((s, t)) if s > score + 0.02 => {
                score = s;
                ks = t;
            }
            _ => break,
        }
    }
    if ks.len() < 2 || score < JOINED_AT_LEAST || score < single + BETTER_BY {
        return None;
    }
    // Each paragraph joined must be mostly found on the other side: a
    // neighbour about something else only shares the report's common words.
    // Figures are left out: they are what changes from year to year.
    // (Worked out last: most pairs have no neighbour to join.)
    let words = |k: &str| -> Vec<Bigram> { bigrams(&k.replace(|c: char| c.is_ascii_digit(), "")) };
    let target_words = words(&one.keys[one_k]);
    ks.iter()
        .all(|&k| found_in(&words(&many.keys[k]), &target_words) >= EACH_FOUND)
        .then_some(ks)
}

/// The share of `part`'s bigrams that are in `whole` (both sorted).
fn found_in(part: &[Bigram], whole: &[Bigram]) -> f32 {
    if part.is_empty() {
        return 0.0;
    }
    let n = part
        .iter()
        .filter(|b| whole.binary_search(b).is_ok())
        .count();
    n as f32 / part.len() as f32
}

#[cfg(test)]
mod tests {
    use super::super::Fixture;
    use super::super::model::ParaStatus;

    /// (status, old lines, new lines) of each entry that is not unchanged.
    fn entries(old: &str, new: &str) -> Vec<(ParaStatus, Vec<usize>, Vec<usize>)> {
        let f = Fixture::new(old, new);
        f.paragraphs()
            .iter()
            .filter(|p| p.status != ParaStatus::Unchanged)
            .map(|p| {
                (
                    p.status,
                    p.old_all().map(|i| f.old.paragraphs()[i].line).collect(),
                    p.new_all().map(|i| f.new.paragraphs()[i].line).collect(),
                )
            })
            .collect()
    }

    const OLD_HEAD: &str = "丙镇2023年度法治政府建设情况报告\n一、主要举措\n";
    const NEW_HEAD: &str = "丙镇2024年度法治政府建设情况报告\n一、主要举措\n";
    const A: &str = "（四）强化监督，依法化解矛盾纠纷。全年涉及镇政府的行政复议案件3宗，行政诉讼案件2宗，镇长出庭应诉2次。";
    const B: &str = "四是矛盾纠纷调解。镇村两级人民调解委员会共调处矛盾纠纷286件，调解成功278件，其中土地山林纠纷41件。";
    const C: &str = "（五）推进政务公开。主动公开政府信息215条，办理依申请公开4件，全部按期答复。";

    #[test]
    fn two_paragraphs_written_as_one_are_merged() {
        let old = format!("{OLD_HEAD}{A}\n{B}\n{C}\n");
        let joined = "（四）强化监督，依法化解矛盾纠纷。全年涉及镇政府的行政复议案件2宗，行政诉讼案件1宗，镇长出庭应诉1次。四是矛盾纠纷调解。镇村两级人民调解委员会共调处矛盾纠纷312件，调解成功301件。";
        let new = format!("{NEW_HEAD}{joined}\n{C}\n");
        let e = entries(&old, &new);
        assert_eq!(e, vec![(ParaStatus::Merged, vec![3, 4], vec![3])], "{e:?}");
    }

    #[test]
    fn one_paragraph_written_as_two_is_split() {
        let joined = format!("{A}{B}");
        let old = format!("{OLD_HEAD}{joined}\n{C}\n");
        let new = format!("{NEW_HEAD}{A}\n{B}\n{C}\n");
        let e = entries(&old, &new);
        assert_eq!(e, vec![(ParaStatus::Split, vec![3], vec![3, 4])], "{e:?}");
    }

    #[test]
    fn neighbours_that_do_not_belong_stay_apart() {
        // An edited paragraph beside a removed one about something else:
        // changed and removed, not merged.
        let a2 = A.replace("3宗", "2宗");
        let old = format!("{OLD_HEAD}{A}\n{B}\n{C}\n");
        let new = format!("{NEW_HEAD}{a2}\n{C}\n");
        let e = entries(&old, &new);
        assert!(
            e.contains(&(ParaStatus::Changed, vec![3], vec![3])),
            "{e:?}"
        );
        assert!(e.contains(&(ParaStatus::Removed, vec![4], vec![])), "{e:?}");
    }
}
