//! The `reportbench` binary: parse the command line, run, map errors to exit
//! codes (0 complete, 1 required items not met, 2 errors).

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and exit 0.
            if !e.use_stderr() {
                let _ = e.print();
                return std::process::ExitCode::SUCCESS;
            }
            // Usage errors: one sentence on stderr, exit 2.
            // clap's first paragraph is the error; usage and tips follow.
            let text = e.to_string();
            let first: Vec<&str> = text
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let first = first.join(" ");
            let first = first.strip_prefix("error: ").unwrap_or(&first);
            eprintln!("reportbench: {first} (see `reportbench --help`)");
            return std::process::ExitCode::from(2);
        }
    };
    match cli::run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            let msg = one_sentence(&e);
            eprintln!(
                "reportbench: {}",
                reportbench::core::text::sanitize_for_display(&msg)
            );
            std::process::ExitCode::from(2)
        }
    }
}

/// The error and its causes as one sentence: each cause after a colon,
/// unless the text so far says it already ("Is a directory (os error 21)"
/// is not repeated after a message that quotes it).
fn one_sentence(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if msg.contains(&text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}
