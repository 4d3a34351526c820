//! Word documents out: a .docx package (in memory) of paragraphs made of
//! plain text, tracked insertions and deletions (修订, with author and date)
//! and ranges carrying Word comments (批注). The writer is pure: data in,
//! the package's bytes out. [`review`] builds a reviewed draft's document,
//! [`redline`] a year-over-year redline.

pub mod redline;
pub mod review;
mod scan;
pub mod splice;
mod xml;

use std::io::Write;
use zip::write::SimpleFileOptions;

/// A paragraph's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Body text.
    Normal,
    /// The document's title.
    Title,
    /// A heading of level 1–4 (Word's Heading 1–4, with outline levels).
    Heading(u8),
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// Text as it stands.
    Text(String),
    /// Text proposed for insertion (a tracked insertion).
    Ins {
        /// The text.
        text: String,
        /// Index into [`Doc::authors`].
        author: usize,
    },
    /// Text proposed for deletion (a tracked deletion).
    Del {
        /// The text.
        text: String,
        /// Index into [`Doc::authors`].
        author: usize,
    },
    /// Where the comment `n` (index into [`Doc::comments`]) starts.
    CommentStart(usize),
    /// Where it ends (its reference mark follows).
    CommentEnd(usize),
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Its style.
    pub style: Style,
    /// Its pieces, in order.
    pub segs: Vec<Seg>,
    /// The paragraph itself added or removed as a tracked change (so that
    /// accepting or rejecting leaves no empty paragraph behind).
    pub mark: Option<ParaMark>,
}

/// A paragraph added or removed as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaMark {
    /// Added by the author (index into [`Doc::authors`]).
    Inserted(usize),
    /// Removed by the author.
    Deleted(usize),
}

/// A Word comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordComment {
    /// Who.
    pub author: String,
    /// When (RFC 3339, as stored).
    pub date: String,
    /// Its paragraphs (the body, then replies as "who: text").
    pub body: Vec<String>,
    /// The review comment or suggestion it was written from (kept in the
    /// package's custom properties, so that reading it back knows it).
    pub origin: Option<String>,
}

/// Who made a tracked change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The name.
    pub name: String,
    /// When (RFC 3339).
    pub date: String,
    /// The review suggestion its changes were written from (kept in the
    /// package's custom properties, so that reading it back knows it).
    pub origin: Option<String>,
}

/// A document to write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// Body paragraphs.
    pub paras: Vec<Para>,
    /// Comments, referred to by index.
    pub comments: Vec<WordComment>,
    /// Authors of tracked changes, referred to by index.
    pub authors: Vec<Author>,
}

impl Doc {
    /// The author index for `name` at `date`, added when new.
    pub fn author(&mut self, name: &str, date: &str) -> usize {
        match self
            .authors
            .iter()
            .position(|a| a.name == name && a.date == date && a.origin.is_none())
        {
            Some(i) => i,
            None => {
                self.authors.push(Author {
                    name: name.to_owned(),
                    date: date.to_owned(),
                    origin: None,
                });
                self.authors.len() - 1
            }
        }
    }

    /// An author index of its own for the changes of review suggestion
    /// `origin`.
    pub fn suggestion_author(&mut self, name: &str, date: &str, origin: &str) -> usize {
        self.authors.push(Author {
            name: name.to_owned(),
            date: date.to_owned(),
            origin: Some(origin.to_owned()),
        });
        self.authors.len() - 1
    }

    /// Adds a comment; returns its index.
    pub fn comment(&mut self, c: WordComment) -> usize {
        self.comments.push(c);
        self.comments.len() - 1
    }

    /// The .docx package.
    pub fn to_docx(&self) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let opts =
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            let with_comments = !self.comments.is_empty();
            let (document, change_ids) = xml::document(self);
            let ids: Vec<(String, String)> = self
                .comments
                .iter()
                .enumerate()
                .filter_map(|(n, c)| c.origin.clone().map(|o| (n.to_string(), o)))
                .chain(change_ids)
                .collect();
            let with_custom = !ids.is_empty();
            let parts: Vec<(&str, String)> = vec![
                (
                    "[Content_Types].xml",
                    xml::content_types(with_comments, with_custom),
                ),
                ("_rels/.rels", xml::root_rels(with_custom)),
                (
                    "word/_rels/document.xml.rels",
                    xml::document_rels(with_comments),
                ),
                ("word/styles.xml", xml::STYLES.to_owned()),
                ("word/settings.xml", xml::SETTINGS.to_owned()),
                ("word/document.xml", document),
            ];
            let extra = [
                with_comments.then(|| ("word/comments.xml", xml::comments(self))),
                with_custom.then(|| ("docProps/custom.xml", xml::custom_properties(&ids))),
            ];
            for (name, body) in parts.into_iter().chain(extra.into_iter().flatten()) {
                // Writing to memory cannot fail short of allocation.
                let _ = z.start_file(name, opts);
                let _ = z.write_all(body.as_bytes());
            }
            let _ = z.finish();
        }
        out.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_holds_its_parts_and_escapes_what_it_writes() {
        let mut d = Doc::default();
        let a = d.author("李律师 <审核>", "2025-03-01T09:35:00+08:00");
        let c = d.comment(WordComment {
            author: "李律师".into(),
            date: "2025-03-01T09:30:00+08:00".into(),
            body: vec!["请核对 & 补充".into()],
            origin: None,
        });
        d.paras.push(Para {
            mark: None,
            style: Style::Heading(1),
            segs: vec![
                Seg::CommentStart(c),
                Seg::Text("一、主要举措\u{1b}[31m".into()),
                Seg::CommentEnd(c),
                Seg::Del {
                    text: "35".into(),
                    author: a,
                },
                Seg::Ins {
                    text: "38".into(),
                    author: a,
                },
            ],
        });
        let bytes = d.to_docx();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut doc = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut doc)
            .unwrap();
        assert!(doc.contains("李律师 &lt;审核&gt;"), "{doc}");
        assert!(!doc.contains('\u{1b}'), "{doc}");
        assert!(
            doc.contains("<w:delText xml:space=\"preserve\">35</w:delText>"),
            "{doc}"
        );
        assert!(doc.contains("<w:commentReference w:id=\"0\"/>"), "{doc}");
        let mut comments = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/comments.xml").unwrap(), &mut comments)
            .unwrap();
        assert!(comments.contains("请核对 &amp; 补充"), "{comments}");
    }
}
