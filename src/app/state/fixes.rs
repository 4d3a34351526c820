//! Quick fixes from the checklist: on a problem row, `f` makes the fix the
//! tool knows (a numbering run renumbered, web residue removed, full-width
//! punctuation, a plans paragraph's years rolled forward) in the
//! editor as one undo step. Refused in review mode and on read-only text,
//! like every edit; a problem without a fix says so.

use super::{Row, State};
use crate::core::fix::{Edit, FIXABLE, apply_edits, fixes};
use crate::core::spec::lint_rule_name;
use crate::tr;

impl State {
    /// `f` on the checklist: fixes the selected problem.
    pub(super) fn fix_selected_problem(&mut self) {
        // Positions must be of the text as it is now.
        self.catch_up();
        let Some(Row::Lint(l)) = self.rows().get(self.screen.selected).copied() else {
            self.say(
                "选中清单里的一个问题（编号、网页残留、标点、年份）再按 f",
                "select a problem (numbering, web residue, punctuation, years) in the checklist, then press f",
            );
            return;
        };
        let lint = self.analysis.report.lints[l].clone();
        if !FIXABLE.contains(&lint.rule) {
            let msg = tr!(
                self.lang,
                "“{}”没有自动修正，请手工修改（回车跳到原文）",
                "“{}” has no automatic fix: edit it by hand (Enter goes to the text)",
                lint_rule_name(lint.rule, self.lang)
            );
            self.tell(msg);
            return;
        }
        if self.review.mode || self.files.read_only {
            // Refused and said, as for any edit of a read-only text.
            self.edited();
            return;
        }
        let doc = self.analysis.doc.clone();
        let found = fixes(&doc, &self.analysis.report.lints, &[lint.rule]);
        // The fix of this finding: one with an edit inside it (a plans
        // paragraph's years are one fix for each of its findings).
        let Some(fix) = found.iter().find(|f| {
            f.at == lint.range.start
                || f.edits
                    .iter()
                    .any(|e| lint.range.start <= e.range.start && e.range.start <= lint.range.end)
        }) else {
            self.say("这个问题已经不在了", "this problem is gone");
            return;
        };
        // One replacement over the span of its edits: one undo step.
        let start = fix.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
        let end = fix.edits.iter().map(|e| e.range.end).max().unwrap_or(start);
        let local: Vec<Edit> = fix
            .edits
            .iter()
            .map(|e| Edit {
                range: e.range.start - start..e.range.end - start,
                text: e.text.clone(),
            })
            .collect();
        let replacement = apply_edits(&doc.text()[start..end], &local);
        if !self.replace_bytes(start..end, &replacement) {
            return;
        }
        let msg = tr!(
            self.lang,
            "已修正“{}”（Ctrl-Z 可撤销）",
            "fixed “{}” (Ctrl-Z undoes it)",
            lint_rule_name(lint.rule, self.lang)
        );
        self.tell(msg);
    }
}
