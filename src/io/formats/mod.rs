//! Documents that are not plain text: what kind a file is (by its first
//! bytes, not its name), and the readers that turn each kind into the text
//! a reader of the printed page sees, with what is worth telling about the
//! reading and the comments the document holds.

pub mod docx;
pub mod html;
pub mod legacy;
pub mod pdf;

use crate::core::review::{Comment, CommentStatus, FILE_COMMENT_PREFIX};
use crate::core::suggestion::{Suggestion, SuggestionStatus};
use crate::core::text::{ReadNote, SourceFormat};
use std::path::Path;

/// A document read.
#[derive(Debug)]
pub struct Read {
    /// The text as a reader of the page sees it, a paragraph per line.
    pub text: String,
    /// What kind of document it was.
    pub source: SourceFormat,
    /// What is worth telling about the reading.
    pub notes: Vec<ReadNote>,
    /// Comments the document holds (Word's).
    pub comments: Vec<Comment>,
    /// Tracked changes the document holds (Word's), as suggestions.
    pub suggestions: Vec<Suggestion>,
}

/// Why a document could not be read (the loader names the file).
#[derive(Debug)]
pub enum FormatError {
    /// Damaged, protected, hostile or empty: the sentence says which.
    Document(String),
    /// An old Word/WPS file and no LibreOffice to convert it.
    LegacyWord,
}

/// Reads `bytes` (of the file `path`) when they hold a document rather
/// than text; `None`: read them as text.
pub fn read(path: &Path, bytes: &[u8]) -> Option<Result<Read, FormatError>> {
    let doc = |e: &dyn std::fmt::Display| FormatError::Document(e.to_string());
    Some(match sniff(bytes) {
        Sniffed::Zip => docx::read(bytes)
            .map(|x| from_word(x, SourceFormat::Docx))
            .map_err(|e| doc(&e)),
        Sniffed::Compound if is_encrypted_package(bytes) => Err(doc(&docx::DocxError::Encrypted)),
        Sniffed::Compound => match legacy::to_docx(bytes) {
            Err(legacy::LegacyError::NoConverter) => Err(FormatError::LegacyWord),
            Err(e) => Err(FormatError::Document(format!(
                "is an old Word/WPS file (.doc/.wps) and {e}; save it as .docx in WPS or Word"
            ))),
            Ok(converted) => docx::read(&converted)
                .map(|x| from_word(x, SourceFormat::Doc))
                .map_err(|e| {
                    FormatError::Document(format!("is an old Word/WPS file whose conversion {e}"))
                }),
        },
        Sniffed::Pdf => pdf::read(bytes)
            .map(|x| Read {
                text: x.text,
                source: SourceFormat::Pdf,
                notes: [
                    (!x.scanned_pages.is_empty())
                        .then_some(ReadNote::ScannedPages(x.scanned_pages)),
                    (x.undecoded > 0).then_some(ReadNote::Undecoded(x.undecoded)),
                ]
                .into_iter()
                .flatten()
                .collect(),
                comments: Vec::new(),
                suggestions: Vec::new(),
            })
            .map_err(|e| doc(&e)),
        Sniffed::Other if html::looks_like_html(bytes) || has_extension(path, &["html", "htm"]) => {
            html::read(bytes)
                .map(|page| Read {
                    text: page.text,
                    source: SourceFormat::Html,
                    notes: (!page.attachments.is_empty())
                        .then_some(ReadNote::Attachments(page.attachments))
                        .into_iter()
                        .collect(),
                    comments: Vec::new(),
                    suggestions: Vec::new(),
                })
                .map_err(|e| doc(&e))
        }
        Sniffed::Other => return None,
    })
}

/// A Word document's reading: its tracked changes told, its comments as
/// review comments (ids `word-N`, never written into the review file).
fn from_word(x: docx::Extracted, source: SourceFormat) -> Read {
    Read {
        text: x.text,
        source,
        notes: (x.tracked_changes > 0)
            .then_some(ReadNote::TrackedChanges(x.tracked_changes))
            .into_iter()
            .collect(),
        comments: x
            .comments
            .into_iter()
            .map(|c| Comment {
                origin: x.origins.get(&c.id).cloned(),
                id: format!("{FILE_COMMENT_PREFIX}{}", c.id),
                author: c.author,
                created: c.date,
                quote: c.quote,
                prefix: String::new(),
                suffix: String::new(),
                line: 0,
                body: c.body,
                status: CommentStatus::Open,
                replies: Vec::new(),
            })
            .collect(),
        suggestions: x
            .tracked
            .into_iter()
            .map(|c| Suggestion {
                origin: c
                    .ids
                    .iter()
                    .find_map(|id| x.origins.get(&format!("change-{id}")).cloned()),
                id: format!(
                    "{FILE_COMMENT_PREFIX}change-{}",
                    c.ids.first().map_or("", String::as_str)
                ),
                author: c.author,
                created: c.date,
                quote: c.deleted,
                prefix: c.before,
                suffix: c.after,
                line: 0,
                replacement: c.inserted,
                status: SuggestionStatus::Open,
                decided_by: String::new(),
                decided_at: String::new(),
                reason: String::new(),
            })
            .collect(),
    }
}

/// Whether `path` ends in one of `extensions` (any case).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip archive (a .docx, or some other package).
    Zip,
    /// An OLE compound file: an old .doc/.wps, or an encrypted .docx.
    Compound,
    /// A PDF.
    Pdf,
    /// Anything else: read as text.
    Other,
}

/// The kind of file `bytes` hold, by content.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Compound
    } else if is_pdf(bytes) {
        Sniffed::Pdf
    } else {
        Sniffed::Other
    }
}

/// A PDF's header may follow up to 1024 bytes of anything (ISO 32000-1,
/// implementation note 13), as readers accept.
fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Whether an OLE compound file is an encrypted Office package (a .docx
/// with a password) rather than an old binary document: its directory
/// names an `EncryptedPackage` stream (UTF-16).
pub fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Sniffed::Compound
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"\r\n\xef\xbb\xbf%PDF-1.4\n"), Sniffed::Pdf);
        assert_eq!(sniff("一、总体情况".as_bytes()), Sniffed::Other);
        assert_eq!(sniff(b"PK"), Sniffed::Other);
    }
}
