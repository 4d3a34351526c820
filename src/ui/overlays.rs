//! The overlays and prompts of the workbench: key help, the recovery
//! offer, the comment list, one-line prompts and questions. Their key
//! lines come from the overlays' key table (`app::overlay_keys`).

use super::draw::block;
use super::theme::Theme;
use super::views::wrap_to_width;
use crate::app::help;
use crate::app::layout::{self, centered, truncate_to_width};
use crate::app::overlay_keys::{OverlayKind, footer};
use crate::app::state::{Overlay, State};
use crate::core::lang::Lang;
use crate::core::session::Recovered;
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws the overlay shown, if any (`status`: where prompts go); returns
/// where the terminal's cursor goes when it is a prompt.
pub(super) fn draw_overlay(
    f: &mut Frame,
    s: &State,
    t: &Theme,
    area: Rect,
    status: Rect,
) -> Option<Position> {
    let lang = s.lang();
    let question = |f: &mut Frame, text: &str, kind: OverlayKind| {
        let text = format!("{text}{}", footer(kind, lang));
        draw_confirm(f, t, area, &text)
    };
    let mut cursor = None;
    match s.overlay() {
        Overlay::None => {}
        Overlay::Help(scroll) => draw_help(f, s, t, area, *scroll),
        Overlay::ConfirmQuit => question(
            f,
            lang.pick("有未保存的修改。", "Unsaved changes. "),
            OverlayKind::ConfirmQuit,
        ),
        Overlay::ConfirmOverwrite => question(
            f,
            lang.pick(
                "文件在磁盘上已被别人修改。",
                "The file was changed on disk by someone else. ",
            ),
            OverlayKind::ConfirmOverwrite,
        ),
        Overlay::SaveAs(name) => {
            cursor = draw_prompt(
                f,
                t,
                status,
                lang.pick("另存为：", "Save as: "),
                name,
                lang.pick("（回车保存，Esc 取消）", " (Enter to save, Esc to cancel)"),
                s.prompt_cursor_back(),
            );
        }
        Overlay::GoToLine(n) => {
            cursor = draw_prompt(
                f,
                t,
                status,
                lang.pick("转到第几行：", "Go to line: "),
                n,
                lang.pick("（回车转到，Esc 取消）", " (Enter to go, Esc to cancel)"),
                s.prompt_cursor_back(),
            );
        }
        Overlay::Search(q) | Overlay::ReplaceFind(q) => {
            let search = matches!(s.overlay(), Overlay::Search(_));
            let label = match (search, s.find_regex()) {
                (true, false) => lang.pick("查找：", "Search: "),
                (true, true) => lang.pick("查找（正则）：", "Search (regex): "),
                (false, false) => lang.pick("替换：", "Replace: "),
                (false, true) => lang.pick("替换（正则）：", "Replace (regex): "),
            };
            let enter = if search {
                lang.pick("回车查找", "Enter searches")
            } else {
                lang.pick("回车下一步", "Enter: then what with")
            };
            let hint = find_hint(s, enter);
            cursor = draw_prompt(f, t, status, label, q, &hint, s.prompt_cursor_back());
        }
        Overlay::ReplaceWith(with) => {
            cursor = draw_prompt(
                f,
                t,
                status,
                lang.pick("替换为：", "With: "),
                with,
                lang.pick(
                    "（回车开始逐处替换，Esc 取消）",
                    " (Enter starts replacing, Esc cancels)",
                ),
                s.prompt_cursor_back(),
            );
        }
        Overlay::ReplaceAsk => {
            if let Some(p) = s.replace_progress() {
                let text = tr!(
                    lang,
                    "把“{}”替换为“{}”？已替换 {} 处　",
                    "Replace \"{}\" with \"{}\"? {} replaced   ",
                    sanitize_for_display(&p.query),
                    sanitize_for_display(&p.with),
                    p.replaced
                );
                let text = format!("{text}{}", footer(OverlayKind::Replace, lang));
                f.render_widget(Clear, status);
                f.render_widget(
                    Paragraph::new(truncate_to_width(&text, status.width as usize))
                        .style(t.style("ui.status.modified")),
                    status,
                );
            }
        }
        Overlay::Recover(r, aside) => draw_recover(f, s, t, area, r, *aside),
        Overlay::Input(p, line) => {
            // A failed write shows its error where the keys would be.
            let hint = match s.message() {
                Some((m, true)) => tr!(
                    lang,
                    "（未保存：回车重试，Esc 放弃。{}）",
                    " (not saved: Enter tries again, Esc gives up. {})",
                    m
                ),
                _ => lang
                    .pick(
                        "回车保存 · Alt-回车或 Ctrl-J 换行 · ←→ Home End 移动 · Esc 取消",
                        "Enter saves · Alt-Enter or Ctrl-J: new line · ←→ Home End move · Esc cancels",
                    )
                    .to_owned(),
            };
            cursor = super::input_box::draw(
                f,
                t,
                area,
                status,
                &s.prompt_label(p),
                line,
                &hint,
                s.prompt_cursor_back(),
            );
        }
        Overlay::Verdict(item) => {
            let text = tr!(
                lang,
                "审核“{}”：",
                "Sign off \"{}\": ",
                sanitize_for_display(&s.item_title(item))
            );
            question(f, &text, OverlayKind::Verdict)
        }
        Overlay::Comments(sel) => super::comment_list::draw_comments(f, s, t, area, *sel),
        Overlay::DeleteComment(id, _) => {
            let body = s
                .review()
                .comments
                .iter()
                .find(|c| &c.id == id)
                .map(|c| truncate_to_width(&sanitize_for_display(&c.body), 30))
                .unwrap_or_default();
            let text = tr!(lang, "删除批注“{}”？", "Delete the comment \"{}\"? ", body);
            question(f, &text, OverlayKind::DeleteComment)
        }
        Overlay::Locked(h) => {
            let text = tr!(
                lang,
                "{}@{}（进程 {}）正在用 reportbench 编辑这个文件。",
                "{}@{} (process {}) is editing this file in reportbench. ",
                sanitize_for_display(&h.user),
                sanitize_for_display(&h.host),
                h.pid
            );
            question(f, &text, OverlayKind::Locked)
        }
    }
    cursor
}

