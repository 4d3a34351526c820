//! Text primitives: normalisation, the byte <-> (line, column) index, character
//! folding for comparisons, and sanitising text for display.
//!
//! The document model works on *normalised* text: no byte-order mark and `\n`
//! line ends. [`TextFormat`] remembers what the original had so that a save can
//! write it back exactly as it was.

use std::borrow::Cow;
use std::path::PathBuf;

mod endings;
mod fold;
mod utf8;

pub use endings::{LineEnding, MixedEndings, TextFormat, denormalize, normalize, normalize_owned};
pub use fold::{fold_char, fold_for_matching};
pub use utf8::{may_begin_unsafe, utf8_width};

/// 1-based (line, column in characters) of byte `at` in `src`, without an
/// index (for error messages about small files such as specs and themes).
pub fn line_column(src: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let line = src[..at].matches('\n').count() + 1;
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, src[line_start..at].chars().count() + 1)
}

/// A 1-based position: line, and column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Maps byte offsets to (line, column) in `O(log lines + MARK_EVERY)` and
/// back in `O(log lines + line length)`.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// In lines longer than [`MARK_EVERY`] bytes, every `MARK_EVERY` bytes
    /// or so: (byte offset of a character, characters before it on its
    /// line). A column is counted from the mark before it, so that the
    /// positions of many findings on one very long line (a file without
    /// line ends) do not each count the line from its start.
    marks: Vec<(usize, usize)>,
}

/// Bytes between column marks in a long line (see [`LineIndex`]).
const MARK_EVERY: usize = 4096;

impl LineIndex {
    /// Builds the index of `text` (normalised: `\n` line ends).
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut marks = Vec::new();
        let ends = starts.iter().skip(1).map(|s| s - 1).chain([text.len()]);
        for (&start, end) in starts.iter().zip(ends) {
            let mut at = start;
            let mut chars = 0;
            while end - at > MARK_EVERY {
                let mut next = at + MARK_EVERY;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += text[at..next].chars().count();
                marks.push((next, chars));
                at = next;
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            marks,
        }
    }

    /// Number of lines (a trailing newline starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte offset where 0-based line `line` ends (its `\n`, or the end
    /// of the text for the last line).
    pub fn line_end(&self, line: usize) -> usize {
        match self.starts.get(line + 1) {
            Some(&next) => next - 1,
            None => self.len,
        }
    }

    /// The 0-based line containing byte offset `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// 1-based position of byte offset `byte` in `text` (the text indexed).
    /// Offsets inside a character are rounded down to its start.
    pub fn position(&self, text: &str, byte: usize) -> Position {
        let byte = byte.min(text.len());
        let line = self.line_of(byte);
        let start = self.starts[line];
        let mut end = byte;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        // From the last mark at or before `end` on this line, if any.
        let k = self.marks.partition_point(|&(at, _)| at <= end);
        let (from, before) = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((at, chars)) if at >= start => (at, chars),
            _ => (start, 0),
        };
        let column = before + text[from..end].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based position; columns past the line end clamp to it.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map(|s| s - 1)
            .unwrap_or(text.len());
        let mut col = pos.column.saturating_sub(1);
        for (i, _) in text[start..end].char_indices() {
            if col == 0 {
                return start + i;
            }
            col -= 1;
        }
        end
    }
}

/// Folds full-width ASCII variants (`（`, `１`, `．`, `Ａ`) and the ideographic
/// space to their ASCII forms; every other character is returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// True for characters that separate words in running text but are not
/// letters: white space of every width.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'
}

/// Trims white space of every width (including U+3000 and NBSP) from both ends.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// True when `c` must never reach a terminal as is: C0 and C1 controls (other
/// than tab), DEL, bidi embeddings, overrides and isolates, zero-width
/// characters, line and paragraph separators, and the BOM.
pub fn is_unsafe_for_display(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{061c}' | '\u{180e}')
}

/// The visible stand-in for a character that must not reach a terminal.
pub fn visible_symbol(c: char) -> char {
    match c {
        // C0 controls have "control pictures" at U+2400 + code.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{2028}' | '\u{2029}' => '\u{21b5}', // ↵
        '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' => '\u{2423}', // ␣
        _ => '\u{fffd}',                       // �
    }
}

