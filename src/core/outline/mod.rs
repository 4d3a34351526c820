//! Headings and numbering: the official hierarchy (一、 （一） 1． （1）),
//! Markdown `#`, run-in headings, 一是/二是 enumerations, and the numbering
//! checks (gaps, repeats, disorder) per level within each parent.

use super::numeral::{arabic_digit, digit_value, parse_arabic, parse_chinese, unit_value};
use super::text::is_space;
use std::ops::Range;

/// The numbering style a heading's marker uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerStyle {
    /// 一、 (level 1)
    ChineseComma,
    /// （一） or (一) (level 2)
    ChineseParen,
    /// 1． 1. 1、 (level 3)
    ArabicDot,
    /// （1） or (1) (level 4)
    ArabicParen,
    /// A Markdown `#` heading without a numbering marker.
    Markdown,
}

impl MarkerStyle {
    /// The official level of this marker style (Markdown headings take their
    /// level from the number of `#`).
    pub fn level(self) -> u8 {
        match self {
            MarkerStyle::ChineseComma => 1,
            MarkerStyle::ChineseParen => 2,
            MarkerStyle::ArabicDot => 3,
            MarkerStyle::ArabicParen => 4,
            MarkerStyle::Markdown => 1,
        }
    }

    /// How a number `n` is written in this style (for messages).
    pub fn render(self, n: u32) -> String {
        match self {
            MarkerStyle::ChineseComma => format!("{}、", chinese_number(n)),
            MarkerStyle::ChineseParen => format!("（{}）", chinese_number(n)),
            MarkerStyle::ArabicDot => format!("{n}."),
            MarkerStyle::ArabicParen => format!("（{n}）"),
            MarkerStyle::Markdown => format!("#{n}"),
        }
    }
}

/// Writes 1..=99 as a Chinese numeral (一, 十, 十二, 二十三).
pub fn chinese_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// A heading recognised at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingMark {
    /// 1..=4 (Markdown headings deeper than `####` count as 4).
    pub level: u8,
    /// The heading's number, when it has a numbering marker.
    pub number: Option<u32>,
    /// The marker style.
    pub style: MarkerStyle,
    /// Byte range of the marker (including any `#`s) relative to the line.
    pub marker: Range<usize>,
    /// Byte range of the heading text (without the closing 。) relative to the line.
    pub title: Range<usize>,
    /// Byte range of a run-in body on the same line, relative to the line.
    pub body: Option<Range<usize>>,
}

/// What a line (a paragraph) is, structurally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineShape {
    /// A heading.
    Heading(HeadingMark),
    /// A paragraph that opens an enumeration (一是…).
    Enumeration,
    /// Ordinary text.
    Text,
}

