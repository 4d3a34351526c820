//! The redline row of the editor: with the cursor in an open suggestion
//! (or a Word file's tracked change), one row of the pane shows who
//! proposes what — the words taken out struck through, the words put in in
//! the insertion colour, a little shared text around them.

use super::theme::Theme;
use crate::app::state::State;
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// With the cursor in an open suggestion: its redline on one row of the
/// editor — who, the text struck through, the wording proposed in the
/// insertion colour — on the bottom row, or the top one when the cursor is
/// in the lower half (the row the cursor is on stays visible).
pub(super) fn draw_redline_strip(f: &mut Frame, s: &State, t: &Theme, area: Rect) {
    let Some(sg) = s.suggestion_at_cursor() else {
        return;
    };
    if area.height < 6 || area.width < 12 {
        return;
    }
    let lang = s.lang();
    let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
    let cursor_row = s.editor().rendered_cursor_position().map(|p| p.y);
    let lower = cursor_row.is_some_and(|y| y >= inner.y + inner.height / 2);
    let row = if lower {
        inner.y
    } else {
        inner.y + inner.height - 1
    };
    let strip = Rect::new(inner.x, row, inner.width, 1);
    // For a Word file's change too: what was there, struck, and what stands;
    // the words both share kept short around the change.
    let (before, was, now, after) = redline_parts(&sg.quote, &sg.replacement);
    let one_line = |x: &str| sanitize_for_display(&x.replace('\n', " ⏎ ")).into_owned();
    let who = if sg.is_from_file() {
        tr!(
            lang,
            " {} 的修订：",
            " {}'s change: ",
            sanitize_for_display(&sg.author)
        )
    } else {
        tr!(
            lang,
            " {} 建议：",
            " {} suggests: ",
            sanitize_for_display(&sg.author)
        )
    };
    let line = Line::from(vec![
        Span::styled(who, t.style("ui.status")),
        Span::styled(one_line(&before), t.style("ui.status")),
        Span::styled(one_line(&was), t.style("ui.editor.suggestion")),
        Span::styled(one_line(&now), t.style("ui.diff.insert")),
        Span::styled(one_line(&after), t.style("ui.status")),
    ]);
    f.render_widget(ratatui::widgets::Clear, strip);
    f.render_widget(Paragraph::new(line).style(t.style("ui.status")), strip);
}

/// A replacement as a redline: the shared words before (at most a few,
/// `…` for the rest), the words taken out, the words put in, the shared
/// words after.
pub fn redline_parts(quote: &str, replacement: &str) -> (String, String, String, String) {
    const CONTEXT: usize = 6;
    let q: Vec<char> = quote.chars().collect();
    let r: Vec<char> = replacement.chars().collect();
    let head = q.iter().zip(&r).take_while(|(a, b)| a == b).count();
    let tail = q[head..]
        .iter()
        .rev()
        .zip(r[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let shared_before: String = q[..head].iter().collect();
    let before = if head > CONTEXT {
        format!("…{}", q[head - CONTEXT..head].iter().collect::<String>())
    } else {
        shared_before
    };
    let after_start = q.len() - tail;
    let after = if tail > CONTEXT {
        format!(
            "{}…",
            q[after_start..after_start + CONTEXT]
                .iter()
                .collect::<String>()
        )
    } else {
        q[after_start..].iter().collect()
    };
    (
        before,
        q[head..after_start].iter().collect(),
        r[head..r.len() - tail].iter().collect(),
        after,
    )
}

#[cfg(test)]
mod redline_tests {
    use super::redline_parts;

    #[test]
    fn a_replacement_reads_as_what_changed_with_a_little_context() {
        let p = |a: &str, b: &str| {
            let (w, x, y, z) = redline_parts(a, b);
            [w, x, y, z]
        };
        assert_eq!(
            p(
                "调整全面依法治镇工作领导小组",
                "调整全面依法治镇工作领导小组（青政发〔2024〕3号）"
            ),
            ["…工作领导小组", "", "（青政发〔2024〕3号）", ""]
        );
        assert_eq!(p("共38份", "共40份"), ["共", "38", "40", "份"]);
        assert_eq!(p("甲", "乙"), ["", "甲", "乙", ""]);
        assert_eq!(p("删去这句。", ""), ["", "删去这句。", "", ""]);
        assert_eq!(
            p(
                "前面的字很多很多很多改这里后面的字也很多很多",
                "前面的字很多很多很多换成后面的字也很多很多"
            ),
            ["…很多很多很多", "改这里", "换成", "后面的字也很…"]
        );
    }
}
