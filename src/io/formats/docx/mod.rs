//! The .docx reader: the text a reader of the printed page sees — Word's
//! automatic numbering rendered (一、 （一） 1．), tables a row per line with
//! cells apart, footnotes and endnotes after the body (marked), headers and
//! footers left out, tracked changes accepted (and counted).
//!
//! Parts: [`package`] (the zip, with bomb limits), [`xml`] (events),
//! [`numbering`] (lists and counters), [`styles`] (style chains), [`body`]
//! (the walk).

pub mod body;
pub mod comments;
pub mod numbering;
pub mod package;
pub mod styles;
pub mod tracked;
pub mod xml;

use crate::core::residue::NOTE_LABELS;
use body::Block;
use numbering::Numbering;
use package::Package;
use styles::Styles;

/// Why a .docx could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a readable zip archive.
    #[error("is not a Word document (a damaged or unreadable zip archive: {0})")]
    NotZip(String),
    /// A zip archive without a Word body.
    #[error("is a zip archive but not a Word document (it has no word/document.xml)")]
    NotWord,
    /// Too many entries to be a document.
    #[error("has {0} entries, too many for a Word document")]
    TooManyEntries(usize),
    /// A part that would unpack to far more than it packs.
    #[error("looks like a zip bomb: part {0} would unpack past the limits")]
    Bomb(String),
    /// Password-protected.
    #[error("is protected by a password: open it in WPS or Word and save it without one")]
    Encrypted,
    /// A part that cannot be unpacked or decoded.
    #[error("is damaged: part {0} cannot be read ({1})")]
    Damaged(String, String),
    /// A part that is not well-formed XML.
    #[error("is damaged: part {part} is not well-formed XML at byte {at} ({message})")]
    Xml {
        /// The part.
        part: String,
        /// Byte offset in the part.
        at: u64,
        /// What is wrong.
        message: String,
    },
}

/// What was read from a .docx.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The text, a paragraph or table row per line, `\n` line ends.
    pub text: String,
    /// Unaccepted tracked changes in the file.
    pub tracked_changes: usize,
    /// Word's own comments, with the text each is anchored to.
    pub comments: Vec<comments::WordComment>,
    /// The body's tracked changes in detail.
    pub tracked: Vec<tracked::TrackedChange>,
    /// For a document reportbench wrote: Word comment id (or `change-N`
    /// for a tracked change's) → the review file's id it was written from.
    pub origins: std::collections::HashMap<String, String>,
}

/// Where the body is (`_rels/.rels` may move it; Word and WPS use the
/// default name).
const BODY: &str = "word/document.xml";

