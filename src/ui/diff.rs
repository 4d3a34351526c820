//! Drawing the year-over-year diff view (F3): last year beside this year
//! (stacked when narrow), inline highlights, years rolled forward dimmed.
//! What each entry says comes from `State::diff_sides`, where the view
//! starts from the state's `diff().top`.

use super::draw::block;
use super::theme::Theme;
use super::views::wrap_styled;
use crate::app::layout::{self, DiffGeometry, truncate_to_width};
use crate::app::state::{Mark, State};
use crate::core::compare::{ParaChange, ParaStatus};
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The style of a marked run.
fn mark_style(t: &Theme, m: Mark) -> Style {
    t.style(match m {
        Mark::Plain => "ui",
        Mark::Insert => "ui.diff.insert",
        Mark::Delete => "ui.diff.delete",
        Mark::Rolled => "ui.diff.rolled",
    })
}

fn styled(t: &Theme, runs: &[(String, Mark)]) -> Vec<(String, Style)> {
    runs.iter()
        .map(|(s, m)| (s.clone(), mark_style(t, *m)))
        .collect()
}

fn glyph(t: &Theme, p: &ParaChange) -> (char, Style) {
    match p.status {
        ParaStatus::Unchanged => (' ', t.style("ui")),
        ParaStatus::Changed => ('~', t.style("ui.checklist.partial")),
        ParaStatus::Added => ('+', t.style("ui.diff.insert")),
        ParaStatus::Removed => ('-', t.style("ui.diff.delete")),
        ParaStatus::Moved => ('>', t.style("ui.diff.moved")),
        // Two paragraphs into one, one into two.
        ParaStatus::Merged => ('}', t.style("ui.checklist.partial")),
        ParaStatus::Split => ('{', t.style("ui.checklist.partial")),
    }
}

fn status_word(s: &State, st: ParaStatus) -> &'static str {
    st.word(s.lang())
}

/// The diff view: a summary header, the paragraphs aligned (side by side
/// when wide, stacked when narrow), the selected change's details.
pub fn draw_diff(f: &mut Frame, s: &State, t: &Theme) {
    let Some(g) = layout::diff(f.area()) else {
        return;
    };
    let lang = s.lang();
    let Some(cmp) = s.comparison() else {
        let title = lang.pick(" 对比 ", " Compare ").to_owned();
        f.render_widget(
            Paragraph::new(lang.pick("正在对比…", "comparing…")).block(block(t, title, true)),
            g.area,
        );
        return;
    };
    let sum = cmp.summary;
    let year = |y: Option<i32>| y.map_or("?".to_owned(), |y| y.to_string());
    let old_year = year(s.previous().and_then(|p| p.doc.year()));
    let new_year = year(s.doc().year());
    let title = tr!(
        lang,
        " 对比 {}→{} · 沿用去年原文 {:.0}% · 未变{} 修改{} 移动{} 新增{} 删除{}{} · {} ",
        " Compare {}→{} · {:.0}% carried over · {} same, {} changed, {} moved, {} added, {} removed{} · {} ",
        old_year,
        new_year,
        sum.carried_over_ratio * 100.0,
        sum.unchanged,
        sum.changed,
        sum.moved,
        sum.added,
        sum.removed,
        crate::core::compare::joined_counts(&sum, lang, " ", ", "),
        if s.diff().only_changes {
            lang.pick("只看变化", "only changes")
        } else {
            lang.pick("全文", "everything")
        }
    );
    f.render_widget(block(t, title, true), g.area);
    if g.side {
        draw_heads(f, s, t, &g, &old_year, &new_year);
    }
    // Only the entries on screen are laid out, from the state's first one.
    let entries = s.diff_entries();
    let h = g.body.height as usize;
    let mut shown: Vec<Line<'static>> = Vec::with_capacity(h);
    for &e in entries.iter().skip(s.diff().top) {
        if shown.len() >= h {
            break;
        }
        shown.extend(entry_lines(
            s,
            t,
            &cmp.paragraphs[e],
            e == s.diff().selected,
            &g,
        ));
    }
    shown.truncate(h);
    if entries.is_empty() {
        f.render_widget(
            Paragraph::new(lang.pick("两年的报告没有差别", "the two reports do not differ")),
            g.body,
        );
    } else {
        f.render_widget(Paragraph::new(shown), g.body);
    }
    // The selected entry in words.
    if let Some(p) = cmp.paragraphs.get(s.diff().selected) {
        // "13+15" when several paragraphs were merged or split.
        let lines = |d: &crate::core::document::Document, ps: Vec<usize>| {
            (!ps.is_empty()).then(|| {
                ps.iter()
                    .map(|&i| d.paragraphs()[i].line.to_string())
                    .collect::<Vec<_>>()
                    .join("+")
            })
        };
        let old_line = s
            .previous()
            .and_then(|pr| lines(&pr.doc, p.old_all().collect()));
        let new_line = lines(s.doc(), p.new_all().collect());
        let at = match (old_line, new_line) {
            (Some(a), Some(b)) => tr!(lang, "去年第{a}行 → 今年第{b}行", "line {a} → line {b}"),
            (Some(a), None) => tr!(lang, "去年第{a}行", "last year's line {a}"),
            (None, Some(b)) => tr!(lang, "今年第{b}行", "line {b}"),
            (None, None) => String::new(),
        };
        let mut text = format!(" {} · {at}", status_word(s, p.status));
        if matches!(
            p.status,
            ParaStatus::Changed | ParaStatus::Moved | ParaStatus::Merged | ParaStatus::Split
        ) && p.similarity < 1.0
        {
            text.push_str(&tr!(
                lang,
                " · 相似 {:.0}%",
                " · {:.0}% alike",
                p.similarity * 100.0
            ));
        }
        if p.year_rolled {
            text.push_str(lang.pick(" · 仅年份顺延", " · only years rolled forward"));
        }
        f.render_widget(
            Paragraph::new(truncate_to_width(&text, g.detail.width as usize))
                .style(t.style("ui.help.key")),
            g.detail,
        );
    }
}

