//! The `reportbench` binary: parse the command line, run, map errors to exit
//! codes (0 complete, 1 required items not met, 2 errors).

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return std::process::ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!(
                "reportbench: {}",
                reportbench::core::text::sanitize_for_display(&msg)
            );
            std::process::ExitCode::from(2)
        }
    }
}
