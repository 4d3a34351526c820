//! Benchmarks: parsing and checking a 30,000-character report, and a 4 MB file.
//!
//! Budgets (issue #2, #3): parse 30k chars ≤ 0.5 ms; full check of 30k chars
//! ≤ 2 ms; full check of a 4 MB file ≤ 0.5 s. Run with `scripts/bench.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
use reportbench::core::check::{CheckOptions, check};
use reportbench::core::document::Document;
use reportbench::core::spec::CompiledSpec;
use std::hint::black_box;

mod common;

/// The 2024 sample draft grown to about `chars` characters by repeating its
/// measures section as further numbered sections.
pub fn report_of(chars: usize) -> String {
    let draft = include_str!("../drafts/qinghe-2024.md");
    let start = draft.find("（一）加强法治建设统筹").unwrap_or(0);
    let end = draft.find("二、存在的不足和原因").unwrap_or(draft.len());
    let body = &draft[start..end];
    let mut out = String::from(&draft[..end]);
    let mut n = 2;
    while out.chars().count() < chars {
        out.push_str(&format!(
            "{}、补充情况\n\n",
            reportbench::core::outline::chinese_number(n)
        ));
        // Shift every digit so that each copy has its own figures, as a real
        // long report would (no paragraph repeats).
        out.push_str(&common::shift_digits(body, n));
        n += 1;
    }
    out.push_str(&draft[end..]);
    out
}

fn benches(c: &mut Criterion) {
    let spec = CompiledSpec::default_spec();
    let opts = CheckOptions::default();
    let r30k = report_of(30_000);
    c.bench_function("parse 30k chars", |b| {
        b.iter(|| Document::parse(black_box(&r30k)))
    });
    c.bench_function("check 30k chars", |b| {
        b.iter(|| {
            let d = Document::parse(black_box(&r30k));
            check(&d, &spec, &opts)
        })
    });
    let r4mb = report_of(1_400_000);
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("check 4 MB", |b| {
        b.iter(|| {
            let d = Document::parse(black_box(&r4mb));
            check(&d, &spec, &opts)
        })
    });
    // One 300,000-character line (text pasted from a PDF has no line ends):
    // must stay linear.
    let one_line = "驻镇律师共审核合同38份，调处矛盾纠纷120件；".repeat(12_000);
    g.bench_function("check one 300k-char line", |b| {
        b.iter(|| {
            let d = Document::parse(black_box(&one_line));
            check(&d, &spec, &opts)
        })
    });
    g.finish();
}

criterion_group!(check_benches, benches);
criterion_main!(check_benches);