/// The key help: every binding from the keymap and every overlay key, a
/// row per key (the description wrapped under it), scrolled when the
/// terminal is too short for all of them.
fn draw_help(f: &mut Frame, s: &State, t: &Theme, area: Rect, scroll: usize) {
    let rows = help::rows(s.keymap(), s.lang());
    let Some(g) = layout::help(area, &rows) else {
        return;
    };
    let key_style = t.style("ui.help.key");
    let total = g.lines.len();
    let shown: Vec<Line> = g
        .lines
        .into_iter()
        .skip(scroll)
        .take(g.room)
        .map(|(keys, text)| {
            let head = match keys {
                Some(k) => {
                    let k = truncate_to_width(&k, layout::HELP_KEYS - 1);
                    let pad = layout::HELP_KEYS
                        .saturating_sub(unicode_width::UnicodeWidthStr::width(k.as_str()));
                    Span::styled(format!("{k}{}", " ".repeat(pad)), key_style)
                }
                None => Span::raw(" ".repeat(layout::HELP_KEYS)),
            };
            Line::from(vec![head, Span::raw(text)])
        })
        .collect();
    let title = if g.max_scroll > 0 {
        tr!(
            s.lang(),
            " 按键 {}-{}/{}（↑↓ 翻页，其他键关闭） ",
            " Keys {}-{} of {} (↑↓ PageUp PageDown scroll, any other key closes) ",
            scroll + 1,
            scroll + g.room,
            total
        )
    } else {
        tr!(s.lang(), " 按键（任意键关闭） ", " Keys (any key closes) ")
    };
    draw_box(f, t, g.rect, title, Paragraph::new(shown));
}

/// An overlay box: the area cleared, the text in the help style, a titled
/// border.
pub(super) fn draw_box(f: &mut Frame, t: &Theme, rect: Rect, title: String, text: Paragraph<'_>) {
    f.render_widget(Clear, rect);
    f.render_widget(
        text.style(t.style("ui.help")).block(block(t, title, true)),
        rect,
    );
}

/// "N seconds / minutes / hours ago".
fn ago(lang: Lang, secs: u64) -> String {
    match (lang, secs) {
        (Lang::Zh, a) if a < 120 => format!("{a} 秒前"),
        (Lang::Zh, a) if a < 7200 => format!("{} 分钟前", a / 60),
        (Lang::Zh, a) => format!("{} 小时前", a / 3600),
        (Lang::En, a) if a < 120 => format!("{a} s ago"),
        (Lang::En, a) if a < 7200 => format!("{} min ago", a / 60),
        (Lang::En, a) => format!("{} h ago", a / 3600),
    }
}

