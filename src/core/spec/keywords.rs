//! Every metric keyword of a spec found in one pass over a text.
//!
//! A one-shot `check` process and a workbench that re-checks at every key
//! want different searchers: a DFA scans a 30,000-character draft in about
//! 21 µs but takes 0.29 ms to build (the built-in spec's 85 keywords); even
//! a contiguous NFA took 0.09 ms, more than a one-off check scans with it.
//! So the keywords are first found by where they may begin
//! (`words::Starts`: a bit per keyword's first character, built in about a
//! microsecond), comparing the keywords that begin with the character
//! there; the DFA is built once [`DFA_AFTER`] bytes were scanned: a check
//! of an ordinary draft never pays for it; a workbench re-checking at every
//! key, a batch or a huge draft pays once. Both report every occurrence of
//! every keyword (the tests compare them).

use super::words::Starts;
use crate::core::later::Later;
use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, dfa};

/// Bytes scanned before the DFA is built (see the module).
pub const DFA_AFTER: usize = 2 << 20;

/// The keywords' searchers (see the module).
#[derive(Debug, Clone)]
pub struct KeywordScanner {
    patterns: Vec<String>,
    starts: Starts,
    /// The keywords of three bytes and more by their first three bytes:
    /// (those bytes, keyword), sorted.
    by_start: Vec<([u8; 3], usize)>,
    /// The keywords shorter than three bytes.
    short: Vec<usize>,
    /// Built once [`DFA_AFTER`] bytes were scanned.
    dfa: Later<dfa::DFA>,
}

impl KeywordScanner {
    /// The scanner of `patterns` (overlapping matches, all reported; an
    /// empty pattern matches nowhere).
    pub fn new(patterns: Vec<String>) -> KeywordScanner {
        let mut by_start = Vec::new();
        let mut short = Vec::new();
        for (k, p) in patterns.iter().enumerate() {
            match *p.as_bytes() {
                [] => {}
                [b0, b1, b2, ..] => by_start.push(([b0, b1, b2], k)),
                _ => short.push(k),
            }
        }
        by_start.sort_unstable();
        KeywordScanner {
            starts: Starts::of(patterns.iter().map(String::as_bytes)),
            by_start,
            short,
            patterns,
            dfa: Later::after(DFA_AFTER),
        }
    }

    /// Calls `hit(start, end, pattern)` for every keyword in `text`
    /// (overlapping ones included), in no particular order.
    pub fn scan(&self, text: &str, mut hit: impl FnMut(usize, usize, usize)) {
        let dfa = self.dfa.for_text(text.len(), || {
            dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(&self.patterns)
                .ok()
        });
        match dfa {
            Some(dfa) => scan_with(dfa, text, &mut hit),
            None => self.scan_by_starts(text, &mut hit),
        }
    }

    /// [`KeywordScanner::scan`] without the DFA.
    fn scan_by_starts(&self, text: &str, hit: &mut impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
        for i in self.starts.candidates(b) {
            let rest = &b[i..];
            if let Some(first) = rest.get(..3) {
                let from = self.by_start.partition_point(|(s, _)| s[..] < *first);
                for &(s, k) in &self.by_start[from..] {
                    if s[..] != *first {
                        break;
                    }
                    let p = self.patterns[k].as_bytes();
                    if rest.starts_with(p) {
                        hit(i, i + p.len(), k);
                    }
                }
            }
            for &k in &self.short {
                let p = self.patterns[k].as_bytes();
                if rest.starts_with(p) {
                    hit(i, i + p.len(), k);
                }
            }
        }
    }
}

/// The scan itself, byte by byte (no per-match iterator overhead).
fn scan_with<A: Automaton>(a: &A, text: &str, hit: &mut impl FnMut(usize, usize, usize)) {
    let Ok(mut sid) = a.start_state(Anchored::No) else {
        return;
    };
    for (i, &b) in text.as_bytes().iter().enumerate() {
        sid = a.next_state(Anchored::No, sid, b);
        if a.is_match(sid) {
            for k in 0..a.match_len(sid) {
                let pid = a.match_pattern(sid, k);
                let (end, len) = (i + 1, a.pattern_len(pid));
                if len > 0 {
                    hit(end - len, end, pid.as_usize());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::Rng;

    fn sorted(s: &KeywordScanner, text: &str) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        s.scan(text, |a, b, p| v.push((a, b, p)));
        v.sort_unstable();
        v
    }

    #[test]
    fn the_scan_by_starts_and_the_dfa_find_the_same() {
        let s = KeywordScanner::new(vec!["法治".into(), "法治政府".into(), "政府".into()]);
        let text = "推进法治政府建设，法治";
        let first = sorted(&s, text);
        assert!(!s.dfa.is_built(), "no DFA for a short text");
        // As if a long text had been scanned.
        s.dfa.count(DFA_AFTER);
        let second = sorted(&s, text);
        assert!(s.dfa.is_built(), "the DFA after that");
        assert_eq!(first, second);
        assert_eq!(
            first,
            vec![(6, 12, 0), (6, 18, 1), (12, 18, 2), (27, 33, 0)]
        );
    }

    #[test]
    fn every_occurrence_of_every_keyword_in_random_text() {
        // Keywords and texts from a few characters (CJK of several first
        // bytes, ASCII, two- and four-byte ones, an empty keyword), so that
        // keywords overlap, nest and share first characters: 300 lists ×
        // 30 texts against the DFA, fixed seed.
        const CHARS: &[&str] = &[
            "法", "治", "政", "府", "一", "丁", "，", "a", "b", "é", "𠀀", " ",
        ];
        let mut rng = Rng(0x0bad_5eed_1234_5678);
        for round in 0..300 {
            let n = 1 + rng.below(8);
            let mut patterns: Vec<String> = (0..n)
                .map(|_| {
                    let len = 1 + rng.below(4);
                    (0..len).map(|_| CHARS[rng.below(CHARS.len())]).collect()
                })
                .collect();
            if round % 50 == 0 {
                patterns.push(String::new());
            }
            let by_starts = KeywordScanner::new(patterns.clone());
            let by_dfa = KeywordScanner::new(patterns);
            by_dfa.dfa.count(DFA_AFTER);
            for _ in 0..30 {
                let len = rng.below(30);
                let text: String = (0..len).map(|_| CHARS[rng.below(CHARS.len())]).collect();
                assert_eq!(
                    sorted(&by_starts, &text),
                    sorted(&by_dfa, &text),
                    "{text:?}"
                );
            }
            assert!(!by_starts.dfa.is_built() && by_dfa.dfa.is_built());
        }
    }
}
