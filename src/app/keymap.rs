//! The keymap as data: one `Action` vocabulary (the words of `config.yaml`,
//! the help overlay and the README's key table), default bindings per pane,
//! user overrides, and resolution of a key press.

use crate::core::lang::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Save the draft.
    Save,
    /// Save the draft under another name (and go on editing that file).
    SaveAs,
    /// Quit (asking first when there are unsaved changes).
    Quit,
    /// Show or hide the help overlay.
    Help,
    /// Move focus between the checklist and the editor.
    SwitchFocus,
    /// Show the year-over-year diff (needs `--previous`).
    DiffView,
    /// Show the figures view.
    FiguresView,
    /// Go to the next problem (missing item, lint).
    NextProblem,
    /// Go to the previous problem.
    PreviousProblem,
    /// Jump to the selected item's evidence (or where it belongs).
    Jump,
    /// Select the next item.
    Down,
    /// Select the previous item.
    Up,
    /// Search in the draft.
    Search,
    /// Next search match.
    SearchNext,
    /// Undo an edit.
    Undo,
    /// Redo an edit.
    Redo,
    /// Copy the selection.
    Copy,
    /// Cut the selection.
    Cut,
    /// Paste what was copied or cut.
    Paste,
    /// Close an overlay or cancel.
    Cancel,
    /// Go to the next change (diff view).
    NextChange,
    /// Go to the previous change (diff view).
    PreviousChange,
    /// Show only changes, or everything (diff view).
    ToggleChanges,
    /// Down a page.
    PageDown,
    /// Up a page.
    PageUp,
    /// Sort the figures by the next key (figures view).
    SortFigures,
    /// Show the next metric's figures only, then all (figures view).
    FilterMetric,
    /// Comment on the selection or the paragraph at the cursor.
    Comment,
    /// List the comments (reply, resolve, jump).
    Comments,
    /// Sign off the selected checklist item: met, not met or not applicable.
    SignOff,
}

impl Action {
    /// Every action, in help order.
    pub const ALL: &'static [Action] = &[
        Action::Save,
        Action::SaveAs,
        Action::Quit,
        Action::Help,
        Action::SwitchFocus,
        Action::DiffView,
        Action::FiguresView,
        Action::NextProblem,
        Action::PreviousProblem,
        Action::Jump,
        Action::Down,
        Action::Up,
        Action::Search,
        Action::SearchNext,
        Action::Undo,
        Action::Redo,
        Action::Copy,
        Action::Cut,
        Action::Paste,
        Action::Cancel,
        Action::NextChange,
        Action::PreviousChange,
        Action::ToggleChanges,
        Action::PageDown,
        Action::PageUp,
        Action::SortFigures,
        Action::FilterMetric,
        Action::Comment,
        Action::Comments,
        Action::SignOff,
    ];

    /// What the action does, for the help overlay.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Action::Save => lang.pick("保存", "save"),
            Action::SaveAs => lang.pick("另存为", "save as"),
            Action::Quit => lang.pick(
                "退出（有未保存的修改时先询问）",
                "quit (asks first when there are unsaved changes)",
            ),
            Action::Help => lang.pick("帮助", "help"),
            Action::SwitchFocus => lang.pick(
                "在清单和编辑器之间切换",
                "switch between checklist and editor",
            ),
            Action::DiffView => lang.pick(
                "与上一年度对比（需 --previous）",
                "compare with last year (needs --previous)",
            ),
            Action::FiguresView => lang.pick("数字对比", "figures"),
            Action::NextProblem => lang.pick("下一个问题", "next problem"),
            Action::PreviousProblem => lang.pick("上一个问题", "previous problem"),
            Action::Jump => lang.pick(
                "跳到证据（或应在的位置）",
                "jump to the evidence (or where it belongs)",
            ),
            Action::Down => lang.pick("下一项", "next item"),
            Action::Up => lang.pick("上一项", "previous item"),
            Action::Search => lang.pick("查找", "search"),
            Action::SearchNext => lang.pick("查找下一个", "next match"),
            Action::Undo => lang.pick("撤销", "undo"),
            Action::Redo => lang.pick("重做", "redo"),
            Action::Copy => lang.pick("复制", "copy"),
            Action::Cut => lang.pick("剪切", "cut"),
            Action::Paste => lang.pick("粘贴", "paste"),
            Action::Cancel => lang.pick("关闭或取消", "close or cancel"),
            Action::NextChange => lang.pick("下一处变化", "next change"),
            Action::PreviousChange => lang.pick("上一处变化", "previous change"),
            Action::ToggleChanges => lang.pick("只看变化 / 看全文", "only changes / everything"),
            Action::PageDown => lang.pick("下一页", "page down"),
            Action::PageUp => lang.pick("上一页", "page up"),
            Action::SortFigures => lang.pick(
                "换一种排序（原文顺序、指标、变化、幅度）",
                "sort by the next key (document order, metric, change, size of change)",
            ),
            Action::FilterMetric => lang.pick(
                "只看下一个指标的数字（再按到全部）",
                "show the next metric only (then all again)",
            ),
            Action::Comment => lang.pick(
                "对选中文字或光标所在段落写批注",
                "comment on the selection or the paragraph at the cursor",
            ),
            Action::Comments => lang.pick(
                "批注列表（回复、解决、跳转）",
                "list comments (reply, resolve, jump)",
            ),
            Action::SignOff => lang.pick(
                "审核所选项目：符合 / 不符合 / 不适用",
                "sign off the selected item: met / not met / not applicable",
            ),
        }
    }
}

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
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pane {
    /// Everywhere (after the focused pane's own bindings).
    Global,
    /// The checklist.
    Checklist,
    /// The editor.
    Editor,
    /// The year-over-year diff view.
    Diff,
    /// The figures view.
    Figures,
}

