//! End-to-end: the real binary in a pseudo-terminal. Types Chinese, saves,
//! quits, and reads the screen through a terminal emulator (vt100); a hostile
//! draft's escape sequences never reach the terminal raw.

mod common;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    writer: Box<dyn Write + Send>,
    raw: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// The state folder (recovery files) of a test: beside its draft.
fn state_dir(file: &std::path::Path) -> std::path::PathBuf {
    file.with_file_name("state")
}

fn start(file: &std::path::Path, cols: u16, rows: u16) -> Session {
    start_with(file, cols, rows, &[])
}

/// Starts the workbench as the user `nobody` (`setpriv`, needs root).
fn start_as_nobody(file: &std::path::Path, cols: u16, rows: u16) -> Session {
    start_program(
        "setpriv",
        &[
            "--reuid=65534".as_ref(),
            "--regid=65534".as_ref(),
            "--clear-groups".as_ref(),
            env!("CARGO_BIN_EXE_reportbench").as_ref(),
        ],
        file,
        cols,
        rows,
        &[],
    )
}

/// Starts the workbench in a session of its own (`setsid`), so that closing
/// its terminal sends it no SIGHUP, as for a process started with `su`.
fn start_detached(file: &std::path::Path, cols: u16, rows: u16) -> Session {
    start_program(
        "setsid",
        &["-w".as_ref(), env!("CARGO_BIN_EXE_reportbench").as_ref()],
        file,
        cols,
        rows,
        &[],
    )
}

/// Starts the workbench on `file` with more arguments.
fn start_with(file: &std::path::Path, cols: u16, rows: u16, args: &[&std::ffi::OsStr]) -> Session {
    start_program(
        env!("CARGO_BIN_EXE_reportbench"),
        &[],
        file,
        cols,
        rows,
        args,
    )
}

/// Starts `program` with `before`, then the workbench's arguments.
fn start_program(
    program: &str,
    before: &[&std::ffi::OsStr],
    file: &std::path::Path,
    cols: u16,
    rows: u16,
    args: &[&std::ffi::OsStr],
) -> Session {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(program);
    for a in before {
        cmd.arg(a);
    }
    cmd.arg("--lang");
    cmd.arg("en");
    cmd.arg(file);
    for a in args {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env(
        "REPORTBENCH_CONFIG_DIR",
        common::root().join("target/test-config-none"),
    );
    cmd.env("REPORTBENCH_STATE_DIR", state_dir(file));
    cmd.env_remove("NO_COLOR");
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    // Non-blocking, so that the reader thread can let go of its copy of the
    // master and a test can hang the terminal up by closing it.
    if let Some(fd) = pair.master.as_raw_fd() {
        // SAFETY: fcntl on a descriptor the master owns; flags only.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
    }
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = pair.master.take_writer().expect("writer");
    let raw = Arc::new(Mutex::new(Vec::new()));
    let sink = raw.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if let Ok(mut r) = sink.lock() {
                        r.extend_from_slice(&buf[..n]);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if stopped.load(Ordering::SeqCst) {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => break,
            }
        }
    });
    Session {
        writer,
        raw,
        child,
        master: Some(pair.master),
        stop,
        reader: Some(reader),
    }
}

impl Session {
    fn screen(&self, cols: u16, rows: u16) -> String {
        let mut p = vt100::Parser::new(rows, cols, 0);
        p.process(&self.raw.lock().map(|r| r.clone()).unwrap_or_default());
        p.screen().contents()
    }

    fn wait_for(&self, needle: &str, cols: u16, rows: u16) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen(cols, rows);
            if s.contains(needle) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "`{needle}` never appeared:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types `bytes`, then waits until the workbench has answered: its
    /// output has been quiet for a moment (no fixed sleep: a slow machine
    /// waits longer, a fast one less).
    fn send(&mut self, bytes: &[u8]) {
        let before = self.raw.lock().map_or(0, |r| r.len());
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
        self.wait_quiet(before);
    }

