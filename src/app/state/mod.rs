//! The workbench's state and its decisions: a few owned parts with private
//! fields, each in its own file with the decisions that change it —
//!
//! - `buffer`: the draft's text in the editor, how it is stored, typing;
//! - `analysis`: the text parsed and checked (the checklist);
//! - `files`: the file on disk, the edit lock, saving, reloading, recovery
//!   files and the timers that write them;
//! - `review`: comments and sign-offs (the review file);
//! - `views`: last year's report, the comparison with it, switching views;
//!   `diff_view` and `figures_view`: what each lists and its keys;
//! - `keys` and `overlays`: what keys do in the panes and in the overlays;
//! - `screen` (here): focus, overlay, selection, messages, the terminal size.
//!
//! [`State::update`] takes a [`Msg`] and the time, decides, and returns the
//! [`Effect`]s for the terminal layer to perform. Nothing here reads a
//! file, a clock or the terminal.

mod analysis;
mod buffer;
mod diff_view;
mod figures_view;
mod files;
mod find;
mod fixes;
mod keys;
mod overlays;
mod placer;
mod review;
mod suggestions;
mod views;

pub use diff_view::{DiffState, Mark, Sides};
pub use figures_view::{FigState, FigureFilter, FigureRow, FigureSort};
pub use placer::Placer;
pub use review::{Draft, Prompt};
pub use views::Previous;

use super::keymap::{Keymap, Pane};
use super::msg::{Effect, ExitKeep, FileStamp, Msg, Now};
use crate::core::check::{Report, Status};
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::session::{Holder, Recovered};
use crate::core::spec::CompiledSpec;
use crate::core::text::{Encoding, Loaded};
use analysis::Analysis;
use buffer::Buffer;
use files::FileState;
use ratatui::layout::Rect;
use review::ReviewSession;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tui_textarea::TextArea;
use views::Views;

/// What fills the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// The checklist beside the editor.
    #[default]
    Workbench,
    /// The year-over-year diff (F3).
    Diff,
    /// The figures view (F4).
    Figures,
}

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The checklist.
    Checklist,
    /// The editor.
    Editor,
}

/// What is shown over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing.
    None,
    /// The key help, scrolled this many rows.
    Help(usize),
    /// "Quit without saving?"
    ConfirmQuit,
    /// "Changed on disk: overwrite?"
    ConfirmOverwrite,
    /// Typing a search: Enter searches, Esc cancels.
    Search(String),
    /// Typing what to replace: Enter asks what with, Esc cancels.
    ReplaceFind(String),
    /// Typing what the matches become: Enter starts replacing.
    ReplaceWith(String),
    /// Replacing: this match (selected in the editor)?
    ReplaceAsk,
    /// Typing a file name to save to: Enter saves, Esc cancels.
    SaveAs(String),
    /// Typing a line number: Enter goes there, Esc cancels.
    GoToLine(String),
    /// Unsaved text from an earlier session was found (`true`: text set
    /// aside by a reload, in a file of its own).
    Recover(Recovered, bool),
    /// Another live reportbench edits the file.
    Locked(Holder),
    /// Typing a comment, a reply or a sign-off's reason.
    Input(Prompt, String),
    /// Signing off this checklist item.
    Verdict(String),
    /// The comment list, this one selected.
    Comments(usize),
    /// "Delete this comment?" (its id; the list position to go back to).
    DeleteComment(String, usize),
}

/// One row of the checklist pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A checklist item (index into the report's items).
    Item(usize),
    /// A metric.
    Metric(usize),
    /// A lint.
    Lint(usize),
}

/// The recovery file is written this long after the last edit…
pub const RECOVERY_AFTER_PAUSE: Duration = Duration::from_millis(1000);
/// …or, while typing goes on, at least this often.
pub const RECOVERY_AT_LEAST_EVERY: Duration = Duration::from_millis(2000);
/// A huge draft is re-checked this long after the last edit.
pub const RECHECK_AFTER_PAUSE: Duration = Duration::from_millis(300);
/// How often the file on disk is looked at for someone else's changes.
pub const DISK_CHECK_EVERY: Duration = Duration::from_secs(2);
/// Drafts longer than this (in bytes) are re-checked when typing pauses.
pub const RECHECK_AT_ONCE_UP_TO: usize = 512 * 1024;