/// Makes text safe to print on a terminal: every character for which
/// [`is_unsafe_for_display`] holds is replaced by a visible symbol, and a tab
/// by a space. Borrowed when nothing needed replacing.
pub fn sanitize_for_display(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || is_unsafe_for_display(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c == '\t' {
                    ' '
                } else if is_unsafe_for_display(c) {
                    visible_symbol(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The first `max` characters of `s`, with `…` appended when cut.
pub fn truncate_chars(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

/// A text file's character encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, is recorded in [`TextFormat::bom`]).
    #[default]
    Utf8,
    /// GB18030, a superset of GBK and GB2312 (what Windows tools in China save).
    Gb18030,
    /// UTF-16 little-endian, with BOM.
    Utf16Le,
    /// UTF-16 big-endian, with BOM.
    Utf16Be,
}

impl Encoding {
    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// What kind of file a text was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// Plain text.
    #[default]
    Text,
    /// Markdown (by its name: `.md`, `.markdown`).
    Markdown,
    /// A Word document (.docx), read by our reader.
    Docx,
    /// An old binary Word or WPS document (.doc/.wps), converted to .docx
    /// by LibreOffice and read as one.
    Doc,
    /// A web page saved from a portal (.html/.htm): its article.
    Html,
    /// A PDF with text (a published report): its pages' text.
    Pdf,
}

impl SourceFormat {
    /// The name in JSON outputs (`"format"`).
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Docx => "docx",
            SourceFormat::Doc => "doc",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
        }
    }

    /// What the file is, in words ("Word 文档", "web page").
    pub fn describe(self, lang: crate::core::lang::Lang) -> &'static str {
        match self {
            SourceFormat::Text => lang.pick("文本文件", "text file"),
            SourceFormat::Markdown => lang.pick("Markdown 文件", "Markdown file"),
            SourceFormat::Docx => lang.pick("Word 文档", "Word document"),
            SourceFormat::Doc => lang.pick("旧版 Word/WPS 文档", "old Word/WPS document"),
            SourceFormat::Html => lang.pick("网页", "web page"),
            SourceFormat::Pdf => lang.pick("PDF 文件", "PDF file"),
        }
    }

    /// Whether reportbench can write the file back as it was (a text file);
    /// a document read out of another format opens read-only.
    pub fn is_editable(self) -> bool {
        matches!(self, SourceFormat::Text | SourceFormat::Markdown)
    }
}

/// Page numbers as ranges: "3-5,8".
pub fn page_ranges(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            pages[i].to_string()
        } else {
            format!("{}-{}", pages[i], pages[j])
        });
        i = j + 1;
    }
    out.join(",")
}

/// Something worth telling about how a file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadNote {
    /// The document has tracked changes not yet accepted or rejected: the
    /// text read is the accepted view.
    TrackedChanges(usize),
    /// The web page links these attachments, which were not read.
    Attachments(Vec<String>),
    /// These pages (1-based) of a PDF are images without text (scans):
    /// nothing was read from them.
    ScannedPages(Vec<u32>),
    /// This many characters of a PDF are in fonts that do not say which
    /// characters they are: left out.
    Undecoded(usize),
}

impl ReadNote {
    /// The note in words.
    pub fn message(&self, lang: crate::core::lang::Lang) -> String {
        match self {
            ReadNote::Attachments(names) => {
                let list = names.join(lang.pick("、", ", "));
                crate::tr!(
                    lang,
                    "页面附有 {} 个附件（没有读取）：{}",
                    "the page links {} attachments (not read): {}",
                    names.len(),
                    sanitize_for_display(&list)
                )
            }
            ReadNote::ScannedPages(pages) => crate::tr!(
                lang,
                "第{}页是扫描图像，没有文字（没有读取）",
                "page(s) {} are scanned images without text (not read)",
                page_ranges(pages)
            ),
            ReadNote::Undecoded(n) => crate::tr!(
                lang,
                "有 {} 个字符的字体没有说明是哪个字，没有读出",
                "{} characters are in fonts that do not say which characters they are: left out",
                n
            ),
            ReadNote::TrackedChanges(n) => crate::tr!(
                lang,
                "有 {} 处未接受的修订，按全部接受后的文字读",
                "{} unaccepted tracked changes, read as if accepted",
                n
            ),
        }
    }
}

