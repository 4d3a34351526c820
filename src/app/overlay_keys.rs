//! The keys of the overlays (questions, the comment list, the help), as one
//! table: what each key does in which overlay, in both languages. The
//! overlays handle their keys through [`command`], draw their key lines
//! with [`footer`], and the help lists the table — so they cannot disagree.

use crate::core::lang::Lang;
use crossterm::event::{KeyCode, KeyModifiers};

/// An overlay that takes keys of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    /// The key help.
    Help,
    /// "Quit without saving?"
    ConfirmQuit,
    /// "Changed on disk: overwrite?"
    ConfirmOverwrite,
    /// Unsaved text from an earlier session.
    Recover,
    /// Another reportbench edits the file.
    Locked,
    /// Signing off an item.
    Verdict,
    /// The comment list.
    Comments,
    /// "Delete this comment?"
    DeleteComment,
    /// A line being typed (search, save as, comment, reply, reason).
    Prompt,
    /// Replacing: this match?
    Replace,
}

impl OverlayKind {
    /// The overlay's name in the help.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            OverlayKind::Help => lang.pick("帮助", "help"),
            OverlayKind::ConfirmQuit => lang.pick("退出确认", "quit?"),
            OverlayKind::ConfirmOverwrite => lang.pick("磁盘上已变", "changed on disk"),
            OverlayKind::Recover => lang.pick("恢复", "recovery"),
            OverlayKind::Locked => lang.pick("他人正在编辑", "edited elsewhere"),
            OverlayKind::Verdict => lang.pick("审核", "sign-off"),
            OverlayKind::Comments => lang.pick("批注列表", "comment list"),
            OverlayKind::DeleteComment => lang.pick("删除批注", "delete comment"),
            OverlayKind::Prompt => lang.pick("输入行", "prompt"),
            OverlayKind::Replace => lang.pick("逐处替换", "replace"),
        }
    }
}

/// What an overlay key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayCmd {
    /// Yes (quit without saving, overwrite, delete).
    Yes,
    /// Cancel, or go back.
    No,
    /// Read the file again (unsaved text set aside).
    Reload,
    /// Save under another name.
    SaveAs,
    /// Restore the unsaved text.
    Restore,
    /// Discard the recovery file.
    Discard,
    /// Open the file as saved, keep the recovery file.
    Keep,
    /// Open read-only.
    ReadOnly,
    /// Edit anyway (take the lock over).
    EditAnyway,
    /// Quit now.
    QuitNow,
    /// Signed off: met.
    Met,
    /// Signed off: not met.
    NotMet,
    /// Signed off: not applicable.
    NotApplicable,
    /// Withdraw the sign-off.
    Withdraw,
    /// Up one.
    Up,
    /// Down one.
    Down,
    /// Up a page.
    PageUp,
    /// Down a page.
    PageDown,
    /// Go to the comment's text.
    GoTo,
    /// Reply.
    Reply,
    /// Resolve or reopen.
    Resolve,
    /// Delete (asks first).
    Delete,
    /// Close.
    Close,
    /// Send what was typed.
    Submit,
    /// Delete the character before the cursor.
    Backspace,
    /// Move the prompt's cursor left.
    Left,
    /// Move it right.
    Right,
    /// To the start of what was typed.
    Home,
    /// To its end.
    End,
    /// Delete the character at the cursor.
    DeleteForward,
    /// Accept the suggestion.
    Accept,
    /// Reject the suggestion (a reason may follow).
    Reject,
    /// Move the prompt's cursor a word left.
    WordLeft,
    /// A word right.
    WordRight,
    /// Delete the word before the prompt's cursor.
    DeleteWordBack,
    /// Search by regular expression, or by the words as typed.
    ToggleRegex,
    /// Replace this match and go to the next.
    ReplaceThis,
    /// Leave this match and go to the next.
    Skip,
    /// Replace this and every further match (one undo step).
    ReplaceAll,
}

/// The modifier keys a row needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mods {
    /// Whatever is held (Shift, Ctrl or Alt make no difference).
    Any,
    /// Ctrl held.
    Ctrl,
    /// Alt held.
    Alt,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct OverlayKey {
    /// The overlay.
    pub overlay: OverlayKind,
    /// The keys as shown in the help and the overlay.
    pub shown: &'static str,
    /// The keys; empty: any key not listed for this overlay.
    pub codes: &'static [KeyCode],
    /// The modifier keys they need.
    pub mods: Mods,
    /// What they do.
    pub cmd: OverlayCmd,
    /// What they do, in Chinese.
    pub zh: &'static str,
    /// What they do, in English.
    pub en: &'static str,
}

