//! The draft in the editor: its text (in the editor widget), how its file
//! stores it (path, encoding, BOM and line endings), whether it differs
//! from the file, and typing — every edit comes through [`State::edited`].

use super::{Focus, Overlay, State, View};
use crate::app::msg::Effect;
use crate::core::snapshot::TextSnapshot;
use crate::core::text::{Encoding, Loaded, TextFormat};
use crate::tr;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::sync::Arc;
use tui_textarea::{CursorMove, TextArea, WrapMode};

/// The longest text sent to the system clipboard: terminals drop OSC 52
/// sequences past about 100,000 bytes (base64 makes 4 bytes of every 3).
pub const OSC52_MAX_BYTES: usize = 74_000;

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
    /// recovery writes and the exit handlers without copying); joined
    /// when first asked for after an edit ([`Buffer::joined`]), so that
    /// a keystroke in a huge draft does not copy the whole text.
    joined: Option<Arc<String>>,
    /// The text as of the last [`Buffer::snapshot`], in chunks shared
    /// with the copy before: the exit handlers' copy, brought up to date
    /// after every key by building again only the chunks of changed lines.
    snapshot: Option<Arc<TextSnapshot>>,
    /// The cursor before the current key or paste (where a refused edit
    /// puts it back).
    pub(super) cursor_before: (usize, usize),
}

/// An editor holding `text`: word wrap, a long undo history in which
/// typing is undone a word at a time (a run of Han characters, of Latin
/// letters and digits, of punctuation — full-width 。，、 included — ends
/// where the class changes, at a pause of half a second, a new line, a
/// cursor move; a paste or an input method's commit in one piece is one
/// step).
pub(super) fn new_editor(text: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(text.split('\n').map(str::to_owned).collect());
    editor.set_wrap_mode(WrapMode::Word);
    editor.set_max_histories(10_000);
    editor.set_undo_coalescing(true);
    editor.set_undo_run_class(|c| crate::app::words::class(c) as u8);
    editor
}

/// Moves the cursor to (row, col), clamped by the widget to the text.
pub(super) fn jump(editor: &mut TextArea<'static>, row: usize, col: usize) {
    editor.move_cursor(CursorMove::Jump(
        row.min(u16::MAX as usize) as u16,
        col.min(u16::MAX as usize) as u16,
    ));
}

/// Puts the editor's cursor at `(row, col)` as a jump does (Enter on a
/// checklist row, F8, a search, go to line): a target off screen is shown
/// in the middle of the editor, not at its edge.
pub(super) fn go_to(editor: &mut TextArea<'static>, row: usize, col: usize) {
    jump(editor, row, col);
    editor.center_cursor_on_next_draw();
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
            joined: Some(Arc::new(file.text.clone())),
            snapshot: None,
            cursor_before: (0, 0),
        }
    }

    /// Replaces the text (a fresh undo history), the cursor put at
    /// `(row, col)` or as near as the new text allows.
    pub(super) fn set_text(&mut self, text: &str, (row, col): (usize, usize)) {
        self.editor = new_editor(text);
        self.snapshot = None;
        jump(&mut self.editor, row, col);
        self.joined = Some(Arc::new(text.to_owned()));
    }

    /// The text, `\n`-separated: joined from the editor's lines when an
    /// edit came after the last join. (Shared as an `Arc<String>`: the join
    /// is kept as it was made, where an `Arc<str>` would copy it again — a
    /// second pass over a 30 MB draft after every frame.)
    pub(super) fn joined(&mut self) -> Arc<String> {
        self.joined
            .get_or_insert_with(|| Arc::new(self.editor.lines().join("\n")))
            .clone()
    }

    /// The text as an owned string (for parsing): the joined one copied,
    /// or the lines joined once — kept as the shared text too — without
    /// copying the join again.
    pub(super) fn owned_text(&mut self) -> String {
        match &self.joined {
            Some(t) => t.to_string(),
            None => {
                let text = self.editor.lines().join("\n");
                self.joined = Some(Arc::new(text.clone()));
                text
            }
        }
    }

    /// Takes the first [`Buffer::snapshot`] if none was taken yet.
    pub(super) fn prepare_snapshot(&mut self) {
        if self.snapshot.is_none() {
            self.snapshot();
        }
    }

    /// The text in shared chunks ([`TextSnapshot`]): the last one, with the
    /// chunks of lines changed since built again from the editor. A key
    /// costs a chunk (about 64 KB), whatever the draft's size.
    pub(super) fn snapshot(&mut self) -> Arc<TextSnapshot> {
        let lines = self.editor.lines();
        let unchanged = self.editor.lines_unchanged_since_snapshot();
        let next = match (&self.snapshot, unchanged) {
            (Some(s), Some((prefix, 0))) if prefix == lines.len() && s.lines() == prefix => {
                return s.clone();
            }
            (Some(s), Some((prefix, suffix))) => s.updated(lines, prefix, suffix),
            _ => TextSnapshot::of_lines(lines),
        };
        self.editor.mark_snapshot();
        let next = Arc::new(next);
        self.snapshot = Some(next.clone());
        next
    }
}

