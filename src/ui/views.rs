//! Drawing the year-over-year diff view and the figures view. Pure
//! functions of the state; text from the files passes through
//! `sanitize_for_display` like everywhere else.

use super::draw::{block, truncate_to_width};
use crate::app::state::{App, FigureFilter, FigureRow};
use crate::core::compare::{FigureChange, ParaChange, ParaStatus, SpanOp};
use crate::core::text::sanitize_for_display;
use crate::io::output::fmt_value;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, List, ListItem, ListState, Paragraph, Row, Table,
    TableState,
};
use unicode_width::UnicodeWidthChar;

/// Terminals at least this wide show the years side by side.
pub const SIDE_BY_SIDE_FROM: u16 = 110;

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

/// Old and new sides of a paragraph change as styled runs.
struct Sides {
    old: Vec<(String, Style)>,
    new: Vec<(String, Style)>,
    /// Old and new interleaved, for the stacked layout.
    inline: Vec<(String, Style)>,
}

fn sides(app: &App, p: &ParaChange) -> Sides {
    let plain = app.theme.style("ui");
    let ins = app.theme.style("ui.diff.insert");
    let del = app.theme.style("ui.diff.delete");
    let rolled = app.theme.style("ui.diff.rolled");
    let old_text = p
        .old
        .and_then(|o| app.previous.as_ref().map(|pr| pr.doc.paragraph_text(o)))
        .unwrap_or("");
    let new_text = p.new.map(|n| app.doc.paragraph_text(n)).unwrap_or("");
    let mut s = Sides {
        old: Vec::new(),
        new: Vec::new(),
        inline: Vec::new(),
    };
    match p.status {
        ParaStatus::Added => {
            s.new.push((new_text.into(), ins));
            s.inline.push((new_text.into(), ins));
        }
        ParaStatus::Removed => {
            s.old.push((old_text.into(), del));
            s.inline.push((old_text.into(), del));
        }
        _ if !p.spans.is_empty() => {
            let rolled_spans = rolled_year_spans(app, p, old_text, new_text);
            for (sp, &is_rolled) in p.spans.iter().zip(&rolled_spans) {
                let (d, i) = if is_rolled {
                    (rolled, rolled)
                } else {
                    (del, ins)
                };
                match sp.op {
                    SpanOp::Equal => {
                        s.old.push((sp.text.clone(), plain));
                        s.new.push((sp.text.clone(), plain));
                        s.inline.push((sp.text.clone(), plain));
                    }
                    SpanOp::Delete => {
                        s.old.push((sp.text.clone(), d));
                        // A rolled year reads as this year's in the redline.
                        if !is_rolled {
                            s.inline.push((sp.text.clone(), d));
                        }
                    }
                    SpanOp::Insert => {
                        s.new.push((sp.text.clone(), i));
                        s.inline.push((sp.text.clone(), i));
                    }
                }
            }
        }
        _ if p.year_rolled => {
            // Years rolled forward are expected: shown dimmed, not marked.
            let d = similar::TextDiff::from_chars(old_text, new_text);
            for c in d.iter_all_changes() {
                let t = c.value().to_owned();
                match c.tag() {
                    similar::ChangeTag::Equal => {
                        s.old.push((t.clone(), plain));
                        s.new.push((t.clone(), plain));
                        s.inline.push((t, plain));
                    }
                    similar::ChangeTag::Delete => s.old.push((t, rolled)),
                    similar::ChangeTag::Insert => {
                        s.new.push((t.clone(), rolled));
                        s.inline.push((t, rolled));
                    }
                }
            }
        }
        _ => {
            s.old.push((old_text.into(), plain));
            s.new.push((new_text.into(), plain));
            s.inline.push((new_text.into(), plain));
        }
    }
    s
}

/// The year `YYYY年` whose digits include `text[a..b]` (only digits).
fn year_around(text: &str, a: usize, b: usize) -> Option<i32> {
    let bytes = text.as_bytes();
    let inner = text.get(a..b)?;
    if inner.is_empty() || !inner.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start = (0..a)
        .rev()
        .take_while(|&i| bytes[i].is_ascii_digit())
        .last()
        .unwrap_or(a);
    let end = (b..bytes.len())
        .take_while(|&i| bytes[i].is_ascii_digit())
        .last()
        .map_or(b, |i| i + 1);
    (end - start == 4 && text[end..].starts_with('年'))
        .then(|| text[start..end].parse().ok())
        .flatten()
}

