//! What an overlay does with its keys (the table in `app::overlay_keys`
//! says which key is which command): the questions, the recovery offer,
//! the lock, the sign-off choice, the comment list, the help's scroll.

use super::{Overlay, State};
use crate::app::layout;
use crate::app::msg::Effect;
use crate::app::overlay_keys::OverlayCmd as C;
use crate::core::review::{CommentStatus, ReviewChange, Verdict, anchor};
use crate::tr;

impl State {
    /// Carries out `cmd` in `overlay` (already taken off the screen: an
    /// overlay that stays puts itself back).
    pub(super) fn overlay_command(&mut self, overlay: Overlay, cmd: C) {
        match overlay {
            Overlay::ReplaceAsk => self.replace_command(cmd),
            Overlay::Help(top) => {
                self.screen.overlay = match cmd {
                    C::Down => Overlay::Help(top + 1),
                    C::Up => Overlay::Help(top.saturating_sub(1)),
                    C::PageDown => Overlay::Help(top + 10),
                    C::PageUp => Overlay::Help(top.saturating_sub(10)),
                    _ => Overlay::None,
                };
            }
            Overlay::ConfirmQuit => match cmd {
                C::Yes => {
                    // Quitting without saving discards deliberately.
                    self.drop_recovery();
                    self.screen.quit = true;
                }
                _ => self.say("已取消", "cancelled"),
            },
            Overlay::ConfirmOverwrite => match cmd {
                C::Yes => self.save(None),
                C::Reload => self.reload_asked(),
                C::SaveAs => {
                    self.screen.overlay = Overlay::SaveAs(self.buffer.path.display().to_string())
                }
                _ => self.say("已取消", "cancelled"),
            },
            Overlay::Recover(r, aside) => match cmd {
                C::Restore => {
                    self.buffer.set_text(&r.text, (0, 0));
                    self.edited();
                    self.catch_up();
                    // Set-aside text stays in its file until it is saved.
                    self.files.aside_restored |= aside;
                    self.say(
                        "已恢复未保存的文字；Ctrl-S 保存",
                        "unsaved text restored; Ctrl-S saves",
                    );
                }
                C::Discard => {
                    if aside {
                        self.emit(Effect::RemoveRecovery {
                            key: crate::app::msg::RecoveryKey::Aside(self.buffer.path.clone()),
                        });
                    } else {
                        self.drop_recovery();
                    }
                    self.say("已丢弃恢复文件", "recovery file discarded");
                }
                _ => self.tell(tr!(
                    self.lang,
                    "恢复文件保留在 {}",
                    "the recovery file is kept at {}",
                    r.file.display()
                )),
            },
            Overlay::Locked(h) => match cmd {
                C::EditAnyway => self.emit(Effect::Lock {
                    path: self.buffer.path.clone(),
                    take_over: true,
                }),
                C::QuitNow => self.screen.quit = true,
                _ => {
                    // The text as it is now is what a refused edit puts
                    // back: joined before the first one comes.
                    self.buffer.joined();
                    self.files.read_only = true;
                    self.tell(tr!(
                        self.lang,
                        "只读：{}@{}（进程 {}）正在编辑",
                        "read-only: {}@{} (process {}) is editing it",
                        h.user,
                        h.host,
                        h.pid
                    ));
                }
            },
            Overlay::Verdict(item) => {
                let verdict = match cmd {
                    C::Met => Verdict::Met,
                    C::NotMet => Verdict::NotMet,
                    C::NotApplicable => Verdict::Na,
                    C::Withdraw => {
                        let done = self.lang.pick("已撤回审核意见", "sign-off withdrawn");
                        self.change_review(ReviewChange::Withdraw { item }, done.into(), None);
                        return;
                    }
                    _ => {
                        self.say("已取消", "cancelled");
                        return;
                    }
                };
                self.screen.overlay =
                    Overlay::Input(super::Prompt::Reason(item, verdict), String::new());
            }
            Overlay::Comments(selected) => {
                // Going to a comment's text and accepting a suggestion need
                // its place in the text as it is now.
                self.catch_up();
                self.comments_command(selected, cmd)
            }
            Overlay::DeleteComment(id, pos) => {
                if cmd == C::Yes {
                    let done = self.lang.pick("已删除批注", "comment deleted");
                    self.screen.overlay = Overlay::Comments(pos.saturating_sub(1));
                    self.change_review(ReviewChange::DeleteComment { id }, done.into(), None);
                } else {
                    self.screen.overlay = Overlay::Comments(pos);
                }
            }
            Overlay::None
            | Overlay::Search(_)
            | Overlay::ReplaceFind(_)
            | Overlay::ReplaceWith(_)
            | Overlay::SaveAs(_)
            | Overlay::GoToLine(_)
            | Overlay::Input(..) => {}
        }
    }

