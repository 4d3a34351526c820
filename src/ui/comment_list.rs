//! The comment list (F6): comments and suggestions with their status,
//! where their text is now, authors, times, quotes and replies, the
//! selected one highlighted, the keys at the bottom.

use super::overlays::{draw_box, keys_footer};
use super::theme::Theme;
use super::views::wrap_to_width;
use crate::app::layout::{centered, truncate_to_width};
use crate::app::overlay_keys::OverlayKind;
use crate::app::state::State;
use crate::core::review::{CommentStatus, line_at};
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A list entry's style: the selection's, or none.
fn row_style(t: &Theme, selected: bool) -> Style {
    if selected {
        t.style("ui.checklist.selected")
    } else {
        Style::default()
    }
}

/// A list entry's first line: its status glyph and its heading.
fn list_head(
    t: &Theme,
    glyph: &str,
    glyph_style: Style,
    head: &str,
    width: usize,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{glyph} "), glyph_style),
        Span::styled(
            truncate_to_width(&sanitize_for_display(head), width.saturating_sub(2)),
            t.style("ui.help.key"),
        ),
    ])
}

/// The comment list: status, where the text is now (or orphaned), author,
/// time, the comment, its quote and replies; the keys at the bottom.
pub(super) fn draw_comments(f: &mut Frame, s: &State, t: &Theme, area: Rect, selected: usize) {
    let lang = s.lang();
    let w = area.width.saturating_sub(4).min(110);
    let width = w.saturating_sub(4) as usize;
    let text = s.doc().text();
    let comments = &s.review().comments;
    let total = comments.len() + s.suggestions().len();
    let selected = selected.min(total.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_top = 0;
    for (i, (c, a)) in comments.iter().zip(s.anchors()).enumerate() {
        if i == selected {
            sel_top = lines.len();
        }
        let (glyph, st) = match c.status {
            CommentStatus::Open => ("●", t.style("ui.checklist.partial")),
            CommentStatus::Resolved => ("✓", t.style("ui.checklist.met")),
        };
        let place = match a {
            Some(a) if a.exact => tr!(lang, "第{}行", "line {}", line_at(text, a.start)),
            Some(a) => tr!(
                lang,
                "第{}行（原文已改）",
                "line {} (quote edited)",
                line_at(text, a.start)
            ),
            None => lang.pick("原文已删除", "orphaned").to_owned(),
        };
        let head = format!(
            "{} · {} · {}{}",
            place,
            c.author,
            c.created.get(..16).unwrap_or(&c.created).replace('T', " "),
            if c.is_from_file() {
                lang.pick(" · Word 批注", " · Word comment")
            } else {
                ""
            }
        );
        let row_style = row_style(t, i == selected);
        lines.push(list_head(t, glyph, st, &head, width).style(row_style));
        for row in wrap_to_width(&sanitize_for_display(&c.body), width.saturating_sub(2)) {
            lines.push(Line::from(format!("  {row}")).style(row_style));
        }
        lines.push(
            Line::styled(
                format!(
                    "  “{}”",
                    truncate_to_width(&sanitize_for_display(&c.quote), width.saturating_sub(4))
                ),
                t.style("ui.checklist.na"),
            )
            .style(row_style),
        );
        for r in &c.replies {
            lines.push(
                Line::from(format!(
                    "    ↳ {}：{}",
                    sanitize_for_display(&r.author),
                    truncate_to_width(&sanitize_for_display(&r.body), width.saturating_sub(8))
                ))
                .style(row_style),
            );
        }
    }
    // The suggestions after the comments: the struck text and the wording.
    for (k, (sg, place)) in s
        .suggestions()
        .iter()
        .zip(s.suggestion_places())
        .enumerate()
    {
        use crate::core::suggestion::{Place, SuggestionStatus};
        let i = comments.len() + k;
        if i == selected {
            sel_top = lines.len();
        }
        let (glyph, st) = match sg.status {
            SuggestionStatus::Open => ("✎", t.style("ui.checklist.partial")),
            SuggestionStatus::Accepted => ("✓", t.style("ui.checklist.met")),
            SuggestionStatus::Rejected => ("✗", t.style("ui.checklist.na")),
        };
        let place = match place {
            Place::Current(a) => tr!(lang, "第{}行", "line {}", line_at(text, a.start)),
            // A decided suggestion's text is expected to differ now.
            Place::Outdated(a) if sg.status != SuggestionStatus::Open => {
                tr!(lang, "第{}行", "line {}", line_at(text, a.start))
            }
            Place::Outdated(a) => tr!(
                lang,
                "第{}行（原文已改，不能直接采纳）",
                "line {} (text edited since: not applicable as is)",
                line_at(text, a.start)
            ),
            Place::Orphaned => lang.pick("原文已删除", "orphaned").to_owned(),
        };
        let mut head = format!(
            "{} · {} · {} · {}",
            if sg.is_from_file() {
                lang.pick(
                    "Word 修订（已按接受显示）",
                    "Word tracked change (shown accepted)",
                )
            } else {
                lang.pick("修改建议", "suggestion")
            },
            place,
            sg.author,
            sg.created
                .get(..16)
                .unwrap_or(&sg.created)
                .replace('T', " "),
        );
        if sg.status != SuggestionStatus::Open {
            head.push_str(&format!(" · {} {}", sg.status.name(lang), sg.decided_by));
        }
        let row_style = row_style(t, i == selected);
        lines.push(list_head(t, glyph, st, &head, width).style(row_style));
        // The text struck through, then the wording proposed: each whole,
        // wrapped to the list's width.
        for (label, text, style) in [
            (
                lang.pick("删：", "delete: "),
                &sg.quote,
                "ui.editor.suggestion",
            ),
            (
                lang.pick("改为：", "insert: "),
                &sg.replacement,
                "ui.diff.insert",
            ),
        ] {
            let indent = 2 + unicode_width::UnicodeWidthStr::width(label);
            for (k, row) in wrap_to_width(&sanitize_for_display(text), width.saturating_sub(indent))
                .into_iter()
                .enumerate()
            {
                let lead = if k == 0 {
                    format!("  {label}")
                } else {
                    " ".repeat(indent)
                };
                lines.push(
                    Line::from(vec![Span::raw(lead), Span::styled(row, t.style(style))])
                        .style(row_style),
                );
            }
        }
        if !sg.reason.is_empty() {
            lines.push(
                Line::from(format!(
                    "    ↳ {}",
                    truncate_to_width(&sanitize_for_display(&sg.reason), width.saturating_sub(8))
                ))
                .style(row_style),
            );
        }
    }
    let footer = keys_footer(t, OverlayKind::Comments, lang, width);
    // Borders and the keys around the comments.
    let around = 2 + footer.len() as u16;
    let h = area
        .height
        .saturating_sub(2)
        .min(lines.len() as u16 + around);
    let room = h.saturating_sub(around) as usize;
    let skip = sel_top
        .saturating_sub(room / 3)
        .min(lines.len().saturating_sub(room));
    let mut shown: Vec<Line> = lines.into_iter().skip(skip).take(room).collect();
    shown.extend(footer);
    let rect = centered(area, w, h);
    let open = s.open_comments();
    let mut title = tr!(
        lang,
        " 批注：{} 条，{} 条未解决 ",
        " Comments: {}, {} open ",
        comments.len(),
        open
    );
    if !s.suggestions().is_empty() {
        title.push_str(&tr!(
            lang,
            "· 修改建议：{} 条待处理 ",
            "· suggestions: {} open ",
            s.open_suggestions()
        ));
    }
    draw_box(f, t, rect, title, Paragraph::new(shown));
}
