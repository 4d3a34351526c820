//! The second report type, 政府信息公开工作年度报告 (`xxgk-annual`): the
//! labelled openings of real reports in `../shared/corpus/xxgk/`, the sample
//! drafts in `drafts/` (Markdown tables, a portal copy's flattened tables,
//! and a Word version with real Word tables), the choice of spec, and the
//! tables' arithmetic.

mod common;

use reportbench::core::check::{CheckOptions, Report, Status, check};
use reportbench::core::document::Document;
use reportbench::core::spec::builtin::{builtin, choose};
use serde_json::Value;
use std::path::Path;

fn read(path: &Path) -> Document {
    let l = reportbench::io::load(path).unwrap_or_else(|e| panic!("{e}"));
    Document::parse_normalized(l.text, l.format)
}

fn xxgk(doc: &Document) -> Report {
    check(
        doc,
        builtin("xxgk-annual").unwrap(),
        &CheckOptions::default(),
    )
}

fn item<'r>(r: &'r Report, id: &str) -> &'r reportbench::core::check::ItemResult {
    r.items.iter().find(|i| i.id == id).unwrap()
}

fn relation_lints(r: &Report) -> Vec<String> {
    r.lints
        .iter()
        .filter(|l| l.rule == "relation")
        .map(|l| format!("{}:{} {}", l.position.line, l.position.column, l.message))
        .collect()
}

#[test]
fn the_labelled_openings_are_read_as_disclosure_reports() {
    let Some(dir) = common::corpus("the_labelled_openings_are_read_as_disclosure_reports") else {
        return;
    };
    let dir = dir.join("xxgk");
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let mut lost = 0;
    for (file, l) in labels.as_object().unwrap() {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        // With no spec given, the disclosure spec is chosen.
        assert_eq!(choose(&text).0.spec.id, "xxgk-annual", "{file}");
        let doc = read(&dir.join(file));
        // Every labelled heading is a heading.
        let fold = |s: &str| s.replace(['(', '（'], "(").replace([')', '）'], ")");
        let headings: Vec<String> = (0..doc.headings().len())
            .map(|h| fold(doc.heading_line(h)))
            .collect();
        for want in l["headings"].as_array().unwrap() {
            let want = fold(want.as_str().unwrap());
            assert!(
                headings
                    .iter()
                    .any(|h| h.starts_with(&want) || want.starts_with(h.as_str())),
                "{file}: heading {want} not found in {headings:?}"
            );
        }
        assert_eq!(doc.year(), l["year"].as_i64().map(|y| y as i32), "{file}");
        let r = xxgk(&doc);
        // A table part whose heading stands empty was lost in the copy: it
        // says so, and is never called missing.
        for (id, heading) in [
            ("active", "二、"),
            ("requests", "三、"),
            ("appeals", "四、"),
        ] {
            let i = item(&r, id);
            let labelled = l["headings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h.as_str().unwrap().starts_with(heading));
            if labelled {
                assert_ne!(i.status, Status::Missing, "{file} {id}: {}", i.message);
            }
            if i.message.contains("丢失") || i.message.contains("was lost") {
                assert_eq!(i.status, Status::Partial, "{file} {id}");
                lost += 1;
            }
        }
        // No arithmetic alarm on what was published (nothing to add up in
        // the openings; a flattened table that is cut is read, not guessed).
        assert_eq!(relation_lints(&r), Vec::<String>::new(), "{file}");
        assert!(
            !r.lints
                .iter()
                .any(|l| l.rule == "empty-section" && l.message.contains("主动公开政府信息情况")),
            "{file}: a lost table is not an empty section: {:?}",
            r.lints
        );
    }
    // 03 and 04 lost all three tables.
    assert_eq!(lost, 6, "tables reported lost");
}

#[test]
fn the_sample_disclosure_reports_read_their_tables_and_catch_the_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts");
    // 2024: Markdown tables, one figure wrong, part 六 missing.
    let doc = read(&root.join("xxgk-2024.md"));
    let r = xxgk(&doc);
    assert_eq!(r.spec_id, "xxgk-annual");
    for id in ["active", "requests", "appeals"] {
        assert_eq!(item(&r, id).status, Status::Met, "{}", item(&r, id).message);
    }
    assert_eq!(item(&r, "other").status, Status::Missing);
    let lints = relation_lints(&r);
    assert_eq!(lints.len(), 2, "{lints:?}");
    // Both on the row of the wrong figure (自然人 of 本年新收), at the
    // first figure of the rule's left side, with both sides' figures.
    let line = doc
        .text()
        .lines()
        .position(|l| l.contains("本年新收"))
        .unwrap()
        + 1;
    let at: Vec<(usize, &str)> = r
        .lints
        .iter()
        .filter(|l| l.rule == "relation")
        .map(|l| (l.position.line, &doc.text()[l.range.clone()]))
        .collect();
    assert_eq!(at, [(line, "14"), (line, "17")]);
    assert!(lints[0].contains("14 + 2 = 16 ≠ 13 + 2 = 15"), "{lints:?}");
    assert!(
        lints[1].contains("17 ≠ 14 + 3 + 0 + 0 + 1 + 0 = 18"),
        "{lints:?}"
    );
    let metric = |id: &str| {
        let m = r.metrics.iter().find(|m| m.id == id).unwrap();
        (m.status, m.figures.first().map(|&f| r.figures[f].value))
    };
    assert_eq!(metric("requests_new"), (Status::Met, Some(17.0)));
    assert_eq!(metric("requests_handled"), (Status::Met, Some(17.0)));
    assert_eq!(metric("normative_issued"), (Status::Met, Some(5.0)));
    assert_eq!(metric("reconsideration"), (Status::Met, Some(1.0)));

    // 2023: a portal copy, tables flattened one cell per line; all right.
    let doc = read(&root.join("xxgk-2023.txt"));
    let r = xxgk(&doc);
    for id in [
        "overview", "active", "requests", "appeals", "problems", "other",
    ] {
        assert_eq!(item(&r, id).status, Status::Met, "{}", item(&r, id).message);
    }
    assert_eq!(relation_lints(&r), Vec::<String>::new());
    assert_eq!(r.tables[1].rows_found(), 25);
    // The flattened table's bars are not web residue; the page's furniture is.
    let residue: Vec<usize> = r
        .lints
        .iter()
        .filter(|l| l.rule == "web-residue")
        .map(|l| l.position.line)
        .collect();
    assert_eq!(residue.len(), 2, "{:?}", r.lints);
}

