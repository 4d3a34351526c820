//! `check --format quickfix`: one finding per line as editors read them
//! (`FILE:LINE:COL: SEVERITY: MESSAGE`, Vim's `errorformat` default, VS
//! Code's and Helix's problem matchers): required items not met, then the
//! problems. Positions are 1-based, columns in characters.

use super::model::Checked;
use crate::core::text::sanitize_for_display;
use std::fmt::Write;

/// The findings of `c`, one per line.
pub fn check_quickfix(c: &Checked) -> String {
    let mut o = String::new();
    let file = sanitize_for_display(&c.file);
    let one_line = |s: &str| sanitize_for_display(&s.replace(['\n', '\r'], " ")).into_owned();
    for i in c
        .report
        .items
        .iter()
        .filter(|i| i.required && !i.status.is_satisfied())
    {
        // Where it was mentioned, else the top of the file.
        let (line, col) = i
            .evidence
            .first()
            .map_or((1, 1), |e| (e.position.line, e.position.column));
        let _ = writeln!(
            o,
            "{file}:{line}:{col}: {}: {}: {}",
            i.severity.as_str(),
            one_line(&i.title),
            one_line(&i.message)
        );
    }
    for l in &c.report.lints {
        let _ = writeln!(
            o,
            "{file}:{}:{}: {}: {} [{}]",
            l.position.line,
            l.position.column,
            l.severity.as_str(),
            one_line(&l.message),
            l.rule
        );
    }
    o
}
