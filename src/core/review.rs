//! Review data: comments anchored to text and per-item sign-off, as stored
//! in the `FILE.review.yaml` sidecar (see the contract), with re-anchoring
//! of comments in the current text and merging of two reviewers' files.
//! Pure: no files here.

pub use super::anchor::{Anchor, Quoted, anchor_quote, line_at};
use serde::{Deserialize, Serialize};

/// A review sidecar's content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Comments, in id order.
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// Sign-offs, in item order.
    #[serde(default)]
    pub signoffs: Vec<Signoff>,
    /// Suggested edits, in id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<super::suggestion::Suggestion>,
    /// The reviewer's overall verdict on the report (boxed: a review
    /// travels in messages, which stay small).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Box<OverallVerdict>>,
}

/// The reviewer's overall verdict (the contract's `verdict:`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverallVerdict {
    /// Pass, revise or reject.
    pub value: Overall,
    /// Who.
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
}

/// An overall verdict's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// 通过: the report can go out.
    Pass,
    /// 修改后通过: after the changes asked for.
    Revise,
    /// 不通过.
    Reject,
}

impl Overall {
    /// The verdict in words.
    pub fn name(self, lang: super::lang::Lang) -> &'static str {
        match self {
            Overall::Pass => lang.pick("通过", "pass"),
            Overall::Revise => lang.pick("修改后通过", "pass after revision"),
            Overall::Reject => lang.pick("不通过", "reject"),
        }
    }
}

/// A comment anchored to a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// Stable, unique id (`c-YYYYMMDD-NNNN`).
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When (RFC 3339).
    pub created: String,
    /// The commented text.
    pub quote: String,
    /// A little text before the quote.
    #[serde(default)]
    pub prefix: String,
    /// A little text after the quote.
    #[serde(default)]
    pub suffix: String,
    /// The line (1-based) where the quote was when the comment was written.
    #[serde(default)]
    pub line: usize,
    /// The comment.
    pub body: String,
    /// Open or resolved.
    #[serde(default)]
    pub status: CommentStatus,
    /// Replies, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    /// For a comment read from a Word document that reportbench wrote: the
    /// id of the review comment (or suggestion) it was written from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// The custom property of a Word document reportbench wrote that maps its
/// comment ids to the review file's ids ("0=c-20250301-0001;3=s-…"), so
/// that reading it back knows which review comment each one was.
pub const WORD_IDS_PROPERTY: &str = "reportbench-review-ids";

/// The id prefix of comments read from the document itself (Word's own
/// comments), which are never written into the review file.
pub const FILE_COMMENT_PREFIX: &str = "word-";

impl Comment {
    /// Read from the document itself (a Word comment), not the review file.
    pub fn is_from_file(&self) -> bool {
        self.id.starts_with(FILE_COMMENT_PREFIX)
    }
}

/// Whether a comment still needs attention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Needs attention.
    #[default]
    Open,
    /// Dealt with.
    Resolved,
}

/// A reply to a comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// Who wrote it.
    pub author: String,
    /// When (RFC 3339).
    pub created: String,
    /// The reply.
    pub body: String,
}

/// A reviewer's verdict on one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signoff {
    /// The checklist item's id.
    pub item: String,
    /// Met, not met, or not applicable.
    pub verdict: Verdict,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// Who.
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
    /// Earlier verdicts on this item, oldest first: every change is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<SignoffEntry>,
}

/// An earlier verdict on an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignoffEntry {
    /// The verdict then.
    pub verdict: Verdict,
    /// Who gave it.
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Signoff {
    /// This sign-off as a history entry.
    pub fn entry(&self) -> SignoffEntry {
        SignoffEntry {
            verdict: self.verdict,
            author: self.author.clone(),
            at: self.at.clone(),
            reason: self.reason.clone(),
        }
    }

    /// `self` replacing `earlier`: its history, then it, before this one.
    fn follows(&mut self, earlier: &Signoff) {
        let mut h = earlier.history.clone();
        h.push(earlier.entry());
        for e in std::mem::take(&mut self.history) {
            if !h.contains(&e) {
                h.push(e);
            }
        }
        h.sort_by(|a, b| a.at.cmp(&b.at));
        h.dedup();
        self.history = h;
    }
}

/// A sign-off verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The item is met.
    Met,
    /// The item is not met.
    NotMet,
    /// The item does not apply to this report.
    Na,
}

