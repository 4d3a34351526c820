//! A small PDF builder for tests (on lopdf, the reader's own parser, but
//! writing: the pages are laid out here by hand, as a typesetter would):
//! Chinese text in a non-embedded STSong with the UniGB-UCS2-H CMap or
//! in a GBK-EUC-H font without a ToUnicode map, page-number footers,
//! image-only (scanned) pages, password protection.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

/// A page to build.
pub enum Page {
    /// Lines of text: left edge, baseline, size, text (A4, y upwards).
    Text(Vec<(f64, f64, f64, String)>),
    /// An image over the page and no text: a scan.
    Scan,
}

/// How the Chinese text is encoded.
#[derive(Clone, Copy)]
pub enum Encoding {
    /// UCS-2 through the UniGB-UCS2-H CMap.
    Ucs2,
    /// GBK bytes through GBK-EUC-H, with no ToUnicode map.
    Gbk,
}

/// A body page of `lines` paragraphs' lines at 16 pt from the top,
/// with "— n —" at the foot.
pub fn body_page(n: usize, lines: &[&str]) -> Page {
    let mut v: Vec<(f64, f64, f64, String)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (90.0, 760.0 - 28.0 * i as f64, 16.0, (*l).to_owned()))
        .collect();
    v.push((280.0, 50.0, 12.0, format!("— {n} —")));
    Page::Text(v)
}

/// The PDF of `pages`.
pub fn pdf(pages: &[Page], encoding: Encoding) -> Vec<u8> {
    save(&mut build(pages, encoding))
}

/// The PDF of `pages` with its streams compressed, as producers write them.
pub fn compressed(pages: &[Page], encoding: Encoding) -> Vec<u8> {
    let mut doc = build(pages, encoding);
    doc.compress();
    save(&mut doc)
}

/// The PDF of `pages`, protected by the password `user`.
pub fn encrypted(pages: &[Page], user: &str) -> Vec<u8> {
    let mut doc = build(pages, Encoding::Ucs2);
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
        ]),
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    save(&mut doc)
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn build(pages: &[Page], encoding: Encoding) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let cmap = match encoding {
        Encoding::Ucs2 => "UniGB-UCS2-H",
        Encoding::Gbk => "GBK-EUC-H",
    };
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 4,
        },
        "DW" => 1000,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => cmap,
        "DescendantFonts" => vec![descendant.into()],
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 2,
            "Height" => 2,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
        "XObject" => dictionary! { "Im1" => image },
    });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        match page {
            Page::Text(lines) => {
                for (x, y, size, text) in lines {
                    let bytes: Vec<u8> = match encoding {
                        Encoding::Ucs2 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                        Encoding::Gbk => encoding_rs::GBK.encode(text).0.into_owned(),
                    };
                    ops.extend([
                        Operation::new("BT", vec![]),
                        Operation::new("Tf", vec!["F1".into(), (*size).into()]),
                        Operation::new("Td", vec![(*x).into(), (*y).into()]),
                        Operation::new(
                            "Tj",
                            vec![Object::String(bytes, StringFormat::Hexadecimal)],
                        ),
                        Operation::new("ET", vec![]),
                    ]);
                }
            }
            Page::Scan => ops.extend([
                Operation::new("q", vec![]),
                Operation::new(
                    "cm",
                    vec![
                        595.into(),
                        0.into(),
                        0.into(),
                        842.into(),
                        0.into(),
                        0.into(),
                    ],
                ),
                Operation::new("Do", vec!["Im1".into()]),
                Operation::new("Q", vec![]),
            ]),
        }
        let content = Content { operations: ops }.encode().unwrap();
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog);
    doc
}
