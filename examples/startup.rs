//! Measures one-time start-up costs: compiling the default spec and the
//! traditional → simplified table. `cargo run --release --example startup`

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let folded = reportbench::core::text::fold_for_matching("法治政府建設");
    eprintln!("fold table built in {:?} ({folded})", t.elapsed());
    let t = Instant::now();
    let spec = reportbench::core::spec::CompiledSpec::default_spec();
    eprintln!(
        "default spec compiled in {:?} ({} metrics)",
        t.elapsed(),
        spec.spec.metrics.len()
    );
}