    /// Waits for output after `before` bytes, then for it to stop for 100 ms
    /// (at most 10 s in all).
    fn wait_quiet(&self, before: usize) {
        let start = Instant::now();
        let len = || self.raw.lock().map_or(0, |r| r.len());
        // Something in answer (every key draws a frame)…
        while len() == before && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(10));
        }
        // …and then nothing more for a while.
        let mut last = len();
        let mut quiet = Instant::now();
        while quiet.elapsed() < Duration::from_millis(100)
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(10));
            let now = len();
            if now != last {
                last = now;
                quiet = Instant::now();
            }
        }
    }

    /// Waits until the status bar (the last row) starts with `prefix`: a
    /// message of the workbench itself, not a word elsewhere on screen.
    fn wait_status(&self, prefix: &str, cols: u16, rows: u16) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen(cols, rows);
            let last = s.lines().last().unwrap_or("").trim_start();
            if last.starts_with(prefix) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the status bar never said `{prefix}`:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Hangs the terminal up, as a dropped SSH link does: every descriptor
    /// of the master side is closed.
    fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        // portable-pty's writer types Enter and the EOF character when it is
        // dropped; a dropped SSH link types nothing, so EOF is unset first.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: termios calls on a descriptor the master owns.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    fn pid(&self) -> i32 {
        self.child.process_id().expect("a process id") as i32
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the workbench did not exit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn type_chinese_save_and_quit() {
    let dir = common::temp_dir("pty-edit");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    s.send("甲乙".as_bytes());
    s.wait_for("draft.md ●", 100, 30);
    s.send(b"\x13"); // Ctrl-S
    s.wait_status("saved ", 100, 30);
    s.send(b"\x11"); // Ctrl-Q
    s.wait_exit();
    let saved = std::fs::read_to_string(&p).unwrap();
    assert!(
        saved.starts_with("甲乙# 青禾镇2024年度"),
        "{}",
        &saved[..40]
    );
    // The terminal was given back: the alternate screen was left.
    let raw = s.raw.lock().unwrap().clone();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    assert!(
        tail.contains("\u{1b}[?1049l"),
        "alternate screen left: {tail:?}"
    );
}

impl Session {
    /// Where the terminal's cursor is (row, column), and whether it shows.
    fn cursor(&self, cols: u16, rows: u16) -> ((u16, u16), bool) {
        let mut p = vt100::Parser::new(rows, cols, 0);
        p.process(&self.raw.lock().map(|r| r.clone()).unwrap_or_default());
        (p.screen().cursor_position(), !p.screen().hide_cursor())
    }
}

/// The row and column (in cells) where `needle` starts on `screen`.
fn find_on(screen: &str, needle: &str) -> Option<(u16, u16)> {
    use unicode_width::UnicodeWidthStr;
    screen.lines().enumerate().find_map(|(row, line)| {
        let at = line.find(needle)?;
        Some((row as u16, line[..at].width() as u16))
    })
}

/// The terminal's own cursor is where typing goes — after what was typed
/// in the editor, then in a prompt — so that an input method's candidate
/// window opens there (the frames are sent by `tui::present`, which places
/// the cursor itself).
#[test]
fn the_terminals_cursor_is_where_typing_goes() {
    let dir = common::temp_dir("pty-cursor");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    s.send("甲乙".as_bytes());
    let screen = s.wait_for("甲乙# 青禾镇", 100, 30);
    let (row, col) = find_on(&screen, "甲乙#").expect("the typed text on screen");
    assert_eq!(s.cursor(100, 30), ((row, col + 4), true), "{screen}");
    s.send(b"\x0c"); // Ctrl-L: go to line
    s.send(b"12");
    let screen = s.wait_status("Go to line: 12", 100, 30);
    let prompt = "Go to line: 12".len() as u16;
    assert_eq!(s.cursor(100, 30), ((29, prompt), true), "{screen}");
    s.send(b"\x1b"); // Esc
    s.send(b"\x11"); // Ctrl-Q
    s.wait_for("quit without saving", 100, 30);
    s.send(b"y");
    s.wait_exit();
}

