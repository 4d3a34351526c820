//! The workbench without a terminal: the state driven by messages with a
//! clock the test moves, its effects performed at once against real files
//! (the same runner as the terminal's workers), frames drawn on ratatui's
//! TestBackend.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::msg::{Effect, LockOutcome, Msg, Now};
use reportbench::app::state::{Start, State};
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::tui::{Effects, Exit};
use reportbench::ui::draw::{buffer_lines, draw};
use reportbench::ui::theme::Theme;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How to open the workbench.
pub struct Opening {
    path: PathBuf,
    lang: Lang,
    previous: Option<PathBuf>,
    review: bool,
    author: String,
    recovery: Option<PathBuf>,
    locking: bool,
    size: (u16, u16),
    keymap: Keymap,
    theme: &'static str,
    hold_checks: bool,
}

/// Opens `path` (in Chinese, 100×30, no lock, no recovery folder).
pub fn open(path: &Path) -> Opening {
    Opening {
        path: path.to_owned(),
        lang: Lang::Zh,
        previous: None,
        review: false,
        author: "tester".into(),
        recovery: None,
        locking: false,
        size: (100, 30),
        keymap: Keymap::defaults(),
        theme: "dark",
        hold_checks: false,
    }
}

impl Opening {
    /// In this language.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
    /// With last year's report.
    pub fn previous(mut self, p: &Path) -> Self {
        self.previous = Some(p.to_owned());
        self
    }
    /// With `--review`.
    pub fn review(mut self) -> Self {
        self.review = true;
        self
    }
    /// Comments and sign-offs by this name.
    pub fn author(mut self, a: &str) -> Self {
        self.author = a.into();
        self
    }
    /// With recovery files in `dir`.
    pub fn recovery(mut self, dir: &Path) -> Self {
        self.recovery = Some(dir.to_owned());
        self
    }
    /// Taking the edit lock beside the draft (tests of locking only: other
    /// tests open the repository's drafts in parallel).
    pub fn locking(mut self) -> Self {
        self.locking = true;
        self
    }
    /// With this keymap.
    pub fn keymap(mut self, k: Keymap) -> Self {
        self.keymap = k;
        self
    }
    /// With this built-in theme.
    pub fn theme(mut self, t: &'static str) -> Self {
        self.theme = t;
        self
    }
    /// At this terminal size.
    pub fn size(mut self, w: u16, h: u16) -> Self {
        self.size = (w, h);
        self
    }
    /// The checks a worker would run are held until
    /// [`Bench::release_checks`] (what the screen shows meanwhile).
    pub fn hold_checks(mut self) -> Self {
        self.hold_checks = true;
        self
    }
    /// Opens it: the first effects (review file, lock, recovery) performed.
    pub fn start(self) -> Bench {
        let load = |p: &Path| reportbench::io::load(p).unwrap_or_else(|e| panic!("{e}"));
        let file = load(&self.path);
        let previous = self.previous.as_deref().map(load);
        let t0 = Instant::now();
        let exit = Arc::new(Mutex::new(Exit {
            dir: self.recovery.clone(),
            ..Exit::default()
        }));
        let start = Start {
            file,
            previous,
            spec: CompiledSpec::default_spec(),
            keymap: self.keymap,
            lang: self.lang,
            author: self.author,
            review_mode: self.review,
            recovery: self.recovery.is_some(),
            size: self.size,
            spec_note: None,
            seen: None,
        };
        let mut b = Bench {
            state: None,
            theme: Theme::builtin(self.theme).unwrap_or_else(|| panic!("theme")),
            runner: Effects::new(exit),
            t0,
            offset: Duration::ZERO,
            locking: self.locking,
            terminal: None,
            hold_checks: self.hold_checks,
            held: Vec::new(),
        };
        let (state, fx) = State::new(start, b.now());
        b.state = Some(state);
        b.run(fx);
        b
    }
}

/// The workbench under test.
pub struct Bench {
    state: Option<State>,
    /// The theme frames are drawn with.
    pub theme: Theme,
    runner: Effects,
    t0: Instant,
    offset: Duration,
    locking: bool,
    terminal: Option<Terminal<TestBackend>>,
    hold_checks: bool,
    held: Vec<Effect>,
}

impl Bench {
    /// The state.
    pub fn s(&self) -> &State {
        self.state.as_ref().expect("state")
    }

    fn state_mut(&mut self) -> &mut State {
        self.state.as_mut().expect("state")
    }

