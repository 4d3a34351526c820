//! Paragraph alignment across the whole document: identical paragraphs
//! paired by hash in order, similar ones through an index of shared
//! bigrams, in place or moved by a longest increasing subsequence; then the
//! summary counts and the carried-over ratio.

use super::inline::inline_diff;
use super::model::{ParaChange, ParaStatus, SpanOp, Summary};
use super::similarity::{Bigram, dice, dice_of, hash_key};
use super::{CompareOptions, KeyList};
use crate::core::document::{Document, years_with_nian};
use rustc_hash::FxHashMap;

/// Paragraphs at least this similar pair up as changed or moved.
pub(super) const PAIR_THRESHOLD: f32 = 0.5;

/// A paired paragraph out of order counts as moved at this similarity.
pub(super) const MOVED_THRESHOLD: f32 = 0.85;

#[allow(clippy::too_many_arguments)]
pub(super) fn align_paragraphs(
    old: &Document,
    new: &Document,
    old_ps: &[usize],
    new_ps: &[usize],
    old_keys: &KeyList,
    new_keys: &KeyList,
    roll: Option<(i32, i32)>,
    opts: &CompareOptions,
) -> Vec<ParaChange> {
    let (n_old, n_new) = (old_ps.len(), new_ps.len());
    let oh: Vec<u64> = (0..old_keys.len())
        .map(|k| hash_key(&old_keys[k]))
        .collect();
    let nh: Vec<u64> = (0..new_keys.len())
        .map(|k| hash_key(&new_keys[k]))
        .collect();
    // 1. Identical paragraphs. Each new paragraph takes the first unused
    //    identical old one after the last one taken (so that runs of
    //    repeated text keep their order), else the first unused one. Which
    //    pairs are in place and which moved is decided in step 4. Linear in
    //    the number of paragraphs times the copies of one paragraph.
    let mut new_to_old: Vec<Option<usize>> = vec![None; n_new];
    let mut old_to_new: Vec<Option<usize>> = vec![None; n_old];
    let mut free_old: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, &h) in oh.iter().enumerate() {
        free_old.entry(h).or_default().push(i);
    }
    let mut last_old: Option<usize> = None;
    for j in 0..n_new {
        let Some(list) = free_old.get_mut(&nh[j]) else {
            continue;
        };
        let after = last_old.map_or(0, |l| list.partition_point(|&i| i <= l));
        let pos = list[after..]
            .iter()
            .position(|&i| old_keys[i] == new_keys[j])
            .map(|p| p + after)
            .or_else(|| {
                list[..after]
                    .iter()
                    .position(|&i| old_keys[i] == new_keys[j])
            });
        if let Some(pos) = pos {
            let i = list.remove(pos);
            new_to_old[j] = Some(i);
            old_to_new[i] = Some(j);
            last_old = Some(i);
        }
    }
    // 3. Similar paragraphs: candidates from an index of shared bigrams
    //    (bounded: very common bigrams are not indexed).
    // Bigrams of the paragraphs still unpaired only, kept by the two sides
    // for the merged and split paragraphs below (worked out once).
    let old_side = super::joined::Side::new(old, old_ps, old_keys);
    let new_side = super::joined::Side::new(new, new_ps, new_keys);
    let old_bg: Vec<&[Bigram]> = (0..n_old)
        .map(|i| {
            if old_to_new[i].is_none() {
                old_side.bigrams_of(i)
            } else {
                &[]
            }
        })
        .collect();
    let new_bg: Vec<&[Bigram]> = (0..n_new)
        .map(|j| {
            if new_to_old[j].is_none() {
                new_side.bigrams_of(j)
            } else {
                &[]
            }
        })
        .collect();
    let mut pairs = similar_pairs(&old_bg, &new_bg, PAIR_THRESHOLD);
    drop((old_bg, new_bg));
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut fuzzy: Vec<Option<(usize, f32)>> = vec![None; n_new];
    for (s, i, j) in pairs {
        if old_to_new[i].is_none() && new_to_old[j].is_none() {
            old_to_new[i] = Some(j);
            new_to_old[j] = Some(i);
            fuzzy[j] = Some((i, s));
        }
    }
    // 4. Which pairs keep their order: the longest increasing run of old
    //    indices along the new order is "in place"; the rest moved.
    let paired: Vec<(usize, usize)> = (0..n_new)
        .filter_map(|j| new_to_old[j].map(|i| (j, i)))
        .collect();
    let keep = longest_increasing(&paired.iter().map(|p| p.1).collect::<Vec<_>>());
    let mut ordered = vec![false; n_new];
    for k in keep {
        ordered[paired[k].0] = true;
    }
    // 5. Emit in reading order: walk the new document, putting each removed
    //    old paragraph after the last old paragraph placed so far.
    let mut out = Vec::with_capacity(n_old + n_new);
    let mut next_old = 0usize; // old paragraphs before this are emitted or paired
    let mut emitted_old = vec![false; n_old];
    let emit_removed_until =
        |limit: usize, out: &mut Vec<ParaChange>, next_old: &mut usize, emitted: &mut Vec<bool>| {
            while *next_old < limit {
                let i = *next_old;
                if old_to_new[i].is_none() && !emitted[i] {
                    emitted[i] = true;
                    out.push(ParaChange {
                        status: ParaStatus::Removed,
                        old: Some(old_ps[i]),
                        new: None,
                        old_more: Vec::new(),
                        new_more: Vec::new(),
                        similarity: 0.0,
                        year_rolled: false,
                        spans: Vec::new(),
                    });
                }
                *next_old += 1;
            }
        };
    for j in 0..n_new {
        let Some(i) = new_to_old[j] else {
            out.push(ParaChange {
                status: ParaStatus::Added,
                old: None,
                new: Some(new_ps[j]),
                old_more: Vec::new(),
                new_more: Vec::new(),
                similarity: 0.0,
                year_rolled: false,
                spans: Vec::new(),
            });
            continue;
        };
        if ordered[j] {
            emit_removed_until(i, &mut out, &mut next_old, &mut emitted_old);
        }
        emitted_old[i] = true;
        let (ot, nt) = (old.paragraph_text(old_ps[i]), new.paragraph_text(new_ps[j]));
        let exact = old_keys[i] == new_keys[j];
        // Equal only after rolling: some year of the old text was rolled.
        let year_rolled = exact
            && roll.is_some_and(|(y, shift)| {
                shift != 0 && years_with_nian(ot).any(|(yy, _)| (y - 1..=y + 1).contains(&yy))
            });
        let (status, similarity, spans) = if exact {
            let status = if ordered[j] {
                ParaStatus::Unchanged
            } else {
                ParaStatus::Moved
            };
            (status, 1.0, Vec::new())
        } else {
            let (spans, ratio) = inline_diff(ot, nt, opts.inline_budget);
            // Numbers and ASCII words whole in every redline (the contract):
            // never "385" for 35 → 38.
            let spans = super::inline::whole_tokens(&spans);
            let sim = fuzzy[j].map(|f| f.1).unwrap_or(ratio).max(ratio);
            let status = if !ordered[j] && sim >= MOVED_THRESHOLD {
                ParaStatus::Moved
            } else {
                ParaStatus::Changed
            };
            (status, ratio, spans)
        };
        out.push(ParaChange {
            status,
            old: Some(old_ps[i]),
            new: Some(new_ps[j]),
            old_more: Vec::new(),
            new_more: Vec::new(),
            similarity,
            year_rolled,
            spans,
        });
    }
    emit_removed_until(n_old, &mut out, &mut next_old, &mut emitted_old);
    super::joined::join_merged_and_split(out, &old_side, &new_side, opts)
}

