//! A PDF font as the text reader needs it: how a shown string splits into
//! character codes, how wide each code is (to place what follows), and what
//! text the codes stand for — through the font's ToUnicode map, its simple
//! encoding, UCS-2, or GB18030 for the GBK-EUC-H fonts that 公文 typesetting
//! systems embed without a ToUnicode map (other extractors fail on those).

use super::objects::{array, deref, name, number};
use lopdf::Encoding;
use lopdf::{Dictionary, Document, Object};

/// How a string's bytes split into character codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codes {
    /// One byte per code (simple fonts).
    One,
    /// Two bytes per code (Identity-H, UCS-2 CMaps).
    Two,
    /// GBK/EUC: one byte below 0x81, else two (four for GB18030's
    /// four-byte sequences).
    Gbk,
}

/// How codes become text.
enum Decoder<'a> {
    /// Lopdf's reading of the font's encoding (ToUnicode map, a standard
    /// or differences encoding): one code at a time.
    Lopdf(Encoding<'a>),
    /// UCS-2 / UTF-16BE CMaps (UniGB-UCS2-H): the bytes are the text.
    Utf16,
    /// GBK-EUC-H and its family with no ToUnicode map: the bytes are GB18030.
    Gb18030,
    /// An encoding we cannot read (a CJK CMap other than the above with no
    /// ToUnicode map): the codes are counted, not guessed.
    Unknown,
}

/// A font of a page, ready to decode and measure shown strings.
pub struct Font<'a> {
    codes: Codes,
    decoder: Decoder<'a>,
    /// Widths by code (simple fonts) or CID (composite), in glyph units.
    widths: Widths,
    /// Glyph units to text space (1/1000, or a Type3 font's matrix).
    scale: f64,
}

/// Glyph widths: a table and a default.
struct Widths {
    first: u32,
    table: Vec<f64>,
    /// Composite fonts: `[first [w…]]` and `[first last w]` ranges.
    ranges: Vec<(u32, u32, f64)>,
    default: f64,
}

impl Widths {
    fn of(&self, code: u32, one_byte: bool) -> f64 {
        if let Some(w) = code
            .checked_sub(self.first)
            .and_then(|i| self.table.get(i as usize))
        {
            return *w;
        }
        // Ranges are sorted by their first code: the last one starting at
        // or before `code`.
        let i = self.ranges.partition_point(|r| r.0 <= code);
        if let Some((_, end, w)) = i.checked_sub(1).and_then(|i| self.ranges.get(i))
            && code <= *end
        {
            return *w;
        }
        // A half-width character in a CJK font is half as wide.
        if one_byte && self.default >= 900.0 {
            self.default / 2.0
        } else {
            self.default
        }
    }
}

/// One shown string, decoded and measured.
pub struct Shown {
    /// The text.
    pub text: String,
    /// Codes whose text the font does not give.
    pub undecoded: usize,
    /// Each code's width in text space (before size and spacing), and
    /// whether it is a single-byte space (word spacing applies to it).
    pub advances: Vec<(f64, bool)>,
}

/// The CMaps whose bytes are GB18030 (a superset of GBK and EUC-CN).
const GB_CMAPS: &[&[u8]] = &[
    b"GBK-EUC-H",
    b"GBK-EUC-V",
    b"GB-EUC-H",
    b"GB-EUC-V",
    b"GBKp-EUC-H",
    b"GBKp-EUC-V",
    b"GBK2K-H",
    b"GBK2K-V",
    b"GBpc-EUC-H",
    b"GBpc-EUC-V",
];

/// The CMaps whose bytes are UTF-16BE.
const UTF16_CMAPS: &[&[u8]] = &[
    b"UniGB-UCS2-H",
    b"UniGB-UCS2-V",
    b"UniGB-UTF16-H",
    b"UniGB-UTF16-V",
    b"UniCNS-UCS2-H",
    b"UniCNS-UTF16-H",
    b"UniJIS-UCS2-H",
    b"UniJIS-UTF16-H",
    b"UniKS-UCS2-H",
    b"UniKS-UTF16-H",
];