/// Which inline spans of a changed paragraph are only a year rolled forward
/// (a deleted `3` beside an inserted `4` inside 2023年 → 2024年): those are
/// dimmed, not highlighted as edits.
fn rolled_year_spans(app: &App, p: &ParaChange, old: &str, new: &str) -> Vec<bool> {
    let shift = app.cmp.as_ref().map_or(1, |c| c.year_shift);
    let old_year = app.previous.as_ref().and_then(|pr| pr.doc.year());
    let mut out = vec![false; p.spans.len()];
    // Byte ranges of each span in the old and the new text.
    let mut ranges = Vec::with_capacity(p.spans.len());
    let (mut o, mut n) = (0usize, 0usize);
    for sp in &p.spans {
        let len = sp.text.len();
        ranges.push(match sp.op {
            SpanOp::Equal => {
                o += len;
                n += len;
                (o - len..o, n - len..n)
            }
            SpanOp::Delete => {
                o += len;
                (o - len..o, n..n)
            }
            SpanOp::Insert => {
                n += len;
                (o..o, n - len..n)
            }
        });
    }
    for k in 0..p.spans.len().saturating_sub(1) {
        let (del, ins) = match (p.spans[k].op, p.spans[k + 1].op) {
            (SpanOp::Delete, SpanOp::Insert) => (k, k + 1),
            (SpanOp::Insert, SpanOp::Delete) => (k + 1, k),
            _ => continue,
        };
        let (ro, _) = &ranges[del];
        let (_, rn) = &ranges[ins];
        let (Some(yo), Some(yn)) = (
            year_around(old, ro.start, ro.end),
            year_around(new, rn.start, rn.end),
        ) else {
            continue;
        };
        let near = old_year.is_none_or(|y| (y - 1..=y + 1).contains(&yo));
        if yn - yo == shift && near {
            out[del] = true;
            out[ins] = true;
        }
    }
    out
}

fn glyph(app: &App, p: &ParaChange) -> (char, Style) {
    match p.status {
        ParaStatus::Unchanged => (' ', app.theme.style("ui")),
        ParaStatus::Changed => ('~', app.theme.style("ui.checklist.partial")),
        ParaStatus::Added => ('+', app.theme.style("ui.diff.insert")),
        ParaStatus::Removed => ('-', app.theme.style("ui.diff.delete")),
        ParaStatus::Moved => ('>', app.theme.style("ui.diff.moved")),
    }
}

fn status_word(app: &App, s: ParaStatus) -> &'static str {
    let l = app.lang;
    match s {
        ParaStatus::Unchanged => l.pick("未变", "unchanged"),
        ParaStatus::Changed => l.pick("修改", "changed"),
        ParaStatus::Added => l.pick("新增", "added"),
        ParaStatus::Removed => l.pick("删除", "removed"),
        ParaStatus::Moved => l.pick("移动", "moved"),
    }
}

/// The diff view: a summary header, the paragraphs aligned (side by side
/// when wide, stacked when narrow), the selected change's details.
pub fn draw_diff(f: &mut Frame, app: &mut App, area: Rect) {
    app.comparison();
    let (top, page) = draw_diff_view(f, app, area);
    app.diff.top = top;
    app.diff.page = page;
}

