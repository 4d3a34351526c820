//! `reportbench review FILE`: the review sidecar with the checklist, the
//! comments re-anchored in the text as it is now.

use super::ExitCode;
use super::args::ReviewFormat;
use super::check::load_and_check;
use anyhow::Result;
use reportbench::config::SpecChoice;
use reportbench::core::lang::Lang;
use reportbench::render::{self, ReviewView};
use std::path::Path;

pub(super) fn run_review(
    file: &Path,
    choice: &SpecChoice,
    format: ReviewFormat,
    out: &super::Output,
    config: &reportbench::config::Config,
    lang: Lang,
) -> Result<ExitCode> {
    use reportbench::core::review::{anchor, line_at};
    let mut notes = Vec::new();
    let checked = load_and_check(file, choice, lang, &mut notes);
    for n in notes {
        eprintln!("{n}");
    }
    let (read, doc, report, review, _) = checked?;
    let source = read.source;
    let text = doc.text();
    // The review file's comments, then the document's own (Word's).
    let anchored: Vec<_> = review
        .comments
        .iter()
        .chain(&read.comments)
        .map(|c| {
            (
                c,
                anchor(c, text).map(|a| (line_at(text, a.start), a.exact)),
            )
        })
        .collect();
    // Likewise the review file's suggestions, then the document's tracked
    // changes (placed on their wording: the text is the accepted view).
    let placed: Vec<_> = review
        .suggestions
        .iter()
        .chain(&read.suggestions)
        .map(|s| {
            use reportbench::core::suggestion::Place;
            let at = match s.place_in(text) {
                Place::Current(a) => Some((line_at(text, a.start), true)),
                Place::Outdated(a) => Some((line_at(text, a.start), false)),
                Place::Orphaned => None,
            };
            (s, at)
        })
        .collect();
    let exported_at = reportbench::io::clock::now_rfc3339();
    let v = ReviewView {
        exported_at: &exported_at,
        file: &file.display().to_string(),
        format: source.name(),
        report: &report,
        review: &review,
        anchored,
        placed,
    };
    let text_out = match format {
        ReviewFormat::Json => render::json::pretty(&render::json::review_json(&v)) + "\n",
        ReviewFormat::Markdown => render::review_export::markdown(&v, lang),
        ReviewFormat::Html => render::review_export::html(&v, lang),
        ReviewFormat::Docx => {
            let author = reviewer(config);
            let now = reportbench::io::clock::now_rfc3339();
            let cx = render::docx::review::Context {
                text,
                report: &report,
                author: &author,
                now: &now,
                lang,
            };
            use reportbench::core::text::SourceFormat;
            // A .docx goes back as itself; other documents as a new one.
            let (bytes, left, unplaced) = if source == SourceFormat::Docx {
                let original = std::fs::read(file)?;
                let (notes, left) = render::docx::review::review_notes(&review, &cx);
                let (bytes, unplaced) = render::docx::splice::splice(&original, &notes)?;
                (bytes, left, unplaced.len())
            } else {
                let (doc, left) = render::docx::review::review_doc(&review, &cx);
                (doc.to_docx(), left, 0)
            };
            if !source.is_editable() && source != SourceFormat::Docx {
                eprintln!(
                    "{}",
                    lang.pick(
                        "注意：审核意见写进了一份按读出的文字新建的 Word 文档，原文件的版式没有保留",
                        "note: the review is written into a new Word document of the text read; the original's layout is not kept"
                    )
                );
            }
            if left.orphaned_comments + left.unplaced_suggestions > 0 {
                eprintln!(
                    "{}",
                    reportbench::tr!(
                        lang,
                        "{} 条批注、{} 条修改建议找不到原文位置，已列在标题上的汇总批注里",
                        "{} comments and {} suggestions could not be placed; they are listed in the summary comment on the title",
                        left.orphaned_comments,
                        left.unplaced_suggestions
                    )
                );
            }
            if unplaced > 0 {
                eprintln!(
                    "{}",
                    reportbench::tr!(
                        lang,
                        "{} 条意见在 Word 文档里找不到对应文字，或所在段落含域、图片、超链接等，改为整段批注",
                        "{} notes found no matching text in the Word document, or sit in a paragraph with fields, pictures or links, and became comments on the whole paragraph",
                        unplaced
                    )
                );
            }
            out.binary(&bytes, &[file], lang)?;
            return Ok(0);
        }
    };
    out.text(&text_out, &[file])?;
    Ok(0)
}

/// The reviewer's name: `author:` in config.yaml, else the login name.
fn reviewer(config: &reportbench::config::Config) -> String {
    config
        .author
        .as_ref()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(reportbench::io::clock::login_name)
}

/// `--verdict`: the overall verdict written to the review file (under its
/// lock, merged with what is there), before the export.
pub(super) fn record_verdict(
    file: &Path,
    v: super::args::VerdictArg,
    config: &reportbench::config::Config,
) -> Result<()> {
    use super::args::VerdictArg;
    use reportbench::core::review::{Overall, OverallVerdict};
    let value = match v {
        VerdictArg::Pass => Overall::Pass,
        VerdictArg::Revise => Overall::Revise,
        VerdictArg::Reject => Overall::Reject,
    };
    let verdict = OverallVerdict {
        value,
        author: reviewer(config),
        at: reportbench::io::clock::now_rfc3339(),
    };
    reportbench::io::review::update(file, |r| r.verdict = Some(Box::new(verdict)))?;
    Ok(())
}
