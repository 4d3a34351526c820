//! The workbench's state and its update function: no terminal here, so that
//! it can be driven and rendered in tests.

use super::keymap::{Action, Key, Keymap, Pane};
use crate::core::check::{CheckOptions, Report, Status, check};
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::text::TextFormat;
use crate::io::load::{Encoding, Loaded};
use crate::io::lock::{self, Acquired, Holder};
use crate::io::recovery::{self, Recovered};
use crate::io::save::{Fingerprint, RealFs, SaveError, save_atomic};
use crate::tr;
use crate::ui::theme::Theme;
use crossterm::event::KeyEvent;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tui_textarea::{CursorMove, TextArea, WrapMode};

mod files;
mod reviewing;
mod views;

pub use files::Snapshot;

pub use reviewing::{Draft, Prompt};
pub use views::{DiffState, FigState, FigureFilter, FigureRow, FigureSort, Previous};

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

/// An editor holding `text`: word wrap, a long undo history.
fn new_editor(text: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(text.split('\n').map(str::to_owned).collect());
    editor.set_wrap_mode(WrapMode::Word);
    editor.set_max_histories(10_000);
    editor
}

/// Moves the cursor to (row, col), clamped by the widget to the text.
fn jump(editor: &mut TextArea<'static>, row: usize, col: usize) {
    editor.move_cursor(CursorMove::Jump(
        row.min(u16::MAX as usize) as u16,
        col.min(u16::MAX as usize) as u16,
    ));
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
    /// "Quit without saving?" — y quits, anything else cancels.
    ConfirmQuit,
    /// "Changed on disk: overwrite?" — y overwrites, r reloads the file from
    /// disk (unsaved text goes to the recovery file), a saves under another
    /// name, anything else cancels.
    ConfirmOverwrite,
    /// Typing a search: Enter searches, Esc cancels.
    Search(String),
    /// Typing a file name to save to: Enter saves, Esc cancels.
    SaveAs(String),
    /// Unsaved text from an earlier session was found: r restores it,
    /// d discards it, Esc opens the file as saved and keeps the recovery file.
    Recover(Recovered),
    /// Another live reportbench edits the file: o (or Esc) opens it
    /// read-only, e edits anyway (taking the lock over), q quits.
    Locked(Holder),
    /// Typing a comment, a reply or a sign-off's reason: Enter saves it to
    /// the review file, Esc cancels.
    Input(Prompt, String),
    /// Signing off this checklist item: m met, x not met, a not applicable,
    /// u withdraw; then the reason.
    Verdict(String),
    /// The comment list, this one selected.
    Comments(usize),
    /// "Delete this comment?" (its id; the list position to go back to).
    DeleteComment(String, usize),
}

/// The recovery file is written this long after the last edit…
pub const RECOVERY_AFTER_PAUSE: Duration = Duration::from_millis(1000);
/// …or, while typing goes on, at least this often.
pub const RECOVERY_AT_LEAST_EVERY: Duration = Duration::from_millis(2000);
/// A huge draft is re-checked this long after the last edit.
pub const RECHECK_AFTER_PAUSE: Duration = Duration::from_millis(300);

/// One row of the checklist pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A checklist item (index into the report's items).
    Item(usize),
    /// A metric.
    Metric(usize),
    /// A lint.
    Lint(usize),
}