#[test]
fn quitting_with_changes_asks_first() {
    let dir = common::temp_dir("pty-quit");
    let p = dir.join("draft.txt");
    std::fs::copy(common::root().join("drafts/qinghe-2023.txt"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let mut s = start(&p, 80, 24);
    s.wait_for("Checklist", 80, 24);
    s.send("丙".as_bytes());
    s.send(b"\x11");
    s.wait_for("quit without saving", 80, 24);
    s.send(b"y");
    s.wait_exit();
    assert_eq!(std::fs::read(&p).unwrap(), before, "nothing saved");
}

#[test]
fn a_hostile_draft_sends_no_raw_escapes() {
    let dir = common::temp_dir("pty-hostile");
    let p = dir.join("hostile.txt");
    let body = "全年调处矛盾纠纷120件，审核合同38份。".repeat(30);
    std::fs::write(
        &p,
        format!("某镇2024年度法治政府建设情况报告\u{1b}]0;pwned\u{7}\n一、主要举措\u{202e}反转\n{body}\n"),
    )
    .unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist", 100, 30);
    s.send(b"\x11");
    s.wait_exit();
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    // The text after the escape is harmless on screen; the escape itself must not get through.
    assert!(
        !raw.contains("\u{1b}]0;pwned"),
        "an OSC sequence from the file reached the terminal"
    );
    assert!(
        !raw.contains('\u{7}'),
        "a BEL from the file reached the terminal"
    );
    assert!(
        !raw.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
}

/// The recovery files in a test's state folder (not a save's temporary
/// file, which is there until it is renamed into place).
/// The text of the one recovery file kept for `file` (there must be one).
fn only_recovery_file(file: &std::path::Path) -> String {
    let files = recovery_files(file);
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(&files[0]).unwrap()
}

fn recovery_files(file: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(state_dir(file).join("recovery")) {
        Ok(d) => d
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "recover"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn text_typed_before_a_sigkill_is_recovered() {
    let dir = common::temp_dir("pty-kill");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let original = std::fs::read(&p).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    s.send("未保存的一句话。".as_bytes());
    s.wait_for("draft.md ●", 100, 30);
    // Written within two seconds of the last edit, by the workbench itself.
    wait_until("no recovery file within the time allowed", || {
        recovery_files(&p).len() == 1
    });
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(s.pid(), libc::SIGKILL) };
    s.wait_exit();
    assert_eq!(
        std::fs::read(&p).unwrap(),
        original,
        "the draft is untouched"
    );

    let mut s = start(&p, 100, 30);
    let screen = s.wait_for("Unsaved text from an earlier session", 100, 30);
    assert!(screen.contains("+ 未保存的一句话。# 青禾镇"), "{screen}");
    assert!(screen.contains("- # 青禾镇"), "{screen}");
    s.send(b"r");
    s.wait_for("unsaved text restored", 100, 30);
    s.send(b"\x13");
    s.wait_status("saved ", 100, 30);
    s.send(b"\x11");
    s.wait_exit();
    let saved = std::fs::read_to_string(&p).unwrap();
    assert!(
        saved.starts_with("未保存的一句话。# 青禾镇"),
        "{}",
        &saved[..60]
    );
    assert!(
        recovery_files(&p).is_empty(),
        "saving removes the recovery file"
    );
}

#[test]
fn a_hangup_keeps_the_text_and_ends_the_process() {
    let dir = common::temp_dir("pty-hup");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let original = std::fs::read(&p).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    s.send("断线前".as_bytes());
    let before = s.wait_for("draft.md ●", 100, 30);
    // At once, before the timed write: the hangup handler writes it.
    s.hang_up();
    s.wait_exit();
    assert_eq!(
        std::fs::read(&p).unwrap(),
        original,
        "the draft is untouched"
    );
    let kept = only_recovery_file(&p);
    assert!(
        kept.contains("\n\n断线前# 青禾镇"),
        "typed text at {:?} of: {}\nscreen before the hangup:\n{before}",
        kept.find("断线前"),
        kept.chars().take(120).collect::<String>()
    );
}

#[test]
fn a_hangup_keeps_the_text_of_a_huge_draft() {
    // Over 512 KiB: the kept text is a copy in chunks, the chunk of the
    // changed line built again before each frame; the hangup handler
    // joins it.
    let dir = common::temp_dir("pty-hup-huge");
    let p = dir.join("draft.md");
    let one = std::fs::read_to_string(common::root().join("drafts/qinghe-2024.md")).unwrap();
    std::fs::write(&p, one.repeat(20)).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    s.send("断线前".as_bytes());
    // All three keys handled and drawn (each is slow in a debug build on
    // a draft this size): the hangup then finds the text as typed.
    s.wait_for("断线前# 青禾镇", 100, 30);
    s.hang_up();
    s.wait_exit();
    let kept = only_recovery_file(&p);
    // After the recovery file's header, the whole text as typed.
    let body = kept.split_once("\n\n").map_or("", |(_, b)| b);
    assert!(
        body == format!("断线前{}", one.repeat(20)),
        "{}",
        kept.chars().take(120).collect::<String>()
    );
}

#[test]
fn discarding_on_open_removes_the_recovery_file() {
    let dir = common::temp_dir("pty-discard");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    s.send(b"zz");
    s.wait_for("draft.md ●", 100, 30);
    // SIGTERM: the text is kept, the terminal given back.
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(s.pid(), libc::SIGTERM) };
    s.wait_exit();
    assert_eq!(recovery_files(&p).len(), 1);
    let mut s = start(&p, 100, 30);
    s.wait_for("Unsaved text from an earlier session", 100, 30);
    s.send(b"d");
    s.wait_for("recovery file discarded", 100, 30);
    assert!(recovery_files(&p).is_empty());
    s.send(b"\x11");
    s.wait_exit();
}

#[test]
fn another_writer_is_noticed_and_saving_asks_first() {
    let dir = common::temp_dir("pty-other");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut s = start(&p, 120, 30);
    s.wait_for("Checklist 5/6 required", 120, 30);
    s.send("我的".as_bytes());
    s.wait_for("draft.md ●", 120, 30);
    let theirs = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 别人的", 1);
    std::fs::write(&p, &theirs).unwrap();
    // Noticed by the running workbench without a key press.
    s.wait_for("changed on disk", 120, 30);
    s.send(b"\x13");
    s.wait_for("y overwrites it", 120, 30);
    s.send(b"n");
    s.wait_for("cancelled", 120, 30);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), theirs);
    s.send(b"\x11");
    s.send(b"y");
    s.wait_exit();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), theirs);
}

