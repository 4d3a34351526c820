//! A spec's regexes (`regex:` in a matcher, `lints.placeholder.patterns`),
//! compiled in every process that loads the spec.
//!
//! The `regex` crate's engine builds, besides the automata, a literal
//! prefilter (a Teddy searcher for the alternations' words) and capture
//! states for every group: for the built-in spec's one regex, 0.4 ms of a
//! 3.5 ms `check`. A matcher needs neither to find where a pattern
//! matches: [`SpecRegex`] compiles the same pattern without them (same
//! syntax, same leftmost-first matches, same limits) and builds the full
//! engine, quicker per byte on long texts, once [`FULL_AFTER`] bytes were
//! searched ([`Later`]). Tests compare the two.

use super::MAX_REGEX_BYTES;
use crate::core::later::Later;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{MatchKind, meta};
use std::ops::Range;
use std::sync::OnceLock;

/// Bytes searched with the quick engine before the full one is built.
pub const FULL_AFTER: usize = 256 << 10;

/// A compiled spec regex (see the module).
#[derive(Debug, Clone)]
pub struct SpecRegex {
    pattern: String,
    /// Built with the spec, or at the first search for a pattern known to
    /// compile ([`SpecRegex::trusted`]).
    quick: OnceLock<meta::Regex>,
    full: Later<meta::Regex>,
}

/// Why a pattern does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegexError {
    /// Its automaton would pass [`MAX_REGEX_BYTES`].
    TooBig,
    /// The syntax error, as one line.
    Syntax(String),
}

impl SpecRegex {
    /// Compiles `pattern` (as `regex::Regex` would, with the size and
    /// nesting limits of a spec).
    pub fn new(pattern: &str) -> Result<SpecRegex, RegexError> {
        let quick = build(pattern, true)?;
        Ok(SpecRegex {
            pattern: pattern.to_owned(),
            quick: OnceLock::from(quick),
            full: Later::after(FULL_AFTER),
        })
    }

    /// A pattern known to compile (a built-in spec's: its tests compile
    /// it with [`SpecRegex::new`]), built when first searched with: a
    /// process that never looks for it (`diff`, `metrics`) does not pay
    /// for it.
    pub fn trusted(pattern: &str) -> SpecRegex {
        SpecRegex {
            pattern: pattern.to_owned(),
            quick: OnceLock::new(),
            full: Later::after(FULL_AFTER),
        }
    }

    fn engine(&self, len: usize) -> &meta::Regex {
        self.full
            .for_text(len, || build(&self.pattern, false).ok())
            .unwrap_or_else(|| {
                self.quick.get_or_init(|| {
                    // A trusted pattern that does not compile (a build
                    // defect the tests catch) matches nothing.
                    build(&self.pattern, true).unwrap_or_else(|_| {
                        meta::Regex::new_many::<&str>(&[])
                            .expect("an empty set of patterns compiles")
                    })
                })
            })
    }

    /// Where the pattern first matches in `text`.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.engine(text.len()).find(text).map(|m| m.range())
    }

    /// Whether the pattern matches in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.engine(text.len()).is_match(text)
    }

    /// Every match in `text`, leftmost-first, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.engine(text.len())
            .find_iter(text)
            .map(|m| m.range())
            .collect()
    }
}

/// The `regex` crate's configuration for a `&str` regex with the spec's
/// limits; `quick` leaves out the prefilter and the groups' capture states.
fn build(pattern: &str, quick: bool) -> Result<meta::Regex, RegexError> {
    let mut config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(MAX_REGEX_BYTES))
        .hybrid_cache_capacity(MAX_REGEX_BYTES);
    if quick {
        config = config
            .auto_prefilter(false)
            .which_captures(WhichCaptures::Implicit);
    }
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true).nest_limit(64))
        .build(pattern)
        .map_err(|e| {
            if e.size_limit().is_some() {
                return RegexError::TooBig;
            }
            let message = match e.syntax_error() {
                Some(s) => s.to_string(),
                None => e.to_string(),
            };
            RegexError::Syntax(message.lines().last().unwrap_or("").trim().to_owned())
        })
}

#[cfg(test)]
#[path = "spec_regex_tests.rs"]
mod tests;
