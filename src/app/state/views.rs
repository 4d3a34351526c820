//! The year-over-year diff view (F3) and the figures view (F4): last year's
//! report, the comparison with it (worked out off the UI thread, for the
//! current analysis), what each view lists and in which order, what their
//! keys do, and the layout they keep (scroll, page). Drawing is in `ui`.

use super::{State, View};
use crate::app::keymap::Action;
use crate::app::layout;
use crate::app::msg::{CompareJob, Effect};
use crate::core::check::{CheckOptions, Report, check};
use crate::core::compare::{Comparison, FigureChange, ParaChange, ParaStatus, SpanOp};
use crate::core::document::Document;
use crate::core::figures::Figure;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::text::Loaded;
use crate::tr;
use std::path::PathBuf;
use std::sync::Arc;

/// Last year's report, loaded and checked once.
pub struct Previous {
    /// Its file.
    pub path: PathBuf,
    /// Its text, parsed.
    pub doc: Arc<Document>,
    /// Its checklist verdicts (section roles and figures for the comparison).
    pub report: Arc<Report>,
}

impl Previous {
    /// Parses and checks last year's report.
    pub fn new(loaded: Loaded, spec: &CompiledSpec, lang: Lang) -> Previous {
        let doc = Document::parse_normalized(loaded.text, loaded.format);
        let report = check(&doc, spec, &CheckOptions { lang });
        Previous {
            path: loaded.path,
            doc: Arc::new(doc),
            report: Arc::new(report),
        }
    }
}

/// Where the diff view is.
#[derive(Debug, Clone, Default)]
pub struct DiffState {
    /// The selected entry: an index into the comparison's paragraphs.
    pub selected: usize,
    /// Unchanged paragraphs hidden.
    pub only_changes: bool,
    /// The first entry shown, a position in [`State::diff_entries`] (kept
    /// so that the selected entry stays in view).
    pub top: usize,
    /// Entries on the screen (a page for PageDown / PageUp).
    pub page: usize,
}

impl DiffState {
    /// Where the selected entry is in `entries` (those shown): its
    /// position, or that of the first shown entry after it, or the last.
    pub fn position_in(&self, entries: &[usize]) -> usize {
        entries
            .iter()
            .position(|&e| e >= self.selected)
            .unwrap_or(entries.len().saturating_sub(1))
    }
}

/// The order of the figures view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FigureSort {
    /// As they appear in this year's report, then last year's figures that
    /// have no counterpart this year.
    #[default]
    Document,
    /// By metric, then document order.
    Metric,
    /// New, up, down, same, dropped.
    Change,
    /// By the size of the change (relative), largest first.
    Size,
}

impl FigureSort {
    fn next(self) -> FigureSort {
        match self {
            FigureSort::Document => FigureSort::Metric,
            FigureSort::Metric => FigureSort::Change,
            FigureSort::Change => FigureSort::Size,
            FigureSort::Size => FigureSort::Document,
        }
    }

    /// Its name on screen.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            FigureSort::Document => lang.pick("原文顺序", "document order"),
            FigureSort::Metric => lang.pick("按指标", "by metric"),
            FigureSort::Change => lang.pick("按变化", "by change"),
            FigureSort::Size => lang.pick("按幅度", "by size of change"),
        }
    }
}

/// Which figures the figures view shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FigureFilter {
    /// All of them.
    #[default]
    All,
    /// Those counting for one metric (index into the spec's metrics).
    Metric(usize),
    /// Those counting for no metric.
    NoMetric,
}

/// Where the figures view is.
#[derive(Debug, Clone, Default)]
pub struct FigState {
    /// The selected row (index into [`State::figure_rows`]).
    pub selected: usize,
    /// The order.
    pub sort: FigureSort,
    /// The filter.
    pub filter: FigureFilter,
    /// The plans list has the keys (Tab switches).
    pub plans_focused: bool,
    /// The selected plan.
    pub plan_selected: usize,
    /// Rows on the screen (a page for PageDown / PageUp).
    pub page: usize,
}

/// One row of the figures view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureRow {
    /// Last year's figure (index into the previous report's figures).
    pub old: Option<usize>,
    /// This year's figure (index into the report's figures).
    pub new: Option<usize>,
    /// How it moved (`New` for every figure when there is no previous report).
    pub change: FigureChange,
    /// The metric it counts for.
    pub metric: Option<usize>,
}

