//! Reuse between checks of one draft as it is edited: the workbench checks
//! the whole text again after each key, and most of it has not changed.
//!
//! What a check works out of a paragraph's text alone — its figures (with
//! the metrics their clauses name), its metric keywords, its placeholders,
//! its punctuation finding, the statement items' matches in its body — is
//! kept in
//! a [`CheckMemo`] under the paragraph's text, relative to the paragraph's
//! start, and the next check takes it for every paragraph whose text is
//! the same, wherever the paragraph moved (a line added above shifts every
//! offset, line number and paragraph index after it: those are re-based,
//! never kept). What spans paragraphs — sections, items, which metrics
//! may count a paragraph's figures, the lints across paragraphs — is
//! worked out anew each time. Entries of texts a check no longer met are dropped after it, so
//! the memo holds about one copy of the draft.
//!
//! A memo belongs to one spec and one language: checking with another
//! starts it afresh. With no memo a check computes everything, the same
//! way (the same functions, fed by `Reuse::none`): the tests hold a
//! check with a memo, edit after edit, to a check without one.

use super::super::by_text::ByText;
use super::super::document::LineMemo;
use super::super::figures::Figure;
use super::super::lang::Lang;
use super::super::spec::CompiledSpec;
use std::ops::Range;

/// What was worked out of each paragraph's text by earlier checks of a
/// draft (see the module). Create one per edited draft and pass it to
/// [`super::check_reusing`] at every check.
#[derive(Debug, Default)]
pub struct CheckMemo {
    /// The spec (its [`CompiledSpec::serial`]) and language of the entries.
    owner: Option<(u64, Lang)>,
    /// Each paragraph text's facts.
    paragraphs: ByText<Entry>,
    /// What the parses of the draft worked out of each line.
    lines: LineMemo,
    /// How many figures and metric keyword hits the last check found:
    /// the next one's lists start that large (a list of a thousand
    /// figures grown by doubling is copied ten times).
    last_counts: (usize, usize),
}

/// The facts of one paragraph's text, each worked out when first asked for.
#[derive(Debug, Default)]
struct Entry {
    /// The figures, scanned from this byte of the paragraph on (a
    /// heading's title start) and given their metrics, with offsets,
    /// column and paragraph index relative to that byte.
    figures: Option<(usize, Vec<Figure>)>,
    /// Metric keyword hits `(start, end, metric)`, in order of start.
    keywords: Option<Vec<(usize, usize, usize)>>,
    /// Placeholders, in order, not overlapping.
    placeholders: Option<Vec<Range<usize>>>,
    /// The punctuation finding: the first mark and the message.
    punctuation: Option<Option<(Range<usize>, String)>>,
    /// Statement items' body matches: (matcher, where the body starts in
    /// the paragraph, the first hit in the body, relative to its start).
    body_hits: Vec<(u32, usize, Option<Range<usize>>)>,
    /// The naming words figure-consistency compares, for each of the
    /// paragraph's figures (its text's and its tables' cells'), as ranges
    /// of their contexts (`consistency::naming_ranges`).
    names: Option<Vec<Option<Range<u16>>>>,
    /// A heading's title (from this byte of the paragraph on) against
    /// each item's heading matcher: 0 not tried yet, 1 no match, 2 a
    /// match.
    heading_hits: Option<(usize, Vec<u8>)>,
}

impl CheckMemo {
    /// An empty memo.
    pub fn new() -> CheckMemo {
        CheckMemo::default()
    }

    /// What the parses of the draft worked out of each line: for
    /// [`crate::core::document::Document::parse_reusing`] before each
    /// check.
    pub fn lines(&mut self) -> &mut LineMemo {
        &mut self.lines
    }

    /// How many paragraph texts it holds.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Starts a check of `paragraphs` (their texts) with `spec` in `lang`:
    /// each paragraph's entry, made empty for a text not seen before.
    fn start<'t>(
        &mut self,
        spec: &CompiledSpec,
        lang: Lang,
        paragraphs: impl Iterator<Item = &'t str>,
    ) -> Vec<usize> {
        let owner = (spec.serial(), lang);
        if self.owner != Some(owner) {
            *self = CheckMemo {
                owner: Some(owner),
                lines: std::mem::take(&mut self.lines),
                ..CheckMemo::default()
            };
        }
        self.paragraphs.begin();
        paragraphs.map(|t| self.paragraphs.slot(t)).collect()
    }
}

