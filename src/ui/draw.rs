//! Drawing the workbench: a pure function of the state onto a frame. Text
//! from a file is shown with visible symbols for control, bidi and
//! zero-width characters (`sanitize_for_display`), and the whole drawn
//! buffer passes one more sanitising step at the end ([`sanitize_buffer`]),
//! so that none of them reaches the terminal, whatever widget drew it. (The
//! editor widget drops C0 controls it is given rather than showing them.)

use super::overlays::{draw_comments, draw_confirm, draw_help, draw_prompt, draw_recover};
use crate::app::keymap::{Action, Pane};
use crate::app::state::{App, Focus, Overlay, Row, View};
use crate::core::check::Status;
use crate::core::lang::Lang;
use crate::core::text::{sanitize_for_display, truncate_chars};
use crate::tr;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// The smallest terminal the workbench draws in.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height.
pub const MIN_HEIGHT: u16 = 15;

/// Draws the whole workbench.
pub fn draw(f: &mut Frame, app: &mut App) {
    let area = f.area();
    let base = app.theme.style("ui");
    f.buffer_mut().set_style(area, base);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = tr!(
            app.lang,
            "终端太小（{}×{}），至少需要 {}×{}",
            "terminal too small ({}×{}); at least {}×{} needed",
            area.width,
            area.height,
            MIN_WIDTH,
            MIN_HEIGHT
        );
        f.render_widget(
            Paragraph::new(msg)
                .style(app.theme.style("ui.message.error"))
                .wrap(Wrap { trim: true }),
            area,
        );
        finish_buffer(f.buffer_mut());
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    // Side by side when wide enough; stacked (checklist above) when narrow.
    let (list_area, editor_area) = if main.width >= 100 {
        let [a, b] = Layout::horizontal([Constraint::Length(42), Constraint::Min(20)]).areas(main);
        (a, b)
    } else {
        let [a, b] = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Percentage(45), Constraint::Min(5)])
            .areas(main);
        (a, b)
    };
    match app.view {
        View::Workbench => {
            draw_checklist(f, app, list_area);
            draw_editor(f, app, editor_area);
        }
        View::Diff => super::diff::draw_diff(f, app, main),
        View::Figures => super::figures::draw_figures(f, app, main),
    }
    draw_status(f, app, status);
    match app.overlay {
        Overlay::Help(scroll) => draw_help(f, app, area, scroll),
        Overlay::ConfirmQuit => draw_confirm(
            f,
            app,
            area,
            app.lang.pick(
                "有未保存的修改。不保存就退出吗？(y/N)",
                "Unsaved changes. Quit without saving? (y/N)",
            ),
        ),
        Overlay::ConfirmOverwrite => draw_confirm(
            f,
            app,
            area,
            app.lang.pick(
                "文件在磁盘上已被别人修改。y 覆盖，r 重新载入（未保存的文字存入恢复文件），a 另存为，其他键取消",
                "The file was changed on disk by someone else. y overwrites it, r reloads it (your unsaved text goes to the recovery file), a saves it under another name, any other key cancels",
            ),
        ),
        Overlay::SaveAs(ref name) => draw_prompt(
            f,
            app,
            status,
            app.lang.pick("另存为：", "Save as: "),
            name,
            app.lang.pick("（回车保存，Esc 取消）", " (Enter to save, Esc to cancel)"),
        ),
        Overlay::Search(ref q) => draw_prompt(
            f,
            app,
            status,
            app.lang.pick("查找：", "Search: "),
            q,
            app.lang.pick("（回车查找，Esc 取消）", " (Enter to search, Esc to cancel)"),
        ),
        Overlay::Recover(ref r) => draw_recover(f, app, area, r),
        Overlay::Input(ref p, ref line) => {
            // A failed write shows its error where the keys would be.
            let hint = match &app.message {
                Some((m, true)) => tr!(
                    app.lang,
                    "（未保存：回车重试，Esc 放弃。{}）",
                    " (not saved: Enter tries again, Esc gives up. {})",
                    m
                ),
                _ => app
                    .lang
                    .pick("（回车保存，Esc 取消）", " (Enter saves, Esc cancels)")
                    .to_owned(),
            };
            draw_prompt(f, app, status, &p.label(app), line, &hint)
        }
        Overlay::Verdict(ref item) => {
            let text = tr!(
                app.lang,
                "审核“{}”：m 符合　x 不符合　a 不适用　u 撤回审核意见　其他键取消",
                "Sign off \"{}\": m met   x not met   a not applicable   u withdraw   any other key cancels",
                sanitize_for_display(&app.item_title(item))
            );
            draw_confirm(f, app, area, &text)
        }
        Overlay::Comments(sel) => draw_comments(f, app, area, sel),
        Overlay::DeleteComment(ref id, _) => {
            let body = app
                .review
                .comments
                .iter()
                .find(|c| &c.id == id)
                .map(|c| truncate_to_width(&sanitize_for_display(&c.body), 30))
                .unwrap_or_default();
            let text = tr!(
                app.lang,
                "删除批注“{}”？（y 删除，其他键返回）",
                "Delete the comment \"{}\"? (y deletes, any other key goes back)",
                body
            );
            draw_confirm(f, app, area, &text)
        }
        Overlay::Locked(ref h) => {
            let text = tr!(
                app.lang,
                "{}@{}（进程 {}）正在用 reportbench 编辑这个文件。o 只读打开　e 仍然编辑　q 退出",
                "{}@{} (process {}) is editing this file in reportbench. o opens it read-only, e edits anyway, q quits",
                sanitize_for_display(&h.user),
                sanitize_for_display(&h.host),
                h.pid
            );
            draw_confirm(f, app, area, &text)
        }
        Overlay::None => {}
    }
    finish_buffer(f.buffer_mut());
}

