//! Loading drafts: size limits, binary detection, and encoding detection
//! (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM), remembering the
//! encoding so that a save writes the file back the same way.

use crate::core::text::{SourceFormat, TextFormat, denormalize, normalize_owned};
use crate::io::formats::{self, FormatError};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The largest file reportbench opens (32 MiB: a long report is 100 KiB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

pub use crate::core::text::{Encoding, Loaded};

/// Why a file could not be loaded. Each message is one sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// No such file.
    #[error("{0}: no such file")]
    NotFound(PathBuf),
    /// A directory was given.
    #[error("{0}: is a directory, not a text file")]
    IsDirectory(PathBuf),
    /// Not readable by this user.
    #[error("{0}: permission denied")]
    PermissionDenied(PathBuf),
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("{path}: the file is {size} bytes, over the {limit}-byte limit for a report")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Looks binary.
    #[error("{0}: looks like a binary file, not text")]
    Binary(PathBuf),
    /// Not valid text in the encodings tried.
    #[error("{0}: is not text in {1} (byte {2} cannot be decoded)")]
    NotText(PathBuf, &'static str, usize),
    /// Not a regular file (a device, a pipe, a socket): reading could block
    /// or never end.
    #[error("{0}: is {1}, not a file; give a regular file")]
    NotRegular(PathBuf, &'static str),
    /// A document that could not be read (a damaged or protected .docx).
    #[error("{path}: {message}")]
    Document {
        /// The file.
        path: PathBuf,
        /// What is wrong, in words.
        message: String,
    },
    /// An old binary Word or WPS file, and no LibreOffice to convert it.
    #[error(
        "{0}: is an old Word/WPS file (.doc/.wps), which reportbench reads only through LibreOffice (not installed); save it as .docx in WPS or Word"
    )]
    LegacyWord(PathBuf),
    /// Any other I/O failure.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause, in words.
        message: String,
    },
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or control characters: not text.
    Binary,
    /// Not valid in the encodings tried (named); the first bad byte offset.
    Invalid(&'static str, usize),
}

/// What kind of thing a path is that is not a regular file.
#[cfg(unix)]
fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_of(_: std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// A file's modification time and size, when it exists.
pub fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Reads and decodes `path`. A symbolic link is followed once, here: the
/// loaded path is the real file's, so that saving writes through to it and
/// its lock sits beside it. Only regular files are read, and never more
/// than [`MAX_FILE_BYTES`] (a file that grows while read is refused too).
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let io_err = |path: &Path, e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_owned()),
        std::io::ErrorKind::PermissionDenied => LoadError::PermissionDenied(path.to_owned()),
        _ if path.is_dir() => LoadError::IsDirectory(path.to_owned()),
        _ => LoadError::Io {
            path: path.to_owned(),
            message: e.to_string(),
        },
    };
    let link = std::fs::symlink_metadata(path).map_err(|e| io_err(path, e))?;
    let real = if link.file_type().is_symlink() {
        std::fs::canonicalize(path).map_err(|e| io_err(path, e))?
    } else {
        path.to_owned()
    };
    let path = real.as_path();
    let meta = std::fs::metadata(path).map_err(|e| io_err(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory(path.to_owned()));
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegular(
            path.to_owned(),
            kind_of(meta.file_type()),
        ));
    }
    let too_large = |size: u64| LoadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_FILE_BYTES,
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    {
        use std::io::Read;
        let f = std::fs::File::open(path).map_err(|e| io_err(path, e))?;
        f.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_err(path, e))?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let fingerprint = crate::core::text::Fingerprint::of(&bytes);
    if let Some(read) = formats::read(path, &bytes) {
        let read = read.map_err(|e| match e {
            FormatError::Document(message) => LoadError::Document {
                path: path.to_owned(),
                message,
            },
            FormatError::LegacyWord => LoadError::LegacyWord(path.to_owned()),
        })?;
        // A document's text is never written back: UTF-8, LF.
        let (text, format) = normalize_owned(read.text);
        return Ok(Loaded {
            path: path.to_owned(),
            text,
            format,
            encoding: Encoding::Utf8,
            bytes: bytes.len() as u64,
            fingerprint,
            source: read.source,
            notes: read.notes,
            comments: read.comments,
            suggestions: read.suggestions,
        });
    }
    let size = bytes.len() as u64;
    let (raw, encoding) = decode_cow(Cow::Owned(bytes)).map_err(|e| match e {
        DecodeError::Binary => LoadError::Binary(path.to_owned()),
        DecodeError::Invalid(tried, at) => LoadError::NotText(path.to_owned(), tried, at),
    })?;
    let (text, format) = normalize_owned(raw);
    Ok(Loaded {
        path: path.to_owned(),
        text,
        format,
        encoding,
        bytes: size,
        fingerprint,
        source: if formats::has_extension(path, &["md", "markdown"]) {
            SourceFormat::Markdown
        } else {
            SourceFormat::Text
        },
        notes: Vec::new(),
        comments: Vec::new(),
        suggestions: Vec::new(),
    })
}