    /// The comment list: select, go to the text, reply, resolve or reopen,
    /// delete your own (after asking), close.
    fn comments_command(&mut self, selected: usize, cmd: C) {
        // Comments first, then the suggestions.
        let comments = self.review.review.comments.len();
        let total = comments + self.review.review.suggestions.len();
        match cmd {
            C::Down => {
                self.screen.overlay =
                    Overlay::Comments((selected + 1).min(total.saturating_sub(1)));
                return;
            }
            C::Up => {
                self.screen.overlay = Overlay::Comments(selected.saturating_sub(1));
                return;
            }
            _ if selected >= comments => {
                self.suggestion_command(selected - comments, selected, cmd);
                return;
            }
            C::Accept | C::Reject => {
                self.screen.overlay = Overlay::Comments(selected);
                self.say("a / x 用于修改建议", "a and x are for suggestions");
                return;
            }
            _ => {}
        }
        let comments = &self.review.review.comments;
        let n = comments.len();
        let Some(c) = comments.get(selected.min(n.saturating_sub(1))) else {
            return;
        };
        let id = c.id.clone();
        let stay = super::Overlay::Comments(selected);
        match cmd {
            C::Down => self.screen.overlay = Overlay::Comments((selected + 1).min(n - 1)),
            C::Up => self.screen.overlay = Overlay::Comments(selected.saturating_sub(1)),
            C::GoTo => match anchor(c, self.analysis.doc.text()) {
                Some(a) => self.jump_to_byte(a.start),
                None => {
                    self.screen.overlay = stay;
                    self.say(
                        "这条批注的原文已不在稿中",
                        "this comment's text is no longer in the draft",
                    );
                }
            },
            // The document's own comments are dealt with where they live,
            // before anything is typed for them.
            C::Reply | C::Delete | C::Resolve if c.is_from_file() => {
                self.screen.overlay = stay;
                self.refuse_file_comment();
            }
            C::Reply => {
                self.screen.overlay = Overlay::Input(super::Prompt::Reply(id), String::new())
            }
            C::Delete if c.author == self.review.author => {
                self.screen.overlay = Overlay::DeleteComment(id, selected);
            }
            C::Delete => {
                let msg = tr!(
                    self.lang,
                    "只有 {} 能删除这条批注；v 可以把它标为已解决",
                    "only {} can delete this comment; v resolves it",
                    c.author
                );
                self.screen.overlay = stay;
                self.tell(msg);
            }
            C::Resolve => {
                let reopen = c.status == CommentStatus::Resolved;
                self.screen.overlay = stay;
                let (status, done) = if reopen {
                    (
                        CommentStatus::Open,
                        self.lang.pick("已重新打开", "reopened"),
                    )
                } else {
                    (
                        CommentStatus::Resolved,
                        self.lang.pick("已解决", "resolved"),
                    )
                };
                self.change_review(ReviewChange::SetStatus { id, status }, done.into(), None);
            }
            C::Close => {}
            _ => self.screen.overlay = stay,
        }
    }

    /// The help's scroll kept within its rows at this terminal size, so
    /// that scrolling back starts at once.
    pub(super) fn settle_help(&mut self) {
        if let Overlay::Help(top) = self.screen.overlay {
            let rows = crate::app::help::rows(&self.keymap, self.lang);
            let max = layout::help(self.screen.size, &rows).map_or(0, |g| g.max_scroll);
            self.screen.overlay = Overlay::Help(top.min(max));
        }
    }
}
