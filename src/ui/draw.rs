//! Drawing the workbench: a pure function of the state (and the theme) onto
//! a frame — nothing here changes the state, reads a file or the clock.
//! Where things go comes from `app::layout`, the same geometry the state
//! keeps its scroll positions by. Text from a file is shown with visible
//! symbols for control, bidi and zero-width characters, and the whole drawn
//! buffer passes one more sanitising step at the end
//! ([`super::finish::sanitize_buffer`]), so that none of them reaches the
//! terminal, whatever widget drew it.

use super::border::PaneBorder;
use super::finish::finish_buffer;
use super::overlays::draw_overlay;
use super::theme::Theme;
use super::views::wrap_to_width;
use crate::app::keymap::{Action, Pane};
use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH, Panes};
use crate::app::state::{Focus, Overlay, Row, State, View};
use crate::core::check::Status;
use crate::core::lang::Lang;
use crate::core::review::{CommentStatus, Verdict};
use crate::core::spec::Severity;
use crate::core::text::{sanitize_for_display, truncate_chars};
use crate::tr;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use tui_textarea::{Highlight, Look};
use unicode_width::UnicodeWidthStr;

/// Draws the whole workbench, the terminal's cursor placed where it shows.
pub fn draw(f: &mut Frame, s: &State, t: &Theme) {
    if let Some(at) = draw_frame(f, s, t) {
        f.set_cursor_position(at);
    }
}

/// Draws the whole workbench and returns where the terminal's cursor goes
/// (`None`: hidden), for a terminal loop that sends its frames itself
/// (`tui::present`): ratatui's frame keeps the cursor to itself.
pub fn draw_frame(f: &mut Frame, s: &State, t: &Theme) -> Option<Position> {
    let area = f.area();
    // The whole screen in the base style: every cell, in order (ratatui's
    // `set_style` looks each one up by its position).
    let base = t.style("ui");
    for cell in &mut f.buffer_mut().content {
        cell.set_style(base);
    }
    let Some(panes) = layout::panes(area, s.zoom()) else {
        let msg = tr!(
            s.lang(),
            "终端太小（{}×{}），至少需要 {}×{}",
            "terminal too small ({}×{}); at least {}×{} needed",
            area.width,
            area.height,
            MIN_WIDTH,
            MIN_HEIGHT
        );
        f.render_widget(
            Paragraph::new(msg)
                .style(t.style("ui.message.error"))
                .wrap(Wrap { trim: true }),
            area,
        );
        finish_buffer(f.buffer_mut());
        return None;
    };
    let mut cursor = None;
    match s.view() {
        View::Workbench => {
            draw_checklist(f, s, t, &panes);
            cursor = draw_editor(f, s, t, panes.editor);
        }
        View::Diff => super::diff::draw_diff(f, s, t),
        View::Figures => super::figures::draw_figures(f, s, t),
    }
    draw_status(f, s, t, panes.status);
    // A prompt's cursor, where there is one (the editor's is then hidden).
    let prompt = draw_overlay(f, s, t, area, panes.status);
    finish_buffer(f.buffer_mut());
    prompt.or(cursor)
}

/// How a pane's border looks: its style, its kind and its title's style.
/// The focused pane has a heavy border and its title in reverse video, so
/// that focus shows without colour too (the monochrome theme, `NO_COLOR`).
fn border_look(t: &Theme, focused: bool) -> (Style, BorderType, Style) {
    if focused {
        (
            t.style("ui.border.focused"),
            BorderType::Thick,
            t.style("ui.title").add_modifier(Modifier::REVERSED),
        )
    } else {
        (t.style("ui.border"), BorderType::Plain, t.style("ui.title"))
    }
}

/// A bordered block with a title, its border showing focus.
pub(crate) fn block<'a>(t: &Theme, title: String, focused: bool) -> Block<'a> {
    let (border, kind, title_style) = border_look(t, focused);
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(border)
        .title(Span::styled(title, title_style))
}

/// The same border as [`block`]'s, drawn straight into the buffer (the
/// panes drawn at every key: the checklist and the editor).
fn pane_border(t: &Theme, title: String, focused: bool) -> PaneBorder<'static> {
    let (style, kind, title_style) = border_look(t, focused);
    PaneBorder {
        kind,
        style,
        title: Line::from(Span::styled(title, title_style)),
    }
}

fn status_style(t: &Theme, st: Option<Status>) -> Style {
    t.style(match st {
        Some(Status::Met) => "ui.checklist.met",
        Some(Status::Partial) => "ui.checklist.partial",
        Some(Status::Missing) => "ui.checklist.missing",
        Some(Status::Na) => "ui.checklist.na",
        None => "ui.lint.warning",
    })
}

