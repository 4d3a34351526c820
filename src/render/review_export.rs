//! The review as a document an adviser sends: `review --format markdown`
//! (valid CommonMark: no emphasis next to Chinese punctuation, a comment's
//! words never inside its quote) and `--format html` (a standalone page to
//! print). In the chosen language throughout: the summary, the checklist
//! with each sign-off (and the verdicts it replaced), the metrics with
//! their figures, the problems with
//! their lines, the comments with their quotes and replies, the
//! suggestions with the text and the proposed wording; times as written
//! (local, to the minute), no internal ids.

use super::fmt::md;
use super::model::ReviewView;
use super::text::status_word;
use crate::core::check::Status;
use crate::core::lang::Lang;
use crate::core::review::CommentStatus;
use crate::core::suggestion::SuggestionStatus;
use crate::tr;
use std::fmt::Write as _;

/// A stored time shown to the minute ("2025-03-01T09:30:00+08:00" →
/// "2025-03-01 09:30"); a hand-edited one is escaped like any text.
fn when(t: &str) -> String {
    let head: String = t.chars().take(16).collect();
    inline(&head.replace('T', " "))
}

/// Inline text: escaped, on one line.
fn inline(s: &str) -> String {
    md(&s.replace(['\n', '\r'], " "))
}

/// Where a quote is now, in words.
fn place(at: Option<(usize, bool)>, lang: Lang) -> String {
    match at {
        Some((l, true)) => tr!(lang, "第{}行", "line {}", l),
        Some((l, false)) => tr!(lang, "第{}行（原文已改）", "line {} (text edited since)", l),
        None => lang.pick("原文已删除", "its text is gone").to_owned(),
    }
}

