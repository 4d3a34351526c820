//! The user's guides stay true: every key the workbench binds everywhere
//! (the global pane) and in the editor is in the Chinese guide's key table,
//! and the English README links the Chinese guide.

use reportbench::app::commands::Action;
use reportbench::app::keymap::{Keymap, Pane};

fn read(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

#[test]
fn the_chinese_guide_names_every_global_and_editor_key() {
    let guide = read("README.zh-CN.md");
    let km = Keymap::defaults();
    let mut missing = Vec::new();
    for pane in [Pane::Global, Pane::Editor] {
        for &action in Action::ALL {
            for key in km.keys_for(pane, action) {
                let k = key.to_string();
                // Shift-F8 is written "Shift-F8"; Esc and Enter are words.
                if matches!(k.as_str(), "Esc") {
                    continue;
                }
                if !guide.contains(&k) {
                    missing.push(format!("{k} ({})", action.word()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in README.zh-CN.md: {missing:?}");
    assert!(read("README.md").contains("README.zh-CN.md"));
}