/// Everything the workbench shows.
pub struct App {
    /// The file being edited.
    pub path: PathBuf,
    /// Its encoding.
    pub encoding: Encoding,
    /// Its BOM and line endings.
    pub format: TextFormat,
    /// What the file on disk looked like when loaded or last saved.
    pub fingerprint: Option<Fingerprint>,
    /// The editor.
    pub editor: TextArea<'static>,
    /// The parsed text (as of the last re-check).
    pub doc: Document,
    /// The checklist verdicts (as of the last re-check).
    pub report: Report,
    /// The spec.
    pub spec: CompiledSpec,
    /// Keys.
    pub keymap: Keymap,
    /// Colours.
    pub theme: Theme,
    /// Language.
    pub lang: Lang,
    /// Focus.
    pub focus: Focus,
    /// Overlay.
    pub overlay: Overlay,
    /// The selected checklist row.
    pub selected: usize,
    /// Unsaved changes.
    pub modified: bool,
    /// A one-line message for the status bar.
    pub message: Option<(String, bool)>,
    /// Set when the user chose to quit.
    pub quit: bool,
    /// Where the last frame put the checklist rows and the editor (for the mouse).
    pub areas: Areas,
    /// The checklist is older than the text (huge drafts are re-checked when
    /// typing pauses, not at every key).
    pub stale: bool,
    /// The text, for the hangup / termination / panic handlers.
    pub snapshot: Arc<Mutex<Snapshot>>,
    /// When the text last changed.
    pub last_edit: Option<Instant>,
    /// Unsaved changes not yet in the recovery file.
    pub recovery_due: bool,
    /// When the recovery file was last written.
    pub recovery_written: Option<Instant>,
    /// The file's modification time and size as last seen.
    disk_seen: Option<(std::time::SystemTime, u64)>,
    /// When the file on disk was last looked at.
    disk_checked: Option<Instant>,
    /// Someone else changed the file on disk since it was loaded or saved.
    pub changed_on_disk: bool,
    /// Viewing only: another reportbench edits the file.
    pub read_only: bool,
    /// The cursor before the current key or paste (where a refused edit
    /// puts it back).
    cursor_before: (usize, usize),
    /// What fills the screen.
    pub view: View,
    /// Last year's report (`--previous`).
    pub previous: Option<Previous>,
    /// The comparison with it, as of the last re-check (`None`: not worked
    /// out yet, see [`App::comparison`]).
    pub cmp: Option<crate::core::compare::Comparison>,
    /// The diff view's place.
    pub diff: DiffState,
    /// The figures view's place.
    pub figs: FigState,
    /// The review sidecar as last read or written.
    pub review: crate::core::review::Review,
    /// Opened with `--review`: the text is read-only, comments and
    /// sign-offs work.
    pub review_mode: bool,
    /// The name comments and sign-offs are written under.
    pub author: String,
    /// Where each comment is in the text as of the last re-check.
    anchors: Vec<Option<crate::core::review::Anchor>>,
    /// The review file's modification time and size as last read.
    review_seen: Option<(std::time::SystemTime, u64)>,
    /// A comment (or reply, or reason) left unsent when an earlier session
    /// ended, offered in the next comment prompt.
    pub pending_comment: Option<String>,
    /// Its recovery file is still on disk (removed once a prompt closes).
    pending_on_disk: bool,
}

/// How often the file on disk is looked at for someone else's changes.
pub const DISK_CHECK_EVERY: Duration = Duration::from_secs(2);

fn disk_meta(path: &std::path::Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Drafts longer than this (in bytes) are re-checked when typing pauses.
pub const RECHECK_AT_ONCE_UP_TO: usize = 512 * 1024;

/// Screen areas of the last frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    /// The checklist rows (inside the border).
    pub rows: ratatui::layout::Rect,
    /// The first row index shown at the top of `rows`.
    pub first_row: usize,
    /// The editor (border included).
    pub editor: ratatui::layout::Rect,
}

impl App {
    /// Opens a loaded file.
    pub fn new(
        loaded: Loaded,
        spec: CompiledSpec,
        keymap: Keymap,
        theme: Theme,
        lang: Lang,
    ) -> App {
        let editor = new_editor(&loaded.text);
        let doc = Document::parse_normalized(loaded.text, loaded.format);
        let report = check(&doc, &spec, &CheckOptions { lang });
        let mut app = App {
            path: loaded.path,
            encoding: loaded.encoding,
            format: loaded.format,
            fingerprint: Some(loaded.fingerprint),
            editor,
            doc,
            report,
            spec,
            keymap,
            theme,
            lang,
            focus: Focus::Editor,
            overlay: Overlay::None,
            selected: 0,
            modified: false,
            message: None,
            quit: false,
            areas: Areas::default(),
            stale: false,
            snapshot: Arc::default(),
            last_edit: None,
            recovery_due: false,
            recovery_written: None,
            disk_seen: None,
            disk_checked: None,
            changed_on_disk: false,
            read_only: false,
            cursor_before: (0, 0),
            view: View::Workbench,
            previous: None,
            cmp: None,
            diff: DiffState::default(),
            figs: FigState::default(),
            review: crate::core::review::Review::default(),
            review_mode: false,
            author: crate::io::clock::login_name(),
            anchors: Vec::new(),
            review_seen: None,
            pending_comment: None,
            pending_on_disk: false,
        };
        app.disk_seen = disk_meta(&app.path);
        app.style_editor();
        app
    }