fn skip_spaces(line: &str, mut i: usize) -> usize {
    while let Some(c) = line[i..].chars().next() {
        if is_space(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Reads a numbering marker at byte `start` of `line`.
/// Returns (style, number, end of marker).
fn read_marker(line: &str, start: usize) -> Option<(MarkerStyle, u32, usize)> {
    let rest = &line[start..];
    let mut chars = rest.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if first == '(' || first == '（' {
        chars.next();
        let inner_start = first.len_utf8();
        let mut inner_end = inner_start;
        let mut close_end = None;
        for (i, c) in chars.by_ref() {
            if c == ')' || c == '）' {
                inner_end = i;
                close_end = Some(i + c.len_utf8());
                break;
            }
            if i - inner_start > 12 {
                return None;
            }
        }
        let close_end = close_end?;
        let inner = &rest[inner_start..inner_end];
        if let Some(n) = parse_small_chinese(inner) {
            return Some((MarkerStyle::ChineseParen, n, start + close_end));
        }
        if inner.chars().count() <= 2
            && let Some(n) = parse_arabic(inner)
        {
            return Some((MarkerStyle::ArabicParen, n as u32, start + close_end));
        }
        return None;
    }
    if digit_value(first).is_some() || unit_value(first) == Some(10) {
        // Chinese numeral followed by 、
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if digit_value(c).is_some() || unit_value(c) == Some(10) || unit_value(c) == Some(100) {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        let num = &rest[..end];
        let after = rest[end..].chars().next()?;
        if after == '、' {
            let n = parse_small_chinese(num)?;
            return Some((MarkerStyle::ChineseComma, n, start + end + after.len_utf8()));
        }
        return None;
    }
    if arabic_digit(first).is_some() {
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if arabic_digit(c).is_some() {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        let digits = &rest[..end];
        if digits.chars().count() > 2 {
            return None;
        }
        let mut after = rest[end..].chars();
        let sep = after.next()?;
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        // "1.6万" is a decimal, not a marker.
        if let Some(next) = after.next()
            && arabic_digit(next).is_some()
        {
            return None;
        }
        let n = parse_arabic(digits)? as u32;
        return Some((MarkerStyle::ArabicDot, n, start + end + sep.len_utf8()));
    }
    None
}

fn parse_small_chinese(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 4 {
        return None;
    }
    if !s.chars().all(|c| {
        digit_value(c).is_some() || unit_value(c) == Some(10) || unit_value(c) == Some(100)
    }) {
        return None;
    }
    let v = parse_chinese(s)?;
    (1..=999).contains(&v).then_some(v as u32)
}

/// True when the text at the start of `s` is an enumeration opener such as
/// 一是, 二是, 十二是 (an item in running text, never a heading).
pub fn starts_enumeration(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if digit_value(c).is_some() || unit_value(c) == Some(10) {
            n += 1;
            if n > 3 {
                return false;
            }
        } else {
            return n > 0 && (c == '是' || c == '要');
        }
    }
    false
}

/// Whether a line is a table row, or a cell of one, as documents arrive:
/// a Markdown pipe row (`| a | b |`), a Word table row (cells apart by a
/// tab, as the .docx reader gives them), or a cell of a table a portal
/// flattened to one cell per line (`一、本年新收政府信息公开申请数量 |`).
/// Its 一、 or （一） labels rows; they are not headings.
pub fn is_table_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('\t') || t.starts_with('|') || t.ends_with('|')
}

/// Classifies one line (the whole line, leading white space allowed).
pub fn classify_line(line: &str) -> LineShape {
    let start = skip_spaces(line, 0);
    let rest = &line[start..];
    if rest.is_empty() || is_table_row(line) {
        return LineShape::Text;
    }
    // Markdown heading.
    if rest.starts_with('#') {
        let hashes = rest.chars().take_while(|&c| c == '#').count();
        let after = start + hashes;
        if hashes <= 6 && line[after..].chars().next().is_some_and(is_space) {
            let text_start = skip_spaces(line, after);
            if let Some((style, n, mend)) = read_marker(line, text_start) {
                return LineShape::Heading(finish_heading(
                    line,
                    style.level(),
                    Some(n),
                    style,
                    start,
                    mend,
                ));
            }
            let level = hashes.min(4) as u8;
            return LineShape::Heading(finish_heading(
                line,
                level,
                None,
                MarkerStyle::Markdown,
                start,
                text_start,
            ));
        }
    }
    if starts_enumeration(rest) {
        return LineShape::Enumeration;
    }
    match read_marker(line, start) {
        Some((style, n, mend)) => LineShape::Heading(finish_heading(
            line,
            style.level(),
            Some(n),
            style,
            start,
            mend,
        )),
        None => LineShape::Text,
    }
}

/// Sentence-ending marks that close a run-in heading.
fn is_heading_stop(c: char) -> bool {
    c == '。'
}

fn finish_heading(
    line: &str,
    level: u8,
    number: Option<u32>,
    style: MarkerStyle,
    marker_start: usize,
    marker_end: usize,
) -> HeadingMark {
    let text_start = skip_spaces(line, marker_end);
    let trimmed_end = line.trim_end_matches(is_space).len().max(text_start);
    let text = &line[text_start..trimmed_end];
    let mut title_end = trimmed_end;
    let mut body = None;
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_heading_stop(c)) {
        title_end = text_start + i;
        let body_start = skip_spaces(line, text_start + i + c.len_utf8());
        if body_start < trimmed_end {
            body = Some(body_start..trimmed_end);
        }
    }
    HeadingMark {
        level,
        number,
        style,
        marker: marker_start..marker_end,
        title: text_start..title_end,
        body,
    }
}

/// Byte ranges of the items of an inline enumeration (一是…二是…三是…) in
/// `text`: each runs from its opener to the next opener or the end.
pub fn enumeration_items(text: &str) -> Vec<Range<usize>> {
    let mut starts = Vec::new();
    let mut expected = 1u64;
    let bytes_len = text.len();
    let mut iter = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    for (i, c) in iter.by_ref() {
        let boundary = prev.is_none_or(|p| {
            matches!(
                p,
                '。' | '；' | ';' | '，' | ',' | '：' | ':' | '！' | '？' | '”' | '）' | ')'
            ) || is_space(p)
        });
        if boundary && (digit_value(c).is_some() || c == '十') {
            // Read the numeral run.
            let mut end = i + c.len_utf8();
            for (j, d) in text[end..].char_indices() {
                if digit_value(d).is_some() || d == '十' {
                    continue;
                }
                end += j;
                break;
            }
            let num = &text[i..end];
            if text[end..].starts_with('是')
                && let Some(v) = parse_chinese(num)
                && v == expected
            {
                starts.push(i);
                expected += 1;
            }
        }
        prev = Some(c);
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(bytes_len);
        out.push(s..e);
    }
    out
}

/// What is wrong with a heading's number relative to its previous sibling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberingProblem {
    /// Numbers were skipped (一、 then 四、).
    Gap,
    /// The same number twice.
    Repeat,
    /// A smaller number after a larger one.
    Disorder,
    /// The first heading of a level does not start at 1.
    BadStart,
}

/// One numbering finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberingIssue {
    /// Index of the offending heading (into the headings list given).
    pub heading: usize,
    /// The kind of problem.
    pub problem: NumberingProblem,
    /// The number that would have been correct.
    pub expected: u32,
    /// The number found.
    pub found: u32,
}

