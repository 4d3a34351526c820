//! Prints the workbench's screen for a draft as plain text (for the README
//! and for eyeballing layouts): `cargo run --example screen -- FILE [COLS ROWS] [en|zh]`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::state::{Start, State};
use reportbench::core::lang::Lang;
use reportbench::ui::draw::draw;
use reportbench::ui::theme::Theme;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .map(String::as_str)
        .unwrap_or("drafts/qinghe-2024.md");
    let w: u16 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let h: u16 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let lang = if args.get(3).map(String::as_str) == Some("zh") {
        Lang::Zh
    } else {
        Lang::En
    };
    let file = reportbench::io::load(std::path::Path::new(path))?;
    let theme = Theme::builtin("monochrome").ok_or_else(|| anyhow::anyhow!("no theme"))?;
    let start = Start {
        previous: None,
        spec: reportbench::core::spec::builtin::choose(&file.text)
            .0
            .clone(),
        keymap: Keymap::defaults(),
        lang,
        author: "example".into(),
        review_mode: false,
        recovery: false,
        size: (w, h),
        spec_note: None,
        seen: None,
        file,
    };
    // The first effects (the review file beside the draft) are performed
    // at once; nothing here takes a lock or writes a file.
    let (mut state, effects) = State::new(start, reportbench::tui::now());
    let runner = reportbench::tui::Effects::new(Default::default());
    let effects = effects
        .into_iter()
        .filter(|e| matches!(e, reportbench::app::msg::Effect::ReadReview { .. }))
        .collect();
    reportbench::tui::settle(&mut state, effects, &runner, &reportbench::tui::now);
    let mut t = Terminal::new(TestBackend::new(w, h))?;
    t.draw(|f| draw(f, &state, &theme))?;
    let buf = t.backend().buffer().clone();
    if std::env::var_os("RAW_ROW").is_some() {
        let y: u16 = std::env::var("RAW_ROW")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        for x in 0..w {
            print!("[{}]", buf[(x, y)].symbol());
        }
        println!();
    }
    for line in reportbench::ui::draw::buffer_lines(&buf) {
        println!("{line}");
    }
    Ok(())
}
