//! The editor's own keys (motions, selection, deletions) for the help: the
//! widget's input table and reportbench's word motions (`state/buffer.rs`),
//! which the keymap leaves to the editor. Each row names its keys as the
//! keymap writes them, so that a test can check that no binding takes one
//! of them away from the editor.

/// One row: the keys (keymap syntax), as shown, and what they do.
pub struct EditorKey {
    /// The keys in keymap syntax (`ctrl-left`), for the test.
    pub keys: &'static [&'static str],
    /// As the help shows them.
    pub shown: &'static str,
    /// What they do.
    pub zh: &'static str,
    /// What they do, in English.
    pub en: &'static str,
}

/// The editor's keys, in the help's order.
pub const EDITOR_KEYS: &[EditorKey] = &[
    EditorKey {
        keys: &["left", "right", "up", "down"],
        shown: "←→↑↓",
        zh: "移动光标（上下移动保持所在列）",
        en: "move the cursor (up and down keep the column)",
    },
    EditorKey {
        keys: &["shift-left", "shift-right", "shift-up", "shift-down"],
        shown: "Shift+←→↑↓",
        zh: "选择文字",
        en: "select text",
    },
    EditorKey {
        keys: &["home", "end"],
        shown: "Home / End",
        zh: "到屏幕上这一行的开头 / 结尾",
        en: "start / end of the row on screen",
    },
    EditorKey {
        keys: &["ctrl-home", "ctrl-end", "ctrl-shift-home", "ctrl-shift-end"],
        shown: "Ctrl-Home / Ctrl-End",
        zh: "到全文开头 / 结尾（加 Shift 选择到那里）",
        en: "start / end of the text (with Shift: select to it)",
    },
    EditorKey {
        keys: &["ctrl-left", "ctrl-right", "alt-b", "alt-f"],
        shown: "Ctrl-←/→, Alt-B/F",
        zh: "按词移动（在全角标点和中英文交界处停下）",
        en: "move by words (stopping at full-width punctuation and script changes)",
    },
    EditorKey {
        keys: &["ctrl-up", "ctrl-down"],
        shown: "Ctrl-↑/↓",
        zh: "上一段 / 下一段",
        en: "previous / next paragraph",
    },
    EditorKey {
        keys: &["pageup", "pagedown"],
        shown: "PageUp / PageDown",
        zh: "翻页",
        en: "page up / down",
    },
    EditorKey {
        keys: &["alt-backspace", "alt-d"],
        shown: "Alt-Backspace, Alt-D",
        zh: "删除前一个词 / 后一个词",
        en: "delete the word before / after",
    },
    EditorKey {
        keys: &["ctrl-k"],
        shown: "Ctrl-K",
        zh: "删除到行尾",
        en: "delete to the end of the line",
    },
];

#[cfg(test)]
mod tests {
    use super::EDITOR_KEYS;
    use crate::app::keymap::{Key, Keymap, Pane};

    #[test]
    fn no_binding_takes_an_editor_key_away_from_the_editor() {
        let km = Keymap::defaults();
        for row in EDITOR_KEYS {
            for k in row.keys {
                let key = Key::parse(k).unwrap_or_else(|e| panic!("{k}: {e}"));
                assert_eq!(km.resolve(Pane::Editor, &key), None, "{k} is bound");
            }
        }
    }
}
