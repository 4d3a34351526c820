//! Drawing the figures view (F4): every figure beside last year's, a bar
//! chart of the selected metric, last year's plans followed up or not. The
//! rows, their order and the selection are the state's.

use super::draw::block;
use super::theme::Theme;
use crate::app::layout::{self, truncate_to_width};
use crate::app::state::{FigureFilter, FigureRow, State};
use crate::core::compare::FigureChange;
use crate::core::figures::fmt_value;
use crate::core::text::sanitize_for_display;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, List, ListItem, ListState, Paragraph, Row, Table,
    TableState,
};

fn change_cell(app: &State, t: &Theme, r: &FigureRow) -> (String, Style) {
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
    let l = app.lang();
    // Neutral colours: fewer lawsuits is good news, fewer trainings is not.
    let st = |name: &str| t.style(name);
    match r.change {
        FigureChange::Up => (format!("↑{pct}"), st("ui.figures.up")),
        FigureChange::Down => (format!("↓{pct}"), st("ui.figures.down")),
        FigureChange::Same => (l.pick("持平", "same").into(), st("ui.figures")),
        FigureChange::New => (l.pick("新增", "new").into(), st("ui.figures.new")),
        FigureChange::Dropped => (l.pick("今年无", "dropped").into(), st("ui.figures.dropped")),
    }
}

fn metric_label(app: &State, m: Option<usize>) -> String {
    m.and_then(|m| app.report().metrics.get(m))
        .map(|mr| mr.label.clone())
        .unwrap_or_else(|| app.lang().pick("（无指标）", "(no metric)").into())
}

