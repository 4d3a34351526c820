//! The text parsed and checked: the document, the checklist report (with
//! the reviewer's not-applicable sign-offs applied), and a generation that
//! says which text they are of. Shared references, so that a comparison
//! worked out on another thread needs no copy.

use super::buffer::Buffer;
use super::{RECHECK_AT_ONCE_UP_TO, State, View};
use crate::app::msg::{CheckJob, Effect, Memo, parse_and_check};
use crate::core::check::Report;
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::spec::CompiledSpec;
use std::sync::Arc;

/// The analysis of the text.
pub(super) struct Analysis {
    /// The spec.
    pub(super) spec: Arc<CompiledSpec>,
    /// The parsed text (as of the last re-check).
    pub(super) doc: Arc<Document>,
    /// The checklist verdicts (as of the last re-check).
    pub(super) report: Arc<Report>,
    /// Bumped at every re-check.
    pub(super) generation: u64,
    /// The checklist is older than the text (huge drafts are re-checked when
    /// typing pauses, not at every key).
    pub(super) stale: bool,
    /// A check on a worker thread, of the text at this edit count.
    pub(super) checking: Option<u64>,
    /// The text has not been checked at all yet: a huge draft just opened,
    /// its first check on a worker (the first frame does not wait for it).
    pub(super) pending: bool,
    /// The editor's line count when the checked text was the editor's
    /// (the editor counts changed lines from then on: see
    /// [`State::placer`]).
    pub(super) lines: usize,
    /// What the checks so far worked out of each paragraph: a re-check
    /// works out only the paragraphs an edit changed. Not used for a huge
    /// draft (see [`State::memo_for_check`]).
    pub(super) memo: Memo,
}

impl Analysis {
    /// The analysis of the buffer's text, checked now.
    pub(super) fn new(buffer: &mut Buffer, spec: Arc<CompiledSpec>, lang: Lang) -> Analysis {
        let text = buffer.owned_text();
        Analysis::of(text, buffer, spec, lang, false)
    }

    /// The analysis of a huge draft before its first check: an empty
    /// document, stale and pending, until [`State::request_check`]'s
    /// result comes.
    pub(super) fn pending(buffer: &Buffer, spec: Arc<CompiledSpec>, lang: Lang) -> Analysis {
        Analysis::of(String::new(), buffer, spec, lang, true)
    }

    fn of(
        text: String,
        buffer: &Buffer,
        spec: Arc<CompiledSpec>,
        lang: Lang,
        pending: bool,
    ) -> Analysis {
        let memo = Memo::default();
        // A huge draft's empty stand-in is not worth remembering.
        let (doc, report) = parse_and_check(
            text,
            buffer.format.clone(),
            &spec,
            lang,
            (!pending).then_some(&memo),
        );
        buffer.editor.mark_lines();
        Analysis {
            spec,
            doc: Arc::new(doc),
            report: Arc::new(report),
            generation: 0,
            stale: pending,
            checking: None,
            pending,
            lines: buffer.editor.lines().len(),
            memo,
        }
    }
}

impl State {
    /// Re-parses and re-checks the editor's text now: the checklist, the
    /// not-applicable sign-offs, the comments' anchors; an open view's
    /// comparison is asked for again.
    pub(super) fn recheck(&mut self) {
        let memo = self.memo_for_check();
        let (doc, report) = parse_and_check(
            self.buffer.owned_text(),
            self.buffer.format.clone(),
            &self.analysis.spec,
            self.lang,
            memo.as_ref(),
        );
        self.install_check(Arc::new(doc), report);
    }

    /// The draft's memo for a check, while the draft is one checked after
    /// every key: a huge draft is checked when typing pauses, where the
    /// memo's copy of its text and figures (about 7 bytes per byte of
    /// text) would buy no frame; its memo is let go.
    fn memo_for_check(&mut self) -> Option<Memo> {
        if !self.is_huge() {
            return Some(self.analysis.memo.clone());
        }
        if self.analysis.memo.try_lock().is_ok_and(|m| !m.is_empty()) {
            self.analysis.memo = Memo::default();
        }
        None
    }

