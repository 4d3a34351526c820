//! Review in the workbench: comments anchored to the selection or the
//! paragraph at the cursor, replies, resolving, and per-item sign-off. Every
//! change goes through `io::review::update`, which re-reads the sidecar
//! under a lock first, so two reviewers on one server keep each other's work.

use super::{App, Overlay, View};
use crate::app::keymap::Action;
use crate::core::review::{
    Anchor, Comment, CommentStatus, Reply, Review, Signoff, Verdict, anchor,
};
use crate::io::clock::now_rfc3339;
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
}

impl Prompt {
    /// The prompt's label.
    pub fn label(&self, app: &App) -> String {
        let lang = app.lang;
        match self {
            Prompt::Comment(d) => tr!(
                lang,
                "批注“{}”：",
                "Comment on \"{}\": ",
                crate::core::text::truncate_chars(&d.quote, 12)
            ),
            Prompt::Reply(id) => tr!(lang, "回复 {id}：", "Reply to {id}: "),
            Prompt::Reason(item, v) => tr!(
                lang,
                "“{}”{}的理由：",
                "Why \"{}\" is {}: ",
                app.item_title(item),
                v.name(lang)
            ),
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

impl App {
    /// Reads the draft's review sidecar: items signed off as not applicable
    /// show as `–` with the reviewer's reason.
    pub fn load_review(&mut self) {
        match crate::io::review::read(&self.path) {
            Ok(r) => self.set_review(r),
            Err(e) => {
                self.complain(e);
            }
        }
    }

    /// Opens for review: the text read-only, comments and sign-offs on.
    pub fn start_review_mode(&mut self) {
        self.review_mode = true;
        self.read_only = true;
        self.say("审阅模式：正文只读。F5 批注　F6 批注列表　F7 审核所选项目", "review mode: the text is read-only. F5 comment   F6 comments   F7 sign off the selected item");
    }

    /// Sets the review read from the sidecar: `na` sign-offs applied to the
    /// checklist, comments re-anchored.
    pub(super) fn set_review(&mut self, review: Review) {
        self.review = review;
        self.recheck();
    }

    /// Keeps the text of an open review prompt where the hangup /
    /// termination / panic handlers find it; once a prompt closes (sent or
    /// given up), an unsent comment kept from an earlier session is done
    /// with and its recovery file goes.
    pub(super) fn sync_pending(&mut self) {
        let text = match &self.overlay {
            Overlay::Input(_, l) => l.clone(),
            _ => String::new(),
        };
        let open = matches!(self.overlay, Overlay::Input(..));
        self.lock_snapshot().pending = text;
        if !open && self.pending_on_disk && self.pending_comment.is_none() {
            self.pending_on_disk = false;
            if let Some(dir) = self.recovery_dir() {
                let _ = crate::io::recovery::remove(
                    &dir,
                    &crate::io::recovery::comment_key(&self.path),
                );
            }
        }
    }

    /// Looks for a comment left unsent by an earlier session (in the
    /// recovery folder): it comes back in the next comment prompt.
    pub(super) fn offer_pending_comment(&mut self, dir: &std::path::Path) {
        let key = crate::io::recovery::comment_key(&self.path);
        match crate::io::recovery::read(dir, &key) {
            Ok(Some(r)) if !r.text.trim().is_empty() => {
                let shown = crate::core::text::truncate_chars(&r.text, 20).into_owned();
                self.pending_comment = Some(r.text);
                self.pending_on_disk = true;
                self.message = Some((
                    tr!(
                        self.lang,
                        "上次没有发出的批注“{}”已保留：F5 再写批注时会带出",
                        "an unsent comment from last time (\"{}\") was kept: F5 brings it back",
                        shown
                    ),
                    false,
                ));
            }
            Ok(_) => {}
            Err(e) => self.complain(e),
        }
    }

    /// Re-reads the sidecar: another reviewer's comments and sign-offs show
    /// up without a key press. Returns whether anything changed. (A sidecar
    /// that does not parse is left alone here; writing says why.)
    pub(super) fn check_review(&mut self) -> bool {
        // Parsed again only when its time or size changed (every write
        // renames a new file into place, so both move).
        let seen = super::disk_meta(&crate::io::review::sidecar_path(&self.path));
        if seen == self.review_seen {
            return false;
        }
        self.review_seen = seen;
        match crate::io::review::read(&self.path) {
            Ok(r) if r != self.review => {
                self.set_review(r);
                true
            }
            _ => false,
        }
    }

    /// Where each comment is in the current text (`None`: orphaned), in
    /// the order of [`App::review`]'s comments; worked out at each re-check.
    pub fn anchors(&self) -> &[Option<Anchor>] {
        &self.anchors
    }

    /// Re-anchors the comments in the current text.
    pub(super) fn reanchor(&mut self) {
        let text = self.doc.text();
        self.anchors = self
            .review
            .comments
            .iter()
            .map(|c| anchor(c, text))
            .collect();
    }

    /// Open comments.
    pub fn open_comments(&self) -> usize {
        self.review
            .comments
            .iter()
            .filter(|c| c.status == CommentStatus::Open)
            .count()
    }

    /// A checklist item's title (its id if the spec has no such item).
    pub fn item_title(&self, id: &str) -> String {
        self.report
            .items
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| id.to_owned(), |i| i.title.clone())
    }

    /// The sign-off of a checklist item, if any.
    pub fn signoff(&self, item: &str) -> Option<&Signoff> {
        self.review.signoffs.iter().find(|s| s.item == item)
    }

    /// A review key (comment, list, sign-off). Returns whether it was one.
    pub(super) fn review_act(&mut self, action: Action) -> bool {
        match action {
            Action::Comment => self.start_comment(),
            Action::Comments => {
                if self.review.comments.is_empty() {
                    self.say("还没有批注", "no comments yet");
                } else {
                    self.overlay = Overlay::Comments(0);
                }
            }
            Action::SignOff => {
                let item = match self.rows().get(self.selected) {
                    Some(super::Row::Item(i)) if self.view == View::Workbench => {
                        Some(self.report.items[*i].id.clone())
                    }
                    _ => None,
                };
                match item {
                    Some(id) => self.overlay = Overlay::Verdict(id),
                    None => self.say(
                        "先在清单里选一个项目（F2 切到清单）",
                        "select a checklist item first (F2 focuses the checklist)",
                    ),
                }
            }
            _ => return false,
        }
        true
    }

    /// The text to comment on: in the diff view the selected paragraph of
    /// this year's report; in the editor the selection, else the paragraph
    /// at the cursor.
    fn start_comment(&mut self) {
        self.on_idle();
        let range = if self.view == View::Diff {
            self.comparison();
            self.cmp
                .as_ref()
                .and_then(|c| c.paragraphs.get(self.diff.selected))
                .and_then(|p| p.new)
                .map(|n| self.doc.paragraphs()[n].range.clone())
        } else {
            let index = self.doc.index();
            let byte = |(row, col): (usize, usize)| {
                let start = index.line_start(row);
                let line = self.editor.lines().get(row).map_or("", String::as_str);
                start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
            };
            match self.editor.selection_range() {
                Some((a, b)) if a != b => Some(byte(a)..byte(b)),
                _ => {
                    let row = self.editor.cursor().0;
                    let line = self.editor.lines().get(row).map_or("", String::as_str);
                    let start = index.line_start(row);
                    let lead = line.len() - line.trim_start().len();
                    Some(start + lead..start + line.trim_end().len())
                }
            }
        };
        let text = self.doc.text();
        let Some(r) = range.filter(|r| r.start < r.end && r.end <= text.len()) else {
            self.warn(
                "这里没有文字可批注：把光标放到段落里，或先选中文字",
                "nothing to comment on here: put the cursor in a paragraph or select text",
            );
            return;
        };
        let draft = Draft {
            quote: text[r.clone()].to_owned(),
            prefix: tail(&text[..r.start], CONTEXT_CHARS).to_owned(),
            suffix: head(&text[r.end..], CONTEXT_CHARS).to_owned(),
            line: crate::core::review::line_at(text, r.start),
        };
        self.editor.cancel_selection();
        // A comment left unsent last time comes back here.
        let text = self.pending_comment.take().unwrap_or_default();
        self.overlay = Overlay::Input(Prompt::Comment(draft), text);
        self.sync_pending();
    }

    /// Finishes a review prompt with the text typed.
    pub(super) fn submit_prompt(&mut self, prompt: Prompt, text: String) {
        let body = text.trim().to_owned();
        let author = self.author.clone();
        let now = now_rfc3339();
        // Kept to reopen the prompt with the words typed if writing fails.
        let again = prompt.clone();
        let done: Box<dyn FnOnce(&mut Review)> = match prompt {
            Prompt::Comment(d) => {
                if body.is_empty() {
                    self.say("批注是空的，未保存", "empty comment: not saved");
                    return;
                }
                let date: String = now.chars().filter(char::is_ascii_digit).take(8).collect();
                Box::new(move |r: &mut Review| {
                    let id = r.next_comment_id(&date);
                    r.comments.push(Comment {
                        id,
                        author,
                        created: now,
                        quote: d.quote,
                        prefix: d.prefix,
                        suffix: d.suffix,
                        line: d.line,
                        body,
                        status: CommentStatus::Open,
                        replies: Vec::new(),
                    });
                })
            }
            Prompt::Reply(id) => {
                if body.is_empty() {
                    return;
                }
                Box::new(move |r: &mut Review| {
                    if let Some(c) = r.comments.iter_mut().find(|c| c.id == id) {
                        c.replies.push(Reply {
                            author,
                            created: now,
                            body,
                        });
                    }
                })
            }
            Prompt::Reason(item, verdict) => {
                if body.is_empty() && verdict != Verdict::Met {
                    self.warn(
                        "“不符合”和“不适用”需要写理由，未保存",
                        "\"not met\" and \"not applicable\" need a reason: not saved",
                    );
                    return;
                }
                Box::new(move |r: &mut Review| {
                    r.sign(Signoff {
                        item,
                        verdict,
                        reason: body,
                        author,
                        at: now,
                    })
                })
            }
        };
        let saved = self.update_review(
            done,
            self.lang.pick("已写入审阅文件", "saved to the review file"),
        );
        if !saved {
            // Never lose the words: the prompt comes back with them, the
            // error beside them; Enter tries again, Esc gives up.
            self.overlay = Overlay::Input(again, text);
        }
    }

    /// Applies a change to the sidecar (re-read under its lock first).
    /// Returns whether it was written.
    pub(super) fn update_review(&mut self, change: impl FnOnce(&mut Review), done: &str) -> bool {
        match crate::io::review::update(&self.path, change) {
            Ok(r) => {
                self.set_review(r);
                self.message = Some((done.to_owned(), false));
                true
            }
            Err(e) => {
                self.complain(e);
                false
            }
        }
    }

    /// Keys of the comment list: ↑/↓ (j/k) select, Enter jumps, r replies,
    /// v resolves or reopens, Esc closes.
    pub(super) fn comments_key(&mut self, selected: usize, code: crossterm::event::KeyCode) {
        use crossterm::event::KeyCode;
        let n = self.review.comments.len();
        let Some(c) = self.review.comments.get(selected.min(n.saturating_sub(1))) else {
            return;
        };
        let id = c.id.clone();
        match code {
            KeyCode::Down | KeyCode::Char('j') => {
                self.overlay = Overlay::Comments((selected + 1).min(n.saturating_sub(1)))
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.overlay = Overlay::Comments(selected.saturating_sub(1))
            }
            KeyCode::Enter => match anchor(c, self.doc.text()) {
                Some(a) => {
                    self.jump_to_byte(a.start);
                }
                None => {
                    self.overlay = Overlay::Comments(selected);
                    self.say(
                        "这条批注的原文已不在稿中",
                        "this comment's text is no longer in the draft",
                    );
                }
            },
            KeyCode::Char('r') => self.overlay = Overlay::Input(Prompt::Reply(id), String::new()),
            KeyCode::Char('d') if c.author == self.author => {
                self.overlay = Overlay::DeleteComment(id, selected);
            }
            KeyCode::Char('d') => {
                let msg = tr!(
                    self.lang,
                    "只有 {} 能删除这条批注；v 可以把它标为已解决",
                    "only {} can delete this comment; v resolves it",
                    c.author
                );
                self.overlay = Overlay::Comments(selected);
                self.message = Some((msg, false));
            }
            KeyCode::Char('v') => {
                let reopen = c.status == CommentStatus::Resolved;
                self.overlay = Overlay::Comments(selected);
                self.update_review(
                    move |r| {
                        if let Some(c) = r.comments.iter_mut().find(|c| c.id == id) {
                            c.status = if reopen {
                                CommentStatus::Open
                            } else {
                                CommentStatus::Resolved
                            };
                        }
                    },
                    if reopen {
                        self.lang.pick("已重新打开", "reopened")
                    } else {
                        self.lang.pick("已解决", "resolved")
                    },
                );
            }
            KeyCode::Esc | KeyCode::Char('q') => {}
            _ => self.overlay = Overlay::Comments(selected),
        }
    }

    /// y deletes the comment (from the review file, re-read first);
    /// anything else goes back to the list.
    pub(super) fn delete_comment_key(
        &mut self,
        id: String,
        pos: usize,
        code: crossterm::event::KeyCode,
    ) {
        if matches!(code, crossterm::event::KeyCode::Char('y' | 'Y')) {
            let done = self.lang.pick("已删除批注", "comment deleted");
            let _ = self.update_review(move |r| r.comments.retain(|c| c.id != id), done);
            if !self.review.comments.is_empty() {
                self.overlay = Overlay::Comments(pos.saturating_sub(1));
            }
        } else {
            self.overlay = Overlay::Comments(pos);
        }
    }

    /// Keys of the sign-off choice: m met, x not met, a not applicable,
    /// u withdraws the sign-off, anything else cancels.
    pub(super) fn verdict_key(&mut self, item: String, code: crossterm::event::KeyCode) {
        use crossterm::event::KeyCode;
        let verdict = match code {
            KeyCode::Char('m' | 'M') => Verdict::Met,
            KeyCode::Char('x' | 'X') => Verdict::NotMet,
            KeyCode::Char('a' | 'A') => Verdict::Na,
            KeyCode::Char('u' | 'U') => {
                let msg = self.lang.pick("已撤回审核意见", "sign-off withdrawn");
                let _ = self.update_review(move |r| r.signoffs.retain(|s| s.item != item), msg);
                return;
            }
            _ => {
                self.say("已取消", "cancelled");
                return;
            }
        };
        self.overlay = Overlay::Input(Prompt::Reason(item, verdict), String::new());
    }
}
