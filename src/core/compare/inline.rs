//! Inline differences inside a changed paragraph: spans of equal, deleted
//! and inserted text.

use super::model::{Span, SpanOp};
use similar::DiffOp;

/// The most work one inline diff may do: the product of the lengths (in
/// characters) of the two middles left after the common prefix and suffix.
/// Within it, the diff is character-level and near-minimal; beyond it (two
/// long paragraphs rewritten throughout) the paragraphs are compared
/// sentence by sentence first. A count, not a clock: the same inputs always
/// give the same spans.
pub const INLINE_BUDGET: usize = 4_000_000;

/// A character-level diff of two paragraphs, merged into spans, and its
/// similarity ratio. Patience over characters: on edited Chinese text it
/// gives near-minimal scripts (Myers over characters does not), and
/// characters, not words, are the unit (Chinese has no spaces). `budget`
/// bounds the work (see [`INLINE_BUDGET`]).
pub fn inline_diff(old: &str, new: &str, budget: usize) -> (Vec<Span>, f32) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let mut ops = Vec::with_capacity(8);
    diff_chars(&a, &b, 0, 0, budget, &mut ops);
    let ratio = similar::get_diff_ratio(&ops, a.len(), b.len());
    // Where each character starts (and the text ends), to copy spans'
    // text as it stands rather than a character at a time.
    let starts =
        |s: &str| -> Vec<usize> { s.char_indices().map(|(i, _)| i).chain([s.len()]).collect() };
    let (sa, sb) = (starts(old), starts(new));
    let of_old = |at: usize, len: usize| &old[sa[at]..sa[at + len]];
    let of_new = |at: usize, len: usize| &new[sb[at]..sb[at + len]];
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |op: SpanOp, text: &str| {
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => spans.push(Span {
                op,
                text: text.to_owned(),
            }),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => push(SpanOp::Equal, of_old(old_index, len)),
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(SpanOp::Delete, of_old(old_index, old_len)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(SpanOp::Insert, of_new(new_index, new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(SpanOp::Delete, of_old(old_index, old_len));
                push(SpanOp::Insert, of_new(new_index, new_len));
            }
        }
    }
    (spans, ratio)
}

/// The diff of `a` against `b` (which start at `ao` and `bo` in the whole
/// paragraphs) appended to `ops`: the common prefix and suffix, then the
/// middle character by character when within `budget`, else sentence by
/// sentence with the changed sentences compared again.
fn diff_chars(a: &[char], b: &[char], ao: usize, bo: usize, budget: usize, ops: &mut Vec<DiffOp>) {
    // Common prefix and suffix first: most edits touch a few places of a
    // long paragraph, and the diff then only runs on the middle.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    if pre > 0 {
        ops.push(DiffOp::Equal {
            old_index: ao,
            new_index: bo,
            len: pre,
        });
    }
    let (mo, mn) = (ao + pre, bo + pre);
    if am.is_empty() || bm.is_empty() || am.len().saturating_mul(bm.len()) <= budget {
        for op in super::patience::patience(am, bm) {
            ops.push(shift_op(op, mo, mn));
        }
    } else {
        diff_sentences(am, bm, mo, mn, budget, ops);
    }
    if suf > 0 {
        ops.push(DiffOp::Equal {
            old_index: ao + a.len() - suf,
            new_index: bo + b.len() - suf,
            len: suf,
        });
    }
}

/// Ends of the sentences of `s` (after 。！？；, a line break, or at most
/// every 200 characters), as offsets.
fn sentence_ends(s: &[char]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut start = 0;
    for (i, c) in s.iter().enumerate() {
        if matches!(c, '。' | '！' | '？' | '；' | '\n') || i + 1 - start >= 200 {
            ends.push(i + 1);
            start = i + 1;
        }
    }
    if start < s.len() {
        ends.push(s.len());
    }
    ends
}