    /// Replaces the editor's text (a fresh undo history), the cursor put at
    /// `(row, col)` or as near as the new text allows.
    fn set_text(&mut self, text: &str, (row, col): (usize, usize)) {
        self.editor = new_editor(text);
        self.style_editor();
        jump(&mut self.editor, row, col);
    }

    /// Puts a message on the status bar, in the user's language.
    fn say(&mut self, zh: &'static str, en: &'static str) {
        self.message = Some((self.lang.pick(zh, en).into(), false));
    }

    /// Puts a warning on the status bar (shown as an error), in the user's
    /// language.
    fn warn(&mut self, zh: &'static str, en: &'static str) {
        self.message = Some((self.lang.pick(zh, en).into(), true));
    }

    /// Puts an error on the status bar (made safe to display).
    fn complain(&mut self, e: impl std::fmt::Display) {
        self.message = Some((
            crate::core::text::sanitize_for_display(&e.to_string()).into_owned(),
            true,
        ));
    }

    fn style_editor(&mut self) {
        self.editor.set_style(self.theme.style("ui.editor"));
        self.editor
            .set_cursor_line_style(self.theme.style("ui.editor.cursor_line"));
        self.editor
            .set_selection_style(self.theme.style("ui.editor.selection"));
    }

    /// The editor's text, `\n`-separated.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Re-parses and re-checks the text (a few milliseconds for a long report).
    pub fn recheck(&mut self) {
        self.recheck_text(self.text());
    }

    /// Re-checks `text`, the editor's text already joined.
    fn recheck_text(&mut self, text: String) {
        self.doc = Document::parse_normalized(text, self.format);
        self.report = check(&self.doc, &self.spec, &CheckOptions { lang: self.lang });
        self.cmp = None;
        self.reanchor();
        self.report.apply_na(self.review.na_items(), self.lang);
        let n = self.rows().len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        // A view on screen (the file reloaded, say) is compared again now,
        // so that drawing only reads.
        if self.view != View::Workbench {
            self.comparison();
        }
    }

    /// The checklist rows: required and optional items, then metrics, then lints.
    pub fn rows(&self) -> Vec<Row> {
        (0..self.report.items.len())
            .map(Row::Item)
            .chain((0..self.report.metrics.len()).map(Row::Metric))
            .chain((0..self.report.lints.len()).map(Row::Lint))
            .collect()
    }

    /// The pane that has the keyboard.
    pub fn pane(&self) -> Pane {
        match self.view {
            View::Diff => return Pane::Diff,
            View::Figures => return Pane::Figures,
            View::Workbench => {}
        }
        match self.focus {
            Focus::Checklist => Pane::Checklist,
            Focus::Editor => Pane::Editor,
        }
    }

