//! `reportbench diff OLD NEW`: last year's report against this year's.

use super::ExitCode;
use super::args::DiffFormat;
use super::{load_noting, write_stdout};
use anyhow::Result;
use reportbench::core::check::{CheckOptions, check};
use reportbench::core::document::Document;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::render::{self, Paint};
use std::path::Path;

pub(super) fn run_diff(
    old: &Path,
    new: &Path,
    spec: &CompiledSpec,
    format: DiffFormat,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    use reportbench::core::compare::{CompareOptions, compare};
    use reportbench::render::DiffView;
    let lo = load_noting(old, lang)?;
    let ln = load_noting(new, lang)?;
    let formats = (lo.source.name(), ln.source.name());
    let od = Document::parse_normalized(lo.text, lo.format);
    let nd = Document::parse_normalized(ln.text, ln.format);
    let opts = CheckOptions { lang };
    let (or, nr) = (check(&od, spec, &opts), check(&nd, spec, &opts));
    let cmp = compare(&od, &nd, &or, &nr, spec, &CompareOptions::default());
    let (of, nf) = (old.display().to_string(), new.display().to_string());
    let view = DiffView {
        old_file: &of,
        new_file: &nf,
        formats,
        old: &od,
        new: &nd,
        old_report: &or,
        new_report: &nr,
        cmp: &cmp,
        spec,
    };
    let out = match format {
        DiffFormat::Json => render::json::pretty(&render::json::diff_json(&view)) + "\n",
        DiffFormat::Text => render::text::diff_text(&view, lang, paint),
        DiffFormat::Markdown => render::markdown::diff_markdown(&view, lang),
        DiffFormat::Html => render::html::diff_html(&view, lang),
    };
    write_stdout(&out)?;
    Ok(0)
}