/// Two long, much-rewritten middles: their sentences are paired first
/// (Patience over whole sentences), then each run of changed sentences is
/// compared character by character when within `budget`, else deleted and
/// inserted whole (never split into sentences again: the work stays bounded).
fn diff_sentences(
    a: &[char],
    b: &[char],
    ao: usize,
    bo: usize,
    budget: usize,
    ops: &mut Vec<DiffOp>,
) {
    let cut = |s: &[char]| -> Vec<(usize, usize)> {
        let mut from = 0;
        sentence_ends(s)
            .into_iter()
            .map(|e| {
                let r = (from, e);
                from = e;
                r
            })
            .collect()
    };
    let (sa, sb) = (cut(a), cut(b));
    let ka: Vec<&[char]> = sa.iter().map(|&(x, y)| &a[x..y]).collect();
    let kb: Vec<&[char]> = sb.iter().map(|&(x, y)| &b[x..y]).collect();
    // Past the budget even in sentences: the whole middle is replaced.
    if ka.len().saturating_mul(kb.len()) > budget {
        ops.push(DiffOp::Replace {
            old_index: ao,
            old_len: a.len(),
            new_index: bo,
            new_len: b.len(),
        });
        return;
    }
    let span = |v: &[(usize, usize)], i: usize, n: usize| {
        if n == 0 {
            let at = v
                .get(i)
                .map_or_else(|| v.last().map_or(0, |r| r.1), |r| r.0);
            at..at
        } else {
            v[i].0..v[i + n - 1].1
        }
    };
    for op in super::patience::patience(&ka, &kb) {
        let (oi, ol, ni, nl) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, len, new_index, len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        let (ra, rb) = (span(&sa, oi, ol), span(&sb, ni, nl));
        if matches!(op, DiffOp::Equal { .. }) {
            ops.push(DiffOp::Equal {
                old_index: ao + ra.start,
                new_index: bo + rb.start,
                len: ra.len(),
            });
        } else if ra.len().saturating_mul(rb.len()) <= budget {
            diff_chars(
                &a[ra.clone()],
                &b[rb.clone()],
                ao + ra.start,
                bo + rb.start,
                budget,
                ops,
            );
        } else {
            ops.push(DiffOp::Replace {
                old_index: ao + ra.start,
                old_len: ra.len(),
                new_index: bo + rb.start,
                new_len: rb.len(),
            });
        }
    }
}

