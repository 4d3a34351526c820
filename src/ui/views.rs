//! Wrapping shared by the views and panes: styled text into rows of a
//! display width (CJK characters count double), closing punctuation kept
//! off the start of a row, control characters shown as symbols.

use crate::core::text::sanitize_for_display;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Closing punctuation that should not start a wrapped row.
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〉”’,.;:?!)]}%％…".contains(c)
}

/// Wraps styled text into rows of at most `width` columns (CJK characters
/// count double). A row does not start with closing punctuation when the
/// character before it can move down with it.
pub fn wrap_styled(spans: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let chars: Vec<(char, Style)> = spans
        .iter()
        .flat_map(|(t, s)| {
            sanitize_for_display(t)
                .chars()
                .map(|c| (c, *s))
                .collect::<Vec<_>>()
        })
        .collect();
    let width = width.max(2);
    let mut rows: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut used) = (0usize, 0usize);
    let mut i = 0;
    while i < chars.len() {
        let w = chars[i].0.width().unwrap_or(0);
        if used + w > width && i > start {
            let mut brk = i;
            // Keep closing punctuation (one mark or several, such as ）》)
            // with the character before it.
            while brk - start > 1 && is_closing(chars[brk].0) {
                brk -= 1;
            }
            if is_closing(chars[brk].0) {
                brk = i; // nothing to move down with it: break where it was
            }
            rows.push(start..brk);
            start = brk;
            used = chars[start..i]
                .iter()
                .map(|c| c.0.width().unwrap_or(0))
                .sum();
        }
        used += w;
        i += 1;
    }
    if start < chars.len() || rows.is_empty() {
        rows.push(start..chars.len());
    }
    rows.into_iter()
        .map(|r| {
            let mut line: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut style = None;
            for &(c, s) in &chars[r] {
                if style.is_some_and(|st| st != s) {
                    line.push(Span::styled(
                        std::mem::take(&mut run),
                        style.unwrap_or_default(),
                    ));
                }
                style = Some(s);
                run.push(c);
            }
            if !run.is_empty() {
                line.push(Span::styled(run, style.unwrap_or_default()));
            }
            Line::from(line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(s: &str, width: usize) -> Vec<String> {
        wrap_styled(&[(s.to_owned(), Style::default())], width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wrapping_keeps_closing_marks_off_the_start_of_a_row() {
        assert_eq!(rows("甲乙丙丁", 4), ["甲乙", "丙丁"]);
        assert_eq!(rows("甲乙，丁", 4), ["甲", "乙，", "丁"]);
        // Two marks: both move down with the character before them.
        assert_eq!(rows("甲乙丙）》戊", 6), ["甲乙", "丙）》", "戊"]);
        // Only marks: nothing to move, broken where they overflow.
        assert_eq!(rows("，，，", 4), ["，，", "，"]);
        // Control characters are shown, one cell each.
        assert_eq!(rows("a\u{1b}b", 10), ["a\u{241b}b"]);
        assert_eq!(rows("", 4), [""]);
    }
}