    /// The test's clock.
    pub fn now(&self) -> Now {
        Now {
            at: self.t0 + self.offset,
            unix: 1_750_000_000 + self.offset.as_secs(),
            local: "2025-03-01T09:30:00+08:00".into(),
        }
    }

    /// The instant the test's clock shows.
    pub fn at(&self) -> Instant {
        self.t0 + self.offset
    }

    /// Performs effects and what they lead to (an edit lock only when
    /// asked for).
    fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(e) = queue.pop_front() {
            let msg = match e {
                // Tests open the repository's drafts in parallel: the lock
                // is taken only where a test is about locking.
                Effect::Lock { .. } if !self.locking => Some(Msg::Locked(LockOutcome::Mine)),
                Effect::Check(_) if self.hold_checks => {
                    self.held.push(e);
                    None
                }
                e => self.runner.perform(e),
            };
            if let Some(m) = msg {
                let now = self.now();
                queue.extend(self.state_mut().update(m, now));
            }
        }
        // What the way out would keep, as the event loop updates it.
        let keep = self.state_mut().exit_keep();
        if let Ok(mut exit) = self.runner.exit().lock() {
            exit.keep = keep;
        }
    }

    /// Runs the checks held so far (see [`Opening::hold_checks`]).
    pub fn release_checks(&mut self) {
        self.hold_checks = false;
        let held = std::mem::take(&mut self.held);
        self.run(held);
    }

    /// Sends a message (its effects performed).
    pub fn send(&mut self, msg: Msg) {
        let now = self.now();
        let fx = self.state_mut().update(msg, now);
        self.run(fx);
    }

    /// Sends a message and returns its effects without performing them.
    pub fn decide(&mut self, msg: Msg) -> Vec<Effect> {
        let now = self.now();
        self.state_mut().update(msg, now)
    }

    /// A key press.
    pub fn key(&mut self, e: KeyEvent) {
        self.send(Msg::Key(e));
    }

    /// A key without modifiers.
    pub fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// Ctrl and a letter.
    pub fn ctrl(&mut self, c: char) {
        self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Alt and a key.
    pub fn alt(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::ALT));
    }

    /// Types text key by key.
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// A bracketed paste.
    pub fn paste(&mut self, s: &str) {
        self.send(Msg::Paste(s.into()));
    }

    /// A mouse event.
    pub fn mouse(&mut self, m: MouseEvent) {
        self.send(Msg::Mouse(m));
    }

    /// Moves the clock on and lets timed work run.
    pub fn wait(&mut self, d: Duration) {
        self.offset += d;
        self.send(Msg::Tick);
    }

    /// Moves the clock on without a tick.
    pub fn advance(&mut self, d: Duration) {
        self.offset += d;
    }

    /// The terminal resized to `w` × `h`.
    pub fn resize(&mut self, w: u16, h: u16) {
        if self.s().size().width != w || self.s().size().height != h {
            self.send(Msg::Resize(w, h));
        }
    }

    /// Draws a frame at `w` × `h` (the terminal resized first when its size
    /// changed; the frame drawn after the last one, as a terminal would)
    /// and returns its buffer.
    pub fn frame(&mut self, w: u16, h: u16) -> ratatui::buffer::Buffer {
        self.resize(w, h);
        let same = self
            .terminal
            .as_ref()
            .is_some_and(|t| t.backend().buffer().area == ratatui::layout::Rect::new(0, 0, w, h));
        if !same {
            self.terminal = Some(Terminal::new(TestBackend::new(w, h)).expect("terminal"));
        }
        let (state, theme) = (self.state.as_ref().expect("state"), &self.theme);
        let t = self.terminal.as_mut().expect("terminal");
        // The frame as drawn (with its cells' diff options), not the
        // backend's copy of it.
        t.draw(|f| draw(f, state, theme))
            .expect("draw")
            .buffer
            .clone()
    }

    /// The screen at `w` × `h` as text, a line per row (trailing blanks
    /// removed), ending with a newline.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        let buf = self.frame(w, h);
        let mut out = buffer_lines(&buf).join("\n");
        out.push('\n');
        out
    }

    /// The terminal of the last frame (for the cursor and diffs).
    pub fn terminal(&mut self) -> &mut Terminal<TestBackend> {
        self.terminal.as_mut().expect("draw a frame first")
    }

    /// The way-out state the handlers use.
    pub fn exit(&self) -> &Arc<Mutex<Exit>> {
        self.runner.exit()
    }
}

impl Drop for Bench {
    fn drop(&mut self) {
        Exit::release_lock(self.runner.exit());
    }
}
