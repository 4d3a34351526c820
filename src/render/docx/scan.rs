//! The paragraphs of a Word body as the splice needs them: each outermost
//! `<w:p>` with its byte range, the range of its content after `<w:pPr>`,
//! its runs (formatting XML and text, tabs and breaks as characters), the
//! bookmarks to keep, and whether it holds only plain runs.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// A body paragraph: its place in document.xml and what it says.
pub struct Paragraph {
    /// Byte range of its content after `<w:pPr>` (or after the start tag).
    pub inner: std::ops::Range<usize>,
    /// Its runs: formatting (`<w:rPr>` XML) and text.
    pub runs: Vec<(String, String)>,
    /// Bookmarks and other marks kept when the paragraph is rebuilt.
    pub keep: String,
    /// Only plain runs: can be rebuilt.
    pub simple: bool,
}

impl Paragraph {
    /// The text of its runs.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.1.as_str()).collect()
    }
}

/// The body's paragraphs (outermost `<w:p>` elements, tables' included).
pub fn paragraphs(body: &str) -> Vec<Paragraph> {
    let mut r = Reader::from_str(body);
    let mut out = Vec::new();
    let mut depth_p = 0;
    let mut cur: Option<Paragraph> = None;
    let mut in_run = false;
    let mut in_rpr: Option<usize> = None;
    let mut rpr = String::new();
    let mut in_t = false;
    let mut nested = 0; // elements inside a run other than the plain ones
    let mut in_ppr = false;
    loop {
        let before = r.buffer_position() as usize;
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        let after = r.buffer_position() as usize;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = qname(e);
                if name == "w:p" {
                    if depth_p == 0 && !empty {
                        cur = Some(Paragraph {
                            inner: after..after,
                            runs: Vec::new(),
                            keep: String::new(),
                            simple: true,
                        });
                    } else if let Some(p) = cur.as_mut() {
                        p.simple = false;
                    }
                    if !empty {
                        depth_p += 1;
                    }
                    continue;
                }
                let Some(p) = cur.as_mut() else { continue };
                if depth_p > 1 || in_ppr {
                    continue;
                }
                match name.as_str() {
                    "w:pPr" if !in_run => {
                        if empty {
                            p.inner = after..after;
                        } else {
                            in_ppr = true;
                        }
                    }
                    "w:r" if !in_run => {
                        if !empty {
                            in_run = true;
                            rpr.clear();
                            p.runs.push((String::new(), String::new()));
                        }
                    }
                    "w:rPr" if in_run && in_rpr.is_none() => {
                        if empty {
                            rpr.push_str(&body[before..after]);
                        } else {
                            in_rpr = Some(before);
                        }
                    }
                    _ if in_rpr.is_some() => {}
                    "w:t" if in_run => in_t = !empty,
                    "w:tab" if in_run => push_run(p, &rpr, "\t"),
                    "w:br" | "w:cr" if in_run => push_run(p, &rpr, "\n"),
                    "w:lastRenderedPageBreak" | "w:softHyphen" if in_run => {}
                    "w:bookmarkStart" | "w:bookmarkEnd" | "w:proofErr" if !in_run => {
                        if name != "w:proofErr" {
                            p.keep.push_str(&body[before..after]);
                        }
                    }
                    _ => {
                        p.simple = false;
                        if !empty && in_run {
                            nested += 1;
                        }
                    }
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned();
                if name == "w:p" {
                    depth_p -= 1;
                    if depth_p == 0
                        && let Some(mut p) = cur.take()
                    {
                        p.inner.end = before;
                        out.push(p);
                    }
                    continue;
                }
                if depth_p != 1 {
                    continue;
                }
                match name.as_str() {
                    "w:pPr" => {
                        in_ppr = false;
                        if let Some(p) = cur.as_mut() {
                            p.inner = after..after;
                        }
                    }
                    _ if in_ppr => {}
                    "w:rPr" if in_rpr.is_some() => {
                        if let Some(s) = in_rpr.take() {
                            rpr.push_str(&body[s..after]);
                        }
                    }
                    "w:t" => in_t = false,
                    "w:r" if nested == 0 => {
                        in_run = false;
                        if let Some(p) = cur.as_mut()
                            && let Some(last) = p.runs.last_mut()
                        {
                            last.0 = rpr.clone();
                        }
                    }
                    _ if nested > 0 && in_run => nested -= 1,
                    _ => {}
                }
            }
            Event::Text(t) if in_t && depth_p == 1 => {
                if let Some(p) = cur.as_mut() {
                    let text = t.clone().into_inner().into_owned();
                    push_run(p, &rpr, &text);
                }
            }
            Event::GeneralRef(g) if in_t && depth_p == 1 => {
                let text = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*g.clone().into_inner() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                if let Some(p) = cur.as_mut() {
                    push_run(p, &rpr, &text);
                }
            }
            _ => {}
        }
    }
    out
}

fn qname(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned()
}

/// Adds text to the paragraph's last run.
fn push_run(p: &mut Paragraph, rpr: &str, text: &str) {
    match p.runs.last_mut() {
        Some(last) => {
            last.0 = rpr.to_owned();
            last.1.push_str(text);
        }
        None => p.runs.push((rpr.to_owned(), text.to_owned())),
    }
}
