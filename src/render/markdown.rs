//! Markdown renderings, to paste into a review mail: the checklist of a
//! file and the year-over-year redline.

use super::fmt::{fmt_value, md, md_cell};
use super::json::change_str;
use super::model::{Checked, DiffView, lines_label, new_text_of, text_of};
use super::text::{para_status_word, status_word};
use crate::core::compare::{ParaStatus, SpanOp};
use crate::core::lang::Lang;
use crate::core::text::truncate_chars;
use crate::tr;
use std::fmt::Write as _;

/// Markdown suitable for pasting into a review mail.
pub fn check_markdown(c: &Checked, lang: Lang) -> String {
    let r = &c.report;
    let mut o = String::new();
    let title = r
        .title
        .as_deref()
        .map(|t| t.replace('\n', " "))
        .unwrap_or_else(|| c.file.clone());
    let _ = writeln!(o, "## {}\n", md_cell(&title));
    let year = r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    let (met, total) = r.required_counts();
    let _ = writeln!(
        o,
        "{}\n",
        tr!(
            lang,
            "文件 `{}`，{year}年度，清单 {} v{}：必备要素 {met}/{total} 已满足。",
            "File `{}`, year {year}, spec {} v{}: {met}/{total} required items met.",
            md_cell(&c.file),
            r.spec_id,
            r.spec_version
        )
    );
    let _ = writeln!(o, "### {}\n", lang.pick("必备要素", "Required items"));
    let _ = writeln!(
        o,
        "| {} | {} | {} |\n|---|---|---|",
        lang.pick("要素", "Item"),
        lang.pick("状态", "Status"),
        lang.pick("说明", "Notes")
    );
    for i in &r.items {
        let opt = if i.required {
            ""
        } else {
            lang.pick("（可选）", " (optional)")
        };
        let _ = writeln!(
            o,
            "| {}{opt} | {} {} | {} |",
            md_cell(&i.title),
            i.status.glyph(),
            status_word(i.status, lang),
            md_cell(&i.message)
        );
    }
    let _ = writeln!(o, "\n### {}\n", lang.pick("指标", "Metrics"));
    let _ = writeln!(
        o,
        "| {} | {} | {} |\n|---|---|---|",
        lang.pick("指标", "Metric"),
        lang.pick("状态", "Status"),
        lang.pick("说明", "Notes")
    );
    for m in &r.metrics {
        let _ = writeln!(o, "{}", metric_row(m, lang, md_cell));
    }
    let _ = writeln!(o, "\n### {}\n", lang.pick("问题", "Lints"));
    if r.lints.is_empty() {
        let _ = writeln!(o, "{}", lang.pick("无。", "None."));
    }
    for l in &r.lints {
        let _ = writeln!(
            o,
            "- **{}** {} {}:{} — {}",
            l.severity.name(lang),
            crate::core::spec::lint_rule_name(l.rule, lang),
            l.position.line,
            l.position.column,
            md_cell(&l.message)
        );
    }
    o
}

/// A metric as a Markdown table row (name, status, what the check found),
/// its cells escaped by `cell` (a check report's cells, or a review
/// export's, which also keeps emphasis marks as text).
pub(crate) fn metric_row(
    m: &crate::core::check::MetricResult,
    lang: Lang,
    cell: fn(&str) -> String,
) -> String {
    format!(
        "| {} | {} {} | {} |",
        cell(&m.label),
        m.status.glyph(),
        status_word(m.status, lang),
        cell(&m.message)
    )
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
            "`{}` → `{}`：未变{}段，修改{}段，移动{}段，新增{}段，删除{}段{}；沿用去年原文 {:.0}%。",
            "`{}` → `{}`: {} unchanged, {} changed, {} moved, {} added, {} removed paragraphs{}; {:.0}% carried over.",
            md_cell(v.old_file),
            md_cell(v.new_file),
            s.unchanged,
            s.changed,
            s.moved,
            s.added,
            s.removed,
            crate::core::compare::joined_counts(s, lang, "，", ", "),
            s.carried_over_ratio * 100.0
        )
    );
    for p in &v.cmp.paragraphs {
        if p.status == ParaStatus::Unchanged {
            continue;
        }
        let line = lines_label(v.new, p.new_all())
            .or(lines_label(v.old, p.old_all()))
            .unwrap_or_default();
        let body = match p.status {
            ParaStatus::Added => format!("**{}**", md(text_of(v.new, p.new).unwrap_or(""))),
            ParaStatus::Removed => format!("~~{}~~", md(text_of(v.old, p.old).unwrap_or(""))),
            _ if p.spans.is_empty() => md(&new_text_of(v.new, p).unwrap_or_default()),
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
            para_status_word(p.status, lang),
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
        let of = fp.old.map(|i| &v.old_figures[i]);
        let nf = fp.new.map(|i| &v.new_figures[i]);
        let any = nf.or(of);
        let val = |f: Option<&crate::core::figures::Figure>| {
            f.map(|f| format!("{}{}", fmt_value(f.value), md_cell(&f.unit)))
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
