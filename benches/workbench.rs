//! Benchmark of a keystroke in the workbench on a 30,000-character draft:
//! the key handled (text edited, draft re-checked) and the frame drawn on
//! ratatui's TestBackend. Budget (issue #5): 16 ms, target 4 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::state::App;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::io::load::{Encoding, Loaded};
use reportbench::io::save::Fingerprint;
use reportbench::ui::draw::draw;
use reportbench::ui::theme::Theme;

mod common;

fn draft_of(chars: usize) -> String {
    common::grown(include_str!("../drafts/qinghe-2024.md"), chars, "")
}

/// `text` as if loaded from `path`.
fn loaded(text: String, path: &str) -> Loaded {
    Loaded {
        path: path.into(),
        fingerprint: Fingerprint::of(text.as_bytes()),
        bytes: text.len() as u64,
        text,
        format: Default::default(),
        encoding: Encoding::Utf8,
    }
}

fn benches(c: &mut Criterion) {
    let mut app = App::new(
        loaded(draft_of(30_000), "bench.md"),
        CompiledSpec::default_spec(),
        Keymap::defaults(),
        Theme::builtin("dark").unwrap_or_else(|| panic!("theme")),
        Lang::Zh,
    );
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    let mut flip = false;
    c.bench_function("keystroke to frame, 30k-char draft", |b| {
        b.iter(|| {
            // Type a character, then delete it: the text stays the same size.
            flip = !flip;
            let key = if flip {
                KeyCode::Char('甲')
            } else {
                KeyCode::Backspace
            };
            app.on_key(KeyEvent::new(key, KeyModifiers::NONE));
            term.draw(|f| draw(f, &mut app))
                .unwrap_or_else(|e| panic!("{e}"));
        })
    });
}

/// The diff view: a key (next entry) and the frame, 30,000-character
/// report against a version of it with other figures, and a 1 MB one.
fn diff_view(c: &mut Criterion) {
    for (name, chars) in [("30k-char", 30_000), ("1 MB", 350_000)] {
        let text = draft_of(chars);
        // Last year's: every digit one lower, so that most paragraphs changed.
        let old = common::shift_digits(&text, 9);
        let mut app = App::new(
            loaded(text, "bench.md"),
            CompiledSpec::default_spec(),
            Keymap::defaults(),
            Theme::builtin("dark").unwrap_or_else(|| panic!("theme")),
            Lang::Zh,
        );
        app.set_previous(loaded(old, "old.md"));
        app.on_key(KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        let mut down = true;
        c.bench_function(&format!("diff view: key to frame, {name} reports"), |b| {
            b.iter(|| {
                // Down, then up: the view stays in the same region.
                down = !down;
                let key = if down { KeyCode::Down } else { KeyCode::Up };
                app.on_key(KeyEvent::new(key, KeyModifiers::NONE));
                term.draw(|f| draw(f, &mut app))
                    .unwrap_or_else(|e| panic!("{e}"));
            })
        });
    }
}

criterion_group!(workbench_benches, benches, diff_view);
criterion_main!(workbench_benches);
