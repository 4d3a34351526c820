//! The year-over-year diff view (F3) and the figures view (F4): what they
//! show, in which order, and what their keys do. Drawing is in `ui::views`.

use super::{App, Focus, View, jump};
use crate::app::keymap::Action;
use crate::core::check::{CheckOptions, Report, check};
use crate::core::compare::{CompareOptions, Comparison, FigureChange, ParaStatus, compare};
use crate::core::document::Document;
use crate::core::figures::Figure;
use crate::io::load::Loaded;
use crate::tr;
use std::path::PathBuf;

/// Last year's report, loaded and checked once.
pub struct Previous {
    /// Its file.
    pub path: PathBuf,
    /// Its text, parsed.
    pub doc: Document,
    /// Its checklist verdicts (section roles and figures for the comparison).
    pub report: Report,
}

/// Where the diff view is.
#[derive(Debug, Clone, Default)]
pub struct DiffState {
    /// The selected entry: an index into the comparison's paragraphs.
    pub selected: usize,
    /// Unchanged paragraphs hidden.
    pub only_changes: bool,
    /// The first entry shown, a position in [`App::diff_entries`] (kept
    /// by the drawing, so that the selected entry stays in view).
    pub top: usize,
    /// Entries on the last screen (a page for PageDown / PageUp).
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
    pub fn name(self, lang: crate::core::lang::Lang) -> &'static str {
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
    /// The selected row (index into [`App::figure_rows`]).
    pub selected: usize,
    /// The order.
    pub sort: FigureSort,
    /// The filter.
    pub filter: FigureFilter,
    /// The plans list has the keys (Tab switches).
    pub plans_focused: bool,
    /// The selected plan.
    pub plan_selected: usize,
    /// Rows on the last screen (a page for PageDown / PageUp).
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

impl App {
    /// Loads last year's report for the diff and figures views.
    pub fn set_previous(&mut self, loaded: Loaded) {
        let doc = Document::parse_normalized(loaded.text, loaded.format);
        let report = check(&doc, &self.spec, &CheckOptions { lang: self.lang });
        self.previous = Some(Previous {
            path: loaded.path,
            doc,
            report,
        });
        self.cmp = None;
    }

    /// The comparison of last year's report with the current text, worked
    /// out again after the text changed (a few milliseconds).
    pub fn comparison(&mut self) -> Option<&Comparison> {
        self.on_idle();
        if self.cmp.is_none() {
            let p = self.previous.as_ref()?;
            self.cmp = Some(compare(
                &p.doc,
                &self.doc,
                &p.report,
                &self.report,
                &self.spec,
                &CompareOptions::default(),
            ));
        }
        self.cmp.as_ref()
    }

    /// Shows `view`, or the workbench when it is already shown.
    pub fn toggle_view(&mut self, view: View) {
        if self.view == view {
            self.view = View::Workbench;
            return;
        }
        if view == View::Diff && self.previous.is_none() {
            self.warn(
                "对比需要去年的报告：reportbench 文件 --previous 去年的文件",
                "the comparison needs last year's report: reportbench FILE --previous OLD",
            );
            return;
        }
        self.comparison();
        self.view = view;
        match view {
            View::Diff => {
                // Start where the editor is.
                let at = self.doc.index().line_start(self.editor.cursor().0);
                self.diff.selected = self.entry_at(at).unwrap_or(0);
            }
            View::Figures => {
                let n = self.figure_rows().len();
                self.figs.selected = self.figs.selected.min(n.saturating_sub(1));
            }
            View::Workbench => {}
        }
    }

    /// The diff view's entries (indices into the comparison's paragraphs):
    /// all of them, or only the changes.
    pub fn diff_entries(&self) -> Vec<usize> {
        let Some(cmp) = &self.cmp else {
            return Vec::new();
        };
        (0..cmp.paragraphs.len())
            .filter(|&i| {
                !self.diff.only_changes || cmp.paragraphs[i].status != ParaStatus::Unchanged
            })
            .collect()
    }