    /// Handles a key press.
    pub fn on_key(&mut self, e: KeyEvent) {
        if e.kind != crossterm::event::KeyEventKind::Press {
            return;
        }
        let key = Key::from_event(&e);
        self.cursor_before = self.editor.cursor();
        // A one-line prompt (search, save as, comment) takes the keys until
        // Enter or Esc.
        if let Some(line) = self.prompt_line() {
            use crossterm::event::KeyCode;
            let submit = match e.code {
                KeyCode::Enter => true,
                KeyCode::Esc => false,
                KeyCode::Backspace => {
                    line.pop();
                    self.sync_pending();
                    return;
                }
                KeyCode::Char(c)
                    if !e
                        .modifiers
                        .contains(crossterm::event::KeyModifiers::CONTROL) =>
                {
                    line.push(c);
                    self.sync_pending();
                    return;
                }
                _ => return,
            };
            match (std::mem::replace(&mut self.overlay, Overlay::None), submit) {
                (Overlay::Search(q), true) => self.search(&q),
                (Overlay::SaveAs(name), true) => self.save_as(PathBuf::from(name.trim())),
                (Overlay::Input(p, text), true) => self.submit_prompt(p, text),
                (Overlay::SaveAs(_) | Overlay::Input(..), false) => self.say("已取消", "cancelled"),
                _ => {}
            }
            self.sync_pending();
            return;
        }
        match self.overlay {
            Overlay::Search(_) | Overlay::SaveAs(_) | Overlay::Input(..) => {}
            Overlay::Comments(i) => {
                self.overlay = Overlay::None;
                self.comments_key(i, e.code);
                return;
            }
            Overlay::DeleteComment(..) => {
                if let Overlay::DeleteComment(id, pos) =
                    std::mem::replace(&mut self.overlay, Overlay::None)
                {
                    self.delete_comment_key(id, pos, e.code);
                }
                return;
            }
            Overlay::Verdict(_) => {
                if let Overlay::Verdict(item) = std::mem::replace(&mut self.overlay, Overlay::None)
                {
                    self.verdict_key(item, e.code);
                }
                return;
            }
            Overlay::ConfirmQuit | Overlay::ConfirmOverwrite => {
                let yes = matches!(e.code, crossterm::event::KeyCode::Char('y' | 'Y'));
                let which = std::mem::replace(&mut self.overlay, Overlay::None);
                let overwrite = which == Overlay::ConfirmOverwrite;
                if overwrite && matches!(e.code, crossterm::event::KeyCode::Char('r' | 'R')) {
                    self.reload();
                } else if overwrite && matches!(e.code, crossterm::event::KeyCode::Char('a' | 'A'))
                {
                    self.overlay = Overlay::SaveAs(self.path.display().to_string());
                } else if yes {
                    match which {
                        Overlay::ConfirmQuit => {
                            // Quitting without saving discards deliberately.
                            self.drop_recovery();
                            self.quit = true
                        }
                        _ => self.save(None),
                    }
                } else {
                    self.say("已取消", "cancelled");
                }
                return;
            }
            Overlay::Help(top) => {
                use crossterm::event::KeyCode;
                // Arrows and pages scroll a long list; anything else closes.
                self.overlay = match e.code {
                    KeyCode::Down | KeyCode::Char('j') => Overlay::Help(top + 1),
                    KeyCode::Up | KeyCode::Char('k') => Overlay::Help(top.saturating_sub(1)),
                    KeyCode::PageDown | KeyCode::Char(' ') => Overlay::Help(top + 10),
                    KeyCode::PageUp => Overlay::Help(top.saturating_sub(10)),
                    _ => Overlay::None,
                };
                return;
            }
            Overlay::Locked(_) => {
                use crossterm::event::KeyCode;
                let Overlay::Locked(h) = std::mem::replace(&mut self.overlay, Overlay::None) else {
                    return;
                };
                match e.code {
                    KeyCode::Char('e' | 'E') => {
                        self.lock_outcome(lock::take_over(&self.path));
                        if self.overlay == Overlay::None {
                            self.offer_recovery();
                        }
                    }
                    KeyCode::Char('q' | 'Q') => self.quit = true,
                    _ => {
                        self.read_only = true;
                        self.message = Some((
                            tr!(
                                self.lang,
                                "只读：{}@{}（进程 {}）正在编辑",
                                "read-only: {}@{} (process {}) is editing it",
                                h.user,
                                h.host,
                                h.pid
                            ),
                            false,
                        ));
                    }
                }
                return;
            }
            Overlay::Recover(_) => {
                use crossterm::event::KeyCode;
                let Overlay::Recover(r) = std::mem::replace(&mut self.overlay, Overlay::None)
                else {
                    return;
                };
                match e.code {
                    KeyCode::Char('r' | 'R') => {
                        self.set_text(&r.text, (0, 0));
                        self.stale = false;
                        self.edited();
                        if self.stale {
                            self.on_idle();
                        }
                        self.say(
                            "已恢复未保存的文字；Ctrl-S 保存",
                            "unsaved text restored; Ctrl-S saves",
                        );
                    }
                    KeyCode::Char('d' | 'D') => {
                        self.drop_recovery();
                        self.say("已丢弃恢复文件", "recovery file discarded");
                    }
                    _ => {
                        self.message = Some((
                            tr!(
                                self.lang,
                                "恢复文件保留在 {}",
                                "the recovery file is kept at {}",
                                r.file.display()
                            ),
                            false,
                        ));
                    }
                }
                return;
            }
            Overlay::None => {}
        }
        if let Some(action) = key.and_then(|k| self.keymap.resolve(self.pane(), &k)) {
            self.act(action);
            return;
        }
        if self.focus == Focus::Editor && self.view == View::Workbench {
            if self.word_key(&e) {
                return;
            }
            if self.editor.input(e) {
                self.edited();
            }
        }
    }

