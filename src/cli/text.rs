//! `reportbench text FILE`: the text reportbench reads from a file, as the
//! checks see it (line numbers in every output refer to it); what is worth
//! knowing about the reading (unaccepted tracked changes) goes to stderr.

use super::ExitCode;
use super::{load_noting, write_stdout};
use anyhow::Result;
use reportbench::core::lang::Lang;
use reportbench::core::text::sanitize_for_display;
use std::path::Path;

pub(super) fn run_text(file: &Path, lang: Lang) -> Result<ExitCode> {
    let loaded = load_noting(file, lang)?;
    // Line by line, so that a line's control characters are made visible
    // without touching the line ends.
    let mut out = String::with_capacity(loaded.text.len());
    for line in loaded.text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        // A table row's cells stay apart by their tab.
        let shown: Vec<_> = body.split('\t').map(sanitize_for_display).collect();
        out.push_str(&shown.join("\t"));
        out.push_str(end);
    }
    write_stdout(&out)?;
    Ok(0)
}
