//! The terminal: setting it up and always giving it back (panics, hang-ups
//! and terminations included), and the event loop. Terminal events become
//! messages for the state; the effects it returns are performed here — the
//! file work on one worker thread in order, comparisons on another — and
//! their outcomes come back as messages, so that nothing slow runs on the
//! thread that draws. After each message the frame is drawn from the state
//! and the terminal sent what changed ([`present`]).

pub mod clipboard;
pub mod effects;
pub mod frame_out;
pub mod present;
pub mod quiet;

use crate::app::msg::{Effect, Msg, Now};
use crate::app::state::State;
use crate::ui::draw::draw_frame;
use crate::ui::theme::Theme;
use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode,
};
use crossterm::execute;
pub use effects::{Effects, Exit, file_stamp, settle};
use std::io::stdout;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// The time now, as the state takes it.
pub fn now() -> Now {
    Now {
        at: Instant::now(),
        unix: SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        local: crate::io::clock::now_rfc3339(),
    }
}

/// Restores the terminal: leaves the alternate screen, raw mode and
/// bracketed paste. Safe to call more than once; never panics.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// The terminal's output: frames through crossterm, each written in one
/// call ([`frame_out::FrameOut`]).
type TerminalOut = ratatui::backend::CrosstermBackend<frame_out::FrameOut<std::io::Stdout>>;

/// Raw mode, the alternate screen, and a terminal whose frames write only
/// what changed ([`quiet::Quiet`]), each frame in one write. (The panic
/// hook that restores the terminal is [`run`]'s.)
fn init_terminal() -> std::io::Result<ratatui::Terminal<quiet::Quiet<TerminalOut>>> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), crossterm::terminal::EnterAlternateScreen)?;
    let backend = ratatui::backend::CrosstermBackend::new(frame_out::FrameOut::new(stdout()));
    ratatui::Terminal::new(quiet::Quiet::new(backend))
}

/// Set while a handler restores the terminal: a panic during the restore
/// must not restore again (and panic again) from the panic hook.
static RESTORING: AtomicBool = AtomicBool::new(false);

fn restore_once() {
    if !RESTORING.swap(true, Ordering::SeqCst) {
        restore();
    }
}

/// On SIGHUP (the SSH link dropped) or SIGTERM: writes the recovery files
/// first, from the shared way-out state (the main thread may be stuck on a
/// dead terminal), then gives the terminal back if it is still there, then
/// exits. Runs on its own thread, so no work is restricted to
/// async-signal-safe calls.
#[cfg(unix)]
fn watch_signals(exit: Arc<Mutex<Exit>>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGHUP, SIGTERM]).context("cannot watch signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // The main thread holds the lock for microseconds at a time
                // (its copy of the text is brought up to date before each
                // frame, at the cost of the lines changed): retry while it
                // does, at most half a second.
                let mut written = None;
                for _ in 0..50 {
                    written = Exit::write_recovery(&exit, true);
                    let busy = written.is_none()
                        && matches!(exit.try_lock(), Err(std::sync::TryLockError::WouldBlock));
                    if !busy {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                if sig == SIGTERM {
                    restore_once();
                    if let Some(f) = written {
                        eprintln!("reportbench: unsaved text kept in {}", f.display());
                    }
                }
                Exit::release_lock(&exit);
                std::process::exit(128 + sig);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// Brings the exit handlers' copy of the text up to date: the chunks of
/// the lines changed since the last call are built again, the rest shared
/// (`core::snapshot`), so that this costs what changed, not the draft's
/// size, and runs before every frame.
fn keep_up(exit: &Mutex<Exit>, state: &mut State) {
    let keep = state.exit_keep();
    if let Ok(mut e) = exit.lock() {
        e.keep = keep;
    }
}

/// Whether the terminal has gone away (hung up, closed) without a signal
/// saying so: a process started through `su` or `runuser`, or in another
/// session, gets no SIGHUP when its terminal closes, and crossterm then
/// reads end-of-input for ever (crossterm #793). Looked at with every timed
/// tick, so that the way out — recovery file, lock released — is taken
/// within seconds.
#[cfg(unix)]
fn terminal_gone() -> bool {
    let mut fds = [libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    }];
    // SAFETY: poll(2) on one valid pollfd, no wait.
    let r = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
    r < 0 || fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
fn terminal_gone() -> bool {
    false
}

/// What comes into the event loop.
enum Incoming {
    /// A terminal event.
    Event(Event),
    /// The events read together right after an Esc.
    AfterEsc(Vec<Event>),
    /// The terminal cannot be read any more.
    InputGone,
    /// An effect finished (with its outcome, if it has one).
    Done(Option<Msg>),
}

/// Reads the terminal on its own thread, so that the loop can wait for
/// input and for finished effects at once.
fn spawn_input(tx: Sender<Incoming>) -> Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let e = match event::read() {
                    Ok(e) => e,
                    Err(_) => {
                        let _ = tx.send(Incoming::InputGone);
                        return;
                    }
                };
                let esc =
                    matches!(&e, Event::Key(k) if k.code == KeyCode::Esc && k.modifiers.is_empty());
                if tx.send(Incoming::Event(e)).is_err() {
                    return;
                }
                if esc {
                    // What came in the same read may be the rest of an
                    // escape sequence crossterm misread (app::input).
                    let mut burst = Vec::new();
                    while burst.len() < 64 && matches!(event::poll(Duration::ZERO), Ok(true)) {
                        match event::read() {
                            Ok(e) => burst.push(e),
                            Err(_) => break,
                        }
                    }
                    if tx.send(Incoming::AfterEsc(burst)).is_err() {
                        return;
                    }
                }
            }
        })
        .context("cannot start the input thread")?;
    Ok(())
}

