//! The overlays and prompts of the workbench: key help, the recovery
//! offer, the comment list, one-line prompts and yes/no questions.

use super::draw::{block, truncate_to_width, wrap_to_width};
use crate::app::keymap::Pane;
use crate::app::state::{App, Overlay};
use crate::core::lang::Lang;
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The key help: every binding from the keymap, a row per key (the
/// description wrapped under it), scrolled by `scroll` rows when the
/// terminal is too short for all of them.
pub(super) fn draw_help(f: &mut Frame, app: &mut App, area: Rect, scroll: usize) {
    const KEYS: usize = 22;
    let entries = app.keymap.help(app.lang);
    let key_style = app.theme.style("ui.help.key");
    let w = area.width.saturating_sub(2).min(84);
    let text_w = (w as usize).saturating_sub(2 + KEYS).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (pane, keys, what) in &entries {
        let where_ = match pane {
            Pane::Global => "",
            Pane::Checklist => app.lang.pick("［清单］", "[checklist] "),
            Pane::Editor => app.lang.pick("［编辑器］", "[editor] "),
            Pane::Diff => app.lang.pick("［对比］", "[diff] "),
            Pane::Figures => app.lang.pick("［数字］", "[figures] "),
        };
        let keys = truncate_to_width(keys, KEYS - 1);
        let pad = KEYS.saturating_sub(unicode_width::UnicodeWidthStr::width(keys.as_str()));
        for (i, row) in wrap_to_width(&format!("{where_}{what}"), text_w)
            .into_iter()
            .enumerate()
        {
            let head = if i == 0 {
                Span::styled(format!("{keys}{}", " ".repeat(pad)), key_style)
            } else {
                Span::raw(" ".repeat(KEYS))
            };
            lines.push(Line::from(vec![head, Span::raw(row)]));
        }
    }
    // Leave the status bar visible.
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let room = h.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(room);
    let scroll = scroll.min(max_scroll);
    // Keep the clamped value, so that scrolling back starts at once.
    app.overlay = Overlay::Help(scroll);
    let rect = centered(
        Rect {
            height: area.height.saturating_sub(1),
            ..area
        },
        w,
        h,
    );
    let title = if max_scroll > 0 {
        tr!(
            app.lang,
            " 按键 {}-{}/{}（↑↓ 翻页，其他键关闭） ",
            " Keys {}-{} of {} (↑↓ PageUp PageDown scroll, any other key closes) ",
            scroll + 1,
            scroll + room,
            lines.len()
        )
    } else {
        tr!(app.lang, " 按键（任意键关闭） ", " Keys (any key closes) ")
    };
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(room).collect();
    draw_box(f, app, rect, title, Paragraph::new(shown));
}

/// An overlay box: the area cleared, the text in the help style, a titled
/// border.
fn draw_box(f: &mut Frame, app: &App, rect: Rect, title: String, text: Paragraph<'_>) {
    f.render_widget(Clear, rect);
    f.render_widget(
        text.style(app.theme.style("ui.help"))
            .block(block(app, title, true)),
        rect,
    );
}

/// The recovery offer: when, how much differs, the changed lines, the keys.
pub(super) fn draw_recover(
    f: &mut Frame,
    app: &App,
    area: Rect,
    r: &crate::io::recovery::Recovered,
) {
    let saved_text = app.text();
    let diff = similar::TextDiff::from_lines(saved_text.as_str(), r.text.as_str());
    let (mut added, mut removed) = (0usize, 0usize);
    let mut shown: Vec<Line> = Vec::new();
    let w = area.width.min(90);
    let room = area.height.saturating_sub(11).max(1) as usize;
    let width = w.saturating_sub(6) as usize;
    for change in diff.iter_all_changes() {
        let (sign, style) = match change.tag() {
            similar::ChangeTag::Equal => continue,
            similar::ChangeTag::Delete => {
                removed += 1;
                ("-", app.theme.style("ui.checklist.missing"))
            }
            similar::ChangeTag::Insert => {
                added += 1;
                ("+", app.theme.style("ui.checklist.met"))
            }
        };
        let line = change.value().trim_end_matches('\n');
        if shown.len() < room && !line.trim().is_empty() {
            shown.push(Line::styled(
                format!(
                    "{sign} {}",
                    truncate_to_width(&sanitize_for_display(line), width)
                ),
                style,
            ));
        }
    }
    let ago = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs().saturating_sub(r.saved))
        .unwrap_or(0);
    let ago = match (app.lang, ago) {
        (Lang::Zh, a) if a < 120 => format!("{a} 秒前"),
        (Lang::Zh, a) if a < 7200 => format!("{} 分钟前", a / 60),
        (Lang::Zh, a) => format!("{} 小时前", a / 3600),
        (Lang::En, a) if a < 120 => format!("{a} s ago"),
        (Lang::En, a) if a < 7200 => format!("{} min ago", a / 60),
        (Lang::En, a) => format!("{} h ago", a / 3600),
    };
    let mut lines = vec![
        Line::from(tr!(
            app.lang,
            "上次编辑（{}，进程 {}）有未保存的文字：与文件相比 +{} 行、-{} 行。",
            "Unsaved text from an earlier session ({}, process {}): +{} / -{} lines against the file.",
            ago,
            r.pid,
            added,
            removed
        )),
        Line::from(""),
    ];
    lines.extend(shown);
    if added + removed > room {
        lines.push(Line::from("…"));
    }
    lines.extend(keys_footer(
        app,
        "r 恢复这些文字　d 丢弃恢复文件　Esc 打开已保存的文件（保留恢复文件）",
        "r restore it   d discard it   Esc open the saved file (keep the recovery file)",
        width + 4,
    ));
    // Room for the border and a wrapped heading.
    let rect = centered(area, w, (lines.len() as u16 + 3).min(area.height));
    let title = app.lang.pick(" 恢复 ", " Recovery ").to_owned();
    draw_box(
        f,
        app,
        rect,
        title,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}

/// A blank line and the keys of an overlay, in the user's language.
/// Wrapped to `width` columns, so that a narrow terminal shows every key.
pub(super) fn keys_footer(
    app: &App,
    zh: &'static str,
    en: &'static str,
    width: usize,
) -> Vec<Line<'static>> {
    let style = app.theme.style("ui.help.key");
    std::iter::once(Line::from(""))
        .chain(
            wrap_to_width(app.lang.pick(zh, en), width)
                .into_iter()
                .map(move |row| Line::styled(row, style)),
        )
        .collect()
}

