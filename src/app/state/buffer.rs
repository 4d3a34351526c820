//! The draft in the editor: its text (in the editor widget), how its file
//! stores it (path, encoding, BOM and line endings), whether it differs
//! from the file, and typing — every edit comes through [`State::edited`].

use super::{Focus, Overlay, RECHECK_AT_ONCE_UP_TO, State, View};
use crate::core::text::{Encoding, Loaded, TextFormat};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::sync::Arc;
use tui_textarea::{CursorMove, TextArea, WrapMode};

/// The draft's text and how its file stores it.
pub(super) struct Buffer {
    /// The file being edited.
    pub(super) path: PathBuf,
    /// Its encoding.
    pub(super) encoding: Encoding,
    /// Its BOM and line endings.
    pub(super) format: TextFormat,
    /// The editor.
    pub(super) editor: TextArea<'static>,
    /// Unsaved changes.
    pub(super) modified: bool,
    /// Bumped at every edit: a save of generation `n` leaves the buffer
    /// unmodified only when no edit came after it.
    pub(super) edits: u64,
    /// The text as of the last edit, `\n`-separated (shared with saves,
    /// recovery writes and the exit handlers without copying).
    pub(super) joined: Arc<str>,
    /// The cursor before the current key or paste (where a refused edit
    /// puts it back).
    pub(super) cursor_before: (usize, usize),
}

/// An editor holding `text`: word wrap, a long undo history.
pub(super) fn new_editor(text: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(text.split('\n').map(str::to_owned).collect());
    editor.set_wrap_mode(WrapMode::Word);
    editor.set_max_histories(10_000);
    editor
}

/// Moves the cursor to (row, col), clamped by the widget to the text.
pub(super) fn jump(editor: &mut TextArea<'static>, row: usize, col: usize) {
    editor.move_cursor(CursorMove::Jump(
        row.min(u16::MAX as usize) as u16,
        col.min(u16::MAX as usize) as u16,
    ));
}

impl Buffer {
    pub(super) fn new(file: &Loaded) -> Buffer {
        Buffer {
            path: file.path.clone(),
            encoding: file.encoding,
            format: file.format.clone(),
            editor: new_editor(&file.text),
            modified: false,
            edits: 0,
            joined: Arc::from(file.text.as_str()),
            cursor_before: (0, 0),
        }
    }

    /// Replaces the text (a fresh undo history), the cursor put at
    /// `(row, col)` or as near as the new text allows.
    pub(super) fn set_text(&mut self, text: &str, (row, col): (usize, usize)) {
        self.editor = new_editor(text);
        jump(&mut self.editor, row, col);
        self.joined = Arc::from(text);
    }
}

impl State {
    /// After every change of the editor's text: a read-only view puts it
    /// back; else the draft is modified, the recovery timer runs, and the
    /// checklist follows (at once, or when typing pauses for huge drafts).
    pub(super) fn edited(&mut self) {
        if self.files.read_only {
            // Every edit comes through here: put the text back.
            let text = self.buffer.joined.clone();
            let at = self.buffer.cursor_before;
            self.buffer.set_text(&text, at);
            if self.review.mode {
                self.warn(
                    "审阅模式：正文只读（F5 批注，F7 审核所选项目）",
                    "review mode: the text is read-only (F5 comments, F7 signs off the selected item)",
                );
            } else if !self.files.source.is_editable() {
                self.say_not_editable();
                if let Some((_, error)) = self.screen.message.as_mut() {
                    *error = true;
                }
            } else {
                self.warn(
                    "只读：另一个 reportbench 正在编辑这个文件",
                    "read-only: another reportbench is editing this file",
                );
            }
            return;
        }
        self.buffer.modified = true;
        self.buffer.edits += 1;
        self.screen.message = None;
        self.files.edited_at(self.now.at);
        // The text is joined once: for saves, recovery and the re-check.
        let text = self.text();
        self.buffer.joined = Arc::from(text.as_str());
        if text.len() <= RECHECK_AT_ONCE_UP_TO {
            self.recheck_text(text);
        } else {
            self.analysis.stale = true;
        }
    }

