//! End-to-end tests of the command line: exit codes, JSON contracts, output
//! formats, and one clear sentence on stderr for every kind of bad input.

mod common;

use common::{bin, root, temp_dir};
use serde_json::Value;
use std::process::Output;

fn run(args: &[&str]) -> Output {
    bin()
        .current_dir(root())
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit 2, nothing on stdout, one line on stderr containing `needle`.
fn assert_error(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "stdout should be empty: {}", stdout(o));
    let err = stderr(o);
    assert!(err.contains(needle), "stderr {err:?} lacks {needle:?}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one sentence expected: {err:?}"
    );
}

#[test]
fn check_json_follows_the_contract() {
    let o = run(&["check", "--format", "json", "drafts/qinghe-2024.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON value");
    assert_eq!(v["file"], "drafts/qinghe-2024.md");
    assert_eq!(v["spec"]["id"], "fazhi-annual");
    assert_eq!(v["spec"]["version"], 1);
    assert_eq!(v["year"], 2024);
    assert_eq!(v["title"], "青禾镇2024年度法治政府建设情况报告");
    assert_eq!(v["complete"], false);
    let ids: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "title",
            "measures",
            "shortcomings",
            "causes",
            "leader_duty",
            "next_year",
            "other"
        ]
    );
    for item in v["items"].as_array().unwrap() {
        for key in ["title", "required", "status", "message", "evidence"] {
            assert!(!item[key].is_null(), "item {} lacks {key}", item["id"]);
        }
        assert!(["met", "partial", "missing", "na"].contains(&item["status"].as_str().unwrap()));
        for e in item["evidence"].as_array().unwrap() {
            assert!(e["line"].as_u64().unwrap() >= 1 && e["column"].as_u64().unwrap() >= 1);
            assert!(e["text"].is_string());
        }
    }
    let leader = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "leader_duty")
        .unwrap();
    assert_eq!(leader["status"], "partial");
    let metrics = v["metrics"].as_array().unwrap();
    assert_eq!(metrics.len(), 16);
    let dm = metrics
        .iter()
        .find(|m| m["id"] == "dispute_mediation")
        .unwrap();
    assert_eq!(dm["status"], "met");
    let f = &dm["figures"][0];
    assert!(f["value"].is_number() && f["unit"].is_string() && f["text"].is_string());
    assert!(f["line"].as_u64().unwrap() > 1 && f["column"].as_u64().unwrap() >= 1);
    // Integral values are written without a fraction.
    assert!(!serde_json::to_string(&f["value"]).unwrap().contains('.'));
    let rules: Vec<&str> = v["lints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "punctuation",
            "numbering",
            "placeholder",
            "placeholder",
            "year-consistency"
        ]
    );
    for l in v["lints"].as_array().unwrap() {
        assert!(
            l["severity"].is_string()
                && l["message"].is_string()
                && l["line"].is_u64()
                && l["column"].is_u64()
        );
    }
}

