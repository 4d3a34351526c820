//! The command line: clap definitions and the headless commands
//! (`check`, `metrics`, `spec`).

use anyhow::{Result, anyhow};
use clap::{Parser, Subcommand, ValueEnum};
use reportbench::core::check::{CheckOptions, check};
use reportbench::core::document::Document;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::io::config::{self, Config};
use reportbench::io::load::load;
use reportbench::io::output::{self, Checked, Paint, PreviousRef};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// reportbench: draft and review annual reports (法治政府建设年度报告) against
/// a checklist of required elements.
#[derive(Debug, Parser)]
#[command(name = "reportbench", version, about, long_about = None, args_conflicts_with_subcommands = true)]
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
    },
    /// Show the checklist spec in use, or print the embedded default.
    Spec {
        /// Print the embedded default spec (YAML) to copy and edit.
        #[arg(long)]
        print_default: bool,
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
}

/// `--format` of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Markdown, to send by mail.
    Markdown,
    /// JSON, for scripts.
    Json,
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
    fn paint(self) -> Paint {
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

/// What a command concluded: the process exit code.
pub type ExitCode = u8;

/// Runs the command line; returns the exit code (errors are returned for the
/// caller to print as one sentence and exit 2).
pub fn run(cli: Cli) -> Result<ExitCode> {
    let config = Config::load()?;
    let lang = config::resolve_lang(cli.lang.map(Into::into), &config);
    let paint = cli.color.paint();
    match cli.command {
        Some(Command::Check {
            files,
            spec,
            previous,
            format,
        }) => {
            let spec = config::resolve_spec(spec.as_deref(), &config)?;
            run_check(&files, &spec, previous.as_deref(), format, lang, paint)
        }
        Some(Command::Diff {
            old,
            new,
            spec,
            format,
        }) => {
            let spec = config::resolve_spec(spec.as_deref(), &config)?;
            run_diff(&old, &new, &spec, format, lang, paint)
        }
        Some(Command::Metrics { file, spec, format }) => {
            let spec = config::resolve_spec(spec.as_deref(), &config)?;
            run_metrics(&file, &spec, format, lang, paint)
        }
        Some(Command::Review { file, spec, format }) => {
            let spec = config::resolve_spec(spec.as_deref(), &config)?;
            run_review(&file, &spec, format, lang)
        }
        Some(Command::Spec {
            print_default,
            spec,
        }) => run_spec(print_default, spec.as_deref(), &config, lang),
        None => {
            let Some(file) = cli.file else {
                return Err(anyhow!(
                    "no file given: try `reportbench FILE`, or `reportbench --help`"
                ));
            };
            let spec = config::resolve_spec(cli.spec.as_deref(), &config)?;
            // The workbench needs a terminal; piped or redirected, print the
            // checklist instead.
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                return run_check(
                    &[file],
                    &spec,
                    cli.previous.as_deref(),
                    CheckFormat::Text,
                    lang,
                    paint,
                );
            }
            let theme = config::resolve_theme(cli.theme.as_deref(), &config)?;
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
    }
}

/// Last year's report, loaded and checked once for every file compared with it.
pub struct Previous {
    file: String,
    doc: Document,
    report: reportbench::core::check::Report,
}

/// Loads and checks one file (and compares it with last year's, if given).
fn check_one(
    path: &Path,
    spec: &CompiledSpec,
    previous: Option<&Previous>,
    lang: Lang,
) -> Result<Checked> {
    use reportbench::core::compare::{CompareOptions, compare};
    let (encoding, doc, report, _) = load_and_check(path, spec, lang)?;
    let previous = previous.map(|p| {
        let deadline = Some(std::time::Instant::now() + std::time::Duration::from_secs(5));
        let cmp = compare(
            &p.doc,
            &doc,
            &p.report,
            &report,
            spec,
            &CompareOptions { deadline },
        );
        PreviousRef {
            file: p.file.clone(),
            year: p.doc.year(),
            carried_over_ratio: Some((cmp.summary.carried_over_ratio * 1000.0).round() / 1000.0),
        }
    });
    Ok(Checked {
        file: path.display().to_string(),
        encoding: encoding.name(),
        report,
        previous,
    })
}

/// Loads a draft and checks it, with the "not applicable" sign-offs of its
/// review sidecar applied.
fn load_and_check(
    path: &Path,
    spec: &CompiledSpec,
    lang: Lang,
) -> Result<(
    reportbench::io::Encoding,
    Document,
    reportbench::core::check::Report,
    reportbench::core::review::Review,
)> {
    let loaded = load(path)?;
    let doc = Document::parse_normalized(loaded.text, loaded.format);
    let mut report = check(&doc, spec, &CheckOptions { lang });
    let review = reportbench::io::review::read(path)?;
    report.apply_na(review.na_items(), lang);
    Ok((loaded.encoding, doc, report, review))
}

/// Checks files in parallel (at most one thread per core), keeping order.
pub fn check_files(
    files: &[PathBuf],
    spec: &CompiledSpec,
    previous: Option<&Previous>,
    lang: Lang,
) -> Vec<Result<Checked>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(files.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<Checked>>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let r = check_one(path, spec, previous, lang);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(anyhow!("the check did not finish")))
        })
        .collect()
}

