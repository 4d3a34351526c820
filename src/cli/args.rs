//! The command line as clap reads it: the workbench's arguments, the
//! headless commands and their flags.

use clap::{Parser, Subcommand, ValueEnum};
use reportbench::core::lang::Lang;
use reportbench::render::Paint;
use std::io::IsTerminal;
use std::path::PathBuf;

/// reportbench: draft and review annual reports (法治政府建设年度报告) against
/// a checklist of required elements.
#[derive(Debug, Parser)]
#[command(name = "reportbench", version, about, long_about = None)]
pub struct Cli {
    /// What to do (without a command: open FILE in the workbench).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The draft to open.
    pub file: Option<PathBuf>,
    /// Last year's report, for the year-over-year comparison.
    #[arg(long, value_name = "OLD")]
    pub previous: Option<PathBuf>,
    /// Checklist spec: a YAML file, or a name in the config folder's specs/.
    #[arg(long, value_name = "SPEC")]
    pub spec: Option<String>,
    /// Review the draft: the text is read-only; comments (F5) and sign-offs
    /// (F7) go to FILE.review.yaml.
    #[arg(long)]
    pub review: bool,
    /// Workbench theme: dark, light, high-contrast, monochrome, a name in the
    /// config folder's themes/, or a file.
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,
    /// Interface language (default: config, then locale).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// When to colour text output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts against the checklist; exit 0 when every required item is
    /// met, 1 when some is not, 2 on error.
    Check {
        /// The drafts (checked in parallel).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Checklist spec: a YAML file, or a name in the config folder's specs/.
        #[arg(long, value_name = "SPEC")]
        spec: Option<String>,
        /// Last year's report (its year is shown and checked against this one's).
        #[arg(long, value_name = "OLD")]
        previous: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Compare last year's report with this year's: paragraphs, figures,
    /// and last year's plans.
    Diff {
        /// Last year's report.
        old: PathBuf,
        /// This year's report.
        new: PathBuf,
        /// Checklist spec (section roles, metrics, the plans section).
        #[arg(long, value_name = "SPEC")]
        spec: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Write to this file (needed for docx).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace an existing output file.
        #[arg(long)]
        force: bool,
    },
    /// List every figure (number, unit, context, metric) of a draft.
    Metrics {
        /// The draft.
        file: PathBuf,
        /// Checklist spec (for metric ids and units).
        #[arg(long, value_name = "SPEC")]
        spec: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = MetricsFormat::Text)]
        format: MetricsFormat,
    },
    /// Export a draft's review (FILE.review.yaml): the checklist with
    /// sign-offs, and every comment with its quote and where it is now.
    Review {
        /// The draft.
        file: PathBuf,
        /// Checklist spec.
        #[arg(long, value_name = "SPEC")]
        spec: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReviewFormat::Markdown)]
        format: ReviewFormat,
        /// Write to this file (needed for docx).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace an existing output file.
        #[arg(long)]
        force: bool,
        /// Record the reviewer's overall verdict in the review file first
        /// (pass 通过, revise 修改后通过, reject 不通过).
        #[arg(long, value_enum, value_name = "VERDICT")]
        verdict: Option<VerdictArg>,
    },
    /// Print the text reportbench reads from a file (a .docx as a reader of
    /// the page sees it: numbering, tables, notes), so that you can see
    /// exactly what is checked; positions in every output refer to it.
    Text {
        /// The file (.txt, .md or .docx).
        file: PathBuf,
    },
    /// Fix what the tool can fix: renumber a heading run after a gap,
    /// remove web residue lines, make punctuation full-width, roll last
    /// year's years forward in the plans. Prints a
    /// unified diff; `--write` writes the draft (atomically, in its own
    /// encoding).
    Fix {
        /// The draft (a text or Markdown file).
        file: PathBuf,
        /// Only these rules: numbering, web-residue, punctuation, year-consistency (default: all).
        #[arg(long = "rule", value_name = "RULE")]
        rules: Vec<String>,
        /// Write the fixed draft back instead of printing the diff.
        #[arg(long)]
        write: bool,
        /// Checklist spec (which lines are residue depends on it).
        #[arg(long, value_name = "SPEC")]
        spec: Option<String>,
    },
    /// Show the checklist spec in use, list the built-in specs, or print
    /// one to copy and edit.
    Spec {
        /// Print the embedded default spec (YAML) to copy and edit.
        #[arg(long)]
        print_default: bool,
        /// Print a built-in spec (YAML) by name: fazhi-annual, xxgk-annual.
        #[arg(long, value_name = "NAME", conflicts_with = "print_default")]
        print: Option<String>,
        /// List the built-in specs (and those in the config folder's specs/).
        #[arg(long, conflicts_with_all = ["print_default", "print"])]
        list: bool,
        /// The spec to show (a file or a name); validated on the way.
        #[arg(long, value_name = "SPEC")]
        spec: Option<String>,
    },
}

/// `--format` of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Readable report.
    Text,
    /// The JSON contract.
    Json,
    /// Markdown for a review mail.
    Markdown,
    /// `FILE:LINE:COL: SEVERITY: MESSAGE`, one finding per line, for
    /// editors' problem lists (Vim, VS Code, Helix).
    Quickfix,
}

/// `--format` of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A coloured summary, then the changes.
    Text,
    /// The JSON contract.
    Json,
    /// A redline to mail.
    Markdown,
    /// A standalone HTML page.
    Html,
    /// A Word redline: last year's words as tracked deletions, this year's
    /// as insertions (needs -o).
    Docx,
}

/// `--format` of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Markdown, to send by mail.
    Markdown,
    /// JSON, for scripts.
    Json,
    /// A Word document: comments in the margin, suggestions as tracked
    /// changes (needs -o).
    Docx,
    /// A standalone page to print.
    Html,
}

/// `--verdict` of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    /// 通过.
    Pass,
    /// 修改后通过.
    Revise,
    /// 不通过.
    Reject,
}

/// `--format` of `metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricsFormat {
    /// A table.
    Text,
    /// A JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// ANSI colour or none, for this choice and this stdout.
    pub fn paint(self) -> Paint {
        let enabled = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Paint { enabled }
    }
}
