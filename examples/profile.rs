//! Runs parse + check in a loop for profiling: `cargo run --release --example profile -- FILE [N]`;
//! then the stages alone, and a re-check after a one-character edit with the
//! workbench's memo (`REUSE=1`: that loop alone, for a profiler).

use reportbench::core::check::{CheckMemo, CheckOptions, check, check_reusing};
use reportbench::core::document::Document;
use reportbench::core::spec::CompiledSpec;

#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "drafts/qinghe-2024.md".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let base = std::fs::read_to_string(&path).unwrap_or_default();
    // Digits shifted per copy so that paragraphs do not repeat.
    let text = common::grown(&base, 30_000, "");
    let spec = CompiledSpec::default_spec();
    if std::env::var_os("ONLY_FIGURES").is_some() {
        let d = Document::parse(&text);
        let mut k = 0;
        for _ in 0..n {
            k += reportbench::core::figures::extract(&d, &spec.units).len();
        }
        eprintln!("{k}");
        return;
    }
    if std::env::var_os("REUSE").is_some() {
        reuse(&text, &spec, n);
        return;
    }
    let t = std::time::Instant::now();
    let mut lints = 0;
    for _ in 0..n {
        let d = Document::parse(&text);
        lints += check(&d, &spec, &CheckOptions::default()).lints.len();
    }
    eprintln!("{:?} per check ({lints})", t.elapsed() / n as u32);
    stages(&text, &spec, n);
    reuse(&text, &spec, n);
}

/// Parse and check with a memo after each of `n` one-character edits in
/// the middle of the text (the workbench's re-check after a key).
fn reuse(text: &str, spec: &CompiledSpec, n: usize) {
    let mid = (text.len() / 2..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let edited: Vec<String> = ["甲", "乙"]
        .iter()
        .map(|c| format!("{}{c}{}", &text[..mid], &text[mid..]))
        .collect();
    let mut memo = CheckMemo::new();
    let mut elapsed = std::time::Duration::ZERO;
    for k in 0..n {
        let t = edited[k % 2].clone();
        let start = std::time::Instant::now();
        let d = Document::parse_reusing(t, Default::default(), memo.lines());
        std::hint::black_box(check_reusing(&d, spec, &CheckOptions::default(), &mut memo));
        elapsed += start.elapsed();
    }
    eprintln!(
        "parse and check after an edit, with the memo {:?}",
        elapsed / n as u32
    );
}

#[allow(dead_code)]
fn stages(text: &str, spec: &CompiledSpec, n: usize) {
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(Document::parse(text));
    }
    eprintln!("parse {:?}", t.elapsed() / n as u32);
    let d = Document::parse(text);
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += reportbench::core::figures::extract(&d, &spec.units).len();
    }
    eprintln!("figures {:?} ({} figures)", t.elapsed() / n as u32, k / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(check(&d, spec, &CheckOptions::default()));
    }
    eprintln!("check without parse {:?}", t.elapsed() / n as u32);
}
