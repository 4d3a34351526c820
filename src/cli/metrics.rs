//! `reportbench metrics FILE`: every figure of a draft.

use super::ExitCode;
use super::args::MetricsFormat;
use super::{load_noting, write_stdout};
use anyhow::Result;
use reportbench::config::SpecChoice;
use reportbench::core::check::{CheckOptions, check};
use reportbench::core::document::Document;
use reportbench::core::lang::Lang;
use reportbench::render::{self, Paint};
use std::path::Path;

pub(super) fn run_metrics(
    file: &Path,
    choice: &SpecChoice,
    format: MetricsFormat,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    let loaded = load_noting(file, lang)?;
    let spec = super::check::spec_for(choice, file, &loaded.text, lang);
    let doc = Document::parse_normalized(loaded.text, loaded.format);
    let report = check(&doc, spec, &CheckOptions { lang });
    let out = match format {
        MetricsFormat::Json => {
            let figures = render::json::figures_json(&report.figures, spec);
            super::Output::new(None, false).json(&figures, &[])?;
            return Ok(0);
        }
        MetricsFormat::Csv => {
            let csv = render::csv::figures_csv(&report.figures, spec, lang);
            // The byte-order mark is for a file Excel opens, never for a
            // terminal to show.
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() {
                csv.trim_start_matches('\u{feff}').to_owned()
            } else {
                csv
            }
        }
        MetricsFormat::Text => render::text::figures_text(&report.figures, spec, lang, paint),
    };
    write_stdout(&out)?;
    Ok(0)
}
