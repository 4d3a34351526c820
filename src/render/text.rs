//! Text renderings for a terminal or a pipe: the checklist of a file, the
//! summary table of several, the figures table, and the year-over-year
//! comparison (coloured when [`Paint`] says so).

use super::fmt::{Paint, fmt_value, pad, safe};
use super::model::{Checked, DiffView, lines_label, new_text_of, text_of};
use crate::core::check::Status;
use crate::core::compare::{FigureChange, ParaChange, ParaStatus, SectionStatus, SpanOp};
use crate::core::figures::Figure;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::text::truncate_chars;
use crate::tr;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

pub(crate) fn status_word(st: Status, lang: Lang) -> &'static str {
    match st {
        Status::Met => lang.pick("已满足", "met"),
        Status::Partial => lang.pick("部分满足", "partial"),
        Status::Missing => lang.pick("缺失", "missing"),
        Status::Na => lang.pick("不适用", "n/a"),
    }
}

/// The readable text report of one file.
pub fn check_text(c: &Checked, lang: Lang, paint: Paint) -> String {
    let r = &c.report;
    let mut o = String::new();
    let title = r
        .title
        .as_deref()
        .map(|t| safe(&t.replace('\n', " ")))
        .unwrap_or_else(|| lang.pick("（无标题）", "(no title)").into());
    let year = r
        .year
        .map(|y| tr!(lang, "{y}年度", "year {y}"))
        .unwrap_or_else(|| lang.pick("年度不明", "year unknown").into());
    let _ = writeln!(
        o,
        "{}  {}",
        paint.bold(&safe(&c.file)),
        paint.dim(&format!(
            "{title} · {year} · {} v{} · {}",
            r.spec_id,
            r.spec_version,
            match c.format {
                "docx" => "Word (.docx)",
                "doc" => "Word/WPS (.doc)",
                "html" => "HTML",
                _ => c.encoding,
            }
        ))
    );
    if let Some(p) = &c.previous {
        let py = p.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
        let carried = p
            .carried_over_ratio
            .map(|r| format!("{:.0}%", r * 100.0))
            .unwrap_or_else(|| "?".into());
        let _ = writeln!(
            o,
            "{}",
            paint.dim(&tr!(
                lang,
                "上一年度报告：{}（{py}年度）；沿用去年原文 {carried}",
                "previous report: {} (year {py}); {carried} of this text carried over from it",
                safe(&p.file)
            ))
        );
    }
    let (met, total) = r.required_counts();
    let _ = writeln!(
        o,
        "\n{}",
        paint.bold(&tr!(
            lang,
            "必备要素（{met}/{total} 已满足）",
            "Required items ({met}/{total} met)"
        ))
    );
    let opt_of = |required: bool| {
        if required {
            ""
        } else {
            lang.pick("（可选）", " (optional)")
        }
    };
    let names: Vec<String> = r
        .items
        .iter()
        .map(|i| format!("{}{}", safe(&i.title), opt_of(i.required)))
        .collect();
    let w = names
        .iter()
        .map(|n| UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .min(46);
    for (i, name) in r.items.iter().zip(&names) {
        let _ = writeln!(
            o,
            "  {} {}  {}",
            paint.status(i.status, i.status.glyph()),
            pad(name, w),
            safe(&i.message)
        );
    }
    let mm = r.metrics.iter().filter(|m| m.status == Status::Met).count();
    let _ = writeln!(
        o,
        "\n{}",
        paint.bold(&tr!(
            lang,
            "指标（{mm}/{} 有数字）",
            "Metrics ({mm}/{} with figures)",
            r.metrics.len()
        ))
    );
    let w = r
        .metrics
        .iter()
        .map(|m| UnicodeWidthStr::width(m.label.as_str()))
        .max()
        .unwrap_or(0)
        .min(40);
    for m in &r.metrics {
        let _ = writeln!(
            o,
            "  {} {}  {}",
            paint.status(m.status, m.status.glyph()),
            pad(&safe(&m.label), w),
            safe(&m.message)
        );
    }
    let _ = writeln!(
        o,
        "\n{}",
        paint.bold(&tr!(lang, "问题（{}）", "Lints ({})", r.lints.len()))
    );
    if r.lints.is_empty() {
        let _ = writeln!(o, "  {}", paint.dim(lang.pick("无", "none")));
    }
    for l in &r.lints {
        let pos = format!("{}:{}", l.position.line, l.position.column);
        let _ = writeln!(
            o,
            "  {} {} {}  {}",
            paint.severity(l.severity, &pad(l.severity.name(lang), 7)),
            pad(crate::core::spec::lint_rule_name(l.rule, lang), 19),
            pad(&pos, 7),
            safe(&l.message)
        );
    }
    let verdict = if r.complete() {
        paint.status(
            Status::Met,
            lang.pick("必备要素齐全", "all required items met"),
        )
    } else {
        paint.status(
            Status::Missing,
            &tr!(
                lang,
                "还缺 {} 项必备要素",
                "{} required item(s) not met",
                total - met
            ),
        )
    };
    let _ = writeln!(o, "\n{verdict}");
    o
}

/// The one-line-per-file summary table that ends a multi-file text check.
pub fn summary_table(
    rows: &[Checked],
    errors: &[(String, String)],
    lang: Lang,
    paint: Paint,
) -> String {
    let mut o = String::new();
    let fw = rows
        .iter()
        .map(|c| UnicodeWidthStr::width(c.file.as_str()))
        .chain(errors.iter().map(|e| UnicodeWidthStr::width(e.0.as_str())))
        .max()
        .unwrap_or(4)
        .clamp(4, 50);
    let head = [
        lang.pick("文件", "file"),
        lang.pick("年度", "year"),
        lang.pick("必备", "required"),
        lang.pick("指标", "metrics"),
        lang.pick("问题", "lints"),
        lang.pick("结论", "result"),
    ];
    let _ = writeln!(
        o,
        "{}",
        paint.bold(&format!(
            "{} {} {} {} {} {}",
            pad(head[0], fw),
            pad(head[1], 6),
            pad(head[2], 9),
            pad(head[3], 8),
            pad(head[4], 6),
            head[5]
        ))
    );
    for c in rows {
        let r = &c.report;
        let (met, total) = r.required_counts();
        let mm = r.metrics.iter().filter(|m| m.status == Status::Met).count();
        let verdict = if r.complete() {
            paint.status(Status::Met, lang.pick("齐全", "complete"))
        } else {
            paint.status(Status::Missing, lang.pick("不齐全", "incomplete"))
        };
        let year = r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
        let _ = writeln!(
            o,
            "{} {} {} {} {} {verdict}",
            pad(&safe(&c.file), fw),
            pad(&year, 6),
            pad(&format!("{met}/{total}"), 9),
            pad(&format!("{mm}/{}", r.metrics.len()), 8),
            pad(&r.lints.len().to_string(), 6)
        );
    }
    for (file, _) in errors {
        let _ = writeln!(
            o,
            "{} {} {} {} {} {}",
            pad(&safe(file), fw),
            pad("-", 6),
            pad("-", 9),
            pad("-", 8),
            pad("-", 6),
            paint.status(Status::Missing, lang.pick("错误", "error"))
        );
    }
    o
}

/// `metrics --format text`: a table.
pub fn figures_text(figures: &[Figure], spec: &CompiledSpec, lang: Lang, paint: Paint) -> String {
    let mut o = String::new();
    let head = [
        lang.pick("位置", "at"),
        lang.pick("数值", "value"),
        lang.pick("单位", "unit"),
        lang.pick("指标", "metric"),
        lang.pick("上下文", "context"),
    ];
    // The metric column as wide as its longest name (names, not ids).
    let label = |f: &Figure| f.metric.map(|m| spec.spec.metrics[m].display_label(lang));
    let mw = figures
        .iter()
        .filter_map(|f| label(f).map(crate::core::wrap::str_width))
        .max()
        .unwrap_or(0)
        .clamp(UnicodeWidthStr::width(head[3]), 32);
    let _ = writeln!(
        o,
        "{}",
        paint.bold(&format!(
            "{} {} {} {} {}",
            pad(head[0], 8),
            pad(head[1], 12),
            pad(head[2], 6),
            pad(head[3], mw),
            head[4]
        ))
    );
    for f in figures {
        let pos = format!("{}:{}", f.position.line, f.position.column);
        let val = format!("{}{}", if f.approx { "≈" } else { "" }, fmt_value(f.value));
        // The metric's name in the reader's language (ids are JSON's).
        let metric = label(f).unwrap_or("-");
        let _ = writeln!(
            o,
            "{} {} {} {} {}",
            pad(&pos, 8),
            pad(&val, 12),
            pad(&safe(&f.unit), 6),
            pad(metric, mw),
            safe(&truncate_chars(&f.text, 40))
        );
    }
    let _ = writeln!(
        o,
        "{}",
        paint.dim(&tr!(lang, "共{}个数字", "{} figures", figures.len()))
    );
    o
}

pub(crate) fn para_status_word(s: ParaStatus, lang: Lang) -> &'static str {
    s.word(lang)
}