/// What a run of text in the diff view is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// As it was.
    Plain,
    /// Only this year.
    Insert,
    /// Only last year.
    Delete,
    /// A year rolled forward (expected: dimmed, not marked).
    Rolled,
}

/// A diff entry's text as runs: last year's side, this year's side, and the
/// two interleaved for the stacked layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sides {
    /// Last year's side.
    pub old: Vec<(String, Mark)>,
    /// This year's side.
    pub new: Vec<(String, Mark)>,
    /// Both, interleaved (a rolled year reads as this year's).
    pub inline: Vec<(String, Mark)>,
}

/// The views and what they show.
pub(super) struct Views {
    pub(super) view: View,
    pub(super) previous: Option<Previous>,
    /// The comparison and the analysis generation it was worked out for.
    pub(super) cmp: Option<(u64, Comparison)>,
    /// A comparison asked for and not yet answered (its generation).
    pub(super) comparing: Option<u64>,
    /// The diff view was opened before its comparison was there: its
    /// selection starts at the editor's cursor when it arrives.
    pub(super) start_at_cursor: bool,
    pub(super) diff: DiffState,
    pub(super) figs: FigState,
}

impl Views {
    pub(super) fn new(previous: Option<Previous>) -> Views {
        Views {
            view: View::Workbench,
            previous,
            cmp: None,
            comparing: None,
            start_at_cursor: false,
            diff: DiffState::default(),
            figs: FigState::default(),
        }
    }
}

/// The year `YYYY年` whose digits include `text[a..b]` (only digits).
fn year_around(text: &str, a: usize, b: usize) -> Option<i32> {
    let bytes = text.as_bytes();
    let inner = text.get(a..b)?;
    if inner.is_empty() || !inner.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start = (0..a)
        .rev()
        .take_while(|&i| bytes[i].is_ascii_digit())
        .last()
        .unwrap_or(a);
    let end = (b..bytes.len())
        .take_while(|&i| bytes[i].is_ascii_digit())
        .last()
        .map_or(b, |i| i + 1);
    (end - start == 4 && text[end..].starts_with('年'))
        .then(|| text[start..end].parse().ok())
        .flatten()
}

impl State {
    /// Last year's report, if given.
    pub fn previous(&self) -> Option<&Previous> {
        self.views.previous.as_ref()
    }

    /// The comparison with last year's report, when it is of the current
    /// text (`None` while it is being worked out).
    pub fn comparison(&self) -> Option<&Comparison> {
        match &self.views.cmp {
            Some((g, c)) if *g == self.analysis.generation => Some(c),
            _ => None,
        }
    }

    /// The diff view's place.
    pub fn diff(&self) -> &DiffState {
        &self.views.diff
    }

    /// The figures view's place.
    pub fn figs(&self) -> &FigState {
        &self.views.figs
    }

    /// Asks for the comparison of the current analysis, unless it is there
    /// or asked for already.
    pub(super) fn request_comparison(&mut self) {
        let g = self.analysis.generation;
        let Some(p) = &self.views.previous else {
            return;
        };
        if self.comparison().is_some() || self.views.comparing == Some(g) {
            return;
        }
        self.views.comparing = Some(g);
        let job = CompareJob {
            generation: g,
            old: p.doc.clone(),
            old_report: p.report.clone(),
            new: self.analysis.doc.clone(),
            new_report: self.analysis.report.clone(),
            spec: self.analysis.spec.clone(),
        };
        self.emit(Effect::Compare(job));
    }

    /// A comparison arrived: kept if it is of the current text (else a
    /// newer one is asked for when a view needs it).
    pub(super) fn on_compared(&mut self, generation: u64, cmp: Comparison) {
        if self.views.comparing == Some(generation) {
            self.views.comparing = None;
        }
        if generation == self.analysis.generation {
            self.views.cmp = Some((generation, cmp));
            if std::mem::take(&mut self.views.start_at_cursor) && self.views.view == View::Diff {
                self.diff_start_at_cursor();
            }
        } else if self.views.view != View::Workbench {
            self.request_comparison();
        }
    }

