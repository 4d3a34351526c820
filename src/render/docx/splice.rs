//! A reviewed Word document written back as itself: a copy of the package,
//! entry by entry, with comments and tracked changes laid into
//! `word/document.xml` at the text they concern, the comments appended to
//! `word/comments.xml` (created, with its relationship and content type,
//! when the document has none). Every other part is copied unchanged, and
//! the document's own comments and tracked changes stay.
//!
//! A paragraph of plain runs (text, tabs, breaks, bookmarks) is rebuilt run
//! by run with the marks in it, each piece keeping its run's formatting. A
//! paragraph holding more (fields, drawings, hyperlinks, earlier changes)
//! is left as it is: a comment goes around the whole paragraph, and a
//! suggestion in it becomes a comment giving the proposed wording.

use super::WordComment;
use super::scan::{Paragraph, paragraphs};
use super::xml::escape;
use std::fmt::Write as _;
use std::io::{Read, Write};
use zip::write::SimpleFileOptions;

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A quoted stretch with a little text around it (as review comments
    /// are anchored).
    Quote {
        /// The text.
        quote: String,
        /// Text before it.
        prefix: String,
        /// Text after it.
        suffix: String,
        /// The line of the extracted text it is on: the paragraph to take
        /// when the quote is not in the runs (it spans a numbering label).
        line: String,
    },
    /// The paragraph a line of the extracted text shows (the line may
    /// carry a numbering label the paragraph's runs do not).
    Line(String),
    /// The first paragraph with text (the title).
    First,
}

/// A note to lay in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A Word comment.
    Comment(WordComment),
    /// A tracked replacement of the quote.
    Change {
        /// The proposed wording.
        replacement: String,
        /// Who.
        author: String,
        /// When (RFC 3339).
        date: String,
        /// The suggestion's id in the review file.
        origin: String,
    },
}

/// Why the document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SpliceError {
    /// The package could not be read again.
    #[error("the Word document could not be read again ({0})")]
    Package(String),
}

/// The most bytes a part read here may take.
const MAX_PART: u64 = 64 << 20;