#[test]
fn complete_draft_exits_zero() {
    let o = run(&["check", "drafts/qinghe-2023.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("all required items met"));
}

#[test]
fn several_files_give_an_array_and_a_summary() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "drafts/qinghe-2023.txt",
        "drafts/qinghe-2024.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let a = v.as_array().expect("array for several files");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["year"], 2023);
    assert_eq!(a[1]["year"], 2024);
    let o = run(&["check", "drafts/qinghe-2023.txt", "drafts/qinghe-2024.md"]);
    let out = stdout(&o);
    let tail: Vec<&str> = out.trim_end().lines().rev().take(3).collect();
    assert!(
        tail[1].contains("qinghe-2023.txt") && tail[1].contains("complete"),
        "{tail:?}"
    );
    assert!(
        tail[0].contains("qinghe-2024.md") && tail[0].contains("incomplete"),
        "{tail:?}"
    );
}

#[test]
fn markdown_output_is_a_mailable_table() {
    let o = run(&["check", "--format", "markdown", "drafts/qinghe-2024.md"]);
    let out = stdout(&o);
    assert!(out.starts_with("## 青禾镇2024年度法治政府建设情况报告"));
    assert!(out.contains("|---|---|---|"));
    assert!(out.contains("◐ partial"));
    assert!(out.contains("- **warning** numbering 37:1"), "{out}");
    // In Chinese the rules and severities are named in Chinese.
    let zh = stdout(&run(&[
        "check",
        "--lang",
        "zh",
        "--format",
        "markdown",
        "drafts/qinghe-2024.md",
    ]));
    assert!(zh.contains("- **警告** 编号 37:1"), "{zh}");
}

#[test]
fn metrics_formats() {
    let o = run(&["metrics", "--format", "json", "drafts/qinghe-2023.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let a = v.as_array().unwrap();
    assert!(a.len() > 60, "{} figures", a.len());
    let f = a
        .iter()
        .find(|f| f["text"].as_str().unwrap().contains("调处矛盾纠纷286件"))
        .unwrap();
    assert_eq!(f["value"], 286);
    assert_eq!(f["unit"], "件");
    assert_eq!(f["metric"], "dispute_mediation");
    assert_eq!(f["approx"], false);
    let money = a.iter().find(|f| f["unit"] == "万元").unwrap();
    assert_eq!(money["value"], 18.6);
    let approx = a
        .iter()
        .find(|f| f["text"].as_str().unwrap().contains("1.2万余份"))
        .unwrap();
    assert_eq!(
        (approx["value"].as_i64(), approx["approx"].as_bool()),
        (Some(12000), Some(true))
    );
    let o = run(&["metrics", "--format", "csv", "drafts/qinghe-2023.txt"]);
    let out = stdout(&o);
    // A BOM for Excel, the metric's name beside its id.
    assert!(
        out.starts_with("\u{feff}line,column,value,unit,approx,metric,metric_name,context,text\n")
    );
    assert_eq!(out.lines().count(), a.len() + 1);
    assert!(
        out.lines()
            .any(|l| l.contains(",dispute_mediation,Dispute mediation,")
                || l.contains(",dispute_mediation,矛盾纠纷调解,")),
        "{out}"
    );
}

#[test]
fn spec_print_default_round_trips() {
    let o = run(&["spec", "--print-default"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), reportbench::core::spec::DEFAULT_SPEC_YAML);
    let dir = temp_dir("spec-copy");
    let p = dir.join("copy.yaml");
    std::fs::write(&p, &o.stdout).unwrap();
    let o = run(&[
        "check",
        "--format",
        "json",
        "--spec",
        p.to_str().unwrap(),
        "drafts/qinghe-2023.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["spec", "--spec", p.to_str().unwrap()]);
    assert!(stdout(&o).contains("fazhi-annual v1"));
    assert!(stdout(&o).contains("leader_duty"));
}

#[test]
fn a_spec_for_another_report_type() {
    let dir = temp_dir("other-spec");
    let spec = dir.join("annual-safety.yaml");
    std::fs::write(
        &spec,
        "id: safety-annual\nversion: 2\nitems:\n  - id: summary\n    title: 工作总结\n    kind: section\n    heading: {levels: [1], any: [总结, 主要工作]}\n  - id: risks\n    title: 风险隐患\n    kind: statement\n    body: {any: [隐患]}\nmetrics:\n  - id: inspections\n    label: 检查\n    keywords: [检查]\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--format",
        "json",
        "--spec",
        spec.to_str().unwrap(),
        "drafts/qinghe-2023.txt",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["spec"]["id"], "safety-annual");
    assert_eq!(v["spec"]["version"], 2);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["status"], "met");
    assert_eq!(v["metrics"][0]["status"], "met");
}

#[test]
fn spec_by_name_from_the_config_folder() {
    let cfg = temp_dir("config-specs");
    std::fs::create_dir_all(cfg.join("specs")).unwrap();
    let yaml =
        reportbench::core::spec::DEFAULT_SPEC_YAML.replace("id: fazhi-annual", "id: my-copy");
    std::fs::write(cfg.join("specs/mine.yaml"), yaml).unwrap();
    std::fs::write(cfg.join("config.yaml"), "lang: zh\n").unwrap();
    let o = bin()
        .current_dir(root())
        .env("REPORTBENCH_CONFIG_DIR", &cfg)
        .args([
            "check",
            "--format",
            "json",
            "--spec",
            "mine",
            "drafts/qinghe-2023.txt",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["spec"]["id"], "my-copy");
    // config.yaml chose Chinese.
    assert_eq!(v["items"][0]["title"], "标题");
    let o = bin()
        .current_dir(root())
        .env("REPORTBENCH_CONFIG_DIR", &cfg)
        .args(["check", "--spec", "nosuch", "drafts/qinghe-2023.txt"])
        .output()
        .unwrap();
    // In the config's language: Chinese.
    assert_error(&o, "没有名为“nosuch”的清单");
}

#[test]
fn bad_config_is_an_error_with_location() {
    let cfg = temp_dir("bad-config");
    std::fs::write(cfg.join("config.yaml"), "lang: en\nlanguage: zh\n").unwrap();
    let o = bin()
        .current_dir(root())
        .env("REPORTBENCH_CONFIG_DIR", &cfg)
        .args(["check", "drafts/qinghe-2023.txt"])
        .output()
        .unwrap();
    assert_error(&o, "config.yaml:2:1: unknown field `language`");
}

#[test]
fn bad_input_exits_two_with_one_sentence() {
    let dir = temp_dir("bad-input");
    let bin_file = dir.join("image.png");
    std::fs::write(&bin_file, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let bad_yaml = dir.join("bad.yaml");
    std::fs::write(
        &bad_yaml,
        "id: x\nversion: 1\nitems:\n  - id: a\n    title: [unclosed\n",
    )
    .unwrap();
    let unknown_key = dir.join("unknown.yaml");
    std::fs::write(&unknown_key, "id: x\nversion: 1\nitems:\n  - id: a\n    title: A\n    kind: section\n    headings: {any: [甲]}\n").unwrap();
    let bad_regex = dir.join("regex.yaml");
    std::fs::write(&bad_regex, "id: x\nversion: 1\nitems:\n  - id: a\n    title: A\n    kind: section\n    heading: {regex: ['(']}\n").unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 \xff\xfe\xfd").unwrap();
    let d = dir.to_str().unwrap();
    assert_error(
        &run(&["check", "drafts/nosuch.md"]),
        "drafts/nosuch.md: no such file",
    );
    assert_error(&run(&["check", d]), "is a directory");
    assert_error(&run(&["check", bin_file.to_str().unwrap()]), "binary file");
    assert_error(
        &run(&["check", latin1.to_str().unwrap()]),
        "not text in UTF-8 or GB18030",
    );
    assert_error(
        &run(&[
            "check",
            "--spec",
            bad_yaml.to_str().unwrap(),
            "drafts/qinghe-2023.txt",
        ]),
        "bad.yaml:",
    );
    let o = run(&[
        "check",
        "--spec",
        unknown_key.to_str().unwrap(),
        "drafts/qinghe-2023.txt",
    ]);
    assert_error(&o, "unknown.yaml:7:5: items[0]: unknown field `headings`");
    let o = run(&[
        "check",
        "--spec",
        bad_regex.to_str().unwrap(),
        "drafts/qinghe-2023.txt",
    ]);
    assert_error(&o, "regex.yaml:7:");
    assert_error(
        &run(&["check", "--spec", "missing.yaml", "drafts/qinghe-2023.txt"]),
        "missing.yaml: no such spec file",
    );
    // Unknown flags and missing arguments are usage errors, one sentence too.
    assert_error(
        &run(&["check", "--frobnicate", "drafts/qinghe-2023.txt"]),
        "--frobnicate",
    );
    assert_error(
        &run(&["check", "--format", "yaml", "drafts/qinghe-2023.txt"]),
        "yaml",
    );
    assert_error(&run(&["metrics"]), "required");
}

#[test]
fn one_bad_file_among_several_still_reports_the_others() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "drafts/qinghe-2023.txt",
        "drafts/nosuch.md",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert!(stderr(&o).contains("drafts/nosuch.md: no such file"));
}

#[test]
fn gb18030_drafts_are_read() {
    let dir = temp_dir("gb18030-draft");
    let text = std::fs::read_to_string(root().join("drafts/qinghe-2024.md")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let p = dir.join("gbk.md");
    std::fs::write(&p, &bytes).unwrap();
    let a: Value = serde_json::from_slice(
        &run(&["check", "--format", "json", "drafts/qinghe-2024.md"]).stdout,
    )
    .unwrap();
    let b: Value =
        serde_json::from_slice(&run(&["check", "--format", "json", p.to_str().unwrap()]).stdout)
            .unwrap();
    assert_eq!(b["encoding"], "GB18030");
    assert_eq!(a["items"], b["items"]);
    assert_eq!(a["metrics"], b["metrics"]);
}

#[test]
fn colour_only_when_asked_and_never_raw_escapes_from_the_file() {
    let dir = temp_dir("hostile");
    let p = dir.join("hostile.txt");
    std::fs::write(
        &p,
        "某镇2024年度法治政府建设情况报告\u{1b}]0;pwned\u{7}\n一、主要举措和成效\u{202e}反转\n正文\u{1b}[2J。\n",
    )
    .unwrap();
    for args in [
        vec!["check"],
        vec!["check", "--format", "markdown"],
        vec!["metrics"],
    ] {
        let mut a = args.clone();
        a.push(p.to_str().unwrap());
        let o = run(&a);
        let out = stdout(&o);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
    }
    let o = run(&["check", "--color", "always", "drafts/qinghe-2023.txt"]);
    assert!(stdout(&o).contains("\u{1b}[32m"));
    let o = run(&["check", "drafts/qinghe-2023.txt"]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn previous_year_is_shown_and_checked() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "--previous",
        "drafts/qinghe-2023.txt",
        "drafts/qinghe-2024.md",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["previous"]["year"], 2023);
    let carried = v["previous"]["carried_over_ratio"].as_f64().unwrap();
    assert!(carried > 0.3 && carried < 0.9, "{carried}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    // The same year twice is suspicious and said so.
    let o = run(&[
        "check",
        "--previous",
        "drafts/qinghe-2024.md",
        "drafts/qinghe-2024.md",
    ]);
    assert!(stderr(&o).contains("previous report"), "{}", stderr(&o));
}

#[test]
fn english_and_chinese_output() {
    let o = run(&["check", "--lang", "zh", "drafts/qinghe-2024.md"]);
    assert!(stdout(&o).contains("必备要素"));
    let o = run(&["check", "--lang", "en", "drafts/qinghe-2024.md"]);
    assert!(stdout(&o).contains("Required items"));
}

#[test]
fn help_and_version_exit_zero() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("check"));
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn diff_json_follows_the_contract() {
    let o = run(&[
        "diff",
        "--format",
        "json",
        "drafts/qinghe-2023.txt",
        "drafts/qinghe-2024.md",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON value");
    assert_eq!(v["old"]["file"], "drafts/qinghe-2023.txt");
    assert_eq!(v["old"]["year"], 2023);
    assert_eq!(v["new"]["year"], 2024);
    let s = &v["summary"];
    for k in [
        "paragraphs_old",
        "paragraphs_new",
        "unchanged",
        "changed",
        "added",
        "removed",
        "moved",
        "merged",
        "split",
    ] {
        assert!(s[k].is_u64(), "summary.{k}");
    }
    let ratio = s["carried_over_ratio"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&ratio));
    let paras = v["paragraphs"].as_array().unwrap();
    // Every paragraph of both files exactly once (a merged entry names all
    // its old lines in `old_lines`, a split one its new lines).
    let lines_of = |p: &Value, one: &str, many: &str| -> Vec<u64> {
        match p[many].as_array() {
            Some(all) => all.iter().filter_map(Value::as_u64).collect(),
            None => p[one].as_u64().into_iter().collect(),
        }
    };
    let old_lines: Vec<u64> = paras
        .iter()
        .flat_map(|p| lines_of(p, "old_line", "old_lines"))
        .collect();
    let new_lines: Vec<u64> = paras
        .iter()
        .flat_map(|p| lines_of(p, "new_line", "new_lines"))
        .collect();
    assert_eq!(
        old_lines.len() as u64,
        s["paragraphs_old"].as_u64().unwrap()
    );
    assert_eq!(
        new_lines.len() as u64,
        s["paragraphs_new"].as_u64().unwrap()
    );
    for p in paras {
        let st = p["status"].as_str().unwrap();
        assert!(
            [
                "unchanged",
                "changed",
                "added",
                "removed",
                "moved",
                "merged",
                "split"
            ]
            .contains(&st)
        );
        assert!(p["year_rolled"].is_boolean() && p["similarity"].is_number());
        if ["merged", "split"].contains(&st) {
            assert_eq!(p["old_lines"][0], p["old_line"]);
            assert_eq!(p["new_lines"][0], p["new_line"]);
            let many =
                p["old_lines"].as_array().unwrap().len() + p["new_lines"].as_array().unwrap().len();
            assert!(many >= 3, "{p}");
        }
        if ["changed", "merged", "split"].contains(&st) {
            let spans = p["spans"].as_array().unwrap();
            assert!(!spans.is_empty());
            let rebuilt: String = spans
                .iter()
                .filter(|s| s["op"] != "delete")
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            assert_eq!(rebuilt, p["new_text"].as_str().unwrap());
        }
    }
    // qinghe-2024 wrote 2023's （四） and its 四是 paragraph as one.
    let merged = paras
        .iter()
        .find(|p| p["status"] == "merged")
        .expect("a merged paragraph");
    assert_eq!(merged["old_lines"], serde_json::json!([35, 37]));
    let old_spans: String = merged["spans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["op"] != "insert")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(old_spans, merged["old_text"].as_str().unwrap());
    assert_eq!(s["merged"], 1);
    let title = paras.iter().find(|p| p["new_line"] == 1).unwrap();
    assert_eq!(
        (title["status"].as_str(), title["year_rolled"].as_bool()),
        (Some("unchanged"), Some(true))
    );
    assert!(
        v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["status"] == "matched" && s["role"] == "next_year")
    );
    let fig = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["new"] == 312)
        .unwrap();
    assert_eq!(
        (
            fig["old"].as_i64(),
            fig["change"].as_str(),
            fig["metric"].as_str()
        ),
        (Some(286), Some("up"), Some("dispute_mediation"))
    );
    for f in v["figures"].as_array().unwrap() {
        assert!(["up", "down", "same", "new", "dropped"].contains(&f["change"].as_str().unwrap()));
    }
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 7);
    assert!(
        plans
            .iter()
            .any(|p| p["followed_up"] == false && p["evidence"].is_null())
    );
    assert!(
        plans
            .iter()
            .any(|p| p["followed_up"] == true && p["evidence"]["line"].is_u64())
    );
}

#[test]
fn diff_text_markdown_html() {
    let o = run(&[
        "diff",
        "--lang",
        "en",
        "drafts/qinghe-2023.txt",
        "drafts/qinghe-2024.md",
    ]);
    let out = stdout(&o);
    assert!(out.contains("carried over from last year"));
    assert!(
        out.contains("{+") && out.contains("[-"),
        "no-colour inline marks"
    );
    assert!(!out.contains('\u{1b}'));
    let o = run(&[
        "diff",
        "--format",
        "markdown",
        "drafts/qinghe-2023.txt",
        "drafts/qinghe-2024.md",
    ]);
    let out = stdout(&o);
    assert!(out.contains("~~") && out.contains("**"));
    let o = run(&[
        "diff",
        "--format",
        "html",
        "drafts/qinghe-2023.txt",
        "drafts/qinghe-2024.md",
    ]);
    let out = stdout(&o);
    assert!(out.starts_with("<!DOCTYPE html>") && out.contains("<ins>") && out.contains("<del>"));
}

#[test]
fn diff_errors_exit_two() {
    assert_error(
        &run(&["diff", "drafts/nosuch.txt", "drafts/qinghe-2024.md"]),
        "drafts/nosuch.txt: no such file",
    );
    let o = run(&["diff", "drafts/qinghe-2024.md"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_never_prints_raw_control_characters() {
    let dir = temp_dir("hostile-diff");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(
        &a,
        "某镇2023年度法治政府建设情况报告\n一、主要举措\n正文\u{1b}[2J第一段。\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "某镇2024年度法治政府建设情况报告\n一、主要举措\n正文\u{202e}第一段改了。\n",
    )
    .unwrap();
    for format in ["text", "markdown", "html"] {
        let o = run(&[
            "diff",
            "--format",
            format,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]);
        let out = stdout(&o);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{format}: {out:?}"
        );
    }
}

const SIDECAR: &str = "comments:
  - id: c-20250301-0001
    author: 李律师
    created: 2025-03-01T09:30:00+08:00
    quote: 第一责任人
    prefix: 镇党委书记、镇长要切实担起推进法治建设
    suffix: 职责
    line: 80
    body: 请补充主要负责人履职的具体事例。
    status: open
    replies:
      - {author: 王主任, created: 2025-03-02T10:00:00+08:00, body: 已补充。}
  - id: c-20250301-0002
    author: 李律师
    created: 2025-03-01T09:31:00+08:00
    quote: 已经删掉的一句话
    line: 3
    body: 这句话删了。
signoffs:
  - item: other
    verdict: na
    reason: 本年度无其他需要报告的情况
    author: 李律师
    at: 2025-03-01T09:40:00+08:00
";

#[test]
fn an_na_signoff_shows_in_check_and_the_review_exports() {
    let dir = temp_dir("cli-review");
    let p = dir.join("draft.md");
    std::fs::copy(root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let file = p.to_str().unwrap();
    let before: Value =
        serde_json::from_str(&stdout(&run(&["check", file, "--format", "json"]))).unwrap();
    let other = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "other")
            .cloned()
            .unwrap()
    };
    assert_eq!(other(&before)["status"], "missing");
    std::fs::write(dir.join("draft.md.review.yaml"), SIDECAR).unwrap();
    let after: Value = serde_json::from_str(&stdout(&run(&[
        "check", file, "--format", "json", "--lang", "en",
    ])))
    .unwrap();
    assert_eq!(other(&after)["status"], "na");
    assert!(
        other(&after)["message"]
            .as_str()
            .unwrap()
            .contains("本年度无其他需要报告的情况")
    );

    let o = run(&["review", file, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["file"], file);
    let c = &v["comments"];
    assert_eq!(
        (c[0]["line"].as_u64(), c[0]["orphaned"].as_bool()),
        (Some(83), Some(false))
    );
    assert_eq!(c[0]["replies"][0]["author"], "王主任");
    assert_eq!(
        (c[1]["line"].is_null(), c[1]["orphaned"].as_bool()),
        (true, Some(true))
    );
    assert_eq!(v["signoffs"][0]["verdict"], "na");
    assert_eq!(other(&v)["status"], "na");

    // Insert lines above: the comment follows its text.
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("新加的一行。\n\n{text}")).unwrap();
    let v: Value =
        serde_json::from_str(&stdout(&run(&["review", file, "--format", "json"]))).unwrap();
    assert_eq!(v["comments"][0]["line"].as_u64(), Some(85));

    let md = stdout(&run(&["review", file, "--lang", "en"]));
    assert!(
        md.contains(
            "| Other matters | – n/a | not applicable | 本年度无其他需要报告的情况 | 李律师 2025-03-01 09:40 |"
        ),
        "{md}"
    );
    assert!(md.contains("### its text is gone · 李律师"), "{md}");
}

#[test]
fn a_broken_review_file_is_located() {
    let dir = temp_dir("cli-review-bad");
    let p = dir.join("draft.md");
    std::fs::copy(root().join("drafts/qinghe-2024.md"), &p).unwrap();
    std::fs::write(
        dir.join("draft.md.review.yaml"),
        "signoffs:\n  - item: other\n    verdict: perhaps\n",
    )
    .unwrap();
    let o = run(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("draft.md.review.yaml:3:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_quickfix_gives_one_finding_per_line_for_editors() {
    let o = run(&[
        "check",
        "--lang",
        "en",
        "--format",
        "quickfix",
        "drafts/qinghe-2024.md",
    ]);
    assert_eq!(o.status.code(), Some(1), "an item is missing");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // The partial item where it was mentioned, then the five problems (the
    // draft's mixed-width "(二)" among them, as information).
    assert_eq!(lines.len(), 6, "{out}");
    let re =
        regex::Regex::new(r"^drafts/qinghe-2024\.md:\d+:\d+: (error|warning|info): .+$").unwrap();
    assert!(lines.iter().all(|l| re.is_match(l)), "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("drafts/qinghe-2024.md:37:1: warning: ")
                && l.ends_with("[numbering]")),
        "{out}"
    );
}

#[test]
fn the_reviewers_overall_verdict_is_stored_and_exported() {
    let dir = temp_dir("cli-verdict");
    let p = dir.join("draft.md");
    std::fs::copy(root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let file = p.to_str().unwrap();
    let o = run(&["review", file, "--verdict", "revise", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(
        stdout(&o).contains("- 总体结论：修改后通过（"),
        "{}",
        stdout(&o)
    );
    let stored = std::fs::read_to_string(dir.join("draft.md.review.yaml")).unwrap();
    assert!(stored.contains("value: revise"), "{stored}");
    let v: Value =
        serde_json::from_str(&stdout(&run(&["review", file, "--format", "json"]))).unwrap();
    assert_eq!(v["verdict"]["value"], "revise");
}

#[test]
fn fix_shows_a_diff_then_writes_in_the_drafts_own_encoding() {
    let dir = common::temp_dir("cli-fix");
    // A GB18030 draft with CRLF line ends: a gap run and a residue line.
    let text = "某镇2024年度法治政府建设情况报告\r\n分享到：微信 微博\r\n一、主要举措\r\n（一）甲\r\n正文。\r\n（三）乙\r\n正文。\r\n（四）丙\r\n正文。\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let path = dir.join("draft.txt");
    std::fs::write(&path, &bytes).unwrap();
    let p = path.to_str().unwrap();
    // The diff: both fixes, the file untouched.
    let o = run(&["fix", "--lang", "en", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let diff = stdout(&o);
    for line in [
        "-分享到：微信 微博",
        "-（三）乙",
        "+（二）乙",
        "-（四）丙",
        "+（三）丙",
    ] {
        assert!(diff.contains(line), "{line} not in\n{diff}");
    }
    assert!(stderr(&o).contains("--write"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).unwrap(), bytes.to_vec());
    // One rule only.
    let o = run(&["fix", "--rule", "numbering", p]);
    assert!(!stdout(&o).contains("分享到"), "{}", stdout(&o));
    // Written: GB18030 and CRLF kept, nothing left to fix.
    let o = run(&["fix", "--write", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(&path).unwrap();
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&written);
    assert!(!bad);
    assert_eq!(
        decoded,
        "某镇2024年度法治政府建设情况报告\r\n一、主要举措\r\n（一）甲\r\n正文。\r\n（二）乙\r\n正文。\r\n（三）丙\r\n正文。\r\n"
    );
    let o = run(&["fix", "--lang", "en", p]);
    assert!(
        stderr(&o).contains("nothing the tool can fix"),
        "{}",
        stderr(&o)
    );
    // A rule without a fix: one sentence, exit 2.
    let o = run(&["fix", "--rule", "placeholder", p]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn fix_rolls_the_plans_years_and_the_self_citation() {
    let dir = common::temp_dir("cli-fix-years");
    let path = dir.join("draft.md");
    std::fs::write(
        &path,
        "某县2024年度法治政府建设情况报告\n一、主要举措\n按照《某县2024年度法治政府建设情况报告》的要求，办理案件38件。\n\
         二、下一年度工作安排\n2024年，力争2024年底前完成2021—2024年规划的收尾。\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["fix", "--lang", "zh", "--rule", "year-consistency", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let diff = stdout(&o);
    for line in [
        "+按照《某县2023年度法治政府建设情况报告》的要求",
        "+2025年，力争2025年底前完成2021—2024年规划的收尾。",
    ] {
        assert!(diff.contains(line), "{line} not in\n{diff}");
    }
    assert!(stderr(&o).contains("年份前后 2"), "{}", stderr(&o));
    let o = run(&["fix", "--write", "--rule", "year-consistency", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["check", "--format", "json", p]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let years = v["lints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["rule"] == "year-consistency")
        .count();
    assert_eq!(years, 0, "{v}");
}

#[test]
fn diff_warns_when_the_pair_looks_wrong() {
    let warnings = |old: &str, new: &str| {
        let o = run(&["diff", "--lang", "en", "--format", "json", old, new]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let kinds: Vec<String> = v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["kind"].as_str().unwrap().to_owned())
            .collect();
        (kinds, stderr(&o))
    };
    // The right pair: nothing.
    let (k, _) = warnings("drafts/qinghe-2023.txt", "drafts/qinghe-2024.md");
    assert!(k.is_empty(), "{k:?}");
    // Reversed, identical, and two bodies: said in JSON and on stderr.
    let (k, err) = warnings("drafts/qinghe-2024.md", "drafts/qinghe-2023.txt");
    assert_eq!(k, ["reversed"]);
    assert!(err.contains("reversed"), "{err}");
    let (k, _) = warnings("drafts/qinghe-2024.md", "drafts/qinghe-2024.md");
    assert_eq!(k, ["identical"]);
    let (k, _) = warnings("drafts/xxgk-2023.txt", "drafts/qinghe-2024.md");
    assert_eq!(k, ["different_issuers"]);
}

#[test]
fn the_language_goes_before_or_after_a_command_and_workbench_options_only_before_a_file() {
    // --lang and --color anywhere.
    let o = run(&["--lang", "en", "check", "drafts/qinghe-2024.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Checklist") || stdout(&o).contains("Required"),
        "{}",
        stdout(&o)
    );
    let o = run(&["check", "--lang", "en", "drafts/qinghe-2024.md"]);
    assert_eq!(o.status.code(), Some(1));
    // A workbench option before a command would be ignored: refused, said.
    let o = run(&["--spec", "xxgk-annual", "check", "drafts/qinghe-2024.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("after it"), "{}", stderr(&o));
}

#[test]
fn figures_in_the_plans_are_targets() {
    let o = run(&["metrics", "--format", "json", "drafts/qinghe-2024.md"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let targets: Vec<(String, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["target"] == true)
        .map(|f| {
            (
                f["text"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // Only in 三、2025年工作打算 (from line 71), every figure there.
    assert!(!targets.is_empty());
    assert!(targets.iter().all(|(_, l)| *l > 71), "{targets:?}");
    assert!(
        targets.iter().any(|(t, _)| t.contains("不少于30场")),
        "{targets:?}"
    );
}

/// The keys of every object in pretty JSON text, object by object, in the
/// order written.
fn keys_as_written(json: &str) -> Vec<Vec<String>> {
    // Open objects by indentation; a key line is `<indent>"key": …`.
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    let mut done = Vec::new();
    for line in json.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        while open.last().is_some_and(|(d, _)| *d > indent) {
            done.push(open.pop().map(|(_, k)| k).unwrap_or_default());
        }
        if let Some(rest) = t.strip_prefix('"')
            && let Some(end) = rest.find("\": ")
        {
            match open.last_mut() {
                Some((d, keys)) if *d == indent => keys.push(rest[..end].to_owned()),
                _ => open.push((indent, vec![rest[..end].to_owned()])),
            }
        }
        if t.starts_with('}') {
            while open.last().is_some_and(|(d, _)| *d > indent) {
                done.push(open.pop().map(|(_, k)| k).unwrap_or_default());
            }
        }
    }
    done.extend(open.into_iter().map(|(_, k)| k));
    done
}

#[test]
fn json_objects_keep_their_keys_in_alphabetical_order() {
    // The contract's JSON was once built as a serde_json::Value, whose maps
    // sort their keys; it is now written straight from structs declared in
    // that order. A field added out of order would reorder a document that
    // scripts may read as text.
    let draft = root().join("drafts/qinghe-2024.md");
    let old = root().join("drafts/qinghe-2023.txt");
    let (d, o) = (draft.to_str().unwrap(), old.to_str().unwrap());
    for args in [
        vec!["check", "--format", "json", d, "--previous", o],
        vec!["metrics", "--format", "json", d],
        vec!["diff", "--format", "json", o, d],
        vec!["check", "--format", "json", d, o],
    ] {
        let out = stdout(&run(&args));
        let objects = keys_as_written(&out);
        assert!(objects.len() > 10, "{args:?}: {objects:?}");
        for keys in objects {
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(keys, sorted, "{args:?}");
        }
    }
}

#[test]
fn a_long_json_diff_is_written_as_it_is_made_and_a_closed_pipe_ends_it_quietly() {
    use std::io::Read;
    // A pair long enough that its JSON fills many pipe buffers.
    let dir = temp_dir("cli-diff-pipe");
    let grow = |name: &str| {
        let one = std::fs::read_to_string(root().join("drafts").join(name)).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, one.repeat(40)).unwrap();
        p
    };
    let (old, new) = (grow("qinghe-2023.txt"), grow("qinghe-2024.md"));
    // Read whole: the same JSON as written to a file with -o.
    let whole = run(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert!(whole.status.success(), "{}", stderr(&whole));
    let file = dir.join("out.json");
    let to_file = run(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(to_file.status.success(), "{}", stderr(&to_file));
    assert_eq!(std::fs::read(&file).unwrap(), whole.stdout);
    assert!(whole.stdout.len() > 1 << 20, "{}", whole.stdout.len());
    serde_json::from_slice::<Value>(&whole.stdout).expect("valid JSON");
    // The reader stops after the first bytes (`| head`): no error.
    let mut child = common::bin()
        .current_dir(root())
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut head = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("the first bytes");
    let out = child.wait_with_output().expect("ends");
    assert!(head.starts_with(b"{"));
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn notes_about_several_files_come_in_the_files_order() {
    // A long disclosure report first, a short one second: checked at the
    // same time on two workers, the short one is done first; its note
    // ("checked as a disclosure report, because…") still comes second.
    let dir = temp_dir("cli-notes-order");
    let one = std::fs::read_to_string(root().join("drafts/xxgk-2024.md")).unwrap();
    let long = dir.join("long.md");
    std::fs::write(&long, one.repeat(60)).unwrap();
    let short = dir.join("short.md");
    std::fs::write(&short, &one).unwrap();
    for _ in 0..3 {
        let o = run(&[
            "check",
            "--format",
            "json",
            long.to_str().unwrap(),
            short.to_str().unwrap(),
        ]);
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].contains("long.md") && lines[1].contains("short.md"),
            "{err}"
        );
    }
}