/// The offset of the first byte GB18030 cannot decode, if any.
fn first_gb18030_error(bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 4),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Some(read.saturating_sub(bad as usize + after as usize))
        }
        _ => None,
    }
}

/// Decodes bytes, detecting the encoding. The returned text still has its
/// BOM (if UTF-8) and original line endings; see [`normalize`](crate::core::text::normalize).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    decode_cow(Cow::Borrowed(bytes))
}

/// [`decode`], keeping the bytes themselves as the text when they are
/// UTF-8 already (a file read whole is not copied once more).
fn decode_cow(bytes: Cow<[u8]>) -> Result<(String, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return decode_utf16(rest, false).map(|s| (s, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return decode_utf16(rest, true).map(|s| (s, Encoding::Utf16Be));
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    // UTF-8 is checked once: the bytes read are kept as the text.
    let text = match bytes {
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(s) => (s, Encoding::Utf8),
            Err(e) => {
                let utf8_err = e.utf8_error();
                gb18030(&e.into_bytes(), utf8_err)?
            }
        },
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(s) => (s.to_owned(), Encoding::Utf8),
            Err(utf8_err) => gb18030(b, utf8_err)?,
        },
    };
    if looks_binary(&text.0) {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

/// `bytes`, not UTF-8 (`utf8_err` says where), read as GB18030.
fn gb18030(bytes: &[u8], utf8_err: std::str::Utf8Error) -> Result<(String, Encoding), DecodeError> {
    let (cow, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        // Where it stops being text: in UTF-8 when it read Chinese as
        // UTF-8 before failing, else in GB18030 (a GBK file fails UTF-8 at
        // its first Chinese character).
        let valid = utf8_err.valid_up_to();
        let at = if bytes[..valid].iter().any(|&b| b >= 0x80) {
            valid
        } else {
            first_gb18030_error(bytes).unwrap_or(valid)
        };
        return Err(DecodeError::Invalid("UTF-8 or GB18030", at));
    }
    Ok((cow.into_owned(), Encoding::Gb18030))
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::Invalid("UTF-16", bytes.len() + 1));
    }
    let units = bytes.chunks_exact(2).map(|c| {
        if big_endian {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    let mut out = String::with_capacity(bytes.len());
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => return Err(DecodeError::Invalid("UTF-16", 2 + i * 2)),
        }
    }
    if looks_binary(&out) || out.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(out)
}

/// More than 1% control characters (other than tab, line ends, form feed and
/// ESC, which hostile drafts may contain) means the file is not text.
fn looks_binary(s: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in s.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}') {
            controls += 1;
        }
    }
    total > 0 && controls * 100 > total
}

