//! JSON renderings: the contracts of `check`, `metrics`, `diff` and
//! `review --format json` (`shared/contracts.md`).

use super::fmt::Num;
use super::model::{Checked, PreviousRef, ReviewView};
use crate::core::check::Status;
use crate::core::compare::FigureChange;
use crate::core::figures::Figure;
use crate::core::spec::CompiledSpec;
use serde::Serialize;
use serde_json::Value;

/// Pretty JSON documents (each as [`pretty`] writes it) as one pretty
/// array, as [`pretty`] would write the array of them: each document's
/// lines indented by two spaces. Lets batch runs render each file's JSON
/// where it was checked.
pub fn pretty_array(items: &[String]) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    let mut out = String::with_capacity(items.iter().map(|s| s.len() + 64).sum());
    out.push_str("[\n");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        for (k, line) in item.split('\n').enumerate() {
            if k > 0 {
                out.push('\n');
            }
            out.push_str("  ");
            out.push_str(line);
        }
    }
    out.push_str("\n]");
    out
}

pub use super::json_out::{pretty, write_pretty};

#[derive(Serialize)]
struct SpecRef<'a> {
    id: &'a str,
    version: u32,
}

// Fields in alphabetical order, as the contract's JSON has always had
// them (it was once built as a `serde_json::Value`, whose maps sort
// their keys): written straight from these structs, no tree between.

#[derive(Serialize)]
struct EvidenceJson<'a> {
    column: usize,
    line: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    evidence: Vec<EvidenceJson<'a>>,
    id: &'a str,
    message: &'a str,
    required: bool,
    severity: &'a str,
    status: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct FigureRef<'a> {
    approx: bool,
    column: usize,
    line: usize,
    text: &'a str,
    unit: &'a str,
    value: Num,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    figures: Vec<FigureRef<'a>>,
    id: &'a str,
    label: &'a str,
    message: &'a str,
    severity: &'a str,
    status: &'a str,
}

#[derive(Serialize)]
struct LintJson<'a> {
    column: usize,
    line: usize,
    message: &'a str,
    rule: &'a str,
    severity: &'a str,
}

#[derive(Serialize)]
struct SummaryJson {
    lints: usize,
    metrics_met: usize,
    metrics_total: usize,
    required_met: usize,
    required_total: usize,
}

/// One checked file as `check --format json` writes it.
#[derive(Serialize)]
pub struct CheckJson<'a> {
    complete: bool,
    encoding: &'a str,
    file: &'a str,
    format: &'a str,
    items: Vec<ItemJson<'a>>,
    lints: Vec<LintJson<'a>>,
    metrics: Vec<MetricJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a PreviousRef>,
    spec: SpecRef<'a>,
    summary: SummaryJson,
    title: Option<&'a str>,
    year: Option<i32>,
}

fn figure_ref(f: &Figure) -> FigureRef<'_> {
    FigureRef {
        value: Num(f.value),
        unit: &f.unit,
        approx: f.approx,
        text: &f.text,
        line: f.position.line,
        column: f.position.column,
    }
}

/// One checked file for JSON (the `check --format json` contract).
pub fn check_json(c: &Checked) -> CheckJson<'_> {
    let r = &c.report;
    let (met, total) = r.required_counts();
    CheckJson {
        file: &c.file,
        spec: SpecRef {
            id: &r.spec_id,
            version: r.spec_version,
        },
        year: r.year,
        title: r.title.as_deref(),
        complete: r.complete(),
        encoding: c.encoding,
        format: c.format,
        previous: c.previous.as_ref(),
        summary: SummaryJson {
            required_met: met,
            required_total: total,
            metrics_met: r.metrics.iter().filter(|m| m.status == Status::Met).count(),
            metrics_total: r.metrics.len(),
            lints: r.lints.len(),
        },
        items: r
            .items
            .iter()
            .map(|i| ItemJson {
                id: &i.id,
                title: &i.title,
                required: i.required,
                severity: i.severity.as_str(),
                status: i.status.as_str(),
                message: &i.message,
                evidence: i
                    .evidence
                    .iter()
                    .map(|e| EvidenceJson {
                        line: e.position.line,
                        column: e.position.column,
                        text: &e.text,
                    })
                    .collect(),
            })
            .collect(),
        metrics: r
            .metrics
            .iter()
            .map(|m| MetricJson {
                id: &m.id,
                label: &m.label,
                severity: m.severity.as_str(),
                status: m.status.as_str(),
                message: &m.message,
                figures: m
                    .figures
                    .iter()
                    .map(|&fi| figure_ref(&r.figures[fi]))
                    .collect(),
            })
            .collect(),
        lints: r
            .lints
            .iter()
            .map(|l| LintJson {
                rule: l.rule,
                severity: l.severity.as_str(),
                message: &l.message,
                line: l.position.line,
                column: l.position.column,
            })
            .collect(),
    }
}

