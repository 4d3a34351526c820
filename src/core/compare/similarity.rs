//! How alike two texts are: hashes of normalised paragraphs, character
//! bigrams, and the Dice coefficient over them.

pub(super) fn hash_key(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Character bigrams of the letters and ideographs of `s` (for similarity).
pub(super) fn bigrams(s: &str) -> Vec<u64> {
    let chars: Vec<char> = s.chars().filter(|&c| is_word_char(c)).collect();
    let mut v: Vec<u64> = chars
        .windows(2)
        .map(|w| (w[0] as u64) << 32 | w[1] as u64)
        .collect();
    if v.is_empty() && chars.len() == 1 {
        v.push(chars[0] as u64);
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Letters, digits and ideographs (a fast path for the common cases).
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let cp = c as u32;
    (0x4E00..=0x9FFF).contains(&cp)
        || (0x3400..=0x4DBF).contains(&cp)
        || (!(0x3000..=0x303F).contains(&cp)
            && !(0xFF00..=0xFF0F).contains(&cp)
            && c.is_alphanumeric())
}

/// Dice coefficient of two sorted bigram sets.
pub(super) fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common(a, b) as f32 / (a.len() + b.len()) as f32
}

/// How many elements two sorted sets share.
pub(super) fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_similarity() {
        assert!((dice(&bigrams("法治政府建设"), &bigrams("法治政府建设")) - 1.0).abs() < 1e-6);
        assert_eq!(dice(&bigrams("甲乙"), &bigrams("丙丁")), 0.0);
    }
}
