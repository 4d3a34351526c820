//! The checker: spec × document → report (items, metrics, lints, figures).
//!
//! Files: `items` (title, section and statement items), `metrics` (figures
//! attributed to the metric governing their clause), `lints` (the rules),
//! `evidence` (excerpts shown as evidence).

mod arithmetic;
mod consistency;
mod evidence;
mod expanded;
mod items;
pub mod lints;
pub mod memo;
mod metrics;
pub mod patterns;
mod punctuation;
mod sections;
mod tables;

use super::document::Document;
use super::figures::{self, Figure};
use super::lang::Lang;
use super::spec::{CompiledSpec, ItemKind, Severity};
use super::text::Position;
use crate::tr;
use items::{eval_section, eval_statement, eval_title};
pub use memo::CheckMemo;
use memo::Reuse;
use metrics::{KeywordHits, attribute_paragraph, eval_metrics};
pub use sections::match_sections;
use sections::match_sections_reusing;
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
    /// The spec's tables as read, in spec order.
    pub tables: Vec<crate::core::tables::TableRead>,
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
    check_with(doc, spec, opts, Reuse::none())
}

/// [`check`], taking what earlier checks with `memo` worked out of each
/// unchanged paragraph instead of working it out again (see [`memo`]):
/// the same report, for the workbench's re-check after each key.
pub fn check_reusing(
    doc: &Document,
    spec: &CompiledSpec,
    opts: &CheckOptions,
    memo: &mut CheckMemo,
) -> Report {
    check_with(doc, spec, opts, Reuse::with(memo, doc, spec, opts.lang))
}

