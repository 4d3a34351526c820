//! Year-over-year comparison: sections aligned by role and title, paragraphs
//! aligned across the whole document (unchanged, changed, moved, added,
//! removed) with character-level inline diffs, figures side by side, and last
//! year's plans checked against this year's report.
//!
//! Pure: the only outside input is an optional deadline, passed by the caller,
//! that bounds the diff algorithm on pathological inputs.

use super::check::{ItemSections, Report, match_sections};
use super::document::{Document, ParagraphKind, years_with_nian};
use super::figures::Figure;
use super::outline::enumeration_items;
use super::spec::CompiledSpec;
use super::text::{fold_width, is_unsafe_for_display};
use rustc_hash::{FxHashMap, FxHashSet};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::ops::Range;
use std::time::Instant;

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

/// Options of a comparison.
#[derive(Debug, Clone, Copy, Default)]
pub struct CompareOptions {
    /// Stop refining diffs after this instant (results stay correct, only
    /// less minimal). `None`: no limit.
    pub deadline: Option<Instant>,
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
    let shift = match (old.year(), new.year()) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    };
    let roll = old.year().map(|y| (y, shift));
    let old_ps = compared_paragraphs(old);
    let new_ps = compared_paragraphs(new);
    let old_keys: Vec<String> = old_ps
        .iter()
        .map(|&p| comparison_key(old.paragraph_text(p), roll))
        .collect();
    let new_keys: Vec<String> = new_ps
        .iter()
        .map(|&p| comparison_key(new.paragraph_text(p), None))
        .collect();
    let paragraphs = align_paragraphs(old, new, &old_ps, &new_ps, &old_keys, &new_keys, roll, opts);
    let summary = summarise(new, &old_ps, &new_ps, &paragraphs, &new_keys);
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
        year_shift: shift,
    }
}

