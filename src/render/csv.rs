//! CSV renderings: the figures of a draft (`metrics --format csv`).

use super::fmt::{csv_field, fmt_value};
use crate::core::figures::Figure;
use crate::core::spec::CompiledSpec;
use std::fmt::Write as _;

/// `metrics --format csv`.
pub fn figures_csv(figures: &[Figure], spec: &CompiledSpec) -> String {
    let mut o = String::from("line,column,value,unit,approx,metric,context,text\n");
    for f in figures {
        let metric = f
            .metric
            .map(|m| spec.spec.metrics[m].id.as_str())
            .unwrap_or("");
        let _ = writeln!(
            o,
            "{},{},{},{},{},{},{},{}",
            f.position.line,
            f.position.column,
            fmt_value(f.value),
            csv_field(&f.unit),
            f.approx,
            metric,
            csv_field(f.context()),
            csv_field(&f.text)
        );
    }
    o
}
