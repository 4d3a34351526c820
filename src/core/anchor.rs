//! Where a quoted stretch is in a text now: every occurrence of the quote
//! scored by how much of its stored context surrounds it, ties going to the
//! one nearest the line hint; when the quote itself was edited, the stretch
//! between its context. Comments and suggestions are anchored this way.

/// Where a comment's quote is in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Byte range of the quote (or of what replaced it, between its context).
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// Whether the quote itself was found (false: only its context, the
    /// quote was edited).
    pub exact: bool,
}

pub(crate) fn line_of(text: &str, byte: usize) -> usize {
    text[..byte].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Lines of positions visited in increasing order, counted from the last
/// one: all occurrences of a quote cost one pass over the text, not one
/// pass each (a one-character quote on a long draft made every keystroke
/// take most of a second).
struct Lines<'t> {
    text: &'t str,
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of `byte` (not before the last one asked for).
    fn of(&mut self, byte: usize) -> usize {
        if byte < self.at {
            return line_of(self.text, byte);
        }
        self.line += self.text[self.at..byte]
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        self.at = byte;
        self.line
    }
}

/// Characters two strings share at their ends (`a`'s end, `b`'s start when
/// `forward`; both ends otherwise).
fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A quote with its context and line hint: what comments and suggestions
/// are anchored by.
#[derive(Debug, Clone, Copy)]
pub struct Quoted<'a> {
    /// The quoted text.
    pub quote: &'a str,
    /// A little text before it.
    pub prefix: &'a str,
    /// A little text after it.
    pub suffix: &'a str,
    /// The line (1-based) where it was.
    pub line: usize,
}

/// Finds a quote's place in `text` (a comment's or a suggestion's): where
/// the quote occurs with the most of its prefix and suffix around it, the
/// nearest to its line among equals.
pub fn anchor_quote(c: &Quoted, text: &str) -> Option<Anchor> {
    if !c.quote.is_empty() {
        let mut best: Option<(usize, usize, usize)> = None; // (score, -distance, start)
        let mut lines = Lines::new(text);
        for (start, _) in text.match_indices(c.quote) {
            let end = start + c.quote.len();
            let score = common_suffix_chars(&text[..start], c.prefix)
                + common_prefix_chars(&text[end..], c.suffix);
            let distance = lines.of(start).abs_diff(c.line);
            let better = match best {
                None => true,
                Some((s, d, _)) => score > s || (score == s && distance < d),
            };
            if better {
                best = Some((score, distance, start));
            }
        }
        let context = (c.prefix.chars().count() + c.suffix.chars().count()).min(8);
        let exact = best.map(|(score, _, start)| {
            (
                score,
                Anchor {
                    start,
                    end: start + c.quote.len(),
                    exact: true,
                },
            )
        });
        match exact {
            // Well surrounded: this is it.
            Some((score, a)) if score * 2 >= context => return Some(a),
            // The quote occurs, but not in its context: the commented
            // place may have been edited, with the words left elsewhere.
            Some((_, a)) => {
                return Some(match by_context(c, text) {
                    Some(ctx) => match text[ctx.start..ctx.end].find(c.quote) {
                        Some(off) => Anchor {
                            start: ctx.start + off,
                            end: ctx.start + off + c.quote.len(),
                            exact: true,
                        },
                        None => ctx,
                    },
                    None => a,
                });
            }
            None => {}
        }
    }
    by_context(c, text)
}

/// The stretch between a comment's prefix and suffix, when both are still
/// there close together (the quote itself was edited).
fn by_context(c: &Quoted, text: &str) -> Option<Anchor> {
    if c.prefix.chars().count() < 2 || c.suffix.chars().count() < 2 {
        return None;
    }
    let limit = c.quote.len() * 3 + 60;
    let mut best: Option<(usize, Anchor)> = None;
    let mut lines = Lines::new(text);
    for (p, _) in text.match_indices(c.prefix) {
        let start = p + c.prefix.len();
        let window_end = text.len().min(start + limit);
        let window_end = (window_end..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        if let Some(off) = text[start..window_end].find(c.suffix) {
            let a = Anchor {
                start,
                end: start + off,
                exact: false,
            };
            let distance = lines.of(start).abs_diff(c.line);
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, a));
            }
        }
    }
    best.map(|(_, a)| a)
}

/// The line (1-based) of a byte offset, for reports.
pub fn line_at(text: &str, byte: usize) -> usize {
    line_of(text, byte.min(text.len()))
}
