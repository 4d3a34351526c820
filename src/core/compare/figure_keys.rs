//! A figure's key for pairing across years: the bigrams and letters of
//! its naming words (its context without linking words, filler and
//! digits), and every figure's key kept in one buffer.

#[cfg(doc)]
use super::similarity::push_bigrams;
use super::similarity::{Bigram, is_word_char, letter, pair, single};
use crate::core::figures::Figure;

/// Words at the start of a figure's context that do not name it: the
/// enumeration and linking words a reworded sentence adds or drops.
const LEAD_WORDS: &[&str] = &[
    "另一方面是",
    "另一方面",
    "一方面是",
    "一方面",
    "此外",
    "同时",
    "其中",
    "全年",
    "共计",
    "共",
    "累计",
    "今年",
    "本年度",
    "年内",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "七是",
    "八是",
    "九是",
    "十是",
];

/// Whether `c` may begin a figure's leading linking words or the marks
/// trimmed with them: most contexts begin with neither, and are then
/// taken as they are without trying each of [`LEAD_WORDS`].
fn may_lead(c: char) -> bool {
    matches!(
        c,
        '另' | '一'
            | '此'
            | '同'
            | '其'
            | '全'
            | '共'
            | '累'
            | '今'
            | '本'
            | '年'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '，'
            | '、'
            | '：'
            | ','
    )
}

/// A figure's context without its leading linking words and the marks
/// between them ([`LEAD_WORDS`], each pass trying them in their order).
fn strip_lead(ctx: &str) -> &str {
    let mut t = ctx;
    while t.chars().next().is_some_and(may_lead) {
        let before = t.len();
        for w in LEAD_WORDS {
            t = t.strip_prefix(w).unwrap_or(t);
        }
        t = t.trim_start_matches(['，', '、', '：', ',']);
        if t.len() == before {
            break;
        }
    }
    t
}

/// Whether `c` is a character inside a context that names nothing
/// (的, 仅 …).
fn is_filler(c: char) -> bool {
    matches!(
        c,
        '的' | '了' | '仅' | '只' | '均' | '已' | '都' | '还' | '又'
    )
}

/// A figure's naming words as compared: its context without the leading
/// linking words and the filler characters.
fn naming_words(ctx: &str) -> impl Iterator<Item = char> + '_ {
    strip_lead(ctx)
        .chars()
        .filter(|&c| !c.is_ascii_digit() && !is_filler(c))
}

/// `char::is_alphanumeric`, answered without a table lookup for ASCII and
/// the common ideographs (every one of U+4E00–U+9FFF is a letter).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
    }
}

/// Context words of a figure for pairing: digits, years, linking words
/// and filler removed ([`push_figure_key`] into a buffer of its own).
/// Last year's years need no rolling forward: no digit is part of a key.
#[cfg(test)]
pub(in crate::core::compare) fn figure_key(f: &Figure) -> Vec<Bigram> {
    let mut b = Vec::new();
    push_figure_key(f, &mut b);
    b
}

/// Appends the key of figure `f` to `out`: the bigrams of its naming words
/// and their letters, sorted and without repeats. Nothing allocated.
fn push_figure_key(f: &Figure, out: &mut Vec<Bigram>) {
    push_key_of(f.context(), out);
}

