//! JSON written safe for a terminal, as it is produced: the characters that
//! must not reach one (C1 controls, bidi overrides and isolates, zero-width
//! characters, line separators, DEL) become `\uXXXX` escapes, which every
//! JSON reader reads back as the same text (serde_json escapes C0 controls
//! itself). Written through to any writer, so that a large document (the
//! `diff` of two long reports is several times their size) goes to stdout
//! without being held whole in memory first.

use crate::core::text::{is_unsafe_for_display, may_begin_unsafe};
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Writes `v` as pretty JSON, safe for a terminal, then a line end.
pub fn write_pretty<T: serde::Serialize, W: Write>(v: &T, mut w: W) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut w, Safe::default());
    v.serialize(&mut ser).map_err(io::Error::from)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Pretty JSON of `v`, safe for a terminal (no line end after it).
pub fn pretty<T: serde::Serialize>(v: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe::default());
    if v.serialize(&mut ser).is_err() {
        return "null".into();
    }
    // Only whole characters were written, escaped or as they were.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// serde_json's pretty layout, with the unsafe characters of every string
/// escaped. serde_json hands a string over in fragments of whole
/// characters between its own escapes, so only the strings' text is
/// looked at (not the layout), and no character is ever cut.
/// The bytes that [`may_begin_unsafe`] may accept as a first byte: C0
/// controls, DEL and the lead bytes C2, D8, E1, E2 and EF. None is a
/// continuation byte (80–BF), so the bytes can be read one by one without
/// decoding.
const SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xd8] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xef] = true;
    t
};

#[derive(Default)]
struct Safe<'a> {
    pretty: PrettyFormatter<'a>,
}

impl Formatter for Safe<'_> {
    /// One pass over the fragment's bytes: a byte that cannot begin an
    /// unsafe character (every continuation byte, and the first bytes of
    /// ideographs, letters and most punctuation) is passed over with one
    /// table lookup; only a character whose first two bytes
    /// [`may_begin_unsafe`] lets through is decoded and looked at.
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut from = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let at = i;
            i += 1;
            if !SUSPECT[usize::from(b)]
                || !may_begin_unsafe(b, bytes.get(at + 1).copied().unwrap_or(0))
            {
                continue;
            }
            let Some(c) = fragment[at..].chars().next() else {
                continue;
            };
            if c != '\n' && is_unsafe_for_display(c) {
                w.write_all(&bytes[from..at])?;
                // All such characters are in the Basic Multilingual Plane.
                write!(w, "\\u{:04x}", c as u32)?;
                from = at + c.len_utf8();
            }
            i = at + c.len_utf8();
        }
        w.write_all(&bytes[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suspect_bytes_are_every_first_byte_the_filter_may_accept() {
        for lead in 0..=255u8 {
            let accepted = (0..=255u8).any(|next| may_begin_unsafe(lead, next));
            assert_eq!(SUSPECT[usize::from(lead)], accepted, "{lead:#04x}");
        }
    }

    #[test]
    fn unsafe_characters_are_escaped_and_read_back() {
        let v = serde_json::json!({"q": "甲\u{202e}乙\u{9b}丙\u{200b}\u{7f}", "n": "a\nb\u{1b}"});
        let s = pretty(&v);
        assert!(s.contains(r"甲\u202e乙\u009b丙\u200b\u007f"), "{s}");
        assert!(s.contains(r#""a\nb\u001b""#), "{s}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).ok(), Some(v));
    }

    #[test]
    fn exactly_the_unsafe_characters_are_escaped() {
        // Every character there is, in one string and one at a time: what
        // comes out is each one as it was, or its escape when unsafe
        // (serde_json's own escapes for quotes, backslashes and C0
        // controls).
        let all: String = (0..=0x10ffffu32).filter_map(char::from_u32).collect();
        let expected = |c: char| -> String {
            match c {
                '"' => "\\\"".into(),
                '\\' => "\\\\".into(),
                '\n' => "\\n".into(),
                '\t' => "\\t".into(),
                '\r' => "\\r".into(),
                '\u{8}' => "\\b".into(),
                '\u{c}' => "\\f".into(),
                c if is_unsafe_for_display(c) => format!("\\u{:04x}", c as u32),
                c => c.to_string(),
            }
        };
        let whole: String = all.chars().map(expected).collect();
        assert!(pretty(&all) == format!("\"{whole}\""));
        // One at a time: every character whose first byte begins one that
        // may be unsafe (C2, D8, E1, E2, EF, DEL), those passed undecoded
        // included.
        let lead = |c: char| c.to_string().as_bytes()[0];
        for c in all
            .chars()
            .filter(|&c| matches!(lead(c), 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef))
        {
            assert_eq!(
                pretty(&c.to_string()),
                format!("\"{}\"", expected(c)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_one() {
        let v =
            serde_json::json!({"a": [1, 2.5, "x\u{2066}y", [], {}], "b": {"c": null, "d": [true]}});
        assert_eq!(
            pretty(&v),
            serde_json::to_string_pretty(&v)
                .unwrap()
                .replace('\u{2066}', "\\u2066")
        );
    }

    #[test]
    fn written_through_and_held_whole_are_the_same() {
        let v = serde_json::json!({"a": [1, 2.5, "x\u{2066}y"], "b": {"c": null}});
        let mut out = Vec::new();
        write_pretty(&v, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), pretty(&v) + "\n");
    }
}
