//! The body of a .docx (`word/document.xml`, and the notes parts, which
//! have the same shape): paragraphs in order with their numbering labels,
//! table rows as lines of cells, the accepted view of tracked changes, and
//! the order in which footnotes and endnotes are referenced.

use super::DocxError;
use super::numbering::Numbering;
use super::styles::Styles;
use super::tracked::{TrackedChange, Tracking};
use super::xml::{Ev, attr, attr_num, local, walk};
use std::collections::HashSet;

/// A comment's quote is cut here (a comment over the whole report).
pub(super) const MAX_QUOTE_BYTES: usize = 64 * 1024;

/// A line of the extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph: its label and text.
    Paragraph {
        /// Numbering label and text.
        text: String,
        /// Outline level from the paragraph or its styles (0 = level 1).
        outline: Option<u8>,
        /// Has a title style.
        title: bool,
    },
    /// A table row: its cells' text (a merged cell once).
    Row(Vec<String>),
}

/// What a walk of a story (the body, or a notes part) found.
#[derive(Debug, Default)]
pub struct Story {
    /// The lines, in order.
    pub blocks: Vec<Block>,
    /// Footnote ids in the order the text refers to them.
    pub footnotes: Vec<String>,
    /// Endnote ids likewise.
    pub endnotes: Vec<String>,
    /// Ids of unaccepted tracked changes (insertions, deletions, moves).
    pub changes: HashSet<String>,
    /// In a notes part: each note's id and lines.
    pub notes: Vec<(String, Vec<Block>)>,
    /// The text each Word comment is anchored to, by the comment's id.
    pub quotes: std::collections::HashMap<String, String>,
    /// The body's tracked changes in detail, in order.
    pub tracked: Vec<TrackedChange>,
}

#[derive(Default)]
struct Para {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    text: String,
}

