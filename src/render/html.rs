//! The HTML rendering of the year-over-year comparison: a standalone page.

use super::fmt::html_escape;
use super::model::{DiffView, text_of};
use crate::core::compare::{ParaStatus, SpanOp};
use crate::core::lang::Lang;
use crate::tr;
use std::fmt::Write as _;

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
                match p.status {
                    ParaStatus::Moved => "moved",
                    ParaStatus::Merged => "merged",
                    ParaStatus::Split => "split",
                    _ => "changed",
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
