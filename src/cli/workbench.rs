//! No command: open the draft in the workbench (the terminal UI), or print
//! its checklist when stdin or stdout is not a terminal.

use super::ExitCode;
use super::args::{CheckFormat, Cli};
use anyhow::{Result, anyhow};
use reportbench::config::{self, Config};
use reportbench::core::lang::Lang;
use reportbench::io::load::load;
use reportbench::render::Paint;
use std::io::IsTerminal;

/// Opens `cli.file` in the workbench.
pub fn run_workbench(cli: Cli, config: &Config, lang: Lang, paint: Paint) -> Result<ExitCode> {
    let Some(file) = cli.file else {
        return Err(anyhow!(
            "no file given: try `reportbench FILE`, or `reportbench --help`"
        ));
    };
    let spec = config::resolve_spec(cli.spec.as_deref(), config)?;
    // The workbench needs a terminal; piped or redirected, print the
    // checklist instead.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return super::check::run_check(
            &[file],
            &spec,
            cli.previous.as_deref(),
            CheckFormat::Text,
            lang,
            paint,
        );
    }
    let theme = config::resolve_theme(cli.theme.as_deref(), config)?;
    let keymap = config.keymap()?;
    let loaded = load(&file)?;
    let previous = match &cli.previous {
        Some(p) => Some(load(p)?),
        None => None,
    };
    let mut app = reportbench::app::state::App::new(loaded, spec, keymap, theme, lang);
    if let Some(name) = config.author.as_ref().filter(|a| !a.trim().is_empty()) {
        app.author = name.trim().to_owned();
    }
    if let Some(p) = previous {
        app.set_previous(p);
    }
    app.load_review();
    if cli.review {
        // A reviewer does not edit: no edit lock (the writer keeps
        // working); the recovery folder only keeps a comment being
        // typed when the connection drops.
        app.start_review_mode();
    } else {
        app.take_lock();
    }
    if let Some(dir) = reportbench::io::recovery::default_dir() {
        app.enable_recovery(dir);
    }
    reportbench::tui::run(app)?;
    Ok(0)
}
