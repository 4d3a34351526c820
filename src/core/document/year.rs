//! The report year: from the title, else the body's dominant year (plans,
//! ranges and 《titles》 left out).

use super::*;
use crate::core::spec::words::WordList;

impl Document {
    /// Title year first; else the year the body speaks of most, leaving out
    /// residue, ranges (2021-2025年), book titles 《…》 and plans sections.
    pub(super) fn detect_year(&mut self) {
        if let Some(y) = self.title.as_ref().and_then(|t| t.year) {
            self.year = Some(y);
            return;
        }
        self.year = self.dominant_body_year().map(|(y, _)| y);
    }

    pub(super) fn in_plans_like_section(&self, paragraph: usize) -> bool {
        let s = match self.paragraphs[paragraph].kind {
            ParagraphKind::Heading(h) => Some(h),
            _ => self.paragraphs[paragraph].section,
        };
        s.is_some_and(|h| self.plans_like.get(h).copied().unwrap_or(false))
    }

    /// The year the body speaks of most (residue, plans sections, ranges and
    /// 《…》 titles left out), with its count.
    pub fn dominant_body_year(&self) -> Option<(i32, usize)> {
        let mut counts: Vec<(i32, usize, usize)> = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if matches!(p.kind, ParagraphKind::Residue | ParagraphKind::Title)
                || self.in_plans_like_section(i)
            {
                continue;
            }
            for &y in &p.years {
                match counts.iter_mut().find(|c| c.0 == y) {
                    Some(c) => c.1 += 1,
                    None => counts.push((y, 1, i)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts.first().map(|c| (c.0, c.1))
    }
}

/// Words that mark a plans section heading in any report.
const PLAN_WORDS: &[&str] = &[
    "下一步",
    "下步",
    "下阶段",
    "下一阶段",
    "下一年",
    "打算",
    "工作安排",
    "主要安排",
    "工作计划",
    "工作思路",
    "明年",
    "今后",
    "努力方向",
];

/// [`PLAN_WORDS`] as a spec's kind of word list (a bit per first character,
/// an automaton only once a long text was scanned), not an automaton built
/// in every process: that took longer than a report's scans with it.
pub(super) fn plan_words() -> Option<&'static WordList> {
    static LIST: std::sync::OnceLock<Option<WordList>> = std::sync::OnceLock::new();
    WordList::fixed(&LIST, PLAN_WORDS)
}

/// The first year (1900–2099) written with 年 in `t`.
pub fn year_in(t: &str) -> Option<i32> {
    years_with_nian(t).next().map(|(y, _)| y)
}

/// Every `YYYY年` in `t` with its byte offset (years 1900–2099): a run of
/// exactly four ASCII digits right before 年. The digit runs are looked
/// for (a byte test), not 年 (whose last UTF-8 byte is common in Chinese
/// text, so a search for it stops often).
pub fn years_with_nian(t: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    let b = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let Some(start) = next_digit(b, i) else {
                i = b.len();
                break;
            };
            i = start;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 && b[i..].starts_with("年".as_bytes()) {
                let y = b[start..i]
                    .iter()
                    .fold(0i32, |acc, x| acc * 10 + (x - b'0') as i32);
                if (1900..=2099).contains(&y) {
                    return Some((y, start));
                }
            }
        }
        None
    })
}

/// The first ASCII digit of `b` at or after `from`. Sixteen bytes are
/// tested at a time (the test has no branch per byte and compiles to
/// vector instructions); Chinese text has few digits, and the year lint
/// runs this over the whole body at every re-check.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        if chunk.iter().fold(false, |any, x| any | x.is_ascii_digit()) {
            break;
        }
        i += 16;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| i + k)
}

/// Years of a body paragraph that speak of a time the report covers: not
/// range ends (2021-2025年), not inside 《…》.
pub(super) fn body_years(t: &str) -> Vec<i32> {
    standalone_years(t).map(|(y, _)| y).collect()
}

/// `depth` moved by the book-title marks of `seg` in turn (《 opens, 》
/// closes, never below zero). Each mark is found by a byte search, not by
/// decoding every character: the year lint runs this over the whole body
/// at every re-check.
fn book_depth(seg: &str, depth: &mut i32) {
    let next = |c: char, from: usize| seg[from..].find(c).map(|k| from + k);
    let (mut open, mut close) = (next('《', 0), next('》', 0));
    loop {
        match (open, close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                *depth += 1;
                open = next('《', o + '《'.len_utf8());
            }
            (_, Some(c)) => {
                *depth = (*depth - 1).max(0);
                close = next('》', c + '》'.len_utf8());
            }
            _ => return,
        }
    }
}

/// The years of `t` that stand alone, with their byte offsets: every
/// `YYYY年` but a range's end (2021-2025年, 2021至2025年) and one inside a
/// 《title》.
pub fn standalone_years(t: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    let mut depth = 0i32;
    let mut scanned = 0;
    years_with_nian(t).filter(move |&(_, i)| {
        // Book-title depth at `i`, scanning only the new part of the text.
        book_depth(&t[scanned..i], &mut depth);
        scanned = i;
        let before = t[..i].chars().next_back();
        depth == 0
            && !before
                .is_some_and(|c| matches!(c, '-' | '—' | '－' | '~' | '～' | '至' | '到' | '–'))
    })
}

#[cfg(test)]
mod tests {
    use super::book_depth;

    /// The depth as characters decoded one by one (what `book_depth`
    /// replaced).
    fn by_chars(seg: &str, depth: &mut i32) {
        for c in seg.chars() {
            match c {
                '《' => *depth += 1,
                '》' => *depth = (*depth - 1).max(0),
                _ => {}
            }
        }
    }

    #[test]
    fn next_digit_finds_the_first_digit_as_a_byte_by_byte_search_does() {
        // Random byte strings (a fixed seed) of mostly non-digits, digits
        // at any place of a sixteen-byte chunk or none at all, searched
        // from every start.
        let mut rng = crate::core::testing::Rng(0xd161_7500);
        for _ in 0..500 {
            let n = rng.below(70);
            let b: Vec<u8> = (0..n)
                .map(|_| match rng.below(20) {
                    0 => b'0' + rng.below(10) as u8,
                    1 => b'/',
                    2 => b':',
                    _ => 0x80 + rng.below(100) as u8,
                })
                .collect();
            for from in 0..=b.len() + 1 {
                let naive = b
                    .get(from..)
                    .and_then(|r| r.iter().position(u8::is_ascii_digit))
                    .map(|k| from + k);
                assert_eq!(super::next_digit(&b, from), naive, "{b:?} from {from}");
            }
        }
    }

    #[test]
    fn book_depth_follows_the_marks_as_decoding_every_character_does() {
        // Random strings (a fixed seed) of marks, characters that share
        // their bytes' neighbours (、。「」 are E3 80 xx too), ideographs and
        // ASCII, cut into random segments carried from one to the next.
        let mut rng = crate::core::testing::Rng(0x5eed_b00c);
        let alphabet = [
            '《', '》', '、', '。', '「', '」', '法', '治', 'a', '2', '年',
        ];
        for _ in 0..2000 {
            let n = rng.below(40);
            let s: String = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let (mut a, mut b) = (0, 0);
            let mut at = 0;
            while at < s.len() {
                let mut end = (at + 1 + rng.below(12)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                book_depth(&s[at..end], &mut a);
                by_chars(&s[at..end], &mut b);
                assert_eq!(a, b, "{s:?} up to {end}");
                at = end;
            }
        }
    }
}