#[test]
fn a_word_version_reads_its_tables_from_word_tables() {
    use common::docx::{Docx, table, text};
    // The 2024 sample's text, its Markdown tables as real Word tables.
    let md =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/xxgk-2024.md"))
            .unwrap();
    let mut body = String::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let flush = |body: &mut String, rows: &mut Vec<Vec<String>>| {
        if !rows.is_empty() {
            body.push_str(&table(rows));
            rows.clear();
        }
    };
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            if t.chars().all(|c| matches!(c, '|' | '-' | ' ' | ':')) {
                continue;
            }
            // Each cell a paragraph (an empty cell, an empty paragraph).
            rows.push(
                t.trim_matches('|')
                    .split('|')
                    .map(|c| text(c.trim()))
                    .collect(),
            );
            continue;
        }
        flush(&mut body, &mut rows);
        if !t.is_empty() {
            body.push_str(&text(t.trim_start_matches('#').trim()));
        }
    }
    flush(&mut body, &mut rows);
    let dir = common::temp_dir("xxgk-word");
    let path = dir.join("xxgk-2024.docx");
    Docx::new(body).write(&path);
    let doc = read(&path);
    let r = xxgk(&doc);
    for id in ["active", "requests", "appeals"] {
        assert_eq!(
            item(&r, id).status,
            Status::Met,
            "{}\n{}",
            item(&r, id).message,
            doc.text()
        );
    }
    assert_eq!(relation_lints(&r).len(), 2, "{:?}", relation_lints(&r));
    // The same figures as the Markdown version.
    let md_doc = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/xxgk-2024.md"));
    let md_r = xxgk(&md_doc);
    let cells = |r: &Report| -> Vec<Vec<Option<f64>>> {
        r.tables[1]
            .cells
            .iter()
            .map(|row| row.iter().map(|c| c.as_ref().map(|c| c.value)).collect())
            .collect()
    };
    assert_eq!(cells(&r), cells(&md_r));
}

#[test]
fn the_wrong_spec_is_named_and_no_spec_chooses_by_the_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts");
    let run = |args: &[&str]| {
        let out = common::bin().args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let xxgk = root.join("xxgk-2024.md");
    let fazhi = root.join("qinghe-2024.md");
    let (x, f) = (xxgk.to_str().unwrap(), fazhi.to_str().unwrap());
    // No spec: chosen by the title, and said.
    let (_, out, err) = run(&["check", "--lang", "en", "--format", "json", x]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["spec"]["id"], "xxgk-annual");
    assert!(
        err.contains("xxgk-annual") && err.contains("the title says"),
        "{err}"
    );
    let (_, out, err) = run(&["check", "--format", "json", f]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["spec"]["id"], "fazhi-annual");
    assert!(err.is_empty(), "the default needs no note: {err}");
    // The wrong one given: a note naming the right one, either way.
    let (_, _, err) = run(&["check", "--lang", "en", "--spec", "fazhi-annual", x]);
    assert!(
        err.contains("looks like") && err.contains("--spec xxgk-annual"),
        "{err}"
    );
    let (_, _, err) = run(&["check", "--lang", "en", "--spec", "xxgk-annual", f]);
    assert!(
        err.contains("looks like") && err.contains("--spec fazhi-annual"),
        "{err}"
    );
    // The list, and a built-in printed is the spec itself.
    let (code, out, _) = run(&["spec", "--lang", "en", "--list"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("fazhi-annual") && out.contains("xxgk-annual"),
        "{out}"
    );
    // The diff pairs table figures by row and column across years and
    // formats: last year's flattened table against this year's Markdown.
    let old = root.join("xxgk-2023.txt");
    let (_, out, _) = run(&["diff", "--format", "json", old.to_str().unwrap(), x]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let pair = |context: &str| {
        v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["context"] == context)
            .map(|f| (f["old"].as_f64(), f["new"].as_f64()))
    };
    assert_eq!(pair("本年新收·自然人"), Some((Some(11.0), Some(14.0))));
    assert_eq!(pair("办理结果总计·总计"), Some((Some(12.0), Some(17.0))));
    assert_eq!(
        pair("行政规范性文件·现行有效件数"),
        Some((Some(28.0), Some(31.0)))
    );
    let (_, out, _) = run(&["spec", "--print", "xxgk-annual"]);
    assert!(out.starts_with("# reportbench checklist spec"), "{out}");
    let (code, _, err) = run(&["spec", "--print", "nothing"]);
    assert_eq!(code, Some(2), "{err}");
}
