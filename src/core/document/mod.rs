//! The document model: a report draft as paragraphs, headings, a section
//! tree, a title and a report year.
//!
//! A paragraph is one non-blank line: Chinese reports put each paragraph on a
//! line of its own, and portals publish them that way.
//!
//! Files: this one (the model, paragraphs, the section tree), `title` (the
//! title and the page furniture around it), `year` (the report year).

mod line_memo;
mod title;
mod year;

pub use line_memo::LineMemo;
use line_memo::line_shape;

use year::plan_words;
pub use year::{standalone_years, year_in, years_with_nian};

use super::outline::{LineShape, NumberedHeading, NumberingIssue, check_numbering};
pub use super::outline::{MarkerStyle, NumberingProblem};
use super::residue::MAX_RESIDUE_CHARS;
use super::text::{LineIndex, Position, TextFormat, fold_for_matching, normalize, trim};
use std::ops::Range;

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// (Part of) the title line.
    Title,
    /// A heading; the index into [`Document::headings`].
    Heading(usize),
    /// Body text.
    Body,
    /// Web residue: navigation, sharing, page furniture.
    Residue,
}

/// One paragraph (a non-blank line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the text without leading and trailing white space.
    pub range: Range<usize>,
    /// 1-based line number.
    pub line: usize,
    /// Structural kind.
    pub kind: ParagraphKind,
    /// The innermost heading whose section contains this paragraph (a
    /// heading's own paragraph belongs to its parent's section).
    pub section: Option<usize>,
    /// The years that stand alone in its text (see
    /// [`year::standalone_years`]), for the body's dominant year; worked
    /// out once per line text when parses share a memo.
    years: Vec<i32>,
}

/// A heading and the section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Index of the heading's paragraph.
    pub paragraph: usize,
    /// 1..=4.
    pub level: u8,
    /// The number of its marker, if numbered.
    pub number: Option<u32>,
    /// The marker style.
    pub style: MarkerStyle,
    /// Byte range of the marker.
    pub marker: Range<usize>,
    /// Byte range of the heading text (without a closing 。).
    pub title: Range<usize>,
    /// Byte range of a run-in body on the heading's line.
    pub body: Option<Range<usize>>,
    /// The enclosing heading.
    pub parent: Option<usize>,
    /// Sub-headings, in order.
    pub children: Vec<usize>,
    /// One past the last paragraph of this section.
    pub end_paragraph: usize,
}

/// The detected title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The paragraphs that make up the title (usually one; two when the body's
    /// name stands on a line of its own above the rest).
    pub paragraphs: Vec<usize>,
    /// The title text (lines joined with `\n`).
    pub text: String,
    /// The year the title names.
    pub year: Option<i32>,
}

/// A parsed report draft.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    format: TextFormat,
    folded: Option<String>,
    index: LineIndex,
    paragraphs: Vec<Paragraph>,
    headings: Vec<Heading>,
    title: Option<Title>,
    year: Option<i32>,
    numbering: Vec<NumberingIssue>,
    /// Per heading: it or an ancestor reads like a plans heading.
    plans_like: Vec<bool>,
}

impl Document {
    /// Parses raw text (a BOM and CRLF/CR line ends are normalised away and
    /// remembered in [`Document::format`]).
    pub fn parse(raw: &str) -> Document {
        let (text, format) = normalize(raw);
        Self::parse_normalized(text, format)
    }

    /// Parses text that is already normalised (no BOM, `\n` line ends).
    pub fn parse_normalized(text: String, format: TextFormat) -> Document {
        Self::parse_with(text, format, None)
    }

    /// [`Document::parse_normalized`], taking what earlier parses with
    /// `memo` worked out of each unchanged line (see [`LineMemo`]): the
    /// same document, for the workbench's re-check after each key.
    pub fn parse_reusing(text: String, format: TextFormat, memo: &mut LineMemo) -> Document {
        Self::parse_with(text, format, Some(memo))
    }

    fn parse_with(text: String, format: TextFormat, memo: Option<&mut LineMemo>) -> Document {
        let index = LineIndex::new(&text);
        let with_memo = memo.is_some();
        let mut doc = Document {
            text,
            format,
            folded: None,
            index,
            paragraphs: Vec::new(),
            headings: Vec::new(),
            title: None,
            year: None,
            numbering: Vec::new(),
            plans_like: Vec::new(),
        };
        let (folds, plans) = doc.split_paragraphs(memo);
        // The text folded for matching: without a memo in one pass over
        // it; with one, only when a line holds a character that folds
        // (each line's answer is kept in the memo).
        if folds || !with_memo {
            doc.folded = match fold_for_matching(&doc.text) {
                std::borrow::Cow::Owned(f) => Some(f),
                std::borrow::Cow::Borrowed(_) => None,
            };
        }
        if !with_memo {
            let years: Vec<Vec<i32>> = doc
                .paragraphs
                .iter()
                .map(|p| year::body_years(&doc.matching_text()[p.range.clone()]))
                .collect();
            for (p, y) in doc.paragraphs.iter_mut().zip(years) {
                p.years = y;
            }
        }
        doc.detect_title();
        doc.mark_edge_residue();
        doc.build_tree(&plans);
        doc.detect_year();
        doc
    }

