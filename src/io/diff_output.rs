//! Renderings of a year-over-year comparison: JSON (the contract in
//! `shared/contracts.md`), coloured text, a Markdown redline and HTML.

use super::output::{Num, Paint, fmt_value, pad};
use crate::core::check::Report;
use crate::core::compare::{
    Comparison, FigureChange, ParaChange, ParaStatus, SectionStatus, SpanOp,
};
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use crate::core::text::{sanitize_for_display, truncate_chars};
use crate::tr;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Everything a rendering needs.
pub struct DiffView<'a> {
    /// Last year's file name.
    pub old_file: &'a str,
    /// This year's file name.
    pub new_file: &'a str,
    /// Last year's document.
    pub old: &'a Document,
    /// This year's document.
    pub new: &'a Document,
    /// Last year's check.
    pub old_report: &'a Report,
    /// This year's check.
    pub new_report: &'a Report,
    /// The comparison.
    pub cmp: &'a Comparison,
    /// The spec (metric ids).
    pub spec: &'a CompiledSpec,
}

fn line_of(d: &Document, p: Option<usize>) -> Option<usize> {
    p.map(|p| d.paragraphs()[p].line)
}

fn text_of(d: &Document, p: Option<usize>) -> Option<&str> {
    p.map(|p| d.paragraph_text(p))
}

fn status_str(s: ParaStatus) -> &'static str {
    match s {
        ParaStatus::Unchanged => "unchanged",
        ParaStatus::Changed => "changed",
        ParaStatus::Added => "added",
        ParaStatus::Removed => "removed",
        ParaStatus::Moved => "moved",
    }
}

fn change_str(c: FigureChange) -> &'static str {
    match c {
        FigureChange::Up => "up",
        FigureChange::Down => "down",
        FigureChange::Same => "same",
        FigureChange::New => "new",
        FigureChange::Dropped => "dropped",
    }
}

#[derive(Serialize)]
struct SpanJson<'a> {
    op: SpanOp,
    text: &'a str,
}

