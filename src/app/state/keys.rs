//! What keys, pastes and the mouse do in the panes: the prompt being typed
//! takes them first, then an overlay, then the keymap's actions, then the
//! editor. Overlay keys are in `overlays.rs`.

use super::buffer::{go_to, jump};
use super::files::ReloadWhy;
use super::{Focus, Overlay, Row, State, View};
use crate::app::keymap::{Action, Key};
use crate::app::layout;
use crate::app::overlay_keys::{OverlayCmd, OverlayKind, command, command_with};
use crate::tr;
use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyModifiers};

impl State {
    /// Handles a key press.
    pub(super) fn on_key(&mut self, e: KeyEvent) {
        if e.kind != KeyEventKind::Press {
            return;
        }
        // A message is read by the next key: it goes, and the key may put
        // its own in its place.
        self.screen.message = None;
        self.buffer.cursor_before = self.buffer.editor.cursor();
        if self.prompt_line().is_some() {
            self.prompt_key(e);
            return;
        }
        if self.screen.overlay != Overlay::None {
            self.overlay_key(e.code);
            return;
        }
        let key = Key::from_event(&e);
        if let Some(action) = key.and_then(|k| self.keymap.resolve(self.pane(), &k)) {
            self.act(action);
            return;
        }
        if self.screen.focus == Focus::Editor && self.views.view == View::Workbench {
            self.editor_key(e);
        } else if self.screen.focus == Focus::Checklist
            && self.views.view == View::Workbench
            && matches!(
                e.code,
                crossterm::event::KeyCode::Char(_) | crossterm::event::KeyCode::Backspace
            )
            && !e.modifiers.contains(KeyModifiers::CONTROL)
        {
            // Typing into the checklist does nothing: said, not swallowed.
            let key = self
                .keymap
                .keys_for(self.pane(), Action::SwitchFocus)
                .first()
                .map(|k| k.to_string())
                .unwrap_or_else(|| "F2".into());
            let msg = crate::tr!(
                self.lang,
                "焦点在清单上，文字没有输入：按 {key} 回到编辑区",
                "the checklist has the focus, nothing was typed: {key} goes back to the editor"
            );
            self.tell(msg);
        }
    }

    /// The line being typed in a one-line prompt, if one is open.
    pub(super) fn prompt_line(&mut self) -> Option<&mut String> {
        match &mut self.screen.overlay {
            Overlay::Search(l)
            | Overlay::ReplaceFind(l)
            | Overlay::ReplaceWith(l)
            | Overlay::SaveAs(l)
            | Overlay::GoToLine(l)
            | Overlay::Input(_, l) => Some(l),
            _ => None,
        }
    }

    /// A key in a one-line prompt (search, save as, comment): it takes the
    /// keys until Enter or Esc.
    fn prompt_key(&mut self, e: KeyEvent) {
        use crossterm::event::KeyCode;
        let review = matches!(self.screen.overlay, Overlay::Input(..));
        // A comment, reply, reason or suggested wording may run over
        // several lines: Alt-Enter or Ctrl-J starts a new one (Enter saves).
        let newline = review
            && match e.code {
                KeyCode::Enter => e.modifiers.contains(KeyModifiers::ALT),
                KeyCode::Char('j') => e.modifiers.contains(KeyModifiers::CONTROL),
                _ => false,
            };
        let cmd = if newline {
            None
        } else {
            command_with(OverlayKind::Prompt, e.code, e.modifiers)
        };
        if cmd == Some(OverlayCmd::ToggleRegex) {
            self.toggle_regex();
            return;
        }
        let typed = match e.code {
            _ if newline => Some('\n'),
            KeyCode::Char(c)
                if !e
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        };
        let now = self.now.at;
        let back = self.screen.prompt_back;
        let Some(line) = self.prompt_line() else {
            return;
        };
        let len = line.chars().count();
        let back = back.min(len);
        // The byte where the cursor is (`len - back` characters in).
        let at = line
            .char_indices()
            .nth(len - back)
            .map_or(line.len(), |(i, _)| i);
        let mut new_back = back;
        let edited = match (cmd, typed) {
            (Some(OverlayCmd::Backspace), _) => {
                if let Some((i, _)) = line[..at].char_indices().next_back() {
                    line.replace_range(i..at, "");
                }
                true
            }
            (Some(OverlayCmd::DeleteForward), _) => {
                if let Some(c) = line[at..].chars().next() {
                    line.replace_range(at..at + c.len_utf8(), "");
                    new_back = back.saturating_sub(1);
                }
                true
            }
            (Some(OverlayCmd::Left), _) => {
                new_back = (back + 1).min(len);
                false
            }
            (Some(OverlayCmd::Right), _) => {
                new_back = back.saturating_sub(1);
                false
            }
            (Some(OverlayCmd::Home), _) => {
                new_back = len;
                false
            }
            (Some(OverlayCmd::End), _) => {
                new_back = 0;
                false
            }
            (Some(OverlayCmd::WordLeft | OverlayCmd::WordRight), _) => {
                let chars: Vec<char> = line.chars().collect();
                let col = len - back;
                let to = if cmd == Some(OverlayCmd::WordLeft) {
                    crate::app::words::prev_word_start(&chars, col).unwrap_or(0)
                } else {
                    crate::app::words::next_word_start(&chars, col).unwrap_or(len)
                };
                new_back = len - to.min(len);
                false
            }
            (Some(OverlayCmd::DeleteWordBack), _) => {
                let chars: Vec<char> = line.chars().collect();
                let to = crate::app::words::prev_word_start(&chars, len - back).unwrap_or(0);
                let from = line.char_indices().nth(to).map_or(line.len(), |(i, _)| i);
                line.replace_range(from..at, "");
                true
            }
            (_, Some(c)) => {
                line.insert(at, c);
                true
            }
            _ => {
                let submit = match cmd {
                    Some(OverlayCmd::Submit) => true,
                    Some(OverlayCmd::No) => false,
                    _ => return,
                };
                self.screen.prompt_back = 0;
                self.finish_prompt(submit);
                return;
            }
        };
        self.screen.prompt_back = new_back;
        // A comment being typed is kept on the draft's timer too.
        if edited && review {
            self.files.edited_at(now);
        }
        if edited {
            self.preview_matches();
        }
    }