/// What the workbench starts with.
pub struct Start {
    /// The draft, loaded.
    pub file: Loaded,
    /// Last year's report (`--previous`), loaded.
    pub previous: Option<Loaded>,
    /// The checklist spec.
    pub spec: CompiledSpec,
    /// Key bindings.
    pub keymap: Keymap,
    /// The interface language.
    pub lang: Lang,
    /// The name comments and sign-offs are written under.
    pub author: String,
    /// Opened with `--review`: the text is read-only, comments and
    /// sign-offs work, no edit lock is taken.
    pub review_mode: bool,
    /// Recovery files can be written (a recovery folder exists).
    pub recovery: bool,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
    /// Which spec was chosen for the draft and why, when worth telling.
    pub spec_note: Option<String>,
    /// The draft's file as it was just before it was read (time and size):
    /// the first look at the disk then needs only these, not a second
    /// read of a huge file. `None` reads and compares it.
    pub seen: Option<FileStamp>,
}

/// Focus, overlay, selection, message: what the screen shows around the
/// text, and the terminal's size (the layout follows from it).
struct Screen {
    focus: Focus,
    overlay: Overlay,
    /// The selected checklist row.
    selected: usize,
    /// The first checklist row shown.
    list_top: usize,
    /// A one-line message for the status bar (`true`: an error).
    message: Option<(String, bool)>,
    /// Where the cursor is in a prompt being typed: characters from its end.
    prompt_back: usize,
    /// Which pane has the room.
    zoom: super::layout::Zoom,
    /// The last search and replacement, and a replacement under way.
    find: find::FindState,
    quit: bool,
    /// The terminal's whole area.
    size: Rect,
}

/// Everything the workbench shows and decides on.
pub struct State {
    buffer: Buffer,
    analysis: Analysis,
    files: FileState,
    review: ReviewSession,
    views: Views,
    screen: Screen,
    keymap: Keymap,
    lang: Lang,
    /// The time of the message being handled.
    now: Now,
    /// Effects decided while handling it.
    fx: Vec<Effect>,
    /// Copies go to the system clipboard too, through the terminal.
    osc52: bool,
}

impl State {
    /// Opens the workbench on a loaded draft; returns the effects to start
    /// with (the edit lock, the review file, recovery files).
    pub fn new(start: Start, now: Now) -> (State, Vec<Effect>) {
        let spec = Arc::new(start.spec);
        let mut buffer = Buffer::new(&start.file);
        // A huge draft's first frame shows its text at once; the checklist
        // follows from a worker.
        let huge = start.file.text.len() > RECHECK_AT_ONCE_UP_TO;
        let analysis = if huge {
            Analysis::pending(&buffer, spec.clone(), start.lang)
        } else {
            Analysis::new(&mut buffer, spec.clone(), start.lang)
        };
        let previous = start.previous.map(|p| Previous::new(p, &spec, start.lang));
        let mut state = State {
            files: FileState::new(&start.file, start.review_mode, start.recovery, start.seen),
            buffer,
            analysis,
            review: ReviewSession::new(
                start.author,
                start.review_mode,
                start.file.comments.clone(),
                start.file.suggestions.clone(),
            ),
            views: Views::new(previous),
            screen: Screen {
                focus: Focus::Editor,
                overlay: Overlay::None,
                selected: 0,
                list_top: 0,
                message: None,
                prompt_back: 0,
                zoom: Default::default(),
                find: Default::default(),
                quit: false,
                size: Rect::new(0, 0, start.size.0, start.size.1),
            },
            keymap: start.keymap,
            lang: start.lang,
            now,
            fx: Vec::new(),
            osc52: true,
        };
        state.start();
        if huge {
            state.request_check();
        }
        if let Some(note) = start.spec_note {
            // After the document's own notes, which the status bar shows first.
            let message = match state.screen.message.take() {
                Some((m, err)) => (format!("{m}{}{note}", state.lang.pick("；", "; ")), err),
                None => (note, false),
            };
            state.screen.message = Some(message);
        }
        let fx = std::mem::take(&mut state.fx);
        (state, fx)
    }