#[test]
fn a_second_workbench_on_one_draft_is_offered_read_only() {
    let dir = common::temp_dir("pty-lock");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let lock = dir.join(".draft.md.reportbench-lock");
    let mut first = start(&p, 100, 30);
    first.wait_for("Checklist 5/6 required", 100, 30);
    assert!(lock.exists(), "the first workbench locks the draft");
    let mut second = start(&p, 100, 30);
    second.wait_for("is editing this file in reportbench", 100, 30);
    second.send(b"o");
    second.wait_for("read-only", 100, 30);
    second.send("不该进去".as_bytes());
    second.wait_for("another reportbench is editing this file", 100, 30);
    second.send(b"\x13");
    second.wait_for("read-only: not saved", 100, 30);
    second.send(b"\x11");
    second.wait_exit();
    assert!(lock.exists(), "the viewer leaves the editor's lock alone");
    first.send(b"\x11");
    first.wait_exit();
    assert!(!lock.exists(), "quitting removes the lock");
    assert_eq!(
        std::fs::read(&p).unwrap(),
        std::fs::read(common::root().join("drafts/qinghe-2024.md")).unwrap()
    );
}

#[test]
fn a_reviewer_comments_in_review_mode_and_the_draft_stays_as_it_was() {
    let dir = common::temp_dir("pty-review");
    let p = dir.join("draft.md");
    let old = dir.join("old.txt");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    std::fs::copy(common::root().join("drafts/qinghe-2023.txt"), &old).unwrap();
    let before = std::fs::read(&p).unwrap();
    let args = [
        std::ffi::OsStr::new("--review"),
        "--previous".as_ref(),
        old.as_os_str(),
    ];
    let mut s = start_with(&p, 120, 40, &args);
    s.wait_for("review mode", 120, 40);
    // No edit lock: the writer can go on editing.
    assert!(!dir.join(".draft.md.reportbench-lock").exists());
    s.send("乱".as_bytes());
    s.wait_for("F7 signs off", 120, 40);
    // F3: the comparison; F5 comments on its selected paragraph.
    s.send(b"\x1bOR");
    s.wait_for("carried over", 120, 40);
    s.send(b"n");
    s.send(b"\x1b[15~");
    s.wait_for("Comment on", 120, 40);
    s.send("请说明与去年相比的变化。\r".as_bytes());
    s.wait_for("saved to the review file", 120, 40);
    s.send(b"\x1b");
    s.send(b"\x11"); // Ctrl-Q: nothing to save
    s.wait_exit();
    assert_eq!(std::fs::read(&p).unwrap(), before, "the draft is untouched");
    let review = reportbench::io::review::read(&p).unwrap();
    assert_eq!(review.comments.len(), 1);
    assert_eq!(review.comments[0].body, "请说明与去年相比的变化。");
    assert!(recovery_files(&p).is_empty());
}

