//! The year-over-year diff view (F3) and the figures view (F4): last year's
//! report, the comparison with it (worked out off the UI thread, for the
//! current analysis), switching views, and the layout the views keep
//! (scroll, page). What each view lists and what its keys do are in
//! `diff_view.rs` and `figures_view.rs`; drawing is in `ui`.

use super::{DiffState, FigState, State, View};
use crate::app::keymap::Action;
use crate::app::layout;
use crate::app::msg::{CompareJob, Effect};
use crate::core::check::{CheckOptions, Report, check};
use crate::core::compare::Comparison;
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::text::Loaded;
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

    /// A key in the diff or figures view. Returns whether it was handled.
    pub(super) fn view_act(&mut self, action: Action) -> bool {
        match self.views.view {
            View::Workbench => false,
            View::Diff => self.diff_act(action),
            View::Figures => self.figures_act(action),
        }
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
