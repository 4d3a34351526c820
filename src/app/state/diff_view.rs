//! The diff view (F3): its entries, what each says (marked runs: inserted,
//! deleted, a year rolled forward), and its keys.

use super::State;
use crate::app::keymap::Action;
use crate::core::compare::{ParaChange, ParaStatus, SpanOp};

/// Where the diff view is.
#[derive(Debug, Clone, Default)]
pub struct DiffState {
    /// The selected entry: an index into the comparison's paragraphs.
    pub selected: usize,
    /// Unchanged paragraphs hidden.
    pub only_changes: bool,
    /// The first entry shown, a position in [`State::diff_entries`] (kept
    /// so that the selected entry stays in view).
    pub top: usize,
    /// Entries on the screen (a page for PageDown / PageUp).
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

/// What a run of text in the diff view is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// As it was.
    Plain,
    /// Only this year.
    Insert,
    /// Only last year.
    Delete,
    /// A year rolled forward (expected: dimmed, not marked).
    Rolled,
}

/// A diff entry's text as runs: last year's side, this year's side, and the
/// two interleaved for the stacked layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sides {
    /// Last year's side.
    pub old: Vec<(String, Mark)>,
    /// This year's side.
    pub new: Vec<(String, Mark)>,
    /// Both, interleaved (a rolled year reads as this year's).
    pub inline: Vec<(String, Mark)>,
}

/// The year `YYYY年` whose digits include `text[a..b]` (only digits).
fn year_around(text: &str, a: usize, b: usize) -> Option<i32> {
    let bytes = text.as_bytes();
    let inner = text.get(a..b)?;
    if inner.is_empty() || !inner.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start = (0..a)
        .rev()
        .take_while(|&i| bytes[i].is_ascii_digit())
        .last()
        .unwrap_or(a);
    let end = (b..bytes.len())
        .take_while(|&i| bytes[i].is_ascii_digit())
        .last()
        .map_or(b, |i| i + 1);
    (end - start == 4 && text[end..].starts_with('年'))
        .then(|| text[start..end].parse().ok())
        .flatten()
}

impl State {
    /// The diff view's place.
    pub fn diff(&self) -> &DiffState {
        &self.views.diff
    }

    /// The diff view's entries (indices into the comparison's paragraphs):
    /// all of them, or only the changes.
    pub fn diff_entries(&self) -> Vec<usize> {
        let Some(cmp) = self.comparison() else {
            return Vec::new();
        };
        (0..cmp.paragraphs.len())
            .filter(|&i| {
                !self.views.diff.only_changes || cmp.paragraphs[i].status != ParaStatus::Unchanged
            })
            .collect()
    }

