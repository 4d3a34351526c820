//! Small pieces every rendering shares: ANSI paint, padding by display
//! width, numbers as written, and escaping for Markdown, CSV and HTML.
//! Every piece of text that comes from a document passes through `safe`
//! (the display sanitiser) before it reaches a terminal.

use crate::core::check::Status;
use crate::core::spec::Severity;
use crate::core::text::sanitize_for_display;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Whether to emit colour codes.
    pub enabled: bool,
}

impl Paint {
    pub(crate) fn wrap(self, code: &str, s: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    pub(crate) fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub(crate) fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub(crate) fn status(self, st: Status, s: &str) -> String {
        match st {
            Status::Met => self.wrap("32", s),
            Status::Partial => self.wrap("33", s),
            Status::Missing => self.wrap("31", s),
            Status::Na => self.wrap("2", s),
        }
    }
    pub(crate) fn severity(self, sev: Severity, s: &str) -> String {
        match sev {
            Severity::Error => self.wrap("31", s),
            Severity::Warning => self.wrap("33", s),
            Severity::Info => self.wrap("36", s),
        }
    }
}

pub(crate) fn safe(s: &str) -> String {
    sanitize_for_display(s).into_owned()
}

/// Pads `s` with spaces to `width` terminal columns (CJK counts double).
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// A number as written in JSON: integral values without a fraction.
#[derive(Debug, Clone, Copy)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

pub use crate::core::figures::fmt_value;

pub(crate) fn md_cell(s: &str) -> String {
    safe(s).replace('|', "\\|").replace('\n', " ")
}

pub(crate) fn md(s: &str) -> String {
    let s = safe(s);
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '~' | '`' | '|' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

pub(crate) fn html_escape(s: &str) -> String {
    let s = safe(s);
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_serializes_integers_without_fraction() {
        assert_eq!(serde_json::to_string(&Num(297.0)).unwrap(), "297");
        assert_eq!(serde_json::to_string(&Num(46.05)).unwrap(), "46.05");
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn pad_counts_wide_characters() {
        assert_eq!(pad("标题", 6), "标题  ");
        assert_eq!(pad("ab", 3), "ab ");
    }
}