/// Writes `package` with `notes` laid in. Returns the new package and the
/// indices of notes that found no place (or became comments instead of
/// tracked changes: their text was in a paragraph that is not rebuilt).
pub fn splice(
    package: &[u8],
    notes: &[(Target, Note)],
) -> Result<(Vec<u8>, Vec<usize>), SpliceError> {
    let bad = |e: &dyn std::fmt::Display| SpliceError::Package(e.to_string());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(|e| bad(&e))?;
    let mut part = |name: &str| -> Result<Option<String>, SpliceError> {
        let Ok(f) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut s = String::new();
        f.take(MAX_PART)
            .read_to_string(&mut s)
            .map_err(|e| bad(&e))?;
        Ok(Some(s))
    };
    let body = part("word/document.xml")?.ok_or_else(|| bad(&"no word/document.xml"))?;
    let comments_xml = part("word/comments.xml")?;
    let types = part("[Content_Types].xml")?.unwrap_or_default();
    let rels = part("word/_rels/document.xml.rels")?.unwrap_or_default();
    let root_rels = part("_rels/.rels")?.unwrap_or_default();
    let custom = part("docProps/custom.xml")?;

    let paras = paragraphs(&body);
    let texts: Vec<String> = paras.iter().map(Paragraph::text).collect();
    // Ids above every id in use.
    let mut next_comment = max_id(comments_xml.as_deref().unwrap_or("")) + 1;
    let mut next_change = max_id(&body).max(next_comment) + 1000;

    // Each note's paragraph and (for quotes) character range in it.
    let mut per_para: Vec<Vec<Laid>> = vec![Vec::new(); paras.len()];
    let mut new_comments: Vec<(usize, WordComment)> = Vec::new();
    let mut unplaced = Vec::new();
    for (k, (target, note)) in notes.iter().enumerate() {
        let place = match target {
            Target::Quote {
                quote,
                prefix,
                suffix,
                line,
            } => find_quote(&texts, quote, prefix, suffix)
                .or_else(|| find_line(&texts, line).map(|i| (i, 0..texts[i].chars().count()))),
            Target::Line(line) => find_line(&texts, line).map(|i| (i, 0..texts[i].chars().count())),
            Target::First => texts
                .iter()
                .position(|t| !t.trim().is_empty())
                .map(|i| (i, 0..texts[i].chars().count())),
        };
        // What finds no place goes on the title, as a comment: never lost.
        let first = texts.iter().position(|t| !t.trim().is_empty());
        let (i, mut range, whole) = match (place, first) {
            (Some((i, r)), _) => (i, r, !paras[i].simple),
            (None, Some(f)) => (f, 0..texts[f].chars().count(), true),
            (None, None) => {
                unplaced.push(k);
                continue;
            }
        };
        let is_change = matches!(note, Note::Change { .. });
        if whole {
            // The whole paragraph carries it, as a comment.
            range = 0..texts[i].chars().count();
            if is_change {
                unplaced.push(k);
            }
        } else if is_change
            && per_para[i]
                .iter()
                .any(|(_, r, _, change)| *change && r.start < range.end && range.start < r.end)
        {
            unplaced.push(k);
            continue;
        }
        let id = match note {
            Note::Change { .. } if !whole => {
                next_change += 2;
                next_change - 2
            }
            Note::Change {
                replacement,
                author,
                date,
                origin,
            } => {
                let quote: String = texts[i]
                    .chars()
                    .skip(range.start)
                    .take(range.len())
                    .collect();
                new_comments.push((
                    next_comment,
                    WordComment {
                        author: author.clone(),
                        date: date.clone(),
                        body: vec![format!("建议将“{quote}”改为“{replacement}”")],
                        origin: Some(origin.clone()),
                    },
                ));
                next_comment += 1;
                next_comment - 1
            }
            Note::Comment(c) => {
                new_comments.push((next_comment, c.clone()));
                next_comment += 1;
                next_comment - 1
            }
        };
        per_para[i].push((k, range, id, is_change && !whole));
    }

    // The new body.
    let mut out = String::with_capacity(body.len() + notes.len() * 300);
    let mut change_origins: Vec<(String, String)> = Vec::new();
    let mut at = 0;
    for (p, marks) in paras.iter().zip(&per_para) {
        if marks.is_empty() {
            continue;
        }
        out.push_str(&body[at..p.inner.start]);
        if p.simple {
            rebuild(
                &mut out,
                p,
                marks,
                notes,
                &mut next_change,
                &mut change_origins,
            );
            at = p.inner.end;
        } else {
            for (_, _, id, _) in marks {
                let _ = write!(out, "<w:commentRangeStart w:id=\"{id}\"/>");
            }
            out.push_str(&body[p.inner.clone()]);
            for (_, _, id, _) in marks {
                let _ = write!(out, "{}", comment_end(*id));
            }
            at = p.inner.end;
        }
    }
    out.push_str(&body[at..]);

    // The comments part.
    let mut comment_xml = String::new();
    for (id, c) in &new_comments {
        comment_xml.push_str(&one_comment(*id, c));
    }
    let comments_part = match &comments_xml {
        Some(existing) => match existing.rfind("</w:comments>") {
            Some(end) => format!("{}{comment_xml}{}", &existing[..end], &existing[end..]),
            None => existing.clone(),
        },
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{comment_xml}</w:comments>"
        ),
    };
    let add_comments = comments_xml.is_none() && !new_comments.is_empty();
    let types = if add_comments && !types.contains("/word/comments.xml") {
        types.replacen(
            "</Types>",
            "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>",
            1,
        )
    } else {
        types
    };
    let rels = if add_comments && !rels.contains("comments.xml") {
        rels.replacen(
            "</Relationships>",
            "<Relationship Id=\"rIdReportbenchComments\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/></Relationships>",
            1,
        )
    } else {
        rels
    };

    // Which review comment or suggestion each new comment was written from:
    // a custom property (added to the document's own, or a new part).
    let ids: Vec<(String, String)> = new_comments
        .iter()
        .filter_map(|(id, c)| c.origin.clone().map(|o| (id.to_string(), o)))
        .chain(change_origins)
        .collect();
    let add_custom = custom.is_none() && !ids.is_empty();
    let custom_part = match &custom {
        Some(existing) if !ids.is_empty() => {
            let pid = max_attr(existing, "pid=\"").max(1) + 1;
            match existing.rfind("</Properties>") {
                Some(end) => format!(
                    "{}{}{}",
                    &existing[..end],
                    super::xml::ids_element(pid, &ids),
                    &existing[end..]
                ),
                None => existing.clone(),
            }
        }
        Some(existing) => existing.clone(),
        None => super::xml::custom_properties(&ids),
    };
    let types = if add_custom && !types.contains("/docProps/custom.xml") {
        types.replacen(
            "</Types>",
            &format!("{}</Types>", super::xml::CUSTOM_TYPE),
            1,
        )
    } else {
        types
    };
    let root_rels = if add_custom && !root_rels.contains("docProps/custom.xml") {
        root_rels.replacen(
            "</Relationships>",
            &format!("{}</Relationships>", super::xml::CUSTOM_REL),
            1,
        )
    } else {
        root_rels
    };

    // The package: changed parts rewritten, the rest copied as they were.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let changed: Vec<(&str, &str)> = vec![
        ("word/document.xml", out.as_str()),
        ("word/comments.xml", comments_part.as_str()),
        ("[Content_Types].xml", types.as_str()),
        ("word/_rels/document.xml.rels", rels.as_str()),
        ("_rels/.rels", root_rels.as_str()),
        ("docProps/custom.xml", custom_part.as_str()),
    ];
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| bad(&e))?;
        let name = f.name().map_err(|e| bad(&e))?.into_owned();
        match changed.iter().find(|(n, _)| *n == name) {
            Some((_, _))
                if (name == "word/comments.xml" && new_comments.is_empty())
                    || (name == "docProps/custom.xml" && ids.is_empty()) =>
            {
                w.raw_copy_file(f).map_err(|e| bad(&e))?
            }
            Some((n, content)) => {
                drop(f);
                w.start_file(*n, opts).map_err(|e| bad(&e))?;
                w.write_all(content.as_bytes()).map_err(|e| bad(&e))?;
            }
            None => w.raw_copy_file(f).map_err(|e| bad(&e))?,
        }
    }
    if add_comments {
        w.start_file("word/comments.xml", opts)
            .map_err(|e| bad(&e))?;
        w.write_all(comments_part.as_bytes()).map_err(|e| bad(&e))?;
    }
    if add_custom {
        w.start_file("docProps/custom.xml", opts)
            .map_err(|e| bad(&e))?;
        w.write_all(custom_part.as_bytes()).map_err(|e| bad(&e))?;
    }
    let bytes = w.finish().map_err(|e| bad(&e))?.into_inner();
    Ok((bytes, unplaced))
}

