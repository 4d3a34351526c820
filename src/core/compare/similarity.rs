//! How alike two texts are: hashes of normalised paragraphs, character
//! bigrams, and the Dice coefficient over them.

pub(super) fn hash_key(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// A character bigram (or a single character) as compared: four bytes, not
/// eight, since every paragraph of both reports keeps its set of them.
///
/// Two characters of the Basic Multilingual Plane (all common Chinese,
/// Latin and digits) are their two code units side by side: exact. The
/// codes whose first half would be a surrogate (U+D800–U+DFFF, never a
/// character) hold the rest: a pair with a rarer character as a hash
/// within `0xD800_0000..0xDC00_0000` (two such pairs might share a code;
/// no common pair can), a text's single character as `0xDC00_0000 + c`
/// ([`single`]), a figure key's letter as `0xDE00_0000 + c` ([`letter`]).
pub(super) type Bigram = u32;

/// The code of the pair `a`, `b`.
pub(super) fn pair(a: char, b: char) -> Bigram {
    let (a, b) = (a as u32, b as u32);
    if a <= 0xFFFF && b <= 0xFFFF {
        a << 16 | b
    } else {
        let h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b as u64;
        let h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 38;
        0xD800_0000 | h as u32
    }
}

/// The code of a single character (a text of one, or a figure's naming
/// character).
pub(super) fn single(c: char) -> Bigram {
    0xDC00_0000 | c as u32
}

/// The code of a letter of a figure's naming words, counted besides its
/// bigrams (distinct from a text's [`single`] character).
pub(super) fn letter(c: char) -> Bigram {
    0xDE00_0000 | c as u32
}

/// Character bigrams of the letters and ideographs of `s` (for similarity).
pub(super) fn bigrams(s: &str) -> Vec<Bigram> {
    let mut v: Vec<Bigram> = Vec::with_capacity(s.len() / 3);
    push_bigrams(s.chars(), &mut v);
    v.sort_unstable();
    v.dedup();
    v.shrink_to_fit();
    v
}

/// Appends the codes of the pairs of neighbouring letters and ideographs
/// of `chars` to `out` (the one character's code when there is no pair),
/// in text order, repeats and all.
pub(super) fn push_bigrams(chars: impl Iterator<Item = char>, out: &mut Vec<Bigram>) {
    let start = out.len();
    let mut words = chars.filter(|&c| is_word_char(c));
    let first = words.next();
    let mut prev = first;
    for c in words {
        if let Some(p) = prev {
            out.push(pair(p, c));
        }
        prev = Some(c);
    }
    if let (true, Some(c)) = (out.len() == start, first) {
        out.push(single(c));
    }
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
pub(super) fn dice(a: &[Bigram], b: &[Bigram]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    dice_of(common(a, b), a.len(), b.len())
}

/// The Dice coefficient of two sets of `a` and `b` elements sharing
/// `shared` (not both empty): for a count found otherwise than by
/// [`common`] (figure pairing's postings), the same number as [`dice`].
pub(super) fn dice_of(shared: usize, a: usize, b: usize) -> f32 {
    2.0 * shared as f32 / (a + b) as f32
}

/// How many elements two sorted sets share.
pub(super) fn common(a: &[Bigram], b: &[Bigram]) -> usize {
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

/// Whether `a` has at least `need` elements in `b` (both sorted): the
/// same as `common(a, b) >= need`, stopping as soon as that is settled
/// either way.
pub(super) fn shares_at_least(a: &[Bigram], b: &[Bigram], need: usize) -> bool {
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while n < need {
        // Each of `a`'s elements left can add one at most.
        if i == a.len() || j == b.len() || n + (a.len() - i) < need {
            return false;
        }
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
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::Rng;

    #[test]
    fn dice_similarity() {
        assert!((dice(&bigrams("法治政府建设"), &bigrams("法治政府建设")) - 1.0).abs() < 1e-6);
        assert_eq!(dice(&bigrams("甲乙"), &bigrams("丙丁")), 0.0);
    }

    #[test]
    fn common_counts_what_two_sets_share_and_when_at_least_so_many() {
        // Random sorted sets (a fixed seed) against a plain intersection.
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut next = |m: u32| rng.below(m as usize) as u32;
        for _ in 0..500 {
            let (la, lb, range) = (next(40) as usize, next(40) as usize, 1 + next(60));
            let mut a: Vec<Bigram> = (0..la).map(|_| next(range)).collect();
            let mut b: Vec<Bigram> = (0..lb).map(|_| next(range)).collect();
            for v in [&mut a, &mut b] {
                v.sort_unstable();
                v.dedup();
            }
            let plain = a.iter().filter(|x| b.contains(x)).count();
            assert_eq!(common(&a, &b), plain, "{a:?} {b:?}");
            assert_eq!(common(&b, &a), plain);
            for need in 0..=plain + 2 {
                assert_eq!(
                    shares_at_least(&a, &b, need),
                    plain >= need,
                    "{need} {a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn codes_of_pairs_and_singles_never_meet() {
        // Common pairs are exact; a pair with a rarer character, a single
        // character and a common pair each keep to their own codes.
        assert_eq!(pair('法', '治'), 0x6CD5_6CBB);
        let rare = pair('𠀀', '法');
        assert!((0xD800_0000..0xDC00_0000).contains(&rare), "{rare:x}");
        assert_ne!(rare, pair('法', '𠀀'));
        assert_eq!(single('法'), 0xDC00_6CD5);
        assert_eq!(single('𠀀'), 0xDC02_0000);
        assert_eq!(letter('法'), 0xDE00_6CD5);
        assert_eq!(bigrams("法"), vec![single('法')]);
        // Sorted and without repeats.
        assert_eq!(
            bigrams("法 治，法治"),
            vec![pair('治', '法'), pair('法', '治')]
        );
        assert!(bigrams("，。").is_empty());
    }
}
