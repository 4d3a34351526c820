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

pub use super::overlay_key_table::OVERLAY_KEYS;
use KeyCode::{Char, PageUp, Up};
use OverlayCmd as C;

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
    use KeyCode::{Enter, Esc, Left};
    use OverlayKind as O;

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