/// A note laid in a paragraph: its index, character range, id, and
/// whether it is a tracked change (else a comment).
type Laid = (usize, std::ops::Range<usize>, usize, bool);

/// The end of comment `id`'s range and its reference mark.
fn comment_end(id: usize) -> String {
    format!(
        "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{id}\"/></w:r>"
    )
}

/// One `<w:comment>`.
fn one_comment(id: usize, c: &WordComment) -> String {
    let mut o = String::new();
    let initials: String = c.author.chars().take(1).collect();
    let _ = write!(
        o,
        "<w:comment w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\" w:initials=\"{}\">",
        escape(&c.author),
        escape(&c.date),
        escape(&initials)
    );
    for line in c.body.iter().flat_map(|b| b.split('\n')) {
        let _ = write!(
            o,
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(line)
        );
    }
    o.push_str("</w:comment>");
    o
}

/// The highest `w:id="N"` in `xml` (0 when none).
fn max_id(xml: &str) -> usize {
    max_attr(xml, "w:id=\"")
}

/// The highest number after `attr` (`w:id="`, `pid="`) in `xml`.
fn max_attr(xml: &str, attr: &str) -> usize {
    xml.match_indices(attr)
        .filter_map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest[..rest.find('"')?].parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0)
}

/// The paragraph and character range of a quote, the one with most of its
/// context around it.
fn find_quote(
    texts: &[String],
    quote: &str,
    prefix: &str,
    suffix: &str,
) -> Option<(usize, std::ops::Range<usize>)> {
    if quote.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, t) in texts.iter().enumerate() {
        for (b, _) in t.match_indices(quote) {
            let before: String = t[..b]
                .chars()
                .rev()
                .zip(prefix.chars().rev())
                .take_while(|(x, y)| x == y)
                .map(|x| x.0)
                .collect();
            let after = t[b + quote.len()..]
                .chars()
                .zip(suffix.chars())
                .take_while(|(x, y)| x == y)
                .count();
            let score = before.chars().count() + after;
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, i, b));
            }
        }
    }
    let (_, i, b) = best?;
    let start = texts[i][..b].chars().count();
    Some((i, start..start + quote.chars().count()))
}