/// The figure of a row on either side, as `value unit` (`—` when absent).
fn value_cell(app: &State, r: &FigureRow, old: bool) -> String {
    let (last, this) = app.row_figures(r);
    match if old { last } else { this } {
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
pub fn draw_figures(f: &mut Frame, app: &State, t: &Theme) {
    let Some(g) = layout::figures(f.area()) else {
        return;
    };
    let rows = app.figure_rows();
    let count = |c: FigureChange| rows.iter().filter(|r| r.change == c).count();
    let filter = match app.figs().filter {
        FigureFilter::All => app.lang().pick("全部", "all").to_owned(),
        FigureFilter::Metric(m) => metric_label(app, Some(m)),
        FigureFilter::NoMetric => metric_label(app, None),
    };
    let title = if app.previous().is_some() {
        tr!(
            app.lang(),
            " 数字 · {}项：上升{} 下降{} 持平{} 新增{} 今年无{} · 排序：{} · 指标：{} ",
            " Figures · {}: {} up, {} down, {} same, {} new, {} dropped · {} · metric: {} ",
            rows.len(),
            count(FigureChange::Up),
            count(FigureChange::Down),
            count(FigureChange::Same),
            count(FigureChange::New),
            count(FigureChange::Dropped),
            app.figs().sort.name(app.lang()),
            filter
        )
    } else {
        tr!(
            app.lang(),
            " 数字 · {}项（没有去年的报告：--previous 去年的文件）· 排序：{} · 指标：{} ",
            " Figures · {} (no previous report: --previous OLD) · {} · metric: {} ",
            rows.len(),
            app.figs().sort.name(app.lang()),
            filter
        )
    };
    let table_area = g.table;
    let l = app.lang();
    let header = Row::new(vec![
        l.pick("指标", "metric"),
        l.pick("说法", "context"),
        l.pick("去年", "last year"),
        l.pick("今年", "this year"),
        l.pick("变化", "change"),
    ])
    .style(t.style("ui.title"));
    let ctx_w = table_area.width.saturating_sub(2 + 12 + 12 + 12 + 9 + 4) as usize;
    let body: Vec<Row> = rows
        .iter()
        .map(|r| {
            let (last, this) = app.row_figures(r);
            let shown = this.or(last);
            let mut ctx = shown.map(|f| f.text.to_string()).unwrap_or_default();
            // A figure in the plans is a target, never a result.
            if shown.is_some_and(|f| f.target) {
                ctx = format!("{}{ctx}", app.lang().pick("〔目标〕", "[target] "));
            }
            let (chg, cs) = change_cell(app, t, r);
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
    .block(block(t, title, !app.figs().plans_focused))
    .row_highlight_style(t.style("ui.checklist.selected"));
    let mut ts = TableState::default().with_selected(Some(app.figs().selected));
    f.render_stateful_widget(table, table_area, &mut ts);
    draw_chart(f, app, t, &rows, g.chart);
    draw_plans(f, app, t, g.plans);
}

/// Last year against this year for the selected row's metric (figures of
/// the same unit only: 件 and 万元 on one scale would mislead; a figure
/// without a metric only beside those named the same).
fn draw_chart(f: &mut Frame, app: &State, t: &Theme, rows: &[FigureRow], area: Rect) {
    let sel = rows.get(app.figs().selected).copied();
    let unit_of = |r: &FigureRow| {
        let (last, this) = app.row_figures(r);
        this.or(last).map(|f| f.unit.to_string())
    };
    let title = match sel {
        Some(r) => tr!(
            app.lang(),
            " {}（{}）去年▒ 今年█ ",
            " {} ({}) last ▒ this █ ",
            metric_label(app, r.metric),
            unit_of(&r).unwrap_or_default()
        ),
        None => app.lang().pick(" 图表 ", " Chart ").to_owned(),
    };
    let b = block(t, title, false);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let Some(sel) = sel else {
        return;
    };
    let unit = unit_of(&sel);
    // Figures without a metric mean the same only when they are named the
    // same: unrelated counts are never set side by side.
    let context_of = |r: &FigureRow| {
        let (last, this) = app.row_figures(r);
        this.or(last).map(|f| f.context().to_owned())
    };
    let named = sel.metric.is_none().then(|| context_of(&sel));
    let group: Vec<&FigureRow> = rows
        .iter()
        .filter(|r| {
            r.metric == sel.metric
                && unit_of(r) == unit
                && named.as_ref().is_none_or(|c| context_of(r) == *c)
        })
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
    let old_style = t.style("ui.checklist.na");
    let new_style = t.style("ui.title");
    let mut chart = BarChart::default()
        .bar_width(3)
        .bar_gap(0)
        .group_gap(1)
        .value_style(t.style("ui.help.key").add_modifier(Modifier::BOLD));
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
        let ctx = app
            .row_figures(r)
            .1
            .map(|f| f.context().to_owned())
            .unwrap_or_default();
        let label = truncate_to_width(&sanitize_for_display(&ctx), 6);
        let mut g = BarGroup::default().bars(&[bar(a, old_style, "▒"), bar(b, new_style, "█")]);
        if **r == sel {
            g = g.label(Line::styled(label, t.style("ui.help.key")));
        } else {
            g = g.label(Line::from(label));
        }
        chart = chart.data(g);
    }
    f.render_widget(chart, inner);
}

/// Last year's plans, followed up or not, with the evidence.
fn draw_plans(f: &mut Frame, app: &State, t: &Theme, area: Rect) {
    let plans = app
        .comparison()
        .map(|c| c.plans.clone())
        .unwrap_or_default();
    let followed = plans.iter().filter(|p| p.followed_up).count();
    let title = if app.previous().is_some() {
        tr!(
            app.lang(),
            " 去年的计划：{}/{} 有回应（Tab 切换） ",
            " Last year's plans: {}/{} followed up (Tab) ",
            followed,
            plans.len()
        )
    } else {
        app.lang()
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
                ("✓", t.style("ui.checklist.met"))
            } else {
                ("✗", t.style("ui.checklist.missing"))
            };
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{g} "), st),
                Span::raw(truncate_to_width(
                    &sanitize_for_display(&p.text),
                    width.saturating_sub(2),
                )),
            ])];
            // Only a plan followed up has an answer: a ✗ plan's nearest
            // paragraph is not one, and shown as "→" it would read as one.
            if let (true, Some((r, _))) = (p.followed_up, &p.evidence) {
                let ev = app.doc().text().get(r.clone()).unwrap_or("");
                lines.push(Line::styled(
                    format!(
                        "  → {}",
                        truncate_to_width(&sanitize_for_display(ev), width.saturating_sub(4))
                    ),
                    t.style("ui.checklist.na"),
                ));
            }
            ListItem::new(lines)
        })
        .collect();
    let list = List::new(items)
        .block(block(t, title, app.figs().plans_focused))
        .highlight_style(t.style("ui.checklist.selected"));
    let mut st = ListState::default()
        .with_selected(app.figs().plans_focused.then_some(app.figs().plan_selected));
    f.render_stateful_widget(list, area, &mut st);
    if plans.is_empty() && app.previous().is_some() {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        f.render_widget(
            Paragraph::new(app.lang().pick(
                "去年的报告没有可识别的工作计划",
                "no plans found in last year's report",
            ))
            .style(t.style("ui.checklist.na")),
            inner,
        );
    }
}