/// A loaded text: normalised, with what is needed to write it back.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Where it came from.
    pub path: PathBuf,
    /// The text, normalised (no BOM, `\n` line ends).
    pub text: String,
    /// BOM and line endings of the original.
    pub format: TextFormat,
    /// The original encoding.
    pub encoding: Encoding,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// What the file looked like, to notice changes made by someone else
    /// before saving over it.
    pub fingerprint: Fingerprint,
    /// What kind of file it was.
    pub source: SourceFormat,
    /// What is worth telling about how it was read.
    pub notes: Vec<ReadNote>,
    /// Comments the file itself holds (Word's), shown beside the review's
    /// own and never written into the review file.
    pub comments: Vec<crate::core::review::Comment>,
    /// Tracked changes the file itself holds (Word's 修订), as suggestions
    /// shown accepted (the text is the accepted view); never written into
    /// the review file.
    pub suggestions: Vec<crate::core::suggestion::Suggestion>,
}

/// What a file looked like when it was loaded (or last saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Size in bytes.
    pub len: u64,
    /// A hash of the bytes (FxHash: fast, not cryptographic).
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of some bytes.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        bytes.hash(&mut h);
        Fingerprint {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_are_compact() {
        assert_eq!(page_ranges(&[3, 4, 5, 8, 10, 11]), "3-5,8,10-11");
        assert_eq!(page_ranges(&[1]), "1");
        assert_eq!(page_ranges(&[]), "");
    }

    #[test]
    fn the_index_lines_are_the_texts_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\n\nb",
            "第一行\n\n二、第二行abc\n末",
            "x\r\ny",
        ] {
            let idx = LineIndex::new(text);
            let got: Vec<&str> = (0..idx.line_count())
                .map(|l| &text[idx.line_start(l)..idx.line_end(l)])
                .collect();
            assert_eq!(got, text.split('\n').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "第一行\n二、第二行abc\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let b = text.find("abc").unwrap();
        assert_eq!(idx.position(text, b), Position { line: 2, column: 6 });
        assert_eq!(idx.offset(text, Position { line: 2, column: 6 }), b);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        // Past the end clamps.
        assert_eq!(idx.position(text, 10_000).line, 3);
        // Inside a multi-byte character rounds down.
        assert_eq!(idx.position(text, 1), Position { line: 1, column: 1 });
    }

    #[test]
    fn positions_on_very_long_lines_count_from_the_marks_as_from_the_line_start() {
        // Lines of 1-, 2-, 3- and 4-byte characters, longer and shorter than
        // the marks' spacing; every offset (inside characters too) against
        // counting from the line's start.
        let long: String = "a法é𠀀，".repeat(1_500);
        let text = format!("{long}\n短行\n{long}{long}\n\n{}", "法".repeat(5_000));
        let idx = LineIndex::new(&text);
        assert!(idx.marks.len() > 8, "{} marks", idx.marks.len());
        for byte in (0..=text.len() + 2).step_by(29).chain([text.len()]) {
            let got = idx.position(&text, byte);
            let b = byte.min(text.len());
            let before = &text.as_bytes()[..b];
            let line = before.iter().filter(|&&c| c == b'\n').count();
            let start = before
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1);
            let mut end = b;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let want = Position {
                line: line + 1,
                column: text[start..end].chars().count() + 1,
            };
            assert_eq!(got, want, "at byte {byte}");
        }
    }

    #[test]
    fn line_column_counts_characters() {
        let src = "a: 1\n名称: 甲乙\n";
        let at = src.find("甲").unwrap();
        assert_eq!(line_column(src, at), (2, 5));
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(
            line_column(src, at + 1),
            (2, 5),
            "inside a character rounds down"
        );
    }

    #[test]
    fn fold_width_maps_fullwidth_forms() {
        assert_eq!(fold_width('（'), '(');
        assert_eq!(fold_width('１'), '1');
        assert_eq!(fold_width('．'), '.');
        assert_eq!(fold_width('\u{3000}'), ' ');
        assert_eq!(fold_width('一'), '一');
    }

    #[test]
    fn sanitize_replaces_escapes_and_bidi() {
        let s = "a\u{1b}[31mb\u{202e}c\u{200b}d\u{85}e\u{2066}";
        let out = sanitize_for_display(s);
        assert!(!out.chars().any(is_unsafe_for_display));
        assert!(out.contains('\u{241b}'));
        assert!(matches!(
            sanitize_for_display("plain 文本"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate_chars("一二三四", 2), "一二…");
        assert_eq!(truncate_chars("一二", 2), "一二");
    }
}