    /// Shows `view`, or the workbench when it is already shown.
    pub(super) fn toggle_view(&mut self, view: View) {
        if self.views.view == view {
            self.views.view = View::Workbench;
            return;
        }
        if view == View::Diff && self.views.previous.is_none() {
            self.warn(
                "对比需要去年的报告：reportbench 文件 --previous 去年的文件",
                "the comparison needs last year's report: reportbench FILE --previous OLD",
            );
            return;
        }
        self.catch_up();
        self.request_comparison();
        self.views.view = view;
        if view == View::Diff {
            if self.comparison().is_some() {
                self.diff_start_at_cursor();
            } else {
                self.views.start_at_cursor = true;
            }
        }
    }

    /// The diff view starts where the editor is.
    fn diff_start_at_cursor(&mut self) {
        let at = self
            .analysis
            .doc
            .index()
            .line_start(self.buffer.editor.cursor().0);
        self.views.diff.selected = self.entry_at(at).unwrap_or(0);
    }

    /// The diff view's entries (indices into the comparison's paragraphs):
    /// all of them, or only the changes.
    pub fn diff_entries(&self) -> Vec<usize> {
        let Some(cmp) = self.comparison() else {
            return Vec::new();
        };
        (0..cmp.paragraphs.len())
            .filter(|&i| {
                !self.views.diff.only_changes || cmp.paragraphs[i].status != ParaStatus::Unchanged
            })
            .collect()
    }

