//! Positions of the analysed text placed on the editor's lines as they are
//! now. While a re-check is on its way the analysis is of an older text:
//! the editor counts the lines changed since (widget patch 11), so
//! highlights stay on every line the edits did not touch (those below an
//! inserted line move down with it), and in the edited stretch itself the
//! text before and after the edit keeps its highlights.

use super::State;
use crate::core::document::Document;
use std::ops::Range;

/// Edited stretches up to this size (bytes, before and after) are
/// compared to place what is around the edit; a bigger one's highlights
/// wait for the check.
const COMPARED_UP_TO: usize = 64 * 1024;

/// Places positions of the analysis on the editor's current lines.
pub struct Placer<'a> {
    doc: &'a Document,
    lines: &'a [String],
    /// `None`: the analysis is of the current text.
    map: Option<LineMap>,
}

/// How the analysed text's lines became the editor's.
#[derive(Debug, Clone)]
struct LineMap {
    /// Lines before this one are unchanged.
    prefix: usize,
    /// Lines from this one (in the analysed text) to its end are unchanged.
    old_suffix_start: usize,
    /// Where they are now.
    new_suffix_start: usize,
    /// The edited stretch compared, when small enough.
    edited: Option<Edited>,
}

/// The edited lines (`prefix..old_suffix_start` before, `prefix..
/// new_suffix_start` now), each side read as one text.
#[derive(Debug, Clone)]
struct Edited {
    /// Bytes at the start that are as they were.
    head: usize,
    /// Bytes at the end that are as they were.
    tail: usize,
    /// Length before.
    old_len: usize,
    /// Length now.
    new_len: usize,
    /// Where each line now starts in it.
    new_starts: Vec<usize>,
}

impl<'a> Placer<'a> {
    /// The editor's (row, byte column) for byte `at` of the analysed text;
    /// `None` where that text was edited since (or is not on a character
    /// boundary of the line now).
    pub fn place(&self, at: usize) -> Option<(usize, usize)> {
        let index = self.doc.index();
        let line = index.line_of(at);
        let col = at.checked_sub(index.line_start(line))?;
        let (row, col) = match &self.map {
            None => (line, col),
            Some(m) if line < m.prefix => (line, col),
            Some(m) if line >= m.old_suffix_start => {
                (line - m.old_suffix_start + m.new_suffix_start, col)
            }
            Some(m) => {
                let e = m.edited.as_ref()?;
                let offset = at - index.line_start(m.prefix);
                // Text typed at a highlight's edge goes before it.
                let now = if offset >= e.old_len - e.tail {
                    offset + e.new_len - e.old_len
                } else if offset <= e.head {
                    offset
                } else {
                    return None;
                };
                let i = e.new_starts.partition_point(|&s| s <= now).checked_sub(1)?;
                (m.prefix + i, now - e.new_starts[i])
            }
        };
        let text = self.lines.get(row)?;
        (col <= text.len() && text.is_char_boundary(col)).then_some((row, col))
    }

    /// The bytes of the analysed text that the editor's rows `rows` come
    /// from (lines edited since stand for all of the edit): what to look
    /// for highlights of a part of the text.
    pub fn bytes_of_rows(&self, rows: Range<usize>) -> Range<usize> {
        let old = |row: usize, end: bool| match &self.map {
            None => row,
            Some(m) if row < m.prefix => row,
            Some(m) if row >= m.new_suffix_start => row - m.new_suffix_start + m.old_suffix_start,
            Some(m) if end => m.old_suffix_start,
            Some(m) => m.prefix,
        };
        let index = self.doc.index();
        let start = index.line_start(old(rows.start, false));
        let end = index.line_start(old(rows.end.max(rows.start + 1) - 1, true) + 1);
        start..end.max(start)
    }
}

impl State {
    /// Places positions of the analysis on the editor's lines (see
    /// [`Placer`]); nothing is placed when the edits since cannot be told
    /// (a text replaced as a whole).
    pub fn placer(&self) -> Placer<'_> {
        let doc = &self.analysis.doc;
        let lines = self.buffer.editor.lines();
        if !self.analysis.stale {
            return Placer {
                doc,
                lines,
                map: None,
            };
        }
        let Some((prefix, suffix)) = self.buffer.editor.lines_unchanged_since_mark() else {
            return Placer {
                doc,
                lines: &[],
                map: None,
            };
        };
        let (old, new) = (self.analysis.lines, lines.len());
        let mut m = LineMap {
            prefix,
            old_suffix_start: old.saturating_sub(suffix).max(prefix),
            new_suffix_start: new.saturating_sub(suffix).max(prefix),
            edited: None,
        };
        // The edited stretch, before (a part of the analysed text) and now.
        let index = doc.index();
        let text = doc.text();
        let from = index.line_start(m.prefix).min(text.len());
        let to = index.line_start(m.old_suffix_start).min(text.len());
        let before = &text[from..to.max(from)];
        let before = before.strip_suffix('\n').unwrap_or(before);
        let now_lines = lines.get(m.prefix..m.new_suffix_start).unwrap_or(&[]);
        let now_len = now_lines.iter().map(|l| l.len() + 1).sum::<usize>();
        if before.len() <= COMPARED_UP_TO && now_len <= COMPARED_UP_TO {
            let mut new_starts = Vec::with_capacity(now_lines.len());
            let mut now = String::with_capacity(now_len);
            for (i, l) in now_lines.iter().enumerate() {
                if i > 0 {
                    now.push('\n');
                }
                new_starts.push(now.len());
                now.push_str(l);
            }
            let head = common_prefix(before, &now);
            let tail = common_suffix(&before[head..], &now[head..]);
            m.edited = Some(Edited {
                head,
                tail,
                old_len: before.len(),
                new_len: now.len(),
                new_starts,
            });
        }
        Placer {
            doc,
            lines,
            map: Some(m),
        }
    }
}

/// Bytes at the start of `a` and `b` that are the same (whole characters).
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Bytes at the end of `a` and `b` that are the same (whole characters).
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}