fn draw_checklist(f: &mut Frame, s: &State, t: &Theme, panes: &Panes) {
    let lang = s.lang();
    let report = s.report();
    let (met, total) = s.gauge();
    // Before a huge draft's first check nothing is known: no counts, no
    // verdicts (an empty document's ✗ would be false).
    let pending = s.is_pending();
    let mut title = if pending {
        lang.pick(" 清单 ", " Checklist ").to_owned()
    } else {
        tr!(
            lang,
            " 清单 {met}/{total} 必备 ",
            " Checklist {met}/{total} required "
        )
    };
    if s.checks_after_pause() {
        title.push_str(lang.pick("（检查中…） ", "(checking…) "));
    } else {
        // How many problems, and where F8 goes: visible even when the pane
        // shows four rows (80×24).
        let (n, next) = s.problem_summary();
        if n > 0 {
            title.push_str(&match next {
                Some(line) => tr!(
                    lang,
                    "· 问题 {n}，下一处第{line}行 ",
                    "· {n} problems (F8: line {line}) "
                ),
                None => tr!(lang, "· 问题 {n} ", "· {n} problems "),
            });
        }
    }
    let rows = s.rows();
    let width = panes.list.width.saturating_sub(4) as usize;
    // Only the rows on screen are built (a long draft has thousands of
    // problems; a frame draws a few dozen).
    let top = s.list_top().min(rows.len());
    let shown = usize::from(panes.list.height.saturating_sub(2));
    let items: Vec<Line> = rows[top..(top + shown).min(rows.len())]
        .iter()
        .map(|r| {
            let (glyph, name) = match r {
                Row::Item(i) => {
                    let it = &report.items[*i];
                    let mut name = it.title.clone();
                    // The reviewer's verdict first, where a narrow pane still shows it.
                    if let Some(so) = s.signoff(&it.id) {
                        name = format!("{}{name}", verdict_short(so.verdict, lang));
                    }
                    (if pending { "…" } else { it.status.glyph() }, name)
                }
                Row::Metric(m) => {
                    let mr = &report.metrics[*m];
                    let glyph = if pending { "…" } else { mr.status.glyph() };
                    (glyph, mr.label.clone())
                }
                Row::Lint(l) => {
                    let li = &report.lints[*l];
                    (
                        "!",
                        format!(
                            "{}:{} {}",
                            li.position.line,
                            crate::core::spec::lint_rule_name(li.rule, lang),
                            li.message
                        ),
                    )
                }
            };
            let style = match r {
                Row::Lint(l) => t.style(match report.lints[*l].severity {
                    Severity::Error => "ui.lint.error",
                    Severity::Warning => "ui.lint.warning",
                    Severity::Info => "ui.lint.info",
                }),
                _ if pending => t.style("ui.checklist.na"),
                _ => status_style(t, s.row_status(r)),
            };
            let text =
                truncate_chars(&sanitize_for_display(&name), width.saturating_sub(2)).into_owned();
            Line::from(vec![
                Span::styled(format!("{glyph} "), style),
                Span::raw(text),
            ])
        })
        .collect();
    let focused = s.focus() == Focus::Checklist;
    pane_border(t, title, focused).draw(panes.list, f.buffer_mut());
    let inner = PaneBorder::inner(panes.list);
    // The rows on screen, written as a paragraph writes them (a row per
    // line, cut at the pane's edge), the selected one highlighted. The
    // rows built start at the scroll the state keeps (the same rows the
    // mouse maps).
    let built = items.len();
    let buf = f.buffer_mut();
    tui_textarea::render_rows(&Text::from(items), Style::default(), inner, buf);
    if let Some(i) = s.selected().checked_sub(top).filter(|&i| i < built) {
        let row = Rect {
            y: inner.y.saturating_add(i as u16),
            height: 1,
            ..inner
        };
        buf.set_style(row.intersection(inner), t.style("ui.checklist.selected"));
    }
    // The selected row's message, wrapped by display width (CJK counts double).
    let detail = sanitize_for_display(&selected_message(s)).into_owned();
    let inner = panes.detail.width.saturating_sub(2) as usize;
    let detail: Vec<Line> = wrap_to_width(&detail, inner)
        .into_iter()
        .map(Line::from)
        .collect();
    f.render_widget(
        Paragraph::new(detail).block(
            Block::default()
                .borders(Borders::LEFT | Borders::RIGHT | Borders::BOTTOM)
                .border_style(t.style("ui.border")),
        ),
        panes.detail,
    );
}

/// A sign-off verdict in a word or two.
fn verdict_short(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Met => lang.pick("〔审：符合〕", "[met] "),
        Verdict::NotMet => lang.pick("〔审：不符合〕", "[not met] "),
        Verdict::Na => lang.pick("〔审：不适用〕", "[n/a] "),
    }
}

