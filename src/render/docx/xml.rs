//! The XML parts of a written .docx: escaping (control characters replaced
//! by visible symbols, never written raw), the body with its tracked changes
//! and comment ranges, the comments, styles in the 公文 manner, and the
//! package's relationships and content types.

use super::{Doc, ParaMark, Seg, Style};
use crate::core::text::sanitize_for_display;
use std::fmt::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// `s` safe inside an element or a quoted attribute: markup escaped,
/// control and bidi characters (which XML cannot hold or a reader would
/// obey) shown as visible symbols.
pub fn escape(s: &str) -> String {
    let shown = sanitize_for_display(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Runs of `text` (tabs as `w:tab`), in element `t` (`w:t` or `w:delText`).
fn runs(out: &mut String, text: &str, t: &str) {
    for (i, part) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:tab/></w:r>");
        }
        if !part.is_empty() {
            let _ = write!(
                out,
                "<w:r><{t} xml:space=\"preserve\">{}</{t}></w:r>",
                escape(part)
            );
        }
    }
}

/// `word/document.xml`.
///
/// Returns the part and, for each tracked change written for a review
/// suggestion, `("change-N", suggestion id)`.
pub fn document(d: &Doc) -> (String, Vec<(String, String)>) {
    let mut origins = Vec::new();
    let mut o = String::with_capacity(d.paras.len() * 200 + 1000);
    let _ = write!(
        o,
        "{HEAD}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>"
    );
    // Tracked changes need ids of their own, apart from the comments'.
    let mut change_id = d.comments.len() + 1;
    for p in &d.paras {
        o.push_str("<w:p><w:pPr>");
        match p.style {
            Style::Normal => {}
            Style::Title => o.push_str("<w:pStyle w:val=\"Title\"/>"),
            Style::Heading(l) => {
                let _ = write!(o, "<w:pStyle w:val=\"Heading{}\"/>", l.clamp(1, 4));
            }
        }
        if let Some(m) = p.mark {
            let (tag, author) = match m {
                ParaMark::Inserted(a) => ("w:ins", a),
                ParaMark::Deleted(a) => ("w:del", a),
            };
            let a = d.authors.get(author);
            let _ = write!(
                o,
                "<w:rPr><{tag} w:id=\"{change_id}\" w:author=\"{}\" w:date=\"{}\"/></w:rPr>",
                escape(a.map_or("", |a| a.name.as_str())),
                escape(a.map_or("", |a| a.date.as_str()))
            );
            change_id += 1;
        }
        o.push_str("</w:pPr>");
        for s in &p.segs {
            match s {
                Seg::Text(t) => runs(&mut o, t, "w:t"),
                Seg::Ins { text, author } | Seg::Del { text, author } => {
                    let (tag, t) = if matches!(s, Seg::Ins { .. }) {
                        ("w:ins", "w:t")
                    } else {
                        ("w:del", "w:delText")
                    };
                    let a = d.authors.get(*author);
                    if let Some(origin) = a.and_then(|a| a.origin.clone()) {
                        origins.push((format!("change-{change_id}"), origin));
                    }
                    let _ = write!(
                        o,
                        "<{tag} w:id=\"{change_id}\" w:author=\"{}\" w:date=\"{}\">",
                        escape(a.map_or("", |a| a.name.as_str())),
                        escape(a.map_or("", |a| a.date.as_str()))
                    );
                    change_id += 1;
                    runs(&mut o, text, t);
                    let _ = write!(o, "</{tag}>");
                }
                Seg::CommentStart(n) => {
                    let _ = write!(o, "<w:commentRangeStart w:id=\"{n}\"/>");
                }
                Seg::CommentEnd(n) => {
                    let _ = write!(
                        o,
                        "<w:commentRangeEnd w:id=\"{n}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{n}\"/></w:r>"
                    );
                }
            }
        }
        o.push_str("</w:p>");
    }
    // A4, the 公文 margins (37 mm top, 35 mm bottom, 28 mm left, 26 mm right).
    o.push_str("<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
    (o, origins)
}

/// `word/comments.xml`.
pub fn comments(d: &Doc) -> String {
    let mut o = String::new();
    let _ = write!(o, "{HEAD}<w:comments xmlns:w=\"{W}\">");
    for (n, c) in d.comments.iter().enumerate() {
        let initials: String = c.author.chars().take(1).collect();
        let _ = write!(
            o,
            "<w:comment w:id=\"{n}\" w:author=\"{}\" w:date=\"{}\" w:initials=\"{}\">",
            escape(&c.author),
            escape(&c.date),
            escape(&initials)
        );
        for line in c.body.iter().flat_map(|b| b.split('\n')) {
            o.push_str("<w:p>");
            runs(&mut o, line, "w:t");
            o.push_str("</w:p>");
        }
        o.push_str("</w:comment>");
    }
    o.push_str("</w:comments>");
    o
}

/// `[Content_Types].xml`.
pub fn content_types(with_comments: bool, with_custom: bool) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut o = format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/>"
    );
    if with_comments {
        let _ = write!(
            o,
            "<Override PartName=\"/word/comments.xml\" ContentType=\"{main}.comments+xml\"/>"
        );
    }
    if with_custom {
        o.push_str(CUSTOM_TYPE);
    }
    o.push_str("</Types>");
    o
}

/// `_rels/.rels`.
pub fn root_rels(with_custom: bool) -> String {
    format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>{}</Relationships>",
        if with_custom { CUSTOM_REL } else { "" }
    )
}

use crate::core::review::WORD_IDS_PROPERTY as IDS_PROPERTY;

/// The package relationship of the custom properties part.
pub const CUSTOM_REL: &str = "<Relationship Id=\"rIdReportbenchCustom\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>";

/// The content type override of the custom properties part.
pub const CUSTOM_TYPE: &str = "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>";

/// The ids property's value: `word id=review id` pairs (a comment's id, or
/// `change-N` for a tracked change's).
pub fn ids_value(ids: &[(String, String)]) -> String {
    ids.iter()
        .map(|(n, id)| format!("{n}={id}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// One custom property element (`pid` from 2).
pub fn ids_element(pid: usize, ids: &[(String, String)]) -> String {
    format!(
        "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{pid}\" name=\"{IDS_PROPERTY}\"><vt:lpwstr>{}</vt:lpwstr></property>",
        escape(&ids_value(ids))
    )
}

/// `docProps/custom.xml` holding the ids property.
pub fn custom_properties(ids: &[(String, String)]) -> String {
    format!(
        "{HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">{}</Properties>",
        ids_element(2, ids)
    )
}

/// `word/_rels/document.xml.rels`.
pub fn document_rels(with_comments: bool) -> String {
    let t = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut o = format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{t}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{t}/settings\" Target=\"settings.xml\"/>"
    );
    if with_comments {
        let _ = write!(
            o,
            "<Relationship Id=\"rId3\" Type=\"{t}/comments\" Target=\"comments.xml\"/>"
        );
    }
    o.push_str("</Relationships>");
    o
}

/// `word/settings.xml`: changes shown as tracked.
pub const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:defaultTabStop w:val=\"420\"/></w:settings>";

/// `word/styles.xml`: body in 仿宋 三号, title in 小标宋 二号 centred,
/// headings 黑体 / 楷体 / 仿宋 bold with outline levels (as 公文 are set).
pub const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"280\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"楷体_GB2312\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLine=\"640\"/><w:outlineLvl w:val=\"3\"/></w:pPr></w:style>",
    "<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/><w:rPr><w:sz w:val=\"21\"/></w:rPr></w:style>",
    "</w:styles>"
);
