//! Figures side by side: each of this year's figures paired with last
//! year's by unit, metric, context and the paragraph alignment.

use super::figure_keys::Keys;
#[cfg(test)]
use super::figure_keys::figure_key;
use super::model::{FigureChange, FigurePair, ParaChange};
use super::similarity::{Bigram, dice, dice_of};
use crate::core::figures::Figure;
use rustc_hash::FxHashMap;

/// A candidate pair offered to the heap of [`pair_figures`]: the heap's
/// greatest is the best score, then this year's figure first in text
/// order, then last year's.
#[derive(Debug, Clone, Copy)]
struct Offer {
    s: f32,
    j: u32,
    i: u32,
}

impl Ord for Offer {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.s
            .total_cmp(&other.s)
            .then(other.j.cmp(&self.j))
            .then(other.i.cmp(&self.i))
    }
}

impl PartialOrd for Offer {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Offer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Offer {}

/// The most bigrams in a key whose likeness to another key, short of the
/// same, is sure to score below [`pair_figures`]'s best for a figure
/// outside the aligned paragraphs: that likeness is at most
/// 1 − 1 / (2 × `HUGE_KEY` + 1), which stays below the best when 0.3 is
/// added in `f32` (a larger key's may round to it).
const HUGE_KEY: usize = 1 << 19;

/// Unit, metric, target or result, and context words of a figure.
pub(super) type ContextKey<'a> = (&'a str, Option<usize>, bool, &'a [Bigram]);

/// The figures that may pair with each other: same unit, metric, and
/// target or result.
type BucketKey<'a> = (&'a str, Option<usize>, bool);

/// Where each bigram occurs among a bucket's keys (by place in the bucket).
type Postings = FxHashMap<Bigram, Vec<u16>>;

/// Buffers of [`pair_figures`]'s scoring, reused from one figure to the
/// next.
#[derive(Default)]
struct Scratch {
    /// The candidates of a large bucket.
    few: Vec<usize>,
    /// Bigrams shared with each figure of a bucket (by place).
    counts: Vec<u32>,
}