fn check_with(
    doc: &Document,
    spec: &CompiledSpec,
    opts: &CheckOptions,
    mut reuse: Reuse,
) -> Report {
    let lang = opts.lang;
    let sections = match_sections_reusing(doc, spec, &mut reuse);
    let mut items = Vec::with_capacity(spec.spec.items.len());
    for (ii, item) in spec.spec.items.iter().enumerate() {
        let title = item.display_title(lang).to_owned();
        let m = &spec.item_matchers[ii];
        let (status, message, evidence, suggested_at) = match item.kind {
            ItemKind::Title => eval_title(
                doc,
                m.text.as_ref(),
                item.year,
                spec.spec.name.as_deref().unwrap_or(&spec.spec.id),
                lang,
            ),
            ItemKind::Section => eval_section(doc, spec, ii, &sections, lang, &mut reuse),
            ItemKind::Statement => eval_statement(doc, spec, ii, &sections, lang, &mut reuse),
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
    let reads = tables::read_all(doc, spec, &sections);
    tables::table_parts(doc, spec, &sections, &reads, &mut items, lang);
    let (mut figures, mut metrics) = figures_and_metrics(doc, spec, &sections, lang, &mut reuse);
    // The text's figures for the lints (a table's rows are not sentences).
    let mut lints = lints::run(doc, spec, &sections, &items, &figures, lang, &mut reuse);
    add_cell_figures(doc, spec, &reads, &mut metrics, &mut figures, lang);
    let ne = &spec.spec.lints.not_expanded;
    if ne.enabled
        && let Some(h) = ne
            .item
            .as_deref()
            .and_then(|id| spec.item_index(id))
            .and_then(|i| sections[i].first().copied())
    {
        expanded::not_expanded(doc, h, lang, &mut |range, message| {
            lints.push(Lint {
                rule: "not-expanded",
                severity: ne.severity,
                message,
                position: doc.position(range.start),
                range,
            })
        });
        lints.sort_by_key(|l| (l.range.start, l.range.end));
    }
    if !spec.tables.tables.is_empty() {
        // A lost table's part says so itself: no "empty section" besides.
        let lost = tables::lost_table_headings(doc, spec, &sections, &reads);
        lints.retain(|l| l.rule != "empty-section" || !lost.contains(&l.range.start));
        // A flattened table's lone bars are its rows' edges, not residue.
        let inside: Vec<std::ops::Range<usize>> = tables::found_parts(doc, spec, &sections, &reads);
        lints.retain(|l| {
            l.rule != "web-residue"
                || !inside
                    .iter()
                    .any(|r| r.start <= l.range.start && l.range.end <= r.end)
                || doc.text()[l.range.clone()]
                    .chars()
                    .any(char::is_alphanumeric)
        });
        tables::relations(doc, spec, &reads, lang, &mut lints);
        lints.sort_by_key(|l| (l.range.start, l.range.end));
    }
    Report {
        spec_id: spec.spec.id.clone(),
        spec_version: spec.spec.version,
        year: doc.year(),
        title: doc.title().map(|t| t.text.clone()),
        items,
        metrics,
        lints,
        figures,
        tables: reads,
    }
}

/// The figures of `doc` as [`check`] reports them (metrics and targets set,
/// a table's cells included), without evaluating the checklist or the
/// lints: all a comparison of two years needs of each, at a fraction of the
/// work and memory.
pub fn figures_of(doc: &Document, spec: &CompiledSpec, opts: &CheckOptions) -> Vec<Figure> {
    let sections = match_sections(doc, spec);
    let reads = tables::read_all(doc, spec, &sections);
    let (mut figures, mut metrics) =
        figures_and_metrics(doc, spec, &sections, opts.lang, &mut Reuse::none());
    add_cell_figures(doc, spec, &reads, &mut metrics, &mut figures, opts.lang);
    figures.shrink_to_fit();
    figures
}

/// The text's figures (each given its metrics) and the metrics' verdicts.
fn figures_and_metrics(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    lang: Lang,
    reuse: &mut Reuse,
) -> (Vec<Figure>, Vec<MetricResult>) {
    let hits = KeywordHits::collect(doc, spec, sections, reuse);
    let figures = text_figures(doc, spec, sections, &hits, reuse);
    reuse.keep_counts(figures.len(), hits.len());
    let metrics = eval_metrics(spec, &hits, &figures, lang);
    (figures, metrics)
}

/// The figures of the text (not a table's cells), each given its metrics
/// (from the paragraph's keyword `hits`), those in the plans (the sections
/// of the spec's `metric_scope.outside` items) marked as targets, not
/// results.
fn text_figures(
    doc: &Document,
    spec: &CompiledSpec,
    sections: &ItemSections,
    hits: &KeywordHits,
    reuse: &mut Reuse,
) -> Vec<Figure> {
    let mut scanner = figures::FigureScanner::new(&spec.units);
    let mut figures = Vec::with_capacity(reuse.last_counts().0);
    for (pi, p) in doc.paragraphs().iter().enumerate() {
        let Some(start) = figures::scan_start(doc, pi) else {
            continue;
        };
        reuse.figures(
            pi,
            p.range.start,
            start,
            || {
                let at = doc.position(start);
                (at.line, at.column)
            },
            &mut figures,
            |out| {
                let from = out.len();
                scanner.scan(doc, pi, start, out);
                attribute_paragraph(doc, spec, hits, pi, &mut out[from..]);
            },
        );
    }
    let plans: Vec<usize> = spec
        .spec
        .metric_scope
        .outside
        .iter()
        .filter_map(|id| spec.item_index(id))
        .flat_map(|i| sections[i].iter().copied())
        .collect();
    if !plans.is_empty() {
        let in_plans = doc.in_sections(&plans);
        for f in &mut figures {
            f.target = in_plans.get(f.paragraph).copied().unwrap_or(false);
        }
    }
    figures
}

/// Adds the figures of the tables' cells to `figures` (and to the metrics
/// they count towards), all in text order.
fn add_cell_figures(
    doc: &Document,
    spec: &CompiledSpec,
    reads: &[crate::core::tables::TableRead],
    metrics: &mut [MetricResult],
    figures: &mut Vec<Figure>,
    lang: Lang,
) {
    let text_figures = figures.len();
    tables::cell_figures(doc, spec, reads, metrics, figures, lang);
    if figures.len() > text_figures {
        in_text_order(figures, metrics);
    }
}

/// Sorts figures into text order (cell figures were added at the end),
/// keeping the metrics' references to them.
fn in_text_order(figures: &mut Vec<Figure>, metrics: &mut [MetricResult]) {
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by_key(|&i| (figures[i].range.start, i));
    let mut new_index = vec![0; figures.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut taken: Vec<Option<Figure>> = std::mem::take(figures).into_iter().map(Some).collect();
    *figures = order.iter().filter_map(|&i| taken[i].take()).collect();
    for m in metrics {
        for f in &mut m.figures {
            *f = new_index[*f];
        }
    }
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