#[test]
fn the_views_open_with_function_keys_and_their_alt_twins() {
    let dir = common::temp_dir("pty-views");
    let p = dir.join("draft.md");
    let old = dir.join("old.txt");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    std::fs::copy(common::root().join("drafts/qinghe-2023.txt"), &old).unwrap();
    let args = [std::ffi::OsStr::new("--previous"), old.as_os_str()];
    let mut s = start_with(&p, 80, 24, &args);
    s.wait_for("Checklist", 80, 24);
    s.send(b"\x1bOS"); // F4
    s.wait_for("Figures", 80, 24);
    s.wait_for("Last year's plans", 80, 24);
    s.send(b"\x1b"); // Esc: back
    s.wait_for("Checklist", 80, 24);
    s.send(b"\x1b3"); // Alt-3: the diff, for terminals without function keys
    s.wait_for("carried over", 80, 24);
    s.send(b"\x1b4"); // Alt-4 from the diff: the figures
    s.wait_for("Figures", 80, 24);
    s.send(b"\x11"); // Ctrl-Q
    s.wait_exit();
}

#[test]
fn a_comment_being_typed_survives_a_hangup_and_comes_back() {
    let dir = common::temp_dir("pty-hup-comment");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let review = [std::ffi::OsStr::new("--review")];
    let mut s = start_with(&p, 100, 30, &review);
    s.wait_for("review mode", 100, 30);
    s.send(b"\x1b[15~"); // F5
    s.wait_for("Comment on", 100, 30);
    s.send("断线时正在写的批注".as_bytes());
    s.wait_for("断线时正在写的批注", 100, 30);
    s.hang_up();
    s.wait_exit();
    assert!(only_recovery_file(&p).ends_with("\n\n断线时正在写的批注"));
    // Reopened: said so, and F5 brings the words back.
    let mut s = start_with(&p, 100, 30, &review);
    s.wait_for("unsent comment", 100, 30);
    s.send(b"\x1b[15~");
    s.wait_for("断线时正在写的批注", 100, 30);
    s.send(b"\r");
    s.wait_for("saved to the review file", 100, 30);
    s.send(b"\x11");
    s.wait_exit();
    let r = reportbench::io::review::read(&p).unwrap();
    assert_eq!(r.comments[0].body, "断线时正在写的批注");
    assert!(recovery_files(&p).is_empty(), "done with: removed");
}

