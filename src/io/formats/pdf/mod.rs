//! PDF reports (last year's, as published): the text a reader of the pages
//! sees. lopdf reads the file structure and content streams; the rest is
//! ours: fonts (ToUnicode maps, UCS-2 and GBK-EUC-H CMaps), the placing of
//! each shown string (`walk`), and lines, tables, page furniture,
//! footnotes and paragraphs (`layout`). Pages with images and no text
//! are reported as scanned; nothing is guessed (no OCR).

mod fonts;
mod layout;
mod lines;
mod normalize;
mod objects;
mod walk;

use lopdf::{Document, LoadOptions, Object};
use std::panic::{AssertUnwindSafe, catch_unwind};
use thiserror::Error;
use walk::{FontCache, Walker, inherited, page_box};

/// A PDF read.
#[derive(Debug)]
pub struct Extracted {
    /// Paragraphs, one per line; table rows with tab-separated cells;
    /// footnotes after the body.
    pub text: String,
    /// Pages (1-based) that are images without text: scans.
    pub scanned_pages: Vec<u32>,
    /// Characters whose font gives no text (left out).
    pub undecoded: usize,
}

/// Why a PDF could not be read (each a sentence after the file name).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PdfError {
    /// Needs a password to open.
    #[error("is a PDF protected by a password; save a copy without the password and give that")]
    Encrypted,
    /// The structure could not be read.
    #[error("is a damaged PDF that cannot be read ({0})")]
    Damaged(String),
    /// Every page is an image.
    #[error(
        "is a scanned PDF: its {0} pages are images without text, and reportbench does not recognise text in images (OCR); give the report as .docx, text, or a PDF with text"
    )]
    Scanned(usize),
    /// No page has text or images.
    #[error("is a PDF with no text on any page")]
    NoText,
    /// Text there, but in fonts that do not say which characters they show.
    #[error(
        "is a PDF whose fonts do not say which characters they show (no ToUnicode map); give the report as .docx or text"
    )]
    Undecodable,
    /// More pages than a report has.
    #[error("is a PDF of {0} pages; reportbench reads reports of up to {MAX_PAGES} pages")]
    TooManyPages(usize),
    /// More drawing operations than any report needs.
    #[error(
        "is a PDF whose pages are too complex to read (more than {MAX_OPERATIONS} drawing operations)"
    )]
    TooComplex,
}

/// The most pages read.
pub const MAX_PAGES: usize = 1000;
/// The most content operations walked in one document.
pub const MAX_OPERATIONS: usize = 20_000_000;
/// The most bytes one stream may decompress to.
const MAX_STREAM_BYTES: usize = 64 << 20;

/// Reads the PDF `bytes`.
pub fn read(bytes: &[u8]) -> Result<Extracted, PdfError> {
    // lopdf is a foreign parser on hostile input: a panic inside it is a
    // damaged file, never a crash.
    catch_unwind(AssertUnwindSafe(|| read_inner(bytes)))
        .unwrap_or_else(|_| Err(PdfError::Damaged("the parser stopped on it".into())))
}

fn read_inner(bytes: &[u8]) -> Result<Extracted, PdfError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) => return Err(PdfError::Encrypted),
        Err(e) => return Err(PdfError::Damaged(short(&e.to_string()))),
    };
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages: Vec<lopdf::ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(doc.get_pages().len()));
    }
    let mut fonts = FontCache::new();
    let mut budget = MAX_OPERATIONS;
    let mut contents = Vec::with_capacity(pages.len());
    for id in &pages {
        let Ok(page) = doc.get_dictionary(*id) else {
            continue;
        };
        let content = doc
            .get_page_content_with_limit(*id, MAX_STREAM_BYTES)
            .unwrap_or_default();
        let resources = inherited(&doc, page, b"Resources").and_then(|o| match o {
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
        let walker = Walker::new(&doc, &mut fonts, &mut budget, page_box(&doc, page));
        contents.push(
            walker
                .walk(&content, resources)
                .map_err(|_| PdfError::TooComplex)?,
        );
    }
    let scanned_pages: Vec<u32> = contents
        .iter()
        .enumerate()
        .filter(|(_, p)| p.pieces.is_empty() && p.images > 0 && p.undecoded == 0)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let undecoded: usize = contents.iter().map(|p| p.undecoded).sum();
    let text = layout::lay_out(&contents);
    if text.trim().is_empty() {
        return Err(if undecoded > 0 {
            PdfError::Undecodable
        } else if !scanned_pages.is_empty() {
            PdfError::Scanned(scanned_pages.len())
        } else {
            PdfError::NoText
        });
    }
    Ok(Extracted {
        text,
        scanned_pages,
        undecoded,
    })
}

/// A parser's message cut to a sentence's length.
fn short(s: &str) -> String {
    let s = s.lines().next().unwrap_or("");
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_a_damaged_pdf_not_a_panic() {
        assert!(matches!(
            read(b"%PDF-1.7\n garbage"),
            Err(PdfError::Damaged(_))
        ));
    }
}