/// A key with modifiers, written like `ctrl-s`, `f1`, `alt-n`, `shift-tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The key.
    pub code: KeyCodeOrd,
    /// Ctrl, Alt, Shift.
    pub mods: u8,
}

/// `KeyCode` with an order (for stable help listings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    /// F1–F24.
    F(u8),
    /// A character key.
    Char(char),
    /// A named key.
    Named(&'static str),
}

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

/// Why a key description or an override is not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// Not a key.
    #[error("`{0}` is not a key (write e.g. ctrl-s, alt-n, f1, shift-tab, enter)")]
    BadKey(String),
}

impl Key {
    /// Parses `ctrl-s`, `alt-1`, `f2`, `shift-tab`, `enter`, `ctrl-space`.
    pub fn parse(s: &str) -> Result<Key, KeymapError> {
        let bad = || KeymapError::BadKey(s.to_owned());
        let lower = s.trim().to_ascii_lowercase();
        let mut parts: Vec<&str> = lower.split('-').collect();
        // "ctrl--" would be a dash; not supported, but "-" alone is.
        let last = parts.pop().ok_or_else(bad)?;
        let mut mods = 0u8;
        for p in parts {
            mods |= match p {
                "ctrl" | "c" => CTRL,
                "alt" | "a" | "meta" | "m" => ALT,
                "shift" | "s" => SHIFT,
                _ => return Err(bad()),
            };
        }
        let code = if let Some(n) = last
            .strip_prefix('f')
            .filter(|n| !n.is_empty())
            .and_then(|n| n.parse::<u8>().ok())
        {
            if !(1..=24).contains(&n) {
                return Err(bad());
            }
            KeyCodeOrd::F(n)
        } else if let Some((name, _)) = NAMED.iter().find(|(n, _)| *n == last) {
            KeyCodeOrd::Named(name)
        } else {
            let mut cs = last.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => KeyCodeOrd::Char(c),
                _ => return Err(bad()),
            }
        };
        Ok(Key { code, mods })
    }

    /// The key of a terminal key event (shift on letters folded into the
    /// character, as terminals report it).
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let mut mods = 0u8;
        if e.modifiers.contains(KeyModifiers::CONTROL) {
            mods |= CTRL;
        }
        if e.modifiers.contains(KeyModifiers::ALT) {
            mods |= ALT;
        }
        let code = match e.code {
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Char(c) => {
                if c == ' ' {
                    KeyCodeOrd::Named("space")
                } else {
                    KeyCodeOrd::Char(c.to_ascii_lowercase())
                }
            }
            other => {
                if e.modifiers.contains(KeyModifiers::SHIFT) {
                    mods |= SHIFT;
                }
                KeyCodeOrd::Named(NAMED.iter().find(|(_, k)| *k == other)?.0)
            }
        };
        if matches!(code, KeyCodeOrd::F(_)) && e.modifiers.contains(KeyModifiers::SHIFT) {
            mods |= SHIFT;
        }
        Some(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods & CTRL != 0 {
            f.write_str("Ctrl-")?;
        }
        if self.mods & ALT != 0 {
            f.write_str("Alt-")?;
        }
        if self.mods & SHIFT != 0 {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Char(c) => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Named("pagedown") => f.write_str("PageDown"),
            KeyCodeOrd::Named("pageup") => f.write_str("PageUp"),
            KeyCodeOrd::Named("backtab") => f.write_str("BackTab"),
            KeyCodeOrd::Named(n) => {
                let mut cs = n.chars();
                match cs.next() {
                    Some(c) => write!(f, "{}{}", c.to_ascii_uppercase(), cs.as_str()),
                    None => Ok(()),
                }
            }
        }
    }
}