/// Walks the story `xml` of part `part`: the body, or a notes part when
/// `notes_of` names the kind of note (`footnote`, `endnote`); then each
/// note's lines go to [`Story::notes`] and separators are left out.
pub fn read(
    part: &str,
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
    notes_of: Option<&str>,
) -> Result<Story, DocxError> {
    let mut story = Story::default();
    // Paragraphs being read: a text box's paragraphs open inside another's.
    let mut paras: Vec<Para> = Vec::new();
    // Table nesting: each open table's current row and cell.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Vec<String> = Vec::new();
    let mut depth_deleted = 0usize; // inside w:del / w:moveFrom
    let mut skip = 0usize; // inside something that is not the text
    let mut in_ppr = false;
    let mut in_text = false;
    // Comments whose range is open: the text read goes to their quotes too.
    let mut open_comments: Vec<String> = Vec::new();
    // Comments on a point (no range) in the paragraph being read: they
    // quote the paragraph.
    let mut point_comments: Vec<String> = Vec::new();
    // Notes parts: whether the element being read is a note (not a separator).
    let mut in_note = notes_of.is_none();
    // Tracked changes are read in detail in the body only.
    let mut tracking = notes_of.is_none().then(Tracking::default);
    walk(part, xml, |ev| {
        match ev {
            Ev::Open(e, _) => {
                let name = local(&e);
                if skip > 0 {
                    skip += 1;
                    return Ok(());
                }
                match name.as_str() {
                    "footnote" | "endnote" if notes_of == Some(name.as_str()) => {
                        // Separators (typed) are not notes.
                        in_note = matches!(attr(&e, "type").as_deref(), None | Some("normal"));
                        if in_note {
                            story
                                .notes
                                .push((attr(&e, "id").unwrap_or_default(), Vec::new()));
                        }
                    }
                    // Properties of other things, old properties of a
                    // tracked formatting change, field codes, the fallback
                    // copy of a drawing: not text.
                    "rPr" | "pPrChange" | "rPrChange" | "sectPr" | "tblPr" | "tblGrid" | "trPr"
                    | "instrText" | "delInstrText" | "Fallback" => {
                        skip = 1;
                    }
                    "delText" => match tracking.as_mut() {
                        Some(t) if depth_deleted > 0 => t.in_deleted_text = true,
                        _ => skip = 1,
                    },
                    "ins" | "moveTo" => {
                        if let Some(id) = attr(&e, "id") {
                            story.changes.insert(id);
                        }
                        if let Some(t) = tracking.as_mut() {
                            let before = paras.last().map_or("", |p| p.text.as_str());
                            t.open(&mut story, &e, before, true);
                            t.inserting += 1;
                        }
                    }
                    "del" | "moveFrom" => {
                        if let Some(id) = attr(&e, "id") {
                            story.changes.insert(id);
                        }
                        if let Some(t) = tracking.as_mut() {
                            let before = paras.last().map_or("", |p| p.text.as_str());
                            t.open(&mut story, &e, before, false);
                        }
                        depth_deleted += 1;
                    }
                    "p" => paras.push(Para::default()),
                    "pPr" => in_ppr = true,
                    "pStyle" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(&e, "val");
                        }
                    }
                    "numId" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = attr(&e, "val");
                        }
                    }
                    "ilvl" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = attr_num(&e, "val");
                        }
                    }
                    "outlineLvl" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.outline = attr_num(&e, "val");
                        }
                    }
                    "t" => in_text = depth_deleted == 0,
                    "commentRangeStart" if notes_of.is_none() => {
                        if let Some(id) = attr(&e, "id") {
                            story.quotes.entry(id.clone()).or_default();
                            open_comments.push(id);
                        }
                    }
                    "commentReference" if notes_of.is_none() => {
                        if let Some(id) = attr(&e, "id")
                            && !story.quotes.contains_key(&id)
                        {
                            point_comments.push(id);
                        }
                    }
                    "commentRangeEnd" => {
                        if let Some(id) = attr(&e, "id") {
                            open_comments.retain(|o| *o != id);
                        }
                    }
                    "tab" | "ptab" if !in_ppr && depth_deleted == 0 => push(&mut paras, " "),
                    "br" | "cr" => {
                        let page = attr(&e, "type").is_some_and(|t| t == "page" || t == "column");
                        if !page && depth_deleted == 0 {
                            push(&mut paras, "\n");
                        } else if let (false, Some(t)) = (page, tracking.as_mut()) {
                            t.deleted(&mut story, "\n");
                        }
                    }
                    "noBreakHyphen" if depth_deleted == 0 => push(&mut paras, "-"),
                    "footnoteReference" if depth_deleted == 0 => {
                        story.footnotes.extend(attr(&e, "id"));
                    }
                    "endnoteReference" if depth_deleted == 0 => {
                        story.endnotes.extend(attr(&e, "id"));
                    }
                    "tbl" => rows.push(Vec::new()),
                    "tr" => {
                        if let Some(row) = rows.last_mut() {
                            row.clear();
                        }
                    }
                    "tc" => cell.push(String::new()),
                    _ => {}
                }
            }
            Ev::Close(name) => {
                if skip > 0 {
                    skip -= 1;
                    return Ok(());
                }
                match name.as_str() {
                    "del" | "moveFrom" => depth_deleted = depth_deleted.saturating_sub(1),
                    "ins" | "moveTo" => {
                        if let Some(t) = tracking.as_mut() {
                            t.inserting = t.inserting.saturating_sub(1);
                        }
                    }
                    "delText" => {
                        if let Some(t) = tracking.as_mut() {
                            t.in_deleted_text = false;
                        }
                    }
                    "footnote" | "endnote" if notes_of == Some(name.as_str()) => {
                        in_note = false;
                    }
                    "pPr" => in_ppr = false,
                    "t" => in_text = false,
                    "p" => {
                        if let Some(t) = tracking.as_mut() {
                            t.paragraph_end(&mut story);
                        }
                        // A quote that goes on past a paragraph: its lines.
                        for id in &open_comments {
                            if let Some(q) = story.quotes.get_mut(id)
                                && !q.is_empty()
                                && q.len() < MAX_QUOTE_BYTES
                            {
                                q.push('\n');
                            }
                        }
                        if let Some(p) = paras.last() {
                            let quote: String = p.text.trim().chars().take(200).collect();
                            for id in point_comments.drain(..) {
                                story.quotes.entry(id).or_insert_with(|| quote.clone());
                            }
                        }
                        if let Some(p) = paras.pop()
                            && in_note
                        {
                            let text = finish(p, styles, numbering);
                            if let Some(c) = cell.last_mut() {
                                if !c.is_empty() && !text.0.is_empty() {
                                    c.push(' ');
                                }
                                c.push_str(&text.0);
                            } else {
                                let block = Block::Paragraph {
                                    text: text.0,
                                    outline: text.1,
                                    title: text.2,
                                };
                                match story.notes.last_mut() {
                                    Some((_, blocks)) => blocks.push(block),
                                    None => story.blocks.push(block),
                                }
                            }
                        }
                    }
                    "tc" => {
                        let text = cell.pop().unwrap_or_default();
                        if let Some(outer) = cell.last_mut() {
                            // A table inside a cell: its text joins the cell.
                            if !outer.is_empty() && !text.is_empty() {
                                outer.push(' ');
                            }
                            outer.push_str(&text);
                        } else if let Some(row) = rows.last_mut() {
                            row.push(text);
                        }
                    }
                    "tr" => {
                        if cell.is_empty()
                            && let Some(row) = rows.last_mut()
                            && in_note
                        {
                            let block = Block::Row(std::mem::take(row));
                            match story.notes.last_mut() {
                                Some((_, blocks)) => blocks.push(block),
                                None => story.blocks.push(block),
                            }
                        }
                    }
                    "tbl" => {
                        rows.pop();
                    }
                    _ => {}
                }
            }
            Ev::Text(t) => {
                if let Some(k) = tracking.as_mut() {
                    if k.in_deleted_text {
                        k.deleted(&mut story, &t);
                    } else if in_text && skip == 0 {
                        let inserted = k.inserting > 0;
                        k.text(&mut story, &t, inserted);
                    }
                }
                if in_text && skip == 0 {
                    push(&mut paras, &t);
                    for id in &open_comments {
                        if let Some(q) = story.quotes.get_mut(id)
                            && q.len() < MAX_QUOTE_BYTES
                        {
                            q.push_str(&t);
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(story)
}

fn push(paras: &mut [Para], text: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(text);
    }
}

/// A paragraph's label and text, outline level and title flag.
fn finish(p: Para, styles: &Styles, numbering: &mut Numbering) -> (String, Option<u8>, bool) {
    let style = p.style.as_deref().or(styles.default_style());
    let inherited = style.map(|s| styles.inherited(s)).unwrap_or_default();
    let num_id = p.num_id.or(inherited.num_id);
    let label = num_id.as_deref().filter(|id| *id != "0").and_then(|id| {
        let ilvl = p
            .ilvl
            .or(inherited.ilvl)
            .or_else(|| style.and_then(|s| numbering.level_of_style(id, s)))
            .unwrap_or(0);
        numbering.next_label(id, ilvl)
    });
    let text = p.text.trim_end().to_owned();
    let text = match label {
        Some(l) if !l.is_empty() => format!("{l}{}", text.trim_start()),
        _ => text,
    };
    (text, p.outline.or(inherited.outline), inherited.title)
}