/// The most bytes a decompressed ToUnicode map may take.
const MAX_CMAP_BYTES: usize = 8 << 20;

impl<'a> Font<'a> {
    /// Reads the font dictionary `dict` of `doc`.
    pub fn new(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let subtype = dict.get(b"Subtype").ok().and_then(name).unwrap_or(b"");
        let composite = subtype == b"Type0";
        let encoding_name = dict
            .get(b"Encoding")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(name);
        let has_to_unicode = dict.get(b"ToUnicode").is_ok();
        let codes = match encoding_name {
            Some(n) if composite && GB_CMAPS.contains(&n) => Codes::Gbk,
            _ if composite => Codes::Two,
            _ => Codes::One,
        };
        let decoder = match encoding_name {
            Some(n) if composite && GB_CMAPS.contains(&n) && !has_to_unicode => Decoder::Gb18030,
            Some(n) if composite && UTF16_CMAPS.contains(&n) && !has_to_unicode => Decoder::Utf16,
            _ => match dict.get_font_encoding_with_limit(doc, MAX_CMAP_BYTES) {
                // A composite font with an unknown CMap name and no map.
                Ok(Encoding::SimpleEncoding(n)) if composite && !has_to_unicode => {
                    if GB_CMAPS.contains(&n) {
                        Decoder::Gb18030
                    } else if UTF16_CMAPS.contains(&n) {
                        Decoder::Utf16
                    } else {
                        Decoder::Unknown
                    }
                }
                Ok(e) => Decoder::Lopdf(e),
                Err(_) => Decoder::Unknown,
            },
        };
        let scale = if subtype == b"Type3" {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(array)
                .and_then(|m| m.first())
                .and_then(number)
                .map(f64::abs)
                .filter(|s| s.is_finite() && *s > 0.0 && *s < 1.0e3)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let widths = if composite {
            composite_widths(doc, dict)
        } else {
            simple_widths(doc, dict)
        };
        Font {
            codes,
            decoder,
            widths,
            scale,
        }
    }

    /// Decodes and measures the string `bytes`.
    pub fn show(&self, bytes: &[u8]) -> Shown {
        let mut shown = Shown {
            text: String::new(),
            undecoded: 0,
            advances: Vec::with_capacity(bytes.len()),
        };
        let mut i = 0;
        while i < bytes.len() {
            let len = match self.codes {
                Codes::One => 1,
                Codes::Two => 2.min(bytes.len() - i),
                Codes::Gbk => gbk_len(&bytes[i..]),
            };
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |c, b| (c << 8) | u32::from(*b));
            // Half-width: a one-byte code, or ASCII through a UCS-2 CMap.
            let one_byte = len == 1 || (matches!(self.decoder, Decoder::Utf16) && code < 0x80);
            let w = self.widths.of(code, one_byte) * self.scale;
            shown.advances.push((w, len == 1 && code == 32));
            if let Decoder::Lopdf(enc) = &self.decoder {
                match enc {
                    Encoding::UnicodeMapEncoding(map) => match map.get(code, len as u8) {
                        Some(units) => shown.text.extend(
                            char::decode_utf16(units)
                                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
                        ),
                        None => shown.undecoded += 1,
                    },
                    _ => {
                        if enc
                            .write_to_string(&bytes[i..i + len], &mut shown.text)
                            .is_err()
                        {
                            shown.undecoded += 1;
                        }
                    }
                }
            }
            i += len;
        }
        match self.decoder {
            Decoder::Utf16 => {
                shown.text = encoding_rs::UTF_16BE
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned();
            }
            Decoder::Gb18030 => {
                shown.text = encoding_rs::GB18030
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned();
            }
            Decoder::Unknown => shown.undecoded += shown.advances.len(),
            Decoder::Lopdf(_) => {}
        }
        shown
    }
}

