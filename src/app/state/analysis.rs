//! The text parsed and checked: the document, the checklist report (with
//! the reviewer's not-applicable sign-offs applied), and a generation that
//! says which text they are of. Shared references, so that a comparison
//! worked out on another thread needs no copy.

use super::buffer::Buffer;
use super::{State, View};
use crate::core::check::{CheckOptions, Report, check};
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
}

impl Analysis {
    pub(super) fn new(buffer: &Buffer, spec: Arc<CompiledSpec>, lang: Lang) -> Analysis {
        let doc = Document::parse_normalized(buffer.joined.to_string(), buffer.format.clone());
        let report = check(&doc, &spec, &CheckOptions { lang });
        Analysis {
            spec,
            doc: Arc::new(doc),
            report: Arc::new(report),
            generation: 0,
            stale: false,
        }
    }
}

impl State {
    /// Re-parses and re-checks the editor's text.
    pub(super) fn recheck(&mut self) {
        self.recheck_text(self.text());
    }

    /// Re-checks `text`, the editor's text already joined: the checklist,
    /// the not-applicable sign-offs, the comments' anchors; an open view's
    /// comparison is asked for again.
    pub(super) fn recheck_text(&mut self, text: String) {
        let a = &mut self.analysis;
        let doc = Document::parse_normalized(text, self.buffer.format.clone());
        let mut report = check(&doc, &a.spec, &CheckOptions { lang: self.lang });
        report.apply_na(self.review.review.na_items(), self.lang);
        a.doc = Arc::new(doc);
        a.report = Arc::new(report);
        a.generation += 1;
        a.stale = false;
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
