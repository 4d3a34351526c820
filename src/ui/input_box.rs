//! The box a comment, reply, reason or suggested wording is typed in: the
//! words wrapped to the terminal's width over as many rows as they take (up
//! to [`MAX_ROWS`], scrolled to keep the cursor in sight), line breaks kept,
//! the cursor where the next character goes; the keys on the status bar.

use super::draw::block;
use super::theme::Theme;
use crate::app::layout::truncate_to_width;
use crate::core::text::sanitize_for_display;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

/// The most rows of text the box shows at once.
pub const MAX_ROWS: usize = 8;

/// `text` as rows of at most `width` columns (a line break starts a new
/// row), and the row and column of the cursor `back` characters before the
/// end. Every character is shown as the display sanitiser shows it.
pub fn layout(text: &str, width: usize, back: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(2);
    let total = text.chars().count();
    let at = total - back.min(total);
    // The sanitiser maps character for character; line breaks are kept.
    let shown = sanitize_for_display(text)
        .chars()
        .zip(text.chars())
        .map(|(s, t)| if t == '\n' { '\n' } else { s })
        .collect::<String>();
    let mut rows = vec![String::new()];
    let mut col = 0;
    let mut cursor = (0, 0);
    for (i, c) in shown.chars().enumerate() {
        if i == at {
            cursor = (rows.len() - 1, col);
        }
        if c == '\n' {
            rows.push(String::new());
            col = 0;
            continue;
        }
        let w = c.width().unwrap_or(1).max(1);
        if col + w > width {
            rows.push(String::new());
            col = 0;
            if i == at {
                cursor = (rows.len() - 1, 0);
            }
        }
        if let Some(r) = rows.last_mut() {
            r.push(c);
        }
        col += w;
    }
    if at >= total {
        // After the last character; a full row puts it on the next.
        if col >= width {
            rows.push(String::new());
            col = 0;
        }
        cursor = (rows.len() - 1, col);
    }
    (rows, cursor)
}

/// Draws the box above the status bar (`status`), within `area`, and the
/// hint on the status bar; returns where the terminal's cursor goes (in
/// the box).
#[allow(clippy::too_many_arguments)]
pub fn draw(
    f: &mut Frame,
    t: &Theme,
    area: Rect,
    status: Rect,
    label: &str,
    text: &str,
    hint: &str,
    back: usize,
) -> Option<Position> {
    let inner = usize::from(area.width.saturating_sub(2));
    let (rows, (row, col)) = layout(text, inner, back);
    let shown_rows = rows.len().clamp(1, MAX_ROWS);
    let height = (shown_rows as u16 + 2).min(status.y.saturating_sub(area.y));
    if height < 3 {
        return None;
    }
    let visible = usize::from(height - 2);
    // Scrolled so that the cursor's row is in sight.
    let top = (row + 1).saturating_sub(visible);
    let rect = Rect::new(area.x, status.y - height, area.width, height);
    let title = format!(
        " {} ",
        truncate_to_width(
            &sanitize_for_display(label),
            usize::from(area.width.saturating_sub(4))
        )
    );
    let body: Vec<ratatui::text::Line> = rows
        .iter()
        .skip(top)
        .take(visible)
        .map(|r| ratatui::text::Line::from(r.clone()))
        .collect();
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(body)
            .style(t.style("ui.help"))
            .block(block(t, title, true)),
        rect,
    );
    f.render_widget(Clear, status);
    f.render_widget(
        Paragraph::new(truncate_to_width(hint, usize::from(status.width)))
            .style(t.style("ui.status.modified")),
        status,
    );
    let x = rect.x + 1 + col.min(inner.saturating_sub(1)) as u16;
    let y = rect.y + 1 + (row - top) as u16;
    Some(Position::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn rows_wrap_at_the_width_and_at_line_breaks_and_the_cursor_follows() {
        // 依法治县 is 8 columns: two rows of 6 columns at most.
        let (rows, cursor) = layout("依法治县\n第二行。", 10, 0);
        assert_eq!(rows, ["依法治县", "第二行。"]);
        assert_eq!(cursor, (1, 8));
        let (rows, cursor) = layout("依法治县\n第二行", 6, 0);
        assert_eq!(rows, ["依法治", "县", "第二行", ""]);
        assert_eq!(cursor, (3, 0));
        // The cursor before 县 (5 characters back of 8).
        assert_eq!(layout("依法治县\n第二行", 6, 5).1, (1, 0));
        // Before the line break: the end of row 1; after it, row 2.
        assert_eq!(layout("依法治县\n第二行", 6, 4).1, (1, 2));
        assert_eq!(layout("依法治县\n第二行", 6, 3).1, (2, 0));
        // At the very start.
        assert_eq!(layout("依法治县", 6, 4).1, (0, 0));
        // A full last row: the cursor goes to the next.
        assert_eq!(
            layout("依法治", 6, 0),
            (vec!["依法治".into(), String::new()], (1, 0))
        );
        // Control characters are shown as symbols, one cell each.
        assert_eq!(layout("a\u{1b}b", 6, 0).0, ["a␛b"]);
        assert_eq!(layout("", 6, 0), (vec![String::new()], (0, 0)));
    }
}
