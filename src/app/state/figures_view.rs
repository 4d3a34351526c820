//! The figures view (F4): every figure beside last year's, sorted and
//! filtered, last year's plans, and the view's keys.

use super::State;
use crate::app::keymap::Action;
use crate::core::compare::FigureChange;
use crate::core::figures::Figure;
use crate::core::lang::Lang;
use crate::tr;

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

impl State {
    /// The figures view's place.
    pub fn figs(&self) -> &FigState {
        &self.views.figs
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
    pub(super) fn metrics_with_figures(&self) -> Vec<usize> {
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

    pub(super) fn figures_act(&mut self, action: Action) -> bool {
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
                        // A plan not followed up has no answer to go to
                        // (its nearest paragraph is not one).
                        .filter(|p| p.followed_up)
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
                    None if self.views.figs.plans_focused => self.say(
                        "今年的报告里没有找到对这项计划的回应",
                        "this year's report does not answer this plan",
                    ),
                    None => self.say("今年的报告里没有对应的文字", "not in this year's text"),
                }
            }
            _ => return false,
        }
        true
    }
}
