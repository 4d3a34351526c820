//! Find and replace in the editor: the search prompt with a live count
//! of matches, plain words or a regular expression (Alt-R), next and
//! previous match with "match i of n", and replacing one match at a time
//! (y / n) or all the rest at once — one undo step.

use super::buffer::go_to;
use super::{Focus, Overlay, State};
use crate::app::overlay_keys::OverlayCmd as C;
use crate::core::find::{Count, FindError, Finder};
use crate::core::lang::Lang;
use crate::tr;
use std::ops::Range;

/// What the search remembers between prompts.
#[derive(Debug, Clone, Default)]
pub(super) struct FindState {
    /// The words last searched for.
    query: String,
    /// Search by regular expression.
    regex: bool,
    /// What the matches were last replaced by.
    with: String,
    /// What the prompt's words find, counted while they are typed (or why
    /// they cannot be searched for).
    preview: Option<Result<Count, String>>,
    /// A replacement under way.
    run: Option<ReplaceRun>,
}

/// Replacing match by match, from the cursor to the end of the text and
/// on from its start back to where it began.
#[derive(Debug, Clone)]
struct ReplaceRun {
    finder: Finder,
    with: String,
    /// Where the run began (bytes; moved by replacements before it).
    start: usize,
    /// Gone round from the end of the text to its start.
    wrapped: bool,
    /// The match being asked about.
    current: Range<usize>,
    /// Matches replaced so far.
    replaced: usize,
    /// Matches left as they were.
    skipped: usize,
}

/// What the status bar shows while matches are replaced one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaceProgress {
    /// The words searched for, as typed.
    pub query: String,
    /// What they become.
    pub with: String,
    /// Replaced so far.
    pub replaced: usize,
}

impl State {
    /// Ctrl-F (or Ctrl-R: replace): the search prompt, empty — Enter on an
    /// empty prompt searches for the last words again.
    pub(super) fn open_find(&mut self, replace: bool) {
        self.screen.focus = Focus::Editor;
        self.screen.prompt_back = 0;
        self.screen.find.preview = None;
        self.screen.overlay = if replace {
            Overlay::ReplaceFind(self.screen.find.query.clone())
        } else {
            Overlay::Search(String::new())
        };
        self.preview_matches();
    }

    /// Alt-R in a search prompt: regular expression or the words as typed.
    pub(super) fn toggle_regex(&mut self) {
        if matches!(
            self.screen.overlay,
            Overlay::Search(_) | Overlay::ReplaceFind(_)
        ) {
            self.screen.find.regex = !self.screen.find.regex;
            self.preview_matches();
        }
    }

    /// Counts what the search prompt's words find (after every key typed
    /// into it).
    pub(super) fn preview_matches(&mut self) {
        let query = match &self.screen.overlay {
            Overlay::Search(q) | Overlay::ReplaceFind(q) => q.clone(),
            _ => return,
        };
        self.screen.find.preview = match Finder::new(&query, self.screen.find.regex) {
            Err(FindError::Empty) => None,
            Err(e) => Some(Err(self.find_error(&e))),
            Ok(f) => Some(Ok(f.count(&self.buffer.joined(), None).0)),
        };
    }

    /// Enter in the search prompt: the first match at or after the cursor.
    pub(super) fn search(&mut self, query: &str) {
        let query = if query.is_empty() {
            self.screen.find.query.clone()
        } else {
            query.to_owned()
        };
        self.screen.find.preview = None;
        let Some(finder) = self.finder(&query) else {
            return;
        };
        self.screen.find.query = query;
        let at = self.cursor_byte();
        let found = finder.next(&self.buffer.joined(), at, true);
        self.go_to_match(&finder, found);
    }

    /// Ctrl-G / F3 (next) and Alt-G / Shift-F3 (previous): the match after
    /// or before the cursor, round the end of the text.
    pub(super) fn search_step(&mut self, forward: bool) {
        if self.screen.find.query.is_empty() {
            self.open_find(false);
            return;
        }
        let Some(finder) = self.finder(&self.screen.find.query.clone()) else {
            return;
        };
        let text = self.buffer.joined();
        let at = self.cursor_byte();
        let found = if forward {
            finder.next(&text, at, false)
        } else {
            finder.previous(&text, at)
        };
        self.go_to_match(&finder, found);
    }