fn inline_text(p: &ParaChange, paint: Paint) -> String {
    let mut o = String::new();
    for sp in &p.spans {
        let t = safe(&sp.text);
        match (sp.op, paint.enabled) {
            (SpanOp::Equal, _) => o.push_str(&t),
            (SpanOp::Insert, true) => {
                let _ = write!(o, "\x1b[32;4m{t}\x1b[0m");
            }
            (SpanOp::Delete, true) => {
                let _ = write!(o, "\x1b[31;9m{t}\x1b[0m");
            }
            (SpanOp::Insert, false) => {
                let _ = write!(o, "{{+{t}+}}");
            }
            (SpanOp::Delete, false) => {
                let _ = write!(o, "[-{t}-]");
            }
        }
    }
    o
}

/// The readable text rendering: a summary, then the changes, the figures
/// that changed, and last year's plans.
pub fn diff_text(v: &DiffView, lang: Lang, paint: Paint) -> String {
    let s = &v.cmp.summary;
    let mut o = String::new();
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        o,
        "{} {} → {} {}",
        paint.wrap("1", &safe(v.old_file)),
        paint.wrap("2", &format!("({})", year(v.old.year()))),
        paint.wrap("1", &safe(v.new_file)),
        paint.wrap("2", &format!("({})", year(v.new.year())))
    );
    let _ = writeln!(
        o,
        "{}",
        tr!(
            lang,
            "段落：去年{}段，今年{}段；未变{}，修改{}，移动{}，新增{}，删除{}{}",
            "paragraphs: {} last year, {} this year; {} unchanged, {} changed, {} moved, {} added, {} removed{}",
            s.paragraphs_old,
            s.paragraphs_new,
            s.unchanged,
            s.changed,
            s.moved,
            s.added,
            s.removed,
            crate::core::compare::joined_counts(s, lang, "，", ", ")
        )
    );
    let pct = format!("{:.0}%", s.carried_over_ratio * 100.0);
    let gauge = if s.carried_over_ratio >= 0.5 {
        paint.wrap("31;1", &pct)
    } else {
        paint.wrap("32", &pct)
    };
    let _ = writeln!(
        o,
        "{}",
        tr!(
            lang,
            "沿用去年原文：{gauge}（今年文字中与去年相同的比例，年份顺延不算修改）",
            "carried over from last year: {gauge} (share of this year's text that is last year's, years rolled forward counted as unchanged)"
        )
    );
    let _ = writeln!(o, "\n{}", paint.wrap("1", lang.pick("结构", "Sections")));
    for c in &v.cmp.sections {
        let old = c
            .old
            .map(|h| safe(v.old.heading_line(h)))
            .unwrap_or_default();
        let new = c
            .new
            .map(|h| safe(v.new.heading_line(h)))
            .unwrap_or_default();
        let line = match c.status {
            SectionStatus::Matched => format!("  = {new}"),
            SectionStatus::Renamed => format!("  ~ {old} → {new}"),
            SectionStatus::Added => paint.wrap("32", &format!("  + {new}")),
            SectionStatus::Removed => paint.wrap("31", &format!("  - {old}")),
        };
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(o, "\n{}", paint.wrap("1", lang.pick("段落变化", "Changes")));
    for p in &v.cmp.paragraphs {
        if p.status == ParaStatus::Unchanged {
            continue;
        }
        let lines = format!(
            "{}→{}",
            lines_label(v.old, p.old_all()).unwrap_or_default(),
            lines_label(v.new, p.new_all()).unwrap_or_default()
        );
        let tag = format!(
            "{} {}",
            pad(para_status_word(p.status, lang), 4),
            pad(&lines, 9)
        );
        let body = match p.status {
            ParaStatus::Added => paint.wrap("32", &safe(text_of(v.new, p.new).unwrap_or(""))),
            ParaStatus::Removed => paint.wrap("31", &safe(text_of(v.old, p.old).unwrap_or(""))),
            _ if p.spans.is_empty() => safe(&new_text_of(v.new, p).unwrap_or_default()),
            _ => inline_text(p, paint),
        };
        let tag = match p.status {
            ParaStatus::Added => paint.wrap("32", &tag),
            ParaStatus::Removed => paint.wrap("31", &tag),
            ParaStatus::Moved => paint.wrap("35", &tag),
            _ => paint.wrap("33", &tag),
        };
        let _ = writeln!(o, "  {tag} {body}");
    }
    let _ = writeln!(
        o,
        "\n{}",
        paint.wrap("1", lang.pick("数字对比（有变化的）", "Figures (changed)"))
    );
    for fp in &v.cmp.figures {
        if fp.change == FigureChange::Same {
            continue;
        }
        let of = fp.old.map(|i| &v.old_figures[i]);
        let nf = fp.new.map(|i| &v.new_figures[i]);
        let any = nf.or(of);
        let ctx = any
            .map(|f| safe(&truncate_chars(f.context(), 18)))
            .unwrap_or_default();
        let unit = any.map(|f| safe(&f.unit)).unwrap_or_default();
        let val = |f: Option<&crate::core::figures::Figure>| {
            f.map(|f| fmt_value(f.value)).unwrap_or_else(|| "-".into())
        };
        let arrow = match fp.change {
            FigureChange::Up => paint.wrap("32", "↑"),
            FigureChange::Down => paint.wrap("31", "↓"),
            FigureChange::New => paint.wrap("36", lang.pick("新", "new")),
            FigureChange::Dropped => paint.wrap("2", lang.pick("无", "gone")),
            FigureChange::Same => "=".into(),
        };
        let _ = writeln!(
            o,
            "  {} {} {} {} {}",
            pad(&ctx, 38),
            pad(&val(of), 8),
            pad(&val(nf), 8),
            pad(&unit, 4),
            arrow
        );
    }
    if !v.cmp.plans.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            paint.wrap("1", lang.pick("去年的工作打算", "Last year's plans"))
        );
        for p in &v.cmp.plans {
            let mark = if p.followed_up {
                paint.wrap("32", "✓")
            } else {
                paint.wrap("31", "✗")
            };
            let _ = writeln!(o, "  {mark} {}", safe(&truncate_chars(&p.text, 40)));
            if let (true, Some((r, _))) = (p.followed_up, &p.evidence) {
                let pos = v.new.position(r.start);
                let _ = writeln!(
                    o,
                    "      {}",
                    paint.wrap(
                        "2",
                        &tr!(
                            lang,
                            "今年第{}行：{}",
                            "this year, line {}: {}",
                            pos.line,
                            safe(&truncate_chars(&v.new.text()[r.clone()], 40))
                        )
                    )
                );
            }
        }
    }
    o
}