/// User overrides, as written under `keys:` in `config.yaml`:
/// `{global: {ctrl-s: save, f5: none}, editor: {...}}` (`none` unbinds).
pub type KeyOverrides = BTreeMap<Pane, BTreeMap<String, Binding>>;

/// The value of an override: an action, or `none` to unbind the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Binding {
    /// Bind to this action.
    Action(Action),
    /// `none`: unbind.
    Unbound(Unbound),
}

/// The word `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unbound {
    /// Unbind the key.
    None,
}

/// Bindings per pane.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Pane, BTreeMap<Key, Action>>,
}

impl Keymap {
    /// The defaults. Every function key has an Alt-digit alternative for
    /// terminals that lose function keys.
    pub fn defaults() -> Keymap {
        let table: &[(Pane, &str, Action)] = &[
            (Pane::Global, "ctrl-s", Action::Save),
            (Pane::Global, "f12", Action::SaveAs),
            (Pane::Global, "alt-s", Action::SaveAs),
            (Pane::Global, "ctrl-q", Action::Quit),
            (Pane::Global, "f1", Action::Help),
            (Pane::Global, "alt-1", Action::Help),
            (Pane::Global, "f2", Action::SwitchFocus),
            (Pane::Global, "alt-2", Action::SwitchFocus),
            (Pane::Global, "f3", Action::DiffView),
            (Pane::Global, "alt-3", Action::DiffView),
            (Pane::Global, "f4", Action::FiguresView),
            (Pane::Global, "alt-4", Action::FiguresView),
            (Pane::Global, "f8", Action::NextProblem),
            (Pane::Global, "alt-n", Action::NextProblem),
            (Pane::Global, "shift-f8", Action::PreviousProblem),
            (Pane::Global, "alt-p", Action::PreviousProblem),
            (Pane::Global, "esc", Action::Cancel),
            (Pane::Global, "f5", Action::Comment),
            (Pane::Global, "alt-5", Action::Comment),
            (Pane::Global, "f6", Action::Comments),
            (Pane::Global, "alt-6", Action::Comments),
            (Pane::Global, "f7", Action::SignOff),
            (Pane::Global, "alt-7", Action::SignOff),
            (Pane::Checklist, "s", Action::SignOff),
            (Pane::Checklist, "enter", Action::Jump),
            (Pane::Checklist, "down", Action::Down),
            (Pane::Checklist, "j", Action::Down),
            (Pane::Checklist, "up", Action::Up),
            (Pane::Checklist, "k", Action::Up),
            (Pane::Editor, "ctrl-f", Action::Search),
            (Pane::Editor, "ctrl-g", Action::SearchNext),
            (Pane::Editor, "ctrl-z", Action::Undo),
            (Pane::Editor, "ctrl-y", Action::Redo),
            (Pane::Editor, "ctrl-c", Action::Copy),
            (Pane::Editor, "ctrl-x", Action::Cut),
            (Pane::Editor, "ctrl-v", Action::Paste),
            (Pane::Diff, "down", Action::Down),
            (Pane::Diff, "j", Action::Down),
            (Pane::Diff, "up", Action::Up),
            (Pane::Diff, "k", Action::Up),
            (Pane::Diff, "pagedown", Action::PageDown),
            (Pane::Diff, "space", Action::PageDown),
            (Pane::Diff, "pageup", Action::PageUp),
            (Pane::Diff, "n", Action::NextChange),
            (Pane::Diff, "f8", Action::NextChange),
            (Pane::Diff, "alt-n", Action::NextChange),
            (Pane::Diff, "p", Action::PreviousChange),
            (Pane::Diff, "shift-f8", Action::PreviousChange),
            (Pane::Diff, "alt-p", Action::PreviousChange),
            (Pane::Diff, "c", Action::ToggleChanges),
            (Pane::Diff, "enter", Action::Jump),
            (Pane::Figures, "down", Action::Down),
            (Pane::Figures, "j", Action::Down),
            (Pane::Figures, "up", Action::Up),
            (Pane::Figures, "k", Action::Up),
            (Pane::Figures, "pagedown", Action::PageDown),
            (Pane::Figures, "pageup", Action::PageUp),
            (Pane::Figures, "s", Action::SortFigures),
            (Pane::Figures, "f", Action::FilterMetric),
            (Pane::Figures, "tab", Action::SwitchFocus),
            (Pane::Figures, "enter", Action::Jump),
        ];
        let mut bindings: BTreeMap<Pane, BTreeMap<Key, Action>> = BTreeMap::new();
        for (pane, key, action) in table {
            // The table above is tested to parse; a failure is a build defect.
            let k = Key::parse(key).unwrap_or_else(|e| panic!("default key: {e}"));
            bindings.entry(*pane).or_default().insert(k, *action);
        }
        Keymap { bindings }
    }