    /// Enter after typing what to replace: ask what with.
    pub(super) fn replace_find_typed(&mut self, query: String) {
        if query.is_empty() {
            self.say("没有要替换的文字", "nothing to replace");
            return;
        }
        if self.finder(&query).is_none() {
            return;
        }
        self.screen.find.query = query;
        self.screen.prompt_back = 0;
        self.screen.overlay = Overlay::ReplaceWith(self.screen.find.with.clone());
    }

    /// Enter after typing the replacement: the first match from the cursor
    /// is selected and asked about.
    pub(super) fn start_replacing(&mut self, with: String) {
        if self.files.read_only {
            // Says why the text cannot change (and changes nothing).
            self.edited();
            return;
        }
        let Some(finder) = self.finder(&self.screen.find.query.clone()) else {
            return;
        };
        self.screen.find.with = with.clone();
        let at = self.cursor_byte();
        let run = ReplaceRun {
            finder,
            with,
            start: at,
            wrapped: false,
            current: 0..0,
            replaced: 0,
            skipped: 0,
        };
        self.screen.find.run = Some(run);
        self.next_to_replace(at);
    }

    /// y, n, a or another key while replacing match by match.
    pub(super) fn replace_command(&mut self, cmd: C) {
        let Some(mut run) = self.screen.find.run.take() else {
            return;
        };
        self.catch_up();
        let text = self.buffer.joined();
        match cmd {
            C::ReplaceThis => {
                let m = run.current.clone();
                let new = run.finder.replacement(&text, m.clone(), &run.with);
                let delta = new.len() as isize - m.len() as isize;
                self.replace_bytes(m.clone(), &new);
                run.replaced += 1;
                if run.wrapped {
                    run.start = run.start.saturating_add_signed(delta);
                }
                let after = m.start + new.len();
                self.screen.find.run = Some(run);
                self.next_to_replace(after);
            }
            C::Skip => {
                run.skipped += 1;
                let after = run.current.end;
                self.screen.find.run = Some(run);
                self.next_to_replace(after);
            }
            C::ReplaceAll => {
                let ms = remaining(&run, &text);
                if let Some((span, new)) = run.finder.replace_many(&text, &ms, &run.with) {
                    self.replace_bytes(span, &new);
                }
                run.replaced += ms.len();
                self.finish_replacing(&run);
            }
            _ => self.finish_replacing(&run),
        }
    }

    /// Esc in a search or replace prompt.
    pub(super) fn close_find(&mut self) {
        self.screen.find.preview = None;
    }

    /// What the search prompt's words find (`None` while nothing is typed).
    pub fn find_preview(&self) -> Option<&Result<Count, String>> {
        self.screen.find.preview.as_ref()
    }

    /// Searching by regular expression.
    pub fn find_regex(&self) -> bool {
        self.screen.find.regex
    }

    /// The replacement under way, for the status bar.
    pub fn replace_progress(&self) -> Option<ReplaceProgress> {
        let run = self.screen.find.run.as_ref()?;
        Some(ReplaceProgress {
            query: self.screen.find.query.clone(),
            with: run.with.clone(),
            replaced: run.replaced,
        })
    }

    /// The next match to ask about at or after byte `at`, going round the
    /// end of the text once; the run ends where it began.
    fn next_to_replace(&mut self, at: usize) {
        let Some(mut run) = self.screen.find.run.take() else {
            return;
        };
        let text = self.buffer.joined();
        let mut found = run.finder.next_from(&text, at);
        if found.is_none() && !run.wrapped {
            run.wrapped = true;
            found = run.finder.next_from(&text, 0);
        }
        match found {
            Some(m) if !(run.wrapped && m.start >= run.start) => {
                // Only the match asked about stands out (selected), not
                // every match the search highlights.
                let _ = self.buffer.editor.set_search_pattern("");
                run.current = m.clone();
                self.select_bytes(m);
                self.screen.find.run = Some(run);
                self.screen.overlay = Overlay::ReplaceAsk;
            }
            _ => self.finish_replacing(&run),
        }
    }

    /// The run is over: how many were replaced, said.
    fn finish_replacing(&mut self, run: &ReplaceRun) {
        self.buffer.editor.cancel_selection();
        self.screen.find.run = None;
        self.screen.overlay = Overlay::None;
        let msg = match (run.replaced, run.skipped) {
            (0, 0) => tr!(
                self.lang,
                "没有找到“{}”",
                "\"{}\" not found",
                self.screen.find.query
            ),
            (r, 0) => tr!(
                self.lang,
                "替换了 {} 处（Ctrl-Z 撤销）",
                "{} replaced (Ctrl-Z undoes)",
                r
            ),
            (r, s) => tr!(
                self.lang,
                "替换了 {} 处，跳过 {} 处",
                "{} replaced, {} skipped",
                r,
                s
            ),
        };
        self.tell(msg);
    }