/// One figure as `metrics --format json` writes it.
#[derive(Serialize)]
pub struct MetricFigureJson<'a> {
    approx: bool,
    column: usize,
    context: &'a str,
    line: usize,
    metric: Option<&'a str>,
    /// In the plans: a target, not a result.
    target: bool,
    text: &'a str,
    unit: &'a str,
    value: Num,
}

/// `metrics --format json`: every figure in text order.
pub fn figures_json<'a>(
    figures: &'a [Figure],
    spec: &'a CompiledSpec,
) -> Vec<MetricFigureJson<'a>> {
    figures
        .iter()
        .map(|f| MetricFigureJson {
            value: Num(f.value),
            unit: &f.unit,
            approx: f.approx,
            context: f.context(),
            metric: f.metric.map(|m| spec.spec.metrics[m].id.as_str()),
            target: f.target,
            text: &f.text,
            line: f.position.line,
            column: f.position.column,
        })
        .collect()
}

pub(crate) fn change_str(c: FigureChange) -> &'static str {
    match c {
        FigureChange::Up => "up",
        FigureChange::Down => "down",
        FigureChange::Same => "same",
        FigureChange::New => "new",
        FigureChange::Dropped => "dropped",
    }
}

/// `review --format json`: the comments where they are now, the sign-offs
/// and the checklist items with their sign-off.
pub fn review_json(v: &ReviewView) -> Value {
    let comments: Vec<serde_json::Value> = v
        .anchored
        .iter()
        .map(|(c, at)| {
            serde_json::json!({
                "id": c.id,
                "status": c.status,
                "author": c.author,
                "created": c.created,
                "quote": c.quote,
                "body": c.body,
                "line": at.map(|(l, _)| l),
                "orphaned": at.is_none(),
                "quote_edited": at.is_some_and(|(_, exact)| !exact),
                "replies": c.replies,
                "from_file": c.is_from_file(),
                "review_id": c.origin,
            })
        })
        .collect();
    let items: Vec<serde_json::Value> = v
        .report
        .items
        .iter()
        .map(|i| {
            serde_json::json!({
                "id": i.id,
                "title": i.title,
                "required": i.required,
                "status": i.status.as_str(),
                "message": i.message,
                "signoff": v.review.signoffs.iter().find(|s| s.item == i.id),
            })
        })
        .collect();
    let suggestions: Vec<serde_json::Value> = v
        .placed
        .iter()
        .map(|(s, at)| {
            serde_json::json!({
                "id": s.id,
                "status": s.status,
                "author": s.author,
                "created": s.created,
                "quote": s.quote,
                "replacement": s.replacement,
                "line": at.map(|(l, _)| l),
                "orphaned": at.is_none(),
                "outdated": at.is_some_and(|(_, current)| !current),
                "decided_by": s.decided_by,
                "decided_at": s.decided_at,
                "reason": s.reason,
                "from_file": s.is_from_file(),
                "review_id": s.origin,
            })
        })
        .collect();
    serde_json::json!({
        "file": v.file,
        "format": v.format,
        "comments": comments,
        "suggestions": suggestions,
        "verdict": v.review.verdict,
        "signoffs": v.review.signoffs,
        "items": items,
    })
}

#[cfg(test)]
mod pretty_array_tests {
    use super::{pretty, pretty_array};

    #[test]
    fn an_array_of_pretty_documents_is_the_pretty_array() {
        let docs = [
            serde_json::json!({"a": 1, "b": [1, 2, {"c": "x\ny"}], "d": {}}),
            serde_json::json!({"e": [], "f": "终"}),
        ];
        let each: Vec<String> = docs.iter().map(pretty).collect();
        assert_eq!(pretty_array(&each), pretty(&docs.to_vec()));
        assert_eq!(pretty_array(&each[..1]), pretty(&docs[..1].to_vec()));
        assert_eq!(pretty_array(&[]), pretty(&Vec::<serde_json::Value>::new()));
    }
}