fn run_check(
    files: &[PathBuf],
    spec: &CompiledSpec,
    previous: Option<&Path>,
    format: CheckFormat,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    let previous = match previous {
        Some(p) => {
            let l = load(p)?;
            let doc = Document::parse_normalized(l.text, l.format);
            let report = check(&doc, spec, &CheckOptions { lang });
            Some(Previous {
                file: p.display().to_string(),
                doc,
                report,
            })
        }
        None => None,
    };
    let results = check_files(files, spec, previous.as_ref(), lang);
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for (path, r) in files.iter().zip(results) {
        match r {
            Ok(c) => ok.push(c),
            Err(e) => {
                eprintln!(
                    "reportbench: {}",
                    reportbench::core::text::sanitize_for_display(&format!("{e:#}"))
                );
                errors.push((path.display().to_string(), format!("{e:#}")));
            }
        }
    }
    if let Some(prev) = &previous {
        for c in &ok {
            if let (Some(py), Some(y)) = (prev.doc.year(), c.report.year)
                && py + 1 != y
            {
                eprintln!(
                    "{}",
                    reportbench::tr!(
                        lang,
                        "注意：{}是{y}年度的报告，而上一年度报告 {} 是{py}年度的",
                        "note: {} reports on {y} but the previous report {} is for {py}",
                        c.file,
                        prev.file
                    )
                );
            }
        }
    }
    let mut out = String::new();
    match format {
        CheckFormat::Json => {
            let v = if files.len() == 1 {
                ok.first()
                    .map(output::check_json)
                    .unwrap_or(serde_json::Value::Null)
            } else {
                serde_json::Value::Array(ok.iter().map(output::check_json).collect())
            };
            if !(files.len() == 1 && ok.is_empty()) {
                out = serde_json::to_string_pretty(&v)? + "\n";
            }
        }
        CheckFormat::Markdown => {
            for c in &ok {
                out.push_str(&output::check_markdown(c, lang));
                out.push('\n');
            }
        }
        CheckFormat::Text => {
            for c in &ok {
                out.push_str(&output::check_text(c, lang, paint));
                out.push('\n');
            }
            if files.len() > 1 {
                out.push_str(&output::summary_table(&ok, &errors, lang, paint));
            }
        }
    }
    write_stdout(&out)?;
    Ok(if !errors.is_empty() {
        2
    } else if ok.iter().all(|c| c.report.complete()) {
        0
    } else {
        1
    })
}