/// A worker thread that performs effects in the order given.
fn spawn_worker(name: &str, runner: Effects, tx: Sender<Incoming>) -> Result<Sender<Effect>> {
    let (etx, erx): (Sender<Effect>, Receiver<Effect>) = channel();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            for e in erx {
                if tx.send(Incoming::Done(runner.perform(e))).is_err() {
                    return;
                }
            }
        })
        .context("cannot start a worker thread")?;
    Ok(etx)
}

/// The workers and how many effects are on their way.
struct Workers {
    files: Sender<Effect>,
    compute: Sender<Effect>,
    in_flight: usize,
    /// Re-checks asked for since the last frame: started once it is drawn,
    /// so that the frame showing a key does not share the processor with
    /// the check of it.
    after_frame: Vec<Effect>,
}

impl Workers {
    fn dispatch(&mut self, effects: Vec<Effect>) {
        for e in effects {
            if matches!(e, Effect::Check(_)) {
                self.after_frame.push(e);
                continue;
            }
            self.send(e);
        }
    }

    /// Starts the re-checks held for the frame just drawn.
    fn frame_drawn(&mut self) {
        for e in std::mem::take(&mut self.after_frame) {
            self.send(e);
        }
    }

    fn send(&mut self, e: Effect) {
        let to = match e {
            // Written here, on the thread that draws: never in the middle
            // of a frame.
            Effect::Clipboard(text) => {
                let _ = clipboard::copy(&mut stdout(), &text);
                return;
            }
            Effect::Compare(_) | Effect::Check(_) => &self.compute,
            _ => &self.files,
        };
        if to.send(e).is_ok() {
            self.in_flight += 1;
        }
    }
}