/// The two years' names above their columns.
fn draw_heads(
    f: &mut Frame,
    s: &State,
    t: &Theme,
    g: &DiffGeometry,
    old_year: &str,
    new_year: &str,
) {
    let name = |p: &std::path::Path| {
        p.file_name()
            .map(|n| sanitize_for_display(&n.to_string_lossy()).into_owned())
            .unwrap_or_default()
    };
    let old_name = s.previous().map(|p| name(&p.path)).unwrap_or_default();
    let left = truncate_to_width(
        &tr!(
            s.lang(),
            "去年 {old_name}（{old_year}）",
            "Last year {old_name} ({old_year})"
        ),
        g.col_w,
    );
    let right = truncate_to_width(
        &tr!(
            s.lang(),
            "今年 {}（{new_year}）",
            "This year {} ({new_year})",
            name(s.path())
        ),
        g.col_w,
    );
    let pad = g
        .col_w
        .saturating_sub(unicode_width::UnicodeWidthStr::width(left.as_str()));
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" ".repeat(g.gutter)),
            Span::raw(left),
            Span::raw(" ".repeat(pad)),
            Span::raw("│"),
            Span::raw(right),
        ]))
        .style(t.style("ui.title")),
        g.heads,
    );
}

/// One entry of the diff view as screen lines, a blank line after it (as
/// many as `layout::entry_height` counts).
fn entry_lines(
    s: &State,
    t: &Theme,
    p: &ParaChange,
    is_sel: bool,
    g: &DiffGeometry,
) -> Vec<Line<'static>> {
    let sd = s.diff_sides(p);
    let (gl, gs) = glyph(t, p);
    let marker = if is_sel { "▌" } else { " " };
    let head = |i: usize| {
        vec![
            Span::styled(marker, t.style("ui.title")),
            Span::styled(if i == 0 { gl.to_string() } else { " ".into() }, gs),
        ]
    };
    let col_w = g.col_w;
    let mut lines: Vec<Line<'static>> = if g.side {
        let wrap = |runs: &[(String, Mark)]| {
            if runs.is_empty() {
                Vec::new()
            } else {
                wrap_styled(&styled(t, runs), col_w)
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
                spans.push(Span::styled("│", t.style("ui.border")));
                spans.extend(r.get(i).cloned().unwrap_or_default().spans);
                Line::from(spans)
            })
            .collect()
    } else {
        wrap_styled(&styled(t, &sd.inline), col_w)
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
        let st = t.style("ui.checklist.selected");
        lines = lines.into_iter().map(|l| l.style(st)).collect();
    }
    // The gap between entries keeps the column divider unbroken.
    lines.push(if g.side {
        Line::from(vec![
            Span::raw(" ".repeat(2 + col_w)),
            Span::styled("│", t.style("ui.border")),
        ])
    } else {
        Line::default()
    });
    lines
}
