//! CSV renderings: the figures of a draft (`metrics --format csv`).

use super::fmt::{csv_field, fmt_value};
use crate::core::figures::Figure;
use crate::core::spec::CompiledSpec;
use std::fmt::Write as _;

/// `metrics --format csv`: UTF-8 with a byte-order mark (Excel on Windows
/// reads a file without one as the local code page: mojibake), the metric's
/// id and its name in `lang` side by side.
pub fn figures_csv(
    figures: &[Figure],
    spec: &CompiledSpec,
    lang: crate::core::lang::Lang,
) -> String {
    let mut o =
        String::from("\u{feff}line,column,value,unit,approx,metric,metric_name,context,text\n");
    for f in figures {
        let metric = f.metric.map(|m| &spec.spec.metrics[m]);
        let _ = writeln!(
            o,
            "{},{},{},{},{},{},{},{},{}",
            f.position.line,
            f.position.column,
            fmt_value(f.value),
            csv_field(&f.unit),
            f.approx,
            metric.map_or("", |m| m.id.as_str()),
            csv_field(metric.map_or("", |m| m.display_label(lang))),
            csv_field(f.context()),
            csv_field(&f.text)
        );
    }
    o
}