/// A bordered block with a title, its border showing focus.
pub(crate) fn block<'a>(app: &App, title: String, focused: bool) -> Block<'a> {
    let border = if focused {
        app.theme.style("ui.border.focused")
    } else {
        app.theme.style("ui.border")
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(title, app.theme.style("ui.title")))
}

fn status_style(app: &App, s: Option<Status>) -> Style {
    app.theme.style(match s {
        Some(Status::Met) => "ui.checklist.met",
        Some(Status::Partial) => "ui.checklist.partial",
        Some(Status::Missing) => "ui.checklist.missing",
        Some(Status::Na) => "ui.checklist.na",
        None => "ui.lint.warning",
    })
}

fn draw_checklist(f: &mut Frame, app: &mut App, area: Rect) {
    let (met, total) = app.gauge();
    let mut title = tr!(
        app.lang,
        " 清单 {met}/{total} 必备 ",
        " Checklist {met}/{total} required "
    );
    if app.stale {
        title.push_str(app.lang.pick("（检查中…） ", "(checking…) "));
    }
    let rows = app.rows();
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = rows
        .iter()
        .map(|r| {
            let st = app.row_status(r);
            let (glyph, name) = match r {
                Row::Item(i) => {
                    let it = &app.report.items[*i];
                    let mut name = it.title.clone();
                    // The reviewer's verdict first, where a narrow pane still shows it.
                    if let Some(s) = app.signoff(&it.id) {
                        name = format!("{}{name}", verdict_short(s.verdict, app.lang));
                    }
                    (it.status.glyph(), name)
                }
                Row::Metric(m) => {
                    let mr = &app.report.metrics[*m];
                    (mr.status.glyph(), mr.label.clone())
                }
                Row::Lint(l) => {
                    let li = &app.report.lints[*l];
                    (
                        "!",
                        format!("{}:{} {}", li.position.line, li.rule, li.message),
                    )
                }
            };
            let style = match r {
                Row::Lint(l) => app.theme.style(match app.report.lints[*l].severity {
                    crate::core::spec::Severity::Error => "ui.lint.error",
                    crate::core::spec::Severity::Warning => "ui.lint.warning",
                    crate::core::spec::Severity::Info => "ui.lint.info",
                }),
                _ => status_style(app, st),
            };
            let text =
                truncate_chars(&sanitize_for_display(&name), width.saturating_sub(2)).into_owned();
            ListItem::new(Line::from(vec![
                Span::styled(format!("{glyph} "), style),
                Span::raw(text),
            ]))
        })
        .collect();
    let focused = app.focus == Focus::Checklist;
    // The selected row's message under the list.
    let detail = sanitize_for_display(&selected_message(app)).into_owned();
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(area);
    let list = List::new(items)
        .block(block(app, title, focused))
        .highlight_style(app.theme.style("ui.checklist.selected"));
    let mut state = ListState::default().with_selected(Some(app.selected));
    f.render_stateful_widget(list, list_area, &mut state);
    app.areas.rows = Rect::new(
        list_area.x + 1,
        list_area.y + 1,
        list_area.width.saturating_sub(2),
        list_area.height.saturating_sub(2),
    );
    app.areas.first_row = state.offset();
    // Wrapped here by display width (CJK counts double), not by the widget.
    let inner = detail_area.width.saturating_sub(2) as usize;
    let detail: Vec<Line> = wrap_to_width(&detail, inner)
        .into_iter()
        .map(Line::from)
        .collect();
    f.render_widget(
        Paragraph::new(detail).block(
            Block::default()
                .borders(Borders::LEFT | Borders::RIGHT | Borders::BOTTOM)
                .border_style(app.theme.style("ui.border")),
        ),
        detail_area,
    );
}