    /// Closes a prompt: Enter does what it is for, Esc cancels.
    fn finish_prompt(&mut self, submit: bool) {
        match (
            std::mem::replace(&mut self.screen.overlay, Overlay::None),
            submit,
        ) {
            (Overlay::Search(q), true) => self.search(&q),
            (Overlay::ReplaceFind(q), true) => self.replace_find_typed(q),
            (Overlay::ReplaceWith(with), true) => self.start_replacing(with),
            (Overlay::Search(_) | Overlay::ReplaceFind(_) | Overlay::ReplaceWith(_), false) => {
                self.close_find()
            }
            (Overlay::SaveAs(name), true) => self.save_as(&name),
            (Overlay::GoToLine(n), true) => self.go_to_line(&n),
            // The words are done with once the review file has them.
            (Overlay::Input(p, text), true) => self.submit_prompt(p, text),
            (Overlay::Input(..), false) => {
                self.say("已取消", "cancelled");
                self.prompt_closed();
            }
            (Overlay::SaveAs(_), false) => self.say("已取消", "cancelled"),
            _ => {}
        }
    }

    /// Handles the mouse: a click selects a checklist row (twice: jumps) or
    /// puts the editor's cursor where the text was clicked; the wheel
    /// scrolls the pane under it.
    pub(super) fn on_mouse(&mut self, m: crossterm::event::MouseEvent) {
        use crossterm::event::{MouseButton, MouseEventKind};
        if self.screen.overlay != Overlay::None {
            return;
        }
        if self.views.view != View::Workbench {
            // The diff and figures views scroll with the wheel.
            match m.kind {
                MouseEventKind::ScrollDown => self.act(Action::Down),
                MouseEventKind::ScrollUp => self.act(Action::Up),
                _ => {}
            }
            return;
        }
        let Some(panes) = layout::panes(self.screen.size, self.screen.zoom) else {
            return;
        };
        let rows = layout::checklist_rows(self.screen.size, self.screen.zoom);
        let at = ratatui::layout::Position::new(m.column, m.row);
        let in_rows = rows.contains(at);
        let in_editor = panes.editor.contains(at);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if in_rows => {
                let row = self.screen.list_top + (m.row - rows.y) as usize;
                if row < self.rows().len() {
                    let again =
                        self.screen.focus == Focus::Checklist && row == self.screen.selected;
                    self.screen.focus = Focus::Checklist;
                    self.screen.selected = row;
                    if again {
                        self.act(Action::Jump);
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) if in_editor => {
                self.screen.focus = Focus::Editor;
                // The cursor goes where the text was clicked (the editor
                // maps screen cells as of its last draw).
                let editor = &mut self.buffer.editor;
                if let Some((row, col)) = editor.cursor_at_position(at) {
                    editor.cancel_selection();
                    jump(editor, row, col);
                }
            }
            MouseEventKind::ScrollDown if in_rows => self.act(Action::Down),
            MouseEventKind::ScrollUp if in_rows => self.act(Action::Up),
            MouseEventKind::ScrollDown if in_editor => self.buffer.editor.scroll((3, 0)),
            MouseEventKind::ScrollUp if in_editor => self.buffer.editor.scroll((-3, 0)),
            _ => {}
        }
    }

    /// Handles the events that arrived in the same read right after an Esc
    /// key: when their first key presses are really the rest of an escape
    /// sequence that crossterm misread (see [`crate::app::input`]), the key
    /// they encode is handled instead of typing them into the draft.
    pub(super) fn on_events_after_esc(&mut self, events: Vec<Event>) {
        use crate::app::input::{AfterEsc, key_after_esc, plain_chars};
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
            match e {
                Event::Key(k) => self.on_key(k),
                Event::Paste(s) => self.on_paste(&s),
                Event::Mouse(m) => self.on_mouse(m),
                Event::Resize(w, h) => {
                    self.screen.size = ratatui::layout::Rect::new(0, 0, w, h);
                }
                _ => {}
            }
        }
    }