/// `reportbench spec`: a spec's items, metrics and lint rules.
pub fn spec_text(spec: &CompiledSpec, lang: Lang) -> String {
    let mut o = String::new();
    let name = spec.spec.name.clone().unwrap_or_default();
    let _ = writeln!(
        o,
        "{} v{}  {}",
        safe(&spec.spec.id),
        spec.spec.version,
        safe(&name)
    );
    let _ = writeln!(o, "\n{}", lang.pick("要素：", "Items:"));
    for i in &spec.spec.items {
        let kind = format!("{:?}", i.kind).to_lowercase();
        let req = if i.required {
            lang.pick("必备", "required")
        } else {
            lang.pick("可选", "optional")
        };
        let title = safe(i.display_title(lang));
        let _ = writeln!(
            o,
            "  {} {} {} {}",
            pad(&i.id, 14),
            pad(&kind, 10),
            pad(req, 9),
            title
        );
    }
    let _ = writeln!(o, "\n{}", lang.pick("指标：", "Metrics:"));
    for m in &spec.spec.metrics {
        let label = safe(m.display_label(lang));
        let _ = writeln!(o, "  {} {}", pad(&safe(&m.id), 22), label);
    }
    let _ = writeln!(o, "\n{}", lang.pick("检查规则：", "Lint rules:"));
    let l = &spec.spec.lints;
    for (name, set) in [
        ("numbering", &l.numbering),
        ("placeholder", &l.placeholder),
        ("web-residue", &l.web_residue),
        ("year-consistency", &l.year_consistency),
        ("empty-section", &l.empty_section),
        ("thin-section", &l.thin_section),
        ("duplicate-paragraph", &l.duplicate_paragraph),
        ("percent-range", &l.percent_range),
        ("parts-sum", &l.parts_sum),
        ("rate", &l.rate),
        ("figure-consistency", &l.figure_consistency),
    ] {
        let state = if set.enabled {
            set.severity.as_str()
        } else {
            lang.pick("关闭", "off")
        };
        let _ = writeln!(o, "  {} {}", pad(name, 22), state);
    }
    o
}
