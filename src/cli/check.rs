//! `reportbench check`: drafts against the checklist, in parallel, with
//! last year's report when given; the exit code says whether every
//! required item is met.

use super::ExitCode;
use super::args::CheckFormat;
use super::{load_noting, load_with_notes, write_stdout};
use anyhow::{Result, anyhow};
use reportbench::config::SpecChoice;
use reportbench::core::check::{CheckOptions, check};
use reportbench::core::document::Document;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::render::{self, Checked, Paint, PreviousRef};
use std::path::{Path, PathBuf};

/// Last year's report, loaded and checked once for every file compared with it.
pub struct Previous {
    file: String,
    doc: Document,
    report: reportbench::core::check::Report,
}

/// Loads and checks one file (and compares it with last year's, if given).
fn check_one(
    path: &Path,
    choice: &SpecChoice,
    previous: Option<&Previous>,
    lang: Lang,
    notes: &mut Vec<String>,
) -> Result<Checked> {
    use reportbench::core::compare::{CompareOptions, compare};
    let (read, doc, report, _, spec) = load_and_check(path, choice, lang, notes)?;
    let previous = previous.map(|p| {
        let cmp = compare(
            &p.doc,
            &doc,
            &p.report.figures,
            &report.figures,
            spec,
            &CompareOptions::default(),
        );
        PreviousRef {
            file: p.file.clone(),
            year: p.doc.year(),
            carried_over_ratio: Some((cmp.summary.carried_over_ratio * 1000.0).round() / 1000.0),
        }
    });
    Ok(Checked {
        file: path.display().to_string(),
        encoding: read.encoding.name(),
        format: read.source.name(),
        report,
        previous,
    })
}

/// What a file was, as read.
pub(super) struct Read {
    /// Its encoding (text files).
    pub encoding: reportbench::io::Encoding,
    /// What kind of file it is.
    pub source: reportbench::core::text::SourceFormat,
    /// Comments the document itself holds (Word's).
    pub comments: Vec<reportbench::core::review::Comment>,
    /// Tracked changes the document itself holds (Word's), as suggestions.
    pub suggestions: Vec<reportbench::core::suggestion::Suggestion>,
}

/// Loads a draft and checks it (with the spec chosen for it, a note on
/// stderr when the choice is worth telling), with the "not applicable"
/// sign-offs of its review sidecar applied.
pub(super) fn load_and_check<'c>(
    path: &Path,
    choice: &'c SpecChoice,
    lang: Lang,
    notes: &mut Vec<String>,
) -> Result<(
    Read,
    Document,
    reportbench::core::check::Report,
    reportbench::core::review::Review,
    &'c CompiledSpec,
)> {
    let loaded = load_with_notes(path, lang, notes)?;
    let (spec, note) = spec_with_note(choice, path, &loaded.text, lang);
    notes.extend(note);
    let read = Read {
        encoding: loaded.encoding,
        source: loaded.source,
        comments: loaded.comments,
        suggestions: loaded.suggestions,
    };
    let doc = Document::parse_normalized(loaded.text, loaded.format);
    let mut report = check(&doc, spec, &CheckOptions { lang });
    let review = reportbench::io::review::read(path)?;
    report.apply_na(review.na_items(), lang);
    Ok((read, doc, report, review, spec))
}

/// The spec for the report `path` with `text`; the choice told on stderr
/// when it is worth telling.
pub(super) fn spec_for<'c>(
    choice: &'c SpecChoice,
    path: &Path,
    text: &str,
    lang: Lang,
) -> &'c CompiledSpec {
    let (spec, note) = spec_with_note(choice, path, text, lang);
    if let Some(n) = note {
        eprintln!("{n}");
    }
    spec
}

/// The spec for a file, and the line for stderr that says which built-in
/// was chosen and why (when it was chosen, not given).
fn spec_with_note<'c>(
    choice: &'c SpecChoice,
    path: &Path,
    text: &str,
    lang: Lang,
) -> (&'c CompiledSpec, Option<String>) {
    let (spec, note) = choice.for_text(text);
    let line = note.map(|n| {
        reportbench::core::text::sanitize_for_display(&n.message(&path.display().to_string(), lang))
            .into_owned()
    });
    (spec, line)
}

