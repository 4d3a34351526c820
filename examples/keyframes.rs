//! A key's path through the workbench within one process, as the terminal
//! loop runs it: the key handled, its frame drawn, the re-check a worker
//! would run, the check's result handled and its frame drawn — at 120×40 on
//! the 2024 draft repeated to 30,000 characters (the latency example's
//! draft), `N` keys (a character typed, then deleted). Prints the mean of
//! each stage in microseconds:
//!
//! ```text
//! cargo run --release --example keyframes -- [N]
//! ```
//!
//! For instructions (repeatable where timings are not), run it under
//! `valgrind --tool=callgrind '--toggle-collect=*Screen::draw*'` at two
//! values of `N`: the difference over twice the difference in keys is one
//! frame's cost (the first frame also wraps every line once).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::msg::{Effect, Msg, Now};
use reportbench::app::state::{Start, State};
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::tui::Effects;
use reportbench::tui::present::Screen;
use reportbench::ui::draw::draw_frame;
use reportbench::ui::theme::Theme;
use std::time::{Duration, Instant};

#[path = "../benches/common/mod.rs"]
mod common;

/// A fixed clock: nothing timed falls due.
fn now() -> Now {
    Now {
        at: Instant::now(),
        unix: 0,
        local: "2025-03-01T09:30:00+08:00".into(),
    }
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let base = include_str!("../drafts/qinghe-2024.md");
    let mut text = String::new();
    while text.chars().count() < 30_000 {
        text.push_str(base);
        text.push('\n');
    }
    let start = Start {
        file: common::loaded(text, "draft.md"),
        previous: None,
        spec: CompiledSpec::default_spec(),
        keymap: Keymap::defaults(),
        lang: Lang::Zh,
        author: "keyframes".into(),
        review_mode: false,
        recovery: false,
        size: (120, 40),
        spec_note: None,
        seen: None,
    };
    let (mut state, _) = State::new(start, now());
    let theme = Theme::builtin("dark").expect("the dark theme is built in");
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let runner = Effects::new(Default::default());
    // Into the middle of the draft, as the latency example types there.
    for _ in 0..300 {
        let _ = state.update(key(KeyCode::Down), now());
    }
    let mut screen = Screen::new();
    screen
        .draw(&mut term, |f| draw_frame(f, &state, &theme))
        .expect("draw");
    let mut t = [Duration::ZERO; 5];
    for k in 0..n {
        let code = if k % 2 == 0 {
            KeyCode::Char('甲')
        } else {
            KeyCode::Backspace
        };
        let at = Instant::now();
        let effects = state.update(key(code), now());
        t[0] += at.elapsed();
        let at = Instant::now();
        screen
            .draw(&mut term, |f| draw_frame(f, &state, &theme))
            .expect("draw");
        t[1] += at.elapsed();
        let at = Instant::now();
        let answers: Vec<Msg> = effects
            .into_iter()
            .filter(|e| matches!(e, Effect::Check(_)))
            .filter_map(|e| runner.perform(e))
            .collect();
        t[2] += at.elapsed();
        let at = Instant::now();
        for m in answers {
            let _ = state.update(m, now());
        }
        t[3] += at.elapsed();
        let at = Instant::now();
        screen
            .draw(&mut term, |f| draw_frame(f, &state, &theme))
            .expect("draw");
        t[4] += at.elapsed();
    }
    let us = |d: Duration| d.as_micros() / u128::from(n.max(1));
    println!(
        "µs per key: key {} · frame {} · re-check {} · result {} · frame {}",
        us(t[0]),
        us(t[1]),
        us(t[2]),
        us(t[3]),
        us(t[4])
    );
}
