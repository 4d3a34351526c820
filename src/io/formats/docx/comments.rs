//! Word's own comments (`word/comments.xml`): who wrote each, when, and
//! what; the text each is anchored to comes from the body's
//! `w:commentRangeStart` / `w:commentRangeEnd` (see [`super::body`]).

use super::DocxError;
use super::xml::{Ev, attr, local, walk};

/// A comment as the file holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordComment {
    /// Its id in the file.
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When (as the file says it, ISO 8601), or empty.
    pub date: String,
    /// The commented text in the body (empty when the comment marks a point).
    pub quote: String,
    /// The comment's text (its paragraphs joined by line breaks).
    pub body: String,
}

/// Reads `word/comments.xml` (quotes are filled in from the body).
pub fn parse(xml: &str) -> Result<Vec<WordComment>, DocxError> {
    let mut out: Vec<WordComment> = Vec::new();
    let mut current: Option<WordComment> = None;
    let mut in_text = false;
    let mut deleted = 0usize;
    walk("word/comments.xml", xml, |ev| {
        match ev {
            Ev::Open(e, _) => match local(&e).as_str() {
                "comment" => {
                    current = Some(WordComment {
                        id: attr(&e, "id").unwrap_or_default(),
                        author: attr(&e, "author").unwrap_or_default(),
                        date: attr(&e, "date").unwrap_or_default(),
                        ..WordComment::default()
                    })
                }
                "p" => {
                    if let Some(c) = current.as_mut()
                        && !c.body.is_empty()
                    {
                        c.body.push('\n');
                    }
                }
                "t" => in_text = deleted == 0,
                "del" => deleted += 1,
                _ => {}
            },
            Ev::Close(name) => match name.as_str() {
                "comment" => out.extend(current.take()),
                "t" => in_text = false,
                "del" => deleted = deleted.saturating_sub(1),
                _ => {}
            },
            Ev::Text(t) => {
                if in_text && let Some(c) = current.as_mut() {
                    c.body.push_str(&t);
                }
            }
        }
        Ok(())
    })?;
    for c in &mut out {
        c.body = c.body.trim().to_owned();
    }
    Ok(out)
}
