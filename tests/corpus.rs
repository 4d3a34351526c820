//! Tests over the real published reports in `../shared/corpus` (skipped with
//! a message when the corpus is absent, as in a fresh clone).

mod common;

use reportbench::core::check::{CheckOptions, Report, Status, check};
use reportbench::core::document::Document;
use reportbench::core::spec::CompiledSpec;
use serde_json::Value;

fn load(path: &std::path::Path) -> Document {
    let l = reportbench::io::load(path).expect("corpus file loads");
    Document::parse_normalized(l.text, l.format)
}

fn status_of(r: &Report, id: &str) -> Option<Status> {
    r.items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.status)
        .or_else(|| r.metrics.iter().find(|m| m.id == id).map(|m| m.status))
}

fn agrees(label: &str, got: Status) -> bool {
    match label {
        "met" => got == Status::Met,
        "partial" => got == Status::Partial,
        "missing" => got == Status::Missing,
        "not-met" => matches!(got, Status::Partial | Status::Missing),
        "na" => got == Status::Na,
        other => panic!("unknown label {other}"),
    }
}

#[test]
fn default_spec_agrees_with_hand_labels() {
    let Some(dir) = common::corpus("default_spec_agrees_with_hand_labels") else {
        return;
    };
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let spec = CompiledSpec::default_spec();
    let (mut total, mut agreed) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    let must_agree = ["measures", "shortcomings", "next_year", "leader_duty"];
    let mut must_failures = Vec::new();
    for (file, l) in labels.as_object().unwrap() {
        if file.starts_with('_') {
            continue;
        }
        let doc = load(&dir.join(file));
        let r = check(&doc, &spec, &CheckOptions::default());
        let mut verdict = |what: String, ok: bool, key: &str| {
            total += 1;
            if ok {
                agreed += 1;
            } else {
                disagreements.push(format!("{file}: {what}"));
                if must_agree.contains(&key) {
                    must_failures.push(format!("{file}: {what}"));
                }
            }
        };
        if let Some(y) = l["year"].as_i64() {
            verdict(
                format!("year {y} vs {:?}", r.year),
                r.year == Some(y as i32),
                "year",
            );
        }
        for section in ["items", "metrics"] {
            for (id, want) in l[section].as_object().into_iter().flatten() {
                let want = want.as_str().unwrap();
                let got = status_of(&r, id).unwrap_or_else(|| panic!("spec has no {id}"));
                verdict(
                    format!("{id}: label {want}, got {}", got.as_str()),
                    agrees(want, got),
                    id,
                );
            }
        }
        let rules: Vec<&str> = r.lints.iter().map(|x| x.rule).collect();
        for rule in l["lints_present"].as_array().into_iter().flatten() {
            let rule = rule.as_str().unwrap();
            verdict(format!("lint {rule} expected"), rules.contains(&rule), rule);
        }
        for rule in l["lints_absent"].as_array().into_iter().flatten() {
            let rule = rule.as_str().unwrap();
            let found: Vec<_> = r
                .lints
                .iter()
                .filter(|x| x.rule == rule)
                .map(|x| format!("{}:{} {}", x.position.line, x.position.column, x.message))
                .collect();
            verdict(
                format!("lint {rule} not expected: {found:?}"),
                found.is_empty(),
                rule,
            );
        }
    }
    let rate = agreed as f64 / total as f64;
    eprintln!("label agreement: {agreed}/{total} = {:.1}%", rate * 100.0);
    for d in &disagreements {
        eprintln!("  disagreement: {d}");
    }
    assert!(
        must_failures.is_empty(),
        "labels that must agree: {must_failures:#?}"
    );
    assert!(
        rate >= 0.95,
        "agreement {rate:.3} < 0.95: {disagreements:#?}"
    );
}