/// The comment list: status, where the text is now (or orphaned), author,
/// time, the comment, its quote and replies; the keys at the bottom.
pub(super) fn draw_comments(f: &mut Frame, app: &App, area: Rect, selected: usize) {
    use crate::core::review::CommentStatus;
    let w = area.width.saturating_sub(4).min(110);
    let width = w.saturating_sub(4) as usize;
    let anchors = app.anchors();
    let text = app.doc.text();
    let selected = selected.min(app.review.comments.len().saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_top = 0;
    for (i, (c, a)) in app.review.comments.iter().zip(anchors).enumerate() {
        if i == selected {
            sel_top = lines.len();
        }
        let (glyph, st) = match c.status {
            CommentStatus::Open => ("●", app.theme.style("ui.checklist.partial")),
            CommentStatus::Resolved => ("✓", app.theme.style("ui.checklist.met")),
        };
        let place = match a {
            Some(a) if a.exact => tr!(
                app.lang,
                "第{}行",
                "line {}",
                crate::core::review::line_at(text, a.start)
            ),
            Some(a) => tr!(
                app.lang,
                "第{}行（原文已改）",
                "line {} (quote edited)",
                crate::core::review::line_at(text, a.start)
            ),
            None => app.lang.pick("原文已删除", "orphaned").to_owned(),
        };
        let head = format!(
            "{} · {} · {}",
            place,
            c.author,
            c.created.get(..16).unwrap_or(&c.created).replace('T', " ")
        );
        let row_style = if i == selected {
            app.theme.style("ui.checklist.selected")
        } else {
            Style::default()
        };
        lines.push(
            Line::from(vec![
                Span::styled(format!("{glyph} "), st),
                Span::styled(
                    truncate_to_width(&sanitize_for_display(&head), width.saturating_sub(2)),
                    app.theme.style("ui.help.key"),
                ),
            ])
            .style(row_style),
        );
        for row in wrap_to_width(&sanitize_for_display(&c.body), width.saturating_sub(2)) {
            lines.push(Line::from(format!("  {row}")).style(row_style));
        }
        lines.push(
            Line::styled(
                format!(
                    "  “{}”",
                    truncate_to_width(&sanitize_for_display(&c.quote), width.saturating_sub(4))
                ),
                app.theme.style("ui.checklist.na"),
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
    let footer = keys_footer(
        app,
        "↑↓ 选择　回车 跳到原文　r 回复　v 解决/重新打开　d 删除　Esc 关闭",
        "↑↓ select   Enter go to the text   r reply   v resolve/reopen   d delete   Esc close",
        width,
    );
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
    let title = tr!(
        app.lang,
        " 批注：{} 条，{} 条未解决 ",
        " Comments: {}, {} open ",
        app.review.comments.len(),
        app.open_comments()
    );
    draw_box(f, app, rect, title, Paragraph::new(shown));
}

/// A one-line prompt in place of the status bar: the label, what was typed
/// (its end kept in view when it is longer than the line), the terminal
/// cursor after it — where an input method puts its candidates — and the
/// keys when there is room.
pub(super) fn draw_prompt(
    f: &mut Frame,
    app: &App,
    status: Rect,
    label: &str,
    line: &str,
    hint: &str,
) {
    use unicode_width::UnicodeWidthStr;
    let width = status.width as usize;
    let mut text = format!("{label}{}", sanitize_for_display(line));
    if text.width() + 1 > width {
        // Keep the end: drop characters from the front.
        let mut kept: Vec<char> = Vec::new();
        let mut used = 1; // the "…"
        for c in text.chars().rev() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            used += w;
            kept.push(c);
        }
        text = std::iter::once('…').chain(kept.into_iter().rev()).collect();
    }
    let cursor_x = status.x + text.width().min(width.saturating_sub(1)) as u16;
    let room = width.saturating_sub(text.width() + 1);
    if room > 4 {
        text.push(' ');
        text.push_str(&truncate_to_width(hint, room));
    }
    f.render_widget(
        Paragraph::new(text).style(app.theme.style("ui.status.modified")),
        status,
    );
    f.set_cursor_position((cursor_x, status.y));
}

pub(super) fn draw_confirm(f: &mut Frame, app: &App, area: Rect, text: &str) {
    let rect = centered(area, 64, 6);
    let text = Paragraph::new(text.to_owned()).wrap(Wrap { trim: true });
    draw_box(f, app, rect, String::new(), text);
}
