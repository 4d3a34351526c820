//! Byte-level fast paths over UTF-8 text: how long a character is from its
//! first byte, and whether its first two bytes can begin one that
//! [`super::is_unsafe_for_display`] refuses, so that scans over long
//! Chinese text decode only the few characters that may matter.

/// The length in bytes of the UTF-8 character whose first byte is `lead`.
pub fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Whether a character whose UTF-8 begins with `lead` then `next` (0 when
/// none) may be one [`super::is_unsafe_for_display`] refuses: C0 controls
/// and DEL, the C1 controls (C2 80–9F), U+061C (D8 9C), U+180E (E1 A0 …),
/// U+2000–U+207F (E2 80–81 …: the zero-width, bidi and separator characters
/// among them) and U+FEC0–U+FEFF, U+FFC0–U+FFFF (EF BB …, EF BF …: the BOM
/// and U+FFF9–U+FFFB). Full-width punctuation (EF BC …), quotation marks,
/// dashes and ellipses outside those rows, and every ideograph, give
/// `false`. A test holds it true for every unsafe character.
pub fn may_begin_unsafe(lead: u8, next: u8) -> bool {
    match lead {
        0x00..=0x1f | 0x7f => true,
        0xc2 => next <= 0x9f,
        0xd8 => next == 0x9c,
        0xe1 => next == 0xa0,
        0xe2 => next <= 0x81,
        0xef => next == 0xbb || next == 0xbf,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_the_unsafe_filter_hold_for_every_character() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(utf8_width(b[0]), b.len(), "{c:?}");
            if super::super::is_unsafe_for_display(c) {
                assert!(
                    may_begin_unsafe(b[0], b.get(1).copied().unwrap_or(0)),
                    "{c:?} passes the filter"
                );
            }
        }
    }
}