/// [`push_figure_key`] of a context: in one pass over its naming words,
/// the pairs of neighbouring word characters (as [`push_bigrams`] makes
/// them: the one word character's code when there is no pair) and, since
/// short contexts (罚没款) need them, each letter's own code.
fn push_key_of(ctx: &str, out: &mut Vec<Bigram>) {
    let start = out.len();
    let (mut first, mut prev, mut paired) = (None, None, false);
    for c in naming_words(ctx) {
        if is_letter(c) {
            out.push(letter(c));
        }
        if is_word_char(c) {
            match prev {
                Some(p) => {
                    out.push(pair(p, c));
                    paired = true;
                }
                None => first = Some(c),
            }
            prev = Some(c);
        }
    }
    if let (false, Some(c)) = (paired, first) {
        out.push(single(c));
    }
    out[start..].sort_unstable();
    let mut kept = start;
    for r in start..out.len() {
        if kept == start || out[r] != out[kept - 1] {
            out[kept] = out[r];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Every figure's key ([`push_figure_key`]), one after another in one buffer
/// (a pair of long reports has tens of thousands of figures: one
/// allocation each would cost more than the keys).
pub(super) struct Keys {
    data: Vec<Bigram>,
    /// Where each figure's key starts; then the end.
    starts: Vec<usize>,
}

impl Keys {
    pub(super) fn of(figures: &[Figure]) -> Keys {
        let mut k = Keys {
            data: Vec::new(),
            starts: Vec::with_capacity(figures.len() + 1),
        };
        k.starts.push(0);
        for f in figures {
            push_figure_key(f, &mut k.data);
            k.starts.push(k.data.len());
        }
        k.data.shrink_to_fit();
        k
    }

    /// The key of figure `i`.
    pub(super) fn get(&self, i: usize) -> &[Bigram] {
        &self.data[self.starts[i]..self.starts[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::Rng;

    /// The key as it was first written: the naming words stripped in passes
    /// over every lead word, their bigrams through `push_bigrams`, then their
    /// letters through `char::is_alphanumeric`.
    fn key_as_first_written(ctx: &str) -> Vec<Bigram> {
        let mut t = ctx;
        loop {
            let before = t.len();
            for w in LEAD_WORDS {
                t = t.strip_prefix(w).unwrap_or(t);
            }
            t = t.trim_start_matches(['，', '、', '：', ',']);
            if t.len() == before {
                break;
            }
        }
        const FILLER: &[char] = &['的', '了', '仅', '只', '均', '已', '都', '还', '又'];
        let named = t
            .chars()
            .filter(|c| !c.is_ascii_digit() && !FILLER.contains(c));
        let mut out = Vec::new();
        super::super::similarity::push_bigrams(named.clone(), &mut out);
        out.extend(
            named
                .filter(|c| c.is_alphanumeric())
                .map(super::super::similarity::letter),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn keys_are_those_of_the_first_way_of_working_them_out() {
        // Lead words (and their first characters alone), fillers, digits,
        // marks, letters of other scripts, numerals that are letters (〇, Ⅻ),
        // astral ideographs, combining marks.
        let pieces: Vec<String> = LEAD_WORDS
            .iter()
            .map(|w| w.to_string())
            .chain(LEAD_WORDS.iter().map(|w| w.chars().take(1).collect()))
            .chain(
                [
                    "的",
                    "了",
                    "仅",
                    "都",
                    "又",
                    "，",
                    "、",
                    "：",
                    ",",
                    "。",
                    "3",
                    "12",
                    "a",
                    "Z",
                    "Ω",
                    "〇",
                    "Ⅻ",
                    "㐀",
                    "𠀀",
                    "鿿",
                    "\u{301}",
                    " ",
                    "·",
                    "（",
                    "）",
                    "受理",
                    "纠纷",
                    "申请",
                    "公开",
                    "件",
                    "罚没款",
                    "ー",
                ]
                .iter()
                .map(|s| s.to_string()),
            )
            .collect();
        let mut rng = Rng(0x6b65_7973);
        let mut nonempty = 0;
        for round in 0..20_000 {
            let n = rng.below(9);
            let ctx: String = (0..n)
                .map(|_| pieces[rng.below(pieces.len())].as_str())
                .collect();
            let mut got = Vec::new();
            push_key_of(&ctx, &mut got);
            let want = key_as_first_written(&ctx);
            assert_eq!(got, want, "round {round}: {ctx:?}");
            nonempty += usize::from(!want.is_empty());
        }
        assert!(nonempty > 15_000, "{nonempty}");
    }

    #[test]
    fn every_lead_word_and_trimmed_mark_may_lead() {
        for w in LEAD_WORDS {
            let c = w.chars().next().unwrap_or(' ');
            assert!(may_lead(c), "{w}");
        }
        for c in ['，', '、', '：', ','] {
            assert!(may_lead(c), "{c}");
        }
    }

    #[test]
    fn every_common_ideograph_is_a_letter() {
        for c in ('\u{0}'..='\u{FFFF}').chain('\u{20000}'..='\u{2A6DF}') {
            assert_eq!(
                is_letter(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