/// One check's access to a memo: each paragraph's facts taken from it or
/// worked out (and kept). Without a memo, always worked out.
pub(super) struct Reuse<'m> {
    memo: Option<&'m mut CheckMemo>,
    /// Per paragraph: its entry.
    slots: Vec<usize>,
}

impl Drop for Reuse<'_> {
    fn drop(&mut self) {
        if let Some(m) = self.memo.as_deref_mut() {
            // The paragraph texts this check did not meet are dropped.
            m.paragraphs.end();
        }
    }
}

impl<'m> Reuse<'m> {
    /// No memo: every fact is worked out.
    pub(super) fn none() -> Reuse<'m> {
        Reuse {
            memo: None,
            slots: Vec::new(),
        }
    }

    /// A check of `doc` with `spec` in `lang` using `memo`.
    pub(super) fn with(
        memo: &'m mut CheckMemo,
        doc: &super::Document,
        spec: &CompiledSpec,
        lang: Lang,
    ) -> Reuse<'m> {
        let text = doc.text();
        let slots = memo.start(
            spec,
            lang,
            doc.paragraphs().iter().map(|p| &text[p.range.clone()]),
        );
        Reuse {
            memo: Some(memo),
            slots,
        }
    }

    /// Whether there is a memo to keep facts in (a one-off check has none).
    pub(super) fn has_memo(&self) -> bool {
        self.memo.is_some()
    }

    /// How many figures and keyword hits the last check with this memo
    /// found (none without a memo): the capacities to start from.
    pub(super) fn last_counts(&self) -> (usize, usize) {
        self.memo.as_deref().map_or((0, 0), |m| m.last_counts)
    }

    /// Keeps how many figures and keyword hits this check found.
    pub(super) fn keep_counts(&mut self, figures: usize, hits: usize) {
        if let Some(m) = self.memo.as_deref_mut() {
            m.last_counts = (figures, hits);
        }
    }

    /// The entry of paragraph `p`, when there is a memo.
    fn entry(&mut self, p: usize) -> Option<&mut Entry> {
        let i = *self.slots.get(p)?;
        self.memo.as_deref_mut()?.paragraphs.get_mut(i)
    }

    /// The figures of paragraph `pi` (whose text begins at byte
    /// `paragraph_start`), scanned from byte `start` (its own start, or a
    /// heading's title start): appended to `out` from the memo, re-based,
    /// or from `scan`. `position` gives the line and column of `start`
    /// (asked only when there are figures to place).
    pub(super) fn figures(
        &mut self,
        pi: usize,
        paragraph_start: usize,
        start: usize,
        position: impl FnOnce() -> (usize, usize),
        out: &mut Vec<Figure>,
        scan: impl FnOnce(&mut Vec<Figure>),
    ) {
        let offset = start - paragraph_start;
        let Some(entry) = self.entry(pi) else {
            scan(out);
            return;
        };
        match &entry.figures {
            Some((o, kept)) if *o == offset => {
                if kept.is_empty() {
                    return;
                }
                let (line, col) = position();
                out.extend(kept.iter().map(|f| placed(f, start, line, col, pi)));
            }
            _ => {
                let from = out.len();
                scan(out);
                let col = if out.len() > from { position().1 } else { 0 };
                let kept = out[from..]
                    .iter()
                    .map(|f| relative(f, start, col))
                    .collect();
                entry.figures = Some((offset, kept));
                // Worked out of the figures scanned before.
                entry.names = None;
            }
        }
    }

    /// The metric keyword hits of paragraph `pi` (text from byte `start`),
    /// `(start, end, metric)` in order of start, appended to `out`.
    pub(super) fn keywords(
        &mut self,
        pi: usize,
        start: usize,
        out: &mut Vec<(usize, usize, usize)>,
        scan: impl FnOnce(&mut Vec<(usize, usize, usize)>),
    ) {
        let Some(entry) = self.entry(pi) else {
            scan(out);
            return;
        };
        match &entry.keywords {
            Some(kept) => out.extend(kept.iter().map(|&(s, e, m)| (s + start, e + start, m))),
            None => {
                let from = out.len();
                scan(out);
                entry.keywords = Some(
                    out[from..]
                        .iter()
                        .map(|&(s, e, m)| (s - start, e - start, m))
                        .collect(),
                );
            }
        }
    }

    /// The placeholders of paragraph `pi`, relative to its start.
    pub(super) fn placeholders(
        &mut self,
        pi: usize,
        scan: impl FnOnce() -> Vec<Range<usize>>,
    ) -> Vec<Range<usize>> {
        match self.entry(pi) {
            None => scan(),
            Some(entry) => entry.placeholders.get_or_insert_with(scan).clone(),
        }
    }

    /// The first hit of matcher `key` in paragraph `pi`'s body, which
    /// starts `offset` bytes into the paragraph: relative to the body's
    /// start, from the memo or from `find`.
    pub(super) fn body_hit(
        &mut self,
        pi: usize,
        key: u32,
        offset: usize,
        find: impl FnOnce() -> Option<Range<usize>>,
    ) -> Option<Range<usize>> {
        let Some(entry) = self.entry(pi) else {
            return find();
        };
        if let Some((_, _, hit)) = entry.body_hits.iter().find(|h| h.0 == key && h.1 == offset) {
            return hit.clone();
        }
        let hit = find();
        entry.body_hits.push((key, offset, hit.clone()));
        hit
    }

    /// The naming words of the figures of paragraph `pi` (all of them, in
    /// order), appended to `out`: from the memo when it kept as many, or
    /// from `work`.
    pub(super) fn names(
        &mut self,
        pi: usize,
        figures: usize,
        out: &mut Vec<Option<Range<u16>>>,
        work: impl FnOnce() -> Vec<Option<Range<u16>>>,
    ) {
        let Some(entry) = self.entry(pi) else {
            out.extend(work());
            return;
        };
        match &entry.names {
            Some(kept) if kept.len() == figures => out.extend_from_slice(kept),
            _ => out.extend_from_slice(entry.names.insert(work())),
        }
    }

    /// Whether item `item`'s heading matcher (of `items`) matches the
    /// title of the heading that is paragraph `pi`, which starts `offset`
    /// bytes into it: from the memo, or `test`.
    pub(super) fn heading_match(
        &mut self,
        pi: usize,
        offset: usize,
        item: usize,
        items: usize,
        test: impl FnOnce() -> bool,
    ) -> bool {
        let Some(entry) = self.entry(pi) else {
            return test();
        };
        let hits = match &mut entry.heading_hits {
            Some((o, v)) if *o == offset && v.len() == items => v,
            slot => &mut slot.insert((offset, vec![0; items])).1,
        };
        match hits.get(item) {
            Some(1) => false,
            Some(2) => true,
            _ => {
                let hit = test();
                if let Some(h) = hits.get_mut(item) {
                    *h = 1 + u8::from(hit);
                }
                hit
            }
        }
    }

    /// The punctuation finding of paragraph `pi`, relative to its start.
    pub(super) fn punctuation(
        &mut self,
        pi: usize,
        scan: impl FnOnce() -> Option<(Range<usize>, String)>,
    ) -> Option<(Range<usize>, String)> {
        match self.entry(pi) {
            None => scan(),
            Some(entry) => entry.punctuation.get_or_insert_with(scan).clone(),
        }
    }
}

/// A figure as the memo keeps it: offsets from byte `start` (where its
/// paragraph's scan began, at column `col`), no line or paragraph.
fn relative(f: &Figure, start: usize, col: usize) -> Figure {
    let mut g = shifted(f, |x| x - start);
    g.position.line = 0;
    g.position.column = f.position.column - col;
    g.paragraph = 0;
    g
}

/// A figure the memo kept, placed in paragraph `pi` whose scan began at
/// byte `start`, on `line` at column `col`.
fn placed(f: &Figure, start: usize, line: usize, col: usize, pi: usize) -> Figure {
    let mut g = shifted(f, |x| x + start);
    g.position.line = line;
    g.position.column = f.position.column + col;
    g.paragraph = pi;
    g
}

/// `f` with each of its byte ranges moved by `by`.
fn shifted(f: &Figure, by: impl Fn(usize) -> usize) -> Figure {
    let shift = |r: &Range<usize>| by(r.start)..by(r.end);
    let mut g = f.clone();
    g.range = shift(&f.range);
    g.text_range = shift(&f.text_range);
    g.clause = shift(&f.clause);
    g.sentence = shift(&f.sentence);
    g
}

#[cfg(test)]
#[path = "memo_tests.rs"]
mod tests;