#[test]
fn level_one_sections_and_years_of_real_reports() {
    let Some(dir) = common::corpus("level_one_sections_and_years_of_real_reports") else {
        return;
    };
    let expected: &[(&str, i32, &[&str])] = &[
        (
            "qiaotou-2024.txt",
            2024,
            &[
                "法治建设工作的主要举措和成效",
                "存在的不足和原因",
                "下阶段工作重点",
            ],
        ),
        (
            "shiqi-2022.txt",
            2022,
            &[
                "2022年度主要工作和成效",
                "2022年推进法治建设存在的不足和原因",
                "2023年推进法治政府建设的主要安排",
            ],
        ),
        (
            "zhangxi-2024.txt",
            2024,
            &["工作措施和成效", "存在的主要问题", "下一步工作重点"],
        ),
    ];
    for (file, year, sections) in expected {
        let d = load(&dir.join(file));
        let got: Vec<&str> = d.roots().map(|h| d.heading_title(h)).collect();
        assert_eq!(&got, sections, "{file}");
        assert_eq!(d.year(), Some(*year), "{file}");
        assert!(
            d.numbering_issues().is_empty(),
            "{file}: {:?}",
            d.numbering_issues()
        );
    }
}

#[test]
fn titles_and_years_of_report_openings() {
    let Some(dir) = common::corpus("titles_and_years_of_report_openings") else {
        return;
    };
    let dir = dir.join("openings");
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for (file, l) in labels.as_object().unwrap() {
        let d = load(&dir.join(file));
        let title = d.title().map(|t| t.text.clone());
        if title.as_deref() != l["title"].as_str() {
            failures.push(format!("{file}: title {title:?}, label {}", l["title"]));
        }
        if d.year().map(i64::from) != l["year"].as_i64() {
            failures.push(format!("{file}: year {:?}, label {}", d.year(), l["year"]));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn same_verdicts_for_utf8_and_gb18030() {
    let Some(dir) = common::corpus("same_verdicts_for_utf8_and_gb18030") else {
        return;
    };
    let tmp = common::temp_dir("gb18030");
    for file in ["qiaotou-2024.txt", "shiqi-2022.txt", "zhangxi-2024.txt"] {
        let utf8 = std::fs::read_to_string(dir.join(file)).unwrap();
        let crlf = utf8.replace('\n', "\r\n");
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&crlf);
        assert!(!unmappable);
        let gb_path = tmp.join(file);
        std::fs::write(&gb_path, &gb).unwrap();
        let run = |p: &std::path::Path| -> Value {
            let out = common::bin()
                .args(["check", "--format", "json"])
                .arg(p)
                .output()
                .unwrap();
            assert!(
                out.status.code().is_some_and(|c| c < 2),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice(&out.stdout).unwrap()
        };
        let a = run(&dir.join(file));
        let b = run(&gb_path);
        assert_eq!(b["encoding"], "GB18030");
        for key in ["year", "title", "complete", "items", "metrics", "lints"] {
            assert_eq!(
                a[key], b[key],
                "{file}: {key} differs between UTF-8 and GB18030"
            );
        }
    }
    std::fs::remove_dir_all(&tmp).ok();
}

/// Every corpus report in the diff and figures views, against each other
/// report as "last year" and against the sample draft, at 80×24 and 120×40,
/// with every view key pressed: no panic, nothing raw on screen, every
/// paragraph shown once.
#[test]
fn corpus_reports_in_the_diff_and_figures_views() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let Some(dir) = common::corpus("corpus_reports_in_the_diff_and_figures_views") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.push(common::root().join("drafts/qinghe-2023.txt"));
    assert!(files.len() >= 3);
    for new in &files {
        for old in &files {
            if old == new {
                continue;
            }
            let mut b = common::bench::open(new)
                .previous(old)
                .lang(reportbench::core::lang::Lang::Zh)
                .start();
            let keys = [
                KeyCode::F(3),
                KeyCode::Char('n'),
                KeyCode::PageDown,
                KeyCode::Char('c'),
                KeyCode::Char('p'),
                KeyCode::Down,
                KeyCode::F(4),
                KeyCode::Char('s'),
                KeyCode::Char('f'),
                KeyCode::PageDown,
                KeyCode::Tab,
                KeyCode::Down,
            ];
            for (w, h) in [(80, 24), (120, 40)] {
                for k in keys {
                    b.key(KeyEvent::new(k, KeyModifiers::NONE));
                    let screen: String = b.screen(w, h).lines().collect();
                    assert!(
                        !screen
                            .chars()
                            .any(reportbench::core::text::is_unsafe_for_display),
                        "{} vs {}: raw control character on screen",
                        new.display(),
                        old.display()
                    );
                }
                b.press(KeyCode::Esc);
            }
            // Only changes, then everything: every paragraph once.
            let cmp = b.s().comparison().unwrap().clone();
            let news: usize = cmp.paragraphs.iter().filter(|p| p.new.is_some()).count();
            assert_eq!(news, cmp.summary.paragraphs_new);
        }
    }
}

/// Every text file under `dir`, folders included.
fn texts_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(texts_under(&p));
        } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn the_arithmetic_checks_raise_no_false_alarm_on_real_reports() {
    let Some(dir) = common::corpus("the_arithmetic_checks_raise_no_false_alarm_on_real_reports")
    else {
        return;
    };
    let spec = CompiledSpec::default_spec();
    let mut files = texts_under(&dir);
    files.extend(texts_under(&common::root().join("drafts")));
    assert!(files.len() >= 20, "{files:?}");
    let mut alarms = Vec::new();
    for f in &files {
        let d = load(f);
        let r = check(&d, &spec, &CheckOptions::default());
        for l in r
            .lints
            .iter()
            .filter(|l| matches!(l.rule, "parts-sum" | "rate" | "figure-consistency"))
        {
            alarms.push(format!(
                "{}:{}: {}",
                f.display(),
                l.position.line,
                l.message
            ));
        }
    }
    // Each of these reports' totals, parts and rates was checked by hand:
    // they add up (or are partial lists, shares or approximate); a figure
    // stated twice is stated the same (qinghe-2024's two 群众满意率 are of
    // different services).
    assert!(alarms.is_empty(), "{alarms:#?}");
}

#[test]
fn the_lints_fixed_patterns_find_what_their_regexes_found_on_real_reports() {
    // core::check::patterns scans for three patterns without their regexes
    // (compiling them costs more than a one-off check); on real text the
    // scanners must find what the regexes find.
    let Some(dir) = common::corpus("the_lints_fixed_patterns_find_what_their_regexes_found") else {
        return;
    };
    use reportbench::core::check::patterns::*;
    let placeholder = regex::Regex::new(PLACEHOLDER_REGEX).unwrap();
    let bracket = regex::Regex::new(BRACKET_REGEX).unwrap();
    let range = regex::Regex::new(YEAR_RANGE_REGEX).unwrap();
    let files = texts_under(&dir);
    let mut ranges = 0;
    for f in &files {
        let text = load(f).matching_text().to_owned();
        let spans =
            |re: &regex::Regex| -> Vec<_> { re.find_iter(&text).map(|m| m.range()).collect() };
        assert_eq!(placeholders(&text), spans(&placeholder), "{}", f.display());
        assert_eq!(scan_brackets(&text), spans(&bracket), "{}", f.display());
        let found: Vec<_> = scan_year_ranges(&text)
            .into_iter()
            .map(|r| (r.whole, r.from, r.to))
            .collect();
        let want: Vec<_> = range
            .captures_iter(&text)
            .map(|c| {
                let at = |i| c.get(i).map(|m| m.range()).unwrap_or_default();
                (at(0), at(1), at(2))
            })
            .collect();
        assert_eq!(found, want, "{}", f.display());
        ranges += want.len();
    }
    assert!(
        files.len() >= 10 && ranges > 0,
        "{} files, {ranges} ranges",
        files.len()
    );
}
