//! Finding text in a draft: plain words or a regular expression, the
//! matches counted, the next and previous one from a place, and the text a
//! replacement makes (one match, or many as one stretch — one undo step).
//!
//! Offsets are bytes of the text; a match never has length zero (a pattern
//! such as `x*` finds only its non-empty matches).

use std::ops::Range;

/// At most this many matches are counted (a count beyond it shows as
/// "more than").
pub const COUNT_LIMIT: usize = 100_000;

/// The largest compiled regular expression accepted (bytes): a pattern
/// typed in a prompt must not take the editor's memory or time.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Why a pattern cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// Nothing to find.
    #[error("empty pattern")]
    Empty,
    /// Not a valid regular expression (the parser's words).
    #[error("not a valid regular expression: {0}")]
    BadRegex(String),
}

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Finder {
    re: regex::Regex,
    regex: bool,
}

/// How many matches there are (at most [`COUNT_LIMIT`] counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Matches counted.
    pub n: usize,
    /// There are more than `n`.
    pub more: bool,
}

impl Finder {
    /// Compiles `pattern`: taken literally, or as a regular expression
    /// when `regex` is set.
    pub fn new(pattern: &str, regex: bool) -> Result<Finder, FindError> {
        if pattern.is_empty() {
            return Err(FindError::Empty);
        }
        let source = if regex {
            pattern.to_owned()
        } else {
            regex::escape(pattern)
        };
        let re = regex::RegexBuilder::new(&source)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| FindError::BadRegex(first_line(&e.to_string())))?;
        Ok(Finder { re, regex })
    }

    /// The pattern as the editor's highlighter takes it (a regular
    /// expression either way).
    pub fn highlight_pattern(&self) -> &str {
        self.re.as_str()
    }

    /// The first non-empty match starting at or after byte `at`.
    pub fn next_from(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let mut at = floor_char(text, at.min(text.len()));
        while at <= text.len() {
            let m = self.re.find_at(text, at)?;
            if !m.range().is_empty() {
                return Some(m.range());
            }
            // An empty match: look again one character on.
            at = m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The next match after the cursor at byte `at` (a match starting at
    /// `at` itself counts only when `inclusive`), wrapping to the start of
    /// the text; `true` beside it when it wrapped.
    pub fn next(&self, text: &str, at: usize, inclusive: bool) -> Option<(Range<usize>, bool)> {
        let from = if inclusive {
            at
        } else {
            at + text
                .get(at..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8)
        };
        if let Some(m) = self.next_from(text, from) {
            return Some((m, false));
        }
        self.next_from(text, 0).map(|m| (m, true))
    }

    /// The last match starting before byte `at`, wrapping to the end of
    /// the text; `true` beside it when it wrapped.
    pub fn previous(&self, text: &str, at: usize) -> Option<(Range<usize>, bool)> {
        let mut before = None;
        let mut last = None;
        for m in self.iter(text) {
            if m.start < at {
                before = Some(m.clone());
            }
            last = Some(m);
        }
        match before {
            Some(m) => Some((m, false)),
            None => last.map(|m| (m, true)),
        }
    }

    /// Every non-empty match, in order.
    pub fn iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        self.re
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| !r.is_empty())
    }

    /// How many matches the text has, and which of them (1-based) starts at
    /// byte `at` if one does.
    pub fn count(&self, text: &str, at: Option<usize>) -> (Count, Option<usize>) {
        let mut n = 0;
        let mut which = None;
        for m in self.iter(text) {
            if n == COUNT_LIMIT {
                return (Count { n, more: true }, which);
            }
            n += 1;
            if Some(m.start) == at {
                which = Some(n);
            }
        }
        (Count { n, more: false }, which)
    }

    /// What the match at `m` becomes when replaced by `with`: taken as it
    /// is, or with `$1`, `${name}` filled in from the match when searching
    /// by regular expression.
    pub fn replacement(&self, text: &str, m: Range<usize>, with: &str) -> String {
        if !self.regex {
            return with.to_owned();
        }
        match self.re.captures_at(text, m.start) {
            Some(caps) if caps.get(0).map(|c| c.range()) == Some(m.clone()) => {
                let mut out = String::new();
                caps.expand(with, &mut out);
                out
            }
            _ => with.to_owned(),
        }
    }

    /// Replaces the matches `ms` (in order, not overlapping) by `with`: the
    /// stretch of text from the first to the end of the last, and what it
    /// becomes — one replacement, so one undo step.
    pub fn replace_many(
        &self,
        text: &str,
        ms: &[Range<usize>],
        with: &str,
    ) -> Option<(Range<usize>, String)> {
        let (first, last) = (ms.first()?, ms.last()?);
        let span = first.start..last.end;
        let mut out = String::with_capacity(span.len());
        let mut at = span.start;
        for m in ms {
            out.push_str(&text[at..m.start]);
            out.push_str(&self.replacement(text, m.clone(), with));
            at = m.end;
        }
        Some((span, out))
    }
}

