//! Benchmark of a keystroke in the workbench on a 30,000-character draft:
//! the key handled (text edited, draft re-checked) and the frame drawn on
//! ratatui's TestBackend. Budget (issue #5): 16 ms, target 4 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::msg::{Effect, Msg, Now};
use reportbench::app::state::{Start, State};
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::tui::{Effects, settle};
use reportbench::ui::draw::draw;
use reportbench::ui::theme::Theme;

mod common;

fn draft_of(chars: usize) -> String {
    common::grown(include_str!("../drafts/qinghe-2024.md"), chars, "")
}

/// A fixed time: nothing timed falls due during the benchmark.
fn now() -> Now {
    Now {
        at: std::time::Instant::now(),
        unix: 0,
        local: "2025-03-01T09:30:00+08:00".into(),
    }
}

/// The workbench on `text` (and last year's `old`) at 120×40. Its first
/// effects (the edit lock, the review file) are not performed: nothing
/// beside the benchmark is touched.
fn workbench(text: String, old: Option<String>) -> State {
    let start = Start {
        file: common::loaded(text, "bench.md"),
        previous: old.map(|o| common::loaded(o, "old.md")),
        spec: CompiledSpec::default_spec(),
        keymap: Keymap::defaults(),
        lang: Lang::Zh,
        author: "bench".into(),
        review_mode: false,
        recovery: false,
        size: (120, 40),
        spec_note: None,
        seen: None,
    };
    State::new(start, now()).0
}

fn benches(c: &mut Criterion) {
    let mut state = workbench(draft_of(30_000), None);
    let theme = Theme::builtin("dark").unwrap_or_else(|| panic!("theme"));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    let runner = Effects::new(Default::default());
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
            let fx = state.update(Msg::Key(KeyEvent::new(key, KeyModifiers::NONE)), now());
            // The key's only effect is its re-check (a worker's, in the
            // workbench), performed here and its result handled.
            assert!(
                fx.iter().all(|e| matches!(e, Effect::Check(_))),
                "a keystroke asks for nothing but its re-check: {fx:?}"
            );
            settle(&mut state, fx, &runner, &now);
            assert!(!state.is_stale(), "the key was re-checked");
            term.draw(|f| draw(f, &state, &theme))
                .unwrap_or_else(|e| panic!("{e}"));
        })
    });
}

/// The diff view: a key (next entry) and the frame, 30,000-character
/// report against a version of it with other figures, and a 1 MB one.
fn diff_view(c: &mut Criterion) {
    let theme = Theme::builtin("dark").unwrap_or_else(|| panic!("theme"));
    for (name, chars) in [("30k-char", 30_000), ("1 MB", 350_000)] {
        let text = draft_of(chars);
        // Last year's: every digit one lower, so that most paragraphs changed.
        let old = common::shift_digits(&text, 9);
        let mut state = workbench(text, Some(old));
        let fx = state.update(
            Msg::Key(KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE)),
            now(),
        );
        settle(&mut state, fx, &Effects::new(Default::default()), &now);
        assert!(state.comparison().is_some());
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        let mut down = true;
        c.bench_function(&format!("diff view: key to frame, {name} reports"), |b| {
            b.iter(|| {
                // Down, then up: the view stays in the same region.
                down = !down;
                let key = if down { KeyCode::Down } else { KeyCode::Up };
                let _ = state.update(Msg::Key(KeyEvent::new(key, KeyModifiers::NONE)), now());
                term.draw(|f| draw(f, &state, &theme))
                    .unwrap_or_else(|e| panic!("{e}"));
            })
        });
    }
}

criterion_group!(workbench_benches, benches, diff_view);
criterion_main!(workbench_benches);