/// A heading as the numbering check sees it.
#[derive(Debug, Clone, Copy)]
pub struct NumberedHeading {
    /// Heading level.
    pub level: u8,
    /// Its number, if numbered.
    pub number: Option<u32>,
    /// Its style.
    pub style: MarkerStyle,
    /// Index of its parent heading, if any.
    pub parent: Option<usize>,
}

/// Checks numbering per level and style within each parent.
pub fn check_numbering(headings: &[NumberedHeading]) -> Vec<NumberingIssue> {
    use rustc_hash::FxHashMap as HashMap;
    let mut last: HashMap<(Option<usize>, MarkerStyle), u32> = HashMap::default();
    // Last number per (grandparent, style): some reports number level 3
    // continuously through a level-1 section (（一）1. 2. （二）3. 4.).
    let mut last_cousin: HashMap<(Option<usize>, MarkerStyle), u32> = HashMap::default();
    let mut issues = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let Some(n) = h.number else { continue };
        let key = (h.parent, h.style);
        let grandparent = h
            .parent
            .and_then(|p| headings.get(p))
            .and_then(|p| p.parent);
        let cousin_key = (grandparent, h.style);
        let continues =
            h.parent.is_some() && last_cousin.get(&cousin_key).is_some_and(|&c| c + 1 == n);
        last_cousin.insert(cousin_key, n);
        match last.get(&key).copied() {
            None => {
                if n != 1 && !continues {
                    issues.push(NumberingIssue {
                        heading: i,
                        problem: NumberingProblem::BadStart,
                        expected: 1,
                        found: n,
                    });
                }
            }
            Some(prev) => {
                let problem = if n == prev + 1 {
                    None
                } else if n == prev {
                    Some(NumberingProblem::Repeat)
                } else if n < prev {
                    Some(NumberingProblem::Disorder)
                } else {
                    Some(NumberingProblem::Gap)
                };
                if let Some(problem) = problem {
                    issues.push(NumberingIssue {
                        heading: i,
                        problem,
                        expected: prev + 1,
                        found: n,
                    });
                }
            }
        }
        last.insert(key, n);
    }
    issues
}

#[cfg(test)]
mod tests;