/// Draws the diff view; returns the first entry shown (a position in
/// [`App::diff_entries`]) and how many entries were shown.
fn draw_diff_view(f: &mut Frame, app: &App, area: Rect) -> (usize, usize) {
    let Some(cmp) = app.cmp.as_ref() else {
        return (0, 1);
    };
    let s = cmp.summary;
    let year = |y: Option<i32>| y.map_or("?".to_owned(), |y| y.to_string());
    let old_year = year(app.previous.as_ref().and_then(|p| p.doc.year()));
    let new_year = year(app.doc.year());
    let title = tr!(
        app.lang,
        " 对比 {}→{} · 沿用去年原文 {:.0}% · 未变{} 修改{} 移动{} 新增{} 删除{} · {} ",
        " Compare {}→{} · {:.0}% carried over · {} unchanged, {} changed, {} moved, {} added, {} removed · {} ",
        old_year,
        new_year,
        s.carried_over_ratio * 100.0,
        s.unchanged,
        s.changed,
        s.moved,
        s.added,
        s.removed,
        if app.diff.only_changes {
            app.lang.pick("只看变化", "only changes")
        } else {
            app.lang.pick("全文", "everything")
        }
    );
    let outer = block(app, title, true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let side = area.width >= SIDE_BY_SIDE_FROM;
    let [heads, body, detail] = Layout::vertical([
        Constraint::Length(u16::from(side)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let gutter = 2usize;
    let body_w = body.width as usize;
    let col_w = if side {
        (body_w.saturating_sub(gutter + 1)) / 2
    } else {
        body_w.saturating_sub(gutter)
    };
    if side {
        let name = |p: &std::path::Path| {
            p.file_name()
                .map(|n| sanitize_for_display(&n.to_string_lossy()).into_owned())
                .unwrap_or_default()
        };
        let old_name = app
            .previous
            .as_ref()
            .map(|p| name(&p.path))
            .unwrap_or_default();
        let left = truncate_to_width(
            &tr!(
                app.lang,
                "去年 {old_name}（{old_year}）",
                "Last year {old_name} ({old_year})"
            ),
            col_w,
        );
        let right = truncate_to_width(
            &tr!(
                app.lang,
                "今年 {}（{new_year}）",
                "This year {} ({new_year})",
                name(&app.path)
            ),
            col_w,
        );
        let pad = col_w.saturating_sub(unicode_width::UnicodeWidthStr::width(left.as_str()));
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(" ".repeat(gutter)),
                Span::raw(left),
                Span::raw(" ".repeat(pad)),
                Span::raw("│"),
                Span::raw(right),
            ]))
            .style(app.theme.style("ui.title")),
            heads,
        );
    }
    // Only the entries on screen are laid out: from `top`, moved so that
    // the selected entry is in view (a page of entries before it at most).
    let entries = app.diff_entries();
    let h = body.height as usize;
    let lines_of = |pos: usize| {
        let e = entries[pos];
        entry_lines(app, &cmp.paragraphs[e], e == app.diff.selected, side, col_w)
    };
    let sel = entries
        .iter()
        .position(|&e| e >= app.diff.selected)
        .unwrap_or(entries.len().saturating_sub(1));
    let mut top = app.diff.top.min(sel);
    // The first entry from which the selected one still fits on screen.
    let mut fits_from = sel;
    let mut used = 0;
    for pos in (0..=sel.min(entries.len().saturating_sub(1))).rev() {
        if entries.is_empty() {
            break;
        }
        let n = lines_of(pos).len();
        if used + n > h && pos != sel {
            break;
        }
        used += n;
        fits_from = pos;
        if used >= h {
            break;
        }
    }
    if top < fits_from {
        top = fits_from;
    }
    let mut shown: Vec<Line<'static>> = Vec::with_capacity(h);
    let mut count = 0;
    for pos in top..entries.len() {
        if shown.len() >= h {
            break;
        }
        shown.extend(lines_of(pos));
        count += 1;
    }
    shown.truncate(h);
    if entries.is_empty() {
        f.render_widget(
            Paragraph::new(
                app.lang
                    .pick("两年的报告没有差别", "the two reports do not differ"),
            ),
            body,
        );
    } else {
        f.render_widget(Paragraph::new(shown), body);
    }
    // The selected entry in words.
    if let Some(p) = cmp.paragraphs.get(app.diff.selected) {
        let old_line = p
            .old
            .and_then(|o| app.previous.as_ref().map(|pr| pr.doc.paragraphs()[o].line));
        let new_line = p.new.map(|n| app.doc.paragraphs()[n].line);
        let at = match (old_line, new_line) {
            (Some(a), Some(b)) => tr!(app.lang, "去年第{a}行 → 今年第{b}行", "line {a} → line {b}"),
            (Some(a), None) => tr!(app.lang, "去年第{a}行", "last year's line {a}"),
            (None, Some(b)) => tr!(app.lang, "今年第{b}行", "line {b}"),
            (None, None) => String::new(),
        };
        let mut text = format!(" {} · {at}", status_word(app, p.status));
        if matches!(p.status, ParaStatus::Changed | ParaStatus::Moved) && p.similarity < 1.0 {
            text.push_str(&tr!(
                app.lang,
                " · 相似 {:.0}%",
                " · {:.0}% alike",
                p.similarity * 100.0
            ));
        }
        if p.year_rolled {
            text.push_str(
                app.lang
                    .pick(" · 仅年份顺延", " · only years rolled forward"),
            );
        }
        f.render_widget(
            Paragraph::new(truncate_to_width(&text, detail.width as usize))
                .style(app.theme.style("ui.help.key")),
            detail,
        );
    }
    (top, count.max(1))
}