/// The paragraph a line of the extracted text shows: its text, or its
/// text after a numbering label.
fn find_line(texts: &[String], line: &str) -> Option<usize> {
    let line = line.trim();
    texts.iter().position(|t| {
        let t = t.trim();
        !t.is_empty() && (t == line || (line.ends_with(t) && line.len() - t.len() <= 24))
    })
}

/// A plain paragraph's runs again, with its marks laid in; tracked-change
/// ids are taken from `ids`.
fn rebuild(
    out: &mut String,
    p: &Paragraph,
    marks: &[Laid],
    notes: &[(Target, Note)],
    ids: &mut usize,
    origins: &mut Vec<(String, String)>,
) {
    out.push_str(&p.keep);
    // Boundaries in characters: ends before starts at one place.
    let mut at: Vec<(usize, u8, usize, bool)> = Vec::new(); // (pos, order, mark, start?)
    for (m, (_, r, _, _)) in marks.iter().enumerate() {
        at.push((r.start, 1, m, true));
        at.push((r.end, 0, m, false));
    }
    at.sort_by_key(|a| (a.0, a.1));
    // The change being deleted: its author and date.
    let mut deleting: Option<(&str, &str)> = None;
    let mut pos = 0;
    let mut next = 0;
    let empty = (String::new(), String::new());
    let runs = if p.runs.is_empty() {
        std::slice::from_ref(&empty)
    } else {
        &p.runs[..]
    };
    for (n, (rpr, text)) in runs.iter().enumerate() {
        let chars: Vec<char> = text.chars().collect();
        let run_end = pos + chars.len();
        let last_run = n + 1 == runs.len();
        let mut from = 0;
        while let Some(&(stop, _, m, start)) = at.get(next) {
            if stop > run_end && !last_run {
                break;
            }
            let cut = stop.min(run_end).saturating_sub(pos).max(from);
            write_piece(out, rpr, &chars[from..cut], deleting, ids);
            from = cut;
            let (k, _, id, change) = &marks[m];
            match (&notes[*k].1, start) {
                (_, true) if !change => {
                    let _ = write!(out, "<w:commentRangeStart w:id=\"{id}\"/>");
                }
                (_, false) if !change => out.push_str(&comment_end(*id)),
                (Note::Comment(_), _) => {}
                (
                    Note::Change {
                        author,
                        date,
                        origin,
                        ..
                    },
                    true,
                ) => {
                    // Its first deletion takes the next id.
                    origins.push((format!("change-{}", *ids), origin.clone()));
                    deleting = Some((author, date));
                }
                (
                    Note::Change {
                        replacement,
                        author,
                        date,
                        origin,
                    },
                    false,
                ) => {
                    deleting = None;
                    if !replacement.is_empty() {
                        origins.push((format!("change-{}", *ids), origin.clone()));
                        let _ = write!(
                            out,
                            "<w:ins w:id=\"{}\" w:author=\"{}\" w:date=\"{}\">",
                            *ids,
                            escape(author),
                            escape(date)
                        );
                        *ids += 1;
                        write_piece(
                            out,
                            rpr,
                            &replacement.chars().collect::<Vec<_>>(),
                            None,
                            ids,
                        );
                        out.push_str("</w:ins>");
                    }
                }
            }
            next += 1;
        }
        write_piece(out, rpr, &chars[from..], deleting, ids);
        pos = run_end;
    }
}

/// A run of `chars` with `rpr`; inside a tracked deletion by `deleting`.
fn write_piece(
    out: &mut String,
    rpr: &str,
    chars: &[char],
    deleting: Option<(&str, &str)>,
    ids: &mut usize,
) {
    if chars.is_empty() {
        return;
    }
    let t = if deleting.is_some() {
        "w:delText"
    } else {
        "w:t"
    };
    if let Some((author, date)) = deleting {
        let _ = write!(
            out,
            "<w:del w:id=\"{}\" w:author=\"{}\" w:date=\"{}\">",
            *ids,
            escape(author),
            escape(date)
        );
        *ids += 1;
    }
    let text: String = chars.iter().collect();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{rpr}<w:br/></w:r>");
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                let _ = write!(out, "<w:r>{rpr}<w:tab/></w:r>");
            }
            if !part.is_empty() {
                let _ = write!(
                    out,
                    "<w:r>{rpr}<{t} xml:space=\"preserve\">{}</{t}></w:r>",
                    escape(part)
                );
            }
        }
    }
    if deleting.is_some() {
        out.push_str("</w:del>");
    }
}
