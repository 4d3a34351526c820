//! The command line: [`args`] (what clap reads), [`run`] (which command),
//! and one file per command — `check`, `diff`, `metrics`, `review`, `spec`,
//! `text`, and `workbench` (no command: open the file in the terminal UI). Each
//! loads, calls the core, renders through `reportbench::render` and prints.

pub mod args;
mod check;
mod diff;
mod fix;
pub mod help_zh;
mod metrics;
mod review;
mod spec;
mod text;
mod workbench;

use anyhow::Result;
pub use args::Cli;
use args::Command;
use reportbench::config::{self, Config};
use reportbench::core::lang::Lang;
use reportbench::core::text::sanitize_for_display;
use std::io::Write;

/// The language of the help and of errors, known before the command line
/// is parsed: `--lang` wherever it is written, else the config's `lang:`
/// (when it could be read), else the locale.
pub fn early_lang(args: &[std::ffi::OsString], config: Option<&Config>) -> Lang {
    let mut flag = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(v) => v.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        match value.as_deref() {
            Some("zh") => flag = Some(Lang::Zh),
            Some("en") => flag = Some(Lang::En),
            _ => {}
        }
    }
    config::resolve_lang(flag, config.unwrap_or(&Config::default()))
}

/// An error and its causes as one sentence in `lang`: each cause after a
/// colon, unless the text so far says it already ("Is a directory (os
/// error 21)" is not repeated after a message that quotes it).
pub fn error_sentence(e: &anyhow::Error, lang: Lang) -> String {
    let mut so_far = String::new();
    let mut causes = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if so_far.contains(&text) {
            continue;
        }
        so_far.push_str(&text);
        causes.push(text);
    }
    reportbench::core::messages::localize_chain(&causes, lang)
}

/// What a command concluded: the process exit code.
pub type ExitCode = u8;

/// Runs the command line; returns the exit code (errors are returned for the
/// caller to print as one sentence and exit 2).
pub fn run(cli: Cli, config: Result<Config>) -> Result<ExitCode> {
    // `--lang` and `--color` go anywhere; the workbench's own options
    // before a command would be silently ignored: said instead.
    if cli.command.is_some()
        && (cli.file.is_some()
            || cli.previous.is_some()
            || cli.spec.is_some()
            || cli.review
            || cli.theme.is_some())
    {
        anyhow::bail!(
            "a file, --previous, --spec, --review and --theme before a command are the workbench's; put a command's options after it (`reportbench check --spec NAME FILE`)"
        );
    }
    // Read once, by `main` (the language of errors depends on it too).
    let config = config?;
    let lang = config::resolve_lang(cli.lang.map(Into::into), &config);
    let paint = cli.color.paint();
    match cli.command {
        Some(Command::Check {
            files,
            spec,
            previous,
            format,
        }) => {
            let spec = config::resolve_spec_choice(spec.as_deref(), &config)?;
            check::run_check(&files, &spec, previous.as_deref(), format, lang, paint)
        }
        Some(Command::Diff {
            old,
            new,
            spec,
            format,
            output,
            force,
        }) => {
            let spec = config::resolve_spec_choice(spec.as_deref(), &config)?;
            let out = Output::new(output, force);
            diff::run_diff(&old, &new, &spec, format, &out, lang, paint)
        }
        Some(Command::Metrics { file, spec, format }) => {
            let spec = config::resolve_spec_choice(spec.as_deref(), &config)?;
            metrics::run_metrics(&file, &spec, format, lang, paint)
        }
        Some(Command::Review {
            file,
            spec,
            format,
            output,
            force,
            verdict,
        }) => {
            let spec = config::resolve_spec_choice(spec.as_deref(), &config)?;
            if let Some(v) = verdict {
                review::record_verdict(&file, v, &config)?;
            }
            let out = Output::new(output, force);
            review::run_review(&file, &spec, format, &out, &config, lang)
        }
        Some(Command::Text { file }) => text::run_text(&file, lang),
        Some(Command::Fix {
            file,
            rules,
            write,
            spec,
        }) => {
            let spec = config::resolve_spec_choice(spec.as_deref(), &config)?;
            fix::run_fix(&file, &rules, write, &spec, lang)
        }
        Some(Command::Spec {
            print_default,
            print,
            list,
            spec,
        }) => {
            if list {
                spec::run_list(lang)
            } else {
                let print = print.or(print_default.then(|| "fazhi-annual".to_owned()));
                spec::run_spec(print.as_deref(), spec.as_deref(), &config, lang)
            }
        }
        None => workbench::run_workbench(cli, &config, lang, paint),
    }
}