    /// The line being typed in a one-line prompt, if one is open.
    fn prompt_line(&mut self) -> Option<&mut String> {
        match &mut self.overlay {
            Overlay::Search(l) | Overlay::SaveAs(l) | Overlay::Input(_, l) => Some(l),
            _ => None,
        }
    }

    /// Word motions and word deletion that stop at full-width punctuation
    /// and at script changes (Ctrl-←/→, Alt-B/F, Alt-Backspace, Alt-D,
    /// Alt-Delete). Returns whether the key was one of them.
    fn word_key(&mut self, e: &KeyEvent) -> bool {
        use super::words::{next_word_start, prev_word_start};
        use crossterm::event::{KeyCode, KeyModifiers};
        let (ctrl, alt, shift) = (
            e.modifiers.contains(KeyModifiers::CONTROL),
            e.modifiers.contains(KeyModifiers::ALT),
            e.modifiers.contains(KeyModifiers::SHIFT),
        );
        if shift {
            return false; // selections: the widget's own motions
        }
        enum Op {
            Forward,
            Back,
            DeleteBack,
            DeleteForward,
        }
        let op = match (e.code, ctrl, alt) {
            (KeyCode::Right, true, false) | (KeyCode::Char('f'), false, true) => Op::Forward,
            (KeyCode::Left, true, false) | (KeyCode::Char('b'), false, true) => Op::Back,
            (KeyCode::Backspace, false, true) => Op::DeleteBack,
            (KeyCode::Delete, false, true) | (KeyCode::Char('d'), false, true) => Op::DeleteForward,
            _ => return false,
        };
        let (row, col) = self.editor.cursor();
        let line: Vec<char> = self.editor.lines()[row].chars().collect();
        match op {
            Op::Forward => match next_word_start(&line, col) {
                Some(c) => jump(&mut self.editor, row, c),
                None => self.editor.move_cursor(CursorMove::Forward),
            },
            Op::Back => match prev_word_start(&line, col) {
                Some(c) => jump(&mut self.editor, row, c),
                None => self.editor.move_cursor(CursorMove::Back),
            },
            Op::DeleteBack => {
                let changed = match prev_word_start(&line, col) {
                    Some(c) => {
                        jump(&mut self.editor, row, c);
                        self.editor.delete_str(col - c)
                    }
                    None => self.editor.delete_char(),
                };
                if changed {
                    self.edited();
                }
            }
            Op::DeleteForward => {
                let changed = match next_word_start(&line, col) {
                    Some(c) if c > col => self.editor.delete_str(c - col),
                    _ => self.editor.delete_next_char(),
                };
                if changed {
                    self.edited();
                }
            }
        }
        true
    }

