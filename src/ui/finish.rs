//! The last pass over every drawn frame, whatever widget drew it:
//! characters that must not reach a terminal made visible. It reads each
//! cell once; a printable ASCII cell or a CJK ideograph (most of a frame)
//! is passed over without a sanitizing scan. (What a terminal loses when
//! a wide character is written over in part is sent again by the
//! terminal loop, `tui::present::updates`, where it happens.)

use crate::core::text::sanitize_for_display;
use ratatui::buffer::Buffer;

/// The last step of every frame: control characters made visible
/// ([`sanitize_buffer`]).
pub fn finish_buffer(buf: &mut Buffer) {
    sanitize_buffer(buf);
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
    use ratatui::layout::Rect;

    /// The cell-by-cell pass this replaced: each cell looked up by its
    /// position, every symbol scanned.
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
    }

    #[test]
    fn a_cjk_ideograph_is_known_by_its_bytes_and_needs_no_sanitizing() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert_eq!(is_cjk_ideograph(s), cjk, "U+{:04X}", c as u32);
            assert!(!cjk || sanitize_for_display(s) == s, "U+{:04X}", c as u32);
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
            replaced += buf
                .content
                .iter()
                .filter(|c| c.symbol() == "␛" || c.symbol() == "⍽")
                .count();
        }
        assert!(replaced > 100, "{replaced}");
    }
}
