//! The last pass over every drawn frame, whatever widget drew it:
//! characters that must not reach a terminal made visible, and the cells
//! after wide characters marked to be written again. Both read each cell
//! once; a printable ASCII cell (most of a frame) is passed over without a
//! width lookup or a sanitizing scan.

use crate::core::text::sanitize_for_display;
use ratatui::buffer::Buffer;

/// The last step of every frame: control characters made visible
/// ([`sanitize_buffer`]) and the cells after wide characters guarded
/// ([`guard_wide_edges`]).
pub fn finish_buffer(buf: &mut Buffer) {
    sanitize_buffer(buf);
    guard_wide_edges(buf);
}

/// Marks every narrow or blank cell that follows a wide character (CJK) to
/// be written at each frame. When one half of a wide character is
/// overwritten, terminals (tmux, xterm …) clear its other half to their
/// default colours; ratatui's diff does not model that, so when a wide
/// character of this frame starts one column before one of the last frame
/// (text shifted by a narrow character after scrolling), the cell after it
/// kept the terminal's default background — a black box in the light theme.
/// One cell per wide-to-narrow boundary is written again.
pub fn guard_wide_edges(buf: &mut Buffer) {
    use ratatui::buffer::CellDiffOption;
    let width = usize::from(buf.area.width);
    if width == 0 {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        let mut x = 0;
        while x < row.len() {
            let w = cell_width(row[x].symbol());
            let after = x + w.max(1);
            if w >= 2 && after < row.len() && cell_width(row[after].symbol()) <= 1 {
                row[after].set_diff_option(CellDiffOption::AlwaysUpdate);
            }
            x = after;
        }
    }
}

/// A cell's symbol as one printable ASCII character: the most common
/// cell, which needs neither a width lookup nor sanitizing.
fn is_printable_ascii(symbol: &str) -> bool {
    matches!(symbol.as_bytes(), [b' '..=b'~'])
}

/// A cell's symbol as one CJK ideograph (U+4E00–U+9FFF, three bytes in
/// UTF-8): the most common cell of a report's text, two columns wide and
/// never sanitized.
fn is_cjk_ideograph(symbol: &str) -> bool {
    // U+4E00 is E4 B8 80, U+9FFF is E9 BF BF; every valid three-byte
    // sequence from E4 B8 80 to E9 BF BF lies between them.
    match symbol.as_bytes() {
        [a @ 0xE4..=0xE9, b, _] => *a > 0xE4 || *b >= 0xB8,
        _ => false,
    }
}

/// The columns a cell's symbol takes: printable ASCII and CJK ideographs
/// without a lookup, one character by the character's width (what the
/// string's width is for one character: a test holds them equal over
/// every character), else the string's width.
fn cell_width(symbol: &str) -> usize {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if is_printable_ascii(symbol) {
        return 1;
    }
    if is_cjk_ideograph(symbol) {
        return 2;
    }
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        // Only control characters have no width of their own; as a
        // string, each takes one column.
        (Some(c), None) => c.width().unwrap_or(1),
        _ => symbol.width(),
    }
}

/// Replaces every character that must not reach a terminal (controls, bidi
/// overrides and isolates, zero-width characters, line separators) in the
/// drawn buffer with a visible symbol.
pub fn sanitize_buffer(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if is_printable_ascii(cell.symbol()) || is_cjk_ideograph(cell.symbol()) {
            continue;
        }
        if let std::borrow::Cow::Owned(clean) = sanitize_for_display(cell.symbol()) {
            cell.set_symbol(&clean);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::Rng;
    use ratatui::buffer::CellDiffOption;
    use ratatui::layout::Rect;
    use unicode_width::UnicodeWidthStr;

    /// The cell-by-cell passes these replaced: each cell looked up by its
    /// position, every symbol measured and scanned.
    fn reference(buf: &mut Buffer) {
        let area = buf.area;
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(cell) = buf.cell_mut((x, y))
                    && let std::borrow::Cow::Owned(clean) = sanitize_for_display(cell.symbol())
                {
                    cell.set_symbol(&clean);
                }
            }
        }
        for y in area.top()..area.bottom() {
            let mut x = area.left();
            while x < area.right() {
                let w = buf[(x, y)].symbol().width().max(1) as u16;
                let after = x.saturating_add(w);
                if w >= 2 && after < area.right() && buf[(after, y)].symbol().width() <= 1 {
                    buf[(after, y)].set_diff_option(CellDiffOption::AlwaysUpdate);
                }
                x = after;
            }
        }
    }

    #[test]
    fn a_cells_width_is_its_symbols_width_for_every_character() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            assert_eq!(cell_width(s), s.width(), "U+{:04X}", c as u32);
        }
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert_eq!(is_cjk_ideograph(s), cjk, "U+{:04X}", c as u32);
            assert!(!cjk || sanitize_for_display(s) == s, "U+{:04X}", c as u32);
        }
        for s in ["", "e\u{301}", "👍🏽", "\u{1b}[", "ab"] {
            assert_eq!(cell_width(s), s.width(), "{s:?}");
        }
    }

    #[test]
    fn the_last_pass_matches_the_cell_by_cell_one_on_random_frames() {
        // ASCII, blanks, wide characters, controls, bidi, zero-width,
        // a tab, a combining sequence, an emoji, an empty symbol.
        let symbols = [
            "a", " ", "~", "甲", "。", "\u{1b}", "\t", "\u{202e}", "\u{200b}", "\u{85}",
            "e\u{301}", "😀", "", "\u{7f}", "Ａ",
        ];
        let mut rng = Rng(0x5eed_f1a5);
        let mut wide_guarded = 0;
        let mut replaced = 0;
        for _ in 0..400 {
            let area = Rect::new(
                rng.below(3) as u16,
                rng.below(3) as u16,
                1 + rng.below(30) as u16,
                1 + rng.below(6) as u16,
            );
            let mut buf = Buffer::empty(area);
            for cell in &mut buf.content {
                cell.set_symbol(symbols[rng.below(symbols.len())]);
            }
            let mut want = buf.clone();
            reference(&mut want);
            finish_buffer(&mut buf);
            assert_eq!(buf.content, want.content, "{area:?}");
            wide_guarded += buf
                .content
                .iter()
                .filter(|c| c.diff_option == CellDiffOption::AlwaysUpdate)
                .count();
            replaced += buf
                .content
                .iter()
                .filter(|c| c.symbol() == "␛" || c.symbol() == "⍽")
                .count();
        }
        assert!(
            wide_guarded > 100 && replaced > 0,
            "{wide_guarded} {replaced}"
        );
    }
}