    /// Performs an action.
    pub(super) fn act(&mut self, action: Action) {
        if self.view_act(action) {
            return;
        }
        let n = self.rows().len();
        match action {
            Action::Save if !self.files.source.is_editable() && !self.review.mode => {
                self.screen.overlay = Overlay::SaveAs(self.markdown_name());
            }
            Action::Save if self.files.read_only => {
                self.warn("只读，不能保存", "read-only: not saved")
            }
            Action::Save => self.save(self.files.fingerprint),
            Action::SaveAs => {
                self.screen.overlay = Overlay::SaveAs(self.buffer.path.display().to_string());
            }
            Action::Quit => self.quit(),
            Action::Help => self.screen.overlay = Overlay::Help(0),
            Action::Cancel => {
                self.screen.overlay = Overlay::None;
                if self.views.view != View::Workbench {
                    self.views.view = View::Workbench;
                } else {
                    self.buffer.editor.cancel_selection();
                }
            }
            Action::SwitchFocus => {
                self.screen.focus = match self.screen.focus {
                    Focus::Checklist => Focus::Editor,
                    Focus::Editor => Focus::Checklist,
                }
            }
            Action::Down => {
                self.screen.selected = (self.screen.selected + 1).min(n.saturating_sub(1))
            }
            Action::Up => self.screen.selected = self.screen.selected.saturating_sub(1),
            Action::Jump => {
                self.jump_to_selected();
                self.screen.focus = Focus::Editor;
            }
            Action::NextProblem | Action::PreviousProblem => self.go_to_problem(action),
            Action::Undo => {
                if self.buffer.editor.undo() {
                    self.edited();
                }
            }
            Action::Redo => {
                if self.buffer.editor.redo() {
                    self.edited();
                }
            }
            Action::Copy => {
                self.buffer.editor.copy();
                self.send_to_clipboard();
            }
            Action::Cut => {
                if self.buffer.editor.cut() {
                    self.send_to_clipboard();
                    self.edited();
                }
            }
            Action::Paste => {
                if self.buffer.editor.paste() {
                    self.edited();
                }
            }
            Action::Search => self.open_find(false),
            Action::Replace => self.open_find(true),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrevious => self.search_step(false),
            Action::SelectAll => {
                let editor = &mut self.buffer.editor;
                editor.cancel_selection();
                jump(editor, 0, 0);
                editor.start_selection();
                editor.move_cursor(tui_textarea::CursorMove::Bottom);
                editor.move_cursor(tui_textarea::CursorMove::End);
            }
            Action::Zoom => self.toggle_zoom(),
            Action::GoToLine => {
                self.screen.focus = Focus::Editor;
                self.screen.overlay = Overlay::GoToLine(String::new());
            }
            Action::DiffView => self.toggle_view(View::Diff),
            Action::FiguresView => self.toggle_view(View::Figures),
            Action::Comment => self.start_comment(),
            Action::Comments => self.open_comment_list(),
            Action::Suggest => self.start_suggestion(),
            Action::FixProblem => self.fix_selected_problem(),
            Action::SignOff => self.start_signoff(),
            // Keys of the other views (handled above when one is shown).
            Action::NextChange
            | Action::PreviousChange
            | Action::ToggleChanges
            | Action::PageDown
            | Action::PageUp
            | Action::SortFigures
            | Action::FilterMetric => {}
        }
    }