/// The start of `s` that fits in `width` terminal columns, with `…` when cut.
pub fn truncate_to_width(s: &str, width: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Splits `s` into rows of at most `width` terminal columns (see
/// [`super::views::wrap_styled`]: no row starts with closing punctuation).
pub fn wrap_to_width(s: &str, width: usize) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    // One wrapping everywhere: closing punctuation stays off row starts.
    super::views::wrap_styled(&[(s.to_owned(), Style::default())], width)
        .into_iter()
        .map(|l| l.spans.into_iter().map(|s| s.content).collect())
        .collect()
}

/// A sign-off verdict in a word or two.
fn verdict_short(v: crate::core::review::Verdict, lang: Lang) -> &'static str {
    use crate::core::review::Verdict;
    match v {
        Verdict::Met => lang.pick("〔审：符合〕", "[met] "),
        Verdict::NotMet => lang.pick("〔审：不符合〕", "[not met] "),
        Verdict::Na => lang.pick("〔审：不适用〕", "[n/a] "),
    }
}

fn selected_message(app: &App) -> String {
    match app.rows().get(app.selected) {
        Some(Row::Item(i)) => {
            let it = &app.report.items[*i];
            match app.signoff(&it.id) {
                // An n/a item's message already gives the reviewer's reason.
                Some(s) if s.verdict == crate::core::review::Verdict::Na => it.message.clone(),
                // The reviewer's word first: it is what the writer must act on.
                Some(s) => tr!(
                    app.lang,
                    "{}（{}，{}）{}　｜ {}",
                    "{} ({}, {}) {} | {}",
                    s.verdict.name(app.lang),
                    s.author,
                    s.at.get(..10).unwrap_or(&s.at),
                    s.reason,
                    it.message
                ),
                None => it.message.clone(),
            }
        }
        Some(Row::Metric(m)) => app.report.metrics[*m].message.clone(),
        Some(Row::Lint(l)) => app.report.lints[*l].message.clone(),
        None => String::new(),
    }
}

