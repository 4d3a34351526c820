//! Every command on hostile inputs made here: escape sequences, C1 and
//! bidi characters in drafts, file names, review files and specs; devices,
//! pipes, folders, binary and undecodable files, huge and alias-bomb YAML.
//! Each run must end (no hang), with exit code 0, 1 or 2 as documented,
//! one sentence on stderr when it fails, and nothing on stdout or stderr
//! that a terminal would act on.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Characters that must never reach a terminal raw.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| c != '\n' && reportbench::core::text::is_unsafe_for_display(c))
        .collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with `args`; fails the test if it does not end within a
/// minute (a hang, not a slow run: a healthy run takes milliseconds).
fn run(args: &[&std::ffi::OsStr]) -> Run {
    let mut child = common::bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("hung: reportbench {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The hostile draft's text.
fn hostile_text() -> String {
    let body = "全年调处矛盾纠纷120件，审核合同38份，开展普法活动52场次。".repeat(40);
    format!(
        "某镇2024年度法治政府建设情况报告\u{1b}]0;PWNED\u{7}\n\n\
         一、主要举措和成效\u{1b}[2J\u{9b}31m\u{9d}0;x\u{7}\n\n{body}\u{202e}反转\u{200b}\u{2028}\n\n\
         二、存在的不足和原因\u{85}\n\n人员偏少，究其原因是编制不足。\u{1b}]52;c;cHduZWQ=\u{7}\n"
    )
}

fn assert_clean(what: &str, r: &Run) {
    // A CSV written to a file starts with a byte-order mark for Excel (the
    // program leaves it out when stdout is a terminal); nothing else may.
    let stdout = match what {
        "metrics csv" => r.stdout.strip_prefix('\u{feff}').unwrap_or(&r.stdout),
        _ => &r.stdout,
    };
    assert!(
        unsafe_chars(stdout).is_empty(),
        "{what}: stdout carries {:?}",
        unsafe_chars(stdout)
    );
    assert!(
        unsafe_chars(&r.stderr).is_empty(),
        "{what}: stderr carries {:?}",
        unsafe_chars(&r.stderr)
    );
    assert!([0, 1, 2].contains(&r.code), "{what}: exit code {}", r.code);
    if r.code == 2 {
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{what}: not one sentence: {:?}", r.stderr);
        assert!(
            lines[0].starts_with("reportbench: "),
            "{what}: {:?}",
            r.stderr
        );
    }
}

/// Every command and format on `draft` (with `old` as last year's).
fn every_command(draft: &Path, old: &Path) -> Vec<(String, Run)> {
    let d = draft.as_os_str();
    let o = old.as_os_str();
    let mut runs = Vec::new();
    let mut go = |name: &str, args: &[&std::ffi::OsStr]| runs.push((name.to_owned(), run(args)));
    for f in ["text", "json", "markdown"] {
        go(
            &format!("check {f}"),
            &["check".as_ref(), "--format".as_ref(), f.as_ref(), d],
        );
    }
    go(
        "check --previous",
        &["check".as_ref(), "--previous".as_ref(), o, d],
    );
    for f in ["text", "json", "markdown", "html"] {
        go(
            &format!("diff {f}"),
            &["diff".as_ref(), "--format".as_ref(), f.as_ref(), o, d],
        );
    }
    for f in ["text", "json", "csv"] {
        go(
            &format!("metrics {f}"),
            &["metrics".as_ref(), "--format".as_ref(), f.as_ref(), d],
        );
    }
    for f in ["markdown", "json"] {
        go(
            &format!("review {f}"),
            &["review".as_ref(), "--format".as_ref(), f.as_ref(), d],
        );
    }
    go("text", &["text".as_ref(), d]);
    // No terminal: the workbench prints the checklist instead.
    go("workbench without a terminal", &[d]);
    runs
}

#[test]
fn hostile_drafts_names_and_review_files_reach_no_terminal_raw() {
    let dir = common::temp_dir("hostile-text");
    // A name a terminal would act on, too.
    let draft = dir.join("报告\u{1b}[31m\u{202e}.md");
    std::fs::write(&draft, hostile_text()).unwrap();
    let old = dir.join("old\u{9b}.txt");
    std::fs::write(&old, hostile_text().replace("2024", "2023")).unwrap();
    // A review file with hostile fields (hand-edited, or another tool's).
    let mut sidecar = draft.as_os_str().to_owned();
    sidecar.push(".review.yaml");
    std::fs::write(
        PathBuf::from(sidecar),
        "comments:\n\
         - id: \"c-1\\e]0;PWNED\\a\"\n  author: \"李\\u009b31m\"\n  created: \"2025\\u202e\"\n  \
         quote: \"全年调处矛盾纠纷\\e[2J\"\n  body: \"请补充\\e]52;c;cHduZWQ=\\a\"\n  status: open\n  \
         replies:\n  - {author: \"王\\e[5m\", created: x, body: \"已\\u009d0;x\\a\"}\n\
         signoffs:\n- {item: other, verdict: na, reason: \"无\\e[2J\", author: \"李\\u202e\", at: x}\n",
    )
    .unwrap();
    for (name, r) in every_command(&draft, &old) {
        assert_clean(&name, &r);
        assert_ne!(r.code, 2, "{name}: {}", r.stderr);
    }
    // A spec whose titles carry escapes.
    let spec = dir.join("spec\u{1b}.yaml");
    std::fs::write(
        &spec,
        "id: \"t\\e[31m\"\nversion: 1\nname: \"名\\e]0;PWNED\\a\"\nitems:\n  - id: a\n    title: \"甲\\u009b2J\"\n    kind: section\n    heading: {any: [甲]}\n",
    )
    .unwrap();
    let r = run(&["spec".as_ref(), "--spec".as_ref(), spec.as_os_str()]);
    assert_clean("spec --spec", &r);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // JSON keeps them as escapes a reader gets back.
    let r = run(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        draft.as_os_str(),
    ]);
    assert!(r.stdout.contains("\\u009b"), "C1 escaped in JSON");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert!(v["title"].as_str().unwrap().contains('\u{1b}'));
}

#[test]
fn files_that_are_not_drafts_get_one_sentence_and_exit_two() {
    let dir = common::temp_dir("hostile-files");
    let good = dir.join("good.txt");
    std::fs::copy(common::root().join("drafts/qinghe-2023.txt"), &good).unwrap();
    let mut cases: Vec<(String, PathBuf, &str)> = Vec::new();
    cases.push(("a folder".into(), dir.join("folder"), "is a directory"));
    std::fs::create_dir(dir.join("folder")).unwrap();
    let binary = dir.join("binary.docx");
    std::fs::write(&binary, b"PK\x03\x04\0\0\x14\0binary\0\0\x01\x02").unwrap();
    cases.push(("binary".into(), binary, "binary"));
    let gbk = dir.join("bad-gbk.txt");
    let mut bytes = encoding_rs::GB18030
        .encode(&"法治".repeat(150))
        .0
        .into_owned();
    bytes.extend_from_slice(b"\xff\xff");
    std::fs::write(&gbk, bytes).unwrap();
    cases.push(("undecodable".into(), gbk, "byte 600"));
    let utf16 = dir.join("bad16.txt");
    std::fs::write(&utf16, [0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]).unwrap();
    cases.push(("bad UTF-16".into(), utf16, "UTF-16"));
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    cases.push(("over the size limit".into(), huge, "limit"));
    cases.push(("missing".into(), dir.join("missing.txt"), "no such file"));
    #[cfg(unix)]
    {
        cases.push(("a device".into(), PathBuf::from("/dev/zero"), "is a device"));
        let fifo = dir.join("pipe");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: mkfifo with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        cases.push(("a named pipe".into(), fifo, "named pipe"));
    }
    for (what, path, says) in &cases {
        let p = path.as_os_str();
        for args in [
            vec!["check".as_ref(), p],
            vec!["metrics".as_ref(), p],
            vec!["review".as_ref(), p],
            vec!["text".as_ref(), p],
            vec!["diff".as_ref(), good.as_os_str(), p],
            vec!["diff".as_ref(), p, good.as_os_str()],
            vec![p],
        ] {
            let r = run(&args);
            assert_clean(what, &r);
            assert_eq!(r.code, 2, "{what} {args:?}: {}", r.stderr);
            assert!(r.stderr.contains(says), "{what} {args:?}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{what}: {}", r.stdout);
        }
    }
}

#[test]
fn hostile_yaml_is_refused_with_its_place() {
    let dir = common::temp_dir("hostile-yaml");
    let draft = dir.join("d.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &draft).unwrap();
    let review = dir.join("d.md.review.yaml");
    let mut bomb = String::from("comments: []\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "l{i}: &l{i} [*l{}, *l{}, *l{}]\n",
            i - 1,
            i - 1,
            i - 1
        ));
    }
    let deep = format!("comments: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    for (what, yaml, says) in [
        ("an alias bomb", bomb.as_str(), "aliases"),
        ("deep nesting", deep.as_str(), "nested too deeply"),
        (
            "a duplicate key",
            "comments: []\ncomments: []\n",
            "duplicate key",
        ),
    ] {
        std::fs::write(&review, yaml).unwrap();
        let r = run(&["review".as_ref(), draft.as_os_str()]);
        assert_clean(what, &r);
        assert_eq!(r.code, 2, "{what}");
        assert!(r.stderr.contains(says), "{what}: {}", r.stderr);
        assert!(
            r.stderr.contains("d.md.review.yaml:"),
            "{what}: {}",
            r.stderr
        );
        // The position once, not twice.
        assert_eq!(
            r.stderr.matches(" line ").count(),
            0,
            "{what}: {}",
            r.stderr
        );
    }
    // The same guards for config.yaml.
    let cfg = dir.join("cfg");
    std::fs::create_dir(&cfg).unwrap();
    std::fs::write(cfg.join("config.yaml"), deep.replace("comments", "keys")).unwrap();
    let out = common::bin()
        .env("REPORTBENCH_CONFIG_DIR", &cfg)
        .args(["check".as_ref(), draft.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested too deeply"));
}
