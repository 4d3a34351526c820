//! `diff --format json` (`shared/contracts.md`), written straight from
//! borrowed structs: no `serde_json::Value` tree is built (on a pair of
//! 240,000-character reports that tree cost a fifth of the command), and
//! the texts are the documents' own slices wherever one paragraph is meant.
//!
//! Fields are declared in alphabetical order: the order the documents had
//! when they were built as `Value` maps, which scripts and snapshot tests
//! may compare byte for byte.

use super::fmt::Num;
use super::json::change_str;
use super::model::{DiffView, line_of, new_text_of, old_text_of};
use crate::core::compare::{ParaChange, ParaStatus, SectionStatus, SpanOp};
use crate::core::document::Document;
use crate::core::text::truncate_chars;
use serde::Serialize;
use std::borrow::Cow;

/// The whole `diff --format json` document. Its two long lists, figures
/// and paragraphs, are built one entry at a time as they are written: the
/// comparison itself is all the memory they take.
#[derive(Serialize)]
pub struct DiffJson<'a, 'v> {
    figures: Figures<'a, 'v>,
    new: SideJson<'a>,
    old: SideJson<'a>,
    paragraphs: Paragraphs<'a, 'v>,
    plans: Vec<PlanJson<'a>>,
    sections: Vec<SectionJson<'a>>,
    summary: SummaryJson,
    warnings: Vec<WarningJson>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    file: &'a str,
    format: &'a str,
    year: Option<i32>,
}

#[derive(Serialize)]
struct SummaryJson {
    added: usize,
    carried_over_ratio: Option<f64>,
    changed: usize,
    merged: usize,
    moved: usize,
    paragraphs_new: usize,
    paragraphs_old: usize,
    removed: usize,
    split: usize,
    unchanged: usize,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    new: Option<&'a str>,
    new_line: Option<usize>,
    old: Option<&'a str>,
    old_line: Option<usize>,
    role: Option<&'a str>,
    status: &'static str,
}

#[derive(Serialize)]
struct ParaJson<'a> {
    new_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_lines: Option<Vec<usize>>,
    new_text: Option<Cow<'a, str>>,
    old_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_lines: Option<Vec<usize>>,
    old_text: Option<Cow<'a, str>>,
    similarity: Option<f64>,
    spans: Vec<SpanJson<'a>>,
    status: &'static str,
    year_rolled: bool,
}

#[derive(Serialize)]
struct SpanJson<'a> {
    op: SpanOp,
    text: &'a str,
}

#[derive(Serialize)]
struct FigureJson<'a> {
    change: &'static str,
    context: Option<&'a str>,
    metric: Option<&'a str>,
    new: Option<Num>,
    new_line: Option<usize>,
    new_text: Option<&'a str>,
    old: Option<Num>,
    old_line: Option<usize>,
    old_text: Option<&'a str>,
    unit: Option<&'a str>,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    best_score: Option<f64>,
    evidence: Option<EvidenceJson<'a>>,
    followed_up: bool,
    old_line: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    column: usize,
    line: usize,
    score: Option<f64>,
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct WarningJson {
    kind: &'static str,
    message: String,
}

/// A score or ratio to three decimals; `null` when it is not a number (as
/// a `Value` wrote it).
fn three(x: f64) -> Option<f64> {
    let r = (x * 1000.0).round() / 1000.0;
    r.is_finite().then_some(r)
}

fn paragraph<'a>(v: &DiffView<'a>, p: &'a ParaChange) -> ParaJson<'a> {
    // Merged and split entries name every line of the side with several
    // paragraphs (beside the first, in `old_line` / `new_line`).
    let several = matches!(p.status, ParaStatus::Merged | ParaStatus::Split);
    let lines = |d: &Document, ps: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
        ps.map(|i| d.paragraphs()[i].line).collect()
    };
    ParaJson {
        new_line: line_of(v.new, p.new),
        new_lines: several.then(|| lines(v.new, &mut p.new_all())),
        new_text: new_text_of(v.new, p),
        old_line: line_of(v.old, p.old),
        old_lines: several.then(|| lines(v.old, &mut p.old_all())),
        old_text: old_text_of(v.old, p),
        similarity: three(p.similarity as f64),
        spans: p
            .spans
            .iter()
            .map(|sp| SpanJson {
                op: sp.op,
                text: &sp.text,
            })
            .collect(),
        status: p.status.id(),
        year_rolled: p.year_rolled,
    }
}

