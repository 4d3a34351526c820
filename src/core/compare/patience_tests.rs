use super::*;
use crate::core::testing::Rng;
use similar::Algorithm;

/// `similar`'s own Patience, which [`patience`] must match op for op.
fn reference<T: Hash + Eq + Ord>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    similar::capture_diff_slices(Algorithm::Patience, old, new)
}

/// A text of `n` characters from the first `alphabet` of a few Chinese
/// characters, punctuation and digits (small alphabets repeat a lot, which
/// is where unique items and gaps interleave).
fn text(rng: &mut Rng, n: usize, alphabet: usize) -> Vec<char> {
    const CHARS: &[char] = &[
        '法', '治', '政', '府', '建', '设', '年', '度', '报', '告', '，', '。', '1', '2', '0',
        '件', '次', '人', '万', '元', '（', '）', '、', '镇', '村', '县',
    ];
    let k = alphabet.clamp(1, CHARS.len());
    (0..n).map(|_| CHARS[rng.below(k)]).collect()
}

/// `old` edited a few times: characters deleted, inserted, replaced, and a
/// run moved.
fn edited(rng: &mut Rng, old: &[char], alphabet: usize) -> Vec<char> {
    let mut v = old.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(4) {
            0 if at < v.len() => {
                let end = (at + 1 + rng.below(8)).min(v.len());
                v.drain(at..end);
            }
            1 => {
                let n = 1 + rng.below(8);
                let add = text(rng, n, alphabet);
                v.splice(at..at, add);
            }
            2 if at < v.len() => v[at] = text(rng, 1, alphabet)[0],
            _ if v.len() > 4 => {
                let from = rng.below(v.len() - 3);
                let run: Vec<char> = v.drain(from..from + 3).collect();
                let to = rng.below(v.len() + 1);
                v.splice(to..to, run);
            }
            _ => {}
        }
    }
    v
}

#[test]
fn the_same_ops_as_similars_patience_on_seeded_edits() {
    let mut rng = Rng(0x5eed_d1ff);
    for case in 0..4000 {
        let alphabet = 1 + rng.below(26);
        let n = rng.below(120);
        let old = text(&mut rng, n, alphabet);
        let new = if case % 5 == 0 {
            let n = rng.below(120);
            text(&mut rng, n, alphabet)
        } else {
            edited(&mut rng, &old, alphabet)
        };
        assert_eq!(
            patience(&old, &new),
            reference(&old, &new),
            "case {case}: {:?} → {:?}",
            String::from_iter(&old),
            String::from_iter(&new)
        );
    }
}

#[test]
fn the_same_ops_on_the_edges_and_on_sentences() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("", "甲"),
        ("甲", ""),
        ("甲", "甲"),
        ("甲乙", "乙甲"),
        ("甲甲甲", "甲甲"),
        ("办理案件35件", "办理案件38件"),
        ("一二三四五", "五四三二一"),
    ];
    for (a, b) in cases {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        assert_eq!(patience(&a, &b), reference(&a, &b), "{a:?} → {b:?}");
    }
    // Items that are slices (the sentences of a long paragraph).
    let mut rng = Rng(7);
    for _ in 0..300 {
        let old = text(&mut rng, 200, 6);
        let new = edited(&mut rng, &old, 6);
        let (a, b): (Vec<&[char]>, Vec<&[char]>) =
            (old.chunks(3).collect(), new.chunks(3).collect());
        assert_eq!(patience(&a, &b), reference(&a, &b));
    }
}