/// Reads a .docx from its bytes.
pub fn read(bytes: &[u8]) -> Result<Extracted, DocxError> {
    let mut pkg = Package::open(bytes)?;
    if pkg.has("EncryptionInfo") || pkg.has("EncryptedPackage") {
        return Err(DocxError::Encrypted);
    }
    let body = pkg.part(BODY)?.ok_or(DocxError::NotWord)?;
    let styles = match pkg.part("word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let mut numbering = match pkg.part("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let story = body::read(BODY, &body, &styles, &mut numbering, None)?;
    let mut lines: Vec<String> = Vec::new();
    emit(&story.blocks, &mut lines);
    let mut changes = story.changes.len();
    for (kind, part, ids, label) in [
        (
            "footnote",
            "word/footnotes.xml",
            &story.footnotes,
            NOTE_LABELS[0],
        ),
        (
            "endnote",
            "word/endnotes.xml",
            &story.endnotes,
            NOTE_LABELS[1],
        ),
    ] {
        if ids.is_empty() {
            continue;
        }
        let Some(xml) = pkg.part(part)? else { continue };
        let notes = body::read(part, &xml, &styles, &mut numbering, Some(kind))?;
        changes += notes.changes.len();
        let by_id: std::collections::HashMap<&str, &Vec<Block>> = notes
            .notes
            .iter()
            .map(|(id, blocks)| (id.as_str(), blocks))
            .collect();
        let mut first = true;
        let mut seen = std::collections::HashSet::new();
        for id in ids {
            // A note referred to twice is shown once.
            if !seen.insert(id.as_str()) {
                continue;
            }
            if let Some(blocks) = by_id.get(id.as_str()) {
                if first {
                    lines.push(String::new());
                    first = false;
                }
                let mut text = Vec::new();
                emit(blocks, &mut text);
                lines.push(format!("{label}{}", text.join(" ").trim()));
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    let mut comments = match pkg.part("word/comments.xml")? {
        Some(xml) => comments::parse(&xml)?,
        None => Vec::new(),
    };
    for c in &mut comments {
        if let Some(q) = story.quotes.get(&c.id) {
            c.quote = q.trim_end_matches('\n').to_owned();
        }
    }
    let origins = match pkg.part("docProps/custom.xml")? {
        Some(xml) => review_ids(&xml),
        None => Default::default(),
    };
    Ok(Extracted {
        text,
        tracked_changes: changes,
        comments,
        tracked: story.tracked,
        origins,
    })
}

/// The longest paragraph (in characters) an outline level makes a heading.
const MAX_HEADING_CHARS: usize = 60;

/// A paragraph that Word's outline makes a heading (a heading style, or an
/// outline level) but whose text carries no heading mark of its own (no
/// 一、 （一） …): marked as a Markdown heading of that level ("## 加强党的
/// 领导"), so that the checks see what Word's navigation pane shows. Body
/// text (level 9), numbered headings and long paragraphs are left as they are.
fn with_outline(text: &str, outline: Option<u8>) -> String {
    use crate::core::outline::{LineShape, classify_line};
    match outline {
        Some(level @ 0..=5)
            if !text.trim().is_empty()
                && !text.contains('\n')
                && text.chars().count() <= MAX_HEADING_CHARS
                && matches!(classify_line(text), LineShape::Text) =>
        {
            format!("{} {}", "#".repeat(usize::from(level) + 1), text.trim())
        }
        _ => text.to_owned(),
    }
}

/// The review ids a document reportbench wrote keeps in its custom
/// properties (the last such property wins).
fn review_ids(custom: &str) -> std::collections::HashMap<String, String> {
    let name = format!("name=\"{}\"", crate::core::review::WORD_IDS_PROPERTY);
    let Some(at) = custom.rfind(&name) else {
        return Default::default();
    };
    let rest = &custom[at..];
    let value = rest
        .find("<vt:lpwstr>")
        .and_then(|a| {
            let v = &rest[a + "<vt:lpwstr>".len()..];
            v.find("</vt:lpwstr>").map(|b| &v[..b])
        })
        .unwrap_or("");
    value
        .split(';')
        .filter_map(|pair| {
            let (word, id) = pair.split_once('=')?;
            let ok = |s: &str| {
                !s.is_empty()
                    && s.len() <= 64
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            };
            (ok(word) && ok(id)).then(|| (word.to_owned(), id.to_owned()))
        })
        .collect()
}

/// Blocks as lines: a paragraph's line breaks stay; a row's cells are
/// separated by a tab; blank paragraphs collapse to one blank line.
fn emit(blocks: &[Block], lines: &mut Vec<String>) {
    for b in blocks {
        let line = match b {
            Block::Paragraph { text, outline, .. } => with_outline(text, *outline),
            Block::Row(cells) => cells
                .iter()
                .map(|c| c.replace(['\n', '\t'], " ").trim().to_owned())
                .collect::<Vec<_>>()
                .join("\t"),
        };
        if line.trim().is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
}

#[cfg(test)]
mod outline_tests {
    use super::with_outline;

    #[test]
    fn outline_levels_mark_unnumbered_headings_only() {
        assert_eq!(with_outline("加强党的领导", Some(1)), "## 加强党的领导");
        assert_eq!(with_outline("一、主要举措", Some(0)), "一、主要举措");
        assert_eq!(with_outline("正文段落。", None), "正文段落。");
        assert_eq!(with_outline("正文", Some(9)), "正文");
        assert_eq!(with_outline(&"长".repeat(61), Some(0)), "长".repeat(61));
    }
}