/// The recovery offer: when, how much differs, the changed lines, the keys.
fn draw_recover(f: &mut Frame, s: &State, t: &Theme, area: Rect, r: &Recovered, aside: bool) {
    let saved_text = s.text();
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
                ("-", t.style("ui.checklist.missing"))
            }
            similar::ChangeTag::Insert => {
                added += 1;
                ("+", t.style("ui.checklist.met"))
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
    let when = ago(s.lang(), s.now_unix().saturating_sub(r.saved));
    let head = if aside {
        tr!(
            s.lang(),
            "重新载入时保留下来的未保存文字（{}，进程 {}）：与文件相比 +{} 行、-{} 行。",
            "Unsaved text set aside when the file was read again ({}, process {}): +{} / -{} lines against the file.",
            when,
            r.pid,
            added,
            removed
        )
    } else {
        tr!(
            s.lang(),
            "上次编辑（{}，进程 {}）有未保存的文字：与文件相比 +{} 行、-{} 行。",
            "Unsaved text from an earlier session ({}, process {}): +{} / -{} lines against the file.",
            when,
            r.pid,
            added,
            removed
        )
    };
    let mut lines = vec![Line::from(head), Line::from("")];
    lines.extend(shown);
    if added + removed > room {
        lines.push(Line::from("…"));
    }
    lines.extend(keys_footer(t, OverlayKind::Recover, s.lang(), width + 4));
    // Room for the border and a wrapped heading.
    let rect = centered(area, w, (lines.len() as u16 + 3).min(area.height));
    let title = s.lang().pick(" 恢复 ", " Recovery ").to_owned();
    draw_box(
        f,
        t,
        rect,
        title,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}

/// A blank line and the keys of an overlay, wrapped to `width` columns so
/// that a narrow terminal shows every key.
pub(super) fn keys_footer(
    t: &Theme,
    kind: OverlayKind,
    lang: Lang,
    width: usize,
) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let style = t.style("ui.help.key");
    // Wrapped between keys, never inside one.
    let sep = lang.pick("　", "   ");
    let mut rows: Vec<String> = Vec::new();
    for item in footer(kind, lang).split(sep) {
        match rows.last_mut() {
            Some(row) if row.width() + sep.width() + item.width() <= width => {
                row.push_str(sep);
                row.push_str(item);
            }
            _ => rows.extend(wrap_to_width(item, width)),
        }
    }
    std::iter::once(Line::from(""))
        .chain(rows.into_iter().map(move |row| Line::styled(row, style)))
        .collect()
}

/// A one-line prompt in place of the status bar: the label, what was typed
/// (its end kept in view when it is longer than the line), the terminal
/// cursor after it — where an input method puts its candidates — and the
/// keys when there is room.
fn draw_prompt(
    f: &mut Frame,
    t: &Theme,
    status: Rect,
    label: &str,
    line: &str,
    hint: &str,
    back: usize,
) -> Option<Position> {
    use unicode_width::UnicodeWidthStr;
    let width = status.width as usize;
    let shown = sanitize_for_display(line);
    // The cursor sits `back` characters before the end of what was typed.
    let after: String = {
        let chars: Vec<char> = shown.chars().collect();
        chars[chars.len() - back.min(chars.len())..]
            .iter()
            .collect()
    };
    let mut text = format!("{label}{shown}");
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
    let cursor_x = status.x
        + text
            .width()
            .saturating_sub(after.width())
            .min(width.saturating_sub(1)) as u16;
    let room = width.saturating_sub(text.width() + 1);
    if room > 4 {
        text.push(' ');
        text.push_str(&truncate_to_width(hint, room));
    }
    // The status bar under it is cleared first: a prompt shorter than the
    // bar must not leave the bar's old text after it.
    f.render_widget(Clear, status);
    f.render_widget(
        Paragraph::new(text).style(t.style("ui.status.modified")),
        status,
    );
    Some(Position::new(cursor_x, status.y))
}

/// The search prompt's hint: how many matches the words find (or why
/// they cannot be searched for), the regular-expression switch, the keys.
fn find_hint(s: &State, enter: &str) -> String {
    let lang = s.lang();
    let count = match s.find_preview() {
        None => String::new(),
        Some(Ok(c)) if c.more => tr!(lang, "{}+ 处 · ", "{}+ matches · ", c.n),
        Some(Ok(c)) => tr!(lang, "{} 处 · ", "{} matches · ", c.n),
        Some(Err(why)) => format!("{} · ", sanitize_for_display(why)),
    };
    let regex = if s.find_regex() {
        lang.pick("Alt-R 按原文", "Alt-R: as typed")
    } else {
        lang.pick("Alt-R 正则", "Alt-R: regex")
    };
    match lang {
        Lang::Zh => format!("（{count}{enter} · {regex} · Esc 取消）"),
        Lang::En => format!(" ({count}{enter} · {regex} · Esc cancels)"),
    }
}

/// A question in a box.
fn draw_confirm(f: &mut Frame, t: &Theme, area: Rect, text: &str) {
    let rect = centered(area, 64, 6);
    let text = Paragraph::new(text.to_owned()).wrap(Wrap { trim: true });
    draw_box(f, t, rect, String::new(), text);
}