fn run_diff(
    old: &Path,
    new: &Path,
    spec: &CompiledSpec,
    format: DiffFormat,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    use reportbench::core::compare::{CompareOptions, compare};
    use reportbench::io::diff_output::{self, DiffView};
    let lo = load(old)?;
    let ln = load(new)?;
    let od = Document::parse_normalized(lo.text, lo.format);
    let nd = Document::parse_normalized(ln.text, ln.format);
    let opts = CheckOptions { lang };
    let (or, nr) = (check(&od, spec, &opts), check(&nd, spec, &opts));
    // A generous bound so that pathological inputs cannot run away.
    let deadline = Some(std::time::Instant::now() + std::time::Duration::from_secs(5));
    let cmp = compare(&od, &nd, &or, &nr, spec, &CompareOptions { deadline });
    let (of, nf) = (old.display().to_string(), new.display().to_string());
    let view = DiffView {
        old_file: &of,
        new_file: &nf,
        old: &od,
        new: &nd,
        old_report: &or,
        new_report: &nr,
        cmp: &cmp,
        spec,
    };
    let out = match format {
        DiffFormat::Json => serde_json::to_string_pretty(&diff_output::diff_json(&view))? + "\n",
        DiffFormat::Text => diff_output::diff_text(&view, lang, paint),
        DiffFormat::Markdown => diff_output::diff_markdown(&view, lang),
        DiffFormat::Html => diff_output::diff_html(&view, lang),
    };
    write_stdout(&out)?;
    Ok(0)
}

fn run_metrics(
    file: &Path,
    spec: &CompiledSpec,
    format: MetricsFormat,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    let loaded = load(file)?;
    let doc = Document::parse_normalized(loaded.text, loaded.format);
    let report = check(&doc, spec, &CheckOptions { lang });
    let out = match format {
        MetricsFormat::Json => {
            serde_json::to_string_pretty(&output::figures_json(&report.figures, spec))? + "\n"
        }
        MetricsFormat::Csv => output::figures_csv(&report.figures, spec),
        MetricsFormat::Text => output::figures_text(&report.figures, spec, lang, paint),
    };
    write_stdout(&out)?;
    Ok(0)
}

fn run_spec(
    print_default: bool,
    spec: Option<&str>,
    config: &Config,
    lang: Lang,
) -> Result<ExitCode> {
    if print_default {
        write_stdout(config::default_spec_yaml())?;
        return Ok(0);
    }
    let s = config::resolve_spec(spec, config)?;
    let mut o = String::new();
    use std::fmt::Write as _;
    let name = s.spec.name.clone().unwrap_or_default();
    let _ = writeln!(o, "{} v{}  {}", s.spec.id, s.spec.version, name);
    let _ = writeln!(o, "\n{}", lang.pick("要素：", "Items:"));
    for i in &s.spec.items {
        let kind = format!("{:?}", i.kind).to_lowercase();
        let req = if i.required {
            lang.pick("必备", "required")
        } else {
            lang.pick("可选", "optional")
        };
        let title = i.display_title(lang);
        let _ = writeln!(
            o,
            "  {} {} {} {}",
            output::pad(&i.id, 14),
            output::pad(&kind, 10),
            output::pad(req, 9),
            title
        );
    }
    let _ = writeln!(o, "\n{}", lang.pick("指标：", "Metrics:"));
    for m in &s.spec.metrics {
        let label = m.display_label(lang);
        let _ = writeln!(o, "  {} {}", output::pad(&m.id, 22), label);
    }
    let _ = writeln!(o, "\n{}", lang.pick("检查规则：", "Lint rules:"));
    let l = &s.spec.lints;
    for (name, set) in [
        ("numbering", &l.numbering),
        ("placeholder", &l.placeholder),
        ("web-residue", &l.web_residue),
        ("year-consistency", &l.year_consistency),
        ("empty-section", &l.empty_section),
        ("thin-section", &l.thin_section),
        ("duplicate-paragraph", &l.duplicate_paragraph),
        ("percent-range", &l.percent_range),
    ] {
        let state = if set.enabled {
            set.severity.as_str()
        } else {
            lang.pick("关闭", "off")
        };
        let _ = writeln!(o, "  {} {}", output::pad(name, 22), state);
    }
    write_stdout(&o)?;
    Ok(0)
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
fn write_stdout(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Into::into),
    }
}

