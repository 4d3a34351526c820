//! Paragraph styles (`word/styles.xml`): what a paragraph inherits through
//! its style and the styles that style is based on — numbering (Heading 1
//! numbered by its style) and the outline level.

use super::DocxError;
use super::xml::{Ev, attr, attr_num, local, walk};
use std::collections::HashMap;

/// What one style sets itself.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    name: String,
}

/// The paragraph styles of a package.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    default: Option<String>,
}

/// What a paragraph gets from its style chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inherited {
    /// The list, if the chain numbers the paragraph.
    pub num_id: Option<String>,
    /// The list level the chain names.
    pub ilvl: Option<u8>,
    /// The outline level (0 = level 1 heading).
    pub outline: Option<u8>,
    /// The style is a title style.
    pub title: bool,
}

impl Styles {
    /// Reads `word/styles.xml`.
    pub fn parse(xml: &str) -> Result<Styles, DocxError> {
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        // Inside w:rPr, w:pPrChange, w:tblPr …: properties of something else.
        let mut skip = 0usize;
        walk("word/styles.xml", xml, |ev| {
            match ev {
                Ev::Open(e, _) => {
                    let name = local(&e);
                    if skip > 0
                        || matches!(
                            name.as_str(),
                            "rPr"
                                | "pPrChange"
                                | "rPrChange"
                                | "tblPr"
                                | "tcPr"
                                | "trPr"
                                | "tblStylePr"
                        )
                    {
                        skip += 1;
                        return Ok(());
                    }
                    match name.as_str() {
                        "style" => {
                            let paragraph = attr(&e, "type").as_deref() == Some("paragraph");
                            current = attr(&e, "styleId")
                                .filter(|_| paragraph)
                                .map(|id| (id, Style::default()));
                            if let Some((id, _)) = &current
                                && attr(&e, "default")
                                    .as_deref()
                                    .is_some_and(|v| v == "1" || v == "true")
                            {
                                styles.default = Some(id.clone());
                            }
                        }
                        _ => {
                            if let Some((_, s)) = current.as_mut() {
                                match name.as_str() {
                                    "basedOn" => s.based_on = attr(&e, "val"),
                                    "numId" => s.num_id = attr(&e, "val"),
                                    "ilvl" => s.ilvl = attr_num(&e, "val"),
                                    "outlineLvl" => s.outline = attr_num(&e, "val"),
                                    "name" => s.name = attr(&e, "val").unwrap_or_default(),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Ev::Close(name) => {
                    if skip > 0 {
                        skip -= 1;
                    } else if name == "style"
                        && let Some((id, s)) = current.take()
                    {
                        styles.styles.insert(id, s);
                    }
                }
                Ev::Text(_) => {}
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// The style a paragraph without `w:pStyle` has.
    pub fn default_style(&self) -> Option<&str> {
        self.default.as_deref()
    }

    /// What style `id` and the styles it is based on give a paragraph (the
    /// nearest style that sets a property wins; a cycle ends the chain).
    pub fn inherited(&self, id: &str) -> Inherited {
        let mut out = Inherited::default();
        let mut next = Some(id);
        for _ in 0..32 {
            let Some(style) = next.and_then(|id| self.styles.get(id)) else {
                break;
            };
            if out.num_id.is_none() {
                out.num_id.clone_from(&style.num_id);
                if out.ilvl.is_none() {
                    out.ilvl = style.ilvl;
                }
            }
            out.outline = out.outline.or(style.outline);
            let name = style.name.to_ascii_lowercase();
            out.title |= name == "title" || name == "标题";
            next = style.based_on.as_deref();
        }
        // Built-in headings carry their level in their name.
        if out.outline.is_none()
            && let Some(style) = self.styles.get(id)
            && let Some(n) = style
                .name
                .to_ascii_lowercase()
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
        {
            out.outline = Some(n.saturating_sub(1));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_is_numbered_through_its_style_chain() {
        let xml = r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:outlineLvl w:val="5"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:basedOn w:val="H1"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style>
</w:styles>"#;
        let s = Styles::parse(xml).unwrap();
        assert_eq!(s.default_style(), Some("Normal"));
        let mine = s.inherited("Mine");
        assert_eq!(mine.num_id.as_deref(), Some("4"));
        assert_eq!(mine.outline, Some(0));
        assert!(s.inherited("T").title);
        assert_eq!(s.inherited("Loop"), Inherited::default());
        assert_eq!(s.inherited("missing"), Inherited::default());
    }
}