/// One file checked: the lines for stderr about its reading (in the order
/// they arose), and the file checked and rendered, or why not.
type Outcome = (Vec<String>, Result<(Checked, String)>);

/// A file's outcome, filled in by the worker that checked it.
type Slot = std::sync::Mutex<Option<Outcome>>;

/// Checks files in parallel (at most one thread per core), keeping order;
/// each file's output is rendered by `render` where it was checked. Notes
/// are returned, not printed, so that they come in the files' order
/// whichever worker finished first.
pub fn check_files(
    files: &[PathBuf],
    spec: &SpecChoice,
    previous: Option<&Previous>,
    lang: Lang,
    render: &(dyn Fn(&Checked) -> String + Sync),
) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(files.len())
        .max(1);
    let check_and_render = |path: &PathBuf| -> Outcome {
        let mut notes = Vec::new();
        let r = check_one(path, spec, previous, lang, &mut notes).map(|c| {
            let out = render(&c);
            (c, out)
        });
        (notes, r)
    };
    // One file: checked here, not on a thread started for it.
    if threads == 1 {
        return files.iter().map(check_and_render).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Slot> = files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    // Each worker takes the next file until none is left; this thread is
    // one of them.
    let work = || {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(path) = files.get(i) else { break };
            let r = check_and_render(path);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| (Vec::new(), Err(anyhow!("the check did not finish"))))
        })
        .collect()
}

pub(super) fn run_check(
    files: &[PathBuf],
    spec: &SpecChoice,
    previous: Option<&Path>,
    format: CheckFormat,
    lang: Lang,
    paint: Paint,
) -> Result<ExitCode> {
    let previous = match previous {
        Some(p) => {
            let l = load_noting(p, lang)?;
            let spec = spec_for(spec, p, &l.text, lang);
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
    // Each file's output is rendered in the worker that checked it.
    let render_one = |c: &Checked| -> String {
        match format {
            CheckFormat::Json => render::json::pretty(&render::json::check_json(c)),
            CheckFormat::Quickfix => render::quickfix::check_quickfix(c),
            CheckFormat::Markdown => render::markdown::check_markdown(c, lang) + "\n",
            CheckFormat::Text => render::text::check_text(c, lang, paint) + "\n",
        }
    };
    let results = check_files(files, spec, previous.as_ref(), lang, &render_one);
    let mut ok = Vec::new();
    let mut rendered = Vec::new();
    let mut errors = Vec::new();
    for (path, (notes, r)) in files.iter().zip(results) {
        for n in notes {
            eprintln!("{n}");
        }
        match r {
            Ok((c, out)) => {
                ok.push(c);
                rendered.push(out);
            }
            Err(e) => {
                eprintln!(
                    "reportbench{}{}",
                    lang.pick("：", ": "),
                    reportbench::core::text::sanitize_for_display(&super::error_sentence(&e, lang))
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
                let note = reportbench::tr!(
                    lang,
                    "注意：{}是{y}年度的报告，而上一年度报告 {} 是{py}年度的",
                    "note: {} reports on {y} but the previous report {} is for {py}",
                    c.file,
                    prev.file
                );
                eprintln!("{}", reportbench::core::text::sanitize_for_display(&note));
            }
        }
    }
    let mut out = String::new();
    match format {
        CheckFormat::Json => {
            if files.len() == 1 {
                if let Some(one) = rendered.first() {
                    out = one.clone() + "\n";
                }
            } else {
                out = render::json::pretty_array(&rendered) + "\n";
            }
        }
        CheckFormat::Quickfix | CheckFormat::Markdown => out = rendered.concat(),
        CheckFormat::Text => {
            out = rendered.concat();
            if files.len() > 1 {
                out.push_str(&render::text::summary_table(&ok, &errors, lang, paint));
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