    /// The checklist is older than the text (a re-check on its way, or a
    /// huge draft being typed).
    pub fn is_stale(&self) -> bool {
        self.analysis.stale
    }

    /// The checklist is older than the text and is re-checked only once
    /// typing pauses (a huge draft): its title says so. (An ordinary
    /// draft's re-check follows each key within milliseconds: saying so
    /// would only flicker.)
    pub fn checks_after_pause(&self) -> bool {
        self.analysis.stale && self.is_huge()
    }

    /// Whether the text is one re-checked when typing pauses (over
    /// [`RECHECK_AT_ONCE_UP_TO`] when last checked), not after every key.
    pub(super) fn is_huge(&self) -> bool {
        self.analysis.pending || self.analysis.doc.text().len() > RECHECK_AT_ONCE_UP_TO
    }

    /// After an edit: the analysis is behind the text; an ordinary draft is
    /// re-checked on a worker at once (the frame showing the key does not
    /// wait for it), a huge one once typing pauses.
    pub(super) fn text_changed(&mut self) {
        self.analysis.stale = true;
        self.check_ordinary_draft();
    }

    /// An ordinary draft's re-check asked of a worker, unless one is on its
    /// way (its result then asks again if the text changed meanwhile).
    fn check_ordinary_draft(&mut self) {
        if !self.is_huge() && self.analysis.checking.is_none() {
            self.request_check();
        }
    }

    /// Re-checks at once, or for a huge draft on a worker (the checklist
    /// marked as checking meanwhile).
    pub(super) fn recheck_soon(&mut self) {
        if self.is_huge() {
            self.analysis.stale = true;
            self.request_check();
        } else {
            self.recheck();
        }
    }

    /// Asks a worker to re-check the text (after a key in an ordinary
    /// draft, once typing paused in a huge one): the frames go on
    /// meanwhile, and the result is used if no edit came after
    /// ([`State::on_checked`]).
    pub(super) fn request_check(&mut self) {
        let edits = self.buffer.edits;
        if self.analysis.checking == Some(edits) {
            return;
        }
        self.analysis.checking = Some(edits);
        let job = CheckJob {
            edits,
            text: self.buffer.joined(),
            format: self.buffer.format.clone(),
            spec: self.analysis.spec.clone(),
            lang: self.lang,
            memo: self.memo_for_check(),
        };
        self.emit(Effect::Check(job));
    }

    /// A worker's check arrived: used when it is of the current text. Else
    /// an ordinary draft's text is sent again at once (keys typed while it
    /// ran are checked together: one check on its way at a time), a huge
    /// one's at the next pause.
    pub(super) fn on_checked(&mut self, edits: u64, doc: Arc<Document>, report: Report) {
        if self.analysis.checking == Some(edits) {
            self.analysis.checking = None;
        }
        if edits == self.buffer.edits && self.analysis.stale {
            self.install_check(doc, report);
        } else if self.analysis.stale {
            self.check_ordinary_draft();
        }
    }

    /// A check of the current text becomes the analysis: sign-offs applied,
    /// comments re-anchored, an open view's comparison asked for.
    fn install_check(&mut self, doc: Arc<Document>, mut report: Report) {
        report.apply_na(self.review.review.na_items(), self.lang);
        let a = &mut self.analysis;
        a.pending = false;
        a.doc = doc;
        a.report = Arc::new(report);
        a.generation += 1;
        a.stale = false;
        // The checked text is the editor's: changed lines count from here.
        a.lines = self.buffer.editor.lines().len();
        self.buffer.editor.mark_lines();
        self.reanchor();
        if self.views.view != View::Workbench {
            self.request_comparison();
        }
    }

    /// Re-checks a stale checklist (a huge draft once typing paused, or
    /// before a jump that needs positions in the current text). Returns
    /// whether it did.
    pub(super) fn catch_up(&mut self) -> bool {
        if self.analysis.stale {
            self.recheck();
            true
        } else {
            false
        }
    }
}
