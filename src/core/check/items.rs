//! Items: the title, sections found by their headings, statements found in
//! the text (with weak evidence, scopes and the plans section told apart).

use super::evidence::{excerpt_evidence, heading_evidence};
use super::memo::Reuse;
use super::{Evidence, ItemSections, Status};
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::spec::{CompiledMatcher, CompiledSpec};
use crate::core::text::truncate_chars;
use crate::tr;

pub(super) type Verdict = (Status, String, Vec<Evidence>, Option<usize>);

pub(super) fn eval_title(
    doc: &Document,
    m: Option<&CompiledMatcher>,
    need_year: bool,
    subject: &str,
    lang: Lang,
) -> Verdict {
    let Some(t) = doc.title() else {
        return (
            Status::Missing,
            tr!(
                lang,
                "正文前没有找到标题行（应写明单位、年度和“{subject}”）",
                "no title line before the body (it should name the body, the year and the subject: {subject})"
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
    let folded = crate::core::text::fold_for_matching(&t.text);
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
                "标题“{shown}”没有写明报告主题（{subject}）",
                "the title \"{shown}\" does not name the subject ({subject})"
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

pub(super) fn keywords_hint(m: &CompiledMatcher) -> String {
    let words: Vec<&str> = m.any_words().iter().take(5).map(String::as_str).collect();
    words.join("、")
}

pub(super) fn item_title(spec: &CompiledSpec, id: &str, lang: Lang) -> String {
    spec.spec
        .items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.display_title(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

pub(super) fn eval_section(
    doc: &Document,
    spec: &CompiledSpec,
    ii: usize,
    sections: &ItemSections,
    lang: Lang,
    reuse: &mut Reuse,
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
        && let Some(ev) = find_in_body(doc, body, matcher_key(ii, 0), reuse, |_| true)
            .into_iter()
            .next()
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
pub(super) fn suggest_position(doc: &Document, ii: usize, sections: &ItemSections) -> usize {
    for found in sections.iter().skip(ii + 1) {
        if let Some(&h) = found.first() {
            return doc.paragraphs()[doc.headings()[h].paragraph].range.start;
        }
    }
    doc.text().len()
}

/// The memo's name for matcher `which` (0 a section's body, 1 a
/// statement's, 2 its weak one) of item `ii`.
fn matcher_key(ii: usize, which: u32) -> u32 {
    (ii as u32) * 4 + which
}

/// Paragraph texts to match a body matcher against: body paragraphs and
/// run-in heading bodies. `keep` filters by paragraph index. Each
/// paragraph's hit is kept in the memo under `key` ([`matcher_key`]).
pub(super) fn find_in_body(
    doc: &Document,
    m: &CompiledMatcher,
    key: u32,
    reuse: &mut Reuse,
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
        let find = || {
            if m.min_chars > 0 && t.chars().count() < m.min_chars {
                return None;
            }
            m.find(t)
        };
        // A body inside its paragraph: the paragraph's text alone decides,
        // so the hit is kept in the memo.
        let para = &doc.paragraphs()[pi].range;
        let found = match range.start.checked_sub(para.start) {
            Some(offset) if range.end <= para.end => reuse.body_hit(pi, key, offset, find),
            _ => find(),
        };
        if let Some(hit) = found {
            out.push(excerpt_evidence(
                doc,
                range.clone(),
                range.start + hit.start..range.start + hit.end,
            ));
        }
    }
    out
}

pub(super) fn find_in_headings(
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

/// For every paragraph: whether it is inside the sections of these items.
pub(super) fn in_sections_of(
    doc: &Document,
    spec: &CompiledSpec,
    ids: &[String],
    sections: &ItemSections,
) -> Vec<bool> {
    let headings: Vec<usize> = ids
        .iter()
        .filter_map(|id| spec.item_index(id))
        .flat_map(|ii| sections[ii].iter().copied())
        .collect();
    doc.in_sections(&headings)
}

pub(super) fn eval_statement(
    doc: &Document,
    spec: &CompiledSpec,
    ii: usize,
    sections: &ItemSections,
    lang: Lang,
    reuse: &mut Reuse,
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
    let within = in_sections_of(doc, spec, &item.within, sections);
    let outside_of = in_sections_of(doc, spec, &item.outside, sections);
    let in_scope = |p: usize| item.within.is_empty() || within.get(p).copied().unwrap_or(false);
    let excluded = |p: usize| outside_of.get(p).copied().unwrap_or(false);
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
        for ev in find_in_body(doc, bm, matcher_key(ii, 1), reuse, in_scope) {
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
        weak.extend(find_in_body(doc, wm, matcher_key(ii, 2), reuse, in_scope));
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