use KeyCode::{
    Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up,
};
use OverlayCmd as C;
use OverlayKind as O;

const fn k(
    overlay: OverlayKind,
    shown: &'static str,
    codes: &'static [KeyCode],
    cmd: OverlayCmd,
    zh: &'static str,
    en: &'static str,
) -> OverlayKey {
    OverlayKey {
        overlay,
        shown,
        codes,
        mods: Mods::Any,
        cmd,
        zh,
        en,
    }
}

/// A row of keys pressed with Ctrl or Alt.
const fn km(
    overlay: OverlayKind,
    shown: &'static str,
    codes: &'static [KeyCode],
    mods: Mods,
    cmd: OverlayCmd,
    zh: &'static str,
    en: &'static str,
) -> OverlayKey {
    OverlayKey {
        mods,
        ..k(overlay, shown, codes, cmd, zh, en)
    }
}

/// Every overlay key, per overlay in the order shown.
pub const OVERLAY_KEYS: &[OverlayKey] = &[
    k(
        O::Help,
        "↑↓",
        &[Up, Down, Char('k'), Char('j')],
        C::Down,
        "滚动",
        "scroll",
    ),
    k(
        O::Help,
        "PageUp PageDown",
        &[PageUp, PageDown, Char(' ')],
        C::PageDown,
        "翻页",
        "page",
    ),
    k(
        O::Help,
        "",
        &[],
        C::Close,
        "其他键关闭",
        "any other key closes",
    ),
    k(
        O::ConfirmQuit,
        "y",
        &[Char('y'), Char('Y')],
        C::Yes,
        "不保存就退出",
        "quit without saving",
    ),
    k(
        O::ConfirmQuit,
        "",
        &[],
        C::No,
        "其他键取消",
        "any other key cancels",
    ),
    k(
        O::ConfirmOverwrite,
        "y",
        &[Char('y'), Char('Y')],
        C::Yes,
        "覆盖",
        "overwrites it",
    ),
    k(
        O::ConfirmOverwrite,
        "r",
        &[Char('r'), Char('R')],
        C::Reload,
        "重新载入（未保存的文字存入恢复文件）",
        "reloads it (your unsaved text goes to the recovery file)",
    ),
    k(
        O::ConfirmOverwrite,
        "a",
        &[Char('a'), Char('A')],
        C::SaveAs,
        "另存为",
        "saves it under another name",
    ),
    k(
        O::ConfirmOverwrite,
        "",
        &[],
        C::No,
        "其他键取消",
        "any other key cancels",
    ),
    k(
        O::Recover,
        "r",
        &[Char('r'), Char('R')],
        C::Restore,
        "恢复这些文字",
        "restore it",
    ),
    k(
        O::Recover,
        "d",
        &[Char('d'), Char('D')],
        C::Discard,
        "丢弃恢复文件",
        "discard it",
    ),
    k(
        O::Recover,
        "Esc",
        &[],
        C::Keep,
        "打开已保存的文件（保留恢复文件）",
        "open the saved file (keep the recovery file)",
    ),
    k(
        O::Locked,
        "o",
        &[],
        C::ReadOnly,
        "只读打开",
        "opens it read-only",
    ),
    k(
        O::Locked,
        "e",
        &[Char('e'), Char('E')],
        C::EditAnyway,
        "仍然编辑",
        "edits anyway",
    ),
    k(
        O::Locked,
        "q",
        &[Char('q'), Char('Q')],
        C::QuitNow,
        "退出",
        "quits",
    ),
    k(
        O::Verdict,
        "m",
        &[Char('m'), Char('M')],
        C::Met,
        "符合",
        "met",
    ),
    k(
        O::Verdict,
        "x",
        &[Char('x'), Char('X')],
        C::NotMet,
        "不符合",
        "not met",
    ),
    k(
        O::Verdict,
        "a",
        &[Char('a'), Char('A')],
        C::NotApplicable,
        "不适用",
        "not applicable",
    ),
    k(
        O::Verdict,
        "u",
        &[Char('u'), Char('U')],
        C::Withdraw,
        "撤回审核意见",
        "withdraw",
    ),
    k(
        O::Verdict,
        "",
        &[],
        C::No,
        "其他键取消",
        "any other key cancels",
    ),
    k(
        O::Comments,
        "↑↓",
        &[Up, Down, Char('k'), Char('j')],
        C::Down,
        "选择",
        "select",
    ),
    k(
        O::Comments,
        "回车",
        &[Enter],
        C::GoTo,
        "跳到原文",
        "go to the text",
    ),
    k(O::Comments, "r", &[Char('r')], C::Reply, "回复", "reply"),
    k(
        O::Comments,
        "v",
        &[Char('v')],
        C::Resolve,
        "解决/重新打开",
        "resolve/reopen",
    ),
    k(O::Comments, "d", &[Char('d')], C::Delete, "删除", "delete"),
    k(
        O::Comments,
        "a",
        &[Char('a')],
        C::Accept,
        "采纳建议",
        "accept",
    ),
    k(
        O::Comments,
        "x",
        &[Char('x')],
        C::Reject,
        "不采纳",
        "reject",
    ),
    k(
        O::Comments,
        "Esc",
        &[Esc, Char('q')],
        C::Close,
        "关闭",
        "close",
    ),
    k(
        O::DeleteComment,
        "y",
        &[Char('y'), Char('Y')],
        C::Yes,
        "删除",
        "deletes",
    ),
    k(
        O::DeleteComment,
        "",
        &[],
        C::No,
        "其他键返回",
        "any other key goes back",
    ),
    k(O::Prompt, "回车", &[Enter], C::Submit, "确定", "done"),
    k(O::Prompt, "Esc", &[Esc], C::No, "取消", "cancel"),
    k(
        O::Prompt,
        "Backspace",
        &[Backspace],
        C::Backspace,
        "删除前一个字",
        "delete the character before",
    ),
    k(
        O::Prompt,
        "Delete",
        &[Delete],
        C::DeleteForward,
        "删除后一个字",
        "delete the character after",
    ),
    k(O::Prompt, "←", &[Left], C::Left, "光标左移", "cursor left"),
    k(
        O::Prompt,
        "→",
        &[Right],
        C::Right,
        "光标右移",
        "cursor right",
    ),
    k(
        O::Prompt,
        "Home",
        &[Home],
        C::Home,
        "到开头",
        "to the start",
    ),
    k(O::Prompt, "End", &[End], C::End, "到末尾", "to the end"),
    km(
        O::Prompt,
        "Ctrl-←",
        &[Left],
        Mods::Ctrl,
        C::WordLeft,
        "左移一个词",
        "a word left",
    ),
    km(
        O::Prompt,
        "Alt-B",
        &[Char('b')],
        Mods::Alt,
        C::WordLeft,
        "左移一个词",
        "a word left",
    ),
    km(
        O::Prompt,
        "Ctrl-→",
        &[Right],
        Mods::Ctrl,
        C::WordRight,
        "右移一个词",
        "a word right",
    ),
    km(
        O::Prompt,
        "Alt-F",
        &[Char('f')],
        Mods::Alt,
        C::WordRight,
        "右移一个词",
        "a word right",
    ),
    km(
        O::Prompt,
        "Alt-Backspace",
        &[Backspace],
        Mods::Alt,
        C::DeleteWordBack,
        "删除前一个词",
        "delete the word before",
    ),
    km(
        O::Prompt,
        "Ctrl-W",
        &[Char('w')],
        Mods::Ctrl,
        C::DeleteWordBack,
        "删除前一个词",
        "delete the word before",
    ),
    km(
        O::Prompt,
        "Alt-R",
        &[Char('r')],
        Mods::Alt,
        C::ToggleRegex,
        "（查找、替换）按正则表达式 / 按原文",
        "(search, replace) regular expression / words as typed",
    ),
    k(
        O::Replace,
        "y",
        &[Char('y'), Char('Y'), Enter, Char(' ')],
        C::ReplaceThis,
        "替换这一处",
        "replace this one",
    ),
    k(
        O::Replace,
        "n",
        &[Char('n'), Char('N')],
        C::Skip,
        "跳过",
        "skip it",
    ),
    k(
        O::Replace,
        "a",
        &[Char('a'), Char('A')],
        C::ReplaceAll,
        "其余全部替换",
        "replace all the rest",
    ),
    k(
        O::Replace,
        "",
        &[],
        C::Close,
        "其他键停止",
        "any other key stops",
    ),
];

