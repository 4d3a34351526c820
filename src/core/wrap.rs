//! Breaking text into rows of a display width, as every pane, overlay and
//! view shows it: wide (CJK) characters take two columns, characters shown
//! as symbols one (see [`crate::core::text::sanitize_for_display`]), and no
//! row starts with closing punctuation when the character before it can
//! move down with it (避头点). One table of that punctuation,
//! [`CLOSING_MARKS`], tested equal to the editor widget's.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Punctuation that must not start a wrapped row.
pub const CLOSING_MARKS: &str = "，。、；：？！）》」』】〉〕］｝”’％…·,.;:?!)]}%";

/// Whether `c` must not start a wrapped row.
pub fn is_closing(c: char) -> bool {
    CLOSING_MARKS.contains(c)
}

/// The columns `c` takes on screen (0 for combining marks). Characters
/// that are shown as symbols must be replaced before (the callers pass
/// sanitised text).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The columns `s` takes on screen.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Breaks `chars` into rows of at most `width` columns (at least 2): the
/// ranges of each row. A row does not start with closing punctuation when
/// the character before it can move down with it. Empty text is one empty
/// row.
pub fn break_rows(chars: &[char], width: usize) -> Vec<Range<usize>> {
    let width = width.max(2);
    let mut rows: Vec<Range<usize>> = Vec::new();
    let (mut start, mut used) = (0usize, 0usize);
    for i in 0..chars.len() {
        let w = char_width(chars[i]);
        if used + w > width && i > start {
            let mut brk = i;
            // Keep closing punctuation (one mark or several, such as ）》)
            // with the character before it.
            while brk - start > 1 && is_closing(chars[brk]) {
                brk -= 1;
            }
            if is_closing(chars[brk]) {
                brk = i; // nothing to move down with it: break where it was
            }
            rows.push(start..brk);
            start = brk;
            used = chars[start..i].iter().map(|&c| char_width(c)).sum();
        }
        used += w;
    }
    if start < chars.len() || rows.is_empty() {
        rows.push(start..chars.len());
    }
    rows
}

/// How many rows `s` (sanitised) takes at `width` columns.
pub fn rows_of(s: &str, width: usize) -> usize {
    let chars: Vec<char> = s.chars().collect();
    break_rows(&chars, width).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(s: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        break_rows(&chars, width)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn rows_keep_closing_marks_off_their_start() {
        assert_eq!(rows("甲乙丙丁", 4), ["甲乙", "丙丁"]);
        assert_eq!(rows("甲乙，丁", 4), ["甲", "乙，", "丁"]);
        // Two marks: both move down with the character before them.
        assert_eq!(rows("甲乙丙）》戊", 6), ["甲乙", "丙）》", "戊"]);
        // Only marks: nothing to move, broken where they overflow.
        assert_eq!(rows("，，，", 4), ["，，", "，"]);
        assert_eq!(rows("", 4), [""]);
        assert_eq!(rows_of("甲乙丙丁", 4), 2);
    }
}