/// Pairs `(dice, old, new)` of bigram sets at least `threshold` similar.
/// Empty sets take no part. Each new set is scored exactly against the eight
/// old sets sharing most bigrams with it, found through an index that leaves
/// out very common bigrams: the cost stays near-linear however many sets
/// there are, and unrelated inputs do not go quadratic.
pub(super) fn similar_pairs(
    old_bg: &[impl AsRef<[Bigram]>],
    new_bg: &[impl AsRef<[Bigram]>],
    threshold: f32,
) -> Vec<(f32, usize, usize)> {
    const COMMON_CAP: usize = 64;
    const BEST: usize = 8;
    // Which old sets hold each bigram: one list of set numbers, a run per
    // bigram (found through a hash of the bigram to its run), built in two
    // passes without a list of its own for each of thousands of bigrams.
    let occurrences: usize = old_bg.iter().map(|b| b.as_ref().len()).sum();
    let mut run_of: FxHashMap<Bigram, u32> = FxHashMap::default();
    let mut run_len: Vec<u32> = Vec::new();
    let mut run_at: Vec<u32> = Vec::with_capacity(occurrences);
    for bg in old_bg {
        for &b in bg.as_ref() {
            let r = *run_of.entry(b).or_insert_with(|| {
                run_len.push(0);
                (run_len.len() - 1) as u32
            });
            run_len[r as usize] += 1;
            run_at.push(r);
        }
    }
    let mut starts: Vec<usize> = Vec::with_capacity(run_len.len() + 1);
    let mut sum = 0;
    starts.push(0);
    for &n in &run_len {
        sum += n as usize;
        starts.push(sum);
    }
    // The runs filled in set order (each run's length counted again).
    run_len.fill(0);
    let mut sets = vec![0u32; occurrences];
    let mut at = run_at.iter();
    for (i, bg) in old_bg.iter().enumerate() {
        // The set's own bigrams first: `zip` then takes no run past them.
        for (_, &r) in bg.as_ref().iter().zip(at.by_ref()) {
            let r = r as usize;
            sets[starts[r] + run_len[r] as usize] = i as u32;
            run_len[r] += 1;
        }
    }
    let index = |b: &Bigram| -> Option<&[u32]> {
        let r = *run_of.get(b)? as usize;
        Some(&sets[starts[r]..starts[r + 1]])
    };
    let mut pairs = Vec::new();
    // Shared-bigram counts per old set, reset after each new one.
    let mut counts: Vec<u32> = vec![0; old_bg.len()];
    let mut touched: Vec<usize> = Vec::new();
    // The new set's bigrams left out of the counts (too common): a count
    // is short of what the sets share by those of them the old set holds.
    let mut capped: Vec<Bigram> = Vec::new();
    for (j, nb) in new_bg.iter().enumerate() {
        let nb = nb.as_ref();
        capped.clear();
        for b in nb {
            match index(b) {
                Some(list) if list.len() <= COMMON_CAP => {
                    for &i in list {
                        let i = i as usize;
                        if counts[i] == 0 {
                            touched.push(i);
                        }
                        counts[i] += 1;
                    }
                }
                Some(_) => capped.push(*b),
                None => {}
            }
        }
        let mut cands: Vec<(u32, usize)> = touched.iter().map(|&i| (counts[i], i)).collect();
        for &i in &touched {
            counts[i] = 0;
        }
        touched.clear();
        // The best few by shared bigrams, without sorting them all.
        if cands.len() > BEST {
            cands.select_nth_unstable_by(BEST - 1, |a, b| b.cmp(a));
            cands.truncate(BEST);
        }
        for &(shared, i) in &cands {
            let ob = old_bg[i].as_ref();
            // The exact count: the common bigrams looked up in the old set
            // when they are few, else the two sets merged (the same number
            // either way).
            let lookups = capped.len() * (usize::BITS - ob.len().leading_zeros()) as usize;
            let s = if capped.is_empty() {
                dice_of(shared as usize, ob.len(), nb.len())
            } else if lookups < ob.len() + nb.len() {
                let held = capped
                    .iter()
                    .filter(|b| ob.binary_search(b).is_ok())
                    .count();
                dice_of(shared as usize + held, ob.len(), nb.len())
            } else {
                dice(ob, nb)
            };
            if s >= threshold {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    pairs
}

/// Indices (into `v`) of a longest strictly increasing subsequence.
pub(super) fn longest_increasing(v: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // indices into v
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for (k, &x) in v.iter().enumerate() {
        let pos = tails.partition_point(|&t| v[t] < x);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.push(k);
        cur = prev[k];
    }
    out.reverse();
    out
}

pub(super) fn visible_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

pub(super) fn summarise(
    new: &Document,
    old_ps: &[usize],
    new_ps: &[usize],
    paragraphs: &[ParaChange],
) -> Summary {
    let mut s = Summary {
        paragraphs_old: old_ps.len(),
        paragraphs_new: new_ps.len(),
        ..Summary::default()
    };
    let mut carried = 0usize;
    let mut total = 0usize;
    for p in paragraphs {
        match p.status {
            ParaStatus::Unchanged => s.unchanged += 1,
            ParaStatus::Changed => s.changed += 1,
            ParaStatus::Added => s.added += 1,
            ParaStatus::Removed => s.removed += 1,
            ParaStatus::Moved => s.moved += 1,
            ParaStatus::Merged => s.merged += 1,
            ParaStatus::Split => s.split += 1,
        }
        if p.new.is_none() {
            continue;
        }
        let n: usize = p
            .new_all()
            .map(|np| visible_len(new.paragraph_text(np)))
            .sum();
        total += n;
        carried += match p.status {
            ParaStatus::Unchanged | ParaStatus::Moved if p.spans.is_empty() => n,
            ParaStatus::Changed | ParaStatus::Moved | ParaStatus::Merged | ParaStatus::Split => p
                .spans
                .iter()
                .filter(|sp| sp.op == SpanOp::Equal)
                .map(|sp| visible_len(&sp.text))
                .sum(),
            _ => 0,
        };
    }
    s.carried_over_ratio = if total == 0 {
        0.0
    } else {
        carried as f64 / total as f64
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_pairs_score_exactly_with_or_without_common_bigrams() {
        // Random sorted sets (a fixed seed); bigram 0 and bigrams 1000…1039
        // are in every old set (too common to index). Some new sets have
        // none of them, some bigram 0 alone (few to look up: each is
        // looked up in the old set), some all of them (many: the sets are
        // merged).
        let mut rng = crate::core::testing::Rng(0x9e37_79b9_7f4a_7c15);
        let mut set = |common: usize| {
            let n = 10 + rng.below(30);
            let mut v: Vec<Bigram> = (0..n).map(|_| 1 + rng.below(60) as Bigram).collect();
            if common > 0 {
                v.push(0);
            }
            if common > 1 {
                v.extend(1000..1040);
            }
            v.sort_unstable();
            v.dedup();
            v
        };
        let old: Vec<Vec<Bigram>> = (0..80).map(|_| set(2)).collect();
        let new: Vec<Vec<Bigram>> = (0..60).map(|k| set(k % 3)).collect();
        let pairs = similar_pairs(&old, &new, 0.3);
        for k in 0..3 {
            let of_kind = pairs.iter().filter(|p| p.2 % 3 == k).count();
            assert!(of_kind > 10, "{k}: {of_kind}");
        }
        for (s, i, j) in pairs {
            assert_eq!(s.to_bits(), dice(&old[i], &new[j]).to_bits(), "{i} {j}");
        }
    }

    #[test]
    fn longest_increasing_subsequence() {
        let v = [0, 5, 1, 2, 9, 3];
        let k = longest_increasing(&v);
        let vals: Vec<usize> = k.iter().map(|&i| v[i]).collect();
        assert_eq!(vals, [0, 1, 2, 3]);
    }

    use crate::core::compare::Fixture;

    /// (status, old paragraph text, new paragraph text) of each entry.
    fn aligned(old: &str, new: &str) -> Vec<(ParaStatus, String, String)> {
        let f = Fixture::new(old, new);
        f.paragraphs()
            .iter()
            .map(|p| {
                (
                    p.status,
                    p.old
                        .map_or(String::new(), |o| f.old.paragraph_text(o).to_owned()),
                    p.new
                        .map_or(String::new(), |n| f.new.paragraph_text(n).to_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn alignment_finds_unchanged_changed_moved_added_and_removed() {
        let old = "甲镇2023年度法治政府建设情况报告\n\n\
                   一、主要举措\n\n\
                   全镇调处矛盾纠纷286件，调解成功278件，调解成功率97.2%。\n\n\
                   组织领导干部学法4次，覆盖全体班子成员和中层干部。\n\n\
                   推进法律顾问全覆盖，镇政府和14个村（社区）均聘请了法律顾问。\n\n\
                   这一段去年有，今年删掉了，讲的是已经结束的一项专项整治活动。\n";
        let new = "甲镇2024年度法治政府建设情况报告\n\n\
                   一、主要举措\n\n\
                   推进法律顾问全覆盖，镇政府和14个村（社区）均聘请了法律顾问。\n\n\
                   全镇调处矛盾纠纷312件，调解成功301件，调解成功率96.5%。\n\n\
                   组织领导干部学法4次，覆盖全体班子成员和中层干部。\n\n\
                   新开展行政执法案卷评查，评查案卷58卷，发现问题逐一整改到位。\n";
        let a = aligned(old, new);
        let find = |needle: &str| {
            a.iter()
                .find(|(_, o, n)| o.contains(needle) || n.contains(needle))
                .map(|e| e.0)
                .unwrap_or_else(|| panic!("{needle} not aligned: {a:?}"))
        };
        // The title differs only by the year rolled forward.
        assert_eq!(find("法治政府建设情况报告"), ParaStatus::Unchanged);
        assert_eq!(find("调处矛盾纠纷"), ParaStatus::Changed);
        assert_eq!(find("法律顾问全覆盖"), ParaStatus::Moved);
        assert_eq!(find("已经结束的一项专项整治"), ParaStatus::Removed);
        assert_eq!(find("案卷评查"), ParaStatus::Added);
        // Every paragraph of both reports appears exactly once.
        let f = Fixture::new(old, new);
        let ps = f.paragraphs();
        let mut olds: Vec<usize> = ps.iter().flat_map(|p| p.old_all()).collect();
        let mut news: Vec<usize> = ps.iter().flat_map(|p| p.new_all()).collect();
        olds.sort_unstable();
        news.sort_unstable();
        assert_eq!(olds, crate::core::compare::compared_paragraphs(&f.old));
        assert_eq!(news, crate::core::compare::compared_paragraphs(&f.new));
    }

    /// The alignment of this year's paragraph about contracts.
    fn contract(f: &Fixture) -> ParaChange {
        f.paragraphs()
            .into_iter()
            .find(|p| {
                p.new
                    .is_some_and(|n| f.new.paragraph_text(n).contains("合同"))
            })
            .unwrap()
    }

    #[test]
    fn a_changed_paragraph_carries_its_spans_and_a_rolled_year_is_unchanged() {
        let old =
            "乙镇2023年度法治政府建设情况报告\n\n2023年，乙镇审核合同38份，比上年有所增加。\n";
        let new =
            "乙镇2024年度法治政府建设情况报告\n\n2024年，乙镇审核合同38份，比上年有所增加。\n";
        let f = Fixture::new(old, new);
        let body = contract(&f);
        assert_eq!(body.status, ParaStatus::Unchanged);
        assert!(body.year_rolled);
        let new =
            "乙镇2024年度法治政府建设情况报告\n\n2024年，乙镇审核合同45份，比上年有所增加。\n";
        let f = Fixture::new(old, new);
        let body = contract(&f);
        assert_eq!(body.status, ParaStatus::Changed);
        let inserted: String = body
            .spans
            .iter()
            .filter(|s| s.op == SpanOp::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            inserted.contains('4') && inserted.contains('5'),
            "{:?}",
            body.spans
        );
    }
}