/// What `code` does in `overlay` (`None`: nothing, the key is ignored).
pub fn command(overlay: OverlayKind, code: KeyCode) -> Option<OverlayCmd> {
    command_with(overlay, code, KeyModifiers::NONE)
}

/// What `code` pressed with `held` does in `overlay`: a row for Ctrl or Alt
/// first, then the rows that take the key whatever is held.
pub fn command_with(overlay: OverlayKind, code: KeyCode, held: KeyModifiers) -> Option<OverlayCmd> {
    let needs = |m: Mods| match m {
        Mods::Any => true,
        Mods::Ctrl => held.contains(KeyModifiers::CONTROL),
        Mods::Alt => held.contains(KeyModifiers::ALT),
    };
    let modified = OVERLAY_KEYS.iter().find(|r| {
        r.overlay == overlay && r.mods != Mods::Any && needs(r.mods) && r.codes.contains(&code)
    });
    if let Some(r) = modified {
        return Some(r.cmd);
    }
    let rows = OVERLAY_KEYS
        .iter()
        .filter(|r| r.overlay == overlay && r.mods == Mods::Any);
    let mut any = None;
    for r in rows {
        if r.codes.is_empty() {
            any = Some(r.cmd);
        } else if r.codes.contains(&code) {
            // Up and Down share a row in the table; tell them apart here.
            return Some(match (r.cmd, code) {
                (C::Down, Up | Char('k')) => C::Up,
                (C::PageDown, PageUp) => C::PageUp,
                (cmd, _) => cmd,
            });
        }
    }
    any
}

