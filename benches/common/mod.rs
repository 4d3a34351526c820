//! Inputs shared by the benchmarks and the profiling example: the sample
//! draft grown to a size, with figures that differ from copy to copy.
#![allow(dead_code)]

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
