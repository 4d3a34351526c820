//! `reportbench diff OLD NEW`: last year's report against this year's.

use super::ExitCode;
use super::args::DiffFormat;
use super::load_noting;
use anyhow::Result;
use reportbench::config::SpecChoice;
use reportbench::core::check::{CheckOptions, figures_of};
use reportbench::core::document::Document;
use reportbench::core::lang::Lang;
use reportbench::render::{self, Paint};
use std::path::Path;

pub(super) fn run_diff(
    old: &Path,
    new: &Path,
    choice: &SpecChoice,
    format: DiffFormat,
    out: &super::Output,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    use reportbench::core::compare::{CompareOptions, align};
    use reportbench::render::DiffView;
    let lo = load_noting(old, lang)?;
    let ln = load_noting(new, lang)?;
    let formats = (lo.source.name(), ln.source.name());
    // Both years are read with the spec this year's report calls for.
    let spec = super::check::spec_for(choice, new, &ln.text, lang);
    let od = Document::parse_normalized(lo.text, lo.format);
    let nd = Document::parse_normalized(ln.text, ln.format);
    let opts = CheckOptions { lang };
    // The paragraphs first; then only the figures of each year's check (the
    // checklist and the lints are not shown), worked out once the
    // alignment's working memory is freed.
    let aligned = align(&od, &nd, &CompareOptions::default());
    let (of, nf) = (figures_of(&od, spec, &opts), figures_of(&nd, spec, &opts));
    let cmp = aligned.compare(&od, &nd, &of, &nf, spec);
    // A pair that looks wrong is said on stderr (and in JSON `warnings`).
    let warnings = reportbench::core::compare::pair_warnings(&od, &nd);
    for w in &warnings {
        eprintln!("reportbench{}{}", lang.pick("：", ": "), w.message(lang));
    }
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    let view = DiffView {
        old_file: &old_name,
        new_file: &new_name,
        formats,
        old: &od,
        new: &nd,
        old_figures: &of,
        new_figures: &nf,
        cmp: &cmp,
        spec,
        warnings: &warnings,
        lang,
    };
    let inputs = [old, new];
    let text = match format {
        DiffFormat::Json => {
            out.json(&render::json_diff::diff_json(&view), &inputs)?;
            return Ok(0);
        }
        DiffFormat::Text => render::text::diff_text(&view, lang, paint),
        DiffFormat::Markdown => render::markdown::diff_markdown(&view, lang),
        DiffFormat::Html => render::html::diff_html(&view, lang),
        DiffFormat::Docx => {
            use reportbench::io::output::modified_rfc3339;
            let now = reportbench::io::clock::now_rfc3339();
            let (od_date, nd_date) = (
                modified_rfc3339(old).unwrap_or_else(|| now.clone()),
                modified_rfc3339(new).unwrap_or_else(|| now.clone()),
            );
            let sides = render::docx::redline::Sides {
                old_author: lang.pick("去年", "last year"),
                old_date: &od_date,
                new_author: lang.pick("今年", "this year"),
                new_date: &nd_date,
            };
            let doc = render::docx::redline::redline_doc(&od, &nd, &cmp, &sides, lang);
            out.binary(&doc.to_docx(), &inputs, lang)?;
            return Ok(0);
        }
    };
    out.text(&text, &inputs)?;
    Ok(0)
}
