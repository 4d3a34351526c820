//! `reportbench fix FILE [--rule R]… [--write]`: the fixes the tool can
//! make (a heading run renumbered after a gap, web residue lines removed),
//! shown as a unified diff, or written back atomically in the draft's own
//! encoding, BOM and line endings.

use super::ExitCode;
use super::write_stdout;
use anyhow::{Result, bail};
use reportbench::core::document::Document;
use reportbench::core::fix::{FIXABLE, apply, fixes};
use reportbench::core::lang::Lang;
use reportbench::core::spec::lint_rule_name;
use reportbench::core::text::sanitize_for_display;
use std::path::Path;

pub(super) fn run_fix(
    file: &Path,
    rules: &[String],
    write: bool,
    choice: &reportbench::config::SpecChoice,
    lang: Lang,
) -> Result<ExitCode> {
    for r in rules {
        if !FIXABLE.contains(&r.as_str()) {
            bail!("`{r}` has no fix (rules with one: {})", FIXABLE.join(", "));
        }
    }
    let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
    let loaded = reportbench::io::load::load(file)?;
    let spec = super::check::spec_for(choice, file, &loaded.text, lang);
    let doc = Document::parse_normalized(loaded.text.clone(), loaded.format.clone());
    let report = reportbench::core::check::check(
        &doc,
        spec,
        &reportbench::core::check::CheckOptions { lang },
    );
    let found = fixes(&doc, &report.lints, &rules);
    if found.is_empty() {
        eprintln!(
            "{}",
            reportbench::tr!(
                lang,
                "{}：没有可以自动修正的问题",
                "{}: nothing the tool can fix",
                sanitize_for_display(&file.display().to_string())
            )
        );
        return Ok(0);
    }
    let fixed = apply(doc.text(), &found);
    let counts: Vec<String> = FIXABLE
        .iter()
        .filter_map(|r| {
            let n = found.iter().filter(|f| f.rule == *r).count();
            (n > 0).then(|| format!("{} {n}", lint_rule_name(r, lang)))
        })
        .collect();
    let counts = counts.join(lang.pick("、", ", "));
    if !write {
        let name = file.display().to_string();
        let diff = similar::TextDiff::from_lines(doc.text(), &fixed)
            .unified_diff()
            .context_radius(2)
            .header(&name, &name)
            .to_string();
        // The draft's own lines never reach the terminal raw.
        let shown: String = diff
            .split_inclusive('\n')
            .map(|l| match l.strip_suffix('\n') {
                Some(body) => format!("{}\n", sanitize_for_display(body)),
                None => sanitize_for_display(l).into_owned(),
            })
            .collect();
        write_stdout(&shown)?;
        eprintln!(
            "{}",
            reportbench::tr!(
                lang,
                "可以修正：{counts}；加 --write 写回文件",
                "fixable: {counts}; --write writes them to the file"
            )
        );
        return Ok(0);
    }
    if !loaded.source.is_editable() {
        bail!(
            "{}: only text and Markdown drafts are written back; a {} keeps its own layout (open it in WPS or Word, or save its text as .md first)",
            file.display(),
            loaded.source.name()
        );
    }
    reportbench::io::save::save_atomic(
        &reportbench::io::save::RealFs,
        file,
        &fixed,
        &loaded.format,
        loaded.encoding,
        Some(loaded.fingerprint),
    )?;
    eprintln!(
        "{}",
        reportbench::tr!(lang, "已修正：{counts}", "fixed: {counts}")
    );
    Ok(0)
}
