//! Every error message has its Chinese: the templates written in `src/`
//! (`#[error(…)]`, `bail!`, `anyhow!`, `.context(…)`) are read from the
//! source and looked up in `core::messages::CATALOGUE`; and the binary
//! says its errors in the language asked for.

mod common;

use reportbench::core::messages::CATALOGUE;
use std::path::Path;

/// The error templates in a source file (tests left out), with each
/// `{…}` written `{}`.
fn templates(text: &str) -> Vec<String> {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let re = regex::Regex::new(
        r#"(?s)(#\[error\(|bail!\(|anyhow!\(|\.context\(|with_context\(\|\|\s*format!\()\s*"((?:[^"\\]|\\.)*)""#,
    )
    .unwrap();
    let continuation = regex::Regex::new(r"\\\n\s*").unwrap();
    let placeholder = regex::Regex::new(r"\{[^{}]*\}").unwrap();
    re.captures_iter(text)
        .map(|c| {
            let t = continuation.replace_all(&c[2], "");
            placeholder.replace_all(&t, "{}").into_owned()
        })
        .collect()
}

/// The messages a spec's compiler writes (`format!` and plain strings
/// made into messages), which reach the user inside a located error.
fn spec_messages(text: &str) -> Vec<String> {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let re = regex::Regex::new(
        r#"(?s)format!\(\s*"((?:[^"\\]|\\.)*)"|"((?:[^"\\]|\\.)*)"\s*\.(?:into|to_owned|to_string)\(\)"#,
    )
    .unwrap();
    let continuation = regex::Regex::new(r"\\\n\s*").unwrap();
    let placeholder = regex::Regex::new(r"\{[^{}]*\}").unwrap();
    re.captures_iter(text)
        .filter_map(|c| c.get(1).or(c.get(2)))
        .map(|m| {
            let t = continuation.replace_all(m.as_str(), "");
            placeholder.replace_all(&t, "{}").into_owned()
        })
        .collect()
}

/// Strings of the spec's compiler that are not messages: places, quotes,
/// an expression written back.
const NOT_MESSAGES: &[&str] = &[
    "<built-in {}>",
    "“{}”",
    "id: {}",
    "id: \\\"{}\\\"",
    "id: '{}'",
    ":{}:{}",
    "({})",
    "{} {} {}",
    "lints.placeholder.patterns",
    "件",
];

fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            for t in templates(&text) {
                out.push((p.display().to_string(), t));
            }
            let in_spec =
                p.components().any(|c| c.as_os_str() == "spec") || p.ends_with("core/yaml.rs");
            if in_spec {
                for t in spec_messages(&text) {
                    if !NOT_MESSAGES.contains(&t.as_str()) {
                        out.push((p.display().to_string(), t));
                    }
                }
            }
        }
    }
}

#[test]
fn every_error_template_in_the_source_has_its_chinese() {
    let mut found = Vec::new();
    walk(&common::root().join("src"), &mut found);
    assert!(
        found.len() > 60,
        "the scan finds the templates: {}",
        found.len()
    );
    let missing: Vec<String> = found
        .iter()
        // A template of values only ("{}: {}", "{}{}: {}") adds no words.
        .filter(|(_, t)| t.replace("{}", "").chars().any(char::is_alphabetic))
        .filter(|(_, t)| !CATALOGUE.iter().any(|(en, _)| en == t))
        .map(|(f, t)| format!("{f}: {t}"))
        .collect();
    assert!(
        missing.is_empty(),
        "error messages without Chinese (add them to core/messages_zh.rs):\n{}",
        missing.join("\n")
    );
}

/// The binary run with `args` in the locale `lang` (`LANG`).
fn in_locale(args: &[&str], lang: &str) -> std::process::Output {
    common::bin()
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

#[test]
fn the_binary_says_its_errors_in_the_language_asked_for() {
    let run = |args: &[&str], lang: &str| {
        let out = in_locale(args, lang);
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let zh = run(&["check", "/no/such/draft.md"], "zh_CN.UTF-8");
    assert_eq!(
        zh.trim_end(),
        "reportbench：/no/such/draft.md：没有这个文件"
    );
    let en = run(&["check", "/no/such/draft.md"], "en_US.UTF-8");
    assert_eq!(
        en.trim_end(),
        "reportbench: /no/such/draft.md: no such file"
    );
    // --lang wins over the locale, wherever it is written.
    let zh = run(
        &["check", "/no/such/draft.md", "--lang", "zh"],
        "en_US.UTF-8",
    );
    assert!(zh.contains("没有这个文件"), "{zh}");
    // The command line's own mistakes too.
    let zh = run(&["check", "--bogus", "x.md"], "zh_CN.UTF-8");
    assert!(
        zh.contains("--bogus") && zh.contains("不认识的选项"),
        "{zh}"
    );
    assert_eq!(zh.lines().count(), 1, "{zh}");
    let en = run(&["check", "--bogus", "x.md"], "en_US.UTF-8");
    assert!(en.contains("unexpected argument '--bogus'"), "{en}");
}

#[test]
fn the_help_speaks_the_users_language() {
    let help = |args: &[&str], lang: &str| {
        let out = in_locale(args, lang);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = help(&["--help"], "zh_CN.UTF-8");
    for words in [
        "用法",
        "命令",
        "选项",
        "检查",
        "对比",
        "--previous",
        "上一年度",
    ] {
        assert!(zh.contains(words), "{words} missing:\n{zh}");
    }
    assert!(!zh.contains("Usage:") && !zh.contains("Print help"), "{zh}");
    let zh = help(&["check", "--help"], "zh_CN.UTF-8");
    for words in ["--format", "输出格式", "text", "quickfix", "默认"] {
        assert!(zh.contains(words), "{words} missing:\n{zh}");
    }
    assert!(!zh.contains("possible values"), "{zh}");
    let en = help(&["check", "--help"], "en_US.UTF-8");
    assert!(
        en.contains("Usage:") && en.contains("Output format"),
        "{en}"
    );
    let en = help(&["--lang", "en", "--help"], "zh_CN.UTF-8");
    assert!(en.contains("Usage:"), "{en}");
}