fn draw_editor(f: &mut Frame, app: &mut App, area: Rect) {
    let name = app
        .path
        .file_name()
        .map(|n| sanitize_for_display(&n.to_string_lossy()).into_owned())
        .unwrap_or_default();
    let mark = if app.modified { " ●" } else { "" };
    let focused = app.focus == Focus::Editor;
    let b = block(app, format!(" {name}{mark} "), focused);
    // Highlight the selected row's evidence and every lint span.
    app.editor.clear_custom_highlight();
    let evidence_style = app.theme.style("ui.editor.evidence");
    let lint_style = app.theme.style("ui.editor.lint");
    // The widget's highlight positions are (row, byte offset in the row);
    // a position that is not a character boundary of the editor's current
    // line (a checklist older than the text) is not drawn at all.
    let to_rc = |app: &App, byte: usize| -> Option<(usize, usize)> {
        let line = app.doc.index().line_of(byte);
        let col = byte.checked_sub(app.doc.index().line_start(line))?;
        let text = app.editor.lines().get(line)?;
        text.is_char_boundary(col).then_some((line, col))
    };
    let lint_ranges: Vec<(usize, usize)> = app
        .report
        .lints
        .iter()
        .map(|l| (l.range.start, l.range.end))
        .collect();
    for (s, e) in lint_ranges.into_iter().filter(|_| !app.stale) {
        if let (Some(a), Some(b2)) = (to_rc(app, s), to_rc(app, e)) {
            app.editor.custom_highlight((a, b2), lint_style, 1);
        }
    }
    // Commented text (open comments).
    if !app.stale {
        let comment_style = app.theme.style("ui.editor.comment");
        let anchored: Vec<(usize, usize)> = app
            .anchors()
            .iter()
            .zip(&app.review.comments)
            .filter(|(_, c)| c.status == crate::core::review::CommentStatus::Open)
            .filter_map(|(a, _)| a.map(|a| (a.start, a.end)))
            .collect();
        for (s, e) in anchored {
            if let (Some(a), Some(b2)) = (to_rc(app, s), to_rc(app, e)) {
                app.editor.custom_highlight((a, b2), comment_style, 0);
            }
        }
    }
    if let Some(Row::Item(i)) = app.rows().get(app.selected).cloned() {
        let ranges: Vec<(usize, usize)> = app.report.items[i]
            .evidence
            .iter()
            .map(|ev| (ev.range.start, ev.range.end))
            .collect();
        for (s, e) in ranges.into_iter().filter(|_| !app.stale) {
            if let (Some(a), Some(b2)) = (to_rc(app, s), to_rc(app, e)) {
                app.editor.custom_highlight((a, b2), evidence_style, 2);
            }
        }
    }
    app.editor.set_block(b);
    f.render_widget(&app.editor, area);
    app.areas.editor = area;
    if focused && app.overlay == Overlay::None {
        // The real cursor where the writer types, so that an input method's
        // candidate window appears there.
        if let Some(pos) = app.editor.rendered_cursor_position() {
            f.set_cursor_position(pos);
        }
    }
}

fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let (row, col) = app.editor.cursor();
    let year = app
        .doc
        .year()
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let name = sanitize_for_display(&app.path.display().to_string()).into_owned();
    let left = format!(
        " {}{} · {} · {} · {}:{} ",
        truncate_chars(&name, 30),
        match (app.modified, app.changed_on_disk) {
            _ if app.review_mode => app.lang.pick(" 审阅（只读）", " review (read-only)"),
            _ if app.read_only => app.lang.pick(" 只读", " read-only"),
            (_, true) => app.lang.pick(" ● 磁盘上已变", " ● changed on disk"),
            (true, false) => " ●",
            (false, false) => "",
        },
        app.encoding.name(),
        tr!(app.lang, "{year}年度", "year {year}"),
        row + 1,
        col + 1
    );
    let mut left = left;
    let open = app.open_comments();
    if open > 0 {
        left.push_str(&tr!(app.lang, "· 批注 {open} ", "· {open} comments "));
    }
    let hints = hint_line(app);
    let (text, style) = match &app.message {
        // A message comes first, so that a narrow terminal still shows it.
        Some((m, true)) => (
            format!(" {m}  │{left}"),
            app.theme.style("ui.message.error"),
        ),
        Some((m, false)) => (format!(" {m}  │{left}"), app.theme.style("ui.status")),
        None => (
            format!("{left}  {hints}"),
            app.theme.style(if app.modified {
                "ui.status.modified"
            } else {
                "ui.status"
            }),
        ),
    };
    f.render_widget(Paragraph::new(text).style(style), area);
}