/// The length of the GBK/GB18030 code at the start of `b`.
fn gbk_len(b: &[u8]) -> usize {
    match b {
        [lead, second, ..] if (0x81..=0xFE).contains(lead) => {
            if (0x30..=0x39).contains(second) && b.len() >= 4 {
                4
            } else {
                2
            }
        }
        _ => 1,
    }
}

/// A simple font's widths: `/FirstChar` and `/Widths`, else the
/// descriptor's `/MissingWidth`, else half an em.
fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(number)
        .filter(|n| (0.0..=255.0).contains(n))
        .unwrap_or(0.0) as u32;
    let table: Vec<f64> = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(array)
        .map(|a| {
            a.iter()
                .take(256)
                .map(|w| {
                    deref(doc, w)
                        .and_then(number)
                        .filter(|w| w.is_finite())
                        .unwrap_or(0.0)
                })
                .collect()
        })
        .unwrap_or_default();
    let missing = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(number)
        .filter(|w| *w > 0.0 && w.is_finite());
    Widths {
        first,
        default: missing.unwrap_or(if table.is_empty() { 500.0 } else { 0.0 }),
        table,
        ranges: Vec::new(),
    }
}

/// The most width entries read from a composite font's `/W` array.
const MAX_WIDTH_ENTRIES: usize = 70_000;

/// A composite font's widths: its descendant's `/DW` and `/W`.
fn composite_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(array)
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let mut widths = Widths {
        first: 0,
        table: Vec::new(),
        ranges: Vec::new(),
        default: 1000.0,
    };
    let Some(d) = descendant else { return widths };
    if let Some(dw) = d
        .get(b"DW")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(number)
        .filter(|w| *w > 0.0 && w.is_finite())
    {
        widths.default = dw;
    }
    let Some(w) = d.get(b"W").ok().and_then(|o| deref(doc, o)).and_then(array) else {
        return widths;
    };
    let mut i = 0;
    let mut entries = 0;
    while i + 1 < w.len() && entries < MAX_WIDTH_ENTRIES {
        let Some(start) = number(&w[i]).filter(|n| *n >= 0.0 && *n < 1.0e7) else {
            break;
        };
        let start = start as u32;
        match deref(doc, &w[i + 1]) {
            Some(Object::Array(list)) => {
                for (k, x) in list.iter().enumerate().take(MAX_WIDTH_ENTRIES - entries) {
                    if let Some(x) = number(x) {
                        let c = start.saturating_add(k as u32);
                        widths.ranges.push((c, c, x));
                    }
                }
                entries += list.len();
                i += 2;
            }
            Some(end) => {
                let (Some(end), Some(x)) = (number(end), w.get(i + 2).and_then(number)) else {
                    break;
                };
                if (0.0..1.0e7).contains(&end) {
                    widths.ranges.push((start, end as u32, x));
                }
                entries += 1;
                i += 3;
            }
            None => break,
        }
    }
    // Looked up by binary search on the first code.
    widths.ranges.sort_by_key(|r| r.0);
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_codes_are_one_two_or_four_bytes() {
        assert_eq!(gbk_len(b"A\xb0\xa1"), 1);
        assert_eq!(gbk_len(b"\xb0\xa1"), 2);
        assert_eq!(gbk_len(b"\x81\x30\x81\x30"), 4);
        assert_eq!(gbk_len(b"\x81"), 1);
    }

    #[test]
    fn half_width_codes_in_a_cjk_font_are_half_as_wide() {
        let w = Widths {
            first: 0,
            table: Vec::new(),
            ranges: vec![(10, 20, 600.0)],
            default: 1000.0,
        };
        assert_eq!(w.of(15, false), 600.0);
        assert_eq!(w.of(0x41, true), 500.0);
        assert_eq!(w.of(0xB0A1, false), 1000.0);
    }
}
