//! The .docx package: a zip archive, opened with limits (entry count, each
//! part's unpacked size, the packing ratio) so that a zip bomb is refused
//! before it is unpacked, and parts read as UTF-8 XML.

use super::DocxError;
use super::xml::one_line;
use std::io::{Cursor, Read};

/// At most this many entries in a package (a report has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many unpacked bytes in one XML part.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// A part may unpack to at most this many times its packed size (text XML
/// packs 5–100×; a bomb, thousands or more).
pub const MAX_RATIO: u64 = 1000;

/// An opened package.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens the zip archive in `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, DocxError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| DocxError::NotZip(one_line(&e.to_string())))?;
        if zip.len() > MAX_ENTRIES {
            return Err(DocxError::TooManyEntries(zip.len()));
        }
        Ok(Package { zip })
    }

    /// Whether the package has an entry named `name`.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The part `name` as text, or `None` when the package has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| DocxError::Damaged(name.to_owned(), one_line(&e.to_string())))?;
        if entry.encrypted() {
            return Err(DocxError::Encrypted);
        }
        let declared = entry.size();
        let packed = entry.compressed_size().max(1);
        // The declared size may lie: the read is capped as well.
        if declared > MAX_PART_BYTES || declared / packed > MAX_RATIO {
            return Err(DocxError::Bomb(name.to_owned()));
        }
        let cap = MAX_PART_BYTES.min(packed.saturating_mul(MAX_RATIO));
        let mut bytes = Vec::with_capacity(declared as usize);
        (&mut entry)
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| DocxError::Damaged(name.to_owned(), one_line(&e.to_string())))?;
        if bytes.len() as u64 > cap {
            return Err(DocxError::Bomb(name.to_owned()));
        }
        // XML parts are UTF-8 (a BOM allowed); UTF-16 parts are decoded too.
        let text = match bytes.as_slice() {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => {
                let (text, _, bad) = if bytes[0] == 0xFF {
                    encoding_rs::UTF_16LE.decode(&bytes)
                } else {
                    encoding_rs::UTF_16BE.decode(&bytes)
                };
                if bad {
                    return Err(DocxError::Damaged(name.to_owned(), "not UTF-16".into()));
                }
                text.into_owned()
            }
            _ => String::from_utf8(bytes)
                .map_err(|_| DocxError::Damaged(name.to_owned(), "not UTF-8".into()))?,
        };
        Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
    }
}