impl State {
    /// After every change of the editor's text: a read-only view puts it
    /// back; else the draft is modified, the recovery timer runs, and the
    /// checklist follows (at once, or when typing pauses for huge drafts).
    pub(super) fn edited(&mut self) {
        if self.files.read_only {
            // Every edit comes through here: put the text back.
            let text = self.buffer.joined();
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
        // The text is joined when something needs it: the re-check (at
        // once for a draft of ordinary size, unless one is on its way; once
        // typing pauses for a huge one), a save, the recovery timer, the
        // exit keep after the frame — so that a keystroke costs what
        // changed, not the draft's size.
        self.buffer.joined = None;
        self.text_changed();
    }

    /// Handles a key for the editor that the keymap does not bind: word
    /// motions, then the widget's own keys.
    pub(super) fn editor_key(&mut self, e: KeyEvent) {
        if self.word_key(&e) {
            return;
        }
        if e.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(e.code, KeyCode::Home | KeyCode::End)
        {
            // Ctrl-Home / Ctrl-End: the start or end of the text (with
            // Shift: selecting up to it).
            let editor = &mut self.buffer.editor;
            let shift = e.modifiers.contains(KeyModifiers::SHIFT);
            if !shift {
                editor.cancel_selection();
            } else if !editor.is_selecting() {
                editor.start_selection();
            }
            if e.code == KeyCode::Home {
                editor.move_cursor(CursorMove::Top);
                editor.move_cursor(CursorMove::Head);
            } else {
                editor.move_cursor(CursorMove::Bottom);
                editor.move_cursor(CursorMove::End);
            }
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

    /// What was just copied or cut goes to the system clipboard too
    /// (OSC 52), when the config allows and it is not too long for
    /// terminals to take; the status bar says which.
    pub(super) fn send_to_clipboard(&mut self) {
        let text = self.buffer.editor.yank_text();
        if text.is_empty() {
            return;
        }
        let chars = text.chars().count();
        if !self.osc52 {
            self.tell(tr!(
                self.lang,
                "已复制 {} 字",
                "{} characters copied",
                chars
            ));
        } else if text.len() > OSC52_MAX_BYTES {
            self.tell(tr!(
                self.lang,
                "已复制 {} 字（太长，没有发往系统剪贴板）",
                "{} characters copied (too long for the system clipboard)",
                chars
            ));
        } else {
            self.emit(Effect::Clipboard(text));
            self.tell(tr!(
                self.lang,
                "已复制 {} 字（终端支持 OSC 52 时也在系统剪贴板里）",
                "{} characters copied (on the system clipboard too where the terminal allows OSC 52)",
                chars
            ));
        }
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
        go_to(&mut self.buffer.editor, pos.line - 1, pos.column - 1);
        self.views.view = View::Workbench;
        self.screen.focus = Focus::Editor;
    }
}
