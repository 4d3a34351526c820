//! The checker: spec × document → report (items, metrics, lints, figures).

use super::document::{Document, ParagraphKind};
use super::figures::{self, Figure};
use super::lang::Lang;
use super::lints;
use super::spec::{CompiledMatcher, CompiledSpec, ItemKind, Severity};
use super::text::{Position, truncate_chars};
use crate::tr;
use std::ops::Range;

/// How well a report meets an item or metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Met.
    Met,
    /// Partly met (mentioned but not enough).
    Partial,
    /// Missing.
    Missing,
    /// Marked not applicable by a reviewer.
    Na,
}

impl Status {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::Na => "na",
        }
    }

    /// The glyph shown in lists: ✓ ◐ ✗ –.
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Met => "✓",
            Status::Partial => "◐",
            Status::Missing => "✗",
            Status::Na => "–",
        }
    }

    /// Met or not applicable: nothing left to do.
    pub fn is_satisfied(self) -> bool {
        matches!(self, Status::Met | Status::Na)
    }
}

/// A place in the text that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Where it starts.
    pub position: Position,
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// The text (a heading line, or an excerpt of a paragraph).
    pub text: String,
}

/// The verdict on one checklist item.
#[derive(Debug, Clone)]
pub struct ItemResult {
    /// Item id.
    pub id: String,
    /// Display title in the report's language.
    pub title: String,
    /// Required by the spec.
    pub required: bool,
    /// Severity when unmet.
    pub severity: Severity,
    /// The verdict.
    pub status: Status,
    /// Why, in the user's terms.
    pub message: String,
    /// Where.
    pub evidence: Vec<Evidence>,
    /// For a section: where it would belong when missing (byte offset).
    pub suggested_at: Option<usize>,
}

/// The verdict on one metric.
#[derive(Debug, Clone)]
pub struct MetricResult {
    /// Metric id.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Severity when missing.
    pub severity: Severity,
    /// Met with a figure, partial when only mentioned, else missing.
    pub status: Status,
    /// Indices into [`Report::figures`] that count for this metric.
    pub figures: Vec<usize>,
    /// Why.
    pub message: String,
    /// First mention, when there is one.
    pub mention: Option<Evidence>,
}

/// A lint finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// The rule (`numbering`, `placeholder` …).
    pub rule: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: String,
    /// Where.
    pub position: Position,
    /// Byte range in the document text.
    pub range: Range<usize>,
}

/// Options of a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// The language of messages and titles.
    pub lang: Lang,
}

/// The result of checking one document against one spec.
#[derive(Debug, Clone)]
pub struct Report {
    /// Spec id.
    pub spec_id: String,
    /// Spec version.
    pub spec_version: u32,
    /// Report year.
    pub year: Option<i32>,
    /// Title text.
    pub title: Option<String>,
    /// Items in spec order.
    pub items: Vec<ItemResult>,
    /// Metrics in spec order.
    pub metrics: Vec<MetricResult>,
    /// Lints in text order.
    pub lints: Vec<Lint>,
    /// Every figure in text order.
    pub figures: Vec<Figure>,
}

impl Report {
    /// Every required item is met (or marked not applicable).
    pub fn complete(&self) -> bool {
        self.items
            .iter()
            .all(|i| !i.required || i.status.is_satisfied())
    }

    /// (required items satisfied, required items).
    pub fn required_counts(&self) -> (usize, usize) {
        let req = self.items.iter().filter(|i| i.required);
        let total = req.clone().count();
        (req.filter(|i| i.status.is_satisfied()).count(), total)
    }

    /// Marks items not applicable (from reviewer sign-off): each `(id,
    /// reason)` whose id names an item sets it to [`Status::Na`].
    pub fn apply_na<'a>(
        &mut self,
        signoffs: impl IntoIterator<Item = (&'a str, &'a str)>,
        lang: Lang,
    ) {
        for (id, reason) in signoffs {
            if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
                item.status = Status::Na;
                item.message = if reason.trim().is_empty() {
                    tr!(
                        lang,
                        "审核人标记为不适用",
                        "marked not applicable by the reviewer"
                    )
                } else {
                    tr!(
                        lang,
                        "审核人标记为不适用：{}",
                        "marked not applicable by the reviewer: {}",
                        reason.trim()
                    )
                };
            }
        }
    }
}