/// The keys of `overlay` in one line, as it shows them ("y 覆盖　r 重新载入
/// … 其他键取消").
pub fn footer(overlay: OverlayKind, lang: Lang) -> String {
    let sep = lang.pick("　", "   ");
    OVERLAY_KEYS
        .iter()
        .filter(|r| r.overlay == overlay)
        .map(|r| {
            let what = lang.pick(r.zh, r.en);
            let shown = match (r.shown, lang) {
                ("回车", Lang::En) => "Enter",
                (s, _) => s,
            };
            if shown.is_empty() {
                what.to_owned()
            } else {
                format!("{shown} {what}")
            }
        })
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_resolve_from_the_table() {
        assert_eq!(command(O::ConfirmQuit, Char('y')), Some(C::Yes));
        assert_eq!(command(O::ConfirmQuit, Char('n')), Some(C::No));
        assert_eq!(command(O::Comments, Up), Some(C::Up));
        assert_eq!(command(O::Comments, Char('j')), Some(C::Down));
        assert_eq!(command(O::Comments, Char('z')), None);
        assert_eq!(command(O::Help, PageUp), Some(C::PageUp));
        assert_eq!(command(O::Locked, Esc), Some(C::ReadOnly));
        assert!(footer(O::Verdict, Lang::Zh).starts_with("m 符合"));
        assert!(footer(O::Comments, Lang::En).contains("Enter go to the text"));
        // A modified key finds its own row, the plain key the plain one.
        assert_eq!(
            command_with(O::Prompt, Left, KeyModifiers::CONTROL),
            Some(C::WordLeft)
        );
        assert_eq!(
            command_with(O::Prompt, Left, KeyModifiers::SHIFT),
            Some(C::Left)
        );
        assert_eq!(
            command_with(O::Prompt, Char('r'), KeyModifiers::ALT),
            Some(C::ToggleRegex)
        );
        assert_eq!(command(O::Prompt, Char('r')), None);
        assert_eq!(command(O::Replace, Enter), Some(C::ReplaceThis));
        assert_eq!(command(O::Replace, Char('q')), Some(C::Close));
    }

    #[test]
    fn every_overlay_has_keys_and_no_key_is_listed_twice() {
        for o in [
            O::Help,
            O::ConfirmQuit,
            O::ConfirmOverwrite,
            O::Recover,
            O::Locked,
            O::Verdict,
            O::Comments,
            O::DeleteComment,
            O::Prompt,
            O::Replace,
        ] {
            let rows: Vec<&OverlayKey> = OVERLAY_KEYS.iter().filter(|r| r.overlay == o).collect();
            assert!(!rows.is_empty(), "{o:?}");
            assert!(
                rows.iter().filter(|r| r.codes.is_empty()).count() <= 1,
                "{o:?}"
            );
            let mut codes: Vec<String> = rows
                .iter()
                .flat_map(|r| r.codes.iter().map(|c| format!("{:?}{c:?}", r.mods)))
                .collect();
            let n = codes.len();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), n, "{o:?} lists a key twice");
        }
    }
}
