//! A frame drawn and the terminal sent what changed since the last one.
//! ratatui's `Terminal::draw` finds the changes by comparing every cell of
//! the frame with the last frame's: each symbol's width worked out and two
//! strings compared, an unchanged cell as dear as a changed one — at
//! 120×40 about as much work as drawing the frame itself. Here an
//! unchanged cell is passed over with a comparison of its parts and, for
//! printable ASCII and CJK ideographs (most of a report's screen), no width
//! lookup; a cell that differs goes through ratatui's own rules (wide
//! characters, emoji with U+FE0F, forced widths, cells to skip or always
//! write). A test holds [`changes`] to ratatui's `Buffer::diff` on random
//! frames. [`updates`] adds the cells a terminal blanks when a wide
//! character is written over in part, which ratatui's diff leaves out.

use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

/// The last frame sent to the terminal, and a spare buffer to draw the
/// next one into.
pub struct Screen {
    last: Buffer,
    spare: Buffer,
}

impl Default for Screen {
    fn default() -> Self {
        Self::new()
    }
}

impl Screen {
    /// Nothing sent yet: the terminal shows a blank screen (the alternate
    /// screen, as entered).
    pub fn new() -> Self {
        Screen {
            last: Buffer::empty(Rect::default()),
            spare: Buffer::empty(Rect::default()),
        }
    }

    /// Draws a frame with `render` (which returns where the cursor goes,
    /// `None` to hide it) and sends the terminal the cells that changed
    /// ([`updates`]), then the cursor, then flushes: what `Terminal::draw`
    /// does.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut Frame) -> Option<Position>,
    ) -> Result<(), B::Error> {
        // A new size: ratatui clears the screen (and its own buffers).
        terminal.autoresize()?;
        let mut frame = terminal.get_frame();
        let area = frame.area();
        let cursor = render(&mut frame);
        if self.last.area != area {
            // What the cleared screen shows.
            self.last = Buffer::empty(area);
        }
        // The frame out of the terminal, the spare in its place, made
        // ready (blank, the right size) for the next frame.
        std::mem::swap(&mut self.spare, terminal.current_buffer_mut());
        let next = terminal.current_buffer_mut();
        if next.area != area {
            next.resize(area);
        }
        next.reset();
        terminal
            .backend_mut()
            .draw(updates(&self.last, &self.spare).into_iter())?;
        match cursor {
            None => terminal.hide_cursor()?,
            Some(at) => {
                terminal.show_cursor()?;
                terminal.set_cursor_position(at)?;
            }
        }
        std::mem::swap(&mut self.last, &mut self.spare);
        terminal.backend_mut().flush()
    }
}

/// Modifiers that show on a blank cell (ratatui's list).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// Whether a cell is not to be written (ratatui's rule).
#[allow(deprecated)]
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// The columns a symbol takes, as ratatui counts them, without a lookup
/// for what most of a report's screen is: one byte (ASCII), CJK
/// ideographs, CJK punctuation and fullwidth forms (two columns), box
/// drawing (one: the panes' borders). A test holds this to ratatui's count
/// for every character of three bytes.
fn symbol_width(symbol: &str) -> usize {
    match symbol.as_bytes() {
        [_] => 1,
        &[a, b, c] if a & 0xF0 == 0xE0 => {
            let cp = u32::from(a & 0x0F) << 12 | u32::from(b & 0x3F) << 6 | u32::from(c & 0x3F);
            match cp {
                0x4E00..=0x9FFF | 0x3000..=0x3029 | 0xFF01..=0xFF60 => 2,
                0x2500..=0x257F => 1,
                _ => usize::from(symbol.cell_width()),
            }
        }
        _ => usize::from(symbol.cell_width()),
    }
}

/// `a == b` for cells whose symbols are `sa` and `sb`, the symbols
/// compared without a call for the common lengths.
#[allow(deprecated)]
fn same(a: &Cell, sa: &str, b: &Cell, sb: &str) -> bool {
    if a.fg != b.fg
        || a.bg != b.bg
        || a.modifier != b.modifier
        || a.underline_color != b.underline_color
        || a.skip != b.skip
        || a.diff_option != b.diff_option
    {
        return false;
    }
    match (sa.as_bytes(), sb.as_bytes()) {
        ([x], [y]) => x == y,
        ([x0, x1, x2], [y0, y1, y2]) => x0 == y0 && x1 == y1 && x2 == y2,
        (x, y) => x == y,
    }
}

