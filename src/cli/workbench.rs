//! No command: open the draft in the workbench (the terminal UI), or print
//! its checklist when stdin or stdout is not a terminal.

use super::ExitCode;
use super::args::{CheckFormat, Cli};
use anyhow::{Result, anyhow};
use reportbench::app::state::{Start, State};
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
    let choice = config::resolve_spec_choice(cli.spec.as_deref(), config)?;
    // The workbench needs a terminal; piped or redirected, print the
    // checklist instead.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return super::check::run_check(
            &[file],
            &choice,
            cli.previous.as_deref(),
            CheckFormat::Text,
            lang,
            paint,
        );
    }
    let theme = config::resolve_theme(cli.theme.as_deref(), config)?;
    let keymap = config.keymap()?;
    // Its time and size before it is read: a change made after this
    // point is seen at the first look at the disk.
    let seen = reportbench::tui::file_stamp(&file);
    let file = load(&file)?;
    let (spec, note) = choice.for_text(&file.text);
    let spec = spec.clone();
    let spec_note = note.map(|n| n.message(&file.path.display().to_string(), lang));
    let previous = match &cli.previous {
        Some(p) => Some(load(p)?),
        None => None,
    };
    let author = config
        .author
        .as_ref()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(reportbench::io::clock::login_name);
    let dir = reportbench::io::recovery::default_dir();
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let start = Start {
        file,
        previous,
        spec,
        keymap,
        lang,
        author,
        // A reviewer does not edit: no edit lock (the writer keeps
        // working); the recovery folder only keeps a comment being typed
        // when the connection drops.
        review_mode: cli.review,
        recovery: dir.is_some(),
        size,
        spec_note,
        seen,
    };
    let (mut state, effects) = State::new(start, reportbench::tui::now());
    state.set_home(std::env::var_os("HOME").map(std::path::PathBuf::from));
    state.set_osc52(config.clipboard == reportbench::config::Clipboard::Osc52);
    reportbench::tui::run(state, effects, theme, dir)?;
    Ok(0)
}