    /// Handles the mouse: a click selects a checklist row (twice: jumps) or
    /// focuses the editor; the wheel scrolls the pane under it.
    pub fn on_mouse(&mut self, m: crossterm::event::MouseEvent) {
        use crossterm::event::{MouseButton, MouseEventKind};
        if self.overlay != Overlay::None {
            return;
        }
        if self.view != View::Workbench {
            // The diff and figures views scroll with the wheel.
            match m.kind {
                MouseEventKind::ScrollDown => self.act(Action::Down),
                MouseEventKind::ScrollUp => self.act(Action::Up),
                _ => {}
            }
            return;
        }
        let at = ratatui::layout::Position::new(m.column, m.row);
        let in_rows = self.areas.rows.contains(at);
        let in_editor = self.areas.editor.contains(at);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if in_rows => {
                let row = self.areas.first_row + (m.row - self.areas.rows.y) as usize;
                if row < self.rows().len() {
                    let again = self.focus == Focus::Checklist && row == self.selected;
                    self.focus = Focus::Checklist;
                    self.selected = row;
                    if again {
                        self.act(Action::Jump);
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) if in_editor => {
                self.focus = Focus::Editor;
                // The cursor goes where the text was clicked.
                if let Some((row, col)) = self.editor.cursor_at_position(at) {
                    self.editor.cancel_selection();
                    jump(&mut self.editor, row, col);
                }
            }
            MouseEventKind::ScrollDown if in_rows => self.act(Action::Down),
            MouseEventKind::ScrollUp if in_rows => self.act(Action::Up),
            MouseEventKind::ScrollDown if in_editor => self.editor.scroll((3, 0)),
            MouseEventKind::ScrollUp if in_editor => self.editor.scroll((-3, 0)),
            _ => {}
        }
    }

    /// Handles one terminal event; returns whether the screen may have
    /// changed.
    pub fn on_event(&mut self, e: crossterm::event::Event) -> bool {
        use crossterm::event::Event;
        match e {
            Event::Key(k) => self.on_key(k),
            Event::Paste(s) => self.on_paste(&s),
            Event::Mouse(m) => self.on_mouse(m),
            Event::Resize(_, _) => {}
            _ => return false,
        }
        true
    }

    /// Handles the events that arrived in the same read right after an Esc
    /// key: when their first key presses are really the rest of an escape
    /// sequence that crossterm misread (see [`crate::app::input`]), the key
    /// they encode is handled instead of typing them into the draft.
    pub fn on_events_after_esc(&mut self, events: Vec<crossterm::event::Event>) {
        use crate::app::input::{AfterEsc, key_after_esc, plain_chars};
        use crossterm::event::Event;
        let keys: Vec<KeyEvent> = events
            .iter()
            .map_while(|e| match e {
                Event::Key(k) => Some(*k),
                _ => None,
            })
            .collect();
        let skip = match key_after_esc(&plain_chars(&keys)) {
            Some(AfterEsc::Key(k, n)) => {
                self.on_key(k);
                n
            }
            Some(AfterEsc::Drop(n)) => n,
            None => 0,
        };
        for e in events.into_iter().skip(skip) {
            self.on_event(e);
        }
    }

    /// Inserts pasted text at the cursor in one go.
    pub fn on_paste(&mut self, text: &str) {
        self.cursor_before = self.editor.cursor();
        if let Some(line) = self.prompt_line() {
            // Into the one-line prompt, as one line.
            line.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
            self.sync_pending();
            return;
        }
        if self.focus == Focus::Editor
            && self.overlay == Overlay::None
            && self.view == View::Workbench
        {
            let t = text.replace("\r\n", "\n").replace('\r', "\n");
            if self.editor.insert_str(t) {
                self.edited();
            }
        }
    }

    fn edited(&mut self) {
        if self.read_only {
            // Every edit comes through here: put the text back.
            let text = self.doc.text().to_owned();
            self.set_text(&text, self.cursor_before);
            if self.review_mode {
                self.warn(
                    "审阅模式：正文只读（F5 批注，F7 审核所选项目）",
                    "review mode: the text is read-only (F5 comments, F7 signs off the selected item)",
                );
            } else {
                self.warn(
                    "只读：另一个 reportbench 正在编辑这个文件",
                    "read-only: another reportbench is editing this file",
                );
            }
            return;
        }
        self.modified = true;
        self.message = None;
        let now = Instant::now();
        self.last_edit = Some(now);
        // The first burst of typing counts from its first key; later ones
        // from the last write of the recovery file.
        self.recovery_written.get_or_insert(now);
        self.recovery_due = true;
        // The text is joined once: for the hangup handler and the re-check.
        let text = self.text();
        let recheck = (self.doc.text().len() <= RECHECK_AT_ONCE_UP_TO).then(|| text.clone());
        {
            let mut s = self.lock_snapshot();
            s.text = text;
            s.modified = true;
        }
        match recheck {
            Some(text) => self.recheck_text(text),
            None => self.stale = true,
        }
    }

    /// Called when no input came for a moment: re-checks a stale checklist.
    /// Returns whether anything changed.
    pub fn on_idle(&mut self) -> bool {
        if self.stale {
            self.stale = false;
            self.recheck();
            true
        } else {
            false
        }
    }

    /// Performs an action.
    pub fn act(&mut self, action: Action) {
        if self.view_act(action) {
            return;
        }
        if self.review_act(action) {
            return;
        }
        let n = self.rows().len();
        match action {
            Action::Save if self.read_only => self.warn("只读，不能保存", "read-only: not saved"),
            Action::Save => self.save(self.fingerprint),
            Action::SaveAs => {
                self.overlay = Overlay::SaveAs(self.path.display().to_string());
            }
            Action::Quit => {
                if self.modified {
                    self.overlay = Overlay::ConfirmQuit;
                } else {
                    self.quit = true;
                }
            }
            Action::Help => self.overlay = Overlay::Help(0),
            Action::Cancel => {
                self.overlay = Overlay::None;
                if self.view != View::Workbench {
                    self.view = View::Workbench;
                } else {
                    self.editor.cancel_selection();
                }
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Checklist => Focus::Editor,
                    Focus::Editor => Focus::Checklist,
                }
            }
            Action::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Jump => {
                self.jump_to_selected();
                self.focus = Focus::Editor;
            }
            Action::NextProblem | Action::PreviousProblem => {
                self.on_idle();
                let rows = self.rows();
                let problem = |r: &Row| match r {
                    Row::Item(i) => {
                        self.report.items[*i].required
                            && !self.report.items[*i].status.is_satisfied()
                    }
                    Row::Metric(_) => false,
                    Row::Lint(_) => true,
                };
                let found = if action == Action::NextProblem {
                    (self.selected + 1..rows.len())
                        .chain(0..=self.selected.min(rows.len().saturating_sub(1)))
                        .find(|&i| problem(&rows[i]))
                } else {
                    (0..self.selected)
                        .rev()
                        .chain((self.selected..rows.len()).rev())
                        .find(|&i| problem(&rows[i]))
                };
                match found {
                    Some(i) => {
                        self.selected = i;
                        self.jump_to_selected();
                    }
                    None => self.say("没有问题", "no problems"),
                }
            }
            Action::Undo => {
                if self.editor.undo() {
                    self.edited();
                }
            }
            Action::Redo => {
                if self.editor.redo() {
                    self.edited();
                }
            }
            Action::Copy => self.editor.copy(),
            Action::Cut => {
                if self.editor.cut() {
                    self.edited();
                }
            }
            Action::Paste => {
                if self.editor.paste() {
                    self.edited();
                }
            }
            Action::Search => {
                self.focus = Focus::Editor;
                self.overlay = Overlay::Search(String::new());
            }
            Action::SearchNext => {
                if self.editor.search_pattern().is_some() {
                    if !self.editor.search_forward(false) {
                        self.say("没有找到", "not found");
                    }
                } else {
                    self.overlay = Overlay::Search(String::new());
                }
            }
            Action::DiffView => self.toggle_view(View::Diff),
            Action::FiguresView => self.toggle_view(View::Figures),
            // Keys of the other views (handled above when one is shown) and
            // of the review (handled by `review_act`).
            Action::NextChange
            | Action::PreviousChange
            | Action::ToggleChanges
            | Action::PageDown
            | Action::PageUp
            | Action::SortFigures
            | Action::FilterMetric
            | Action::Comment
            | Action::Comments
            | Action::SignOff => {}
        }
    }

