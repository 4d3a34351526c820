//! The one command list: every action of the workbench defined once —
//! its name in code, its word in `config.yaml` (`keys:`), and what the help
//! says of it in each language. The keymap binds keys to these, the help is
//! generated from them, and the README's key table follows the help.
//!
//! To add an action: one line in `actions!` below, a default key in
//! `keymap.rs`, and what it does in `update.rs` (the compiler then asks for
//! every `match` that must know it).

use crate::core::lang::Lang;
use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($( $(#[$doc:meta])* $name:ident = $word:literal, $zh:literal, $en:literal; )*) => {
        /// Everything a key can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Action {
            $( $(#[$doc])* #[serde(rename = $word)] $name, )*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[ $( Action::$name, )* ];

            /// Its word in `config.yaml`.
            pub fn word(self) -> &'static str {
                match self { $( Action::$name => $word, )* }
            }

            /// What the action does, for the help.
            pub fn describe(self, lang: Lang) -> &'static str {
                match self { $( Action::$name => lang.pick($zh, $en), )* }
            }
        }
    };
}

actions! {
    /// Save the draft.
    Save = "save", "保存", "save";
    /// Save the draft under another name (and go on editing that file).
    SaveAs = "save_as", "另存为", "save as";
    /// Quit (asking first when there are unsaved changes).
    Quit = "quit", "退出（有未保存的修改时先询问）", "quit (asks first when there are unsaved changes)";
    /// Show or hide the help overlay.
    Help = "help", "帮助", "help";
    /// Move focus between the checklist and the editor.
    SwitchFocus = "switch_focus", "在清单和编辑器之间切换", "switch between checklist and editor";
    /// Show the year-over-year diff (needs `--previous`).
    DiffView = "diff_view", "与上一年度对比（需 --previous）", "compare with last year (needs --previous)";
    /// Show the figures view.
    FiguresView = "figures_view", "数字对比", "figures";
    /// Go to the next problem (missing item, lint).
    NextProblem = "next_problem", "下一个问题", "next problem";
    /// Go to the previous problem.
    PreviousProblem = "previous_problem", "上一个问题", "previous problem";
    /// Jump to the selected item's evidence (or where it belongs).
    Jump = "jump", "跳到证据（或应在的位置）", "jump to the evidence (or where it belongs)";
    /// Select the next item.
    Down = "down", "下一项", "next item";
    /// Select the previous item.
    Up = "up", "上一项", "previous item";
    /// Search in the draft.
    Search = "search", "查找", "search";
    /// Next search match.
    SearchNext = "search_next", "查找下一个", "next match";
    /// The search match before the cursor.
    SearchPrevious = "search_previous", "查找上一个", "previous match";
    /// Replace matches one by one or all at once.
    Replace = "replace", "替换（逐处确认或全部替换，可按正则表达式）", "replace (one by one or all; regex too)";
    /// Select the whole text.
    SelectAll = "select_all", "全选", "select all";
    /// Give the checklist or the editor the room (stacked layout).
    Zoom = "zoom", "上下排列时放大清单或编辑器", "give the checklist or the editor the room (stacked layout)";
    /// Go to a line by its number.
    GoToLine = "go_to_line", "转到第几行", "go to a line by its number";
    /// Undo an edit.
    Undo = "undo", "撤销", "undo";
    /// Redo an edit.
    Redo = "redo", "重做", "redo";
    /// Copy the selection.
    Copy = "copy", "复制", "copy";
    /// Cut the selection.
    Cut = "cut", "剪切", "cut";
    /// Paste what was copied or cut.
    Paste = "paste", "粘贴", "paste";
    /// Close an overlay or cancel.
    Cancel = "cancel", "关闭或取消", "close or cancel";
    /// Go to the next change (diff view).
    NextChange = "next_change", "下一处变化", "next change";
    /// Go to the previous change (diff view).
    PreviousChange = "previous_change", "上一处变化", "previous change";
    /// Show only changes, or everything (diff view).
    ToggleChanges = "toggle_changes", "只看变化 / 看全文", "only changes / everything";
    /// Down a page.
    PageDown = "page_down", "下一页", "page down";
    /// Up a page.
    PageUp = "page_up", "上一页", "page up";
    /// Sort the figures by the next key (figures view).
    SortFigures = "sort_figures", "换一种排序（原文顺序、指标、变化、幅度）", "sort by the next key (document order, metric, change, size of change)";
    /// Show the next metric's figures only, then all (figures view).
    FilterMetric = "filter_metric", "只看下一个指标的数字（再按到全部）", "show the next metric only (then all again)";
    /// Comment on the selection or the paragraph at the cursor.
    Comment = "comment", "对选中文字或光标所在段落写批注", "comment on the selection or the paragraph at the cursor";
    /// List the comments (reply, resolve, jump).
    Comments = "comments", "批注列表（回复、解决、跳转）", "list comments (reply, resolve, jump)";
    /// Sign off the selected checklist item: met, not met or not applicable.
    SignOff = "sign_off", "审核所选项目：符合 / 不符合 / 不适用", "sign off the selected item: met / not met / not applicable";
    /// Propose new wording for the selection (a suggested edit).
    Suggest = "suggest", "对选中文字提出修改建议（改为……）", "suggest new wording for the selection";
    /// Fix the selected problem (a numbering run, web residue) as one undo step.
    FixProblem = "fix", "修正所选问题（编号重排、删除网页残留、标点改全角、安排里的年份改为下一年；Ctrl-Z 可撤销）", "fix the selected problem (renumber a run, remove web residue, full-width punctuation, roll a plan's years forward; Ctrl-Z undoes)";
}