/// One entry of the diff view as screen lines, a blank line after it.
fn entry_lines(
    app: &App,
    p: &ParaChange,
    is_sel: bool,
    side: bool,
    col_w: usize,
) -> Vec<Line<'static>> {
    let sd = sides(app, p);
    let (g, gs) = glyph(app, p);
    let marker = if is_sel { "▌" } else { " " };
    let head = |i: usize| {
        vec![
            Span::styled(marker, app.theme.style("ui.title")),
            Span::styled(if i == 0 { g.to_string() } else { " ".into() }, gs),
        ]
    };
    let mut lines: Vec<Line<'static>> = if side {
        let wrap = |runs: &[(String, Style)]| {
            if runs.is_empty() {
                Vec::new()
            } else {
                wrap_styled(runs, col_w)
            }
        };
        let (l, r) = (wrap(&sd.old), wrap(&sd.new));
        (0..l.len().max(r.len()))
            .map(|i| {
                let left = l.get(i).cloned().unwrap_or_default();
                let pad = col_w.saturating_sub(left.width());
                let mut spans = head(i);
                spans.extend(left.spans);
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled("│", app.theme.style("ui.border")));
                spans.extend(r.get(i).cloned().unwrap_or_default().spans);
                Line::from(spans)
            })
            .collect()
    } else {
        wrap_styled(&sd.inline, col_w)
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let mut spans = head(i);
                spans.extend(l.spans);
                Line::from(spans)
            })
            .collect()
    };
    if is_sel {
        let st = app.theme.style("ui.checklist.selected");
        lines = lines.into_iter().map(|l| l.style(st)).collect();
    }
    // The gap between entries keeps the column divider unbroken.
    lines.push(if side {
        Line::from(vec![
            Span::raw(" ".repeat(2 + col_w)),
            Span::styled("│", app.theme.style("ui.border")),
        ])
    } else {
        Line::default()
    });
    lines
}

fn change_cell(app: &App, r: &FigureRow) -> (String, Style) {
    let (old, new) = app.figure_values(r);
    let pct = match (old, new) {
        (Some(a), Some(b)) if a != 0.0 => {
            let p = (b - a) / a * 100.0;
            if p.abs() < 1.0 {
                format!(" {p:+.1}%")
            } else {
                format!(" {p:+.0}%")
            }
        }
        _ => String::new(),
    };
    let l = app.lang;
    // Neutral colours: fewer lawsuits is good news, fewer trainings is not.
    let st = |name: &str| app.theme.style(name);
    match r.change {
        FigureChange::Up => (format!("↑{pct}"), st("ui.figures.up")),
        FigureChange::Down => (format!("↓{pct}"), st("ui.figures.down")),
        FigureChange::Same => (l.pick("持平", "same").into(), st("ui.figures")),
        FigureChange::New => (l.pick("新增", "new").into(), st("ui.figures.new")),
        FigureChange::Dropped => (l.pick("今年无", "dropped").into(), st("ui.figures.dropped")),
    }
}

fn metric_label(app: &App, m: Option<usize>) -> String {
    m.and_then(|m| app.report.metrics.get(m))
        .map(|mr| mr.label.clone())
        .unwrap_or_else(|| app.lang.pick("（无指标）", "(no metric)").into())
}

/// The figure of a row on either side, as `value unit` (`—` when absent).
fn value_cell(app: &App, r: &FigureRow, old: bool) -> String {
    let f = if old {
        r.old
            .and_then(|o| app.previous.as_ref().and_then(|p| p.report.figures.get(o)))
    } else {
        r.new.and_then(|n| app.report.figures.get(n))
    };
    match f {
        Some(f) => format!(
            "{}{}{}",
            if f.approx { "~" } else { "" },
            fmt_value(f.value),
            f.unit
        ),
        None => "—".into(),
    }
}

