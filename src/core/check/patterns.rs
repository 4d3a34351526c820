//! The built-in lints' fixed patterns, written out as scanners: a regex
//! costs 0.15–0.25 ms to compile in every process (its automata and
//! literal prefilter), more than a one-off check of a draft spends
//! searching with it. Each scanner finds exactly what its regex (below)
//! finds with `find_iter` (leftmost-first, non-overlapping) — the tests
//! hold them to each other on random and real text. For bracketed notes
//! and year ranges the regex, faster per byte, takes over once
//! [`REGEX_AFTER`] bytes were scanned ([`Later`]): a workbench, a batch or
//! a long draft gets it. Placeholders are always scanned: their regex
//! takes quadratic time on a long run of `＊` (each one-character match is
//! found only after reading the rest of the run: 90 s for 200,000 of
//! them), the scanner linear.

use crate::core::later::Later;
use regex::Regex;
use std::ops::Range;

/// Bytes scanned before a pattern's regex is compiled: about what
/// compiling it costs in scanning (see the module).
pub const REGEX_AFTER: usize = 256 << 10;

/// The placeholder pattern as a regex.
pub const PLACEHOLDER_REGEX: &str = concat!(
    r"[*＊]+\s*(?:件|宗|起|份|个|项|次|场|批|人|名|户|家|元|万元|%|％|篇|条|期|所|年|月|日)",
    r"|＊",
    r"|XX+|xx+|ＸＸ+|ｘｘ+|××+|○○+|□□+|△△+",
    r"|TODO|TBD|FIXME",
);

/// The bracketed-note pattern as a regex.
pub const BRACKET_REGEX: &str =
    r"[【\[（(]\s*待(?:补充|填|定|完善|核实|更新|确认)[^】\]）)]{0,8}[】\]）)]";

/// The year-range pattern as a regex.
pub const YEAR_RANGE_REGEX: &str =
    r"((?:19|20)[0-9][0-9])\s*(?:年\s*)?[-—–－~～至到]\s*((?:19|20)[0-9][0-9])";

static BRACKET: Later<Regex> = Later::after(REGEX_AFTER);
static YEAR_RANGE: Later<Regex> = Later::after(REGEX_AFTER);

/// The regex of a pattern for a text of `len` bytes, once it pays.
fn regex(later: &'static Later<Regex>, pattern: &str, len: usize) -> Option<&'static Regex> {
    later.for_text(len, || Regex::new(pattern).ok())
}

fn spans(re: &Regex, text: &str) -> Vec<Range<usize>> {
    re.find_iter(text).map(|m| m.range()).collect()
}

/// The units a run of asterisks may stand before (in the regex's order).
const STAR_UNITS: &[&str] = &[
    "件", "宗", "起", "份", "个", "项", "次", "场", "批", "人", "名", "户", "家", "元", "万元",
    "%", "％", "篇", "条", "期", "所", "年", "月", "日",
];

/// Characters whose run of two or more is a placeholder.
const RUN_CHARS: &[char] = &['X', 'x', 'Ｘ', 'ｘ', '×', '○', '□', '△'];

/// Words that mark unfinished text.
const TODO_WORDS: &[&str] = &["TODO", "TBD", "FIXME"];

/// Whether a placeholder may begin at byte `i`: an ASCII starter, or the
/// first two or three bytes of `＊` (EF BC 8A), `Ｘ` (EF BC B8), `ｘ`
/// (EF BD 98), `×` (C3 97), `○` (E2 97 8B), `□` (E2 96 A1) or `△`
/// (E2 96 B3) — not the full-width punctuation that shares their first
/// byte. Never a continuation byte, so every hit is at a character
/// boundary.
fn may_start_placeholder(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'*' | b'X' | b'x' | b'T' | b'F' => true,
        0xEF => matches!(
            b.get(i + 1..i + 3),
            Some([0xBC, 0x8A | 0xB8] | [0xBD, 0x98])
        ),
        0xE2 => matches!(
            b.get(i + 1..i + 3),
            Some([0x97, 0x8B] | [0x96, 0xA1 | 0xB3])
        ),
        0xC3 => b.get(i + 1) == Some(&0x97),
        _ => false,
    }
}

/// Placeholders a writer leaves in a draft ([`PLACEHOLDER_REGEX`]; always
/// scanned, see the module).
pub fn placeholders(text: &str) -> Vec<Range<usize>> {
    // Where the last run of asterisks with no unit after it ends: every
    // position inside that run fails the same way, so the run and the
    // space after it are read once (a long run costs linear time, as
    // with the regex).
    let mut bare_until = 0;
    find_spans(text, may_start_placeholder, |i| {
        let s = &text[i..];
        if i >= bare_until {
            // [*＊]+\s*(unit)
            let stars: usize = s
                .chars()
                .take_while(|&c| c == '*' || c == '＊')
                .map(char::len_utf8)
                .sum();
            if stars > 0 {
                let after = skip_space(&s[stars..]);
                let at = s.len() - after.len();
                if let Some(u) = STAR_UNITS.iter().find(|u| after.starts_with(**u)) {
                    return Some(at + u.len());
                }
                bare_until = i + stars;
            }
        }
        other_placeholder_at(s)
    })
}

