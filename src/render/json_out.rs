//! JSON written safe for a terminal, as it is produced: the characters that
//! must not reach one (C1 controls, bidi overrides and isolates, zero-width
//! characters, line separators, DEL) become `\uXXXX` escapes, which every
//! JSON reader reads back as the same text (serde_json escapes C0 controls
//! itself). Written through to any writer, so that a large document (the
//! `diff` of two long reports is several times their size) goes to stdout
//! without being held whole in memory first.

use crate::core::text::is_unsafe_for_display;
use std::io::{self, Write};

/// Writes `v` as pretty JSON, safe for a terminal, then a line end.
pub fn write_pretty<T: serde::Serialize, W: Write>(v: &T, w: W) -> io::Result<()> {
    let mut safe = Safe {
        inner: w,
        pending: Vec::new(),
    };
    serde_json::to_writer_pretty(&mut safe, v).map_err(io::Error::from)?;
    safe.finish()?;
    safe.inner.write_all(b"\n")?;
    safe.inner.flush()
}

/// Pretty JSON of `v`, safe for a terminal (no line end after it).
pub fn pretty<T: serde::Serialize>(v: &T) -> String {
    let mut out = Vec::new();
    let mut safe = Safe {
        inner: &mut out,
        pending: Vec::new(),
    };
    if serde_json::to_writer_pretty(&mut safe, v).is_err() || safe.finish().is_err() {
        return "null".into();
    }
    // Only whole characters were written, escaped or as they were.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Whether a character beginning with byte `b` may be unsafe: C0 controls
/// and DEL, and the lead bytes of the C1 controls (C2), U+061C (D8),
/// U+180E (E1), U+200B–U+2069 (E2) and U+FEFF, U+FFF9–U+FFFB (EF). Never
/// a byte inside a character.
fn may_begin_unsafe(b: u8) -> bool {
    matches!(b, 0x00..=0x1f | 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef)
}

/// The escaping writer. JSON's structure is ASCII, so the characters it
/// escapes are always inside strings; a character split between two writes
/// waits in `pending` for its end.
struct Safe<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Safe<W> {
    /// Writes `bytes` (UTF-8 as serde_json writes it), the unsafe
    /// characters escaped; a character cut at the end waits in `pending`.
    /// One pass over the bytes: only a character whose first byte is one
    /// of [`may_begin_unsafe`]'s is decoded (Chinese text starts with
    /// E3–E9 and is passed over a byte at a time); a byte that begins no
    /// character is passed on as it is.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        let (mut from, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if !may_begin_unsafe(b) {
                i += 1;
                continue;
            }
            let width = match b {
                0x00..=0x7f => 1,
                0xc2 | 0xd8 => 2,
                _ => 3,
            };
            let Some(whole) = bytes.get(i..i + width) else {
                // Cut between two writes: it waits for its end.
                self.inner.write_all(&bytes[from..i])?;
                self.pending.extend_from_slice(&bytes[i..]);
                return Ok(());
            };
            match std::str::from_utf8(whole)
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(c) if c != '\n' && is_unsafe_for_display(c) => {
                    self.inner.write_all(&bytes[from..i])?;
                    // All such characters are in the Basic Multilingual Plane.
                    write!(self.inner, "\\u{:04x}", c as u32)?;
                    i += width;
                    from = i;
                }
                Some(_) => i += width,
                None => i += 1,
            }
        }
        self.inner.write_all(&bytes[from..])
    }

    /// Writes what waited for the rest of a character that never came.
    fn finish(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.put(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.put(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_even_split_between_writes() {
        let v = serde_json::json!({"q": "甲\u{202e}乙\u{9b}丙\u{200b}", "n": "a\nb"});
        let s = pretty(&v);
        assert!(s.contains(r"甲\u202e乙\u009b丙\u200b"), "{s}");
        assert!(s.contains(r#""a\nb""#), "{s}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).ok(), Some(v));
        // A writer fed one byte at a time: every character whole.
        let mut out = Vec::new();
        let mut safe = Safe {
            inner: &mut out,
            pending: Vec::new(),
        };
        for b in "乙\u{202e}丙".as_bytes() {
            safe.write_all(std::slice::from_ref(b)).unwrap();
        }
        safe.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "乙\\u202e丙");
    }

    #[test]
    fn exactly_the_unsafe_characters_are_escaped() {
        // Every character there is, through the writer's fast path: what
        // comes out is each one as it was, or its escape when unsafe.
        let all: String = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| c != '\n')
            .collect();
        let mut out = Vec::new();
        let mut safe = Safe {
            inner: &mut out,
            pending: Vec::new(),
        };
        safe.put(all.as_bytes()).unwrap();
        let expected: String = all
            .chars()
            .map(|c| {
                if is_unsafe_for_display(c) {
                    format!("\\u{:04x}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect();
        assert!(String::from_utf8(out).unwrap() == expected);
        // The same, written in pieces of 1 to 7 bytes that cut characters.
        for piece in 1..=7 {
            let mut out = Vec::new();
            let mut safe = Safe {
                inner: &mut out,
                pending: Vec::new(),
            };
            for chunk in all.as_bytes().chunks(piece) {
                safe.write_all(chunk).unwrap();
            }
            safe.finish().unwrap();
            assert!(
                String::from_utf8(out).unwrap() == expected,
                "pieces of {piece}"
            );
        }
    }

    #[test]
    fn written_through_and_held_whole_are_the_same() {
        let v = serde_json::json!({"a": [1, 2.5, "x\u{2066}y"], "b": {"c": null}});
        let mut out = Vec::new();
        write_pretty(&v, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), pretty(&v) + "\n");
    }
}