/// The figures view: the table, a bar chart of the selected metric, and
/// last year's plans followed up or not.
pub fn draw_figures(f: &mut Frame, app: &mut App, area: Rect) {
    app.comparison();
    let rows = app.figure_rows();
    if app.figs.selected >= rows.len() {
        app.figs.selected = rows.len().saturating_sub(1);
    }
    let count = |c: FigureChange| rows.iter().filter(|r| r.change == c).count();
    let filter = match app.figs.filter {
        FigureFilter::All => app.lang.pick("全部", "all").to_owned(),
        FigureFilter::Metric(m) => metric_label(app, Some(m)),
        FigureFilter::NoMetric => metric_label(app, None),
    };
    let title = if app.previous.is_some() {
        tr!(
            app.lang,
            " 数字 · {}项：上升{} 下降{} 持平{} 新增{} 今年无{} · 排序：{} · 指标：{} ",
            " Figures · {}: {} up, {} down, {} same, {} new, {} dropped · {} · metric: {} ",
            rows.len(),
            count(FigureChange::Up),
            count(FigureChange::Down),
            count(FigureChange::Same),
            count(FigureChange::New),
            count(FigureChange::Dropped),
            app.figs.sort.name(app.lang),
            filter
        )
    } else {
        tr!(
            app.lang,
            " 数字 · {}项（没有去年的报告：--previous 去年的文件）· 排序：{} · 指标：{} ",
            " Figures · {} (no previous report: --previous OLD) · {} · metric: {} ",
            rows.len(),
            app.figs.sort.name(app.lang),
            filter
        )
    };
    let [table_area, lower] =
        Layout::vertical([Constraint::Percentage(58), Constraint::Min(6)]).areas(area);
    let l = app.lang;
    let header = Row::new(vec![
        l.pick("指标", "metric"),
        l.pick("说法", "context"),
        l.pick("去年", "last year"),
        l.pick("今年", "this year"),
        l.pick("变化", "change"),
    ])
    .style(app.theme.style("ui.title"));
    let ctx_w = table_area.width.saturating_sub(2 + 12 + 12 + 12 + 9 + 4) as usize;
    let body: Vec<Row> = rows
        .iter()
        .map(|r| {
            let ctx = r
                .new
                .and_then(|n| app.report.figures.get(n))
                .or_else(|| {
                    r.old
                        .and_then(|o| app.previous.as_ref().and_then(|p| p.report.figures.get(o)))
                })
                .map(|f| f.text.clone())
                .unwrap_or_default();
            let (chg, cs) = change_cell(app, r);
            Row::new(vec![
                Span::raw(truncate_to_width(
                    &sanitize_for_display(&metric_label(app, r.metric)),
                    12,
                )),
                Span::raw(truncate_to_width(&sanitize_for_display(&ctx), ctx_w)),
                Span::raw(value_cell(app, r, true)),
                Span::raw(value_cell(app, r, false)),
                Span::styled(chg, cs),
            ])
        })
        .collect();
    app.figs.page = table_area.height.saturating_sub(4).max(1) as usize;
    let table = Table::new(
        body,
        [
            Constraint::Length(12),
            Constraint::Min(10),
            Constraint::Length(12),
            Constraint::Length(12),
            Constraint::Length(9),
        ],
    )
    .header(header)
    .block(block(app, title, !app.figs.plans_focused))
    .row_highlight_style(app.theme.style("ui.checklist.selected"));
    let mut ts = TableState::default().with_selected(Some(app.figs.selected));
    f.render_stateful_widget(table, table_area, &mut ts);
    let [chart_area, plans_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Min(20)]).areas(lower);
    draw_chart(f, app, &rows, chart_area);
    draw_plans(f, app, plans_area);
}

