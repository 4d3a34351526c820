//! Traditional characters folded to simplified ones for matching: a
//! generated pair table, a bit per code point to test it quickly, and the
//! whole-text fold that keeps every byte offset.

use std::borrow::Cow;

mod fold_data {
    include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));
}
use fold_data::{FOLD_END, FOLD_PAIRS, FOLD_START};

/// One bit per code point from `FOLD_START`: set when it folds (built once
/// from the generated pair table, a few microseconds).
fn fold_bits() -> &'static [u64] {
    static BITS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; ((FOLD_END - FOLD_START + 1) as usize).div_ceil(64)];
        for &(c, _) in FOLD_PAIRS.iter() {
            let i = (c as u32 - FOLD_START) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    })
}

/// The simplified form of `c` (itself when it has none).
pub fn fold_char(c: char) -> char {
    let cp = c as u32;
    if !(FOLD_START..=FOLD_END).contains(&cp) {
        return c;
    }
    let i = (cp - FOLD_START) as usize;
    if fold_bits()[i / 64] & (1 << (i % 64)) == 0 {
        return c;
    }
    match FOLD_PAIRS.binary_search_by_key(&c, |p| p.0) {
        Ok(k) => FOLD_PAIRS[k].1,
        Err(_) => c,
    }
}

/// Where the next character that folds starts in `b` (UTF-8), at or
/// after `i` (a character boundary).
fn next_fold(b: &[u8], mut i: usize) -> Option<usize> {
    // Only CJK ideographs (U+4E00..U+9FFF) can fold: three-byte characters
    // whose lead byte is 0xE4 to 0xE9. Decode those alone.
    let bits = fold_bits();
    while i < b.len() {
        let x = b[i];
        if !(0xE4..=0xE9).contains(&x) {
            i += if x < 0x80 {
                1
            } else if x < 0xE0 {
                2
            } else if x < 0xF0 {
                3
            } else {
                4
            };
            continue;
        }
        if i + 2 < b.len() {
            let cp = ((x as u32 & 0x0F) << 12)
                | ((b[i + 1] as u32 & 0x3F) << 6)
                | (b[i + 2] as u32 & 0x3F);
            // The bit test alone (no table search) for the common case.
            if (FOLD_START..=FOLD_END).contains(&cp) {
                let k = (cp - FOLD_START) as usize;
                if bits[k / 64] & (1 << (k % 64)) != 0 {
                    return Some(i);
                }
            }
        }
        i += 3;
    }
    None
}

/// Folds traditional characters to simplified for keyword matching.
///
/// The result has exactly the same byte length as the input (the table maps
/// characters one to one, and only to characters of the same UTF-8 length),
/// so byte offsets found in the folded text are valid in the original.
/// Borrowed when nothing folds (the usual case).
pub fn fold_for_matching(text: &str) -> Cow<'_, str> {
    // The runs between the characters that fold are copied as they are.
    let b = text.as_bytes();
    let Some(first) = next_fold(b, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    // Where the text not yet copied starts.
    let mut copied = 0;
    let mut at = Some(first);
    while let Some(i) = at {
        out.push_str(&text[copied..i]);
        // Lead bytes 0xE4..=0xE9 start a three-byte character in valid
        // UTF-8: `i` is a character boundary.
        if let Some(c) = text[i..].chars().next() {
            out.push(fold_char(c));
        }
        copied = i + 3;
        at = next_fold(b, copied);
    }
    out.push_str(&text[copied.min(text.len())..]);
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_for_matching_keeps_byte_offsets() {
        let t = "法治政府建設年度報告";
        let f = fold_for_matching(t);
        assert_eq!(f, "法治政府建设年度报告");
        assert_eq!(f.len(), t.len());
    }

    #[test]
    fn fold_for_matching_is_each_character_folded() {
        // Random strings (a fixed seed) of folding and non-folding
        // ideographs, ASCII, two- and four-byte characters, against the
        // characters folded one by one; borrowed exactly when nothing folds.
        let mut rng = crate::core::testing::Rng(0xf01d_0f01);
        let alphabet = [
            '報', '設', '於', '後', '法', '治', '报', 'a', '7', 'é', '😀', '　', '一', '龍',
        ];
        for _ in 0..3000 {
            let n = rng.below(30);
            let t: String = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let folded = fold_for_matching(&t);
            let by_char: String = t.chars().map(fold_char).collect();
            assert_eq!(folded, by_char, "{t:?}");
            assert_eq!(matches!(folded, Cow::Borrowed(_)), by_char == t, "{t:?}");
        }
    }
}