    /// The entry whose new paragraph holds byte `at` (or the last one before it).
    pub(super) fn entry_at(&self, at: usize) -> Option<usize> {
        let cmp = self.comparison()?;
        cmp.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.new
                    .is_some_and(|n| self.analysis.doc.paragraphs()[n].range.start <= at)
            })
            .map(|(i, _)| i)
            .last()
    }

    /// A diff entry's text as marked runs: inserted and deleted text, and
    /// years rolled forward (dimmed, not marked: they are expected).
    pub fn diff_sides(&self, p: &ParaChange) -> Sides {
        // Merged and split entries: the paragraphs of their side read as
        // one, as their spans were worked out.
        let old_joined: String = match self.views.previous.as_ref() {
            Some(pr) => p.old_all().map(|o| pr.doc.paragraph_text(o)).collect(),
            None => String::new(),
        };
        let new_joined: String = p
            .new_all()
            .map(|n| self.analysis.doc.paragraph_text(n))
            .collect();
        let (old_text, new_text) = (old_joined.as_str(), new_joined.as_str());
        let mut s = Sides::default();
        let push = |v: &mut Vec<(String, Mark)>, t: &str, m: Mark| v.push((t.to_owned(), m));
        match p.status {
            ParaStatus::Added => {
                push(&mut s.new, new_text, Mark::Insert);
                push(&mut s.inline, new_text, Mark::Insert);
            }
            ParaStatus::Removed => {
                push(&mut s.old, old_text, Mark::Delete);
                push(&mut s.inline, old_text, Mark::Delete);
            }
            _ if !p.spans.is_empty() => {
                let rolled = self.rolled_year_spans(p, old_text, new_text);
                for (sp, &is_rolled) in p.spans.iter().zip(&rolled) {
                    let (d, i) = if is_rolled {
                        (Mark::Rolled, Mark::Rolled)
                    } else {
                        (Mark::Delete, Mark::Insert)
                    };
                    match sp.op {
                        SpanOp::Equal => {
                            push(&mut s.old, &sp.text, Mark::Plain);
                            push(&mut s.new, &sp.text, Mark::Plain);
                            push(&mut s.inline, &sp.text, Mark::Plain);
                        }
                        SpanOp::Delete => {
                            push(&mut s.old, &sp.text, d);
                            // A rolled year reads as this year's in the redline.
                            if !is_rolled {
                                push(&mut s.inline, &sp.text, d);
                            }
                        }
                        SpanOp::Insert => {
                            push(&mut s.new, &sp.text, i);
                            push(&mut s.inline, &sp.text, i);
                        }
                    }
                }
            }
            _ if p.year_rolled => {
                // Years rolled forward are expected: shown dimmed, not marked.
                let d = similar::TextDiff::from_chars(old_text, new_text);
                for c in d.iter_all_changes() {
                    let t = c.value();
                    match c.tag() {
                        similar::ChangeTag::Equal => {
                            push(&mut s.old, t, Mark::Plain);
                            push(&mut s.new, t, Mark::Plain);
                            push(&mut s.inline, t, Mark::Plain);
                        }
                        similar::ChangeTag::Delete => push(&mut s.old, t, Mark::Rolled),
                        similar::ChangeTag::Insert => {
                            push(&mut s.new, t, Mark::Rolled);
                            push(&mut s.inline, t, Mark::Rolled);
                        }
                    }
                }
            }
            _ => {
                push(&mut s.old, old_text, Mark::Plain);
                push(&mut s.new, new_text, Mark::Plain);
                push(&mut s.inline, new_text, Mark::Plain);
            }
        }
        s
    }

    /// Which inline spans of a changed paragraph are only a year rolled
    /// forward (a deleted `3` beside an inserted `4` inside 2023年 → 2024年).
    pub(super) fn rolled_year_spans(&self, p: &ParaChange, old: &str, new: &str) -> Vec<bool> {
        let shift = self.comparison().map_or(1, |c| c.year_shift);
        let old_year = self.views.previous.as_ref().and_then(|pr| pr.doc.year());
        let mut out = vec![false; p.spans.len()];
        // Byte ranges of each span in the old and the new text.
        let mut ranges = Vec::with_capacity(p.spans.len());
        let (mut o, mut n) = (0usize, 0usize);
        for sp in &p.spans {
            let len = sp.text.len();
            ranges.push(match sp.op {
                SpanOp::Equal => {
                    o += len;
                    n += len;
                    (o - len..o, n - len..n)
                }
                SpanOp::Delete => {
                    o += len;
                    (o - len..o, n..n)
                }
                SpanOp::Insert => {
                    n += len;
                    (o..o, n - len..n)
                }
            });
        }
        for k in 0..p.spans.len().saturating_sub(1) {
            let (del, ins) = match (p.spans[k].op, p.spans[k + 1].op) {
                (SpanOp::Delete, SpanOp::Insert) => (k, k + 1),
                (SpanOp::Insert, SpanOp::Delete) => (k + 1, k),
                _ => continue,
            };
            let (ro, _) = &ranges[del];
            let (_, rn) = &ranges[ins];
            let (Some(yo), Some(yn)) = (
                year_around(old, ro.start, ro.end),
                year_around(new, rn.start, rn.end),
            ) else {
                continue;
            };
            let near = old_year.is_none_or(|y| (y - 1..=y + 1).contains(&yo));
            if yn - yo == shift && near {
                out[del] = true;
                out[ins] = true;
            }
        }
        out
    }

    pub(super) fn diff_act(&mut self, action: Action) -> bool {
        let entries = self.diff_entries();
        let pos = self.views.diff.position_in(&entries);
        let last = entries.len().saturating_sub(1);
        let page = self.views.diff.page.max(1);
        let go = |s: &mut State, i: usize| {
            if let Some(&e) = entries.get(i.min(last)) {
                s.views.diff.selected = e;
            }
        };
        match action {
            Action::Down => go(self, pos + 1),
            Action::Up => go(self, pos.saturating_sub(1)),
            Action::PageDown => go(self, pos + page),
            Action::PageUp => go(self, pos.saturating_sub(page)),
            Action::NextChange | Action::PreviousChange => {
                let Some(cmp) = self.comparison() else {
                    return true;
                };
                let changed = |i: &usize| cmp.paragraphs[*i].status != ParaStatus::Unchanged;
                let found = if action == Action::NextChange {
                    entries.iter().skip(pos + 1).find(|i| changed(i))
                } else {
                    entries.iter().take(pos).rev().find(|i| changed(i))
                };
                match found.copied() {
                    Some(e) => self.views.diff.selected = e,
                    None => self.say("没有更多变化", "no more changes"),
                }
            }
            Action::ToggleChanges => {
                self.views.diff.only_changes = !self.views.diff.only_changes;
                // Stay on the nearest shown entry.
                let shown = self.diff_entries();
                if let Some(&e) = shown.get(self.views.diff.position_in(&shown)) {
                    self.views.diff.selected = e;
                }
                if self.views.diff.only_changes {
                    self.say("只看变化", "only changes");
                } else {
                    self.say("显示全文", "everything");
                }
            }
            Action::Jump => {
                // The same place in this year's text: the paragraph itself,
                // or for a removed one the next paragraph that is still there.
                let target = self.comparison().and_then(|cmp| {
                    let s = self.views.diff.selected.min(cmp.paragraphs.len());
                    cmp.paragraphs[s..]
                        .iter()
                        .chain(cmp.paragraphs[..s].iter().rev())
                        .find_map(|p| p.new)
                });
                if let Some(n) = target {
                    let at = self.analysis.doc.paragraphs()[n].range.start;
                    self.jump_to_byte(at);
                }
            }
            _ => return false,
        }
        true
    }

    /// The diff view starts where the editor is.
    pub(super) fn diff_start_at_cursor(&mut self) {
        let at = self
            .analysis
            .doc
            .index()
            .line_start(self.buffer.editor.cursor().0);
        self.views.diff.selected = self.entry_at(at).unwrap_or(0);
    }
}
