//! Suggested edits: a reviewer's proposed wording for a quoted stretch of
//! the draft, anchored like a comment (quote, context, line hint), which the
//! writer accepts (the text is replaced) or rejects. Stored in the review
//! sidecar under `suggestions:` (see the contract). Pure: no files here.

use super::review::{Anchor, Quoted, anchor_quote};
use serde::{Deserialize, Serialize};

/// A suggested edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Stable, unique id (`s-YYYYMMDD-NNNN`).
    pub id: String,
    /// Who proposed it.
    pub author: String,
    /// When (RFC 3339).
    pub created: String,
    /// The text to replace.
    pub quote: String,
    /// A little text before the quote.
    #[serde(default)]
    pub prefix: String,
    /// A little text after the quote.
    #[serde(default)]
    pub suffix: String,
    /// The line (1-based) where the quote was when proposed.
    #[serde(default)]
    pub line: usize,
    /// The proposed wording (empty: delete the quote).
    #[serde(default)]
    pub replacement: String,
    /// Open, accepted or rejected.
    #[serde(default)]
    pub status: SuggestionStatus,
    /// Who accepted or rejected it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    /// When (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_at: String,
    /// Why (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// For a tracked change read from a Word document that reportbench
    /// wrote: the id of the review file's suggestion it was written from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Where a suggestion stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionStatus {
    /// Waiting for the writer.
    #[default]
    Open,
    /// The text was replaced.
    Accepted,
    /// Declined.
    Rejected,
}

impl SuggestionStatus {
    /// The status in words.
    pub fn name(self, lang: super::lang::Lang) -> &'static str {
        match self {
            SuggestionStatus::Open => lang.pick("待处理", "open"),
            SuggestionStatus::Accepted => lang.pick("已采纳", "accepted"),
            SuggestionStatus::Rejected => lang.pick("未采纳", "rejected"),
        }
    }
}

/// A writer's decision on a suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Accepted, rejected, or open again.
    pub status: SuggestionStatus,
    /// Who.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why (may be empty).
    pub reason: String,
}

/// Where a suggestion's quote is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The quote is there, unchanged: the suggestion can be applied.
    Current(Anchor),
    /// The quote was edited since (its context is there): shown, never
    /// applied blindly.
    Outdated(Anchor),
    /// Neither the quote nor its context can be found.
    Orphaned,
}

