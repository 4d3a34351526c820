//! A matcher's word list, found leftmost-longest.
//!
//! A spec's lists are short (1 to 20 words, most under 6), and a spec is
//! compiled in every process: an Aho-Corasick automaton took 25–40 µs to
//! build per list (0.36 ms for the built-in spec's), more than a one-off
//! check of a draft searches with it. So a [`WordList`] starts with a scan
//! that is built in about a microsecond — a bit for the first three bytes
//! of each word (a CJK word's first character); the text is walked
//! character by character, and the words are compared only where the bit
//! says one may begin — and builds the automaton (quicker per byte) once
//! [`AUTOMATON_AFTER`] bytes were searched ([`Later`]): a workbench, a
//! batch or a long draft gets it. The tests hold the scan to the automaton.

use crate::core::later::Later;
use crate::core::text::utf8_width;
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// Bytes searched by the scan before the automaton is built: about what
/// building it costs in scanning (see the module).
pub const AUTOMATON_AFTER: usize = 256 << 10;

/// Words found leftmost-longest (see the module).
#[derive(Debug, Clone)]
pub struct WordList {
    words: Vec<String>,
    automaton: Later<AhoCorasick>,
    starts: Starts,
}

impl WordList {
    /// The list of `words` (empty ones never match; `None` for an empty
    /// list).
    pub fn new(mut words: Vec<String>) -> Option<WordList> {
        if words.is_empty() {
            return None;
        }
        words.retain(|w| !w.is_empty());
        Some(WordList {
            starts: Starts::of(words.iter().map(String::as_bytes)),
            words,
            automaton: Later::after(AUTOMATON_AFTER),
        })
    }

    /// A fixed list of the program's own, built at its first use and kept
    /// in `cell` for the rest of the process (`None` for an empty list).
    /// `words` are read only then (a list drawn from a table of the
    /// program's costs nothing after).
    pub fn fixed(
        cell: &'static std::sync::OnceLock<Option<WordList>>,
        words: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Option<&'static WordList> {
        cell.get_or_init(|| {
            WordList::new(words.into_iter().map(|w| w.as_ref().to_owned()).collect())
        })
        .as_ref()
    }

    /// The words, as given.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether a word is in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// The leftmost word in `text`, the longest of those starting there.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        let automaton = self.automaton.for_text(text.len(), || {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&self.words)
                .ok()
        });
        match automaton {
            Some(ac) => ac.find(text).map(|m| m.range()),
            None => self.scan(text),
        }
    }

    /// [`WordList::find`] without the automaton.
    fn scan(&self, text: &str) -> Option<Range<usize>> {
        let b = text.as_bytes();
        self.starts.candidates(b).find_map(|i| {
            let rest = &b[i..];
            self.words
                .iter()
                .filter(|w| w.as_bytes()[0] == rest[0] && rest.starts_with(w.as_bytes()))
                .map(String::len)
                .max()
                .map(|n| i..i + n)
        })
    }
}

/// Where words may begin in a text: a bit for the first three bytes of
/// each word (a CJK word's first character), tested character by
/// character. Built in about a microsecond; shared by [`WordList`] and the
/// metric keywords' scan ([`super::keywords`]).
#[derive(Debug, Clone)]
pub(crate) struct Starts {
    /// The bit of [`key`]`(b0, b1, b2)` set when a word may begin with
    /// bytes `b0 b1 b2` (a word of one or two bytes sets every byte after).
    bits: [u64; 64],
    /// Whether some word is shorter than three bytes (it can begin where
    /// fewer than three bytes are left).
    short: bool,
}

impl Starts {
    /// The starts of `words` (empty ones are left out).
    pub(crate) fn of<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> Starts {
        let mut bits = [0u64; 64];
        let mut short = false;
        for w in words {
            match *w {
                [] => {}
                [_] => {
                    // Any two bytes after it: every key.
                    short = true;
                    bits = [u64::MAX; 64];
                }
                [b0, b1] => {
                    short = true;
                    for b2 in 0..=255u8 {
                        set(&mut bits, b0, b1, b2);
                    }
                }
                [b0, b1, b2, ..] => set(&mut bits, b0, b1, b2),
            }
        }
        Starts { bits, short }
    }

    /// The byte offsets in `b` (UTF-8) where a word may begin, in order:
    /// every word that matches begins at one of them. Each is a character
    /// boundary.
    pub(crate) fn candidates<'a>(&'a self, b: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < b.len() {
                let at = i;
                let b0 = b[at];
                i += utf8_width(b0);
                let may = match b.get(at + 1..at + 3) {
                    Some(&[b1, b2]) => has(&self.bits, b0, b1, b2),
                    _ => self.short,
                };
                if may {
                    return Some(at);
                }
            }
            None
        })
    }
}

/// The bit of three bytes: 4,096 bits, so starts can share one (the words
/// are compared anyway). For a CJK character, the second and third bytes'
/// 6 bits each make the key: only characters 4,096 apart share a bit.
fn key(b0: u8, b1: u8, b2: u8) -> usize {
    ((usize::from(b0) << 12) ^ (usize::from(b1) << 6) ^ usize::from(b2)) & 0xFFF
}

fn set(bits: &mut [u64; 64], b0: u8, b1: u8, b2: u8) {
    let k = key(b0, b1, b2);
    bits[k >> 6] |= 1 << (k & 63);
}

fn has(bits: &[u64; 64], b0: u8, b1: u8, b2: u8) -> bool {
    let k = key(b0, b1, b2);
    bits[k >> 6] & (1 << (k & 63)) != 0
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