/// The alternatives after the first: `＊` alone, a run of two or more of
/// [`RUN_CHARS`], a word of [`TODO_WORDS`].
fn other_placeholder_at(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if first == '＊' {
        return Some(first.len_utf8());
    }
    if RUN_CHARS.contains(&first) {
        let run = s.chars().take_while(|&c| c == first).count();
        if run >= 2 {
            return Some(run * first.len_utf8());
        }
        return None;
    }
    TODO_WORDS
        .iter()
        .find(|w| s.starts_with(**w))
        .map(|w| w.len())
}

/// The words after `待` that make a bracketed note a placeholder.
const PENDING_WORDS: &[&str] = &["补充", "填", "定", "完善", "核实", "更新", "确认"];

fn is_open(c: char) -> bool {
    matches!(c, '【' | '[' | '（' | '(')
}

fn is_close(c: char) -> bool {
    matches!(c, '】' | ']' | '）' | ')')
}

/// Bracketed notes that something is still to come (`【待补充】`,
/// `（待核实数据）`; [`BRACKET_REGEX`]).
pub fn bracket_placeholders(text: &str) -> Vec<Range<usize>> {
    match regex(&BRACKET, BRACKET_REGEX, text.len()) {
        Some(re) => spans(re, text),
        None => scan_brackets(text),
    }
}

/// [`bracket_placeholders`] by the scanner alone, whatever was scanned before (tests).
pub fn scan_brackets(text: &str) -> Vec<Range<usize>> {
    // `[`, `(`, and the first bytes of `（` (0xEF) and `【` (0xE3).
    find_spans(
        text,
        |b, i| matches!(b[i], b'[' | b'(' | 0xEF | 0xE3),
        |i| bracket_at(&text[i..]),
    )
}

fn bracket_at(s: &str) -> Option<usize> {
    let open = s.chars().next().filter(|&c| is_open(c))?;
    let rest = skip_space(&s[open.len_utf8()..]);
    let rest = rest.strip_prefix('待')?;
    let word = PENDING_WORDS.iter().find(|w| rest.starts_with(**w))?;
    let mut rest = &rest[word.len()..];
    for _ in 0..=8 {
        let c = rest.chars().next()?;
        if is_close(c) {
            return Some(s.len() - rest.len() + c.len_utf8());
        }
        rest = &rest[c.len_utf8()..];
    }
    None
}

/// A year range written in the text: the whole range and its two years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRange {
    /// The range as written (`2021-2025年`'s `2021-2025`).
    pub whole: Range<usize>,
    /// The first year's digits.
    pub from: Range<usize>,
    /// The second year's digits.
    pub to: Range<usize>,
}

/// Year ranges (`2021—2025`, `2023年至2024`; [`YEAR_RANGE_REGEX`]).
pub fn year_ranges(text: &str) -> Vec<YearRange> {
    match regex(&YEAR_RANGE, YEAR_RANGE_REGEX, text.len()) {
        Some(re) => re
            .captures_iter(text)
            .filter_map(|c| {
                Some(YearRange {
                    whole: c.get(0)?.range(),
                    from: c.get(1)?.range(),
                    to: c.get(2)?.range(),
                })
            })
            .collect(),
        None => scan_year_ranges(text),
    }
}

/// [`year_ranges`] by the scanner alone, whatever was scanned before (tests).
pub fn scan_year_ranges(text: &str) -> Vec<YearRange> {
    find_all(
        text,
        |b, i| matches!(b[i], b'1' | b'2'),
        |i| {
            let (end, to) = year_range_at(&text[i..])?;
            let range = YearRange {
                whole: i..i + end,
                from: i..i + 4,
                to: i + to..i + to + 4,
            };
            Some((end, range))
        },
    )
}

fn is_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
}

/// The end of a range starting at `s` and where its second year starts.
fn year_range_at(s: &str) -> Option<(usize, usize)> {
    if !is_year(s) {
        return None;
    }
    let mut rest = skip_space(&s[4..]);
    if let Some(r) = rest.strip_prefix('年') {
        rest = skip_space(r);
    }
    let dash = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '—' | '–' | '－' | '~' | '～' | '至' | '到'))?;
    let rest = skip_space(&rest[dash.len_utf8()..]);
    is_year(rest).then(|| {
        let to = s.len() - rest.len();
        (to + 4, to)
    })
}

/// `s` after its leading white space (`\s*`: Unicode White_Space, as the
/// regexes).
fn skip_space(s: &str) -> &str {
    s.trim_start_matches(char::is_whitespace)
}

/// Every non-overlapping match, leftmost first: `at` (a match's length at
/// a byte offset, and what to keep of it) tried at each byte `starts`
/// allows, the search going on after each match.
fn find_all<T>(
    text: &str,
    starts: impl Fn(&[u8], usize) -> bool,
    mut at: impl FnMut(usize) -> Option<(usize, T)>,
) -> Vec<T> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !starts(bytes, i) {
            i += 1;
            continue;
        }
        match at(i) {
            Some((len, found)) => {
                out.push(found);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// [`find_all`] keeping each match's byte range.
fn find_spans(
    text: &str,
    starts: impl Fn(&[u8], usize) -> bool,
    mut at: impl FnMut(usize) -> Option<usize>,
) -> Vec<Range<usize>> {
    find_all(text, starts, |i| at(i).map(|len| (len, i..i + len)))
}

#[cfg(test)]
#[path = "patterns_tests.rs"]
mod tests;
