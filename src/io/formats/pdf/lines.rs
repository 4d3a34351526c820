//! Placed pieces of text made into lines: grouped by baseline, sorted left
//! to right, simulated bold and struck-through (deleted) text dropped,
//! raised note marks set aside, and split into table cells at wide gaps
//! and at the column edges a page's clear rows show.

use super::normalize::{is_cjk, normalize};
use super::walk::{PageContent, Piece};

/// A line of a page.
#[derive(Debug, Clone)]
pub struct Line {
    pub page: usize,
    pub y: f64,
    pub size: f64,
    pub x0: f64,
    pub x1: f64,
    /// The pieces, left to right: left edge, right edge, text.
    pub parts: Vec<(f64, f64, String)>,
    /// Cells (one unless the line is a table row) with their left and
    /// right edges.
    pub cells: Vec<(f64, f64, String)>,
    /// A raised note mark the line starts with (a footnote's own number).
    pub lead_mark: Option<String>,
}

impl Line {
    /// Whether the line is a table row (more than one cell).
    pub fn is_row(&self) -> bool {
        self.cells.len() > 1
    }

    /// The cells' text, tab-separated.
    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|c| c.2.as_str())
            .collect::<Vec<_>>()
            .join("\t")
    }

    /// Characters in the line.
    pub fn chars(&self) -> usize {
        self.cells.iter().map(|c| c.2.chars().count()).sum()
    }
}

/// A gap wider than this many font sizes separates table cells.
const CELL_GAP: f64 = 1.8;
/// A gap wider than this between Latin letters is a space.
const WORD_GAP: f64 = 0.2;
/// A page's pieces grouped into lines by baseline, top to bottom, and the
/// note marks its text refers to. Raised smaller pieces (note marks: 1, ①,
/// *) are left out of the text.
pub fn page_lines(page: usize, content: &PageContent) -> (Vec<Line>, Vec<String>) {
    let mut sorted: Vec<&Piece> = content.pieces.iter().collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Piece>> = Vec::new();
    for p in sorted {
        match groups.last_mut() {
            Some(g) if (g[0].y - p.y).abs() <= 0.4 * p.size.max(g[0].size) => g.push(p),
            _ => groups.push(vec![p]),
        }
    }
    // Struck-through text (a rule across its middle) is deleted text.
    groups
        .iter_mut()
        .for_each(|g| g.retain(|p| !struck(p, &content.rules)));
    groups.retain(|g| !g.is_empty());
    let max_size = |g: &[&Piece]| g.iter().map(|p| p.size).fold(0.0, f64::max);
    let mut refs = Vec::new();
    let mut lines = Vec::new();
    let mut pending_mark: Option<(String, f64)> = None;
    for (i, g) in groups.iter().enumerate() {
        // A group of small marks just above a line of bigger text.
        if let Some(below) = groups.get(i + 1) {
            let size = max_size(g);
            let bsize = max_size(below);
            if size < 0.8 * bsize
                && g[0].y - below[0].y < 0.7 * bsize
                && g.iter().all(|p| is_note_mark(p.text.trim()))
            {
                let left = below.iter().map(|p| p.x0).fold(f64::INFINITY, f64::min);
                for p in g {
                    if p.x1 <= left + 0.5 * bsize {
                        pending_mark = Some((p.text.trim().to_owned(), p.x0));
                    } else {
                        refs.push(p.text.trim().to_owned());
                    }
                }
                continue;
            }
        }
        if let Some(mut line) = make_line(page, g.clone(), &mut refs) {
            if let Some((mark, _)) = pending_mark.take() {
                line.lead_mark = Some(mark);
            }
            lines.push(line);
        }
    }
    split_cells(&mut lines);
    lines.retain(|l| !l.cells.is_empty());
    (lines, refs)
}

/// Whether a rule crosses `p` at mid-height along most of its width.
fn struck(p: &Piece, rules: &[(f64, f64, f64)]) -> bool {
    let width = p.x1 - p.x0;
    width > 0.0
        && rules.iter().any(|&(x0, x1, y)| {
            y > p.y + 0.15 * p.size
                && y < p.y + 0.6 * p.size
                && x1.min(p.x1) - x0.max(p.x0) > 0.8 * width
        })
}