/// Which pane a binding applies in (for the help and `describe_in`).
pub use super::keymap::Pane;

impl Action {
    /// What the action does in `pane`: the diff and figures views give a
    /// few actions their own meaning.
    pub fn describe_in(self, pane: Pane, lang: Lang) -> &'static str {
        match (pane, self) {
            (Pane::Diff, Action::Jump) => {
                lang.pick("到编辑器中的同一位置", "go to the same place in the editor")
            }
            (Pane::Figures, Action::Jump) => lang.pick(
                "到编辑器中的这个数字（或计划的回应）",
                "go to the figure (or the plan's answer) in the editor",
            ),
            (Pane::Diff, Action::Down) => lang.pick("下一段", "next paragraph"),
            (Pane::Diff, Action::Up) => lang.pick("上一段", "previous paragraph"),
            (Pane::Figures, Action::Down) => lang.pick("下一行", "next row"),
            (Pane::Figures, Action::Up) => lang.pick("上一行", "previous row"),
            (Pane::Figures, Action::SwitchFocus) => lang.pick(
                "在数字表和去年的计划之间切换",
                "switch between the figures and last year's plans",
            ),
            _ => self.describe(lang),
        }
    }

    /// A word or two for the status bar's key hints.
    pub fn short(self, lang: Lang) -> &'static str {
        let l = lang;
        match self {
            Action::Save => l.pick("保存", "save"),
            Action::Quit => l.pick("退出", "quit"),
            Action::Help => l.pick("帮助", "help"),
            Action::SwitchFocus => l.pick("切换", "focus"),
            Action::Jump => l.pick("跳转", "jump"),
            Action::NextProblem => l.pick("下一问题", "next problem"),
            Action::DiffView | Action::FiguresView => l.pick("返回", "back"),
            Action::NextChange => l.pick("下一处变化", "next change"),
            Action::ToggleChanges => l.pick("只看变化", "only changes"),
            Action::SortFigures => l.pick("排序", "sort"),
            Action::FilterMetric => l.pick("筛选指标", "metric"),
            Action::Comment => l.pick("批注", "comment"),
            Action::SignOff => l.pick("审核", "sign off"),
            Action::Suggest => l.pick("修改建议", "suggest"),
            Action::FixProblem => l.pick("修正", "fix"),
            other => other.describe(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_config_word_that_reads_back() {
        let mut words: Vec<&str> = Action::ALL.iter().map(|a| a.word()).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), Action::ALL.len(), "two actions share a word");
        for a in Action::ALL {
            let back: Action =
                crate::core::yaml::parse_yaml(a.word(), "word").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, *a);
            assert!(!a.describe(Lang::Zh).is_empty() && !a.describe(Lang::En).is_empty());
        }
    }
}
