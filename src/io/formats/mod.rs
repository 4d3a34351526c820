//! Documents that are not plain text: what kind a file is (by its first
//! bytes, not its name), and the readers that turn each kind into the text
//! a reader of the printed page sees.

pub mod docx;
pub mod html;
pub mod legacy;

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
    } else if bytes.starts_with(b"%PDF-") {
        Sniffed::Pdf
    } else {
        Sniffed::Other
    }
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
        assert_eq!(sniff("一、总体情况".as_bytes()), Sniffed::Other);
        assert_eq!(sniff(b"PK"), Sniffed::Other);
    }
}
