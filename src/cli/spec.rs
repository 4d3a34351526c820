//! `reportbench spec`: the spec in use, or the embedded default.

use super::ExitCode;
use super::write_stdout;
use anyhow::Result;
use reportbench::config::{self, Config};
use reportbench::core::lang::Lang;
use reportbench::render;

pub(super) fn run_spec(
    print_default: bool,
    spec: Option<&str>,
    config: &Config,
    lang: Lang,
) -> Result<ExitCode> {
    if print_default {
        write_stdout(reportbench::io::config_files::default_spec_yaml())?;
        return Ok(0);
    }
    let s = config::resolve_spec(spec, config)?;
    write_stdout(&render::text::spec_text(&s, lang))?;
    Ok(0)
}