    /// Handles a key for the editor that the keymap does not bind: word
    /// motions, then the widget's own keys.
    pub(super) fn editor_key(&mut self, e: KeyEvent) {
        if self.word_key(&e) {
            return;
        }
        if self.buffer.editor.input(e) {
            self.edited();
        }
    }

    /// Word motions and word deletion that stop at full-width punctuation
    /// and at script changes (Ctrl-←/→, Alt-B/F, Alt-Backspace, Alt-D,
    /// Alt-Delete). Returns whether the key was one of them.
    fn word_key(&mut self, e: &KeyEvent) -> bool {
        use crate::app::words::{next_word_start, prev_word_start};
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
        let editor = &mut self.buffer.editor;
        let (row, col) = editor.cursor();
        let line: Vec<char> = editor.lines()[row].chars().collect();
        match op {
            Op::Forward => match next_word_start(&line, col) {
                Some(c) => jump(editor, row, c),
                None => editor.move_cursor(CursorMove::Forward),
            },
            Op::Back => match prev_word_start(&line, col) {
                Some(c) => jump(editor, row, c),
                None => editor.move_cursor(CursorMove::Back),
            },
            Op::DeleteBack => {
                let changed = match prev_word_start(&line, col) {
                    Some(c) => {
                        jump(editor, row, c);
                        editor.delete_str(col - c)
                    }
                    None => editor.delete_char(),
                };
                if changed {
                    self.edited();
                }
            }
            Op::DeleteForward => {
                let changed = match next_word_start(&line, col) {
                    Some(c) if c > col => editor.delete_str(c - col),
                    _ => editor.delete_next_char(),
                };
                if changed {
                    self.edited();
                }
            }
        }
        true
    }

    /// Inserts pasted text at the cursor in one go (or into the prompt
    /// being typed, as one line).
    pub(super) fn on_paste(&mut self, text: &str) {
        self.buffer.cursor_before = self.buffer.editor.cursor();
        // Into a prompt at its cursor; a comment or wording keeps its line
        // breaks, a one-line prompt (search, file name) takes spaces.
        let multi_line = matches!(self.screen.overlay, Overlay::Input(..));
        let back = self.screen.prompt_back;
        if let Some(line) = self.prompt_line() {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let pasted: String = text
                .chars()
                .map(|c| match c {
                    '\n' if multi_line => '\n',
                    c if c.is_control() => ' ',
                    c => c,
                })
                .collect();
            let len = line.chars().count();
            let at = line
                .char_indices()
                .nth(len - back.min(len))
                .map_or(line.len(), |(i, _)| i);
            line.insert_str(at, &pasted);
            return;
        }
        if self.screen.focus == Focus::Editor
            && self.screen.overlay == Overlay::None
            && self.views.view == View::Workbench
        {
            let t = text.replace("\r\n", "\n").replace('\r', "\n");
            if self.buffer.editor.insert_str(t) {
                self.edited();
            }
        }
    }

    /// Replaces bytes `range` of the analysed text with `text` in the
    /// editor as one undo step (an accepted suggestion, a quick fix);
    /// returns whether the text changed (then it is re-checked).
    pub(super) fn replace_bytes(&mut self, range: std::ops::Range<usize>, text: &str) -> bool {
        let doc = &self.analysis.doc;
        let (p, q) = (doc.position(range.start), doc.position(range.end));
        self.buffer.cursor_before = self.buffer.editor.cursor();
        let changed = self.buffer.editor.replace_range(
            (p.line - 1, p.column - 1),
            (q.line - 1, q.column - 1),
            text,
        );
        if changed {
            self.edited();
        }
        changed
    }

    /// Puts the editor's cursor at byte `at` of the text and shows the
    /// workbench with the editor focused.
    pub(super) fn jump_to_byte(&mut self, at: usize) {
        let pos = self.analysis.doc.position(at);
        jump(&mut self.buffer.editor, pos.line - 1, pos.column - 1);
        self.views.view = View::Workbench;
        self.screen.focus = Focus::Editor;
    }
}
