//! Inputs shared by the benchmarks and the profiling examples: the sample
//! draft grown to a size, with figures that differ from copy to copy, and
//! a text as if loaded from a file.
#![allow(dead_code)]

use reportbench::core::text::{Encoding, Fingerprint, Loaded};

/// `text` as if loaded from `path` (UTF-8, no notes, comments or
/// suggestions).
pub fn loaded(text: String, path: &str) -> Loaded {
    Loaded {
        path: path.into(),
        fingerprint: Fingerprint::of(text.as_bytes()),
        bytes: text.len() as u64,
        text,
        format: Default::default(),
        encoding: Encoding::Utf8,
        source: Default::default(),
        notes: Vec::new(),
        comments: Vec::new(),
        suggestions: Vec::new(),
    }
}

/// `s` with every ASCII digit shifted by `k` (mod 10): the same text with
/// other figures.
pub fn shift_digits(s: &str, k: u32) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from(b'0' + ((d + k) % 10) as u8),
            _ => c,
        })
        .collect()
}

/// `draft` repeated until about `chars` characters, each copy's digits
/// shifted by one more (so no paragraph repeats), `sep` after each copy.
pub fn grown(draft: &str, chars: usize, sep: &str) -> String {
    let mut out = String::new();
    let mut k = 0;
    while out.chars().count() < chars {
        out.push_str(&shift_digits(draft, k));
        out.push_str(sep);
        k += 1;
    }
    out
}
