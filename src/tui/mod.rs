//! The terminal: setting it up and always giving it back (panics included),
//! and the event loop that feeds key presses, pastes and resizes to the
//! state and draws after each.

use crate::app::state::App;
use crate::app::state::Snapshot;
use crate::ui::draw::draw;
use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode,
};
use crossterm::execute;
use std::io::stdout;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Restores the terminal: leaves the alternate screen, raw mode and
/// bracketed paste. Safe to call more than once; never panics.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// Set while a handler restores the terminal: a panic during the restore
/// must not restore again (and panic again) from the panic hook.
static RESTORING: AtomicBool = AtomicBool::new(false);

fn restore_once() {
    if !RESTORING.swap(true, Ordering::SeqCst) {
        restore();
    }
}

/// On SIGHUP (the SSH link dropped) or SIGTERM: writes the recovery file
/// first, from the shared snapshot (the main thread may be stuck reading a
/// dead terminal), then gives the terminal back if it is still there, then
/// exits. Runs on its own thread, so no work is restricted to
/// async-signal-safe calls.
#[cfg(unix)]
fn watch_signals(snapshot: Arc<Mutex<Snapshot>>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGHUP, SIGTERM]).context("cannot watch signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // The main thread holds the lock for microseconds at a time.
                let mut written = None;
                for _ in 0..50 {
                    written = Snapshot::write_recovery(&snapshot, true);
                    let busy = written.is_none()
                        && matches!(
                            snapshot.try_lock(),
                            Err(std::sync::TryLockError::WouldBlock)
                        );
                    if !busy {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                if sig == SIGTERM {
                    restore_once();
                    if let Some(f) = written {
                        eprintln!("reportbench: unsaved text kept in {}", f.display());
                    }
                }
                Snapshot::release_lock(&snapshot);
                std::process::exit(128 + sig);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// Runs the workbench until the user quits.
pub fn run(mut app: App) -> Result<()> {
    // On a panic: keep the unsaved text, then restore the terminal before
    // the panic message is printed.
    let snapshot = app.snapshot.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let written = Snapshot::on_the_way_out(&snapshot);
        restore_once();
        previous(info);
        if let Some(f) = written {
            eprintln!("reportbench: unsaved text kept in {}", f.display());
        }
    }));
    #[cfg(unix)]
    watch_signals(app.snapshot.clone())?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    // Without bracketed paste, a long paste arrives as a burst of key
    // presses (and stalls); with it, as one Paste event.
    let _ = execute!(stdout(), EnableBracketedPaste, EnableMouseCapture);
    let result = (|| -> Result<()> {
        let mut redraw = true;
        loop {
            if redraw {
                terminal
                    .draw(|f| draw(f, &mut app))
                    .context("cannot draw")?;
            }
            if app.quit {
                return Ok(());
            }
            // Timed work (re-checking a huge draft once typing pauses,
            // the recovery file) runs when input is quiet long enough.
            let input = match app.next_tick(Instant::now()) {
                Some(wait) => event::poll(wait).context("cannot read the terminal")?,
                None => true,
            };
            redraw = true;
            if input {
                let e = event::read().context("cannot read the terminal")?;
                let esc = matches!(&e, Event::Key(k)
                    if k.code == KeyCode::Esc && k.modifiers.is_empty());
                redraw = app.on_event(e);
                if esc {
                    // What came in the same read may be the rest of an
                    // escape sequence crossterm misread (app::input).
                    let mut burst = Vec::new();
                    while burst.len() < 64
                        && event::poll(Duration::ZERO).context("cannot read the terminal")?
                    {
                        burst.push(event::read().context("cannot read the terminal")?);
                    }
                    app.on_events_after_esc(burst);
                }
            }
            redraw |= app.tick(Instant::now());
        }
    })();
    // A failed draw or read (the terminal went away) keeps the text.
    if result.is_err() {
        Snapshot::write_recovery(&app.snapshot, false);
    }
    Snapshot::release_lock(&app.snapshot);
    restore_once();
    RESTORING.store(false, Ordering::SeqCst);
    let _ = std::panic::take_hook();
    result
}
