//! The terminal: setting it up and always giving it back (panics included),
//! and the event loop that feeds key presses, pastes and resizes to the
//! state and draws after each.

use crate::app::state::App;
use crate::ui::draw::draw;
use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use std::io::stdout;

/// Restores the terminal: leaves the alternate screen, raw mode and
/// bracketed paste. Safe to call more than once; never panics.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// Runs the workbench until the user quits.
pub fn run(mut app: App) -> Result<()> {
    // Restore the terminal before a panic message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    // Without bracketed paste, a long paste arrives as a burst of key
    // presses (and stalls); with it, as one Paste event.
    let _ = execute!(stdout(), EnableBracketedPaste, EnableMouseCapture);
    let result = (|| -> Result<()> {
        loop {
            terminal
                .draw(|f| draw(f, &mut app))
                .context("cannot draw")?;
            if app.quit {
                return Ok(());
            }
            // A pause in typing lets a huge draft's checklist catch up.
            if app.stale
                && !event::poll(std::time::Duration::from_millis(300))
                    .context("cannot read the terminal")?
            {
                app.on_idle();
                continue;
            }
            match event::read().context("cannot read the terminal")? {
                Event::Key(k) => app.on_key(k),
                Event::Paste(s) => app.on_paste(&s),
                Event::Mouse(m) => app.on_mouse(m),
                Event::Resize(_, _) => {}
                _ => {}
            }
        }
    })();
    restore();
    let _ = std::panic::take_hook();
    result
}