fn run_review(
    file: &Path,
    spec: &CompiledSpec,
    format: ReviewFormat,
    lang: Lang,
) -> Result<ExitCode> {
    use reportbench::core::review::{CommentStatus, anchor, line_at};
    let (_, doc, report, review) = load_and_check(file, spec, lang)?;
    let text = doc.text();
    let anchored: Vec<_> = review
        .comments
        .iter()
        .map(|c| {
            (
                c,
                anchor(c, text).map(|a| (line_at(text, a.start), a.exact)),
            )
        })
        .collect();
    let out = match format {
        ReviewFormat::Json => {
            let comments: Vec<serde_json::Value> = anchored
                .iter()
                .map(|(c, at)| {
                    serde_json::json!({
                        "id": c.id,
                        "status": c.status,
                        "author": c.author,
                        "created": c.created,
                        "quote": c.quote,
                        "body": c.body,
                        "line": at.map(|(l, _)| l),
                        "orphaned": at.is_none(),
                        "quote_edited": at.is_some_and(|(_, exact)| !exact),
                        "replies": c.replies,
                    })
                })
                .collect();
            let items: Vec<serde_json::Value> = report
                .items
                .iter()
                .map(|i| {
                    serde_json::json!({
                        "id": i.id,
                        "title": i.title,
                        "required": i.required,
                        "status": i.status.as_str(),
                        "message": i.message,
                        "signoff": review.signoffs.iter().find(|s| s.item == i.id),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({
                "file": file.display().to_string(),
                "comments": comments,
                "signoffs": review.signoffs,
                "items": items,
            }))? + "\n"
        }
        ReviewFormat::Markdown => {
            use std::fmt::Write as _;
            let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
            let mut o = String::new();
            let _ = writeln!(
                o,
                "{}",
                reportbench::tr!(lang, "# 审核意见：{}\n", "# Review of {}\n", file.display())
            );
            let _ = writeln!(
                o,
                "{}",
                lang.pick(
                    "| 项目 | 状态 | 签核 | 理由 | 签核人 |\n|---|---|---|---|---|",
                    "| item | status | sign-off | reason | by |\n|---|---|---|---|---|"
                )
            );
            for i in &report.items {
                let s = review.signoffs.iter().find(|s| s.item == i.id);
                let verdict = s.map(|s| s.verdict.name(lang));
                let _ = writeln!(
                    o,
                    "| {} | {} {} | {} | {} | {} |",
                    cell(&i.title),
                    i.status.glyph(),
                    i.status.as_str(),
                    verdict.unwrap_or(""),
                    cell(s.map_or("", |s| s.reason.as_str())),
                    cell(s.map_or("", |s| s.author.as_str())),
                );
            }
            let _ = writeln!(o, "\n{}\n", lang.pick("## 批注", "## Comments"));
            if anchored.is_empty() {
                let _ = writeln!(o, "{}", lang.pick("（无）", "(none)"));
            }
            for (c, at) in &anchored {
                let place = match at {
                    Some((l, true)) => reportbench::tr!(lang, "第 {} 行", "line {}", l),
                    Some((l, false)) => reportbench::tr!(
                        lang,
                        "第 {} 行（原文已改）",
                        "line {} (quoted text edited)",
                        l
                    ),
                    None => lang
                        .pick(
                            "已失去位置（原文已删除）",
                            "orphaned (the quoted text is gone)",
                        )
                        .to_owned(),
                };
                let status = match c.status {
                    CommentStatus::Open => lang.pick("未解决", "open"),
                    CommentStatus::Resolved => lang.pick("已解决", "resolved"),
                };
                let _ = writeln!(
                    o,
                    "- **{}** · {} · {} · {} {}",
                    c.id, place, status, c.author, c.created
                );
                let _ = writeln!(o, "  > {}", cell(&c.quote));
                let _ = writeln!(o, "  {}", cell(&c.body));
                for r in &c.replies {
                    let _ = writeln!(o, "  - {} {}: {}", r.author, r.created, cell(&r.body));
                }
            }
            o
        }
    };
    write_stdout(&out)?;
    Ok(0)
}