/// The sections (heading indices) each item matched, by item index.
pub type ItemSections = Vec<Vec<usize>>;

/// Checks `doc` against `spec`.
pub fn check(doc: &Document, spec: &CompiledSpec, opts: &CheckOptions) -> Report {
    let lang = opts.lang;
    let sections = match_sections(doc, spec);
    let mut items = Vec::with_capacity(spec.spec.items.len());
    for (ii, item) in spec.spec.items.iter().enumerate() {
        let title = item.display_title(lang).to_owned();
        let m = &spec.item_matchers[ii];
        let (status, message, evidence, suggested_at) = match item.kind {
            ItemKind::Title => eval_title(doc, m.text.as_ref(), item.year, lang),
            ItemKind::Section => eval_section(doc, spec, ii, &sections, lang),
            ItemKind::Statement => eval_statement(doc, spec, ii, &sections, lang),
        };
        items.push(ItemResult {
            id: item.id.clone(),
            title,
            required: item.required,
            severity: item.severity,
            status,
            message,
            evidence,
            suggested_at,
        });
    }
    let mut figures = figures::extract(doc, &spec.units);
    let metrics = eval_metrics(doc, spec, &sections, &mut figures, lang);
    let lints = lints::run(doc, spec, &sections, &items, &figures, lang);
    Report {
        spec_id: spec.spec.id.clone(),
        spec_version: spec.spec.version,
        year: doc.year(),
        title: doc.title().map(|t| t.text.clone()),
        items,
        metrics,
        lints,
        figures,
    }
}