/// The keys that matter in the focused pane, from the keymap itself.
fn hint_line(app: &App) -> String {
    let pane = app.pane();
    let actions = match pane {
        Pane::Diff => vec![
            Action::DiffView,
            Action::NextChange,
            Action::ToggleChanges,
            Action::Jump,
            Action::Comment,
            Action::Help,
        ],
        Pane::Figures => vec![
            Action::FiguresView,
            Action::SortFigures,
            Action::FilterMetric,
            Action::SwitchFocus,
            Action::Jump,
            Action::Help,
        ],
        Pane::Checklist => vec![
            Action::Save,
            Action::Quit,
            Action::Help,
            Action::SwitchFocus,
            Action::Jump,
            Action::SignOff,
            Action::NextProblem,
        ],
        _ => vec![
            Action::Save,
            Action::Quit,
            Action::Help,
            Action::SwitchFocus,
            Action::Comment,
            Action::NextProblem,
        ],
    };
    actions
        .into_iter()
        .filter_map(|a| {
            let keys = app.keymap.keys_for(pane, a);
            let k = keys.first()?;
            Some(format!("{k} {}", short(a, app)))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

fn short(a: Action, app: &App) -> &'static str {
    let l = app.lang;
    match a {
        Action::Save => l.pick("保存", "save"),
        Action::Quit => l.pick("退出", "quit"),
        Action::Help => l.pick("帮助", "help"),
        Action::SwitchFocus => l.pick("切换", "focus"),
        Action::Jump => l.pick("跳转", "jump"),
        Action::NextProblem => l.pick("下一问题", "next problem"),
        Action::DiffView | Action::FiguresView => l.pick("返回", "back"),
        Action::NextChange => l.pick("下一处变化", "next change"),
        Action::ToggleChanges => l.pick("只看变化", "only changes"),
        Action::SortFigures => l.pick("排序", "sort"),
        Action::FilterMetric => l.pick("筛选指标", "metric"),
        Action::Comment => l.pick("批注", "comment"),
        Action::SignOff => l.pick("审核", "sign off"),
        _ => "",
    }
}

/// The text of a drawn buffer, one string per row, trailing blanks removed
/// (a wide character's second cell is not repeated). For tests and examples.
pub fn buffer_lines(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut x = area.left();
            while x < area.right() {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// The last step of every frame: control characters made visible
/// ([`sanitize_buffer`]) and the cells after wide characters guarded
/// ([`guard_wide_edges`]).
pub fn finish_buffer(buf: &mut Buffer) {
    sanitize_buffer(buf);
    guard_wide_edges(buf);
}

/// Marks every narrow or blank cell that follows a wide character (CJK) to
/// be written at each frame. When one half of a wide character is
/// overwritten, terminals (tmux, xterm …) clear its other half to their
/// default colours; ratatui's diff does not model that, so when a wide
/// character of this frame starts one column before one of the last frame
/// (text shifted by a narrow character after scrolling), the cell after it
/// kept the terminal's default background — a black box in the light theme.
/// One cell per wide-to-narrow boundary is written again.
pub fn guard_wide_edges(buf: &mut Buffer) {
    use ratatui::buffer::CellDiffOption;
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let w = buf[(x, y)].symbol().width().max(1) as u16;
            let after = x.saturating_add(w);
            if w >= 2 && after < area.right() && buf[(after, y)].symbol().width() <= 1 {
                buf[(after, y)].set_diff_option(CellDiffOption::AlwaysUpdate);
            }
            x = after;
        }
    }
}

/// Replaces every character that must not reach a terminal (controls, bidi
/// overrides and isolates, zero-width characters, line separators) in the
/// drawn buffer with a visible symbol.
pub fn sanitize_buffer(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y))
                && let std::borrow::Cow::Owned(clean) = sanitize_for_display(cell.symbol())
            {
                cell.set_symbol(&clean);
            }
        }
    }
}