/// Pieces of one baseline as a line: sorted left to right, fake-bold
/// doubles dropped, raised marks left out (a leading one kept as the
/// line's mark, others added to `refs`).
fn make_line(page: usize, mut g: Vec<&Piece>, refs: &mut Vec<String>) -> Option<Line> {
    g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let size = median(g.iter().map(|p| p.size).collect())?;
    let base = median(
        g.iter()
            .filter(|p| p.size >= 0.8 * size)
            .map(|p| p.y)
            .collect(),
    )?;
    let mut lead_mark = None;
    let mut parts: Vec<(f64, f64, String)> = Vec::new();
    let mut last: Option<&Piece> = None;
    for p in g {
        if p.size < 0.8 * size && p.y > base + 0.15 * size && is_note_mark(p.text.trim()) {
            if parts.is_empty() {
                lead_mark = Some(p.text.trim().to_owned());
            } else {
                refs.push(p.text.trim().to_owned());
            }
            continue;
        }
        // The same text drawn twice, slightly offset: simulated bold.
        if last.is_some_and(|prev| prev.text == p.text && (p.x0 - prev.x0).abs() < 0.3 * size) {
            continue;
        }
        parts.push((p.x0, p.x1, p.text.clone()));
        last = Some(p);
    }
    let first = parts.first()?;
    Some(Line {
        page,
        y: base,
        size,
        x0: first.0,
        x1: parts.iter().map(|c| c.1).fold(f64::MIN, f64::max),
        parts,
        cells: Vec::new(),
        lead_mark,
    })
}

/// Splits each line's parts into cells: at wide gaps, and at the column
/// edges that the page's clear table rows show.
fn split_cells(lines: &mut [Line]) {
    let wide = |l: &Line, i: usize| l.parts[i].0 - l.parts[i - 1].1 > CELL_GAP * l.size;
    let mut columns: Vec<f64> = Vec::new();
    for l in lines.iter() {
        for i in 1..l.parts.len() {
            if wide(l, i) {
                columns.push(l.parts[i].0);
            }
        }
    }
    for l in lines.iter_mut() {
        let mut cells: Vec<(f64, f64, String)> = Vec::new();
        for i in 0..l.parts.len() {
            let (x0, x1, text) = &l.parts[i];
            let split = i > 0 && {
                let gap = x0 - l.parts[i - 1].1;
                wide(l, i) || (gap > 0.15 * l.size && columns.iter().any(|c| (c - x0).abs() < 1.0))
            };
            match cells.last_mut() {
                Some(cell) if !split => {
                    let a = cell.2.chars().next_back();
                    let b = text.chars().next();
                    if x0 - cell.1 > WORD_GAP * l.size
                        && a.is_some_and(|a| !a.is_whitespace() && !is_cjk(a))
                        && b.is_some_and(|b| !b.is_whitespace() && !is_cjk(b))
                    {
                        cell.2.push(' ');
                    }
                    cell.2.push_str(text);
                    cell.1 = cell.1.max(*x1);
                }
                _ => cells.push((*x0, *x1, text.clone())),
            }
        }
        for c in &mut cells {
            c.2 = normalize(&c.2);
        }
        cells.retain(|c| !c.2.is_empty());
        l.cells = cells;
    }
}

/// A footnote or note-reference mark: 1–3 digits, ①…⑳, `[n]`, *, †.
pub fn is_note_mark(t: &str) -> bool {
    let t =
        t.trim_matches(|c| c == '[' || c == ']' || c == '(' || c == ')' || c == '（' || c == '）');
    let n = t.chars().count();
    n > 0
        && (n <= 3 && t.chars().all(|c| c.is_ascii_digit())
            || n == 1
                && t.chars()
                    .all(|c| ('①'..='⑳').contains(&c) || c == '*' || c == '†' || c == '‡'))
}

/// The middle value.
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}