fn selected_message(s: &State) -> String {
    if s.is_pending() {
        return s
            .lang()
            .pick("正在检查全文……", "checking the whole text…")
            .to_owned();
    }
    let report = s.report();
    match s.rows().get(s.selected()) {
        Some(Row::Item(i)) => {
            let it = &report.items[*i];
            match s.signoff(&it.id) {
                // An n/a item's message already gives the reviewer's reason.
                Some(so) if so.verdict == Verdict::Na => it.message.clone(),
                // The reviewer's word first: it is what the writer must act on.
                Some(so) => tr!(
                    s.lang(),
                    "{}（{}，{}）{}　｜ {}",
                    "{} ({}, {}) {} | {}",
                    so.verdict.name(s.lang()),
                    so.author,
                    so.at.get(..10).unwrap_or(&so.at),
                    so.reason,
                    it.message
                ),
                None => it.message.clone(),
            }
        }
        Some(Row::Metric(m)) => report.metrics[*m].message.clone(),
        Some(Row::Lint(l)) => report.lints[*l].message.clone(),
        None => String::new(),
    }
}

/// The highlights of the editor that may be on screen (`height` rows
/// either side of the cursor's line): lint spans, open comments and
/// suggestions, the selected row's evidence — as (row, byte offset)
/// positions in the editor's current lines. While a re-check is on its
/// way, those of lines edited since are left out (see [`State::placer`]);
/// the others are drawn where their lines are now. (A long draft has tens
/// of thousands of lint spans; the editor looks through the highlights
/// for every row it draws.)
fn editor_highlights(s: &State, t: &Theme, height: usize) -> Vec<Highlight> {
    let placer = s.placer();
    let row = s.editor().cursor().0;
    let near = placer.bytes_of_rows(row.saturating_sub(height)..row + height + 1);
    let mut out = Vec::new();
    let mut add = |a: usize, b: usize, style: Style, priority: u8| {
        if b < near.start || a > near.end {
            return;
        }
        if let (Some(start), Some(end)) = (placer.place(a), placer.place(b)) {
            out.push(Highlight {
                start,
                end,
                style,
                priority,
            });
        }
    };
    let lint = t.style("ui.editor.lint");
    for l in &s.report().lints {
        add(l.range.start, l.range.end, lint, 1);
    }
    let comment = t.style("ui.editor.comment");
    for (a, c) in s.anchors().iter().zip(&s.review().comments) {
        if let Some(a) = a.filter(|_| c.status == CommentStatus::Open) {
            add(a.start, a.end, comment, 0);
        }
    }
    // An open suggestion's text, struck through: the redline's deletion
    // (its wording is on the status bar when the cursor is in it, and in
    // the list, F6). A Word document's tracked change stands accepted in
    // the text read: its wording is shown as an insertion.
    let suggestion = t.style("ui.editor.suggestion");
    let inserted = t.style("ui.diff.insert");
    for (p, sg) in s.suggestion_places().iter().zip(s.suggestions()) {
        if let (
            crate::core::suggestion::Place::Current(a)
            | crate::core::suggestion::Place::Outdated(a),
            true,
        ) = (
            p,
            sg.status == crate::core::suggestion::SuggestionStatus::Open,
        ) {
            let style = if sg.is_from_file() {
                inserted
            } else {
                suggestion
            };
            add(a.start, a.end, style, 1);
        }
    }
    if let Some(Row::Item(i)) = s.rows().get(s.selected()) {
        let evidence = t.style("ui.editor.evidence");
        for ev in &s.report().items[*i].evidence {
            add(ev.range.start, ev.range.end, evidence, 2);
        }
    }
    out
}

/// The editor pane; returns where the terminal's cursor goes (`None`
/// unless the editor has the focus and no overlay is shown).
fn draw_editor(f: &mut Frame, s: &State, t: &Theme, area: Rect) -> Option<Position> {
    let name = s
        .path()
        .file_name()
        .map(|n| sanitize_for_display(&n.to_string_lossy()).into_owned())
        .unwrap_or_default();
    let mark = if s.is_modified() { " ●" } else { "" };
    let focused = s.focus() == Focus::Editor;
    let highlights = editor_highlights(s, t, area.height as usize);
    let look = Look {
        // The border is drawn here (`pane_border`), the text inside it.
        block: None,
        style: t.style("ui.editor"),
        cursor_line_style: t.style("ui.editor.cursor_line"),
        selection_style: t.style("ui.editor.selection"),
        search_style: t.style("ui.editor.search"),
        // Only the focused editor shows where typing goes (#15 item 4):
        // a cursor block in the other pane would say the keys go there.
        hide_cursor: !focused,
        highlights: &highlights,
    };
    pane_border(t, format!(" {name}{mark} "), focused).draw(area, f.buffer_mut());
    s.editor()
        .render_with(PaneBorder::inner(area), f.buffer_mut(), &look);
    super::redline::draw_redline_strip(f, s, t, area);
    // The real cursor where the writer types, so that an input method's
    // candidate window appears there.
    (focused && *s.overlay() == Overlay::None)
        .then(|| s.editor().rendered_cursor_position())
        .flatten()
}

