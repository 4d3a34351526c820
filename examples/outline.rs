//! Prints the outline of a report: title, year, headings and numbering issues.
//!
//! `cargo run --example outline -- FILE`

use reportbench::core::Document;

fn main() {
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path).unwrap_or_default();
        let d = Document::parse(&raw);
        println!("== {path}");
        println!(
            "title: {:?}  year: {:?}",
            d.title().map(|t| &t.text),
            d.year()
        );
        for (i, h) in d.headings().iter().enumerate() {
            println!(
                "{}L{} {:?} {}",
                "  ".repeat(h.level as usize - 1),
                h.level,
                h.number,
                d.heading_title(i)
            );
        }
        for n in d.numbering_issues() {
            println!("numbering: {:?} at heading {}", n.problem, n.heading);
        }
    }
}
