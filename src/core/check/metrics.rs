//! Metrics: every figure attributed to the metric that governs its clause
//! (the nearest keyword before it, else after it, else in the previous
//! clause), within the metric's scope; a metric is met by a figure,
//! partial when only mentioned.

use super::evidence::excerpt_evidence;
use super::memo::Reuse;
use super::{Evidence, ItemSections, MetricResult, Status};
use crate::core::document::{Document, ParagraphKind};
use crate::core::figures::{self, Figure};
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::tr;
use std::ops::Range;

/// Byte ranges inside “…” or 「…」 in `t` (offset by `base`). A byte scan:
/// “ ” are E2 80 9C/9D and 「 」 E3 80 8C/8D in UTF-8.
fn quote_spans(t: &str, base: usize) -> Vec<Range<usize>> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i + 2 < b.len() {
        if (b[i] == 0xE2 || b[i] == 0xE3) && b[i + 1] == 0x80 {
            match (b[i], b[i + 2]) {
                (0xE2, 0x9C) | (0xE3, 0x8C) => open = Some(i),
                (0xE2, 0x9D) | (0xE3, 0x8D) => {
                    if let Some(o) = open.take() {
                        out.push(base + o..base + i);
                    }
                }
                _ => {}
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// Keyword hits of every paragraph in one vector, where each metric may
/// count figures, and where each metric is first mentioned.
pub(super) struct KeywordHits {
    /// Metrics in the spec.
    n: usize,
    /// (start, end, metric) of every keyword hit, in text order within each
    /// paragraph.
    all: Vec<(usize, usize, usize)>,
    /// Paragraph p's slice of `all`.
    spans: Vec<Range<usize>>,
    /// `allowed[p * n + m]`: metric m may count figures of paragraph p (its
    /// scope: within / outside which items' sections).
    allowed: Vec<bool>,
    /// The first mention of each metric (in its scope), as evidence.
    first_mention: Vec<Option<Evidence>>,
}

impl KeywordHits {
    /// How many keyword hits there are in all.
    pub(super) fn len(&self) -> usize {
        self.all.len()
    }

    pub(super) fn collect(
        doc: &Document,
        spec: &CompiledSpec,
        sections: &ItemSections,
        reuse: &mut Reuse,
    ) -> KeywordHits {
        let text = doc.matching_text();
        let n = spec.spec.metrics.len();
        let np = doc.paragraphs().len();
        let mut hits = KeywordHits {
            n,
            all: Vec::with_capacity(reuse.last_counts().1),
            spans: Vec::with_capacity(np),
            allowed: Vec::with_capacity(np * n),
            first_mention: vec![None; n],
        };
        // Which items' sections hold each paragraph, computed once.
        let n_items = spec.spec.items.len();
        let mut member = vec![false; np * n_items];
        for (ii, hs) in sections.iter().enumerate() {
            for &h in hs {
                let hd = &doc.headings()[h];
                for p in hd.paragraph..hd.end_paragraph {
                    member[p * n_items + ii] = true;
                }
            }
        }
        let scope_ids: Vec<(Vec<usize>, Vec<usize>)> = spec
            .metric_scopes
            .iter()
            .map(|sc| {
                let ids = |v: &[String]| {
                    v.iter()
                        .filter_map(|id| spec.item_index(id))
                        .collect::<Vec<_>>()
                };
                (ids(&sc.within), ids(&sc.outside))
            })
            .collect();
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            let from = hits.all.len();
            if matches!(p.kind, ParagraphKind::Residue | ParagraphKind::Title) {
                hits.allowed.extend(std::iter::repeat_n(false, n));
                hits.spans.push(from..from);
                continue;
            }
            let m = &member[pi * n_items..(pi + 1) * n_items];
            hits.allowed
                .extend(scope_ids.iter().map(|(within, outside)| {
                    (within.is_empty() || within.iter().any(|&i| m[i]))
                        && !outside.iter().any(|&i| m[i])
                }));
            let r = p.range.clone();
            reuse.keywords(pi, r.start, &mut hits.all, |out| {
                let from = out.len();
                spec.metric_hits(&text[r.clone()], r.start, out);
                // In order of start (the window search in `attribute` relies on it).
                out[from..].sort_unstable();
            });
            let ok = &hits.allowed[pi * n..(pi + 1) * n];
            for &(s, e, mi) in &hits.all[from..] {
                if ok[mi] && hits.first_mention[mi].is_none() {
                    hits.first_mention[mi] = Some(excerpt_evidence(doc, r.clone(), s..e));
                }
            }
            hits.spans.push(from..hits.all.len());
        }
        hits
    }

    /// The keyword hits of paragraph `p`.
    fn of(&self, p: usize) -> &[(usize, usize, usize)] {
        &self.all[self.spans[p].clone()]
    }

    /// Which metrics may count figures of paragraph `p`.
    fn allowed(&self, p: usize) -> &[bool] {
        &self.allowed[p * self.n..(p + 1) * self.n]
    }
}

/// The metrics' verdicts, from the keyword hits and the figures (each
/// given its metrics by [`attribute_paragraph`] already).
pub(super) fn eval_metrics(
    spec: &CompiledSpec,
    hits: &KeywordHits,
    figures: &[Figure],
    lang: Lang,
) -> Vec<MetricResult> {
    let counted = count_figures(hits, figures);
    spec.spec
        .metrics
        .iter()
        .enumerate()
        .zip(counted)
        .map(|((mi, m), figs)| MetricResult {
            id: m.id.clone(),
            label: m.display_label(lang).to_owned(),
            severity: m.severity,
            status: match (figs.is_empty(), &hits.first_mention[mi]) {
                (false, _) => Status::Met,
                (true, Some(_)) => Status::Partial,
                (true, None) => Status::Missing,
            },
            message: metric_message(&figs, figures, hits.first_mention[mi].as_ref(), lang),
            figures: figs,
            mention: hits.first_mention[mi].clone(),
        })
        .collect()
}

/// Gives each of `figures`, the figures of paragraph `pi`, its governing
/// metric (`metric`) and the other metrics named in its clause
/// (`clause_metrics`): the paragraph's text alone decides.
pub(super) fn attribute_paragraph(
    doc: &Document,
    spec: &CompiledSpec,
    hits: &KeywordHits,
    pi: usize,
    figures: &mut [Figure],
) {
    if figures.is_empty() {
        return;
    }
    // Names inside quotation marks (“人民调解宣传月”) are labels, not topics.
    let para = doc.paragraphs()[pi].range.clone();
    let quoted = quote_spans(&doc.matching_text()[para.clone()], para.start);
    for f in figures {
        attribute(doc, spec, hits.of(pi), &quoted, f);
    }
}

/// Per metric, the figures it counts (within its scope; those it governs
/// first: they make better examples).
fn count_figures(hits: &KeywordHits, figures: &[Figure]) -> Vec<Vec<usize>> {
    let mut counted: Vec<Vec<(bool, usize)>> = vec![Vec::new(); hits.n];
    for (fi, f) in figures.iter().enumerate() {
        let ok = hits.allowed(f.paragraph);
        let mut ms: Vec<usize> = f
            .metric
            .into_iter()
            .chain(f.clause_metrics.iter().copied())
            .filter(|&m| ok[m])
            .collect();
        ms.sort_unstable();
        ms.dedup();
        for m in ms {
            counted[m].push((f.metric != Some(m), fi));
        }
    }
    counted
        .into_iter()
        .map(|mut figs| {
            figs.sort_unstable();
            figs.into_iter().map(|(_, fi)| fi).collect()
        })
        .collect()
}

/// One figure's metrics, from the keyword hits of its paragraph (`all`, in
/// text order) and the quoted spans there (`quoted`, in text order).
fn attribute(
    doc: &Document,
    spec: &CompiledSpec,
    all: &[(usize, usize, usize)],
    quoted: &[Range<usize>],
    f: &mut Figure,
) {
    let text = doc.matching_text();
    let unit_ok = |mi: usize, unit: &str| {
        let u = &spec.spec.metrics[mi].units;
        u.is_empty() || u.iter().any(|x| x == unit)
    };
    // The previous clause of the same sentence (…参加学法考试，完成率为100%).
    let prev_clause_start = text[f.sentence.start..f.clause.start]
        .trim_end_matches(|c: char| figures::is_clause_mark(c))
        .char_indices()
        .rev()
        .find(|&(_, c)| figures::is_clause_mark(c))
        .map(|(i, c)| f.sentence.start + i + c.len_utf8())
        .unwrap_or(f.sentence.start);
    // Only hits from there to the clause end matter: a window found by
    // binary search (hits are in text order), so a huge paragraph with
    // thousands of figures stays linear.
    let lo = all.partition_point(|h| h.0 < prev_clause_start.min(f.clause.start));
    let hi = all.partition_point(|h| h.0 < f.clause.end);
    let hits = &all[lo..hi.max(lo)];
    let cands = || hits.iter().filter(|h| unit_ok(h.2, &f.unit));
    // 1. nearest keyword before the figure in its clause;
    let before = cands()
        .filter(|h| h.0 >= f.clause.start && h.1 <= f.range.start)
        .max_by_key(|h| (h.1, h.1 - h.0));
    // 2. else the nearest after it in the clause;
    let after = || {
        cands()
            .filter(|h| h.0 >= f.range.end && h.1 <= f.clause.end)
            .min_by_key(|h| (h.0, usize::MAX - (h.1 - h.0)))
    };
    // 3. else the nearest before it in the previous clause of the sentence.
    let sentence = || {
        cands()
            .filter(|h| h.0 >= prev_clause_start && h.1 <= f.range.start)
            .max_by_key(|h| (h.1, h.1 - h.0))
    };
    let chosen = before.or_else(after).or_else(sentence).copied();
    f.metric = chosen.map(|h| h.2);
    // A governing word after the figure (聘请3名法律顾问) belongs in its text.
    if let Some((_, end, _)) = chosen
        && end > f.text_range.end
        && end <= f.clause.end
    {
        f.text_range.end = end;
        f.text = doc.text()[f.text_range.clone()].trim().into();
    }
    // Spans are in text order and do not overlap: binary search.
    let is_quoted = |pos: usize| {
        let k = quoted.partition_point(|r| r.end <= pos);
        quoted.get(k).is_some_and(|r| r.contains(&pos))
    };
    // Other metrics named in the clause (the governing one is `metric`).
    let mut cm: Vec<usize> = Vec::new();
    for h in cands().filter(|h| {
        h.0 >= f.clause.start && h.1 <= f.clause.end && Some(h.2) != f.metric && !is_quoted(h.0)
    }) {
        if !cm.contains(&h.2) {
            cm.push(h.2);
        }
    }
    cm.sort_unstable();
    f.clause_metrics = cm;
}

/// A metric's line in the checklist: its figures, else where it is
/// mentioned without one, else that it is not mentioned.
fn metric_message(
    figs: &[usize],
    figures: &[Figure],
    mention: Option<&Evidence>,
    lang: Lang,
) -> String {
    if let Some(&f0) = figs.first() {
        let f = &figures[f0];
        if figs.len() == 1 {
            tr!(lang, "第{}行：{}", "line {}: {}", f.position.line, f.text)
        } else {
            tr!(
                lang,
                "{}个数字，如第{}行：{}",
                "{} figures, e.g. line {}: {}",
                figs.len(),
                f.position.line,
                f.text
            )
        }
    } else if let Some(ev) = mention {
        tr!(
            lang,
            "第{}行提到了，但没有具体数字",
            "mentioned at line {} but without a figure",
            ev.position.line
        )
    } else {
        tr!(lang, "没有提到", "not mentioned")
    }
}