/// The figure pairs of a comparison, written as they are built.
struct Figures<'a, 'v>(&'v DiffView<'a>);

impl Serialize for Figures<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        s.collect_seq(v.cmp.figures.iter().map(|fp| {
            let of = fp.old.map(|i| &v.old_figures[i]);
            let nf = fp.new.map(|i| &v.new_figures[i]);
            let any = nf.or(of);
            FigureJson {
                change: change_str(fp.change),
                context: any.map(|f| f.context()),
                metric: any
                    .and_then(|f| f.metric)
                    .map(|m| v.spec.spec.metrics[m].id.as_str()),
                new: nf.map(|f| Num(f.value)),
                new_line: nf.map(|f| f.position.line),
                new_text: nf.map(|f| &*f.text),
                old: of.map(|f| Num(f.value)),
                old_line: of.map(|f| f.position.line),
                old_text: of.map(|f| &*f.text),
                unit: any.map(|f| &*f.unit),
            }
        }))
    }
}

/// The paragraph entries of a comparison, written as they are built.
struct Paragraphs<'a, 'v>(&'v DiffView<'a>);

impl Serialize for Paragraphs<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        s.collect_seq(v.cmp.paragraphs.iter().map(|p| paragraph(v, p)))
    }
}

/// The `diff --format json` document of `v`.
pub fn diff_json<'a, 'v>(v: &'v DiffView<'a>) -> DiffJson<'a, 'v> {
    let s = &v.cmp.summary;
    let (old, new) = (v.old, v.new);
    let heading_line = |d: &'a Document, h: usize| d.paragraphs()[d.headings()[h].paragraph].line;
    let sections = v
        .cmp
        .sections
        .iter()
        .map(|c| SectionJson {
            new: c.new.map(|h| new.heading_line(h)),
            new_line: c.new.map(|h| heading_line(new, h)),
            old: c.old.map(|h| old.heading_line(h)),
            old_line: c.old.map(|h| heading_line(old, h)),
            role: c.role.as_deref(),
            status: match c.status {
                SectionStatus::Matched => "matched",
                SectionStatus::Renamed => "renamed",
                SectionStatus::Added => "added",
                SectionStatus::Removed => "removed",
            },
        })
        .collect();
    let plans = v
        .cmp
        .plans
        .iter()
        .map(|p| PlanJson {
            best_score: p.evidence.as_ref().and_then(|e| three(e.1 as f64)),
            evidence: p
                .evidence
                .as_ref()
                .filter(|_| p.followed_up)
                .map(|(r, score)| {
                    let pos = new.position(r.start);
                    EvidenceJson {
                        column: pos.column,
                        line: pos.line,
                        score: three(*score as f64),
                        text: truncate_chars(&new.text()[r.clone()], 80),
                    }
                }),
            followed_up: p.followed_up,
            old_line: old.position(p.old_range.start).line,
            text: &p.text,
        })
        .collect();
    DiffJson {
        figures: Figures(v),
        new: SideJson {
            file: v.new_file,
            format: v.formats.1,
            year: new.year(),
        },
        old: SideJson {
            file: v.old_file,
            format: v.formats.0,
            year: old.year(),
        },
        paragraphs: Paragraphs(v),
        plans,
        sections,
        summary: SummaryJson {
            added: s.added,
            carried_over_ratio: three(s.carried_over_ratio),
            changed: s.changed,
            merged: s.merged,
            moved: s.moved,
            paragraphs_new: s.paragraphs_new,
            paragraphs_old: s.paragraphs_old,
            removed: s.removed,
            split: s.split,
            unchanged: s.unchanged,
        },
        warnings: v
            .warnings
            .iter()
            .map(|w| WarningJson {
                kind: w.kind(),
                message: w.message(v.lang),
            })
            .collect(),
    }
}