    /// The finder for `query` (its highlight set in the editor), or the
    /// reason it cannot search on the status bar.
    fn finder(&mut self, query: &str) -> Option<Finder> {
        match Finder::new(query, self.screen.find.regex) {
            Ok(f) => {
                // The same pattern the finder compiled: it compiles here too.
                let _ = self.buffer.editor.set_search_pattern(f.highlight_pattern());
                Some(f)
            }
            Err(FindError::Empty) => {
                let _ = self.buffer.editor.set_search_pattern("");
                None
            }
            Err(e) => {
                let why = self.find_error(&e);
                self.screen.message = Some((why, true));
                None
            }
        }
    }

    /// A search's error in the user's words.
    fn find_error(&self, e: &FindError) -> String {
        match (e, self.lang) {
            (FindError::BadRegex(why), Lang::Zh) => format!("正则表达式有误：{why}"),
            (e, _) => e.to_string(),
        }
    }

    /// Goes to a match found (centred when off screen) and says which one
    /// of how many it is.
    fn go_to_match(&mut self, finder: &Finder, found: Option<(Range<usize>, bool)>) {
        let query = self.screen.find.query.clone();
        let Some((m, wrapped)) = found else {
            self.tell(tr!(self.lang, "没有找到“{}”", "\"{}\" not found", query));
            return;
        };
        let (row, col) = self.row_col(m.start);
        self.buffer.editor.cancel_selection();
        go_to(&mut self.buffer.editor, row, col);
        let (count, which) = finder.count(&self.buffer.joined(), Some(m.start));
        let total = if count.more {
            format!("{}+", count.n)
        } else {
            count.n.to_string()
        };
        let which = which.map_or_else(|| "?".to_owned(), |w| w.to_string());
        let mut msg = tr!(
            self.lang,
            "“{}” 第 {}/{} 处",
            "\"{}\" {} of {}",
            query,
            which,
            total
        );
        if wrapped {
            msg.push_str(self.lang.pick("（已从头/尾绕回）", " (wrapped around)"));
        }
        self.tell(msg);
    }

    /// Selects bytes `range` of the text, the cursor at its end, shown in
    /// the middle of the editor when it was off screen.
    fn select_bytes(&mut self, range: Range<usize>) {
        let (r0, c0) = self.row_col(range.start);
        let (r1, c1) = self.row_col(range.end);
        let editor = &mut self.buffer.editor;
        editor.cancel_selection();
        go_to(editor, r0, c0);
        editor.start_selection();
        super::buffer::jump(editor, r1, c1);
    }

    /// The cursor as a byte offset of the text.
    fn cursor_byte(&self) -> usize {
        let (row, col) = self.buffer.editor.cursor();
        let lines = self.buffer.editor.lines();
        let before: usize = lines[..row.min(lines.len())]
            .iter()
            .map(|l| l.len() + 1)
            .sum();
        let line = lines.get(row).map_or("", String::as_str);
        before + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
    }

    /// Byte `at` of the text as the editor's (row, column in characters).
    fn row_col(&mut self, at: usize) -> (usize, usize) {
        let text = self.buffer.joined();
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let head = &text[..at];
        let row = head.bytes().filter(|&b| b == b'\n').count();
        let line_start = head.rfind('\n').map_or(0, |i| i + 1);
        (row, head[line_start..].chars().count())
    }
}

/// The matches a run has not decided yet, in text order: from the one
/// asked about to the end, and (not yet gone round) from the start to where
/// the run began.
fn remaining(run: &ReplaceRun, text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    if !run.wrapped {
        // Before the run's start, not reaching the match asked about.
        out.extend(
            run.finder
                .iter(text)
                .take_while(|m| m.start < run.start)
                .filter(|m| m.end <= run.current.start),
        );
    }
    let mut at = run.current.start;
    while let Some(m) = run.finder.next_from(text, at) {
        if run.wrapped && m.start >= run.start {
            break;
        }
        at = m.end;
        out.push(m);
    }
    out
}