/// For every item with a heading matcher: the headings it matches, at the
/// first level (in the matcher's order of preference) where any does.
pub fn match_sections(doc: &Document, spec: &CompiledSpec) -> ItemSections {
    let text = doc.matching_text();
    spec.item_matchers
        .iter()
        .zip(&spec.spec.items)
        .map(|(m, item)| {
            let Some(hm) = m.heading.as_ref() else {
                return Vec::new();
            };
            // Statements take headings at any level as evidence, not as sections.
            if item.kind != ItemKind::Section {
                return Vec::new();
            }
            let matches = |level: Option<u8>| -> Vec<usize> {
                doc.headings()
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        level.is_none_or(|l| h.level == l) && hm.accepts_level(h.level)
                    })
                    .filter(|(_, h)| hm.is_match(&text[h.title.clone()]))
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

fn heading_evidence(doc: &Document, h: usize) -> Evidence {
    let hd = &doc.headings()[h];
    let p = &doc.paragraphs()[hd.paragraph];
    let line = doc.heading_line(h);
    Evidence {
        position: doc.position(p.range.start),
        range: p.range.start..hd.title.end.max(p.range.start),
        text: truncate_chars(line, 60).into_owned(),
    }
}

/// Evidence for a match at `hit` inside the paragraph range `para`: an
/// excerpt around the hit.
fn excerpt_evidence(doc: &Document, para: Range<usize>, hit: Range<usize>) -> Evidence {
    let text = doc.text();
    let hit = hit.start.max(para.start)..hit.end.min(para.end).max(hit.start.max(para.start));
    // Up to 12 characters before the hit and 24 after.
    let start = text[para.start..hit.start]
        .char_indices()
        .rev()
        .nth(11)
        .map(|(i, _)| para.start + i)
        .unwrap_or(para.start);
    let end = text[hit.end..para.end]
        .char_indices()
        .nth(24)
        .map(|(i, _)| hit.end + i)
        .unwrap_or(para.end);
    let mut s = String::new();
    if start > para.start {
        s.push('…');
    }
    s.push_str(&text[start..end]);
    if end < para.end {
        s.push('…');
    }
    Evidence {
        position: doc.position(hit.start),
        range: hit,
        text: s,
    }
}

type Verdict = (Status, String, Vec<Evidence>, Option<usize>);

fn eval_title(doc: &Document, m: Option<&CompiledMatcher>, need_year: bool, lang: Lang) -> Verdict {
    let Some(t) = doc.title() else {
        return (
            Status::Missing,
            tr!(
                lang,
                "正文前没有找到标题行（应写明单位、年度和“法治政府建设……报告”）",
                "no title line before the body (it should name the body, the year and the subject)"
            ),
            Vec::new(),
            Some(0),
        );
    };
    let p = &doc.paragraphs()[t.paragraphs[0]];
    let last = &doc.paragraphs()[*t.paragraphs.last().unwrap_or(&t.paragraphs[0])];
    let ev = vec![Evidence {
        position: doc.position(p.range.start),
        range: p.range.start..last.range.end,
        text: t.text.replace('\n', " "),
    }];
    let folded = super::text::fold_for_matching(&t.text);
    let subject_ok = m.is_none_or(|m| m.is_match(&folded));
    let year_ok = !need_year || t.year.is_some();
    let shown = t.text.replace('\n', " ");
    match (subject_ok, year_ok) {
        (true, true) => (
            Status::Met,
            tr!(lang, "标题：{shown}", "title: {shown}"),
            ev,
            None,
        ),
        (false, true) => (
            Status::Partial,
            tr!(
                lang,
                "标题“{shown}”没有写明报告主题（法治政府建设……报告）",
                "the title \"{shown}\" does not name the subject (法治政府建设 … 报告)"
            ),
            ev,
            None,
        ),
        (true, false) => (
            Status::Partial,
            tr!(
                lang,
                "标题“{shown}”没有写明年度",
                "the title \"{shown}\" does not name the year"
            ),
            ev,
            None,
        ),
        (false, false) => (
            Status::Partial,
            tr!(
                lang,
                "标题“{shown}”既没有年度也没有报告主题",
                "the title \"{shown}\" names neither the year nor the subject"
            ),
            ev,
            None,
        ),
    }
}

fn keywords_hint(m: &CompiledMatcher) -> String {
    let words: Vec<&str> = m.any_words().iter().take(5).map(String::as_str).collect();
    words.join("、")
}

fn item_title(spec: &CompiledSpec, id: &str, lang: Lang) -> String {
    spec.spec
        .items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.display_title(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

fn eval_section(
    doc: &Document,
    spec: &CompiledSpec,
    ii: usize,
    sections: &ItemSections,
    lang: Lang,
) -> Verdict {
    let found = &sections[ii];
    let m = &spec.item_matchers[ii];
    if !found.is_empty() {
        let ev: Vec<Evidence> = found
            .iter()
            .take(3)
            .map(|&h| heading_evidence(doc, h))
            .collect();
        let first = &ev[0];
        let msg = tr!(
            lang,
            "第{}行：{}",
            "line {}: {}",
            first.position.line,
            first.text
        );
        return (Status::Met, msg, ev, None);
    }
    // No heading: maybe the body covers it.
    if let Some(body) = m.body.as_ref()
        && let Some(ev) = find_in_body(doc, body, |_| true).into_iter().next()
    {
        let msg = tr!(
            lang,
            "没有相应的标题，但第{}行的正文提到了",
            "no heading for it, but the body mentions it at line {}",
            ev.position.line
        );
        return (Status::Partial, msg, vec![ev], None);
    }
    let hint = m.heading.as_ref().map(keywords_hint).unwrap_or_default();
    let levels = m
        .heading
        .as_ref()
        .map(|h| {
            h.levels
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    let msg = if levels.is_empty() {
        tr!(
            lang,
            "没有找到这一部分（标题中应有：{hint}……）",
            "no section for this (a heading with: {hint} …)"
        )
    } else {
        tr!(
            lang,
            "没有找到这一部分（{levels}级标题中应有：{hint}……）",
            "no section for this (a level-{levels} heading with: {hint} …)"
        )
    };
    (
        Status::Missing,
        msg,
        Vec::new(),
        Some(suggest_position(doc, ii, sections)),
    )
}

/// Where a missing section would belong: before the section of the next
/// item in spec order that was found, else at the end of the text.
fn suggest_position(doc: &Document, ii: usize, sections: &ItemSections) -> usize {
    for found in sections.iter().skip(ii + 1) {
        if let Some(&h) = found.first() {
            return doc.paragraphs()[doc.headings()[h].paragraph].range.start;
        }
    }
    doc.text().len()
}

/// Paragraph texts to match a body matcher against: body paragraphs and
/// run-in heading bodies. `keep` filters by paragraph index.
fn find_in_body(
    doc: &Document,
    m: &CompiledMatcher,
    keep: impl Fn(usize) -> bool,
) -> Vec<Evidence> {
    let text = doc.matching_text();
    let mut out = Vec::new();
    for pi in 0..doc.paragraphs().len() {
        if !keep(pi) {
            continue;
        }
        let Some(range) = doc.body_range(pi) else {
            continue;
        };
        let t = &text[range.clone()];
        if m.min_chars > 0 && t.chars().count() < m.min_chars {
            continue;
        }
        if let Some(hit) = m.find(t) {
            out.push(excerpt_evidence(
                doc,
                range.clone(),
                range.start + hit.start..range.start + hit.end,
            ));
        }
    }
    out
}

fn find_in_headings(
    doc: &Document,
    m: &CompiledMatcher,
    keep: impl Fn(usize) -> bool,
) -> Vec<(usize, Evidence)> {
    let text = doc.matching_text();
    doc.headings()
        .iter()
        .enumerate()
        .filter(|(_, h)| keep(h.paragraph) && m.accepts_level(h.level))
        .filter(|(_, h)| m.is_match(&text[h.title.clone()]))
        .map(|(i, h)| (h.paragraph, heading_evidence(doc, i)))
        .collect()
}

/// Paragraph-index predicate for "inside the sections of these items".
fn in_sections_of(
    doc: &Document,
    spec: &CompiledSpec,
    ids: &[String],
    sections: &ItemSections,
    p: usize,
) -> bool {
    ids.iter().any(|id| {
        spec.item_index(id)
            .is_some_and(|ii| sections[ii].iter().any(|&h| doc.in_section(p, h)))
    })
}

fn eval_statement(
    doc: &Document,
    spec: &CompiledSpec,
    ii: usize,
    sections: &ItemSections,
    lang: Lang,
) -> Verdict {
    let item = &spec.spec.items[ii];
    let m = &spec.item_matchers[ii];
    if !item.within.is_empty()
        && item
            .within
            .iter()
            .all(|id| spec.item_index(id).is_none_or(|w| sections[w].is_empty()))
    {
        let names: Vec<String> = item
            .within
            .iter()
            .map(|id| item_title(spec, id, lang))
            .collect();
        let names = names.join("、");
        return (
            Status::Missing,
            tr!(
                lang,
                "没有“{names}”部分，无从查找",
                "there is no \"{names}\" section to look in"
            ),
            Vec::new(),
            None,
        );
    }
    let in_scope =
        |p: usize| item.within.is_empty() || in_sections_of(doc, spec, &item.within, sections, p);
    let excluded = |p: usize| in_sections_of(doc, spec, &item.outside, sections, p);
    let mut counted = Vec::new();
    let mut outside = Vec::new();
    if let Some(hm) = m.heading.as_ref() {
        for (p, ev) in find_in_headings(doc, hm, in_scope) {
            if excluded(p) {
                outside.push(ev)
            } else {
                counted.push(ev)
            }
        }
    }
    if let Some(bm) = m.body.as_ref() {
        for ev in find_in_body(doc, bm, in_scope) {
            let p = doc.index().line_of(ev.range.start);
            let pi = doc.paragraphs().partition_point(|pp| pp.line <= p);
            let pi = pi.saturating_sub(1);
            if excluded(pi) {
                outside.push(ev)
            } else {
                counted.push(ev)
            }
        }
    }
    counted.sort_by_key(|e| e.range.start);
    if let Some(first) = counted.first() {
        let msg = tr!(
            lang,
            "第{}行：{}",
            "line {}: {}",
            first.position.line,
            first.text
        );
        counted.truncate(3);
        return (Status::Met, msg, counted, None);
    }
    if let Some(first) = outside.first() {
        let names: Vec<String> = item
            .outside
            .iter()
            .map(|id| item_title(spec, id, lang))
            .collect();
        let names = names.join("、");
        let msg = tr!(
            lang,
            "只在“{names}”中提到（第{}行），那是今后的打算，不是对本年度情况的报告",
            "only mentioned inside \"{names}\" (line {}): that is a plan, not an account of the year",
            first.position.line
        );
        outside.truncate(3);
        return (Status::Partial, msg, outside, None);
    }
    if let Some(wm) = m.weak.as_ref() {
        let mut weak: Vec<Evidence> = find_in_headings(doc, wm, |p| {
            in_scope(p)
                || item.within.iter().any(|id| {
                    spec.item_index(id).is_some_and(|w| {
                        sections[w]
                            .iter()
                            .any(|&h| doc.headings()[h].paragraph == p)
                    })
                })
        })
        .into_iter()
        .map(|(_, e)| e)
        .collect();
        weak.extend(find_in_body(doc, wm, in_scope));
        if let Some(first) = weak.first() {
            // What the body should have said: the item's own evidence words.
            let hint = m.body.as_ref().map(keywords_hint).unwrap_or_default();
            let shown = truncate_chars(&first.text, 30);
            let msg = tr!(
                lang,
                "只在第{}行点到为止（{shown}），正文没有实质内容（如：{hint}……）",
                "only touched on at line {} ({shown}); nothing of substance in the body (e.g. {hint} …)",
                first.position.line
            );
            weak.truncate(3);
            return (Status::Partial, msg, weak, None);
        }
    }
    let where_ = if item.within.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = item
            .within
            .iter()
            .map(|id| item_title(spec, id, lang))
            .collect();
        tr!(lang, "在“{}”中", "in \"{}\" ", names.join("、"))
    };
    let hint = m
        .body
        .as_ref()
        .or(m.heading.as_ref())
        .map(keywords_hint)
        .unwrap_or_default();
    (
        Status::Missing,
        tr!(
            lang,
            "{where_}没有找到相关叙述（如：{hint}……）",
            "nothing found {where_}(e.g. {hint} …)"
        ),
        Vec::new(),
        None,
    )
}

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

fn eval_metrics(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    figures: &mut [Figure],
    lang: Lang,
) -> Vec<MetricResult> {
    let text = doc.matching_text();
    let n = spec.spec.metrics.len();
    let mut first_mention: Vec<Option<Evidence>> = vec![None; n];
    // Keyword hits per paragraph: (start, end, metric).
    // Keyword hits of every paragraph in one vector; `hit_spans[p]` is
    // paragraph p's slice of it. `allowed[p * n + m]`: metric m may count
    // figures of paragraph p.
    let mut all_hits: Vec<(usize, usize, usize)> = Vec::new();
    let mut hit_spans: Vec<Range<usize>> = Vec::with_capacity(doc.paragraphs().len());
    let mut allowed: Vec<bool> = Vec::with_capacity(doc.paragraphs().len() * n);
    // Which items' sections hold each paragraph, computed once.
    let n_items = spec.spec.items.len();
    let mut member = vec![false; doc.paragraphs().len() * n_items];
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
        let from = all_hits.len();
        if matches!(p.kind, ParagraphKind::Residue | ParagraphKind::Title) {
            allowed.extend(std::iter::repeat_n(false, n));
            hit_spans.push(from..from);
            continue;
        }
        let m = &member[pi * n_items..(pi + 1) * n_items];
        allowed.extend(scope_ids.iter().map(|(within, outside)| {
            (within.is_empty() || within.iter().any(|&i| m[i])) && !outside.iter().any(|&i| m[i])
        }));
        let ok = &allowed[pi * n..(pi + 1) * n];
        let r = p.range.clone();
        spec.metric_hits(&text[r.clone()], r.start, &mut all_hits);
        // In order of start (the window search below relies on it).
        all_hits[from..].sort_unstable();
        for &(s, e, mi) in &all_hits[from..] {
            if ok[mi] && first_mention[mi].is_none() {
                first_mention[mi] = Some(excerpt_evidence(doc, r.clone(), s..e));
            }
        }
        hit_spans.push(from..all_hits.len());
    }
    let unit_ok = |mi: usize, unit: &str| {
        let u = &spec.spec.metrics[mi].units;
        u.is_empty() || u.iter().any(|x| x == unit)
    };
    let mut counted: Vec<Vec<(bool, usize)>> = vec![Vec::new(); n];
    let mut quote_spans_of: (usize, Vec<Range<usize>>) = (usize::MAX, Vec::new());
    for (fi, f) in figures.iter_mut().enumerate() {
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
        let all = &all_hits[hit_spans[f.paragraph].clone()];
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
            f.text = doc.text()[f.text_range.clone()].trim().to_owned();
        }
        // Names inside quotation marks (“人民调解宣传月”) are labels, not topics.
        let para = doc.paragraphs()[f.paragraph].range.clone();
        if quote_spans_of.0 != f.paragraph {
            quote_spans_of = (f.paragraph, quote_spans(&text[para.clone()], para.start));
        }
        let spans = &quote_spans_of.1;
        // Spans are in text order and do not overlap: binary search.
        let quoted = |pos: usize| {
            let k = spans.partition_point(|r| r.end <= pos);
            spans.get(k).is_some_and(|r| r.contains(&pos))
        };
        // Other metrics named in the clause (the governing one is `metric`).
        let mut cm: Vec<usize> = Vec::new();
        for h in cands().filter(|h| {
            h.0 >= f.clause.start && h.1 <= f.clause.end && Some(h.2) != f.metric && !quoted(h.0)
        }) {
            if !cm.contains(&h.2) {
                cm.push(h.2);
            }
        }
        cm.sort_unstable();
        f.clause_metrics = cm;
        let ok = &allowed[f.paragraph * n..(f.paragraph + 1) * n];
        let mut ms: Vec<usize> = f
            .metric
            .into_iter()
            .chain(f.clause_metrics.iter().copied())
            .filter(|&m| ok[m])
            .collect();
        ms.sort_unstable();
        ms.dedup();
        for m in ms {
            // Figures governed by the metric come before those that only
            // share a clause with it (they make better examples).
            counted[m].push((f.metric != Some(m), fi));
        }
    }
    spec.spec
        .metrics
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let label = m.display_label(lang).to_owned();
            let mut figs = std::mem::take(&mut counted[mi]);
            figs.sort_unstable();
            let figs: Vec<usize> = figs.into_iter().map(|(_, fi)| fi).collect();
            let (status, message) = if let Some(&f0) = figs.first() {
                let f = &figures[f0];
                let msg = if figs.len() == 1 {
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
                };
                (Status::Met, msg)
            } else if let Some(ev) = &first_mention[mi] {
                (
                    Status::Partial,
                    tr!(
                        lang,
                        "第{}行提到了，但没有具体数字",
                        "mentioned at line {} but without a figure",
                        ev.position.line
                    ),
                )
            } else {
                (Status::Missing, tr!(lang, "没有提到", "not mentioned"))
            };
            MetricResult {
                id: m.id.clone(),
                label,
                severity: m.severity,
                status,
                figures: figs,
                message,
                mention: first_mention[mi].clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Report {
        let d = Document::parse(text);
        check(&d, &CompiledSpec::default_spec(), &CheckOptions::default())
    }

    fn status(r: &Report, id: &str) -> Status {
        r.items
            .iter()
            .chain(std::iter::empty())
            .find(|i| i.id == id)
            .map(|i| i.status)
            .or_else(|| r.metrics.iter().find(|m| m.id == id).map(|m| m.status))
            .unwrap_or_else(|| panic!("no {id}"))
    }

    const GOOD: &str = "青禾镇2024年度法治政府建设情况报告\n\
2024年，青禾镇坚持依法行政。\n\
一、主要举措和成效\n\
（一）党政主要负责人履行第一责任人职责。镇党委书记主持召开专题会议4次，研究法治建设重大问题。\n\
（二）依法行政。驻镇律师共审核合同38份，答复行政复议1份，调处矛盾纠纷120件。\n\
二、存在的不足和原因\n\
部分干部法治意识不强，执法程序不够规范。主要原因是学习培训不够，由于人手不足，执法力量薄弱。\n\
三、2025年工作打算\n\
一是加强学习；二是规范执法；三是深化普法。计划开展培训10次，提升干部法治素养，推动各项工作落实。\n";

    #[test]
    fn complete_report_meets_required_items() {
        let r = run(GOOD);
        for id in [
            "title",
            "measures",
            "shortcomings",
            "causes",
            "leader_duty",
            "next_year",
        ] {
            assert_eq!(
                status(&r, id),
                Status::Met,
                "{id}: {:?}",
                r.items.iter().find(|i| i.id == id)
            );
        }
        assert_eq!(status(&r, "other"), Status::Missing);
        assert!(r.complete());
        assert_eq!(r.year, Some(2024));
        assert_eq!(status(&r, "legality_review"), Status::Met);
        assert_eq!(status(&r, "admin_reconsideration"), Status::Met);
        assert_eq!(status(&r, "dispute_mediation"), Status::Met);
        assert_eq!(status(&r, "petitions"), Status::Missing);
        // Figures in the plans do not count.
        assert_eq!(status(&r, "legal_training"), Status::Partial);
    }

    #[test]
    fn leader_duty_only_in_plans_is_partial() {
        let t = GOOD.replace("（一）党政主要负责人履行第一责任人职责。镇党委书记主持召开专题会议4次，研究法治建设重大问题。", "（一）加强学习。组织学法4次。")
            .replace("三是深化普法。", "三是镇党委书记担起推进法治建设第一责任人职责，定期听取汇报。");
        let r = run(&t);
        let item = r.items.iter().find(|i| i.id == "leader_duty").unwrap();
        assert_eq!(item.status, Status::Partial, "{item:?}");
        assert!(item.message.contains("下一年度"), "{}", item.message);
        assert!(!r.complete());
    }

    #[test]
    fn causes_only_in_heading_is_partial() {
        let t = GOOD.replace(
            "主要原因是学习培训不够，由于人手不足，执法力量薄弱。",
            "群众法律意识有待提高。",
        );
        let r = run(&t);
        let item = r.items.iter().find(|i| i.id == "causes").unwrap();
        assert_eq!(item.status, Status::Partial, "{item:?}");
    }

    #[test]
    fn missing_section_suggests_a_place() {
        let t = GOOD.replace("二、存在的不足和原因\n部分干部法治意识不强，执法程序不够规范。主要原因是学习培训不够，由于人手不足，执法力量薄弱。\n", "");
        let r = run(&t);
        let item = r.items.iter().find(|i| i.id == "shortcomings").unwrap();
        assert_eq!(item.status, Status::Missing);
        let at = item.suggested_at.unwrap();
        assert!(t[at..].starts_with("三、"), "{}", &t[at..]);
        assert_eq!(status(&r, "causes"), Status::Missing);
    }

    #[test]
    fn na_signoff_satisfies_item() {
        let t = GOOD.replace("二、存在的不足和原因", "二、其他");
        let mut r = run(&t);
        assert!(!r.complete());
        r.apply_na(
            [("shortcomings", "本年度另行报告"), ("causes", "")],
            Lang::Zh,
        );
        assert_eq!(status(&r, "shortcomings"), Status::Na);
        assert!(r.complete());
    }

    #[test]
    fn figure_metric_attribution() {
        let r = run(GOOD);
        let f = r.figures.iter().find(|f| f.value == 38.0).unwrap();
        let spec = CompiledSpec::default_spec();
        assert_eq!(spec.spec.metrics[f.metric.unwrap()].id, "legality_review");
        let f = r.figures.iter().find(|f| f.value == 120.0).unwrap();
        assert_eq!(spec.spec.metrics[f.metric.unwrap()].id, "dispute_mediation");
    }

    #[test]
    fn english_messages() {
        let d = Document::parse(GOOD);
        let r = check(
            &d,
            &CompiledSpec::default_spec(),
            &CheckOptions { lang: Lang::En },
        );
        let item = r.items.iter().find(|i| i.id == "measures").unwrap();
        assert_eq!(item.title, "Measures and results");
        assert!(item.message.starts_with("line 3"), "{}", item.message);
    }
}