    /// The entry whose new paragraph holds byte `at` (or the last one before it).
    fn entry_at(&self, at: usize) -> Option<usize> {
        let cmp = self.cmp.as_ref()?;
        cmp.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.new
                    .is_some_and(|n| self.doc.paragraphs()[n].range.start <= at)
            })
            .map(|(i, _)| i)
            .last()
    }

    /// The figures view's rows, filtered and sorted.
    pub fn figure_rows(&self) -> Vec<FigureRow> {
        let metric_of = |old: Option<usize>, new: Option<usize>| {
            let (old, new) = self.figures_of(old, new);
            new.and_then(|f| f.metric)
                .or_else(|| old.and_then(|f| f.metric))
        };
        let mut rows: Vec<FigureRow> = match &self.cmp {
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
            None => (0..self.report.figures.len())
                .map(|n| FigureRow {
                    old: None,
                    new: Some(n),
                    change: FigureChange::New,
                    metric: self.report.figures[n].metric,
                })
                .collect(),
        };
        rows.retain(|r| match self.figs.filter {
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
        match self.figs.sort {
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
        let old = old.and_then(|o| self.previous.as_ref()?.report.figures.get(o));
        let new = new.and_then(|n| self.report.figures.get(n));
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
            .report
            .figures
            .iter()
            .filter_map(|f| f.metric)
            .chain(
                self.previous
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
        match self.view {
            View::Workbench => false,
            View::Diff => self.diff_act(action),
            View::Figures => self.figures_act(action),
        }
    }

    fn diff_act(&mut self, action: Action) -> bool {
        self.comparison();
        let entries = self.diff_entries();
        let pos = self.diff.position_in(&entries);
        let last = entries.len().saturating_sub(1);
        let page = self.diff.page.max(1);
        let go = |app: &mut App, i: usize| {
            if let Some(&e) = entries.get(i.min(last)) {
                app.diff.selected = e;
            }
        };
        match action {
            Action::Down => go(self, pos + 1),
            Action::Up => go(self, pos.saturating_sub(1)),
            Action::PageDown => go(self, pos + page),
            Action::PageUp => go(self, pos.saturating_sub(page)),
            Action::NextChange | Action::PreviousChange => {
                let Some(cmp) = &self.cmp else { return true };
                let changed = |i: &usize| cmp.paragraphs[*i].status != ParaStatus::Unchanged;
                let found = if action == Action::NextChange {
                    entries.iter().skip(pos + 1).find(|i| changed(i))
                } else {
                    entries.iter().take(pos).rev().find(|i| changed(i))
                };
                match found {
                    Some(&e) => self.diff.selected = e,
                    None => self.say("没有更多变化", "no more changes"),
                }
            }
            Action::ToggleChanges => {
                self.diff.only_changes = !self.diff.only_changes;
                // Stay on the nearest shown entry.
                let shown = self.diff_entries();
                if let Some(&e) = shown.get(self.diff.position_in(&shown)) {
                    self.diff.selected = e;
                }
                self.message = Some((
                    if self.diff.only_changes {
                        self.lang.pick("只看变化", "only changes")
                    } else {
                        self.lang.pick("显示全文", "everything")
                    }
                    .into(),
                    false,
                ));
            }
            Action::Jump => {
                // The same place in this year's text: the paragraph itself,
                // or for a removed one the next paragraph that is still there.
                let target = self.cmp.as_ref().and_then(|cmp| {
                    let s = self.diff.selected;
                    cmp.paragraphs[s..]
                        .iter()
                        .chain(cmp.paragraphs[..s].iter().rev())
                        .find_map(|p| p.new)
                });
                if let Some(n) = target {
                    let at = self.doc.paragraphs()[n].range.start;
                    self.jump_to_byte(at);
                }
            }
            _ => return false,
        }
        true
    }

    fn figures_act(&mut self, action: Action) -> bool {
        self.comparison();
        let plans = self.cmp.as_ref().map_or(0, |c| c.plans.len());
        let n = if self.figs.plans_focused {
            plans
        } else {
            self.figure_rows().len()
        };
        let page = self.figs.page.max(1);
        let sel = if self.figs.plans_focused {
            &mut self.figs.plan_selected
        } else {
            &mut self.figs.selected
        };
        let last = n.saturating_sub(1);
        match action {
            Action::Down => *sel = (*sel + 1).min(last),
            Action::Up => *sel = sel.saturating_sub(1),
            Action::PageDown => *sel = (*sel + page).min(last),
            Action::PageUp => *sel = sel.saturating_sub(page),
            Action::SwitchFocus => {
                if plans > 0 || self.figs.plans_focused {
                    self.figs.plans_focused = !self.figs.plans_focused;
                }
            }
            // Problems are the checklist's: not reachable from here.
            Action::NextProblem | Action::PreviousProblem => {}
            Action::SortFigures => {
                self.figs.sort = self.figs.sort.next();
                self.figs.selected = 0;
                self.message = Some((
                    tr!(
                        self.lang,
                        "排序：{}",
                        "sorted: {}",
                        self.figs.sort.name(self.lang)
                    ),
                    false,
                ));
            }
            Action::FilterMetric => {
                let ms = self.metrics_with_figures();
                self.figs.filter = match self.figs.filter {
                    FigureFilter::All => ms
                        .first()
                        .map_or(FigureFilter::NoMetric, |&m| FigureFilter::Metric(m)),
                    FigureFilter::Metric(m) => ms
                        .iter()
                        .find(|&&x| x > m)
                        .map_or(FigureFilter::NoMetric, |&x| FigureFilter::Metric(x)),
                    FigureFilter::NoMetric => FigureFilter::All,
                };
                self.figs.selected = 0;
                self.figs.plans_focused = false;
            }
            Action::Jump => {
                let at = if self.figs.plans_focused {
                    self.cmp
                        .as_ref()
                        .and_then(|c| c.plans.get(self.figs.plan_selected))
                        .and_then(|p| p.evidence.as_ref())
                        .map(|(r, _)| r.start)
                } else {
                    self.figure_rows()
                        .get(self.figs.selected)
                        .and_then(|r| r.new)
                        .map(|n| self.report.figures[n].range.start)
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

    /// Back to the workbench with the editor's cursor at byte `at`.
    pub(super) fn jump_to_byte(&mut self, at: usize) {
        let pos = self.doc.position(at);
        jump(&mut self.editor, pos.line - 1, pos.column - 1);
        self.view = View::Workbench;
        self.focus = Focus::Editor;
    }
}
