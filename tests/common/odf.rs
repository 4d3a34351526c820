//! Reading LibreOffice's flat ODF (`soffice --convert-to fodt`) of a
//! document we wrote: an independent reader's view of its comments, tracked
//! changes, and its text with every change accepted or every change
//! rejected.
#![allow(dead_code)]

use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;

/// A comment as LibreOffice read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// Its author.
    pub creator: String,
    /// Its date.
    pub date: String,
    /// Its text.
    pub body: String,
    /// The text it marks.
    pub anchored: String,
}

/// A tracked change as LibreOffice read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `insertion` or `deletion` (or `format-change`).
    pub kind: String,
    /// Its author.
    pub creator: String,
    /// Deleted text (for deletions).
    pub text: String,
}

/// What LibreOffice read.
#[derive(Debug, Default)]
pub struct Odf {
    /// Comments in document order.
    pub annotations: Vec<Annotation>,
    /// Tracked changes by id.
    pub changes: HashMap<String, Change>,
    /// The body's paragraphs with every change accepted.
    pub accepted: Vec<String>,
    /// The body's paragraphs with every change rejected.
    pub rejected: Vec<String>,
}

fn local(name: &str) -> String {
    name.to_owned()
}

fn attr(e: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Reads a .fodt.
pub fn read(fodt: &str) -> Odf {
    let mut odf = Odf::default();
    // First pass: the tracked changes' regions.
    {
        let mut r = Reader::from_str(fodt);
        let mut id: Option<String> = None;
        let mut kind = String::new();
        let mut creator = String::new();
        let mut text = String::new();
        let mut in_creator = false;
        let mut in_info = false;
        let mut paras = 0;
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) => match local(e.name().as_ref()).as_str() {
                    "text:changed-region" => {
                        id = attr(&e, "text:id").or_else(|| attr(&e, "xml:id"));
                        kind.clear();
                        creator.clear();
                        text.clear();
                        paras = 0;
                    }
                    "text:insertion" | "text:deletion" | "text:format-change" if id.is_some() => {
                        kind = local(e.name().as_ref())
                            .trim_start_matches("text:")
                            .to_owned();
                    }
                    "office:change-info" => in_info = true,
                    "dc:creator" if in_info => in_creator = true,
                    "text:p" | "text:h" if id.is_some() && !in_info => {
                        if paras > 0 {
                            text.push('\n');
                        }
                        paras += 1;
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => match local(e.name().as_ref()).as_str() {
                    "text:changed-region" => {
                        if let Some(i) = id.take() {
                            odf.changes.insert(
                                i,
                                Change {
                                    kind: kind.clone(),
                                    creator: creator.clone(),
                                    text: text.clone(),
                                },
                            );
                        }
                    }
                    "office:change-info" => in_info = false,
                    "dc:creator" => in_creator = false,
                    _ => {}
                },
                Ok(Event::Text(t)) => {
                    let t = t.into_inner().into_owned();
                    if in_creator {
                        creator.push_str(&t);
                    } else if id.is_some() && !in_info {
                        text.push_str(&t);
                    }
                }
                Ok(Event::GeneralRef(g)) if id.is_some() && !in_info && !in_creator => {
                    text.push_str(&entity(&g));
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    // Second pass: the body.
    let mut r = Reader::from_str(fodt);
    let mut in_body = false;
    let mut skip = 0; // inside tracked-changes or an annotation's own text
    // Tracked changes open at this point of the body: "kind:id".
    let mut open_changes: Vec<String> = Vec::new();
    let (mut acc, mut rej) = (String::new(), String::new());
    let mut open_annotations: HashMap<String, usize> = HashMap::new();
    let mut ann_field: Option<&'static str> = None;
    let mut current: Option<Annotation> = None;
    let mut current_name = String::new();
    let mut in_para = false;
    let mut deleted: HashMap<String, String> = HashMap::new();
    loop {
        let ev = r.read_event();
        match ev {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e)) => {
                let name = local(e.name().as_ref());
                let empty = matches!(ev, Ok(Event::Empty(_)));
                match name.as_str() {
                    "office:text" => in_body = true,
                    "text:tracked-changes" if !empty => skip += 1,
                    "office:annotation" if !empty => {
                        skip += 1;
                        current_name = attr(e, "office:name").unwrap_or_default();
                        current = Some(Annotation {
                            creator: String::new(),
                            date: String::new(),
                            body: String::new(),
                            anchored: String::new(),
                        });
                    }
                    "dc:creator" if current.is_some() => ann_field = Some("creator"),
                    "dc:date" if current.is_some() => ann_field = Some("date"),
                    "text:p" | "text:h" if current.is_some() && skip == 1 => {
                        if let Some(a) = current.as_mut()
                            && !a.body.is_empty()
                        {
                            a.body.push('\n');
                        }
                    }
                    "office:annotation-end" => {
                        let n = attr(e, "office:name").unwrap_or_default();
                        open_annotations.remove(&n);
                    }
                    "text:p" | "text:h" if in_body && skip == 0 && !empty => {
                        in_para = true;
                        acc.clear();
                        rej.clear();
                    }
                    "text:change-start" if skip == 0 => {
                        // LibreOffice 7 keeps deleted text in the body
                        // between the marks, inserted text likewise.
                        if let Some(id) = attr(e, "text:change-id") {
                            let kind = odf
                                .changes
                                .get(&id)
                                .map(|c| c.kind.clone())
                                .unwrap_or_default();
                            if kind == "deletion"
                                && let Some(c) = odf.changes.get_mut(&id)
                            {
                                c.text.clear();
                            }
                            open_changes.push(format!("{kind}:{id}"));
                        }
                    }
                    "text:change-end" if skip == 0 => {
                        if let Some(id) = attr(e, "text:change-id") {
                            open_changes.retain(|i| !i.ends_with(&format!(":{id}")));
                        }
                    }
                    "text:change" if skip == 0 => {
                        if let Some(c) =
                            attr(e, "text:change-id").and_then(|id| odf.changes.get(&id))
                            && c.kind == "deletion"
                        {
                            rej.push_str(&c.text);
                        }
                    }
                    "text:s" if skip == 0 && in_para => {
                        let n: usize = attr(e, "text:c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        push(
                            &mut acc,
                            &mut rej,
                            &open_changes,
                            &" ".repeat(n),
                            &mut odf_anchor(&mut odf, &open_annotations),
                        );
                    }
                    "text:tab" if skip == 0 && in_para => {
                        push(
                            &mut acc,
                            &mut rej,
                            &open_changes,
                            "\t",
                            &mut odf_anchor(&mut odf, &open_annotations),
                        );
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) => match local(e.name().as_ref()).as_str() {
                "text:tracked-changes" => skip -= 1,
                "office:annotation" => {
                    skip -= 1;
                    if let Some(a) = current.take() {
                        odf.annotations.push(a);
                        open_annotations.insert(current_name.clone(), odf.annotations.len() - 1);
                    }
                }
                "dc:creator" | "dc:date" => ann_field = None,
                "text:p" | "text:h" if in_para && skip == 0 => {
                    in_para = false;
                    odf.accepted.push(std::mem::take(&mut acc));
                    odf.rejected.push(std::mem::take(&mut rej));
                }
                _ => {}
            },
            // Text and entity references are the same text: one path, so
            // an entity in a name, a comment or deleted text is not lost.
            Ok(Event::Text(_)) | Ok(Event::GeneralRef(_)) => {
                let t = match ev {
                    Ok(Event::Text(t)) => t.into_inner().into_owned(),
                    Ok(Event::GeneralRef(g)) => entity(&g),
                    _ => String::new(),
                };
                if let Some(a) = current.as_mut() {
                    match ann_field {
                        Some("creator") => a.creator.push_str(&t),
                        Some("date") => a.date.push_str(&t),
                        _ => a.body.push_str(&t),
                    }
                } else if skip == 0 && in_para {
                    push(
                        &mut acc,
                        &mut rej,
                        &open_changes,
                        &t,
                        &mut odf_anchor(&mut odf, &open_annotations),
                    );
                    for id in open_changes
                        .iter()
                        .filter_map(|o| o.strip_prefix("deletion:"))
                    {
                        deleted.entry(id.to_owned()).or_default().push_str(&t);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    for (id, text) in deleted {
        if let Some(c) = odf.changes.get_mut(&id) {
            c.text = text;
        }
    }
    odf
}

fn entity(g: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        return c.to_string();
    }
    match &*g.clone().into_inner() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        other => other
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default(),
    }
}

/// The annotations open at this point (their anchored text grows).
fn odf_anchor<'a>(odf: &'a mut Odf, open: &HashMap<String, usize>) -> Vec<&'a mut Annotation> {
    let idx: Vec<usize> = open.values().copied().collect();
    odf.annotations
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| idx.contains(i))
        .map(|(_, a)| a)
        .collect()
}

/// Text of the body: kept when accepted unless inside a deletion, kept when
/// rejected unless inside an insertion; a comment's marked text is what is
/// there when every change is accepted.
fn push(
    acc: &mut String,
    rej: &mut String,
    open: &[String],
    t: &str,
    anchors: &mut [&mut Annotation],
) {
    let deleting = open.iter().any(|o| o.starts_with("deletion:"));
    let open_changes = open.iter().any(|o| o.starts_with("insertion:"));
    if !deleting {
        acc.push_str(t);
        for a in anchors.iter_mut() {
            a.anchored.push_str(t);
        }
    }
    if !open_changes {
        rej.push_str(t);
    }
}