    /// The next or previous problem (a required item not met, a lint)
    /// after or before the cursor, in the analysis of the text as it is now
    /// (a fix just typed must not make it skip one). Problems at one place
    /// go in checklist order.
    fn go_to_problem(&mut self, action: Action) {
        self.catch_up();
        let rows = self.rows();
        let report = &self.analysis.report;
        let at = |r: &Row| -> Option<usize> {
            match r {
                Row::Item(i)
                    if report.items[*i].required && !report.items[*i].status.is_satisfied() =>
                {
                    Some(
                        report.items[*i]
                            .suggested_at
                            .or_else(|| report.items[*i].evidence.first().map(|e| e.range.start))
                            .unwrap_or(0),
                    )
                }
                Row::Lint(l) => Some(report.lints[*l].range.start),
                _ => None,
            }
        };
        // Problems in text order: (place, row).
        let mut problems: Vec<(usize, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| at(r).map(|p| (p, i)))
            .collect();
        problems.sort_unstable();
        if problems.is_empty() {
            self.say("没有问题", "no problems");
            return;
        }
        let doc = &self.analysis.doc;
        let (row, col) = self.buffer.editor.cursor();
        let line = self
            .buffer
            .editor
            .lines()
            .get(row)
            .map_or("", String::as_str);
        let cursor = doc.index().line_start(row)
            + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        // The selected row counts as "here" when the cursor is at its place.
        let sel = self.screen.selected;
        let here = match problems.iter().find(|(_, i)| *i == sel) {
            Some(&(p, i)) if p == cursor => (p, i),
            _ if action == Action::NextProblem => (cursor, usize::MAX),
            _ => (cursor, 0),
        };
        let found = if action == Action::NextProblem {
            problems.iter().find(|p| **p > here).or(problems.first())
        } else {
            problems
                .iter()
                .rev()
                .find(|p| **p < here)
                .or(problems.last())
        };
        if let Some(&(_, i)) = found {
            self.screen.selected = i;
            self.jump_to_selected();
        }
    }

    /// Puts the cursor at the start of line `n` (1-based, as the status
    /// bar and every message count lines).
    fn go_to_line(&mut self, n: &str) {
        let count = self.buffer.editor.lines().len();
        match n.trim().parse::<usize>() {
            Ok(line) if (1..=count).contains(&line) => {
                go_to(&mut self.buffer.editor, line - 1, 0);
            }
            _ => self.tell(tr!(
                self.lang,
                "没有第{}行：本稿共{}行",
                "there is no line {}: the draft has {} lines",
                n.trim(),
                count
            )),
        }
    }

    /// Searches forward for `query` as written (not a pattern), from the cursor.
    /// The byte offset the selected row points at: its evidence, or where a
    /// missing section belongs.
    pub fn selected_target(&self) -> Option<usize> {
        let report = &self.analysis.report;
        match self.rows().get(self.screen.selected)? {
            Row::Item(i) => {
                let it = &report.items[*i];
                it.evidence
                    .first()
                    .map(|e| e.range.start)
                    .or(it.suggested_at)
            }
            Row::Metric(m) => {
                let mr = &report.metrics[*m];
                mr.figures
                    .first()
                    .map(|&f| report.figures[f].range.start)
                    .or(mr.mention.as_ref().map(|e| e.range.start))
            }
            Row::Lint(l) => Some(report.lints[*l].range.start),
        }
    }

    fn jump_to_selected(&mut self) {
        // A jump needs positions in the current text.
        self.catch_up();
        if let Some(at) = self.selected_target() {
            let pos = self.analysis.doc.position(at);
            go_to(&mut self.buffer.editor, pos.line - 1, pos.column - 1);
        }
    }

    /// An overlay key: what the table says it does in the overlay shown.
    fn overlay_key(&mut self, code: crossterm::event::KeyCode) {
        let kind = match &self.screen.overlay {
            Overlay::Help(_) => OverlayKind::Help,
            Overlay::ConfirmQuit => OverlayKind::ConfirmQuit,
            Overlay::ConfirmOverwrite => OverlayKind::ConfirmOverwrite,
            Overlay::Recover(..) => OverlayKind::Recover,
            Overlay::Locked(_) => OverlayKind::Locked,
            Overlay::Verdict(_) => OverlayKind::Verdict,
            Overlay::Comments(_) => OverlayKind::Comments,
            Overlay::DeleteComment(..) => OverlayKind::DeleteComment,
            Overlay::ReplaceAsk => OverlayKind::Replace,
            Overlay::None
            | Overlay::Search(_)
            | Overlay::ReplaceFind(_)
            | Overlay::ReplaceWith(_)
            | Overlay::SaveAs(_)
            | Overlay::GoToLine(_)
            | Overlay::Input(..) => return,
        };
        let Some(cmd) = command(kind, code) else {
            return;
        };
        let overlay = std::mem::replace(&mut self.screen.overlay, Overlay::None);
        self.overlay_command(overlay, cmd);
    }

    /// r in "changed on disk": the file is read again.
    pub(super) fn reload_asked(&mut self) {
        self.reload(ReloadWhy::Asked);
    }
}
