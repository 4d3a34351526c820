//! Drawing the year-over-year diff view (F3): last year beside this year
//! (stacked when narrow), inline highlights, years rolled forward dimmed.

use super::draw::{block, truncate_to_width};
use super::views::wrap_styled;
use crate::app::state::App;
use crate::core::compare::{ParaChange, ParaStatus, SpanOp};
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Terminals at least this wide show the years side by side.
pub const SIDE_BY_SIDE_FROM: u16 = 110;

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
    let mut shown: Vec<Line<'static>> = Vec::with_capacity(h);
    let (mut top, mut count) = (0, 0);
    if !entries.is_empty() {
        let sel = app.diff.position_in(&entries);
        // The selected entry and those above it that fit with it on screen:
        // the earliest first entry that keeps the selection in view.
        let mut above: Vec<Vec<Line<'static>>> = Vec::new();
        let mut used = 0;
        for pos in (0..=sel).rev() {
            let block = lines_of(pos);
            if used + block.len() > h && pos != sel {
                break;
            }
            used += block.len();
            above.push(block);
            if used >= h {
                break;
            }
        }
        above.reverse();
        let fits_from = sel + 1 - above.len();
        top = app.diff.top.min(sel).max(fits_from);
        // Laid out from `top`, reusing the blocks built above.
        for pos in top..entries.len() {
            if shown.len() >= h {
                break;
            }
            match pos.checked_sub(fits_from).and_then(|i| above.get_mut(i)) {
                Some(block) => shown.append(block),
                None => shown.extend(lines_of(pos)),
            }
            count += 1;
        }
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