impl Verdict {
    /// The verdict in words, for the workbench and the exported review.
    pub fn name(self, lang: super::lang::Lang) -> &'static str {
        match self {
            Verdict::Met => lang.pick("符合", "met"),
            Verdict::NotMet => lang.pick("不符合", "not met"),
            Verdict::Na => lang.pick("不适用", "not applicable"),
        }
    }
}

/// Finds a comment's place in `text`: every occurrence of the quote is
/// scored by how much of the stored context surrounds it, ties going to the
/// one nearest the line hint. When the quote is gone but its context is
/// still there with a short stretch between (the quote was edited), that
/// stretch is the anchor. `None`: orphaned.
pub fn anchor(c: &Comment, text: &str) -> Option<Anchor> {
    anchor_quote(
        &Quoted {
            quote: &c.quote,
            prefix: &c.prefix,
            suffix: &c.suffix,
            line: c.line,
        },
        text,
    )
}

impl Review {
    /// Puts comments in id order and sign-offs in item order, so that the
    /// file is stable and two reviewers' files merge cleanly.
    pub fn sort(&mut self) {
        self.comments.sort_by(|a, b| a.id.cmp(&b.id));
        self.signoffs.sort_by(|a, b| a.item.cmp(&b.item));
        self.suggestions.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// Merges `other` (the file as now on disk) into `self` (what this
    /// process is about to write): comments by id — replies united, a
    /// resolution kept from either side — and sign-offs by item, the later
    /// one winning. Nothing from either side is dropped.
    pub fn merge(&mut self, other: &Review) {
        for theirs in &other.comments {
            match self.comments.iter_mut().find(|c| c.id == theirs.id) {
                Some(ours) => {
                    for r in &theirs.replies {
                        if !ours.replies.contains(r) {
                            ours.replies.push(r.clone());
                        }
                    }
                    ours.replies.sort_by(|a, b| a.created.cmp(&b.created));
                    if theirs.status == CommentStatus::Resolved {
                        ours.status = CommentStatus::Resolved;
                    }
                }
                None => self.comments.push(theirs.clone()),
            }
        }
        for theirs in &other.suggestions {
            match self.suggestions.iter_mut().find(|s| s.id == theirs.id) {
                Some(ours) => ours.merge(theirs),
                None => self.suggestions.push(theirs.clone()),
            }
        }
        // The later overall verdict wins.
        if let Some(theirs) = &other.verdict
            && self.verdict.as_ref().is_none_or(|ours| ours.at < theirs.at)
        {
            self.verdict = Some(theirs.clone());
        }
        for theirs in &other.signoffs {
            match self.signoffs.iter_mut().find(|s| s.item == theirs.item) {
                // The later one wins; the other is kept in its history.
                Some(ours) if ours.at < theirs.at => {
                    let earlier = ours.clone();
                    *ours = theirs.clone();
                    ours.follows(&earlier);
                }
                Some(ours) if ours.at > theirs.at => ours.follows(theirs),
                Some(_) => {}
                None => self.signoffs.push(theirs.clone()),
            }
        }
        self.sort();
    }

    /// A new comment id for the day `date` (`YYYYMMDD`): `c-DATE-NNNN`, one
    /// more than the highest of that day. Taken while the sidecar is locked
    /// (see `io::review::update`), so two reviewers never get the same one.
    pub fn next_comment_id(&self, date: &str) -> String {
        let prefix = format!("c-{date}-");
        let n = self
            .comments
            .iter()
            .filter_map(|c| c.id.strip_prefix(&prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{:04}", n + 1)
    }

    /// A new suggestion id for the day `date`: `s-DATE-NNNN`, as for comments.
    pub fn next_suggestion_id(&self, date: &str) -> String {
        let prefix = format!("s-{date}-");
        let n = self
            .suggestions
            .iter()
            .filter_map(|s| s.id.strip_prefix(&prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{:04}", n + 1)
    }

    /// Sets the sign-off of `s.item`, replacing an earlier one.
    pub fn sign(&mut self, mut s: Signoff) {
        if let Some(earlier) = self.signoffs.iter().find(|o| o.item == s.item) {
            s.follows(earlier);
        }
        self.signoffs.retain(|o| o.item != s.item);
        self.signoffs.push(s);
        self.sort();
    }

    /// The `(item, reason)` pairs of not-applicable sign-offs.
    pub fn na_items(&self) -> impl Iterator<Item = (&str, &str)> {
        self.signoffs
            .iter()
            .filter(|s| s.verdict == Verdict::Na)
            .map(|s| (s.item.as_str(), s.reason.as_str()))
    }
}

/// One change to a review, as the workbench asks for it. The review file
/// applies it under its lock to what is on disk then (`io::review::update`),
/// so a reviewer writes their change, never a stale copy of everyone's.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewChange {
    /// A new comment; its id is given when applied: `c-DATE-NNNN`, one more
    /// than the highest of that day (`date` is `YYYYMMDD`).
    AddComment {
        /// The day, `YYYYMMDD`.
        date: String,
        /// The comment (its `id` is replaced).
        comment: Comment,
    },
    /// A reply to the comment `id`.
    Reply {
        /// The comment.
        id: String,
        /// The reply.
        reply: Reply,
    },
    /// Resolves or reopens the comment `id`.
    SetStatus {
        /// The comment.
        id: String,
        /// Its new status.
        status: CommentStatus,
    },
    /// Deletes the comment `id`.
    DeleteComment {
        /// The comment.
        id: String,
    },
    /// Signs an item off (replacing an earlier sign-off).
    Sign(Signoff),
    /// Withdraws the sign-off of `item`.
    Withdraw {
        /// The checklist item.
        item: String,
    },
    /// A new suggested edit; its id is given when applied (`s-DATE-NNNN`).
    AddSuggestion {
        /// The day, `YYYYMMDD`.
        date: String,
        /// The suggestion (its `id` is replaced).
        suggestion: super::suggestion::Suggestion,
    },
    /// Accepts or rejects (or reopens) the suggestion `id`.
    Decide {
        /// The suggestion.
        id: String,
        /// The decision, who, when, why.
        decision: super::suggestion::Decision,
    },
    /// Deletes the suggestion `id`.
    DeleteSuggestion {
        /// The suggestion.
        id: String,
    },
}

impl ReviewChange {
    /// Applies the change to `r`.
    pub fn apply(self, r: &mut Review) {
        match self {
            ReviewChange::AddComment { date, mut comment } => {
                comment.id = r.next_comment_id(&date);
                r.comments.push(comment);
            }
            ReviewChange::Reply { id, reply } => {
                if let Some(c) = r.comments.iter_mut().find(|c| c.id == id) {
                    c.replies.push(reply);
                }
            }
            ReviewChange::SetStatus { id, status } => {
                if let Some(c) = r.comments.iter_mut().find(|c| c.id == id) {
                    c.status = status;
                }
            }
            ReviewChange::DeleteComment { id } => r.comments.retain(|c| c.id != id),
            ReviewChange::Sign(s) => r.sign(s),
            ReviewChange::Withdraw { item } => r.signoffs.retain(|s| s.item != item),
            ReviewChange::AddSuggestion {
                date,
                mut suggestion,
            } => {
                suggestion.id = r.next_suggestion_id(&date);
                r.suggestions.push(suggestion);
            }
            ReviewChange::Decide { id, decision } => {
                if let Some(s) = r.suggestions.iter_mut().find(|s| s.id == id) {
                    s.decide(decision);
                }
            }
            ReviewChange::DeleteSuggestion { id } => r.suggestions.retain(|s| s.id != id),
        }
        r.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(quote: &str, prefix: &str, suffix: &str, line: usize) -> Comment {
        Comment {
            id: "c-20250301-0001".into(),
            author: "李律师".into(),
            created: "2025-03-01T09:30:00+08:00".into(),
            quote: quote.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
            line,
            body: "请补充。".into(),
            status: CommentStatus::Open,
            replies: vec![],
            origin: None,
        }
    }

    const TEXT: &str =
        "一、举措\n落实党政主要负责人第一责任人职责。\n\n二、打算\n压实第一责任人职责。\n";

    #[test]
    fn context_picks_the_right_occurrence() {
        let c = comment("第一责任人", "落实党政主要负责人", "职责", 2);
        let a = anchor(&c, TEXT).unwrap();
        assert!(a.exact);
        assert_eq!(line_at(TEXT, a.start), 2);
        let c = comment("第一责任人", "压实", "职责", 2);
        assert_eq!(line_at(TEXT, anchor(&c, TEXT).unwrap().start), 5);
    }

    #[test]
    fn comments_follow_insertions_and_moves() {
        let c = comment("第一责任人", "落实党政主要负责人", "职责", 2);
        let moved = format!("前言一段。\n新增一行。\n\n{TEXT}");
        let a = anchor(&c, &moved).unwrap();
        assert_eq!(&moved[a.start..a.end], "第一责任人");
        assert_eq!(line_at(&moved, a.start), 5);
        let swapped =
            "二、打算\n压实第一责任人职责。\n\n一、举措\n落实党政主要负责人第一责任人职责。\n";
        let a = anchor(&c, swapped).unwrap();
        assert_eq!(line_at(swapped, a.start), 5, "context beats the line hint");
    }

    #[test]
    fn an_edited_quote_is_found_by_its_context_and_a_deleted_one_is_orphaned() {
        let c = comment("第一责任人", "落实党政主要负责人", "职责", 2);
        // Words added around the quote: still the quote, in its place (not
        // the weaker occurrence on line 5).
        let grown = TEXT.replace("负责人第一责任人职责", "负责人推进法治建设第一责任人的职责");
        let a = anchor(&c, &grown).unwrap();
        assert!(a.exact);
        assert_eq!(
            (line_at(&grown, a.start), &grown[a.start..a.end]),
            (2, "第一责任人")
        );
        // The quote itself rewritten: what stands between its context.
        let edited = TEXT.replace("负责人第一责任人职责", "负责人首要责任人职责");
        let a = anchor(&c, &edited).unwrap();
        assert!(!a.exact);
        assert_eq!(&edited[a.start..a.end], "首要责任人");
        let gone = "一、举措\n其他内容。\n";
        assert_eq!(anchor(&c, gone), None);
    }

    #[test]
    fn merging_two_reviewers_loses_nothing() {
        let mut a = Review::default();
        let mut b = Review::default();
        let mut c1 = comment("x", "", "", 1);
        c1.id = "c-1".into();
        let mut c2 = comment("y", "", "", 1);
        c2.id = "c-2".into();
        a.comments.push(c1.clone());
        b.comments.push(c1.clone());
        b.comments.push(c2);
        b.comments[0].replies.push(Reply {
            author: "王".into(),
            created: "2025-03-02T10:00:00+08:00".into(),
            body: "已补充。".into(),
        });
        b.comments[0].status = CommentStatus::Resolved;
        let so = |at: &str, v| Signoff {
            history: Vec::new(),
            item: "other".into(),
            verdict: v,
            reason: String::new(),
            author: "李".into(),
            at: at.into(),
        };
        a.signoffs
            .push(so("2025-03-01T09:00:00+08:00", Verdict::NotMet));
        b.signoffs
            .push(so("2025-03-01T10:00:00+08:00", Verdict::Na));
        a.merge(&b);
        assert_eq!(a.comments.len(), 2);
        assert_eq!(a.comments[0].replies.len(), 1);
        assert_eq!(a.comments[0].status, CommentStatus::Resolved);
        assert_eq!(
            a.signoffs[0].verdict,
            Verdict::Na,
            "the later sign-off wins"
        );
        assert_eq!(a.na_items().collect::<Vec<_>>(), vec![("other", "")]);
        let again = a.clone();
        a.merge(&again);
        assert_eq!(a, again, "merging is idempotent");
    }

    #[test]
    fn every_sign_off_change_is_kept_in_its_history() {
        let so = |at: &str, v, who: &str| Signoff {
            item: "other".into(),
            verdict: v,
            reason: String::new(),
            author: who.into(),
            at: at.into(),
            history: Vec::new(),
        };
        let mut r = Review::default();
        r.sign(so("2025-03-01T09:00:00+08:00", Verdict::Na, "李律师"));
        r.sign(so("2025-03-02T09:00:00+08:00", Verdict::NotMet, "张律师"));
        r.sign(so("2025-03-03T09:00:00+08:00", Verdict::Met, "李律师"));
        let s = &r.signoffs[0];
        assert_eq!(s.verdict, Verdict::Met);
        let h: Vec<Verdict> = s.history.iter().map(|e| e.verdict).collect();
        assert_eq!(h, [Verdict::Na, Verdict::NotMet]);
        // Two reviewers' files merged: the later wins, the earlier is history.
        let mut ours = Review::default();
        ours.sign(so("2025-03-04T09:00:00+08:00", Verdict::Na, "王主任"));
        ours.merge(&r);
        let s = &ours.signoffs[0];
        assert_eq!((s.verdict, s.author.as_str()), (Verdict::Na, "王主任"));
        let h: Vec<Verdict> = s.history.iter().map(|e| e.verdict).collect();
        assert_eq!(h, [Verdict::Na, Verdict::NotMet, Verdict::Met]);
    }
}