/// The cells of `next` to write over `last` on the terminal, with their
/// columns and rows: what ratatui's `Buffer::diff` gives, in the same
/// order. The two buffers have the same place and width (as ratatui's
/// diff asks); rows past the shorter one are left out.
pub fn changes<'a>(last: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let mut area = last.area;
    area.height = area.height.min(next.area.height);
    let (prev, now) = (&last.content[..], &next.content[..]);
    let len = now.len().min(prev.len());
    let width = usize::from(area.width.max(1));
    let at = |i: usize| -> (u16, u16) {
        // Within the buffers' area, whose sides are u16.
        ((i % width) as u16 + area.x, (i / width) as u16 + area.y)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < len {
        let (cur, old) = (&now[i], &prev[i]);
        let plain = matches!(cur.diff_option, CellDiffOption::None);
        #[allow(deprecated)]
        if plain && !cur.skip {
            let symbol = cur.symbol();
            if same(cur, symbol, old, old.symbol()) {
                // Unchanged: on past it and the columns it covers.
                i += symbol_width(symbol).max(1);
                continue;
            }
        }
        match cur.diff_option {
            CellDiffOption::Skip => i += 1,
            _ if is_skip(cur) => i += 1,
            CellDiffOption::ForcedWidth(w) => {
                if cur != old {
                    out.push((at(i).0, at(i).1, cur));
                }
                i = i.saturating_add(usize::from(w.get()));
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                // (An unchanged plain cell was passed over above.)
                let w = usize::from(cur.cell_width());
                let w_old = usize::from(old.cell_width());
                out.push((at(i).0, at(i).1, cur));
                if w > 1 && cur.symbol().contains('\u{FE0F}') {
                    // An emoji with its presentation selector: the columns
                    // it covers are written where their symbol changed.
                    i = trailing(prev, now, i + 1, (i + w).min(len), false, &at, &mut out);
                } else if w > 1 {
                    i += w;
                } else if w_old > w
                    && (old.bg != Color::Reset || old.modifier.intersects(VISIBLE_ON_BLANK))
                {
                    // A wide character replaced by a narrower one, its
                    // style visible on blanks: every column it covered is
                    // written again.
                    i = trailing(prev, now, i + 1, i + w_old, true, &at, &mut out);
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

/// The columns from `from` to `end` after a cell just written (ratatui's
/// trailing cells): each written if `force` or its symbol changed, unless
/// it is to be skipped; a wide one's own columns passed over. Returns
/// where the comparison goes on.
fn trailing<'a>(
    prev: &[Cell],
    now: &'a [Cell],
    from: usize,
    end: usize,
    force: bool,
    at: &dyn Fn(usize) -> (u16, u16),
    out: &mut Vec<(u16, u16, &'a Cell)>,
) -> usize {
    let len = now.len().min(prev.len());
    let (mut j, mut end) = (from, end);
    while j < end && j < len {
        let k = j;
        j += usize::from(now[k].cell_width().max(1));
        end = end.max(j).min(len);
        if !is_skip(&now[k]) && (force || prev[k].symbol() != now[k].symbol()) {
            let (x, y) = at(k);
            out.push((x, y, &now[k]));
        }
    }
    end
}

/// The columns a cell takes on the terminal (at least one).
fn columns(cell: &Cell) -> usize {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
        _ => symbol_width(cell.symbol()).max(1),
    }
}

/// What to send the terminal to show `next` where it shows `last`:
/// [`changes`], and the cells it would otherwise lose. A terminal that
/// writes over one half of a wide character blanks the other half in its
/// default colours (xterm, tmux): a wide character of the last frame that
/// a change covers only in part leaves a blank, unstyled column, which
/// ratatui's diff does not know of (text shifted by one column after a
/// scroll showed it as a black box in the light theme). The new cells
/// over such columns are sent too — only there, not at every frame.
pub fn updates<'a>(last: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let base = changes(last, next);
    let width = usize::from(next.area.width);
    if base.is_empty() || width == 0 || last.area.width != next.area.width {
        return base;
    }
    let (x0, y0) = (next.area.x, next.area.y);
    let mut out = Vec::with_capacity(base.len());
    let mut k = 0;
    while k < base.len() {
        let y = base[k].1;
        let n = base[k..].iter().take_while(|u| u.1 == y).count();
        let row = usize::from(y - y0) * width;
        let (old, new) = (
            &last.content[row..row + width],
            &next.content[row..row + width],
        );
        let sent = base[k..k + n].iter().map(|u| usize::from(u.0 - x0));
        let mut extra = erased(old, new, sent);
        if extra.is_empty() {
            out.extend_from_slice(&base[k..k + n]);
        } else {
            // In column order, as ratatui sends them (a later write never
            // breaks a character an earlier one drew: see `erased`).
            extra.extend(base[k..k + n].iter().map(|u| usize::from(u.0 - x0)));
            extra.sort_unstable();
            out.extend(extra.into_iter().map(|c| (x0 + c as u16, y, &new[c])));
        }
        k += n;
    }
    out
}

/// The columns (where a new cell starts) of one row to send besides those
/// `sent`, so that no column is left blank by a wide character of the
/// `old` row broken in part: its other columns are sent too, and what
/// those cover in turn. Sent in column order, each write breaks only old
/// characters that no earlier write touched (an earlier one would have
/// broken them whole).
fn erased(old: &[Cell], new: &[Cell], sent: impl Iterator<Item = usize>) -> Vec<usize> {
    let width = new.len().min(old.len());
    // The old row's wide characters, (start, columns).
    let mut wide = Vec::new();
    let mut c = 0;
    while c < width {
        let w = columns(&old[c]);
        if w > 1 {
            wide.push((c, w));
        }
        c += w;
    }
    if wide.is_empty() {
        return Vec::new();
    }
    // Where the new cell over each column starts.
    let mut start = vec![0; width];
    let mut c = 0;
    while c < width {
        let w = columns(&new[c]);
        start[c..(c + w).min(width)].fill(c);
        c += w;
    }
    let mut covered = vec![false; width];
    let mut is_sent = vec![false; width];
    let mark = |covered: &mut [bool], s: usize| {
        let end = (s + columns(&new[s])).min(width);
        covered[s..end].fill(true);
    };
    for s in sent.filter(|&s| s < width) {
        is_sent[s] = true;
        mark(&mut covered, s);
    }
    let mut extra = Vec::new();
    loop {
        let mut more = false;
        for &(j, w) in &wide {
            let span = j..(j + w).min(width);
            if !covered[span.clone()].contains(&true) {
                continue;
            }
            for c in span {
                if covered[c] {
                    continue;
                }
                covered[c] = true;
                let s = start[c];
                if !is_sent[s] && !is_skip(&new[s]) {
                    is_sent[s] = true;
                    mark(&mut covered, s);
                    extra.push(s);
                    more = true;
                }
            }
        }
        if !more {
            return extra;
        }
    }
}

#[cfg(test)]
#[path = "present_tests.rs"]
mod tests;
