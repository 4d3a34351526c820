//! Writing small .docx files for the tests, part by part: a body, and the
//! numbering, styles, notes, header and comments parts a case needs. The
//! XML is written as WPS and Word write it (the `w:` prefix, the main
//! namespace), so that the reader is tested on what users' files hold.

use std::io::Write;

/// The WordprocessingML namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx being put together.
#[derive(Default)]
pub struct Docx {
    body: String,
    document: Option<String>,
    parts: Vec<(String, String)>,
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A paragraph: `ppr` inside `w:pPr`, then `runs`.
pub fn para(ppr: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

/// A plain paragraph of text.
pub fn text(t: &str) -> String {
    para("", &run(t))
}

/// A numbered paragraph: list `num`, level `ilvl`.
pub fn numbered(num: u32, ilvl: u8, t: &str) -> String {
    para(
        &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>"#),
        &run(t),
    )
}

/// A paragraph of style `style`.
pub fn styled(style: &str, t: &str) -> String {
    para(&format!(r#"<w:pStyle w:val="{style}"/>"#), &run(t))
}

/// A table of rows of cells (each cell's XML inside `w:tc`).
pub fn table(rows: &[Vec<String>]) -> String {
    let mut x = String::from("<w:tbl><w:tblPr/>");
    for row in rows {
        x.push_str("<w:tr>");
        for cell in row {
            x.push_str("<w:tc>");
            x.push_str(cell);
            x.push_str("</w:tc>");
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

/// The official heading hierarchy as one list (numId 1): 一、 （一） 1． （1）.
pub fn official_numbering(format0: &str) -> String {
    let lvl = |i: u8, fmt: &str, text: &str| {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>"#
        )
    };
    format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="7">{}{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#,
        lvl(0, format0, "%1、"),
        lvl(1, format0, "（%2）"),
        lvl(2, "decimal", "%3．"),
        lvl(3, "decimal", "（%4）"),
    )
}

impl Docx {
    /// A document with this body XML.
    pub fn new(body: impl Into<String>) -> Docx {
        Docx {
            body: body.into(),
            ..Docx::default()
        }
    }

    /// A document whose `word/document.xml` is exactly `xml`.
    pub fn raw(xml: impl Into<String>) -> Docx {
        Docx {
            document: Some(xml.into()),
            ..Docx::default()
        }
    }

    /// Adds a part (`word/numbering.xml` …) with this XML.
    pub fn part(mut self, name: &str, xml: impl Into<String>) -> Docx {
        self.parts.push((name.to_owned(), xml.into()));
        self
    }

    /// The package's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            let mut put = |name: &str, xml: &str| {
                z.start_file(name, opts).unwrap();
                z.write_all(xml.as_bytes()).unwrap();
            };
            let mut types = String::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
            );
            for (name, _) in &self.parts {
                let kind = name
                    .trim_start_matches("word/")
                    .trim_end_matches(".xml")
                    .trim_end_matches(char::is_numeric);
                types.push_str(&format!(
                    r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>"#
                ));
            }
            types.push_str("</Types>");
            put("[Content_Types].xml", &types);
            put(
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
            );
            let document = self.document.clone().unwrap_or_else(|| {
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{}</w:body></w:document>"#,
                    self.body
                )
            });
            put("word/document.xml", &document);
            // Each part is found through the body's relationships, with its
            // content type, as Word, WPS and LibreOffice require.
            let mut rels = String::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            );
            for (i, (name, xml)) in self.parts.iter().enumerate() {
                put(name, xml);
                let kind = name
                    .trim_start_matches("word/")
                    .trim_end_matches(".xml")
                    .trim_end_matches(char::is_numeric);
                rels.push_str(&format!(
                    r#"<Relationship Id="rIdP{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{}"/>"#,
                    name.trim_start_matches("word/")
                ));
            }
            rels.push_str("</Relationships>");
            put("word/_rels/document.xml.rels", &rels);
            z.finish().unwrap();
        }
        out.into_inner()
    }

    /// Writes the package to `path`.
    pub fn write(&self, path: &std::path::Path) {
        std::fs::write(path, self.bytes()).unwrap();
    }
}