/// The `diff --format json` value.
pub fn diff_json(v: &DiffView) -> Value {
    let s = &v.cmp.summary;
    let paragraphs: Vec<Value> = v
        .cmp
        .paragraphs
        .iter()
        .map(|p| {
            json!({
                "status": status_str(p.status),
                "old_line": line_of(v.old, p.old),
                "new_line": line_of(v.new, p.new),
                "old_text": text_of(v.old, p.old),
                "new_text": text_of(v.new, p.new),
                "similarity": (p.similarity as f64 * 1000.0).round() / 1000.0,
                "year_rolled": p.year_rolled,
                "spans": p.spans.iter().map(|sp| SpanJson { op: sp.op, text: &sp.text }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let sections: Vec<Value> = v
        .cmp
        .sections
        .iter()
        .map(|c| {
            json!({
                "old": c.old.map(|h| v.old.heading_line(h)),
                "new": c.new.map(|h| v.new.heading_line(h)),
                "status": match c.status {
                    SectionStatus::Matched => "matched",
                    SectionStatus::Renamed => "renamed",
                    SectionStatus::Added => "added",
                    SectionStatus::Removed => "removed",
                },
                "role": c.role,
                "old_line": c.old.map(|h| v.old.paragraphs()[v.old.headings()[h].paragraph].line),
                "new_line": c.new.map(|h| v.new.paragraphs()[v.new.headings()[h].paragraph].line),
            })
        })
        .collect();
    let figures: Vec<Value> = v
        .cmp
        .figures
        .iter()
        .map(|fp| {
            let of = fp.old.map(|i| &v.old_report.figures[i]);
            let nf = fp.new.map(|i| &v.new_report.figures[i]);
            let any = nf.or(of);
            json!({
                "context": any.map(|f| f.context()),
                "metric": any.and_then(|f| f.metric).map(|m| v.spec.spec.metrics[m].id.as_str()),
                "unit": any.map(|f| &*f.unit),
                "old": of.map(|f| Num(f.value)),
                "new": nf.map(|f| Num(f.value)),
                "change": change_str(fp.change),
                "old_line": of.map(|f| f.position.line),
                "new_line": nf.map(|f| f.position.line),
                "old_text": of.map(|f| f.text.as_str()),
                "new_text": nf.map(|f| f.text.as_str()),
            })
        })
        .collect();
    let plans: Vec<Value> = v
        .cmp
        .plans
        .iter()
        .map(|p| {
            let evidence = p
                .evidence
                .as_ref()
                .filter(|_| p.followed_up)
                .map(|(r, score)| {
                    let pos = v.new.position(r.start);
                    json!({
                        "line": pos.line,
                        "column": pos.column,
                        "text": truncate_chars(&v.new.text()[r.clone()], 80),
                        "score": (*score as f64 * 1000.0).round() / 1000.0,
                    })
                });
            json!({
                "text": p.text,
                "best_score": p.evidence.as_ref().map(|e| (e.1 as f64 * 1000.0).round() / 1000.0),
                "old_line": v.old.position(p.old_range.start).line,
                "followed_up": p.followed_up,
                "evidence": evidence,
            })
        })
        .collect();
    json!({
        "old": {"file": v.old_file, "year": v.old.year()},
        "new": {"file": v.new_file, "year": v.new.year()},
        "summary": {
            "paragraphs_old": s.paragraphs_old,
            "paragraphs_new": s.paragraphs_new,
            "unchanged": s.unchanged,
            "changed": s.changed,
            "added": s.added,
            "removed": s.removed,
            "moved": s.moved,
            "carried_over_ratio": (s.carried_over_ratio * 1000.0).round() / 1000.0,
        },
        "sections": sections,
        "paragraphs": paragraphs,
        "figures": figures,
        "plans": plans,
    })
}

fn safe(s: &str) -> String {
    sanitize_for_display(s).into_owned()
}

fn status_word(s: ParaStatus, lang: Lang) -> &'static str {
    match s {
        ParaStatus::Unchanged => lang.pick("未变", "unchanged"),
        ParaStatus::Changed => lang.pick("修改", "changed"),
        ParaStatus::Added => lang.pick("新增", "added"),
        ParaStatus::Removed => lang.pick("删除", "removed"),
        ParaStatus::Moved => lang.pick("移动", "moved"),
    }
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

fn wrap(paint: Paint, code: &str, s: &str) -> String {
    if paint.enabled {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
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
        wrap(paint, "1", &safe(v.old_file)),
        wrap(paint, "2", &format!("({})", year(v.old.year()))),
        wrap(paint, "1", &safe(v.new_file)),
        wrap(paint, "2", &format!("({})", year(v.new.year())))
    );
    let _ = writeln!(
        o,
        "{}",
        tr!(
            lang,
            "段落：去年{}段，今年{}段；未变{}，修改{}，移动{}，新增{}，删除{}",
            "paragraphs: {} last year, {} this year; {} unchanged, {} changed, {} moved, {} added, {} removed",
            s.paragraphs_old,
            s.paragraphs_new,
            s.unchanged,
            s.changed,
            s.moved,
            s.added,
            s.removed
        )
    );
    let pct = format!("{:.0}%", s.carried_over_ratio * 100.0);
    let gauge = if s.carried_over_ratio >= 0.5 {
        wrap(paint, "31;1", &pct)
    } else {
        wrap(paint, "32", &pct)
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
    let _ = writeln!(o, "\n{}", wrap(paint, "1", lang.pick("结构", "Sections")));
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
            SectionStatus::Added => wrap(paint, "32", &format!("  + {new}")),
            SectionStatus::Removed => wrap(paint, "31", &format!("  - {old}")),
        };
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(
        o,
        "\n{}",
        wrap(paint, "1", lang.pick("段落变化", "Changes"))
    );
    for p in &v.cmp.paragraphs {
        if p.status == ParaStatus::Unchanged {
            continue;
        }
        let lines = match (line_of(v.old, p.old), line_of(v.new, p.new)) {
            (Some(a), Some(b)) => format!("{a}→{b}"),
            (Some(a), None) => format!("{a}→"),
            (None, Some(b)) => format!("→{b}"),
            (None, None) => String::new(),
        };
        let tag = format!("{} {}", pad(status_word(p.status, lang), 4), pad(&lines, 9));
        let body = match p.status {
            ParaStatus::Added => wrap(paint, "32", &safe(text_of(v.new, p.new).unwrap_or(""))),
            ParaStatus::Removed => wrap(paint, "31", &safe(text_of(v.old, p.old).unwrap_or(""))),
            _ if p.spans.is_empty() => safe(text_of(v.new, p.new).unwrap_or("")),
            _ => inline_text(p, paint),
        };
        let tag = match p.status {
            ParaStatus::Added => wrap(paint, "32", &tag),
            ParaStatus::Removed => wrap(paint, "31", &tag),
            ParaStatus::Moved => wrap(paint, "35", &tag),
            _ => wrap(paint, "33", &tag),
        };
        let _ = writeln!(o, "  {tag} {body}");
    }
    let _ = writeln!(
        o,
        "\n{}",
        wrap(
            paint,
            "1",
            lang.pick("数字对比（有变化的）", "Figures (changed)")
        )
    );
    for fp in &v.cmp.figures {
        if fp.change == FigureChange::Same {
            continue;
        }
        let of = fp.old.map(|i| &v.old_report.figures[i]);
        let nf = fp.new.map(|i| &v.new_report.figures[i]);
        let any = nf.or(of);
        let ctx = any
            .map(|f| safe(&truncate_chars(f.context(), 18)))
            .unwrap_or_default();
        let unit = any.map(|f| f.unit.to_string()).unwrap_or_default();
        let val = |f: Option<&crate::core::figures::Figure>| {
            f.map(|f| fmt_value(f.value)).unwrap_or_else(|| "-".into())
        };
        let arrow = match fp.change {
            FigureChange::Up => wrap(paint, "32", "↑"),
            FigureChange::Down => wrap(paint, "31", "↓"),
            FigureChange::New => wrap(paint, "36", lang.pick("新", "new")),
            FigureChange::Dropped => wrap(paint, "2", lang.pick("无", "gone")),
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
            wrap(paint, "1", lang.pick("去年的工作打算", "Last year's plans"))
        );
        for p in &v.cmp.plans {
            let mark = if p.followed_up {
                wrap(paint, "32", "✓")
            } else {
                wrap(paint, "31", "✗")
            };
            let _ = writeln!(o, "  {mark} {}", safe(&truncate_chars(&p.text, 40)));
            if let (true, Some((r, _))) = (p.followed_up, &p.evidence) {
                let pos = v.new.position(r.start);
                let _ = writeln!(
                    o,
                    "      {}",
                    wrap(
                        paint,
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

fn md(s: &str) -> String {
    let s = safe(s);
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '~' | '`' | '|' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// A Markdown redline for a review mail: ~~deleted~~ and **inserted**.
pub fn diff_markdown(v: &DiffView, lang: Lang) -> String {
    let s = &v.cmp.summary;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "## {}\n",
        tr!(
            lang,
            "与上一年度报告对比",
            "Compared with last year's report"
        )
    );
    let _ = writeln!(
        o,
        "{}\n",
        tr!(
            lang,
            "`{}` → `{}`：未变{}段，修改{}段，移动{}段，新增{}段，删除{}段；沿用去年原文 {:.0}%。",
            "`{}` → `{}`: {} unchanged, {} changed, {} moved, {} added, {} removed paragraphs; {:.0}% carried over.",
            v.old_file,
            v.new_file,
            s.unchanged,
            s.changed,
            s.moved,
            s.added,
            s.removed,
            s.carried_over_ratio * 100.0
        )
    );
    for p in &v.cmp.paragraphs {
        if p.status == ParaStatus::Unchanged {
            continue;
        }
        let line = line_of(v.new, p.new).or(line_of(v.old, p.old)).unwrap_or(0);
        let body = match p.status {
            ParaStatus::Added => format!("**{}**", md(text_of(v.new, p.new).unwrap_or(""))),
            ParaStatus::Removed => format!("~~{}~~", md(text_of(v.old, p.old).unwrap_or(""))),
            _ if p.spans.is_empty() => md(text_of(v.new, p.new).unwrap_or("")),
            _ => p
                .spans
                .iter()
                .map(|sp| match sp.op {
                    SpanOp::Equal => md(&sp.text),
                    SpanOp::Insert => format!("**{}**", md(&sp.text)),
                    SpanOp::Delete => format!("~~{}~~", md(&sp.text)),
                })
                .collect(),
        };
        let _ = writeln!(
            o,
            "- *{}* ({}) {}",
            status_word(p.status, lang),
            tr!(lang, "第{line}行", "line {line}"),
            body
        );
    }
    let _ = writeln!(o, "\n### {}\n", lang.pick("数字对比", "Figures"));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        lang.pick("项目", "Context"),
        lang.pick("去年", "Last year"),
        lang.pick("今年", "This year"),
        lang.pick("变化", "Change")
    );
    for fp in &v.cmp.figures {
        let of = fp.old.map(|i| &v.old_report.figures[i]);
        let nf = fp.new.map(|i| &v.new_report.figures[i]);
        let any = nf.or(of);
        let val = |f: Option<&crate::core::figures::Figure>| {
            f.map(|f| format!("{}{}", fmt_value(f.value), f.unit))
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            md(any.map(|f| f.context()).unwrap_or("")),
            val(of),
            val(nf),
            change_str(fp.change)
        );
    }
    if !v.cmp.plans.is_empty() {
        let _ = writeln!(
            o,
            "\n### {}\n",
            lang.pick("去年的工作打算", "Last year's plans")
        );
        for p in &v.cmp.plans {
            let mark = if p.followed_up {
                lang.pick("已落实", "followed up")
            } else {
                lang.pick("未见落实", "not followed up")
            };
            let _ = writeln!(o, "- {} — {}", md(&truncate_chars(&p.text, 60)), mark);
        }
    }
    o
}

fn html_escape(s: &str) -> String {
    let s = safe(s);
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// A standalone HTML page with the redline.
pub fn diff_html(v: &DiffView, lang: Lang) -> String {
    let s = &v.cmp.summary;
    let mut o = String::new();
    let title = tr!(
        lang,
        "与上一年度报告对比",
        "Compared with last year's report"
    );
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.7}}ins{{background:#d4f8d4;text-decoration:none}}del{{background:#fdd;color:#900}}.moved{{border-left:4px solid #a6f;padding-left:.5em}}.added{{border-left:4px solid #3a3;padding-left:.5em}}.removed{{border-left:4px solid #c33;padding-left:.5em;color:#900}}.meta{{color:#777;font-size:.85em}}</style></head><body>",
        lang.pick("zh", "en"),
        html_escape(&title)
    );
    let _ = writeln!(o, "<h1>{}</h1>", html_escape(&title));
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} → {} · {}</p>",
        html_escape(v.old_file),
        html_escape(v.new_file),
        html_escape(&tr!(
            lang,
            "沿用去年原文 {:.0}%",
            "{:.0}% carried over",
            s.carried_over_ratio * 100.0
        ))
    );
    for p in &v.cmp.paragraphs {
        let (class, body) = match p.status {
            ParaStatus::Unchanged => (
                "unchanged",
                html_escape(text_of(v.new, p.new).unwrap_or("")),
            ),
            ParaStatus::Added => (
                "added",
                format!(
                    "<ins>{}</ins>",
                    html_escape(text_of(v.new, p.new).unwrap_or(""))
                ),
            ),
            ParaStatus::Removed => (
                "removed",
                format!(
                    "<del>{}</del>",
                    html_escape(text_of(v.old, p.old).unwrap_or(""))
                ),
            ),
            ParaStatus::Moved if p.spans.is_empty() => {
                ("moved", html_escape(text_of(v.new, p.new).unwrap_or("")))
            }
            _ => (
                if p.status == ParaStatus::Moved {
                    "moved"
                } else {
                    "changed"
                },
                p.spans
                    .iter()
                    .map(|sp| match sp.op {
                        SpanOp::Equal => html_escape(&sp.text),
                        SpanOp::Insert => format!("<ins>{}</ins>", html_escape(&sp.text)),
                        SpanOp::Delete => format!("<del>{}</del>", html_escape(&sp.text)),
                    })
                    .collect(),
            ),
        };
        let _ = writeln!(o, "<p class=\"{class}\">{body}</p>");
    }
    o.push_str("</body></html>\n");
    o
}