#[test]
fn esc_and_a_function_key_in_one_read_type_nothing() {
    let dir = common::temp_dir("pty-escf1");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    // Esc then F1 as one burst (a slow SSH link delivers them together).
    s.send(b"\x1b\x1bOP");
    s.wait_for("Keys", 100, 30);
    s.send(b"x"); // closes the help
    s.send(b"\x11"); // Ctrl-Q: nothing was typed, so it quits at once
    s.wait_exit();
    assert_eq!(
        std::fs::read(&p).unwrap(),
        std::fs::read(common::root().join("drafts/qinghe-2024.md")).unwrap()
    );
}

#[test]
fn a_terminal_gone_without_a_hangup_signal_keeps_the_text_and_frees_the_lock() {
    let dir = common::temp_dir("pty-gone");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let lock = dir.join(".draft.md.reportbench-lock");
    let mut s = start_detached(&p, 100, 30);
    s.wait_for("Checklist 5/6 required", 100, 30);
    assert!(lock.exists());
    s.send("无信号断线".as_bytes());
    s.wait_for("draft.md ●", 100, 30);
    // The terminal closes; no SIGHUP reaches a process in its own session.
    s.hang_up();
    // It notices by itself, keeps the text and gives the lock back. (The
    // `setsid` in between ends with the terminal; the workbench is awaited
    // through its lock, which names it.)
    s.wait_exit();
    wait_until("the workbench never let go of its lock", || !lock.exists());
    assert!(only_recovery_file(&p).contains("无信号断线# 青禾镇"));
}

#[cfg(unix)]
#[test]
fn a_file_the_user_may_not_write_is_not_replaced_through_its_folder() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // SAFETY: geteuid(2) cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            !common::in_ci(),
            "CI runs as root: this test must run there"
        );
        eprintln!("skipping: running as another user needs root (setpriv)");
        return;
    }
    // root's draft, readable by all, in a folder everyone may write to.
    let dir = common::temp_dir("pty-nobody");
    std::fs::set_permissions(&*dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(&p).unwrap();
    std::fs::create_dir(state_dir(&p)).unwrap();
    std::fs::set_permissions(state_dir(&p), std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut s = start_as_nobody(&p, 120, 30);
    s.wait_for("Checklist 5/6 required", 120, 30);
    s.send(b"x");
    s.wait_for("draft.md \u{25cf}", 120, 30);
    s.send(b"\x13"); // Ctrl-S
    s.wait_status("not saved: you may not write this file", 120, 30);
    s.send(b"\x11"); // Ctrl-Q
    s.send(b"y");
    s.wait_exit();
    assert_eq!(std::fs::read(&p).unwrap(), before, "not replaced");
    assert_eq!(std::fs::metadata(&p).unwrap().uid(), 0, "still root's");
}

#[test]
fn an_adviser_suggests_wording_and_the_writer_accepts_it() {
    let dir = common::temp_dir("pty-suggest");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    // The adviser, in review mode: select "# 青禾镇", F9, change it.
    let mut s = start_with(&p, 120, 40, &[std::ffi::OsStr::new("--review")]);
    s.wait_for("review mode", 120, 40);
    for _ in 0..5 {
        s.send(b"\x1b[1;2C"); // Shift-Right
    }
    s.send(b"\x1b[20~"); // F9
    s.wait_for("Change", 120, 40);
    s.send(b"\x7f");
    s.send("乡\r".as_bytes());
    s.wait_for("saved to the review file", 120, 40);
    s.wait_for("1 suggestion", 120, 40);
    s.send(b"\x11");
    s.wait_exit();
    let review = reportbench::io::review::read(&p).unwrap();
    assert_eq!(review.suggestions.len(), 1);
    assert_eq!(review.suggestions[0].replacement, "# 青禾乡");
    // The writer accepts it from the list and saves.
    let mut s = start(&p, 120, 40);
    // The cursor is in the suggested text: its wording is on the status bar.
    s.wait_for("suggests \"# 青禾乡\"", 120, 40);
    s.send(b"\x1b[17~"); // F6
    s.wait_for("suggestions: 1 open", 120, 40);
    s.send(b"a");
    s.wait_for("suggestion accepted", 120, 40);
    s.send(b"\x1b");
    s.send(b"\x13"); // Ctrl-S
    s.wait_for("saved", 120, 40);
    s.send(b"\x11");
    s.wait_exit();
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.starts_with("# 青禾乡2024年度"), "{}", &text[..60]);
    let review = reportbench::io::review::read(&p).unwrap();
    assert_eq!(
        review.suggestions[0].status,
        reportbench::core::suggestion::SuggestionStatus::Accepted
    );
}