/// Loads a file for a command, telling on stderr what is worth knowing
/// about the reading (a .docx's unaccepted tracked changes).
fn load_noting(
    path: &std::path::Path,
    lang: reportbench::core::lang::Lang,
) -> Result<reportbench::core::text::Loaded> {
    let mut notes = Vec::new();
    let loaded = load_with_notes(path, lang, &mut notes)?;
    for n in notes {
        eprintln!("{n}");
    }
    Ok(loaded)
}

/// Loads a file for a command; what is worth knowing about the reading
/// goes to `notes` as lines for stderr (safe for a terminal), for a caller
/// that prints them in its own order.
fn load_with_notes(
    path: &std::path::Path,
    lang: reportbench::core::lang::Lang,
    notes: &mut Vec<String>,
) -> Result<reportbench::core::text::Loaded> {
    let loaded = reportbench::io::load::load(path)?;
    for note in &loaded.notes {
        notes.push(
            sanitize_for_display(&format!("{}: {}", path.display(), note.message(lang)))
                .into_owned(),
        );
    }
    Ok(loaded)
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
/// Where a command's output goes: stdout, or `-o OUT`.
pub(crate) struct Output {
    file: Option<std::path::PathBuf>,
    force: bool,
}

impl Output {
    fn new(file: Option<std::path::PathBuf>, force: bool) -> Self {
        Output { file, force }
    }

    /// Writes text to the file or stdout.
    fn text(&self, s: &str, inputs: &[&std::path::Path]) -> Result<()> {
        match &self.file {
            Some(f) => Ok(reportbench::io::output::write_output(
                f,
                s.as_bytes(),
                inputs,
                self.force,
            )?),
            None => write_stdout(s),
        }
    }

    /// Writes `v` as JSON (safe for a terminal, see
    /// [`reportbench::render::json::write_pretty`]) to the file, or straight to stdout
    /// as it is produced (a long report's comparison is never held whole).
    fn json<T: serde::Serialize>(&self, v: &T, inputs: &[&std::path::Path]) -> Result<()> {
        if let Some(f) = &self.file {
            let mut bytes = Vec::new();
            reportbench::render::json::write_pretty(v, &mut bytes)?;
            return Ok(reportbench::io::output::write_output(
                f, &bytes, inputs, self.force,
            )?);
        }
        let out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        match reportbench::render::json::write_pretty(v, out) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(Into::into),
        }
    }

    /// Writes a binary document: the file is required.
    fn binary(&self, bytes: &[u8], inputs: &[&std::path::Path], lang: Lang) -> Result<()> {
        match &self.file {
            Some(f) => {
                reportbench::io::output::write_output(f, bytes, inputs, self.force)?;
                eprintln!(
                    "{}",
                    reportbench::tr!(
                        lang,
                        "已写入 {}",
                        "written: {}",
                        sanitize_for_display(&f.display().to_string())
                    )
                );
                Ok(())
            }
            None => anyhow::bail!(
                "{}",
                lang.pick(
                    "Word 文档要写进文件：请用 -o 文件名.docx 指定",
                    "a Word document goes to a file: give -o OUT.docx"
                )
            ),
        }
    }
}

fn write_stdout(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Into::into),
    }
}
