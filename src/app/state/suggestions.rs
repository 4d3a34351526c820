//! Suggested edits in the workbench: a reviewer (or a writer) selects text
//! and proposes new wording (F9); the writer accepts it — the text is
//! replaced in the editor as one undo step and the suggestion marked
//! accepted — or rejects it with an optional reason. A suggestion whose
//! text was edited since is shown as outdated and never applied. Each
//! change goes to the review file as one `ReviewChange`, like comments.

use super::review::{Draft, Prompt};
use super::{Overlay, State};
use crate::app::overlay_keys::OverlayCmd as C;
use crate::core::review::ReviewChange;
use crate::core::suggestion::{Decision, Place, Suggestion, SuggestionStatus};
use crate::tr;

impl State {
    /// The review file's suggestions, then the document's own tracked
    /// changes (Word's).
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.review.review.suggestions
    }

    /// Where each suggestion is in the current text, in the order of
    /// [`State::suggestions`]; worked out at each re-check.
    pub fn suggestion_places(&self) -> &[Place] {
        &self.review.places
    }

    /// Suggestions still waiting for the writer.
    pub fn open_suggestions(&self) -> usize {
        self.suggestions()
            .iter()
            .filter(|s| s.status == SuggestionStatus::Open)
            .count()
    }

    /// The open suggestion whose text holds the editor's cursor, if any:
    /// its wording is shown on the status bar.
    pub fn suggestion_at_cursor(&self) -> Option<&Suggestion> {
        let doc = &self.analysis.doc;
        let (row, col) = self.buffer.editor.cursor();
        let line = self.buffer.editor.lines().get(row)?;
        let byte = doc.index().line_start(row)
            + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        self.suggestions()
            .iter()
            .zip(self.suggestion_places())
            .find(|(s, p)| {
                s.status == SuggestionStatus::Open
                    && matches!(p, Place::Current(a) | Place::Outdated(a) if a.start <= byte && byte <= a.end)
            })
            .map(|(s, _)| s)
    }

    /// Re-anchors the suggestions in the current text.
    pub(super) fn place_suggestions(&mut self) {
        let text = self.analysis.doc.text();
        self.review.places = self
            .review
            .review
            .suggestions
            .iter()
            .map(|s| s.place_in(text))
            .collect();
    }

    /// F9: new wording for the selection (else the paragraph at the
    /// cursor), typed over the quoted text in the prompt.
    pub(super) fn start_suggestion(&mut self) {
        let Some(draft) = self.review_target() else {
            self.warn(
                "这里没有文字可改：先选中要修改的文字",
                "nothing to change here: select the text to change first",
            );
            return;
        };
        let text = draft.quote.clone();
        self.screen.overlay = Overlay::Input(Prompt::Suggest(draft), text);
    }

    /// The change a suggestion prompt sends, or why not.
    pub(super) fn suggestion_change(&mut self, d: Draft, text: String) -> Option<ReviewChange> {
        // Only line ends are trimmed: the wording's spaces are the author's.
        let replacement = text.trim_end_matches(['\r', '\n']).to_owned();
        if replacement == d.quote {
            self.say(
                "没有改动，未保存修改建议",
                "nothing changed: no suggestion saved",
            );
            return None;
        }
        let now = self.now.local.clone();
        Some(ReviewChange::AddSuggestion {
            date: now.chars().filter(char::is_ascii_digit).take(8).collect(),
            suggestion: Suggestion {
                id: String::new(),
                author: self.review.author.clone(),
                created: now,
                quote: d.quote,
                prefix: d.prefix,
                suffix: d.suffix,
                line: d.line,
                replacement,
                status: SuggestionStatus::Open,
                decided_by: String::new(),
                decided_at: String::new(),
                reason: String::new(),
                origin: None,
            },
        })
    }

    /// The decision a rejection prompt sends.
    pub(super) fn rejection(&self, id: String, reason: String) -> ReviewChange {
        ReviewChange::Decide {
            id,
            decision: Decision {
                status: SuggestionStatus::Rejected,
                by: self.review.author.clone(),
                at: self.now.local.clone(),
                reason: reason.trim().to_owned(),
            },
        }
    }

    /// A key in the list on a suggestion (`i` counts from the first
    /// suggestion; `selected` is the list position).
    pub(super) fn suggestion_command(&mut self, i: usize, selected: usize, cmd: C) {
        let Some(s) = self.review.review.suggestions.get(i).cloned() else {
            return;
        };
        let place = self
            .review
            .places
            .get(i)
            .copied()
            .unwrap_or(Place::Orphaned);
        let stay = Overlay::Comments(selected);
        if s.is_from_file() && matches!(cmd, C::Accept | C::Reject | C::Resolve | C::Delete) {
            self.screen.overlay = stay;
            self.warn(
                "这是 Word 文档里的修订（文中已按接受后显示）：请在 WPS 或 Word 中接受或拒绝",
                "this is a tracked change in the Word document (shown accepted): accept or reject it in WPS or Word",
            );
            return;
        }
        match cmd {
            C::GoTo => match place {
                Place::Current(a) | Place::Outdated(a) => self.jump_to_byte(a.start),
                Place::Orphaned => {
                    self.screen.overlay = stay;
                    self.say(
                        "这条修改建议的原文已不在稿中",
                        "this suggestion's text is no longer in the draft",
                    );
                }
            },
            C::Accept => {
                self.screen.overlay = stay;
                self.accept_suggestion(&s, place);
            }
            C::Reject if s.status == SuggestionStatus::Open => {
                self.screen.overlay = Overlay::Input(Prompt::Reject(s.id), String::new());
            }
            C::Reject | C::Resolve => {
                // A decided suggestion is opened again (undoing nothing in
                // the text: the writer's undo does that).
                self.screen.overlay = stay;
                if s.status != SuggestionStatus::Open {
                    let change = ReviewChange::Decide {
                        id: s.id,
                        decision: Decision {
                            status: SuggestionStatus::Open,
                            by: String::new(),
                            at: String::new(),
                            reason: String::new(),
                        },
                    };
                    let done = self.lang.pick("修改建议已重新打开", "suggestion reopened");
                    self.change_review(change, done.into(), None);
                }
            }
            C::Delete if s.author == self.review.author => {
                self.screen.overlay = stay;
                let done = self.lang.pick("已删除修改建议", "suggestion deleted");
                self.change_review(
                    ReviewChange::DeleteSuggestion { id: s.id },
                    done.into(),
                    None,
                );
            }
            C::Delete => {
                self.screen.overlay = stay;
                let msg = tr!(
                    self.lang,
                    "只有 {} 能删除这条修改建议；x 可以不采纳",
                    "only {} can delete this suggestion; x rejects it",
                    s.author
                );
                self.tell(msg);
            }
            C::Reply => {
                self.screen.overlay = stay;
                self.say(
                    "修改建议没有回复：不采纳时可以写理由（x）",
                    "suggestions take no replies: a rejection can give a reason (x)",
                );
            }
            C::Close => {}
            _ => self.screen.overlay = stay,
        }
    }

    /// Accepts a suggestion: its text replaced in the editor (one undo
    /// step), then the review file told. Refused in review mode, on a
    /// read-only text, and when the quoted text changed since.
    fn accept_suggestion(&mut self, s: &Suggestion, place: Place) {
        if s.status != SuggestionStatus::Open {
            self.say(
                "这条修改建议已经处理过了（v 重新打开）",
                "this suggestion was dealt with already (v reopens it)",
            );
            return;
        }
        if self.review.mode {
            self.warn(
                "审阅模式下不能改正文：修改建议由起草人采纳",
                "review mode cannot change the text: the writer accepts suggestions",
            );
            return;
        }
        if self.files.read_only {
            self.edited();
            return;
        }
        let a = match place {
            Place::Current(a) => a,
            Place::Outdated(_) => {
                self.warn(
                    "原文已改过，这条修改建议没有套用：请对照后手工修改，再用 x 标为不采纳或 v 处理",
                    "the text was edited since: the suggestion is not applied; edit by hand, then x rejects it",
                );
                return;
            }
            Place::Orphaned => {
                self.warn(
                    "这条修改建议的原文已不在稿中，无法采纳",
                    "this suggestion's text is gone: it cannot be accepted",
                );
                return;
            }
        };
        if !self.replace_bytes(a.start..a.end, &s.replacement) {
            return;
        }
        let change = ReviewChange::Decide {
            id: s.id.clone(),
            decision: Decision {
                status: SuggestionStatus::Accepted,
                by: self.review.author.clone(),
                at: self.now.local.clone(),
                reason: String::new(),
            },
        };
        let done = self.lang.pick(
            "已采纳修改建议（Ctrl-Z 可撤销改动）",
            "suggestion accepted (Ctrl-Z undoes the edit)",
        );
        self.change_review(change, done.into(), None);
    }
}
