//! `reportbench review FILE`: the review sidecar with the checklist, the
//! comments re-anchored in the text as it is now.

use super::ExitCode;
use super::args::ReviewFormat;
use super::check::load_and_check;
use super::write_stdout;
use anyhow::Result;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::render::{self, ReviewView};
use std::path::Path;

pub(super) fn run_review(
    file: &Path,
    spec: &CompiledSpec,
    format: ReviewFormat,
    lang: Lang,
) -> Result<ExitCode> {
    use reportbench::core::review::{anchor, line_at};
    let (read, doc, report, review) = load_and_check(file, spec, lang)?;
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
    let v = ReviewView {
        file: &file.display().to_string(),
        format: source.name(),
        report: &report,
        review: &review,
        anchored,
    };
    let out = match format {
        ReviewFormat::Json => render::json::pretty(&render::json::review_json(&v)) + "\n",
        ReviewFormat::Markdown => render::markdown::review_markdown(&v, lang),
    };
    write_stdout(&out)?;
    Ok(0)
}