    /// Applies user overrides on top.
    pub fn merge(&mut self, overrides: &KeyOverrides) -> Result<(), KeymapError> {
        for (pane, keys) in overrides {
            for (key, binding) in keys {
                let k = Key::parse(key)?;
                let map = self.bindings.entry(*pane).or_default();
                match binding {
                    Binding::Action(a) => {
                        map.insert(k, *a);
                    }
                    Binding::Unbound(Unbound::None) => {
                        map.remove(&k);
                    }
                }
            }
        }
        Ok(())
    }

    /// The action of a key in a pane: the pane's own binding, else the global one.
    pub fn resolve(&self, pane: Pane, key: &Key) -> Option<Action> {
        self.bindings
            .get(&pane)
            .and_then(|m| m.get(key))
            .or_else(|| self.bindings.get(&Pane::Global).and_then(|m| m.get(key)))
            .copied()
    }

    /// The keys bound to `action` in `pane` (global ones included).
    pub fn keys_for(&self, pane: Pane, action: Action) -> Vec<Key> {
        let mut out: Vec<Key> = [pane, Pane::Global]
            .iter()
            .filter_map(|p| self.bindings.get(p))
            .flat_map(|m| m.iter().filter(|(_, a)| **a == action).map(|(k, _)| *k))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The help listing: (pane, keys as text, description), in a stable order.
    pub fn help(&self, lang: Lang) -> Vec<(Pane, String, &'static str)> {
        let mut out = Vec::new();
        for pane in [
            Pane::Global,
            Pane::Checklist,
            Pane::Editor,
            Pane::Diff,
            Pane::Figures,
        ] {
            let Some(map) = self.bindings.get(&pane) else {
                continue;
            };
            for action in Action::ALL {
                let keys: Vec<String> = map
                    .iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| k.to_string())
                    .collect();
                if !keys.is_empty() {
                    out.push((pane, keys.join(" / "), action.describe_in(pane, lang)));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print() {
        for (s, shown) in [
            ("ctrl-s", "Ctrl-S"),
            ("F1", "F1"),
            ("alt-1", "Alt-1"),
            ("shift-f8", "Shift-F8"),
            ("enter", "Enter"),
            ("ctrl-space", "Ctrl-Space"),
            ("j", "J"),
            ("pagedown", "PageDown"),
            ("shift-pageup", "Shift-PageUp"),
        ] {
            assert_eq!(Key::parse(s).unwrap().to_string(), shown, "{s}");
        }
        for bad in ["", "ctrl-", "hyper-x", "f0", "f25", "ab", "ctrl-enterx"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn events_map_to_keys() {
        let e = KeyEvent::new(
            KeyCode::Char('S'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(&e), Some(Key::parse("ctrl-s").unwrap()));
        let e = KeyEvent::new(KeyCode::F(8), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&e), Some(Key::parse("shift-f8").unwrap()));
        let e = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            Key::from_event(&e),
            Some(Key::parse("shift-backtab").unwrap())
        );
    }

    #[test]
    fn defaults_resolve_per_pane_then_global() {
        let km = Keymap::defaults();
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(km.resolve(Pane::Editor, &k("ctrl-s")), Some(Action::Save));
        assert_eq!(km.resolve(Pane::Checklist, &k("enter")), Some(Action::Jump));
        assert_eq!(
            km.resolve(Pane::Editor, &k("enter")),
            None,
            "Enter types a line break in the editor"
        );
        assert_eq!(km.resolve(Pane::Checklist, &k("j")), Some(Action::Down));
        assert_eq!(km.resolve(Pane::Editor, &k("j")), None);
    }

    #[test]
    fn every_function_key_has_an_alternative() {
        let km = Keymap::defaults();
        for (pane, keys) in &km.bindings {
            for (key, action) in keys {
                if matches!(key.code, KeyCodeOrd::F(_)) {
                    let alts = km.keys_for(*pane, *action);
                    assert!(
                        alts.iter().any(|k| !matches!(k.code, KeyCodeOrd::F(_))),
                        "{action:?} has only function keys"
                    );
                }
            }
        }
    }

    #[test]
    fn overrides_rebind_and_unbind() {
        let mut km = Keymap::defaults();
        let o: KeyOverrides = crate::core::yaml::parse_yaml(
            "global:\n  ctrl-w: save\n  ctrl-s: none\neditor:\n  alt-f: search\n",
            "t",
        )
        .unwrap();
        km.merge(&o).unwrap();
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(km.resolve(Pane::Editor, &k("ctrl-w")), Some(Action::Save));
        assert_eq!(km.resolve(Pane::Editor, &k("ctrl-s")), None);
        assert_eq!(km.resolve(Pane::Editor, &k("alt-f")), Some(Action::Search));
        let bad: KeyOverrides =
            crate::core::yaml::parse_yaml("global:\n  hyper-x: save\n", "t").unwrap();
        assert!(Keymap::defaults().merge(&bad).is_err());
        assert!(
            crate::core::yaml::parse_yaml::<KeyOverrides>("global:\n  ctrl-w: fly\n", "t").is_err()
        );
        assert!(
            crate::core::yaml::parse_yaml::<KeyOverrides>("sidebar:\n  ctrl-w: save\n", "t")
                .is_err()
        );
        // The views' panes take overrides too, in their config words.
        let mut km = Keymap::defaults();
        let o: KeyOverrides = crate::core::yaml::parse_yaml(
            "diff:\n  x: next_change\n  n: none\nfigures:\n  o: sort_figures\nchecklist:\n  v: sign_off\n",
            "t",
        )
        .unwrap();
        km.merge(&o).unwrap();
        assert_eq!(km.resolve(Pane::Diff, &k("x")), Some(Action::NextChange));
        assert_eq!(km.resolve(Pane::Diff, &k("n")), None);
        assert_eq!(
            km.resolve(Pane::Diff, &k("p")),
            Some(Action::PreviousChange)
        );
        assert_eq!(
            km.resolve(Pane::Figures, &k("o")),
            Some(Action::SortFigures)
        );
        assert_eq!(km.resolve(Pane::Checklist, &k("v")), Some(Action::SignOff));
    }

    #[test]
    fn help_lists_every_bound_action_from_the_same_data() {
        let km = Keymap::defaults();
        let help = km.help(Lang::En);
        assert!(
            help.iter()
                .any(|(p, keys, d)| *p == Pane::Global && keys == "Ctrl-S" && *d == "save")
        );
        assert!(
            help.iter().any(|(_, keys, _)| keys == "F1 / Alt-1"),
            "{help:?}"
        );
        let zh = km.help(Lang::Zh);
        assert_eq!(help.len(), zh.len());
    }
}