#[test]
fn a_copy_reaches_the_terminals_clipboard() {
    // Ctrl-A, Ctrl-C: the whole text goes out as one OSC 52 write, which
    // the user's terminal puts on their clipboard (over SSH too).
    let dir = common::temp_dir("pty-osc52");
    let p = dir.join("d.md");
    let text = "# 某镇2024年度法治政府建设情况报告\n\n一、主要举措\n全年审核合同38份。";
    std::fs::write(&p, text).unwrap();
    let mut s = start(&p, 100, 30);
    s.wait_for("Checklist", 100, 30);
    s.send(b"\x01");
    s.send(b"\x03");
    let expected = reportbench::tui::clipboard::osc52(text);
    let start = Instant::now();
    loop {
        let raw = s.raw.lock().map(|r| r.clone()).unwrap_or_default();
        if raw
            .windows(expected.len())
            .any(|w| w == expected.as_bytes())
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no OSC 52 write of the text"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    s.wait_for("copied", 100, 30);
    s.send(b"\x11");
    s.wait_exit();
}

/// The problem count in the checklist's title ("· 3 problems").
fn problems(screen: &str) -> Option<usize> {
    let at = screen.find(" problems")?;
    let head = &screen[..at];
    head.rsplit(' ').next()?.parse().ok()
}

#[test]
fn a_fix_typed_shows_at_once_and_the_checklist_follows_from_its_worker() {
    // A numbering gap on line 6: （三） after （一）.
    let dir = common::temp_dir("pty-live-check");
    let p = dir.join("draft.md");
    std::fs::write(
        &p,
        "某镇2024年度法治政府建设情况报告\n一、主要举措\n（一）甲\n正文。\n正文。\n（三）乙审核合同38份。\n正文。\n",
    )
    .unwrap();
    let mut s = start(&p, 100, 30);
    let first = s.wait_for(" problems", 100, 30);
    let before = problems(&first).expect("a problem count");
    // Go to line 6 (Ctrl-L), and type 二 over 三.
    s.send(b"\x0c");
    s.send(b"6\r");
    s.send(b"\x1b[C"); // →
    s.send(b"\x1b[3~"); // Delete
    s.send("二".as_bytes());
    s.wait_for("（二）乙", 100, 30);
    // The re-check comes from the worker: the gap is gone from the count.
    let start = Instant::now();
    loop {
        let screen = s.screen(100, 30);
        if problems(&screen).unwrap_or(0) < before {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the checklist never caught up ({before} problems before):\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    s.send(b"\x11"); // Ctrl-Q
    s.wait_for("quit without saving", 100, 30);
    s.send(b"y");
    s.wait_exit();
}