    /// The entry whose new paragraph holds byte `at` (or the last one before it).
    fn entry_at(&self, at: usize) -> Option<usize> {
        let cmp = self.comparison()?;
        cmp.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.new
                    .is_some_and(|n| self.analysis.doc.paragraphs()[n].range.start <= at)
            })
            .map(|(i, _)| i)
            .last()
    }

    /// A diff entry's text as marked runs: inserted and deleted text, and
    /// years rolled forward (dimmed, not marked: they are expected).
    pub fn diff_sides(&self, p: &ParaChange) -> Sides {
        let old_text = p
            .old
            .and_then(|o| {
                self.views
                    .previous
                    .as_ref()
                    .map(|pr| pr.doc.paragraph_text(o))
            })
            .unwrap_or("");
        let new_text = p
            .new
            .map(|n| self.analysis.doc.paragraph_text(n))
            .unwrap_or("");
        let mut s = Sides::default();
        let push = |v: &mut Vec<(String, Mark)>, t: &str, m: Mark| v.push((t.to_owned(), m));
        match p.status {
            ParaStatus::Added => {
                push(&mut s.new, new_text, Mark::Insert);
                push(&mut s.inline, new_text, Mark::Insert);
            }
            ParaStatus::Removed => {
                push(&mut s.old, old_text, Mark::Delete);
                push(&mut s.inline, old_text, Mark::Delete);
            }
            _ if !p.spans.is_empty() => {
                let rolled = self.rolled_year_spans(p, old_text, new_text);
                for (sp, &is_rolled) in p.spans.iter().zip(&rolled) {
                    let (d, i) = if is_rolled {
                        (Mark::Rolled, Mark::Rolled)
                    } else {
                        (Mark::Delete, Mark::Insert)
                    };
                    match sp.op {
                        SpanOp::Equal => {
                            push(&mut s.old, &sp.text, Mark::Plain);
                            push(&mut s.new, &sp.text, Mark::Plain);
                            push(&mut s.inline, &sp.text, Mark::Plain);
                        }
                        SpanOp::Delete => {
                            push(&mut s.old, &sp.text, d);
                            // A rolled year reads as this year's in the redline.
                            if !is_rolled {
                                push(&mut s.inline, &sp.text, d);
                            }
                        }
                        SpanOp::Insert => {
                            push(&mut s.new, &sp.text, i);
                            push(&mut s.inline, &sp.text, i);
                        }
                    }
                }
            }
            _ if p.year_rolled => {
                // Years rolled forward are expected: shown dimmed, not marked.
                let d = similar::TextDiff::from_chars(old_text, new_text);
                for c in d.iter_all_changes() {
                    let t = c.value();
                    match c.tag() {
                        similar::ChangeTag::Equal => {
                            push(&mut s.old, t, Mark::Plain);
                            push(&mut s.new, t, Mark::Plain);
                            push(&mut s.inline, t, Mark::Plain);
                        }
                        similar::ChangeTag::Delete => push(&mut s.old, t, Mark::Rolled),
                        similar::ChangeTag::Insert => {
                            push(&mut s.new, t, Mark::Rolled);
                            push(&mut s.inline, t, Mark::Rolled);
                        }
                    }
                }
            }
            _ => {
                push(&mut s.old, old_text, Mark::Plain);
                push(&mut s.new, new_text, Mark::Plain);
                push(&mut s.inline, new_text, Mark::Plain);
            }
        }
        s
    }

    /// Which inline spans of a changed paragraph are only a year rolled
    /// forward (a deleted `3` beside an inserted `4` inside 2023年 → 2024年).
    fn rolled_year_spans(&self, p: &ParaChange, old: &str, new: &str) -> Vec<bool> {
        let shift = self.comparison().map_or(1, |c| c.year_shift);
        let old_year = self.views.previous.as_ref().and_then(|pr| pr.doc.year());
        let mut out = vec![false; p.spans.len()];
        // Byte ranges of each span in the old and the new text.
        let mut ranges = Vec::with_capacity(p.spans.len());
        let (mut o, mut n) = (0usize, 0usize);
        for sp in &p.spans {
            let len = sp.text.len();
            ranges.push(match sp.op {
                SpanOp::Equal => {
                    o += len;
                    n += len;
                    (o - len..o, n - len..n)
                }
                SpanOp::Delete => {
                    o += len;
                    (o - len..o, n..n)
                }
                SpanOp::Insert => {
                    n += len;
                    (o..o, n - len..n)
                }
            });
        }
        for k in 0..p.spans.len().saturating_sub(1) {
            let (del, ins) = match (p.spans[k].op, p.spans[k + 1].op) {
                (SpanOp::Delete, SpanOp::Insert) => (k, k + 1),
                (SpanOp::Insert, SpanOp::Delete) => (k + 1, k),
                _ => continue,
            };
            let (ro, _) = &ranges[del];
            let (_, rn) = &ranges[ins];
            let (Some(yo), Some(yn)) = (
                year_around(old, ro.start, ro.end),
                year_around(new, rn.start, rn.end),
            ) else {
                continue;
            };
            let near = old_year.is_none_or(|y| (y - 1..=y + 1).contains(&yo));
            if yn - yo == shift && near {
                out[del] = true;
                out[ins] = true;
            }
        }
        out
    }

    /// The figures view's rows, filtered and sorted.
    pub fn figure_rows(&self) -> Vec<FigureRow> {
        let metric_of = |old: Option<usize>, new: Option<usize>| {
            let (old, new) = self.figures_of(old, new);
            new.and_then(|f| f.metric)
                .or_else(|| old.and_then(|f| f.metric))
        };
        let mut rows: Vec<FigureRow> = match self.comparison() {
            Some(cmp) => cmp
                .figures
                .iter()
                .map(|p| FigureRow {
                    old: p.old,
                    new: p.new,
                    change: p.change,
                    metric: metric_of(p.old, p.new),
                })
                .collect(),
            None => (0..self.analysis.report.figures.len())
                .map(|n| FigureRow {
                    old: None,
                    new: Some(n),
                    change: FigureChange::New,
                    metric: self.analysis.report.figures[n].metric,
                })
                .collect(),
        };
        rows.retain(|r| match self.views.figs.filter {
            FigureFilter::All => true,
            FigureFilter::Metric(m) => r.metric == Some(m),
            FigureFilter::NoMetric => r.metric.is_none(),
        });
        let change_rank = |c: FigureChange| match c {
            FigureChange::New => 0,
            FigureChange::Up => 1,
            FigureChange::Down => 2,
            FigureChange::Same => 3,
            FigureChange::Dropped => 4,
        };
        match self.views.figs.sort {
            // The comparison's order already follows this year's text.
            FigureSort::Document => {}
            FigureSort::Metric => rows.sort_by_key(|r| r.metric.unwrap_or(usize::MAX)),
            FigureSort::Change => rows.sort_by_key(|r| change_rank(r.change)),
            FigureSort::Size => {
                let size = |r: &FigureRow| match self.figure_values(r) {
                    (Some(a), Some(b)) if a != 0.0 => ((b - a) / a).abs(),
                    (Some(_), Some(_)) => f64::INFINITY,
                    _ => -1.0,
                };
                rows.sort_by(|a, b| size(b).total_cmp(&size(a)));
            }
        }
        rows
    }

    /// (last year's figure, this year's figure) for indices into the
    /// previous and the current report's figures.
    pub fn figures_of(
        &self,
        old: Option<usize>,
        new: Option<usize>,
    ) -> (Option<&Figure>, Option<&Figure>) {
        let old = old.and_then(|o| self.views.previous.as_ref()?.report.figures.get(o));
        let new = new.and_then(|n| self.analysis.report.figures.get(n));
        (old, new)
    }

    /// (last year's figure, this year's figure) of a row.
    pub fn row_figures(&self, r: &FigureRow) -> (Option<&Figure>, Option<&Figure>) {
        self.figures_of(r.old, r.new)
    }

    /// (last year's value, this year's value) of a row.
    pub fn figure_values(&self, r: &FigureRow) -> (Option<f64>, Option<f64>) {
        let (old, new) = self.row_figures(r);
        (old.map(|f| f.value), new.map(|f| f.value))
    }

    /// The metrics that have figures in the view (for the filter).
    fn metrics_with_figures(&self) -> Vec<usize> {
        let mut ms: Vec<usize> = self
            .analysis
            .report
            .figures
            .iter()
            .filter_map(|f| f.metric)
            .chain(
                self.views
                    .previous
                    .iter()
                    .flat_map(|p| p.report.figures.iter().filter_map(|f| f.metric)),
            )
            .collect();
        ms.sort_unstable();
        ms.dedup();
        ms
    }

    /// A key in the diff or figures view. Returns whether it was handled.
    pub(super) fn view_act(&mut self, action: Action) -> bool {
        match self.views.view {
            View::Workbench => false,
            View::Diff => self.diff_act(action),
            View::Figures => self.figures_act(action),
        }
    }

    fn diff_act(&mut self, action: Action) -> bool {
        let entries = self.diff_entries();
        let pos = self.views.diff.position_in(&entries);
        let last = entries.len().saturating_sub(1);
        let page = self.views.diff.page.max(1);
        let go = |s: &mut State, i: usize| {
            if let Some(&e) = entries.get(i.min(last)) {
                s.views.diff.selected = e;
            }
        };
        match action {
            Action::Down => go(self, pos + 1),
            Action::Up => go(self, pos.saturating_sub(1)),
            Action::PageDown => go(self, pos + page),
            Action::PageUp => go(self, pos.saturating_sub(page)),
            Action::NextChange | Action::PreviousChange => {
                let Some(cmp) = self.comparison() else {
                    return true;
                };
                let changed = |i: &usize| cmp.paragraphs[*i].status != ParaStatus::Unchanged;
                let found = if action == Action::NextChange {
                    entries.iter().skip(pos + 1).find(|i| changed(i))
                } else {
                    entries.iter().take(pos).rev().find(|i| changed(i))
                };
                match found.copied() {
                    Some(e) => self.views.diff.selected = e,
                    None => self.say("没有更多变化", "no more changes"),
                }
            }
            Action::ToggleChanges => {
                self.views.diff.only_changes = !self.views.diff.only_changes;
                // Stay on the nearest shown entry.
                let shown = self.diff_entries();
                if let Some(&e) = shown.get(self.views.diff.position_in(&shown)) {
                    self.views.diff.selected = e;
                }
                if self.views.diff.only_changes {
                    self.say("只看变化", "only changes");
                } else {
                    self.say("显示全文", "everything");
                }
            }
            Action::Jump => {
                // The same place in this year's text: the paragraph itself,
                // or for a removed one the next paragraph that is still there.
                let target = self.comparison().and_then(|cmp| {
                    let s = self.views.diff.selected.min(cmp.paragraphs.len());
                    cmp.paragraphs[s..]
                        .iter()
                        .chain(cmp.paragraphs[..s].iter().rev())
                        .find_map(|p| p.new)
                });
                if let Some(n) = target {
                    let at = self.analysis.doc.paragraphs()[n].range.start;
                    self.jump_to_byte(at);
                }
            }
            _ => return false,
        }
        true
    }

    fn figures_act(&mut self, action: Action) -> bool {
        let plans = self.comparison().map_or(0, |c| c.plans.len());
        let n = if self.views.figs.plans_focused {
            plans
        } else {
            self.figure_rows().len()
        };
        let figs = &mut self.views.figs;
        let page = figs.page.max(1);
        let sel = if figs.plans_focused {
            &mut figs.plan_selected
        } else {
            &mut figs.selected
        };
        let last = n.saturating_sub(1);
        match action {
            Action::Down => *sel = (*sel + 1).min(last),
            Action::Up => *sel = sel.saturating_sub(1),
            Action::PageDown => *sel = (*sel + page).min(last),
            Action::PageUp => *sel = sel.saturating_sub(page),
            Action::SwitchFocus => {
                if plans > 0 || figs.plans_focused {
                    figs.plans_focused = !figs.plans_focused;
                }
            }
            // Problems are the checklist's: not reachable from here.
            Action::NextProblem | Action::PreviousProblem => {}
            Action::SortFigures => {
                figs.sort = figs.sort.next();
                figs.selected = 0;
                let name = figs.sort.name(self.lang);
                self.tell(tr!(self.lang, "排序：{}", "sorted: {}", name));
            }
            Action::FilterMetric => {
                let ms = self.metrics_with_figures();
                let figs = &mut self.views.figs;
                figs.filter = match figs.filter {
                    FigureFilter::All => ms
                        .first()
                        .map_or(FigureFilter::NoMetric, |&m| FigureFilter::Metric(m)),
                    FigureFilter::Metric(m) => ms
                        .iter()
                        .find(|&&x| x > m)
                        .map_or(FigureFilter::NoMetric, |&x| FigureFilter::Metric(x)),
                    FigureFilter::NoMetric => FigureFilter::All,
                };
                figs.selected = 0;
                figs.plans_focused = false;
            }
            Action::Jump => {
                let at = if self.views.figs.plans_focused {
                    self.comparison()
                        .and_then(|c| c.plans.get(self.views.figs.plan_selected))
                        .and_then(|p| p.evidence.as_ref())
                        .map(|(r, _)| r.start)
                } else {
                    self.figure_rows()
                        .get(self.views.figs.selected)
                        .and_then(|r| r.new)
                        .map(|n| self.analysis.report.figures[n].range.start)
                };
                match at {
                    Some(at) => self.jump_to_byte(at),
                    None => self.say("今年的报告里没有对应的文字", "not in this year's text"),
                }
            }
            _ => return false,
        }
        true
    }

    /// The views' layout after every message: the comparison a shown view
    /// needs, the selection within the rows, the diff view's first entry
    /// (the selected one in view) and pages.
    pub(super) fn settle_views(&mut self) {
        if self.views.view == View::Workbench {
            return;
        }
        self.request_comparison();
        let area = self.screen.size;
        match self.views.view {
            View::Figures => {
                let n = self.figure_rows().len();
                let figs = &mut self.views.figs;
                figs.selected = figs.selected.min(n.saturating_sub(1));
                let plans = self.comparison().map_or(0, |c| c.plans.len());
                let figs = &mut self.views.figs;
                figs.plan_selected = figs.plan_selected.min(plans.saturating_sub(1));
                figs.page = layout::figures(area).map_or(1, |g| g.page);
            }
            View::Diff => {
                let Some(g) = layout::diff(area) else {
                    return;
                };
                let entries = self.diff_entries();
                let Some(cmp) = self.comparison() else {
                    return;
                };
                if entries.is_empty() {
                    self.views.diff.top = 0;
                    self.views.diff.page = 1;
                    return;
                }
                let sel = self.views.diff.position_in(&entries);
                let height = |pos: usize| {
                    layout::entry_height(&self.diff_sides(&cmp.paragraphs[entries[pos]]), &g)
                };
                let (top, page) = layout::diff_window(
                    entries.len(),
                    sel,
                    self.views.diff.top,
                    g.body.height as usize,
                    height,
                );
                self.views.diff.top = top;
                self.views.diff.page = page;
            }
            View::Workbench => {}
        }
    }
}