impl Suggestion {
    /// The quote and its context, for anchoring.
    pub fn quoted(&self) -> Quoted<'_> {
        Quoted {
            quote: &self.quote,
            prefix: &self.prefix,
            suffix: &self.suffix,
            line: self.line,
        }
    }

    /// Read from the document itself (a Word tracked change, id
    /// `word-change-N`), not the review file: never written into it.
    pub fn is_from_file(&self) -> bool {
        self.id.starts_with(super::review::FILE_COMMENT_PREFIX)
    }

    /// Where it is in `text`, as the workbench and `review` show it. A
    /// tracked change read from a Word document stands accepted in the text
    /// (the reader gives the accepted view): its place is the proposed
    /// wording between its context, and "current" while that wording is
    /// there. A review file's suggestion: [`Suggestion::place`].
    pub fn place_in(&self, text: &str) -> Place {
        if !self.is_from_file() {
            return self.place(text);
        }
        if self.replacement.is_empty() {
            // A deletion: the point between its context.
            let around = format!("{}{}", self.prefix, self.suffix);
            return match (around.is_empty(), text.find(&around)) {
                (false, Some(at)) => {
                    let at = at + self.prefix.len();
                    Place::Current(Anchor {
                        start: at,
                        end: at,
                        exact: true,
                    })
                }
                _ => Place::Orphaned,
            };
        }
        let shown = Quoted {
            quote: &self.replacement,
            prefix: &self.prefix,
            suffix: &self.suffix,
            line: self.line,
        };
        match anchor_quote(&shown, text) {
            Some(a) if a.exact => Place::Current(a),
            Some(a) => Place::Outdated(a),
            None => Place::Orphaned,
        }
    }

    /// Where the quote is in `text` now.
    pub fn place(&self, text: &str) -> Place {
        match anchor_quote(&self.quoted(), text) {
            Some(a) if a.exact && text.get(a.start..a.end) == Some(self.quote.as_str()) => {
                Place::Current(a)
            }
            Some(a) => Place::Outdated(a),
            None => Place::Orphaned,
        }
    }

    /// `text` with this suggestion applied, when its quote is there
    /// unchanged; `None` otherwise (outdated or orphaned).
    pub fn apply_to(&self, text: &str) -> Option<(std::ops::Range<usize>, String)> {
        match self.place(text) {
            Place::Current(a) => Some((a.start..a.end, self.replacement.clone())),
            _ => None,
        }
    }

    /// Records a decision.
    pub fn decide(&mut self, d: Decision) {
        self.status = d.status;
        if d.status == SuggestionStatus::Open {
            self.decided_by.clear();
            self.decided_at.clear();
            self.reason.clear();
        } else {
            self.decided_by = d.by;
            self.decided_at = d.at;
            self.reason = d.reason;
        }
    }

    /// Merges the same suggestion as another reviewer's file has it: a
    /// decision beats none, the later decision beats the earlier.
    pub fn merge(&mut self, theirs: &Suggestion) {
        let ours_open = self.status == SuggestionStatus::Open;
        let theirs_decided = theirs.status != SuggestionStatus::Open;
        if theirs_decided && (ours_open || theirs.decided_at > self.decided_at) {
            self.status = theirs.status;
            self.decided_by = theirs.decided_by.clone();
            self.decided_at = theirs.decided_at.clone();
            self.reason = theirs.reason.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn suggestion(
        quote: &str,
        prefix: &str,
        suffix: &str,
        replacement: &str,
    ) -> Suggestion {
        Suggestion {
            id: "s-20250301-0001".into(),
            author: "李律师".into(),
            created: "2025-03-01T09:35:00+08:00".into(),
            quote: quote.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
            line: 1,
            replacement: replacement.into(),
            status: SuggestionStatus::Open,
            decided_by: String::new(),
            decided_at: String::new(),
            reason: String::new(),
            origin: None,
        }
    }

    #[test]
    fn a_current_quote_is_replaced_an_edited_one_is_outdated_a_gone_one_orphaned() {
        let s = suggestion(
            "领导小组",
            "调整全面依法治镇工作",
            "，下设办公室",
            "领导小组（青政发〔2024〕3号）",
        );
        let text = "健全机制。调整全面依法治镇工作领导小组，下设办公室。";
        let (range, new) = s.apply_to(text).unwrap();
        assert_eq!(&text[range.clone()], "领导小组");
        assert_eq!(new, "领导小组（青政发〔2024〕3号）");
        let edited = "健全机制。调整全面依法治镇工作领导机构，下设办公室。";
        assert!(matches!(s.place(edited), Place::Outdated(_)));
        assert_eq!(s.apply_to(edited), None);
        assert_eq!(s.place("全文重写了。"), Place::Orphaned);
    }

    #[test]
    fn a_decision_wins_over_none_and_the_later_over_the_earlier() {
        let mut ours = suggestion("甲", "", "", "乙");
        let mut theirs = ours.clone();
        theirs.decide(Decision {
            status: SuggestionStatus::Rejected,
            by: "王主任".into(),
            at: "2025-03-02T09:00:00+08:00".into(),
            reason: "原文准确".into(),
        });
        ours.merge(&theirs);
        assert_eq!(
            (ours.status, ours.reason.as_str()),
            (SuggestionStatus::Rejected, "原文准确")
        );
        let mut later = theirs.clone();
        later.decide(Decision {
            status: SuggestionStatus::Accepted,
            by: "王主任".into(),
            at: "2025-03-03T09:00:00+08:00".into(),
            reason: String::new(),
        });
        ours.merge(&later);
        assert_eq!(ours.status, SuggestionStatus::Accepted);
        // An older decision does not undo a newer one.
        ours.merge(&theirs);
        assert_eq!(ours.status, SuggestionStatus::Accepted);
    }

    #[test]
    fn a_tracked_change_from_a_word_file_is_placed_on_its_wording() {
        // The reader gives the accepted view: "38份" stands where "35份" was.
        let mut s = suggestion("35份", "共收到", "，均已", "38份");
        s.id = "word-change-7".into();
        let text = "一、概况\n共收到38份，均已办结。";
        let Place::Current(a) = s.place_in(text) else {
            panic!("{:?}", s.place_in(text))
        };
        assert_eq!(&text[a.start..a.end], "38份");
        // A review file's suggestion is placed on its quote (edited here).
        s.id = "s-20250301-0001".into();
        assert!(matches!(s.place_in(text), Place::Outdated(_)));
        // A deletion: the point between its context.
        let mut d = suggestion("全部", "共收到38份，", "均已", "");
        d.id = "word-change-9".into();
        let Place::Current(a) = d.place_in(text) else {
            panic!()
        };
        assert_eq!(&text[a.start..], "均已办结。");
        assert_eq!(d.place_in("别的文字"), Place::Orphaned);
    }
}