/// Encodes normalised `text` back into the bytes of the original file format:
/// BOM, line endings and encoding restored. Characters GB18030 cannot
/// represent do not exist (it covers all of Unicode).
pub fn encode(text: &str, format: &TextFormat, encoding: Encoding) -> Vec<u8> {
    let raw = denormalize(text, format);
    match encoding {
        Encoding::Utf8 => raw.into_bytes(),
        Encoding::Gb18030 => {
            let body = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
            let (bytes, _, _) = encoding_rs::GB18030.encode(body);
            bytes.into_owned()
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let body = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
            let mut out = Vec::with_capacity(body.len() * 2 + 2);
            let be = encoding == Encoding::Utf16Be;
            for u in std::iter::once(0xfeffu16).chain(body.encode_utf16()) {
                out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::normalize;

    const TEXT: &str = "青禾镇2024年度法治政府建设情况报告\n一、主要举措和成效\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let (s, e) = decode(TEXT.as_bytes()).unwrap();
        assert_eq!((s.as_str(), e), (TEXT, Encoding::Utf8));
        let with_bom = [&[0xef, 0xbb, 0xbf][..], TEXT.as_bytes()].concat();
        let (s, e) = decode(&with_bom).unwrap();
        assert_eq!(e, Encoding::Utf8);
        let (t, f) = normalize(&s);
        assert!(f.bom);
        assert_eq!(t, TEXT);
        assert_eq!(encode(&t, &f, e), with_bom);
    }

    #[test]
    fn gb18030_round_trip_with_crlf() {
        let raw = TEXT.replace('\n', "\r\n");
        let (bytes, _, _) = encoding_rs::GB18030.encode(&raw);
        let (s, e) = decode(&bytes).unwrap();
        assert_eq!(e, Encoding::Gb18030);
        let (t, f) = normalize(&s);
        assert_eq!(t, TEXT);
        assert_eq!(encode(&t, &f, e), bytes.into_owned());
    }

    #[test]
    fn utf16_round_trip() {
        for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = encode(TEXT, &TextFormat::default(), enc);
            let (s, e) = decode(&bytes).unwrap();
            assert_eq!((s.as_str(), e), (TEXT, enc));
        }
    }

    #[test]
    fn binary_and_invalid_are_refused() {
        assert_eq!(decode(b"PK\x03\x04\0\0\x01"), Err(DecodeError::Binary));
        let ctrl: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        assert_eq!(decode(&ctrl), Err(DecodeError::Binary));
        // 0xff is invalid in UTF-8 and in GB18030 as a lead byte.
        assert!(matches!(
            decode(b"abc\xff\xff"),
            Err(DecodeError::Invalid("UTF-8 or GB18030", 3))
        ));
    }

    #[test]
    fn escape_sequences_are_text() {
        let (s, _) = decode("标题\u{1b}[31m红\u{1b}[0m\n".as_bytes()).unwrap();
        assert!(s.contains('\u{1b}'));
    }

    #[test]
    fn the_error_says_where_it_stops_being_text_and_in_which_encoding() {
        // A GBK file with a bad byte 300 bytes in: GB18030's failure, not
        // UTF-8's at the first Chinese character.
        let text = "法治政府建设".repeat(25);
        let mut gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
        gbk.extend_from_slice(b"\xff\xff more");
        assert_eq!(
            decode(&gbk),
            Err(DecodeError::Invalid("UTF-8 or GB18030", 300))
        );
        // A UTF-8 file with a bad byte: where UTF-8 stopped.
        let mut utf8 = "法治政府".repeat(10).into_bytes();
        utf8.extend_from_slice(b"\xff");
        assert_eq!(
            decode(&utf8),
            Err(DecodeError::Invalid("UTF-8 or GB18030", 120))
        );
        // UTF-16 is named as what it is.
        let bad16 = [0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00];
        assert!(matches!(
            decode(&bad16),
            Err(DecodeError::Invalid("UTF-16", _))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_and_a_link_is_followed_to_its_file() {
        let d = crate::io::testing::TestDir::new("load-kinds");
        // A device that never ends, a pipe that would block: refused at once.
        match load(Path::new("/dev/zero")) {
            Err(LoadError::NotRegular(_, kind)) => assert_eq!(kind, "a device"),
            other => panic!("{other:?}"),
        }
        let fifo = d.join("pipe");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: mkfifo with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = load(&fifo).unwrap_err();
        assert!(e.to_string().contains("is a named pipe, not a file"), "{e}");
        // A link: loaded from, and saved to, the real file.
        std::fs::create_dir(d.join("real")).unwrap();
        let real = d.join("real/d.txt");
        std::fs::write(&real, "正文\n").unwrap();
        let link = d.join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let l = load(&link).unwrap();
        assert_eq!(l.path, std::fs::canonicalize(&real).unwrap());
        assert_eq!(l.text, "正文\n");
    }
}
