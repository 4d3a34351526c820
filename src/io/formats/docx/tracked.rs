//! Tracked changes (修订) read in detail: who deleted and inserted what,
//! where, so that a returned document's changes show as suggestions. The
//! body walk ([`super::body`]) calls in as it meets `w:ins`, `w:del`,
//! deleted text, accepted text and paragraph ends.

use super::body::Story;
use super::xml::attr;

/// Tracked changes read in detail (a hostile file may hold millions).
const MAX_TRACKED: usize = 20_000;

/// The context kept on either side of a tracked change, in characters.
const CONTEXT_CHARS: usize = 24;

/// A tracked change as a reader sees it: one author's deletion and/or
/// insertion at one place (a deletion followed at once by an insertion is
/// one replacement, as Word shows it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrackedChange {
    /// The ids of its `w:del` / `w:ins` elements.
    pub ids: Vec<String>,
    /// Who made it.
    pub author: String,
    /// When (as the file says it), or empty.
    pub date: String,
    /// The text it deletes (paragraphs apart by line ends).
    pub deleted: String,
    /// The text it inserts.
    pub inserted: String,
    /// The paragraph's text before it (accepted view, a few characters).
    pub before: String,
    /// The paragraph's text after it.
    pub after: String,
}

/// What the walk knows about tracked changes being read.
#[derive(Default)]
pub(super) struct Tracking {
    /// Inside `w:ins` / `w:moveTo`.
    pub(super) inserting: usize,
    /// Inside `w:delText` (in a deletion).
    pub(super) in_deleted_text: bool,
    /// No text has been read since the last change ended: the next one
    /// continues it (same author).
    adjacent: bool,
    /// The changes of the current paragraph start here (they take the text
    /// after them as context).
    paragraph_first: usize,
}

impl Tracking {
    /// A `w:ins` or `w:del` opens.
    pub(super) fn open(
        &mut self,
        story: &mut Story,
        e: &quick_xml::events::BytesStart,
        text_before: &str,
        insert: bool,
    ) {
        let author = attr(e, "author").unwrap_or_default();
        let id = attr(e, "id").unwrap_or_default();
        let continues = self.adjacent
            && story
                .tracked
                .last()
                .is_some_and(|c| c.author == author && (insert || c.inserted.is_empty()));
        if continues {
            if let Some(c) = story.tracked.last_mut() {
                c.ids.push(id);
            }
        } else if story.tracked.len() < MAX_TRACKED {
            let count = text_before.chars().count();
            story.tracked.push(TrackedChange {
                ids: vec![id],
                author,
                date: attr(e, "date").unwrap_or_default(),
                before: text_before
                    .chars()
                    .skip(count.saturating_sub(CONTEXT_CHARS))
                    .collect(),
                ..TrackedChange::default()
            });
        }
        self.adjacent = true;
    }

    /// Text of the accepted view was read (`inserted`: inside a change).
    pub(super) fn text(&mut self, story: &mut Story, t: &str, inserted: bool) {
        let from = self.paragraph_first.min(story.tracked.len());
        let n = story.tracked.len();
        for (k, c) in story.tracked[from..].iter_mut().enumerate() {
            if inserted && from + k + 1 == n {
                if c.inserted.len() < super::body::MAX_QUOTE_BYTES {
                    c.inserted.push_str(t);
                }
            } else if c.after.chars().count() < CONTEXT_CHARS {
                c.after.extend(t.chars().take(CONTEXT_CHARS));
            }
        }
        if !inserted {
            self.adjacent = false;
        }
    }

    /// Deleted text was read.
    pub(super) fn deleted(&mut self, story: &mut Story, t: &str) {
        if let Some(c) = story.tracked.last_mut()
            && c.deleted.len() < super::body::MAX_QUOTE_BYTES
        {
            c.deleted.push_str(t);
        }
    }

    /// A paragraph ends: a deletion still going on takes a line end; the
    /// next paragraph's changes take their context there.
    pub(super) fn paragraph_end(&mut self, story: &mut Story) {
        match story.tracked.last_mut() {
            Some(c) if self.adjacent && c.inserted.is_empty() && !c.deleted.is_empty() => {
                c.deleted.push('\n');
                self.paragraph_first = story.tracked.len() - 1;
            }
            _ => {
                self.adjacent = false;
                self.paragraph_first = story.tracked.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::read;
    use super::super::numbering::Numbering;
    use super::super::styles::Styles;
    use super::TrackedChange;

    fn changes(body: &str) -> Vec<TrackedChange> {
        let xml = format!("<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>");
        read(
            "word/document.xml",
            &xml,
            &Styles::default(),
            &mut Numbering::default(),
            None,
        )
        .unwrap()
        .tracked
    }

    fn del(id: u32, who: &str, t: &str) -> String {
        format!(
            "<w:del w:id=\"{id}\" w:author=\"{who}\" w:date=\"2025-01-10T09:00:00Z\"><w:r><w:delText>{t}</w:delText></w:r></w:del>"
        )
    }

    fn ins(id: u32, who: &str, t: &str) -> String {
        format!("<w:ins w:id=\"{id}\" w:author=\"{who}\"><w:r><w:t>{t}</w:t></w:r></w:ins>")
    }

    fn r(t: &str) -> String {
        format!("<w:r><w:t>{t}</w:t></w:r>")
    }

    #[test]
    fn a_deletion_then_an_insertion_is_one_replacement_with_its_context() {
        let c = changes(&format!(
            "<w:p>{}{}{}{}</w:p>",
            r("全年办理案件"),
            del(1, "甲", "35"),
            ins(2, "甲", "38"),
            r("件，纠错率12.5%。")
        ));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            (
                c[0].deleted.as_str(),
                c[0].inserted.as_str(),
                c[0].before.as_str(),
                c[0].author.as_str()
            ),
            ("35", "38", "全年办理案件", "甲")
        );
        assert_eq!(c[0].ids, ["1", "2"]);
        assert!(c[0].after.starts_with("件，纠错率"), "{:?}", c[0].after);
    }

    #[test]
    fn other_authors_text_between_and_paragraphs_keep_changes_apart() {
        let c = changes(&format!(
            "<w:p>{}{}{}{}</w:p><w:p>{}{}</w:p>",
            del(1, "甲", "旧"),
            ins(2, "乙", "新"),
            r("中间"),
            ins(3, "甲", "补充"),
            del(4, "甲", "删去"),
            r("。")
        ));
        let got: Vec<_> = c
            .iter()
            .map(|c| (c.deleted.as_str(), c.inserted.as_str(), c.author.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("旧", "", "甲"),
                ("", "新", "乙"),
                ("", "补充", "甲"),
                ("删去", "", "甲")
            ]
        );
        // The insertion at a paragraph's end takes no context from the next.
        assert_eq!(c[2].after, "");
        assert_eq!(c[3].after, "。");
    }

    #[test]
    fn a_deletion_across_paragraphs_is_one_with_line_ends() {
        let c = changes(&format!(
            "<w:p>{}{}</w:p><w:p>{}{}</w:p>",
            r("开头"),
            del(1, "甲", "第一段"),
            del(2, "甲", "第二段"),
            ins(3, "甲", "合并后")
        ));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            (c[0].deleted.as_str(), c[0].inserted.as_str()),
            ("第一段\n第二段", "合并后")
        );
    }
}