fn hash_key(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Character bigrams of the letters and ideographs of `s` (for similarity).
fn bigrams(s: &str) -> Vec<u64> {
    let chars: Vec<char> = s.chars().filter(|&c| is_word_char(c)).collect();
    let mut v: Vec<u64> = chars
        .windows(2)
        .map(|w| (w[0] as u64) << 32 | w[1] as u64)
        .collect();
    if v.is_empty() && chars.len() == 1 {
        v.push(chars[0] as u64);
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Letters, digits and ideographs (a fast path for the common cases).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let cp = c as u32;
    (0x4E00..=0x9FFF).contains(&cp)
        || (0x3400..=0x4DBF).contains(&cp)
        || (!(0x3000..=0x303F).contains(&cp)
            && !(0xFF00..=0xFF0F).contains(&cp)
            && c.is_alphanumeric())
}

/// Dice coefficient of two sorted bigram sets.
fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Paragraphs at least this similar pair up as changed or moved.
const PAIR_THRESHOLD: f32 = 0.5;
/// A paired paragraph out of order counts as moved at this similarity.
const MOVED_THRESHOLD: f32 = 0.85;

#[allow(clippy::too_many_arguments)]
fn align_paragraphs(
    old: &Document,
    new: &Document,
    old_ps: &[usize],
    new_ps: &[usize],
    old_keys: &[String],
    new_keys: &[String],
    roll: Option<(i32, i32)>,
    opts: &CompareOptions,
) -> Vec<ParaChange> {
    let (n_old, n_new) = (old_ps.len(), new_ps.len());
    let oh: Vec<u64> = old_keys.iter().map(|k| hash_key(k)).collect();
    let nh: Vec<u64> = new_keys.iter().map(|k| hash_key(k)).collect();
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
    // Bigrams of the paragraphs still unpaired only.
    let old_bg: Vec<Vec<u64>> = (0..n_old)
        .map(|i| {
            if old_to_new[i].is_none() {
                bigrams(&old_keys[i])
            } else {
                Vec::new()
            }
        })
        .collect();
    let new_bg: Vec<Vec<u64>> = (0..n_new)
        .map(|j| {
            if new_to_old[j].is_none() {
                bigrams(&new_keys[j])
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut pairs = similar_pairs(&old_bg, &new_bg, PAIR_THRESHOLD);
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
            let (spans, ratio) = inline_diff(ot, nt, opts.deadline);
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
            similarity,
            year_rolled,
            spans,
        });
    }
    emit_removed_until(n_old, &mut out, &mut next_old, &mut emitted_old);
    out
}

/// Pairs `(dice, old, new)` of bigram sets at least `threshold` similar.
/// Empty sets take no part. Each new set is scored exactly against the eight
/// old sets sharing most bigrams with it, found through an index that leaves
/// out very common bigrams: the cost stays near-linear however many sets
/// there are, and unrelated inputs do not go quadratic.
fn similar_pairs(
    old_bg: &[Vec<u64>],
    new_bg: &[Vec<u64>],
    threshold: f32,
) -> Vec<(f32, usize, usize)> {
    const COMMON_CAP: usize = 64;
    const BEST: usize = 8;
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, bg) in old_bg.iter().enumerate() {
        for &b in bg {
            index.entry(b).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    // Shared-bigram counts per old set, reset after each new one.
    let mut counts: Vec<u32> = vec![0; old_bg.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (j, nb) in new_bg.iter().enumerate() {
        for b in nb {
            if let Some(list) = index.get(b)
                && list.len() <= COMMON_CAP
            {
                for &i in list {
                    if counts[i] == 0 {
                        touched.push(i);
                    }
                    counts[i] += 1;
                }
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
        for &(_, i) in &cands {
            let s = dice(&old_bg[i], nb);
            if s >= threshold {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    pairs
}

/// Indices (into `v`) of a longest strictly increasing subsequence.
fn longest_increasing(v: &[usize]) -> Vec<usize> {
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

/// A character-level diff of two paragraphs, merged into spans, and its
/// similarity ratio. Patience over characters: on edited Chinese text it
/// gives near-minimal scripts (Myers over characters does not), and
/// characters, not words, are the unit (Chinese has no spaces).
pub fn inline_diff(old: &str, new: &str, deadline: Option<Instant>) -> (Vec<Span>, f32) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    // Common prefix and suffix first: most edits touch a few places of a
    // long paragraph, and the diff then only runs on the middle.
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut ops = Vec::with_capacity(8);
    if pre > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: pre,
        });
    }
    for op in capture_diff_slices_deadline(Algorithm::Patience, am, bm, deadline) {
        ops.push(shift_op(op, pre));
    }
    if suf > 0 {
        ops.push(DiffOp::Equal {
            old_index: a.len() - suf,
            new_index: b.len() - suf,
            len: suf,
        });
    }
    let ratio = similar::get_diff_ratio(&ops, a.len(), b.len());
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |op: SpanOp, text: String| {
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => spans.push(Span { op, text }),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => push(
                SpanOp::Equal,
                a[old_index..old_index + len].iter().collect(),
            ),
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(
                SpanOp::Delete,
                a[old_index..old_index + old_len].iter().collect(),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(
                SpanOp::Insert,
                b[new_index..new_index + new_len].iter().collect(),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(
                    SpanOp::Delete,
                    a[old_index..old_index + old_len].iter().collect(),
                );
                push(
                    SpanOp::Insert,
                    b[new_index..new_index + new_len].iter().collect(),
                );
            }
        }
    }
    (spans, ratio)
}

/// `op` with both indices moved forward by `by`.
fn shift_op(op: DiffOp, by: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + by,
            new_index: new_index + by,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + by,
            old_len,
            new_index: new_index + by,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + by,
            new_index: new_index + by,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + by,
            old_len,
            new_index: new_index + by,
            new_len,
        },
    }
}

fn visible_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn summarise(
    new: &Document,
    old_ps: &[usize],
    new_ps: &[usize],
    paragraphs: &[ParaChange],
    _new_keys: &[String],
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
        }
        let Some(np) = p.new else { continue };
        let n = visible_len(new.paragraph_text(np));
        total += n;
        carried += match p.status {
            ParaStatus::Unchanged | ParaStatus::Moved if p.spans.is_empty() => n,
            ParaStatus::Changed | ParaStatus::Moved => p
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

fn align_sections(
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
        let ob: Vec<Vec<u64>> = os.iter().map(|&o| key(old, o, roll)).collect();
        let nb: Vec<Vec<u64>> = ns.iter().map(|&n| key(new, n, None)).collect();
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

/// Context words of a figure for pairing: digits and years removed.
fn figure_key(f: &Figure, roll: Option<(i32, i32)>) -> Vec<u64> {
    let ctx = match roll {
        Some((y, s)) => roll_years(f.context(), y, s),
        None => f.context().to_owned(),
    };
    let t: String = ctx.chars().filter(|c| !c.is_ascii_digit()).collect();
    let mut b = bigrams(&t);
    // Single characters too: short contexts (罚没款) need them.
    b.extend(
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| c as u64 | 1 << 63),
    );
    b.sort_unstable();
    b.dedup();
    b
}

/// Unit, metric and context words of a figure.
type ContextKey<'a> = (&'a str, Option<usize>, &'a [u64]);

fn pair_figures(
    old: &Document,
    new: &Document,
    old_report: &Report,
    new_report: &Report,
    paragraphs: &[ParaChange],
    roll: Option<(i32, i32)>,
) -> Vec<FigurePair> {
    let _ = (old, new);
    let (of, nf) = (&old_report.figures, &new_report.figures);
    let para_pair: FxHashMap<usize, usize> = paragraphs
        .iter()
        .filter_map(|p| Some((p.new?, p.old?)))
        .collect();
    let ok: Vec<Vec<u64>> = of.iter().map(|f| figure_key(f, roll)).collect();
    let nk: Vec<Vec<u64>> = nf.iter().map(|f| figure_key(f, None)).collect();
    // Candidates share unit and metric; scored by context similarity, with a
    // bonus when their paragraphs are aligned.
    let mut by_unit: FxHashMap<(&str, Option<usize>), Vec<usize>> = FxHashMap::default();
    for (i, f) in of.iter().enumerate() {
        by_unit.entry((&f.unit, f.metric)).or_default().push(i);
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
    let mut by_para: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut by_context: FxHashMap<ContextKey, Vec<usize>> = FxHashMap::default();
    for (i, f) in of.iter().enumerate() {
        by_para.entry(f.paragraph).or_default().push(i);
        by_context
            .entry((&f.unit, f.metric, &ok[i]))
            .or_default()
            .push(i);
    }
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    let mut few: Vec<usize> = Vec::new();
    for (j, f) in nf.iter().enumerate() {
        let Some(bucket) = by_unit.get(&(&*f.unit, f.metric)) else {
            continue;
        };
        let aligned = para_pair.get(&f.paragraph).copied();
        let list: &[usize] = if bucket.len() <= SCAN_ALL_UP_TO {
            bucket
        } else {
            few.clear();
            if let Some(ps) = aligned.and_then(|p| by_para.get(&p)) {
                few.extend(
                    ps.iter()
                        .copied()
                        .filter(|&i| of[i].unit == f.unit && of[i].metric == f.metric),
                );
            }
            if let Some(same) = by_context.get(&(&*f.unit, f.metric, nk[j].as_slice())) {
                few.extend(same.iter().copied().take(SCAN_ALL_UP_TO));
            }
            few.sort_unstable();
            few.dedup();
            &few
        };
        for &i in list.iter() {
            let mut s = dice(&ok[i], &nk[j]);
            // In paragraphs aligned with each other, a figure of the same
            // metric and unit is probably the same figure, reworded or not:
            // that outweighs a look-alike elsewhere; the same place among
            // the paragraph's figures breaks ties.
            if aligned == Some(of[i].paragraph) {
                s += if f.metric.is_some() { 1.0 } else { 0.8 };
                if ordinal[i] == new_ordinal[j] {
                    s += 0.2;
                }
            }
            if s >= 0.5 {
                cands.push((s, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut old_used = vec![false; of.len()];
    let mut new_pair: Vec<Option<usize>> = vec![None; nf.len()];
    for (_, i, j) in cands {
        if !old_used[i] && new_pair[j].is_none() {
            old_used[i] = true;
            new_pair[j] = Some(i);
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

/// Bigrams too common in plans to tell one item from another.
const PLAN_STOP: &[&str] = &[
    "加强", "推进", "进一", "一步", "步加", "工作", "建设", "开展", "完善", "提升", "深化", "持续",
    "全面", "进行", "不断", "法治", "坚持", "落实", "强化", "推动", "积极", "切实", "确保", "做好",
    "努力", "继续",
];

fn plan_bigrams(s: &str) -> Vec<u64> {
    static STOP: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(|| {
        let mut v: Vec<u64> = PLAN_STOP.iter().flat_map(|w| bigrams(w)).collect();
        v.sort_unstable();
        v
    });
    bigrams(s)
        .into_iter()
        .filter(|b| stop.binary_search(b).is_err())
        .collect()
}

/// Items of the old report's plans section and their follow-up in the new
/// report's account of the year (its measures section when found, else
/// everything outside its plans and shortcomings).
fn follow_up_plans(
    old: &Document,
    new: &Document,
    spec: &CompiledSpec,
    old_sections: &ItemSections,
    new_sections: &ItemSections,
) -> Vec<PlanFollowUp> {
    let plans_id = spec
        .spec
        .lints
        .year_consistency
        .item
        .as_deref()
        .unwrap_or("next_year");
    let Some(pi) = spec.item_index(plans_id) else {
        return Vec::new();
    };
    let Some(&plan_h) = old_sections[pi].first() else {
        return Vec::new();
    };
    // The plan items: sub-headings; else 一是… items; else paragraphs.
    let mut items: Vec<Range<usize>> = Vec::new();
    let hd = &old.headings()[plan_h];
    if !hd.children.is_empty() {
        for &c in &hd.children {
            let ch = &old.headings()[c];
            let start = old.paragraphs()[ch.paragraph].range.start;
            let end = old.paragraphs()[ch.end_paragraph.saturating_sub(1).max(ch.paragraph)]
                .range
                .end;
            items.push(start..end);
        }
    } else {
        for p in old.section_paragraphs(plan_h) {
            let para = &old.paragraphs()[p];
            if para.kind == ParagraphKind::Residue {
                continue;
            }
            let t = old.paragraph_text(p);
            let en = enumeration_items(t);
            if en.is_empty() {
                items.push(para.range.clone());
            } else {
                items.extend(
                    en.into_iter()
                        .map(|r| para.range.start + r.start..para.range.start + r.end),
                );
            }
        }
    }
    // Where this year's report gives its account.
    let measures = spec
        .item_index("measures")
        .and_then(|m| new_sections[m].first().copied());
    let excluded: Vec<usize> = [Some(pi), spec.item_index("shortcomings")]
        .into_iter()
        .flatten()
        .flat_map(|i| new_sections[i].clone())
        .collect();
    let candidates: Vec<usize> = (0..new.paragraphs().len())
        .filter(|&p| {
            let k = new.paragraphs()[p].kind;
            matches!(k, ParagraphKind::Body | ParagraphKind::Heading(_))
                && match measures {
                    Some(m) => new.in_section(p, m),
                    None => !excluded.iter().any(|&h| new.in_section(p, h)),
                }
        })
        .collect();
    // Weight bigrams by how rare they are in the new report.
    let cand_bg: Vec<Vec<u64>> = candidates
        .iter()
        .map(|&p| plan_bigrams(new.paragraph_text(p)))
        .collect();
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    for bg in &cand_bg {
        for &b in bg {
            *df.entry(b).or_default() += 1;
        }
    }
    let n = candidates.len().max(1) as f32;
    let weight =
        |b: &u64| -> f32 { (n / (1.0 + *df.get(b).unwrap_or(&0) as f32)).ln().max(0.0) + 1.0 };
    items
        .into_iter()
        .map(|r| {
            let text = old.text()[r.clone()].to_owned();
            let bg = plan_bigrams(&comparison_key(&text, None));
            let total: f32 = bg.iter().map(&weight).sum();
            let mut best: Option<(usize, f32)> = None;
            for (k, cbg) in cand_bg.iter().enumerate() {
                let shared: f32 = bg
                    .iter()
                    .filter(|b| cbg.binary_search(b).is_ok())
                    .map(&weight)
                    .sum();
                let score = if total > 0.0 { shared / total } else { 0.0 };
                if best.is_none_or(|b| score > b.1) {
                    best = Some((k, score));
                }
            }
            let mut evidence =
                best.map(|(k, s)| (new.paragraphs()[candidates[k]].range.clone(), s));
            let mut followed_up = evidence
                .as_ref()
                .is_some_and(|e| e.1 >= FOLLOW_UP_THRESHOLD);
            // A name the plan quotes (“智慧调解”平台) found in this year's
            // account is follow-up too.
            if !followed_up {
                for name in quoted_names(&text) {
                    if let Some(&p) = candidates
                        .iter()
                        .find(|&&p| new.paragraph_text(p).contains(name.as_str()))
                    {
                        let score = evidence.as_ref().map_or(0.0, |e| e.1);
                        evidence = Some((
                            new.paragraphs()[p].range.clone(),
                            score.max(FOLLOW_UP_THRESHOLD),
                        ));
                        followed_up = true;
                        break;
                    }
                }
            }
            PlanFollowUp {
                text,
                old_range: r,
                followed_up,
                evidence,
            }
        })
        .collect()
}

/// Names in quotation marks (“智慧调解”), 2 to 12 characters long.
fn quoted_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['“', '「']) {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find(['”', '」']) else {
            break;
        };
        let name = &after[..close];
        let n = name.chars().count();
        if (2..=12).contains(&n) {
            out.push(name.to_owned());
        }
        rest = &after[close..];
    }
    out
}

/// The share of a plan item's (weighted, informative) bigrams that one
/// paragraph of this year's account must contain to count as follow-up.
pub const FOLLOW_UP_THRESHOLD: f32 = 0.3;

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

    #[test]
    fn inline_diff_is_minimal_on_chinese_text() {
        let old = "全年共调处矛盾纠纷286件，调解成功278件，调解成功率97.2%，其中土地山林纠纷41件。";
        let new = "全年共调处矛盾纠纷312件，调解成功301件，调解成功率96.5%，其中土地山林纠纷41件、婚姻纠纷63件。";
        let (spans, ratio) = inline_diff(old, new, None);
        let changed: usize = spans
            .iter()
            .filter(|s| s.op != SpanOp::Equal)
            .map(|s| s.text.chars().count())
            .sum();
        // The minimum: 286→312 (6), 278→301 (6), 97.2→96.5 (4), and the
        // added clause 、婚姻纠纷63件 (8): 24 characters.
        assert!(
            changed <= 24,
            "edit script of {changed} characters: {spans:?}"
        );
        assert!(ratio > 0.7, "ratio {ratio}");
        let rebuilt_new: String = spans
            .iter()
            .filter(|s| s.op != SpanOp::Delete)
            .map(|s| s.text.as_str())
            .collect();
        let rebuilt_old: String = spans
            .iter()
            .filter(|s| s.op != SpanOp::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((rebuilt_old.as_str(), rebuilt_new.as_str()), (old, new));
    }

    #[test]
    fn longest_increasing_subsequence() {
        let v = [0, 5, 1, 2, 9, 3];
        let k = longest_increasing(&v);
        let vals: Vec<usize> = k.iter().map(|&i| v[i]).collect();
        assert_eq!(vals, [0, 1, 2, 3]);
    }

    #[test]
    fn dice_similarity() {
        assert!((dice(&bigrams("法治政府建设"), &bigrams("法治政府建设")) - 1.0).abs() < 1e-6);
        assert_eq!(dice(&bigrams("甲乙"), &bigrams("丙丁")), 0.0);
    }
}
