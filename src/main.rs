//! The `reportbench` binary: parse the command line, run, map errors to exit
//! codes (0 complete, 1 required items not met, 2 errors).

mod cli;

use reportbench::core::lang::Lang;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let config = reportbench::config::Config::load();
    let lang = cli::early_lang(&args, config.as_ref().ok());
    let parsed = cli::help_zh::parse(lang, &args);
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and exit 0.
            if !e.use_stderr() {
                if lang == Lang::Zh && e.kind() == clap::error::ErrorKind::DisplayHelp {
                    print!("{}", cli::help_zh::help_text(&e.render().to_string()));
                } else {
                    let _ = e.print();
                }
                return std::process::ExitCode::SUCCESS;
            }
            // Usage errors: one sentence on stderr, exit 2.
            let msg = match lang {
                Lang::Zh => format!(
                    "reportbench：{}（见 `reportbench --help`）",
                    cli::help_zh::usage_error(&e)
                ),
                Lang::En => format!(
                    "reportbench: {} (see `reportbench --help`)",
                    cli::help_zh::first_paragraph(&e.to_string())
                ),
            };
            eprintln!("{}", reportbench::core::text::sanitize_for_display(&msg));
            return std::process::ExitCode::from(2);
        }
    };
    match cli::run(cli, config) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            let msg = cli::error_sentence(&e, lang);
            eprintln!(
                "reportbench{}{}",
                lang.pick("：", ": "),
                reportbench::core::text::sanitize_for_display(&msg)
            );
            std::process::ExitCode::from(2)
        }
    }
}
