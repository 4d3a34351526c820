//! The map of the house, checked: each layer of `src/` uses only what it
//! may (see ARCHITECTURE.md). A violation names the file, the line and the
//! rule, so that a wall moved by accident is found at once.

mod common;

use std::path::{Path, PathBuf};

/// What a layer must not mention, and why.
struct Rule {
    /// The layer's folder under `src/`.
    layer: &'static str,
    /// Paths and calls it must not use.
    forbidden: &'static [&'static str],
    why: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        layer: "core",
        forbidden: &[
            "crate::io",
            "crate::app",
            "crate::ui",
            "crate::tui",
            "crate::render",
            "crate::config",
            "std::fs",
            "std::env",
            "std::io::stdin",
            "std::io::stdout",
            "Instant::now",
            "SystemTime::now",
            "ratatui",
            "crossterm",
            "tui_textarea",
            "std::process",
        ],
        why: "the core is pure: text in, data out (no files, clock or terminal)",
    },
    Rule {
        layer: "render",
        forbidden: &[
            "crate::io",
            "crate::app",
            "crate::ui",
            "crate::tui",
            "crate::config",
            "std::fs",
            "Instant::now",
            "SystemTime::now",
            "ratatui",
            "crossterm",
        ],
        why: "renderings are pure: data in, text out",
    },
    Rule {
        layer: "io",
        forbidden: &[
            "crate::app",
            "crate::ui",
            "crate::tui",
            "crate::render",
            "crate::config",
            "ratatui",
            "crossterm",
            "tui_textarea",
        ],
        why: "io does side effects for the layers above and knows none of them",
    },
    Rule {
        layer: "app",
        forbidden: &[
            "crate::io",
            "crate::ui",
            "crate::tui",
            "crate::config",
            "crate::render",
            "std::fs",
            "std::env",
            "Instant::now",
            "SystemTime::now",
            "std::thread",
            "ratatui::Terminal",
            "crossterm::terminal",
            "crossterm::execute",
            "event::read",
            "event::poll",
        ],
        why: "the state machine decides; files, clock and terminal are the terminal layer's",
    },
    Rule {
        layer: "ui",
        forbidden: &[
            "crate::io",
            "crate::tui",
            "crate::config",
            "std::fs",
            "std::env",
            "Instant::now",
            "SystemTime::now",
            "&mut State",
            "crossterm",
        ],
        why: "drawing is a pure function of the state: no I/O, no clock, no mutation",
    },
];

/// Every `.rs` file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("a source folder") {
        let p = e.expect("an entry").path();
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The code of a source file without comments, string literals and its
/// test module (`#[cfg(test)] mod tests;` files are not layer code
/// either): what the rules look at.
fn code_of(src: &str) -> String {
    let src = match src.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &src[..i],
        None => src,
    };
    let mut out = String::with_capacity(src.len());
    let b: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if b[i] == '"' {
            // A string literal (raw strings here hold no quotes the rules care for).
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            continue;
        }
        if b[i] == '\'' && b.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// How deep `file` is inside its layer: the number of `super::` a path
/// there may climb before it leaves the layer.
fn depth_in_layer(layer_dir: &Path, file: &Path) -> usize {
    let rel = file.strip_prefix(layer_dir).expect("inside the layer");
    let parts: Vec<_> = rel.components().collect();
    let last_is_mod = rel.file_name().is_some_and(|n| n == "mod.rs");
    parts.len() - usize::from(last_is_mod)
}

/// The violations of the layer rules in `src/`.
fn violations(src: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for rule in RULES {
        let dir = src.join(rule.layer);
        for f in files(&dir) {
            if f.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&f).expect("readable source");
            let code = code_of(&text);
            let depth = depth_in_layer(&dir, &f);
            for (n, line) in code.lines().enumerate() {
                for bad in rule.forbidden {
                    if line.contains(bad) {
                        out.push(format!(
                            "{}:{}: `{bad}` in {} ({})",
                            f.display(),
                            n + 1,
                            rule.layer,
                            rule.why
                        ));
                    }
                }
                // `super::super::…` that climbs out of the layer.
                if line.matches("super::").count() > depth
                    && line.contains(&"super::".repeat(depth + 1))
                {
                    out.push(format!(
                        "{}:{}: a path climbs out of {} with super::",
                        f.display(),
                        n + 1,
                        rule.layer
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn each_layer_uses_only_what_it_may() {
    let v = violations(&common::root().join("src"));
    assert!(v.is_empty(), "layer rules broken:\n{}", v.join("\n"));
}

#[test]
fn the_check_finds_each_kind_of_violation() {
    // A copy of src/ with one violation per rule planted: each is found.
    let dir = common::temp_dir("layers");
    let plant = [
        ("core/planted.rs", "use crate::io::load;\n"),
        (
            "core/clock.rs",
            "fn f() { let _ = std::time::Instant::now(); }\n",
        ),
        ("core/deep/x.rs", "use super::super::super::io::load;\n"),
        ("core/term.rs", "use crossterm::event::KeyEvent;\n"),
        ("io/up.rs", "use crate::app::state::State;\n"),
        ("io/ui.rs", "use crate::ui::theme::Theme;\n"),
        ("ui/io.rs", "use crate::io::recovery::Recovered;\n"),
        ("ui/mutates.rs", "fn draw(s: &mut State) {}\n"),
        ("app/files.rs", "fn f() { let _ = std::fs::read(\"x\"); }\n"),
        ("render/term.rs", "use ratatui::text::Line;\n"),
    ];
    for (path, code) in plant {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, code).unwrap();
    }
    for layer in ["app", "render"] {
        std::fs::create_dir_all(dir.join(layer)).unwrap();
    }
    let v = violations(&dir);
    for (path, _) in plant {
        assert!(
            v.iter().any(|l| l.contains(path)),
            "{path} not reported: {v:?}"
        );
    }
    // Comments, strings and test modules are not code.
    let clean = dir.join("clean");
    std::fs::create_dir_all(clean.join("core")).unwrap();
    for layer in ["render", "io", "app", "ui"] {
        std::fs::create_dir_all(clean.join(layer)).unwrap();
    }
    std::fs::write(
        clean.join("core/ok.rs"),
        "// uses crate::io in a comment\nconst S: &str = \"std::fs\";\n#[cfg(test)]\nmod tests {\n    use std::fs;\n}\n",
    )
    .unwrap();
    assert_eq!(violations(&clean), Vec::<String>::new());
}

#[test]
fn no_source_file_holds_more_than_one_job() {
    // About 600 lines at most, unless the file says at its top why.
    let mut long = Vec::new();
    for f in files(&common::root().join("src")) {
        let text = std::fs::read_to_string(&f).unwrap();
        let n = text.lines().count();
        let says_why = text
            .lines()
            .take(20)
            .any(|l| l.contains("Longer than 600 lines because"));
        if n > 620 && !says_why {
            long.push(format!("{} ({n} lines)", f.display()));
        }
    }
    assert!(long.is_empty(), "files doing more than one job: {long:?}");
}