/// `review --format markdown`.
pub fn markdown(v: &ReviewView, lang: Lang) -> String {
    let r = &v.report;
    let mut o = String::new();
    let title = r
        .title
        .as_deref()
        .map(|t| t.replace('\n', " "))
        .unwrap_or_else(|| v.file.to_owned());
    let _ = writeln!(
        o,
        "# {}\n",
        tr!(lang, "审核意见：{}", "Review: {}", inline(&title))
    );
    // The people who reviewed: sign-offs' and comments' authors.
    let mut reviewers: Vec<&str> = v
        .review
        .signoffs
        .iter()
        .map(|s| s.author.as_str())
        .chain(
            v.anchored
                .iter()
                .filter(|(c, _)| !c.is_from_file())
                .map(|(c, _)| c.author.as_str()),
        )
        .chain(
            v.placed
                .iter()
                .filter(|(s, _)| !s.is_from_file())
                .map(|(s, _)| s.author.as_str()),
        )
        .collect();
    reviewers.sort_unstable();
    reviewers.dedup();
    let required = r.items.iter().filter(|i| i.required);
    let (met, total) = required.fold((0, 0), |(m, t), i| {
        (m + usize::from(i.status.is_satisfied()), t + 1)
    });
    let open_comments = v
        .anchored
        .iter()
        .filter(|(c, _)| c.status == CommentStatus::Open)
        .count();
    let open_suggestions = v
        .placed
        .iter()
        .filter(|(s, _)| s.status == SuggestionStatus::Open)
        .count();
    for (k, val) in [
        (lang.pick("文件", "File"), inline(v.file)),
        (
            lang.pick("审核人", "Reviewed by"),
            if reviewers.is_empty() {
                lang.pick("（尚无）", "(no one yet)").to_owned()
            } else {
                inline(&reviewers.join(lang.pick("、", ", ")))
            },
        ),
        (
            lang.pick("总体结论", "Verdict"),
            match &v.review.verdict {
                Some(o) => format!(
                    "{}（{} {}）",
                    o.value.name(lang),
                    inline(&o.author),
                    when(&o.at)
                ),
                None => lang.pick("（尚未给出）", "(not given yet)").to_owned(),
            },
        ),
        (lang.pick("导出时间", "Exported"), when(v.exported_at)),
        (
            lang.pick("概况", "Summary"),
            tr!(
                lang,
                "必备要素{}/{}项已满足；问题{}个；批注{}条（{}条未解决）；修改建议{}条待处理",
                "{}/{} required items met; {} problems; {} comments ({} open); {} suggestions open",
                met,
                total,
                r.lints.len(),
                v.anchored.len(),
                open_comments,
                open_suggestions
            ),
        ),
    ] {
        let _ = writeln!(o, "- {k}{}{val}", lang.pick("：", ": "));
    }

    let _ = writeln!(
        o,
        "\n## {}\n",
        lang.pick("清单与签核", "Checklist and sign-offs")
    );
    let _ = writeln!(
        o,
        "{}",
        lang.pick(
            "| 项目 | 检查结果 | 审核结论 | 理由 | 审核人 |\n|---|---|---|---|---|",
            "| Item | Checked | Sign-off | Reason | By |\n|---|---|---|---|---|"
        )
    );
    for i in &r.items {
        let s = v.review.signoffs.iter().find(|s| s.item == i.id);
        let verdict = s.map(|s| {
            let mut w = s.verdict.name(lang).to_owned();
            for e in &s.history {
                w.push_str(&tr!(
                    lang,
                    "（此前：{}，{} {}）",
                    " (before: {}, {} {})",
                    e.verdict.name(lang),
                    inline(&e.author),
                    when(&e.at)
                ));
            }
            w
        });
        let _ = writeln!(
            o,
            "| {} | {} {} | {} | {} | {} |",
            inline(&i.title),
            i.status.glyph(),
            status_word(i.status, lang),
            verdict.unwrap_or_default(),
            s.map(|s| inline(&s.reason)).unwrap_or_default(),
            s.map(|s| format!("{} {}", inline(&s.author), when(&s.at)))
                .unwrap_or_default(),
        );
    }

    // The figures the checklist counts, metric by metric (what a reviewer
    // looks for first: 行政复议 2宗, 出庭应诉 1次 …).
    if !r.metrics.is_empty() {
        let with_figures = r.metrics.iter().filter(|m| m.status == Status::Met).count();
        let _ = writeln!(
            o,
            "\n## {}\n",
            tr!(
                lang,
                "指标（{}/{}项有数字）",
                "Metrics ({}/{} with figures)",
                with_figures,
                r.metrics.len()
            )
        );
        let _ = writeln!(
            o,
            "{}",
            lang.pick(
                "| 指标 | 检查结果 | 数字 |\n|---|---|---|",
                "| Metric | Checked | Figures |\n|---|---|---|"
            )
        );
        for m in &r.metrics {
            let _ = writeln!(o, "{}", super::markdown::metric_row(m, lang, inline));
        }
    }

    let _ = writeln!(o, "\n## {}\n", lang.pick("问题", "Problems"));
    if r.lints.is_empty() {
        let _ = writeln!(o, "{}", lang.pick("（无）", "(none)"));
    }
    for l in &r.lints {
        let severity = match l.severity.as_str() {
            "error" => lang.pick("错误", "error"),
            "warning" => lang.pick("警告", "warning"),
            _ => lang.pick("提示", "note"),
        };
        let _ = writeln!(
            o,
            "- {}：{}（{}）",
            tr!(lang, "第{}行", "line {}", l.position.line),
            inline(&l.message),
            severity
        );
    }

    let _ = writeln!(o, "\n## {}\n", lang.pick("批注", "Comments"));
    if v.anchored.is_empty() {
        let _ = writeln!(o, "{}\n", lang.pick("（无）", "(none)"));
    }
    for (c, at) in &v.anchored {
        let status = match c.status {
            CommentStatus::Open => lang.pick("未解决", "open"),
            CommentStatus::Resolved => lang.pick("已解决", "resolved"),
        };
        let from = if c.is_from_file() {
            lang.pick(" · Word 批注", " · Word comment")
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "### {} · {} · {} · {}{from}\n",
            place(*at, lang),
            inline(&c.author),
            when(&c.created),
            status
        );
        // The quote, then a blank line: the comment is never part of it.
        let _ = writeln!(o, "> {}\n", inline(&c.quote));
        let _ = writeln!(o, "{}\n", inline(&c.body));
        for reply in &c.replies {
            let _ = writeln!(
                o,
                "- {}（{}）：{}",
                inline(&reply.author),
                when(&reply.created),
                inline(&reply.body)
            );
        }
        if !c.replies.is_empty() {
            o.push('\n');
        }
    }

    if !v.placed.is_empty() {
        let _ = writeln!(o, "## {}\n", lang.pick("修改建议", "Suggested edits"));
    }
    for (s, at) in &v.placed {
        // A Word file's tracked change stands accepted in the text read.
        let from = if s.is_from_file() {
            lang.pick(
                " · Word 修订（文中已按修订显示）",
                " · Word tracked change (shown accepted)",
            )
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "### {} · {} · {} · {}{from}\n",
            place(*at, lang),
            inline(&s.author),
            when(&s.created),
            s.status.name(lang)
        );
        let _ = writeln!(
            o,
            "- {}“{}”",
            lang.pick("原文：", "Text: "),
            inline(&s.quote)
        );
        let _ = writeln!(
            o,
            "- {}“{}”",
            lang.pick("改为：", "Proposed: "),
            inline(&s.replacement)
        );
        if !s.decided_by.is_empty() {
            let _ = writeln!(
                o,
                "- {}：{} {}{}",
                s.status.name(lang),
                inline(&s.decided_by),
                when(&s.decided_at),
                if s.reason.is_empty() {
                    String::new()
                } else {
                    format!("，{}", inline(&s.reason))
                }
            );
        }
        o.push('\n');
    }
    o
}

