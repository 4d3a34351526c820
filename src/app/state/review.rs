//! Review in the workbench: comments anchored to the selection or the
//! paragraph at the cursor, replies, resolving, deleting, and per-item
//! sign-off. Every change is sent as one `ReviewChange` for the review file
//! to apply under its lock to what is on disk then, so that two reviewers
//! on one server keep each other's work.

use super::{Overlay, Row, State, View};
use crate::app::msg::{Effect, FileStamp, RecoveryKey};
use crate::core::review::{
    Anchor, Comment, CommentStatus, Reply, Review, ReviewChange, Signoff, Verdict, anchor,
};
use crate::core::session::Recovered;
use crate::tr;

/// How many characters of context before and after a quote are stored.
const CONTEXT_CHARS: usize = 16;

/// A comment being written: the text it is anchored to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The commented text.
    pub quote: String,
    /// A little text before it.
    pub prefix: String,
    /// A little text after it.
    pub suffix: String,
    /// Its line (1-based).
    pub line: usize,
}

/// What a one-line prompt of the review is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The body of a new comment.
    Comment(Draft),
    /// A reply to the comment with this id.
    Reply(String),
    /// The reason for a sign-off of an item.
    Reason(String, Verdict),
    /// New wording for a quoted stretch (a suggested edit).
    Suggest(Draft),
    /// Why the suggestion with this id is not taken (may be empty).
    Reject(String),
}

/// The review as this session knows it.
pub(super) struct ReviewSession {
    /// The review file as last read or written.
    pub(super) review: Review,
    /// Opened with `--review`: the text is read-only, comments and
    /// sign-offs work.
    pub(super) mode: bool,
    /// The name comments and sign-offs are written under.
    pub(super) author: String,
    /// Where each comment is in the text as of the last re-check.
    pub(super) anchors: Vec<Option<Anchor>>,
    /// The review file's time and size as last read.
    pub(super) seen: Option<FileStamp>,
    /// A comment (or reply, or reason) left unsent when an earlier session
    /// ended, offered in the next comment prompt.
    pub(super) pending_comment: Option<String>,
    /// Its recovery file is still on disk (removed once a prompt closes).
    pub(super) pending_on_disk: bool,
    /// Comments the document itself holds (Word's): listed after the
    /// review file's, never written into it.
    pub(super) file_comments: Vec<crate::core::review::Comment>,
    /// Tracked changes the document itself holds (Word's), shown accepted:
    /// listed after the review file's suggestions, never written into it.
    pub(super) file_suggestions: Vec<crate::core::suggestion::Suggestion>,
    /// Where each suggestion is in the text as of the last re-check.
    pub(super) places: Vec<crate::core::suggestion::Place>,
}

impl ReviewSession {
    pub(super) fn new(
        author: String,
        mode: bool,
        file_comments: Vec<crate::core::review::Comment>,
        file_suggestions: Vec<crate::core::suggestion::Suggestion>,
    ) -> ReviewSession {
        ReviewSession {
            review: Review {
                comments: file_comments.clone(),
                suggestions: file_suggestions.clone(),
                ..Review::default()
            },
            file_comments,
            file_suggestions,
            mode,
            author,
            anchors: Vec::new(),
            seen: None,
            pending_comment: None,
            pending_on_disk: false,
            places: Vec::new(),
        }
    }
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    &s[s.char_indices()
        .nth(count.saturating_sub(n))
        .map_or(s.len(), |(i, _)| i)..]
}

impl State {
    /// The review file as last read or written.
    pub fn review(&self) -> &Review {
        &self.review.review
    }

    /// The name comments and sign-offs are written under.
    pub fn author(&self) -> &str {
        &self.review.author
    }

    /// Where each comment is in the current text (`None`: orphaned), in
    /// the order of [`State::review`]'s comments; worked out at each re-check.
    pub fn anchors(&self) -> &[Option<Anchor>] {
        &self.review.anchors
    }

    /// Open comments.
    pub fn open_comments(&self) -> usize {
        self.review
            .review
            .comments
            .iter()
            .filter(|c| c.status == CommentStatus::Open)
            .count()
    }