/// Runs the workbench until the user quits. `effects` are the state's
/// first ones; recovery files go to `dir`.
pub fn run(
    mut state: State,
    effects: Vec<Effect>,
    theme: Theme,
    dir: Option<std::path::PathBuf>,
) -> Result<()> {
    let exit = Arc::new(Mutex::new(Exit {
        keep: state.exit_keep(),
        dir,
        lock: None,
    }));
    // On a panic: keep the unsaved text, then restore the terminal before
    // the panic message is printed.
    {
        let exit = exit.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let written = Exit::on_the_way_out(&exit);
            restore_once();
            previous(info);
            if let Some(f) = written {
                eprintln!("reportbench: unsaved text kept in {}", f.display());
            }
        }));
    }
    #[cfg(unix)]
    watch_signals(exit.clone())?;
    let mut terminal = init_terminal().context("cannot set up the terminal")?;
    // Without bracketed paste, a long paste arrives as a burst of key
    // presses (and stalls); with it, as one Paste event.
    let _ = execute!(stdout(), EnableBracketedPaste, EnableMouseCapture);
    let (tx, rx) = channel::<Incoming>();
    let runner = Effects::new(exit.clone());
    let result = (|| -> Result<()> {
        let size = terminal.size().context("cannot read the terminal's size")?;
        let mut workers = Workers {
            files: spawn_worker("files", runner.clone(), tx.clone())?,
            compute: spawn_worker("compare", runner.clone(), tx.clone())?,
            in_flight: 0,
            after_frame: Vec::new(),
        };
        spawn_input(tx.clone())?;
        workers.dispatch(effects);
        workers.dispatch(state.update(Msg::Resize(size.width, size.height), now()));
        let mut redraw = true;
        let mut screen = present::Screen::new();
        loop {
            // The handlers' copy of the text, before the frame (a frame
            // that hangs on a dead terminal then loses nothing typed).
            keep_up(&exit, &mut state);
            if state.should_quit() {
                // Finish what is on its way (a recovery file to remove, a
                // review change), then leave.
                let deadline = Instant::now() + Duration::from_secs(10);
                while workers.in_flight > 0 {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match rx.recv_timeout(wait) {
                        Ok(Incoming::Done(m)) => {
                            workers.in_flight -= 1;
                            if let Some(m) = m {
                                let fx = state.update(m, now());
                                workers.dispatch(fx);
                            }
                        }
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
                return Ok(());
            }
            if redraw {
                screen
                    .draw(&mut terminal, |f| draw_frame(f, &state, &theme))
                    .context("cannot draw")?;
            }
            workers.frame_drawn();
            state.prepare_exit_keep();
            let wait = state
                .next_tick(Instant::now())
                .unwrap_or(Duration::from_secs(3600));
            let msgs: Vec<Msg> = match rx.recv_timeout(wait) {
                Ok(Incoming::Event(e)) => match e {
                    Event::Key(k) => vec![Msg::Key(k)],
                    Event::Paste(s) => vec![Msg::Paste(s)],
                    Event::Mouse(m) => vec![Msg::Mouse(m)],
                    Event::Resize(w, h) => vec![Msg::Resize(w, h)],
                    _ => Vec::new(),
                },
                Ok(Incoming::AfterEsc(events)) => vec![Msg::AfterEsc(events)],
                Ok(Incoming::InputGone) => anyhow::bail!("the terminal is gone"),
                Ok(Incoming::Done(m)) => {
                    workers.in_flight -= 1;
                    m.into_iter().collect()
                }
                Err(RecvTimeoutError::Timeout) => {
                    if terminal_gone() {
                        anyhow::bail!("the terminal is gone");
                    }
                    vec![Msg::Tick]
                }
                Err(RecvTimeoutError::Disconnected) => {
                    anyhow::bail!("the event loop lost its inputs")
                }
            };
            redraw = !msgs.is_empty();
            for m in msgs {
                let fx = state.update(m, now());
                workers.dispatch(fx);
            }
            // Timed work that fell due while handling input.
            if state.next_tick(Instant::now()) == Some(Duration::ZERO) {
                let fx = state.update(Msg::Tick, now());
                workers.dispatch(fx);
            }
        }
    })();
    // A failed draw or read (the terminal went away) keeps the text.
    if result.is_err() {
        keep_up(&exit, &mut state);
        Exit::write_recovery(&exit, false);
    }
    Exit::release_lock(&exit);
    restore_once();
    RESTORING.store(false, Ordering::SeqCst);
    let _ = std::panic::take_hook();
    result
}