/// The largest char boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first line of a (multi-line) error message.
fn first_line(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // The regex crate's messages end with "error: …" after the pattern and
    // a caret line: that last line is the reason.
    lines
        .iter()
        .rev()
        .find(|l| l.starts_with("error:"))
        .map(|l| l.trim_start_matches("error:").trim().to_owned())
        .or_else(|| lines.first().map(|l| (*l).to_owned()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "一、法治建设。二、法治宣传（法治）。三、其他";

    #[test]
    fn plain_words_are_taken_literally() {
        let f = Finder::new("（法治）", false).unwrap();
        let m = f.next_from(T, 0).unwrap();
        assert_eq!(&T[m], "（法治）");
        assert!(
            Finder::new("a.b", false)
                .unwrap()
                .next_from("axb", 0)
                .is_none()
        );
        assert_eq!(Finder::new("", false).unwrap_err(), FindError::Empty);
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let f = Finder::new("法治", false).unwrap();
        let all: Vec<_> = f.iter(T).collect();
        assert_eq!(all.len(), 3);
        // From the first match itself: inclusive finds it, else the second.
        assert_eq!(f.next(T, all[0].start, true), Some((all[0].clone(), false)));
        assert_eq!(
            f.next(T, all[0].start, false),
            Some((all[1].clone(), false))
        );
        // After the last: wraps to the first.
        assert_eq!(f.next(T, all[2].start, false), Some((all[0].clone(), true)));
        assert_eq!(f.previous(T, all[1].start), Some((all[0].clone(), false)));
        assert_eq!(f.previous(T, all[0].start), Some((all[2].clone(), true)));
        assert_eq!(f.previous(T, 0), Some((all[2].clone(), true)));
    }

    #[test]
    fn counts_and_says_which() {
        let f = Finder::new("法治", false).unwrap();
        let second = f.iter(T).nth(1).unwrap().start;
        assert_eq!(
            f.count(T, Some(second)),
            (Count { n: 3, more: false }, Some(2))
        );
        let many = "a".repeat(COUNT_LIMIT + 5);
        let (c, _) = Finder::new("a", false).unwrap().count(&many, None);
        assert_eq!(
            c,
            Count {
                n: COUNT_LIMIT,
                more: true
            }
        );
    }

    #[test]
    fn regular_expressions_with_groups_and_bad_ones() {
        let f = Finder::new(r"(\d+)年", true).unwrap();
        let t = "2023年和2024年";
        let ms: Vec<_> = f.iter(t).collect();
        assert_eq!(f.replacement(t, ms[1].clone(), "${1}年度"), "2024年度");
        let (span, new) = f.replace_many(t, &ms, "$1年度").unwrap();
        assert_eq!(span, 0..t.len());
        assert_eq!(new, "2023年度和2024年度");
        // Plain words keep a "$" as it is.
        let p = Finder::new("年", false).unwrap();
        let m = p.next_from(t, 0).unwrap();
        assert_eq!(p.replacement(t, m, "$1"), "$1");
        match Finder::new("(法治", true) {
            Err(FindError::BadRegex(why)) => assert!(!why.is_empty() && !why.contains('\n')),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_matches_are_skipped() {
        let f = Finder::new("x*", true).unwrap();
        let t = "abxxc";
        assert_eq!(f.iter(t).collect::<Vec<_>>(), vec![2..4]);
        assert_eq!(f.next_from(t, 0), Some(2..4));
        assert_eq!(f.next_from(t, 4), None);
        assert_eq!(Finder::new("^", true).unwrap().next(T, 3, false), None);
    }

    #[test]
    fn a_replacement_keeps_the_text_between_matches() {
        let f = Finder::new("法治", false).unwrap();
        let ms: Vec<_> = f.iter(T).collect();
        // The first and third only (the second was skipped).
        let chosen = [ms[0].clone(), ms[2].clone()];
        let (span, new) = f.replace_many(T, &chosen, "依法").unwrap();
        let mut out = T.to_owned();
        out.replace_range(span, &new);
        assert_eq!(out, "一、依法建设。二、法治宣传（依法）。三、其他");
        assert!(f.replace_many(T, &[], "x").is_none());
    }
}