    /// A checklist item's title (its id if the spec has no such item).
    pub fn item_title(&self, id: &str) -> String {
        self.analysis
            .report
            .items
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| id.to_owned(), |i| i.title.clone())
    }

    /// The sign-off of a checklist item, if any.
    pub fn signoff(&self, item: &str) -> Option<&Signoff> {
        self.review.review.signoffs.iter().find(|s| s.item == item)
    }

    /// A prompt's label.
    pub fn prompt_label(&self, p: &Prompt) -> String {
        let lang = self.lang;
        match p {
            Prompt::Comment(d) => tr!(
                lang,
                "批注“{}”：",
                "Comment on \"{}\": ",
                crate::core::text::truncate_chars(&d.quote, 12)
            ),
            Prompt::Reply(id) => tr!(lang, "回复 {id}：", "Reply to {id}: "),
            // Replacing another verdict says so: Esc keeps it.
            Prompt::Reason(item, v) => match self.signoff(item).filter(|s| s.verdict != *v) {
                Some(old) => {
                    let (who, was, title) =
                        (&old.author, old.verdict.name(lang), self.item_title(item));
                    match lang {
                        crate::core::lang::Lang::Zh => format!(
                            "把 {who} 给“{title}”的“{was}”改为“{}”（Esc 保留原结论），理由：",
                            v.name(lang)
                        ),
                        crate::core::lang::Lang::En => format!(
                            "Replace {who}'s \"{was}\" on \"{title}\" by \"{}\" (Esc keeps it); why: ",
                            v.name(lang)
                        ),
                    }
                }
                None => tr!(
                    lang,
                    "“{}”{}的理由：",
                    "Why \"{}\" is {}: ",
                    self.item_title(item),
                    v.name(lang)
                ),
            },
            Prompt::Suggest(d) => tr!(
                lang,
                "把“{}”改为：",
                "Change \"{}\" to: ",
                crate::core::text::truncate_chars(&d.quote, 12)
            ),
            Prompt::Reject(id) => tr!(
                lang,
                "不采纳 {id} 的理由（可不填）：",
                "Why {id} is not taken (optional): "
            ),
        }
    }

    /// Re-anchors the comments in the current text.
    pub(super) fn reanchor(&mut self) {
        let text = self.analysis.doc.text();
        self.review.anchors = self
            .review
            .review
            .comments
            .iter()
            .map(|c| anchor(c, text))
            .collect();
        self.place_suggestions();
    }

    /// Sets the review as read or written: `na` sign-offs applied to the
    /// checklist, comments re-anchored. The text is checked again only when
    /// the not-applicable sign-offs changed (or the checklist is behind the
    /// text): at launch, reading the review file costs no second check.
    fn set_review(&mut self, mut review: Review) {
        // The document's own comments after the review file's.
        review
            .comments
            .extend(self.review.file_comments.iter().cloned());
        review
            .suggestions
            .extend(self.review.file_suggestions.iter().cloned());
        let na_changed = !review.na_items().eq(self.review.review.na_items());
        self.review.review = review;
        if na_changed || self.analysis.stale {
            self.recheck_soon();
        } else {
            self.reanchor();
        }
    }

    /// The review file was read (at the start, or because it changed).
    pub(super) fn on_review_read(
        &mut self,
        seen: Option<FileStamp>,
        result: Result<Review, String>,
    ) {
        self.review.seen = seen;
        match result {
            Ok(r) if r != self.review.review => self.set_review(r),
            Ok(_) => {}
            // A review file that does not parse is reported; writing says why again.
            Err(e) => self.complain(e),
        }
    }

    /// A comment left unsent by an earlier session: it comes back in the
    /// next comment prompt.
    pub(super) fn offer_pending_comment(&mut self, r: Recovered) {
        if r.text.trim().is_empty() {
            return;
        }
        let shown = crate::core::text::truncate_chars(&r.text, 20).into_owned();
        self.review.pending_comment = Some(r.text);
        self.review.pending_on_disk = true;
        self.tell(tr!(
            self.lang,
            "上次没有发出的批注“{}”已保留：F5 再写批注时会带出",
            "an unsent comment from last time (\"{}\") was kept: F5 brings it back",
            shown
        ));
    }

    /// A prompt of the review closed (its words written to the review file,
    /// or given up): the unsent comment kept on disk — from an earlier
    /// session or by the timer — is done with, and its recovery file goes.
    pub(super) fn prompt_closed(&mut self) {
        if self.review.pending_on_disk && self.review.pending_comment.is_none() {
            self.review.pending_on_disk = false;
            self.emit(Effect::RemoveRecovery {
                key: RecoveryKey::Comment(self.buffer.path.clone()),
            });
        }
    }

    /// The comment list, or why not.
    pub(super) fn open_comment_list(&mut self) {
        if self.review.review.comments.is_empty() && self.review.review.suggestions.is_empty() {
            self.say("还没有批注或修改建议", "no comments or suggestions yet");
        } else {
            self.screen.overlay = Overlay::Comments(0);
        }
    }

    /// The sign-off choice for the selected checklist item. Signing off is
    /// the reviewer's act: a writer (not in `--review`) sees the sign-offs
    /// and comments on them, never gives one.
    pub(super) fn start_signoff(&mut self) {
        if !self.review.mode {
            self.warn(
                "审核结论由审核人给出（用 --review 打开）；起草人可以用 F5 对相关段落写批注回复",
                "signing off is the reviewer's (open with --review); a writer can answer with a comment (F5)",
            );
            return;
        }
        let item = match self.rows().get(self.screen.selected) {
            Some(Row::Item(i)) if self.views.view == View::Workbench => {
                Some(self.analysis.report.items[*i].id.clone())
            }
            _ => None,
        };
        match item {
            Some(id) => self.screen.overlay = Overlay::Verdict(id),
            None => self.say(
                "先在清单里选一个项目（F2 切到清单）",
                "select a checklist item first (F2 focuses the checklist)",
            ),
        }
    }

    /// The text a comment or suggestion is about: in the diff view the
    /// selected paragraph of this year's report; in the editor the
    /// selection, else the paragraph at the cursor. `None`: no text there.
    pub(super) fn review_target(&mut self) -> Option<Draft> {
        self.catch_up();
        let doc = &self.analysis.doc;
        let range = if self.views.view == View::Diff {
            self.comparison()
                .and_then(|c| c.paragraphs.get(self.views.diff.selected))
                .and_then(|p| p.new)
                .map(|n| doc.paragraphs()[n].range.clone())
        } else {
            let index = doc.index();
            let editor = &self.buffer.editor;
            let byte = |(row, col): (usize, usize)| {
                let start = index.line_start(row);
                let line = editor.lines().get(row).map_or("", String::as_str);
                start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
            };
            match editor.selection_range() {
                Some((a, b)) if a != b => Some(byte(a)..byte(b)),
                _ => {
                    let row = editor.cursor().0;
                    let line = editor.lines().get(row).map_or("", String::as_str);
                    let start = index.line_start(row);
                    let lead = line.len() - line.trim_start().len();
                    Some(start + lead..start + line.trim_end().len())
                }
            }
        };
        let text = doc.text();
        let r = range.filter(|r| r.start < r.end && r.end <= text.len())?;
        let draft = Draft {
            quote: text[r.clone()].to_owned(),
            prefix: tail(&text[..r.start], CONTEXT_CHARS).to_owned(),
            suffix: head(&text[r.end..], CONTEXT_CHARS).to_owned(),
            line: crate::core::review::line_at(text, r.start),
        };
        self.buffer.editor.cancel_selection();
        Some(draft)
    }

    /// F5: a comment on the selection or the paragraph at the cursor.
    pub(super) fn start_comment(&mut self) {
        let Some(draft) = self.review_target() else {
            self.warn(
                "这里没有文字可批注：把光标放到段落里，或先选中文字",
                "nothing to comment on here: put the cursor in a paragraph or select text",
            );
            return;
        };
        // A comment left unsent last time comes back here.
        let text = self.review.pending_comment.take().unwrap_or_default();
        self.screen.overlay = Overlay::Input(Prompt::Comment(draft), text);
    }

    /// Finishes a review prompt with the text typed: the change goes to the
    /// review file; if writing fails, the prompt comes back with the words.
    pub(super) fn submit_prompt(&mut self, prompt: Prompt, text: String) {
        let body = text.trim().to_owned();
        let author = self.review.author.clone();
        let now = self.now.local.clone();
        let retry = Some((prompt.clone(), text.clone()));
        let change = match prompt {
            Prompt::Suggest(d) => match self.suggestion_change(d, text) {
                Some(c) => c,
                None => return,
            },
            Prompt::Reject(id) => self.rejection(id, text),
            Prompt::Comment(d) => {
                if body.is_empty() {
                    self.say("批注是空的，未保存", "empty comment: not saved");
                    return;
                }
                let date: String = now.chars().filter(char::is_ascii_digit).take(8).collect();
                ReviewChange::AddComment {
                    date,
                    comment: Comment {
                        id: String::new(),
                        author,
                        created: now,
                        quote: d.quote,
                        prefix: d.prefix,
                        suffix: d.suffix,
                        line: d.line,
                        body,
                        status: CommentStatus::Open,
                        replies: Vec::new(),
                        origin: None,
                    },
                }
            }
            Prompt::Reply(id) => {
                if body.is_empty() {
                    return;
                }
                ReviewChange::Reply {
                    id,
                    reply: Reply {
                        author,
                        created: now,
                        body,
                    },
                }
            }
            Prompt::Reason(item, verdict) => {
                if body.is_empty() && verdict != Verdict::Met {
                    // The prompt stays open for the reason (Esc gives up).
                    self.screen.overlay = Overlay::Input(Prompt::Reason(item, verdict), text);
                    self.warn(
                        "“不符合”和“不适用”需要写理由",
                        "\"not met\" and \"not applicable\" need a reason",
                    );
                    return;
                }
                ReviewChange::Sign(Signoff {
                    history: Vec::new(),
                    item,
                    verdict,
                    reason: body,
                    author,
                    at: now,
                })
            }
        };
        let done = self.lang.pick("已写入审阅文件", "saved to the review file");
        self.change_review(change, done.into(), retry);
    }

    /// Says that the document's own comments are dealt with in Word.
    pub(super) fn refuse_file_comment(&mut self) {
        self.warn(
            "这是 Word 文档里的批注：请在 WPS 或 Word 中回复、解决或删除",
            "this comment is in the Word document: reply, resolve or delete it in WPS or Word",
        );
    }

    /// Sends one change to the review file.
    pub(super) fn change_review(
        &mut self,
        change: ReviewChange,
        done: String,
        retry: Option<(Prompt, String)>,
    ) {
        let on_file_comment = match &change {
            ReviewChange::Reply { id, .. }
            | ReviewChange::SetStatus { id, .. }
            | ReviewChange::DeleteComment { id }
            | ReviewChange::Decide { id, .. }
            | ReviewChange::DeleteSuggestion { id } => {
                id.starts_with(crate::core::review::FILE_COMMENT_PREFIX)
            }
            _ => false,
        };
        if on_file_comment {
            // The comment list refuses before anything is typed; this
            // catches every other way (the review file would drop it).
            self.refuse_file_comment();
            return;
        }
        self.emit(Effect::UpdateReview {
            draft: self.buffer.path.clone(),
            change: Box::new(change),
            done,
            retry,
        });
    }

    /// The review file was written (or not): the review as it is now, with
    /// everyone's changes; or the prompt back with the words typed and the
    /// error beside it (Enter tries again, Esc gives up).
    pub(super) fn on_review_written(
        &mut self,
        result: Result<crate::core::review::Review, String>,
        done: String,
        retry: Option<(Prompt, String)>,
    ) {
        match result {
            Ok(r) => {
                self.set_review(r);
                self.tell(done);
                self.prompt_closed();
                // A deleted comment's list position may be past the end.
                if let Overlay::Comments(i) = self.screen.overlay {
                    let n =
                        self.review.review.comments.len() + self.review.review.suggestions.len();
                    self.screen.overlay = if n == 0 {
                        Overlay::None
                    } else {
                        Overlay::Comments(i.min(n - 1))
                    };
                }
            }
            Err(e) => {
                self.complain(e);
                if let Some((p, text)) = retry {
                    self.screen.overlay = Overlay::Input(p, text);
                }
            }
        }
    }
}
