//! The help's rows, generated from the one command list as bound in the
//! keymap (per pane), the editor's own keys (`editor_keys`) and the
//! overlays' key table: nothing here is written twice.

use super::keymap::{Keymap, Pane};
use super::overlay_keys::OVERLAY_KEYS;
use crate::core::lang::Lang;

/// One row of the help: the keys and what they do (with where, when it is
/// not everywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, as written in the help ("F1 / Alt-1").
    pub keys: String,
    /// What they do, with the pane or overlay first when not global.
    pub what: String,
}

/// Where a pane's bindings apply, as the help says it.
fn pane_name(pane: Pane, lang: Lang) -> &'static str {
    match pane {
        Pane::Global => "",
        Pane::Checklist => lang.pick("［清单］", "[checklist] "),
        Pane::Editor => lang.pick("［编辑器］", "[editor] "),
        Pane::Diff => lang.pick("［对比］", "[diff] "),
        Pane::Figures => lang.pick("［数字］", "[figures] "),
    }
}

/// Every row of the help: the keymap's bindings per pane, then the keys of
/// each overlay.
pub fn rows(keymap: &Keymap, lang: Lang) -> Vec<HelpRow> {
    let mut out: Vec<HelpRow> = keymap
        .help(lang)
        .into_iter()
        .map(|(pane, keys, what)| HelpRow {
            keys,
            what: format!("{}{what}", pane_name(pane, lang)),
        })
        .collect();
    // The editor's own motions, selections and deletions.
    for k in super::editor_keys::EDITOR_KEYS {
        out.push(HelpRow {
            keys: k.shown.to_owned(),
            what: format!("{}{}", pane_name(Pane::Editor, lang), lang.pick(k.zh, k.en)),
        });
    }
    for k in OVERLAY_KEYS {
        let keys = match (k.shown, lang) {
            ("", Lang::Zh) => "其他键".to_owned(),
            ("", Lang::En) => "other".to_owned(),
            ("回车", Lang::En) => "Enter".to_owned(),
            (s, _) => s.to_owned(),
        };
        let what = lang.pick(k.zh, k.en);
        // "any other key closes": the key column says "other" already.
        let what = what
            .strip_prefix("其他键")
            .or_else(|| what.strip_prefix("any other key "))
            .unwrap_or(what);
        let name = k.overlay.name(lang);
        out.push(HelpRow {
            keys,
            what: match lang {
                Lang::Zh => format!("［{name}］{what}"),
                Lang::En => format!("[{name}] {what}"),
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Action;

    #[test]
    fn the_help_lists_every_bound_action_and_every_overlay_key() {
        let km = Keymap::defaults();
        for lang in [Lang::Zh, Lang::En] {
            let rows = rows(&km, lang);
            for a in Action::ALL {
                let what = a.describe(lang);
                assert!(
                    rows.iter().any(|r| r.what.ends_with(what))
                        || rows.iter().any(|r| r.what.contains(what)),
                    "{a:?} missing from the help"
                );
            }
            for k in OVERLAY_KEYS {
                assert!(
                    rows.iter().any(|r| r.what.contains(k.overlay.name(lang))),
                    "{:?} missing",
                    k.overlay
                );
            }
        }
        // The same rows in both languages.
        assert_eq!(rows(&km, Lang::Zh).len(), rows(&km, Lang::En).len());
    }
}
