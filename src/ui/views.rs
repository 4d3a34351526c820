//! Wrapping shared by the views and panes: styled text into rows of a
//! display width by `core::wrap` (CJK characters count double, closing
//! punctuation kept off the start of a row), control characters shown as
//! symbols.

use crate::core::text::sanitize_for_display;
use crate::core::wrap::break_rows;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Wraps styled text into rows of at most `width` columns (see
/// [`crate::core::wrap::break_rows`]).
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
    let plain: Vec<char> = chars.iter().map(|c| c.0).collect();
    break_rows(&plain, width)
        .into_iter()
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

/// Splits `s` into rows of at most `width` terminal columns (see
/// [`wrap_styled`]).
pub fn wrap_to_width(s: &str, width: usize) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    wrap_styled(&[(s.to_owned(), Style::default())], width)
        .into_iter()
        .map(|l| l.spans.into_iter().map(|s| s.content).collect())
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
        assert_eq!(rows("甲乙，丁", 4), ["甲", "乙，", "丁"]);
        // Control characters are shown, one cell each.
        assert_eq!(rows("a\u{1b}b", 10), ["a\u{241b}b"]);
        assert_eq!(rows("", 4), [""]);
    }

    #[test]
    fn one_punctuation_table_and_one_control_table_with_the_editor() {
        // The editor widget wraps its rows with the same closing marks…
        assert_eq!(
            crate::core::wrap::CLOSING_MARKS,
            tui_textarea::CLOSING_MARKS
        );
        // …and shows the same characters as symbols (tab is the editor's).
        for c in (0u32..0x3100)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
        {
            if c == '\t' {
                continue;
            }
            let ours = crate::core::text::is_unsafe_for_display(c)
                .then(|| crate::core::text::visible_symbol(c));
            assert_eq!(ours, tui_textarea::shown_as(c), "U+{:04X}", c as u32);
        }
    }
}
