//! A copy of the editor's text that costs what changed to bring up to date:
//! its lines held in shared chunks of about [`CHUNK_BYTES`], so that after
//! an edit only the chunks holding changed lines are built again and the
//! rest are shared with the copy before. The workbench keeps one for the
//! hang-up, termination and panic handlers (they write it to a recovery
//! file when the event loop cannot), and a keystroke in a draft of millions
//! of characters no longer copies the whole text.

use std::sync::Arc;

/// About how many bytes of text a chunk holds (a chunk ends at a line's
/// end, so a single long line may make a bigger one).
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Some whole lines of the text, `\n`-separated, without a final `\n`.
#[derive(Debug, Clone)]
struct Chunk {
    /// How many lines it holds (at least one).
    lines: usize,
    text: Arc<str>,
}

/// The lines of a text, in chunks shared between copies.
#[derive(Debug, Clone, Default)]
pub struct TextSnapshot {
    chunks: Vec<Chunk>,
    /// The lines in all chunks.
    lines: usize,
    /// The text's length in bytes (`\n` between lines included).
    bytes: usize,
}

impl TextSnapshot {
    /// The text of `lines`, chunked afresh.
    pub fn of_lines(lines: &[String]) -> TextSnapshot {
        let mut s = TextSnapshot::default();
        s.push_lines(lines);
        s
    }

    /// `text` (lines split at `\n`), chunked.
    pub fn of_text(text: &str) -> TextSnapshot {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        TextSnapshot::of_lines(&lines)
    }

    /// The text now that the editor holds `lines`, of which the first
    /// `prefix` and the last `suffix` are as they were when `self` was
    /// taken: the chunks of those lines are shared, the others built from
    /// `lines`. With `prefix` and `suffix` not fitting this snapshot (they
    /// count more lines than either text has), a fresh one.
    pub fn updated(&self, lines: &[String], prefix: usize, suffix: usize) -> TextSnapshot {
        if prefix + suffix > self.lines.min(lines.len()) {
            return TextSnapshot::of_lines(lines);
        }
        let mut s = TextSnapshot::default();
        // Whole chunks inside the unchanged first lines.
        let mut head = 0;
        let mut k = 0;
        while k < self.chunks.len() && head + self.chunks[k].lines <= prefix {
            head += self.chunks[k].lines;
            s.push_chunk(self.chunks[k].clone());
            k += 1;
        }
        // Whole chunks inside the unchanged last lines, counted from the end.
        let mut tail = 0;
        let mut t = self.chunks.len();
        while t > k && tail + self.chunks[t - 1].lines <= suffix {
            tail += self.chunks[t - 1].lines;
            t -= 1;
        }
        s.push_lines(&lines[head..lines.len() - tail]);
        for c in &self.chunks[t..] {
            s.push_chunk(c.clone());
        }
        // Edits in many places leave short chunks beside the long ones:
        // past twice the chunks the text needs, it is chunked afresh (once
        // in many edits, so each costs what it changed on average).
        if s.chunks.len() > 2 * (s.bytes / CHUNK_BYTES) + 16 {
            return TextSnapshot::of_lines(lines);
        }
        s
    }

    /// The number of lines.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.bytes
    }

    /// Whether the text is empty (no lines, or one empty line).
    pub fn is_empty(&self) -> bool {
        self.bytes == 0
    }

    /// The text, `\n`-separated, in one string.
    pub fn joined(&self) -> String {
        let mut out = String::with_capacity(self.bytes);
        for (i, c) in self.chunks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&c.text);
        }
        out
    }

    /// The text in pieces (the chunks, with the `\n` between them), which
    /// written one after the other give [`TextSnapshot::joined`]: for a
    /// writer that need not hold the text in one copy.
    pub fn pieces(&self) -> Vec<&str> {
        let mut out = Vec::with_capacity(self.chunks.len() * 2);
        for (i, c) in self.chunks.iter().enumerate() {
            if i > 0 {
                out.push("\n");
            }
            out.push(&c.text);
        }
        out
    }

    /// How many chunks it holds (for tests and benchmarks).
    pub fn chunks(&self) -> usize {
        self.chunks.len()
    }

    /// Whether the two share the chunk holding line `line` (for tests).
    pub fn shares_line_with(&self, other: &TextSnapshot, line: usize) -> bool {
        match (self.chunk_of(line), other.chunk_of(line)) {
            (Some(a), Some(b)) => Arc::ptr_eq(&a.text, &b.text),
            _ => false,
        }
    }

    fn chunk_of(&self, line: usize) -> Option<&Chunk> {
        let mut first = 0;
        for c in &self.chunks {
            if line < first + c.lines {
                return Some(c);
            }
            first += c.lines;
        }
        None
    }

    fn push_chunk(&mut self, c: Chunk) {
        if !self.chunks.is_empty() {
            self.bytes += 1;
        }
        self.bytes += c.text.len();
        self.lines += c.lines;
        self.chunks.push(c);
    }

    /// Appends `lines` in chunks of about [`CHUNK_BYTES`].
    fn push_lines(&mut self, lines: &[String]) {
        let mut from = 0;
        while from < lines.len() {
            let mut to = from;
            let mut size = 0;
            while to < lines.len() && (to == from || size + lines[to].len() < CHUNK_BYTES) {
                size += lines[to].len() + 1;
                to += 1;
            }
            let mut text = String::with_capacity(size);
            for (i, l) in lines[from..to].iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(l);
            }
            self.push_chunk(Chunk {
                lines: to - from,
                text: Arc::from(text),
            });
            from = to;
        }
    }
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