/// Last year against this year for the selected row's metric (figures of
/// the same unit only: 件 and 万元 on one scale would mislead).
fn draw_chart(f: &mut Frame, app: &App, rows: &[FigureRow], area: Rect) {
    let sel = rows.get(app.figs.selected).copied();
    let unit_of = |r: &FigureRow| {
        r.new
            .and_then(|n| app.report.figures.get(n))
            .or_else(|| {
                r.old
                    .and_then(|o| app.previous.as_ref().and_then(|p| p.report.figures.get(o)))
            })
            .map(|f| f.unit.to_string())
    };
    let title = match sel {
        Some(r) => tr!(
            app.lang,
            " {}（{}）去年▒ 今年█ ",
            " {} ({}) last ▒ this █ ",
            metric_label(app, r.metric),
            unit_of(&r).unwrap_or_default()
        ),
        None => app.lang.pick(" 图表 ", " Chart ").to_owned(),
    };
    let b = block(app, title, false);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let Some(sel) = sel else {
        return;
    };
    let unit = unit_of(&sel);
    let group: Vec<&FigureRow> = rows
        .iter()
        .filter(|r| r.metric == sel.metric && unit_of(r) == unit)
        .collect();
    // Groups of two bars of width 3 and a gap: as many as fit, around the
    // selected row.
    let fit = ((inner.width as usize + 1) / 7).max(1);
    let at = group.iter().position(|r| **r == sel).unwrap_or(0);
    let first = at
        .saturating_sub(fit / 2)
        .min(group.len().saturating_sub(fit));
    let vals: Vec<(Option<f64>, Option<f64>)> =
        group.iter().map(|r| app.figure_values(r)).collect();
    // Bars are relative: scale small or fractional values up together.
    let max = vals
        .iter()
        .flat_map(|(a, b)| [a.unwrap_or(0.0), b.unwrap_or(0.0)])
        .fold(0.0f64, f64::max);
    let scale = if max > 0.0 && max < 1000.0 {
        1000.0 / max
    } else {
        1.0
    };
    let old_style = app.theme.style("ui.checklist.na");
    let new_style = app.theme.style("ui.title");
    let mut chart = BarChart::default()
        .bar_width(3)
        .bar_gap(0)
        .group_gap(1)
        .value_style(app.theme.style("ui.help.key").add_modifier(Modifier::BOLD));
    for (k, r) in group.iter().enumerate().skip(first).take(fit) {
        let (a, b) = vals[k];
        let bar = |v: Option<f64>, st: Style, sym: &str| {
            Bar::default()
                .value((v.unwrap_or(0.0).max(0.0) * scale).round() as u64)
                .text_value(v.map(fmt_value).unwrap_or_else(|| "—".into()))
                .style(st)
                .value_style(st.add_modifier(Modifier::REVERSED))
                .label(Line::from(sym.to_owned()))
        };
        let ctx = r
            .new
            .and_then(|n| app.report.figures.get(n))
            .map(|f| f.context().to_owned())
            .unwrap_or_default();
        let label = truncate_to_width(&sanitize_for_display(&ctx), 6);
        let mut g = BarGroup::default().bars(&[bar(a, old_style, "▒"), bar(b, new_style, "█")]);
        if **r == sel {
            g = g.label(Line::styled(label, app.theme.style("ui.help.key")));
        } else {
            g = g.label(Line::from(label));
        }
        chart = chart.data(g);
    }
    f.render_widget(chart, inner);
}

/// Last year's plans, followed up or not, with the evidence.
fn draw_plans(f: &mut Frame, app: &App, area: Rect) {
    let plans = app
        .cmp
        .as_ref()
        .map(|c| c.plans.clone())
        .unwrap_or_default();
    let followed = plans.iter().filter(|p| p.followed_up).count();
    let title = if app.previous.is_some() {
        tr!(
            app.lang,
            " 去年的计划：{}/{} 有回应（Tab 切换） ",
            " Last year's plans: {}/{} followed up (Tab) ",
            followed,
            plans.len()
        )
    } else {
        app.lang
            .pick(
                " 去年的计划（需 --previous） ",
                " Last year's plans (needs --previous) ",
            )
            .to_owned()
    };
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = plans
        .iter()
        .map(|p| {
            let (g, st) = if p.followed_up {
                ("✓", app.theme.style("ui.checklist.met"))
            } else {
                ("✗", app.theme.style("ui.checklist.missing"))
            };
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{g} "), st),
                Span::raw(truncate_to_width(
                    &sanitize_for_display(&p.text),
                    width.saturating_sub(2),
                )),
            ])];
            if let Some((r, _)) = &p.evidence {
                let ev = app.doc.text().get(r.clone()).unwrap_or("");
                lines.push(Line::styled(
                    format!(
                        "  → {}",
                        truncate_to_width(&sanitize_for_display(ev), width.saturating_sub(4))
                    ),
                    app.theme.style("ui.checklist.na"),
                ));
            }
            ListItem::new(lines)
        })
        .collect();
    let list = List::new(items)
        .block(block(app, title, app.figs.plans_focused))
        .highlight_style(app.theme.style("ui.checklist.selected"));
    let mut st = ListState::default()
        .with_selected(app.figs.plans_focused.then_some(app.figs.plan_selected));
    f.render_stateful_widget(list, area, &mut st);
    if plans.is_empty() && app.previous.is_some() {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        f.render_widget(
            Paragraph::new(app.lang.pick(
                "去年的报告没有可识别的工作计划",
                "no plans found in last year's report",
            ))
            .style(app.theme.style("ui.checklist.na")),
            inner,
        );
    }
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