/// `op` with its old and new indices moved forward by `ob` and `nb`.
pub(super) fn shift_op(op: DiffOp, ob: usize, nb: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + ob,
            new_index: new_index + nb,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + ob,
            old_len,
            new_index: new_index + nb,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + ob,
            new_index: new_index + nb,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + ob,
            old_len,
            new_index: new_index + nb,
            new_len,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_diff_is_minimal_on_chinese_text() {
        let old = "全年共调处矛盾纠纷286件，调解成功278件，调解成功率97.2%，其中土地山林纠纷41件。";
        let new = "全年共调处矛盾纠纷312件，调解成功301件，调解成功率96.5%，其中土地山林纠纷41件、婚姻纠纷63件。";
        let (spans, ratio) = inline_diff(old, new, INLINE_BUDGET);
        let changed: usize = spans
            .iter()
            .filter(|s| s.op != SpanOp::Equal)
            .map(|s| s.text.chars().count())
            .sum();
        // The minimum: 286→312 (6), 278→301 (6), 97.2→96.5 (4), and the
        // added clause 、婚姻纠纷63件 (8): 24 characters.
        assert!(
            changed <= 24,
            "edit script of {changed} characters: {spans:?}"
        );
        assert!(ratio > 0.7, "ratio {ratio}");
        let rebuilt_new: String = spans
            .iter()
            .filter(|s| s.op != SpanOp::Delete)
            .map(|s| s.text.as_str())
            .collect();
        let rebuilt_old: String = spans
            .iter()
            .filter(|s| s.op != SpanOp::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((rebuilt_old.as_str(), rebuilt_new.as_str()), (old, new));
    }

    fn rebuilt(spans: &[Span]) -> (String, String) {
        let side = |skip: SpanOp| {
            spans
                .iter()
                .filter(|s| s.op != skip)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        (side(SpanOp::Insert), side(SpanOp::Delete))
    }

    #[test]
    fn past_the_budget_long_paragraphs_are_compared_by_sentences() {
        // Two long paragraphs rewritten throughout, with one sentence kept.
        let old: String = (0..400)
            .map(|i| format!("去年第{i}句讲的是甲事。"))
            .collect();
        let new: String = (0..400)
            .map(|i| match i {
                200 => "去年第7句讲的是甲事。".to_owned(),
                _ => format!("今年第{i}条写的乙项。"),
            })
            .collect();
        // A budget below the characters' product (4,400²) but above the
        // sentences' (400²) takes the sentence path; the result is still a
        // correct edit script that keeps the shared sentence.
        let (spans, _) = inline_diff(&old, &new, 1_000_000);
        assert_eq!(rebuilt(&spans), (old.clone(), new.clone()));
        assert!(
            spans
                .iter()
                .any(|s| s.op == SpanOp::Equal && s.text.contains("去年第7句讲的是甲事。")),
            "the shared sentence is equal"
        );
        // The same inputs give the same spans (no clock involved).
        assert_eq!(inline_diff(&old, &new, 1_000_000).0, spans);
        // Within the budget the result is character level.
        let (fine, _) = inline_diff("调处纠纷286件", "调处纠纷312件", INLINE_BUDGET);
        assert_eq!(rebuilt(&fine).1, "调处纠纷312件");
    }
}

/// What a character belongs to when a redline keeps tokens whole: a number
/// (digits, decimal point, per cent) or an ASCII word; 0: neither.
fn token_class(c: char) -> u8 {
    match c {
        '0'..='9' | '０'..='９' | '.' | '．' | '%' | '％' => 1,
        c if c.is_ascii_alphabetic() => 2,
        _ => 0,
    }
}

/// An unchanged character of a token touching a changed character of the
/// same kind joins the change, and so on until nothing moves: in one pass,
/// each run of neighbouring characters of one kind (digits, letters)
/// changes whole when any of it changed. (Joining a character at a time
/// took a pass over the paragraph per character of the longest token.)
fn join_tokens(chars: &mut [(SpanOp, char, bool)]) {
    let mut i = 0;
    while i < chars.len() {
        let kind = token_class(chars[i].1);
        let mut end = i + 1;
        if kind != 0 {
            while end < chars.len() && token_class(chars[end].1) == kind {
                end += 1;
            }
            if chars[i..end].iter().any(|x| x.2) {
                for x in &mut chars[i..end] {
                    x.2 = true;
                }
            }
        }
        i = end;
    }
}

/// `spans` with every number and ASCII word whole: a change inside one
/// (35 → 38 as "3" kept, "5" deleted, "8" inserted) becomes the whole token
/// deleted and the whole token inserted, so that a redline never reads
/// "385" and accepting or rejecting it gives real figures.
pub fn whole_tokens(spans: &[Span]) -> Vec<Span> {
    // One entry per character: its op and whether it joins a change; and
    // where it is (its span, its byte there), so that the output's texts
    // are copied a run of a span at a time, not a character at a time.
    let n: usize = spans.iter().map(|s| s.text.chars().count()).sum();
    let mut chars: Vec<(SpanOp, char, bool)> = Vec::with_capacity(n);
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(n);
    for (si, s) in spans.iter().enumerate() {
        for (b, c) in s.text.char_indices() {
            chars.push((s.op, c, s.op != SpanOp::Equal));
            at.push((si, b));
        }
    }
    join_tokens(&mut chars);
    // The characters of `run` (starting at entry `from`) whose op `keep`
    // takes, appended to `out`: the entries of one span are whole runs of
    // its text (a span has one op).
    let copy = |from: usize, to: usize, keep: &dyn Fn(SpanOp) -> bool, out: &mut String| {
        let mut k = from;
        while k < to {
            if !keep(chars[k].0) {
                k += 1;
                continue;
            }
            let (si, b) = at[k];
            let mut end = k + 1;
            while end < to && at[end].0 == si {
                end += 1;
            }
            let last = end - 1;
            let e = at[last].1 + chars[last].1.len_utf8();
            out.push_str(&spans[si].text[b..e]);
            k = end;
        }
    };
    let mut out: Vec<Span> = Vec::new();
    let push = |out: &mut Vec<Span>, op: SpanOp, text: String| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => out.push(Span { op, text }),
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let changed = chars[i].2;
        while i < chars.len() && chars[i].2 == changed {
            i += 1;
        }
        if !changed {
            let mut text = String::new();
            copy(start, i, &|_| true, &mut text);
            push(&mut out, SpanOp::Equal, text);
            continue;
        }
        let (mut old, mut new) = (String::new(), String::new());
        copy(start, i, &|op| op != SpanOp::Insert, &mut old);
        copy(start, i, &|op| op != SpanOp::Delete, &mut new);
        push(&mut out, SpanOp::Delete, old);
        push(&mut out, SpanOp::Insert, new);
    }
    out
}

#[cfg(test)]
mod whole_token_tests {
    use super::*;

    /// The joining as first written: a character at a time, pass after
    /// pass, until nothing moves (the oracle for [`join_tokens`]).
    fn join_until_still(chars: &mut [(SpanOp, char, bool)]) {
        loop {
            let mut moved = false;
            for i in 0..chars.len() {
                let (op, c, changed) = chars[i];
                if op != SpanOp::Equal || changed || token_class(c) == 0 {
                    continue;
                }
                let touches = |j: usize| chars[j].2 && token_class(chars[j].1) == token_class(c);
                if (i > 0 && touches(i - 1)) || (i + 1 < chars.len() && touches(i + 1)) {
                    chars[i].2 = true;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
    }

    #[test]
    fn joining_in_one_pass_is_the_joining_until_nothing_moves() {
        // Random runs (a fixed seed) of digits, letters, marks and Chinese,
        // kept, deleted or inserted.
        let mut rng = crate::core::testing::Rng(0x070c_e4e5);
        let alphabet = ['1', '2', '.', '%', '１', 'a', 'B', '件', '，', ' ', '法'];
        let ops = [SpanOp::Equal, SpanOp::Equal, SpanOp::Delete, SpanOp::Insert];
        for _ in 0..3000 {
            let n = rng.below(40);
            let chars: Vec<(SpanOp, char, bool)> = (0..n)
                .map(|_| {
                    let op = ops[rng.below(ops.len())];
                    (op, alphabet[rng.below(alphabet.len())], op != SpanOp::Equal)
                })
                .collect();
            let (mut a, mut b) = (chars.clone(), chars.clone());
            join_tokens(&mut a);
            join_until_still(&mut b);
            assert_eq!(a, b, "{chars:?}");
        }
    }

    #[test]
    fn numbers_and_words_are_never_split() {
        let (spans, _) = inline_diff(
            "全年办理案件35件，纠错率10.2%，启用OA系统。",
            "全年办理案件38件，纠错率12.5%，启用OB系统。",
            INLINE_BUDGET,
        );
        let w = whole_tokens(&spans);
        let shown: Vec<(SpanOp, &str)> = w.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (SpanOp::Equal, "全年办理案件"),
                (SpanOp::Delete, "35"),
                (SpanOp::Insert, "38"),
                (SpanOp::Equal, "件，纠错率"),
                (SpanOp::Delete, "10.2%"),
                (SpanOp::Insert, "12.5%"),
                (SpanOp::Equal, "，启用"),
                (SpanOp::Delete, "OA"),
                (SpanOp::Insert, "OB"),
                (SpanOp::Equal, "系统。"),
            ]
        );
        // Both sides read back whole.
        let old: String = w
            .iter()
            .filter(|s| s.op != SpanOp::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(old, "全年办理案件35件，纠错率10.2%，启用OA系统。");
    }

    /// `whole_tokens` as first written: every output text gathered a
    /// character at a time.
    fn whole_tokens_a_character_at_a_time(spans: &[Span]) -> Vec<Span> {
        let mut chars: Vec<(SpanOp, char, bool)> = spans
            .iter()
            .flat_map(|s| {
                s.text
                    .chars()
                    .map(move |c| (s.op, c, s.op != SpanOp::Equal))
            })
            .collect();
        join_tokens(&mut chars);
        let mut out: Vec<Span> = Vec::new();
        let push = |out: &mut Vec<Span>, op: SpanOp, text: String| {
            if text.is_empty() {
                return;
            }
            match out.last_mut() {
                Some(last) if last.op == op => last.text.push_str(&text),
                _ => out.push(Span { op, text }),
            }
        };
        let mut i = 0;
        while i < chars.len() {
            let start = i;
            let changed = chars[i].2;
            while i < chars.len() && chars[i].2 == changed {
                i += 1;
            }
            let run = &chars[start..i];
            if !changed {
                push(&mut out, SpanOp::Equal, run.iter().map(|x| x.1).collect());
                continue;
            }
            let side = |skip: SpanOp| run.iter().filter(|x| x.0 != skip).map(|x| x.1).collect();
            push(&mut out, SpanOp::Delete, side(SpanOp::Insert));
            push(&mut out, SpanOp::Insert, side(SpanOp::Delete));
        }
        out
    }

    #[test]
    fn whole_tokens_are_those_gathered_a_character_at_a_time() {
        // Random spans (a fixed seed), neighbours of one op now and then,
        // of digits, letters, marks, Chinese and astral characters.
        let mut rng = crate::core::testing::Rng(0x0077_6f6b);
        let alphabet = [
            "1", "23", ".", "%", "１", "a", "Bc", "件", "，", " ", "法治", "𠀀",
        ];
        let ops = [SpanOp::Equal, SpanOp::Delete, SpanOp::Insert];
        let mut changed = 0;
        for round in 0..5000 {
            let spans: Vec<Span> = (0..rng.below(12))
                .map(|_| Span {
                    op: ops[rng.below(ops.len())],
                    text: (0..1 + rng.below(5))
                        .map(|_| alphabet[rng.below(alphabet.len())])
                        .collect(),
                })
                .collect();
            let want = whole_tokens_a_character_at_a_time(&spans);
            changed += usize::from(want.iter().any(|s| s.op != SpanOp::Equal));
            assert_eq!(whole_tokens(&spans), want, "round {round}: {spans:?}");
        }
        assert!(changed > 3000, "{changed}");
    }
}