    /// Splits the text into paragraphs and headings. Returns whether a
    /// line holds a character that folds for matching, as the memo knows
    /// it (always `false` without a memo), and, with a memo, whether each
    /// paragraph is a heading whose title names the plans (for
    /// [`Document::build_tree`]; empty without one).
    pub(super) fn split_paragraphs(
        &mut self,
        mut memo: Option<&mut LineMemo>,
    ) -> (bool, Vec<bool>) {
        let mut folds = false;
        let mut plans = Vec::new();
        if let Some(m) = memo.as_deref_mut() {
            m.begin();
        }
        let text = &self.text;
        let mut headings = Vec::new();
        // The lines as the index found them (no second search for line
        // ends); at most one paragraph each.
        let lines = self.index.line_count();
        self.paragraphs.reserve(lines);
        for line_no in 0..lines {
            let start = self.index.line_start(line_no);
            let line = &text[start..self.index.line_end(line_no)];
            let t = trim(line);
            if t.is_empty() {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(super::text::is_space).len();
            let range = start + lead..start + lead + t.len();
            // Without a memo a paragraph's years are read once the text is
            // folded (`parse_with`).
            let (shape, years) = match memo.as_deref_mut() {
                Some(m) => {
                    let facts = m.facts(line);
                    folds |= facts.folds;
                    plans.push(facts.plans);
                    (facts.shape, facts.years)
                }
                None => (line_shape(line), Vec::new()),
            };
            let kind = match shape {
                None => ParagraphKind::Residue,
                Some(LineShape::Heading(h)) => {
                    // Relative to the line, clamped to the trimmed paragraph.
                    let shift = |r: Range<usize>| {
                        let a = (start + r.start).clamp(range.start, range.end);
                        let b = (start + r.end).clamp(a, range.end);
                        a..b
                    };
                    headings.push(Heading {
                        paragraph: self.paragraphs.len(),
                        level: h.level,
                        number: h.number,
                        style: h.style,
                        marker: shift(h.marker),
                        title: shift(h.title),
                        body: h.body.map(shift),
                        parent: None,
                        children: Vec::new(),
                        end_paragraph: 0,
                    });
                    ParagraphKind::Heading(headings.len() - 1)
                }
                Some(_) => ParagraphKind::Body,
            };
            self.paragraphs.push(Paragraph {
                range,
                line: line_no + 1,
                kind,
                section: None,
                years,
            });
        }
        self.headings = headings;
        if let Some(m) = memo {
            m.finish();
        }
        (folds, plans)
    }

    /// After some headings were turned into the title: drop them and renumber.
    pub(super) fn reindex_headings(&mut self) {
        let old = std::mem::take(&mut self.headings);
        let mut map = vec![usize::MAX; old.len()];
        for (i, h) in old.into_iter().enumerate() {
            if h.paragraph != usize::MAX {
                map[i] = self.headings.len();
                self.headings.push(h);
            }
        }
        for p in &mut self.paragraphs {
            if let ParagraphKind::Heading(h) = p.kind {
                p.kind = ParagraphKind::Heading(map[h]);
            }
        }
    }

    /// The headings' parents, children and sections, their numbering's
    /// issues and which of them are about the plans; `plans` says, per
    /// paragraph, whether a heading's own title names them (worked out
    /// here when empty).
    pub(super) fn build_tree(&mut self, plans: &[bool]) {
        let mut stack: Vec<usize> = Vec::new();
        let mut current: Option<usize> = None;
        for pi in 0..self.paragraphs.len() {
            if let ParagraphKind::Heading(h) = self.paragraphs[pi].kind {
                let level = self.headings[h].level;
                while let Some(&top) = stack.last() {
                    if self.headings[top].level >= level {
                        self.headings[top].end_paragraph = pi;
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let parent = stack.last().copied();
                self.headings[h].parent = parent;
                if let Some(p) = parent {
                    self.headings[p].children.push(h);
                }
                self.paragraphs[pi].section = parent;
                stack.push(h);
                current = Some(h);
            } else {
                self.paragraphs[pi].section = current.filter(|_| !stack.is_empty());
            }
        }
        let n = self.paragraphs.len();
        for h in stack {
            self.headings[h].end_paragraph = n;
        }
        let numbered: Vec<NumberedHeading> = self
            .headings
            .iter()
            .map(|h| NumberedHeading {
                level: h.level,
                number: h.number,
                style: h.style,
                parent: h.parent,
            })
            .collect();
        self.numbering = check_numbering(&numbered);
        let mut plans_like = vec![false; self.headings.len()];
        for h in 0..self.headings.len() {
            let own = match plans.get(self.headings[h].paragraph) {
                Some(&own) => own,
                None => {
                    let t = &self.matching_text()[self.headings[h].title.clone()];
                    plan_words().is_some_and(|w| w.is_match(t))
                }
            };
            // Parents come before children, so theirs is known.
            plans_like[h] = own || self.headings[h].parent.is_some_and(|p| plans_like[p]);
        }
        self.plans_like = plans_like;
    }

    /// The normalised text (no BOM, `\n` line ends).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text folded for keyword matching (traditional → simplified), with
    /// the same byte offsets as [`Document::text`].
    pub fn matching_text(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.text)
    }

    /// What normalisation removed (BOM, line endings).
    pub fn format(&self) -> &TextFormat {
        &self.format
    }

    /// The line index.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based position of a byte offset.
    pub fn position(&self, byte: usize) -> Position {
        self.index.position(&self.text, byte)
    }

    /// All paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].range.clone()]
    }

    /// All headings, in order.
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }

    /// The text of heading `h` (without marker and closing 。).
    pub fn heading_title(&self, h: usize) -> &str {
        &self.text[self.headings[h].title.clone()]
    }

    /// The body text of paragraph `p`: a body paragraph's whole text, a
    /// heading's run-in body; `None` for headings without one, the title and
    /// page furniture.
    pub fn body_range(&self, p: usize) -> Option<Range<usize>> {
        let para = &self.paragraphs[p];
        match para.kind {
            ParagraphKind::Body => Some(para.range.clone()),
            ParagraphKind::Heading(h) => self.headings[h].body.clone(),
            _ => None,
        }
    }

    /// The whole line of heading `h` as written (marker and title, without a
    /// run-in body).
    pub fn heading_line(&self, h: usize) -> &str {
        let hd = &self.headings[h];
        let p = &self.paragraphs[hd.paragraph];
        &self.text[p.range.start..hd.title.end.max(p.range.start)]
    }

    /// Top-level headings (the roots of the section tree).
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.headings.len()).filter(|&h| self.headings[h].parent.is_none())
    }

    /// Paragraph indices inside heading `h`'s section (after the heading).
    pub fn section_paragraphs(&self, h: usize) -> Range<usize> {
        let hd = &self.headings[h];
        hd.paragraph + 1..hd.end_paragraph
    }

    /// For every paragraph: whether it lies inside the section of any of
    /// `headings` (their own paragraphs included). Linear in paragraphs and
    /// headings, where asking [`Document::in_section`] of each pair is not.
    pub fn in_sections(&self, headings: &[usize]) -> Vec<bool> {
        let n = self.paragraphs.len();
        // +1 at a section's start, -1 past its end; a running sum > 0 is inside.
        let mut delta = vec![0i32; n + 1];
        for &h in headings {
            if let Some(hd) = self.headings.get(h) {
                delta[hd.paragraph.min(n)] += 1;
                delta[hd.end_paragraph.min(n)] -= 1;
            }
        }
        let mut depth = 0;
        delta[..n]
            .iter()
            .map(|d| {
                depth += d;
                depth > 0
            })
            .collect()
    }

    /// True when paragraph `p` lies inside heading `h`'s section (the
    /// heading's own paragraph included).
    pub fn in_section(&self, p: usize, h: usize) -> bool {
        let hd = &self.headings[h];
        p >= hd.paragraph && p < hd.end_paragraph
    }

    /// The number of characters of body text in heading `h`'s section: its
    /// run-in body plus every paragraph below it (sub-headings' text included).
    pub fn section_body_chars(&self, h: usize) -> usize {
        let hd = &self.headings[h];
        let mut n = hd
            .body
            .as_ref()
            .map(|b| self.text[b.clone()].chars().count())
            .unwrap_or(0);
        for p in self.section_paragraphs(h) {
            if self.paragraphs[p].kind != ParagraphKind::Residue {
                n += self.paragraph_text(p).chars().count();
            }
        }
        n
    }

    /// The detected title.
    pub fn title(&self) -> Option<&Title> {
        self.title.as_ref()
    }

    /// The report year (the year reported on), if it can be told.
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// Numbering problems, in text order.
    pub fn numbering_issues(&self) -> &[NumberingIssue] {
        &self.numbering
    }

    /// The number of characters in the text.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }
}

#[cfg(test)]
mod tests;
