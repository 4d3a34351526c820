//! Benchmarks of the year-over-year comparison (issue #4): the seed pair
//! (the 2023 and 2024 sample drafts), and two unrelated 25,000-character
//! reports (budget: 100 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use reportbench::core::check::{CheckOptions, figures_of};
use reportbench::core::compare::{CompareOptions, compare};
use reportbench::core::document::Document;
use reportbench::core::spec::CompiledSpec;
use std::hint::black_box;

mod common;

/// `draft` grown to about `chars` characters, a line break after each copy.
fn grown(draft: &str, chars: usize) -> String {
    common::grown(draft, chars, "\n")
}

fn run(old: &str, new: &str, spec: &CompiledSpec) -> usize {
    let (od, nd) = (Document::parse(old), Document::parse(new));
    let opts = CheckOptions::default();
    let (of, nf) = (figures_of(&od, spec, &opts), figures_of(&nd, spec, &opts));
    compare(&od, &nd, &of, &nf, spec, &CompareOptions::default())
        .paragraphs
        .len()
}

fn benches(c: &mut Criterion) {
    let spec = CompiledSpec::default_spec();
    let old = include_str!("../drafts/qinghe-2023.txt");
    let new = include_str!("../drafts/qinghe-2024.md");
    c.bench_function("diff seed pair (check both + compare)", |b| {
        b.iter(|| run(black_box(old), black_box(new), &spec))
    });
    // The comparison alone, as `git diff` would be timed: documents parsed and
    // checked beforehand.
    let (od, nd) = (Document::parse(old), Document::parse(new));
    let copts = CheckOptions::default();
    let (of, nf) = (
        figures_of(&od, &spec, &copts),
        figures_of(&nd, &spec, &copts),
    );
    c.bench_function("diff seed pair (compare only)", |b| {
        b.iter(|| {
            compare(
                black_box(&od),
                black_box(&nd),
                &of,
                &nf,
                &spec,
                &CompareOptions::default(),
            )
            .paragraphs
            .len()
        })
    });
    // Unrelated: the 2024 draft, and the 2023 draft with every line reversed.
    let a = grown(new, 25_000);
    let reversed: String = old
        .lines()
        .map(|l| l.chars().rev().collect::<String>() + "\n")
        .collect();
    let b2 = grown(&reversed, 25_000);
    c.bench_function("diff unrelated 25k-char reports", |b| {
        b.iter(|| run(black_box(&a), black_box(&b2), &spec))
    });
}

fn large(c: &mut Criterion) {
    let spec = CompiledSpec::default_spec();
    // Two 1 MB reports, the second an edited copy: must stay far from quadratic.
    let old = grown(include_str!("../drafts/qinghe-2023.txt"), 350_000);
    let new = grown(include_str!("../drafts/qinghe-2024.md"), 350_000);
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("diff two 1 MB reports (check both + compare)", |b| {
        b.iter(|| run(black_box(&old), black_box(&new), &spec))
    });
    g.finish();
}

criterion_group!(compare_benches, benches, large);
criterion_main!(compare_benches);