    /// Searches forward for `query` as written (not a pattern), from the cursor.
    pub fn search(&mut self, query: &str) {
        if query.is_empty() {
            let _ = self.editor.set_search_pattern("");
            return;
        }
        let _ = self.editor.set_search_pattern(regex::escape(query));
        self.editor
            .set_search_style(self.theme.style("ui.editor.search"));
        if !self.editor.search_forward(true) {
            self.message = Some((
                tr!(self.lang, "没有找到“{query}”", "\"{query}\" not found"),
                false,
            ));
        }
    }

    /// The byte offset the selected row points at: its evidence, or where a
    /// missing section belongs.
    pub fn selected_target(&self) -> Option<usize> {
        match self.rows().get(self.selected)? {
            Row::Item(i) => {
                let it = &self.report.items[*i];
                it.evidence
                    .first()
                    .map(|e| e.range.start)
                    .or(it.suggested_at)
            }
            Row::Metric(m) => {
                let mr = &self.report.metrics[*m];
                mr.figures
                    .first()
                    .map(|&f| self.report.figures[f].range.start)
                    .or(mr.mention.as_ref().map(|e| e.range.start))
            }
            Row::Lint(l) => Some(self.report.lints[*l].range.start),
        }
    }

    fn jump_to_selected(&mut self) {
        // A jump needs positions in the current text.
        self.on_idle();
        if let Some(at) = self.selected_target() {
            let pos = self.doc.position(at);
            jump(&mut self.editor, pos.line - 1, pos.column - 1);
        }
    }

    /// (required met, required) for the gauge.
    pub fn gauge(&self) -> (usize, usize) {
        self.report.required_counts()
    }

    /// The status of a row, for its glyph and style.
    pub fn row_status(&self, r: &Row) -> Option<Status> {
        match r {
            Row::Item(i) => Some(self.report.items[*i].status),
            Row::Metric(m) => Some(self.report.metrics[*m].status),
            Row::Lint(_) => None,
        }
    }
}