    /// Handles one message at `now`; returns what to do.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        self.now = now;
        match msg {
            Msg::Key(k) => self.on_key(k),
            Msg::Paste(s) => self.on_paste(&s),
            Msg::Mouse(m) => self.on_mouse(m),
            Msg::Resize(w, h) => {
                self.screen.size = Rect::new(0, 0, w, h);
            }
            Msg::AfterEsc(events) => self.on_events_after_esc(events),
            Msg::Tick => self.tick(),
            Msg::Saved(s) => self.on_saved(s),
            Msg::RecoveryWritten { key, result } => self.on_recovery_written(key, result),
            Msg::RecoveryRemoved { key, result } => self.on_recovery_removed(key, result),
            Msg::RecoveryRead { key, result } => self.on_recovery_read(key, result),
            Msg::Locked(outcome) => self.on_locked(outcome),
            Msg::DiskLooked { seen, change } => self.on_disk_looked(seen, change),
            Msg::Reloaded(r) => self.on_reloaded(r),
            Msg::ReviewRead { seen, result } => self.on_review_read(seen, result),
            Msg::ReviewWritten {
                result,
                done,
                retry,
            } => self.on_review_written(result, done, retry),
            Msg::Checked { edits, doc, report } => self.on_checked(edits, doc, *report),
            Msg::Compared {
                generation,
                comparison,
            } => self.on_compared(generation, *comparison),
        }
        self.settle();
        std::mem::take(&mut self.fx)
    }

    /// After every message: what depends on the rest is brought in line —
    /// the checklist's scroll, the views' layout and comparison.
    fn settle(&mut self) {
        let n = self.rows().len();
        if self.screen.selected >= n {
            self.screen.selected = n.saturating_sub(1);
        }
        let visible =
            super::layout::checklist_rows(self.screen.size, self.screen.zoom).height as usize;
        let (sel, top) = (self.screen.selected, self.screen.list_top);
        self.screen.list_top = if visible == 0 || sel < top {
            sel
        } else if sel >= top + visible {
            sel + 1 - visible
        } else {
            top.min(n.saturating_sub(visible))
        };
        self.settle_views();
        self.settle_help();
        self.offer_aside();
    }

    /// Asks for `effect` to be performed.
    fn emit(&mut self, effect: Effect) {
        self.fx.push(effect);
    }

    /// Puts a message on the status bar, in the user's language.
    fn say(&mut self, zh: &'static str, en: &'static str) {
        self.screen.message = Some((self.lang.pick(zh, en).into(), false));
    }

    /// Puts a message on the status bar.
    fn tell(&mut self, text: String) {
        self.screen.message = Some((text, false));
    }

    /// Puts a warning on the status bar (shown as an error), in the user's
    /// language.
    fn warn(&mut self, zh: &'static str, en: &'static str) {
        self.screen.message = Some((self.lang.pick(zh, en).into(), true));
    }

    /// Puts an error on the status bar (made safe to display).
    fn complain(&mut self, e: impl std::fmt::Display) {
        let text = crate::core::messages::localize(&e.to_string(), self.lang);
        self.screen.message = Some((
            crate::core::text::sanitize_for_display(&text).into_owned(),
            true,
        ));
    }

    /// How long the event loop may wait for input before [`Msg::Tick`]
    /// has work to do (`None`: until the next input).
    pub fn next_tick(&self, now: Instant) -> Option<Duration> {
        self.deadlines()
            .into_iter()
            .flatten()
            .map(|d| d.saturating_duration_since(now))
            .min()
    }

    /// Builds the handlers' first copy of the text (the whole text: 10 ms at
    /// 4M characters) after a frame, so that no frame or key waits for it;
    /// later copies cost what changed ([`State::exit_keep`]).
    pub fn prepare_exit_keep(&mut self) {
        self.buffer.prepare_snapshot();
    }

    /// What the hang-up, termination and panic handlers keep: the text in
    /// shared chunks, those of lines changed since the last call built
    /// again ([`crate::core::snapshot::TextSnapshot`]).
    pub fn exit_keep(&mut self) -> ExitKeep {
        ExitKeep {
            path: self.buffer.path.clone(),
            text: self.buffer.modified.then(|| self.buffer.snapshot()),
            pending: match &self.screen.overlay {
                Overlay::Input(_, text) => text.clone(),
                _ => String::new(),
            },
            recovery: self.files.recovery,
        }
    }

    // ---- What the screen shows (read by `ui`, tests and the terminal layer).

    /// The draft's file.
    pub fn path(&self) -> &Path {
        &self.buffer.path
    }

    /// Its encoding.
    pub fn encoding(&self) -> Encoding {
        self.buffer.encoding
    }

    /// The editor.
    pub fn editor(&self) -> &TextArea<'static> {
        &self.buffer.editor
    }

    /// The editor's text, `\n`-separated.
    pub fn text(&self) -> String {
        self.buffer.editor.lines().join("\n")
    }

    /// Unsaved changes.
    pub fn is_modified(&self) -> bool {
        self.buffer.modified
    }

    /// The parsed text (as of the last re-check).
    pub fn doc(&self) -> &Document {
        &self.analysis.doc
    }

    /// The checklist verdicts (as of the last re-check).
    pub fn report(&self) -> &Report {
        &self.analysis.report
    }

    /// The spec.
    pub fn spec(&self) -> &CompiledSpec {
        &self.analysis.spec
    }

    /// The text has not been checked yet (a huge draft just opened): the
    /// checklist's statuses are not known.
    pub fn is_pending(&self) -> bool {
        self.analysis.pending
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The key bindings.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// What fills the screen.
    pub fn view(&self) -> View {
        self.views.view
    }

    /// What has the keyboard.
    pub fn focus(&self) -> Focus {
        self.screen.focus
    }

    /// What is shown over the panes.
    pub fn overlay(&self) -> &Overlay {
        &self.screen.overlay
    }

    /// The selected checklist row.
    pub fn selected(&self) -> usize {
        self.screen.selected
    }

    /// The first checklist row shown.
    pub fn list_top(&self) -> usize {
        self.screen.list_top
    }

    /// Whether copies go to the system clipboard through the terminal
    /// (OSC 52; on unless the config says `clipboard: off`).
    pub fn set_osc52(&mut self, on: bool) {
        self.osc52 = on;
    }

    /// Which pane has the room (F10).
    pub fn zoom(&self) -> super::layout::Zoom {
        self.screen.zoom
    }

    /// F10: the focused pane gets the room, or (pressed again) the usual
    /// split comes back.
    fn toggle_zoom(&mut self) {
        use super::layout::Zoom;
        let (zoom, zh, en) = match (self.screen.zoom, self.screen.focus) {
            (Zoom::Even, Focus::Editor) => (
                Zoom::Editor,
                "编辑区已放大（再按一次还原）",
                "the editor has the room (again: back)",
            ),
            (Zoom::Even, Focus::Checklist) => (
                Zoom::Checklist,
                "清单已放大（再按一次还原）",
                "the checklist has the room (again: back)",
            ),
            _ => (Zoom::Even, "已还原", "back to the usual split"),
        };
        self.screen.zoom = zoom;
        self.say(zh, en);
    }

    /// The status bar's message (`true`: an error).
    pub fn message(&self) -> Option<&(String, bool)> {
        self.screen.message.as_ref()
    }

    /// The user chose to quit.
    pub fn should_quit(&self) -> bool {
        self.screen.quit
    }

    /// The terminal's area.
    pub fn size(&self) -> Rect {
        self.screen.size
    }

    /// Seconds since 1970 as of the last message (for "5 minutes ago").
    pub fn now_unix(&self) -> u64 {
        self.now.unix
    }

    /// The file was changed on disk by someone else since it was loaded or saved.
    pub fn changed_on_disk(&self) -> bool {
        self.files.changed_on_disk
    }

    /// Where the cursor is in the prompt being typed: characters from the
    /// end of what was typed.
    pub fn prompt_cursor_back(&self) -> usize {
        self.screen.prompt_back
    }

    /// Viewing only (another reportbench edits the file, `--review`, or a
    /// document read out of Word).
    pub fn is_read_only(&self) -> bool {
        self.files.read_only
    }

    /// What kind of file the draft is.
    pub fn source(&self) -> crate::core::text::SourceFormat {
        self.files.source
    }

    /// Opened with `--review`.
    pub fn review_mode(&self) -> bool {
        self.review.mode
    }

    /// The pane that has the keyboard.
    pub fn pane(&self) -> Pane {
        match self.views.view {
            View::Diff => return Pane::Diff,
            View::Figures => return Pane::Figures,
            View::Workbench => {}
        }
        match self.screen.focus {
            Focus::Checklist => Pane::Checklist,
            Focus::Editor => Pane::Editor,
        }
    }

    /// The checklist rows: required and optional items, then metrics, then lints.
    pub fn rows(&self) -> Vec<Row> {
        let r = &self.analysis.report;
        (0..r.items.len())
            .map(Row::Item)
            .chain((0..r.metrics.len()).map(Row::Metric))
            .chain((0..r.lints.len()).map(Row::Lint))
            .collect()
    }

    /// (required met, required) for the gauge.
    pub fn gauge(&self) -> (usize, usize) {
        self.analysis.report.required_counts()
    }

    /// The problems (unmet required items and lints), and the line of the
    /// first lint after the cursor (else the first one): what F8 goes to,
    /// for a terminal too small to list them.
    pub fn problem_summary(&self) -> (usize, Option<usize>) {
        let r = &self.analysis.report;
        let unmet = r
            .items
            .iter()
            .filter(|i| i.required && !i.status.is_satisfied())
            .count();
        let cursor_line = self.buffer.editor.cursor().0 + 1;
        // Lints are in text order.
        let after = r.lints.partition_point(|l| l.position.line <= cursor_line);
        let next = r
            .lints
            .get(after)
            .or(r.lints.first())
            .map(|l| l.position.line);
        (unmet + r.lints.len(), next)
    }

    /// The status of a row, for its glyph and style.
    pub fn row_status(&self, r: &Row) -> Option<Status> {
        let report = &self.analysis.report;
        match r {
            Row::Item(i) => Some(report.items[*i].status),
            Row::Metric(m) => Some(report.metrics[*m].status),
            Row::Lint(_) => None,
        }
    }
}

#[cfg(test)]
mod checklist_tests;
#[cfg(test)]
mod comment_tests;
#[cfg(test)]
mod huge_draft_tests;
#[cfg(test)]
mod live_check_tests;
#[cfg(test)]
mod suggestion_tests;
#[cfg(test)]
mod tests;