fn draw_status(f: &mut Frame, s: &State, t: &Theme, area: Rect) {
    let lang = s.lang();
    let (row, col) = s.editor().cursor();
    let year = s
        .doc()
        .year()
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let name = sanitize_for_display(&s.path().display().to_string()).into_owned();
    let kind = format!(
        "{}{}",
        s.source().describe(lang),
        lang.pick("只读", ", read-only")
    );
    let mut left = format!(
        " {}{} · {} · {} · {}:{} ",
        truncate_chars(&name, 30),
        match (s.is_modified(), s.changed_on_disk()) {
            _ if s.review_mode() => lang.pick(" 审阅（只读）", " review (read-only)"),
            _ if !s.source().is_editable() => &kind,
            _ if s.is_read_only() => lang.pick(" 只读", " read-only"),
            (_, true) => lang.pick(" ● 磁盘上已变", " ● changed on disk"),
            (true, false) => " ●",
            (false, false) => "",
        },
        if s.source().is_editable() {
            s.encoding().name()
        } else {
            s.source().name()
        },
        tr!(lang, "{year}年度", "year {year}"),
        row + 1,
        col + 1
    );
    let open = s.open_comments();
    if open > 0 {
        left.push_str(&tr!(lang, "· 批注 {open} ", "· {open} comments "));
    }
    let proposed = s.open_suggestions();
    if proposed > 0 {
        left.push_str(&tr!(
            lang,
            "· 修改建议 {proposed} ",
            "· {proposed} suggestions "
        ));
    }
    // The wording proposed for the text under the cursor, unless a message
    // is showing.
    let at_cursor = s.suggestion_at_cursor().map(|sg| {
        if sg.is_from_file() {
            tr!(
                lang,
                " {}的修订：原为“{}”（在 WPS/Word 中接受或拒绝）",
                " {}'s tracked change: was \"{}\" (accept or reject in WPS/Word)",
                sanitize_for_display(&sg.author),
                sanitize_for_display(&sg.quote)
            )
        } else {
            tr!(
                lang,
                " {}建议改为“{}”（F6 a 采纳 / x 不采纳）",
                " {} suggests \"{}\" (F6: a accepts, x rejects)",
                sanitize_for_display(&sg.author),
                sanitize_for_display(&sg.replacement)
            )
        }
    });
    let (text, style) = match (s.message(), at_cursor) {
        // A message comes first, so that a narrow terminal still shows it.
        (Some((m, true)), _) => (format!(" {m}  │{left}"), t.style("ui.message.error")),
        (Some((m, false)), _) => (format!(" {m}  │{left}"), t.style("ui.status")),
        (None, Some(w)) => (format!("{w}  │{left}"), t.style("ui.status")),
        (None, None) => (
            {
                let room = (area.width as usize).saturating_sub(left.width() + 2);
                format!("{left}  {}", hint_line(s, room))
            },
            t.style(if s.is_modified() {
                "ui.status.modified"
            } else {
                "ui.status"
            }),
        ),
    };
    f.render_widget(Paragraph::new(text).style(style), area);
}

/// The keys that matter in the focused pane, from the keymap itself, most
/// important first, as many as fit whole in `room` columns (a hint is
/// never cut: "F2" without what it does says nothing).
fn hint_line(s: &State, room: usize) -> String {
    let pane = s.pane();
    let actions: &[Action] = match pane {
        Pane::Diff => &[
            Action::DiffView,
            Action::NextChange,
            Action::ToggleChanges,
            Action::Jump,
            Action::Comment,
            Action::Help,
        ],
        Pane::Figures => &[
            Action::FiguresView,
            Action::SortFigures,
            Action::FilterMetric,
            Action::SwitchFocus,
            Action::Jump,
            Action::Help,
        ],
        // Help first (it lists the rest), then how to leave and keep.
        Pane::Checklist => &[
            Action::Help,
            Action::Quit,
            Action::Save,
            Action::SwitchFocus,
            Action::Jump,
            Action::SignOff,
            Action::NextProblem,
        ],
        _ => &[
            Action::Help,
            Action::Quit,
            Action::Save,
            Action::SwitchFocus,
            Action::Comment,
            Action::NextProblem,
        ],
    };
    let mut line = String::new();
    for &a in actions {
        let keys = s.keymap().keys_for(pane, a);
        let Some(k) = keys.first() else { continue };
        let hint = format!("{k} {}", a.short(s.lang()));
        let sep = if line.is_empty() { "" } else { "  " };
        if line.width() + sep.len() + hint.width() > room {
            break;
        }
        line.push_str(sep);
        line.push_str(&hint);
    }
    line
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
