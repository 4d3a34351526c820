//! The few things every part reader needs from quick-xml: events with
//! their local names, attribute values, entity references resolved, and a
//! refusal of DTDs (Word never writes one; entity bombs need one).

use super::DocxError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One event of a part, simplified.
pub enum Ev<'a> {
    /// An element opens (`empty`: it also closes at once).
    Open(BytesStart<'a>, bool),
    /// An element closes (its local name).
    Close(String),
    /// Text (entities resolved).
    Text(String),
}

/// Reads `xml` (the part `part`), calling `f` for every event.
pub fn walk(
    part: &str,
    xml: &str,
    mut f: impl FnMut(Ev<'_>) -> Result<(), DocxError>,
) -> Result<(), DocxError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let bad = |reader: &Reader<&[u8]>, message: String| DocxError::Xml {
        part: part.to_owned(),
        at: reader.buffer_position(),
        message: one_line(&message),
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| bad(&reader, e.to_string()))?;
        match ev {
            Event::Start(e) => f(Ev::Open(e, false))?,
            Event::Empty(e) => {
                let name = local(&e);
                f(Ev::Open(e, true))?;
                f(Ev::Close(name))?;
            }
            Event::End(e) => f(Ev::Close(e.local_name().into_inner().to_owned()))?,
            Event::Text(t) => f(Ev::Text(t.into_inner().into_owned()))?,
            Event::CData(t) => f(Ev::Text(t.into_inner().into_owned()))?,
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match &*r.into_inner() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => return Err(bad(&reader, format!("unknown entity &{other};"))),
                    },
                    Err(e) => return Err(bad(&reader, e.to_string())),
                };
                f(Ev::Text(text))?
            }
            Event::DocType(_) => {
                return Err(bad(
                    &reader,
                    "a DTD (document type declaration), which Word never writes".into(),
                ));
            }
            Event::Eof => return Ok(()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

/// A parser's message, which may quote the file, as one short safe line.
pub(super) fn one_line(message: &str) -> String {
    let flat: String = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = crate::core::text::sanitize_for_display(&flat);
    crate::core::text::truncate_chars(&shown, 120).into_owned()
}

/// The element's name without its namespace prefix.
pub fn local(e: &BytesStart<'_>) -> String {
    e.local_name().into_inner().to_owned()
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().into_inner() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// An attribute read as a number.
pub fn attr_num<T: std::str::FromStr>(e: &BytesStart<'_>, name: &str) -> Option<T> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// A `w:val` on/off property (`<w:isLgl/>`, `w:val="0"`, `"false"`).
pub fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}