pub(super) fn pair_figures(
    of: &[Figure],
    nf: &[Figure],
    paragraphs: &[ParaChange],
) -> Vec<FigurePair> {
    // Each new paragraph's aligned old ones (several when merged or split).
    let mut para_pair: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for p in paragraphs.iter().filter(|p| p.old.is_some()) {
        for n in p.new_all() {
            para_pair.entry(n).or_default().extend(p.old_all());
        }
    }
    // Each of this year's figures' aligned old paragraphs, looked up once
    // (not once per candidate scored).
    let aligned_of: Vec<&[usize]> = nf
        .iter()
        .map(|f| para_pair.get(&f.paragraph).map_or(&[][..], Vec::as_slice))
        .collect();
    // Last year's figures' paragraph and value side by side: scoring reads
    // them for every candidate.
    let old_at: Vec<(usize, f64)> = of.iter().map(|f| (f.paragraph, f.value)).collect();
    let (ok, nk) = (Keys::of(of), Keys::of(nf));
    // Candidates share unit and metric; scored by context similarity, with a
    // bonus when their paragraphs are aligned.
    // A target (in the plans) pairs only with a target: never a result
    // compared with last year's plan as if both were results.
    let mut by_unit: FxHashMap<BucketKey, Vec<usize>> = FxHashMap::default();
    for (i, f) in of.iter().enumerate() {
        by_unit
            .entry((&f.unit, f.metric, f.target))
            .or_default()
            .push(i);
    }
    // The place of each figure among its paragraph's figures.
    let ordinals = |fs: &[Figure]| -> Vec<usize> {
        let mut out = Vec::with_capacity(fs.len());
        for (k, f) in fs.iter().enumerate() {
            let same = k > 0 && fs[k - 1].paragraph == f.paragraph;
            out.push(if same { out[k - 1] + 1 } else { 0 });
        }
        out
    };
    let (ordinal, new_ordinal) = (ordinals(of), ordinals(nf));
    // Bounded work on huge reports: a large bucket of same-unit figures is
    // not scanned whole; only the aligned paragraph's figures and figures
    // with the very same context words are candidates.
    const SCAN_ALL_UP_TO: usize = 256;
    // Last year's figures by paragraph, then bucket (a number each), then
    // text order: an aligned paragraph's figures of one bucket are one run,
    // found by binary search, with no look at its figures of other units
    // (a paragraph may hold thousands). One allocation, not a list each.
    let bucket_no: FxHashMap<BucketKey, u32> = by_unit
        .keys()
        .enumerate()
        .map(|(n, k)| (*k, n as u32))
        .collect();
    let mut by_para: Vec<(usize, u32, u32)> = of
        .iter()
        .enumerate()
        .map(|(i, f)| {
            (
                f.paragraph,
                bucket_no[&(&*f.unit, f.metric, f.target)],
                i as u32,
            )
        })
        .collect();
    by_para.sort_unstable();
    // The figures of bucket `b` in old paragraph `p`.
    let in_para = |p: usize, b: u32| -> &[(usize, u32, u32)] {
        let from = by_para.partition_point(|x| (x.0, x.1) < (p, b));
        let len = by_para[from..].partition_point(|x| (x.0, x.1) == (p, b));
        &by_para[from..from + len]
    };
    let new_bucket: Vec<Option<u32>> = nf
        .iter()
        .map(|f| bucket_no.get(&(&*f.unit, f.metric, f.target)).copied())
        .collect();
    let mut by_context: FxHashMap<ContextKey, Vec<usize>> = FxHashMap::default();
    for (i, f) in of.iter().enumerate() {
        by_context
            .entry((&f.unit, f.metric, f.target, ok.get(i)))
            .or_default()
            .push(i);
    }
    // In each bucket scanned whole, which of its figures' keys hold each
    // bigram (by place in the bucket), and each figure's place: a figure
    // of this year is compared only with those sharing a bigram with it
    // (how many they share is their similarity's numerator), not merged
    // with every key of the bucket.
    let mut postings: FxHashMap<BucketKey, Postings> = FxHashMap::default();
    let mut place = vec![0u16; of.len()];
    for (key, bucket) in &by_unit {
        if bucket.len() > SCAN_ALL_UP_TO {
            continue;
        }
        let mut m = Postings::default();
        for (at, &i) in bucket.iter().enumerate() {
            place[i] = at as u16;
            for &b in ok.get(i) {
                m.entry(b).or_default().push(at as u16);
            }
        }
        postings.insert(*key, m);
    }
    // The score of last year's figure `i` for this year's `j` whose naming
    // words are `d` alike.
    let score_of = |i: usize, j: usize, d: f32| -> f32 {
        let f = &nf[j];
        let (old_paragraph, old_value) = old_at[i];
        let mut s = d;
        // In paragraphs aligned with each other, a figure of the same
        // metric and unit is probably the same figure, reworded or not:
        // that outweighs a look-alike elsewhere; the same place among
        // the paragraph's figures breaks ties. Not when their naming
        // words share little or nothing (已有6个村 and 剩余3个村 count
        // different villages; 土地山林纠纷 and 线上受理纠纷 share only
        // what is counted).
        let unnamed = ok.get(i).len() <= 2 && nk.get(j).len() <= 2;
        if aligned_of[j].contains(&old_paragraph) && (s >= 0.3 || unnamed) {
            s += if f.metric.is_some() { 1.0 } else { 0.8 };
            if ordinal[i] == new_ordinal[j] {
                s += 0.2;
            }
        }
        // Between candidates alike in words and place, the one with the
        // same value is the same figure, unchanged (9个村 both years).
        if s >= 0.5 && old_value == f.value {
            s += 0.3;
        }
        s
    };
    // No figure outside the aligned paragraphs scores more than this (the
    // most alike words and the same value).
    const UNALIGNED_BEST: f32 = 1.0 + 0.3;
    // The candidates of this year's figure `j` that score at least as much
    // as any figure outside its aligned paragraphs can: those paragraphs'
    // figures of its bucket that do, and the figures of the very same
    // naming words and value (the only others that can: their words are
    // alike through and through), found with no look at the rest of the
    // bucket. Exactly the first of [`score_all`]'s candidates, in its
    // order (once sorted; a figure may come twice).
    let score_best = |j: usize, out: &mut Vec<(f32, u32)>| {
        out.clear();
        let Some(b) = new_bucket[j] else {
            return;
        };
        let (f, nkj) = (&nf[j], nk.get(j));
        for &p in aligned_of[j] {
            for &(_, _, i) in in_para(p, b) {
                let i = i as usize;
                let s = score_of(i, j, dice(ok.get(i), nkj));
                if s >= UNALIGNED_BEST {
                    out.push((s, i as u32));
                }
            }
        }
        // An empty key is like no other (`dice`). A key of more than
        // `HUGE_KEY` bigrams (a clause of hundreds of thousands of
        // characters) might be alike enough to another, though not the
        // same, for its score to round to the best: left to `score_all`.
        if nkj.is_empty() || nkj.len() > HUGE_KEY {
            return;
        }
        if let Some(same) = by_context.get(&(&*f.unit, f.metric, f.target, nkj)) {
            // As many as `score_all` takes of them in a large bucket (a
            // small one has no more).
            for &i in same.iter().take(SCAN_ALL_UP_TO) {
                let s = score_of(i, j, 1.0);
                if s >= UNALIGNED_BEST {
                    out.push((s, i as u32));
                }
            }
        }
    };
    // Every candidate of this year's figure `j`: (score, last year's
    // figure), scores of 0.5 and more.
    let score_all = |j: usize, scratch: &mut Scratch, out: &mut Vec<(f32, u32)>| {
        out.clear();
        let f = &nf[j];
        let key = (&*f.unit, f.metric, f.target);
        let Some(bucket) = by_unit.get(&key) else {
            return;
        };
        let aligned = aligned_of[j];
        let score = |i: usize, d: f32, out: &mut Vec<(f32, u32)>| {
            let s = score_of(i, j, d);
            if s >= 0.5 {
                out.push((s, i as u32));
            }
        };
        if let Some(post) = postings.get(&key) {
            // Shared bigrams counted through the postings: the same
            // similarity as `dice`, for those sharing any.
            // Counted first, then read in the bucket's order: a bucket is
            // at most a few hundred figures, fewer than the postings read.
            let counts = &mut scratch.counts;
            counts.clear();
            counts.resize(bucket.len(), 0);
            let nb = nk.get(j);
            for b in nb {
                if let Some(at) = post.get(b) {
                    for &at in at {
                        counts[usize::from(at)] += 1;
                    }
                }
            }
            for (at, &n) in counts.iter().enumerate() {
                if n != 0 {
                    let i = bucket[at];
                    let d = dice_of(n as usize, ok.get(i).len(), nb.len());
                    score(i, d, out);
                }
            }
            // Sharing none, a figure can only be an unnamed one of an
            // aligned paragraph.
            if nb.len() <= 2 {
                for &p in aligned {
                    for &(_, _, i) in new_bucket[j].map_or(&[][..], |b| in_para(p, b)) {
                        let i = i as usize;
                        let at = usize::from(place[i]);
                        if counts[at] == 0 {
                            // Once, however often its paragraph is named.
                            counts[at] = u32::MAX;
                            score(i, 0.0, out);
                        }
                    }
                }
            }
            return;
        }
        let list: &[usize] = {
            let few = &mut scratch.few;
            few.clear();
            for &p in aligned {
                if let Some(b) = new_bucket[j] {
                    few.extend(in_para(p, b).iter().map(|x| x.2 as usize));
                }
            }
            if let Some(same) = by_context.get(&(&*f.unit, f.metric, f.target, nk.get(j))) {
                few.extend(same.iter().copied().take(SCAN_ALL_UP_TO));
            }
            few.sort_unstable();
            few.dedup();
            few
        };
        for &i in list.iter() {
            // Those of the same words (most of them) are alike without
            // merging their keys.
            let (a, b) = (ok.get(i), nk.get(j));
            let d = if a == b && !a.is_empty() {
                1.0
            } else {
                dice(a, b)
            };
            score(i, d, out);
        }
    };
    // Pairs are taken best first over all candidates — among equals this
    // year's figure, then last year's, in text order — each figure paired
    // once. Rather than sorting every candidate (a pair of reports that
    // repeat themselves has millions: most of `diff`'s memory), each of
    // this year's figures offers its best candidates a few at a time and a
    // heap takes the best offer; a figure whose offers were all taken
    // works out its next ones. The same pairs, in bounded memory.
    const OFFERS: usize = 16;
    let mut offers: Vec<Vec<(f32, u32)>> = vec![Vec::new(); nf.len()];
    // The last offer taken from each (later ones come after it in order),
    // and whether its offers are all there is.
    let mut last: Vec<Option<(f32, u32)>> = vec![None; nf.len()];
    let mut complete = vec![false; nf.len()];
    // Whether a figure has offered all of its best candidates
    // (`score_best`): most figures of a report are paired from those
    // alone, without scoring their whole bucket.
    let mut best_done = vec![false; nf.len()];
    let mut old_used = vec![false; of.len()];
    let mut new_pair: Vec<Option<usize>> = vec![None; nf.len()];
    let mut scratch = Scratch::default();
    let mut all: Vec<(f32, u32)> = Vec::new();
    // A figure's own order: best first, then last year's in text order.
    let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let mut offer = |j: usize,
                     offers: &mut Vec<Vec<(f32, u32)>>,
                     last: &[Option<(f32, u32)>],
                     complete: &mut [bool],
                     old_used: &[bool]| {
        if !best_done[j] {
            score_best(j, &mut all);
            all.retain(|c| !old_used[c.1 as usize] && last[j].is_none_or(|l| order(&l, c).is_lt()));
            if !all.is_empty() {
                all.sort_unstable_by(order);
                // A paragraph named twice among the aligned ones, or a
                // figure of the same words in one of them.
                all.dedup_by_key(|c| c.1);
                // The best few, like any offer; the next ones from here
                // again while there are more.
                if all.len() > OFFERS {
                    all.truncate(OFFERS);
                } else {
                    best_done[j] = true;
                }
                offers[j].clear();
                offers[j].extend(all.iter().rev());
                return;
            }
            best_done[j] = true;
        }
        score_all(j, &mut scratch, &mut all);
        all.retain(|c| !old_used[c.1 as usize] && last[j].is_none_or(|l| order(&l, c).is_lt()));
        if all.len() > OFFERS {
            all.select_nth_unstable_by(OFFERS - 1, order);
            all.truncate(OFFERS);
        } else {
            complete[j] = true;
        }
        all.sort_unstable_by(order);
        // Taken from the end.
        offers[j].clear();
        offers[j].extend(all.iter().rev());
    };
    let mut heap = std::collections::BinaryHeap::new();
    for j in 0..nf.len() {
        offer(j, &mut offers, &last, &mut complete, &old_used);
        if let Some(&(s, i)) = offers[j].last() {
            heap.push(Offer { s, j: j as u32, i });
        }
    }
    while let Some(Offer { s, j, i }) = heap.pop() {
        let (j, iu) = (j as usize, i as usize);
        offers[j].pop();
        last[j] = Some((s, i));
        if !old_used[iu] {
            old_used[iu] = true;
            new_pair[j] = Some(iu);
            continue;
        }
        if offers[j].is_empty() && !complete[j] {
            offer(j, &mut offers, &last, &mut complete, &old_used);
        }
        if let Some(&(s, i)) = offers[j].last() {
            heap.push(Offer { s, j: j as u32, i });
        }
    }
    let mut out = Vec::with_capacity(of.len() + nf.len());
    for (j, f) in nf.iter().enumerate() {
        let change = match new_pair[j] {
            None => FigureChange::New,
            Some(i) => match f.value.total_cmp(&of[i].value) {
                std::cmp::Ordering::Greater => FigureChange::Up,
                std::cmp::Ordering::Less => FigureChange::Down,
                std::cmp::Ordering::Equal => FigureChange::Same,
            },
        };
        out.push(FigurePair {
            old: new_pair[j],
            new: Some(j),
            change,
        });
    }
    for (i, used) in old_used.iter().enumerate() {
        if !used {
            out.push(FigurePair {
                old: Some(i),
                new: None,
                change: FigureChange::Dropped,
            });
        }
    }
    out
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
