//! The keymap as data: default bindings per pane of the one command list
//! ([`super::commands::Action`]), user overrides, and resolution of a key
//! press.

pub use super::commands::Action;
use crate::core::lang::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
            (Pane::Global, "f10", Action::Zoom),
            (Pane::Global, "alt-0", Action::Zoom),
            (Pane::Global, "f9", Action::Suggest),
            (Pane::Global, "alt-9", Action::Suggest),
            (Pane::Checklist, "s", Action::SignOff),
            (Pane::Checklist, "f", Action::FixProblem),
            (Pane::Checklist, "enter", Action::Jump),
            (Pane::Checklist, "down", Action::Down),
            (Pane::Checklist, "j", Action::Down),
            (Pane::Checklist, "up", Action::Up),
            (Pane::Checklist, "k", Action::Up),
            (Pane::Editor, "ctrl-f", Action::Search),
            (Pane::Editor, "ctrl-g", Action::SearchNext),
            (Pane::Editor, "alt-g", Action::SearchPrevious),
            (Pane::Editor, "ctrl-r", Action::Replace),
            (Pane::Editor, "ctrl-a", Action::SelectAll),
            (Pane::Editor, "ctrl-l", Action::GoToLine),
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
    fn the_editor_and_checklist_never_hide_a_global_key() {
        // The views may give F8 their own meaning; the panes a writer types
        // in must not take F3 or F5 away from the whole workbench.
        let km = Keymap::defaults();
        let global = km.bindings.get(&Pane::Global).cloned().unwrap_or_default();
        for pane in [Pane::Editor, Pane::Checklist] {
            for (key, action) in km.bindings.get(&pane).into_iter().flatten() {
                assert!(
                    !global.contains_key(key),
                    "{key} in {pane:?} ({action:?}) hides the global {:?}",
                    global.get(key)
                );
            }
        }
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
