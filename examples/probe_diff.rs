use reportbench::core::check::{CheckOptions, figures_of};
use reportbench::core::compare::{CompareOptions, align};
use reportbench::core::document::Document;
use std::time::Instant;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let ot = std::fs::read_to_string(&a[1]).unwrap();
    let nt = std::fs::read_to_string(&a[2]).unwrap();
    let n: usize = a.get(3).map_or(300, |s| s.parse().unwrap());
    let spec = &reportbench::core::spec::CompiledSpec::default_spec();
    let mut t = [
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    ];
    for _ in 0..n {
        let s0 = Instant::now();
        let od = Document::parse(&ot);
        let nd = Document::parse(&nt);
        let s1 = Instant::now();
        let al = align(&od, &nd, &CompareOptions::default());
        let s2 = Instant::now();
        let opts = CheckOptions::default();
        let (of, nf) = (figures_of(&od, spec, &opts), figures_of(&nd, spec, &opts));
        let s3 = Instant::now();
        let cmp = al.compare(&od, &nd, &of, &nf, spec);
        let s4 = Instant::now();
        let w = reportbench::core::compare::pair_warnings(&od, &nd);
        let view = reportbench::render::DiffView {
            old_file: "a",
            new_file: "b",
            formats: ("text", "text"),
            old: &od,
            new: &nd,
            old_figures: &of,
            new_figures: &nf,
            cmp: &cmp,
            spec,
            warnings: &w,
            lang: reportbench::core::lang::Lang::Zh,
        };
        let s = reportbench::render::json_out::pretty(&reportbench::render::json_diff::diff_json(
            &view,
        ));
        std::hint::black_box(&s);
        let s5 = Instant::now();
        for (k, (x, y)) in [(s0, s1), (s1, s2), (s2, s3), (s3, s4), (s4, s5), (s0, s5)]
            .iter()
            .enumerate()
        {
            t[k].push((*y - *x).as_secs_f64() * 1e3);
        }
    }
    for (name, v) in ["parse", "align", "figures_of", "compare", "json", "total"]
        .iter()
        .zip(t.iter_mut())
    {
        v.sort_by(f64::total_cmp);
        println!("{name:12} {:.3} ms", v[v.len() / 2]);
    }
}