/// `review --format html`: the same document as a standalone page to print
/// (A4, the text's own fonts), rendered from the Markdown by a CommonMark
/// parser so that the two never say different things.
pub fn html(v: &ReviewView, lang: Lang) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let md = markdown(v, lang);
    let mut body = String::with_capacity(md.len() * 2);
    html::push_html(&mut body, Parser::new_ext(&md, Options::ENABLE_TABLES));
    let title = v
        .report
        .title
        .as_deref()
        .map(|t| t.replace('\n', " "))
        .unwrap_or_else(|| v.file.to_owned());
    let mut esc = String::new();
    let _ = pulldown_cmark_escape_title(&title, &mut esc);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\n{}\n</style></head><body>\n{body}</body></html>\n",
        lang.pick("zh-CN", "en"),
        esc,
        PRINT_CSS
    )
}

/// `s` escaped for HTML text.
fn pulldown_cmark_escape_title(s: &str, out: &mut String) -> std::fmt::Result {
    for c in crate::core::text::sanitize_for_display(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Ok(())
}

/// A plain page that prints on A4.
const PRINT_CSS: &str = "@page { size: A4; margin: 25mm 20mm; }
body { font-family: 'FangSong', 'STFangsong', 'Songti SC', serif; line-height: 1.7; max-width: 46em; margin: 2em auto; color: #111; }
h1 { font-family: 'SimHei', 'Heiti SC', sans-serif; font-size: 1.6em; text-align: center; }
h2 { font-family: 'SimHei', 'Heiti SC', sans-serif; font-size: 1.2em; border-bottom: 1px solid #999; margin-top: 1.6em; }
h3 { font-size: 1em; color: #333; margin-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; vertical-align: top; }
blockquote { margin: 0.3em 0 0.3em 1em; padding-left: 0.8em; border-left: 3px solid #bbb; color: #444; }";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::check::{CheckOptions, check};
    use crate::core::document::Document;
    use crate::core::review::{Comment, Reply, Review};
    use crate::core::spec::CompiledSpec;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    const TEXT: &str =
        "某县2024年度法治政府建设情况报告\n一、主要举措和成效\n全年审核合同38份，*场次待补。\n";

    fn comment(body: &str) -> Comment {
        Comment {
            id: "c-20250301-0001".into(),
            author: "李律师".into(),
            created: "2025-03-01T09:30:00+08:00".into(),
            quote: "全年审核合同38份".into(),
            prefix: String::new(),
            suffix: String::new(),
            line: 3,
            body: body.into(),
            status: CommentStatus::Open,
            replies: vec![Reply {
                author: "王主任".into(),
                created: "2025-03-02T10:00:00+08:00".into(),
                body: "已补充。".into(),
            }],
            origin: None,
        }
    }

    fn export(lang: Lang) -> (String, String) {
        let d = Document::parse(TEXT);
        let report = check(&d, &CompiledSpec::default_spec(), &CheckOptions { lang });
        let review = Review {
            comments: vec![comment("**请**核对：数字与台账不一致。")],
            ..Review::default()
        };
        let c = &review.comments[0];
        let v = ReviewView {
            file: "draft.md",
            format: "markdown",
            report: &report,
            review: &review,
            anchored: vec![(c, Some((3, true)))],
            exported_at: "2025-03-03T08:00:00+08:00",
            placed: Vec::new(),
        };
        (markdown(&v, lang), html(&v, lang))
    }

    #[test]
    fn the_export_is_commonmark_with_the_comment_outside_its_quote() {
        let (md, _) = export(Lang::Zh);
        // The blockquote holds the quote only; the comment is a paragraph of
        // its own; no emphasis comes out of the reviewer's asterisks.
        let mut depth = 0;
        let mut quoted = String::new();
        let mut emphasis = false;
        for e in Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
            match e {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
                Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => emphasis = true,
                Event::Text(t) if depth > 0 => quoted.push_str(&t),
                _ => {}
            }
        }
        assert_eq!(quoted, "全年审核合同38份");
        assert!(!emphasis, "{md}");
        assert!(md.contains("\\*\\*请\\*\\*核对"), "{md}");
        // Chinese throughout: statuses and times as people read them, no ids.
        for word in [
            "审核人：李律师\n",
            "已满足",
            "未解决",
            "2025-03-01 09:30",
            "王主任（2025-03-02 10:00）：已补充。",
        ] {
            assert!(md.contains(word), "{word}: {md}");
        }
        assert!(
            !md.contains("c-20250301") && !md.contains("+08:00") && !md.contains(" met "),
            "{md}"
        );
    }

    #[test]
    fn the_metrics_and_their_figures_are_a_table_of_their_own() {
        let (md, _) = export(Lang::Zh);
        // The figure the checklist counts for a metric, with its line.
        assert!(md.contains("## 指标（"), "{md}");
        let row = md
            .lines()
            .find(|l| l.starts_with("| 合法性审查"))
            .unwrap_or_else(|| panic!("no metric row: {md}"));
        assert!(row.contains("已满足") && row.contains("第3行"), "{row}");
        // A table to a CommonMark reader: one header row per table, and the
        // metrics' cells among the cells.
        let mut cells = Vec::new();
        let mut in_cell = false;
        for e in Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
            match e {
                Event::Start(Tag::TableCell) => {
                    in_cell = true;
                    cells.push(String::new());
                }
                Event::End(TagEnd::TableCell) => in_cell = false,
                Event::Text(t) if in_cell => cells.last_mut().unwrap().push_str(&t),
                _ => {}
            }
        }
        assert!(cells.iter().any(|c| c == "数字"), "{cells:?}");
        assert!(
            cells.iter().any(|c| c.starts_with("合法性审查")),
            "{cells:?}"
        );
    }

    #[test]
    fn the_page_is_the_same_document_standalone() {
        let (md, page) = export(Lang::En);
        assert!(
            page.starts_with("<!DOCTYPE html>")
                && page.contains("<table>")
                && page.contains("<blockquote>")
        );
        assert!(md.contains("Reviewed by: 李律师"), "{md}");
        assert!(page.contains("@page { size: A4"));
        assert!(!page.contains("<script"));
    }
}
