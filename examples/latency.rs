//! Keystroke latency through a real pseudo-terminal: the release binary
//! started at 120×40 on generated drafts, 200 keys typed (ASCII and
//! Chinese), each measured from the key's write to the end of the first
//! frame it caused (the key shown: "echo") and to the end of the last
//! (the checklist re-checked and drawn: "settled"); and launch → the end
//! of the first frame.
//!
//! ```text
//! cargo build --release && cargo run --release --example latency -- [CHARS…]
//! ```
//!
//! CHARS default to 30000 1000000 4000000; `REPORTBENCH_BIN` measures
//! another build (to compare, run both in turn, more than once). The drafts are the sample
//! `drafts/qinghe-2024.md` repeated to length, in a temporary folder. A
//! frame is written in one flush: the first frame ends at the first pause
//! of 1 ms in the output (`LATENCY_BURST_US` sets another pause: a
//! re-check that is drawn less than 1 ms after the key's frame is counted
//! as part of it), the last at the last byte before the output stays quiet
//! for 15 ms; the next key waits for that quiet. Prints medians and 99th
//! percentiles in milliseconds, and for how many keys a later frame came
//! at all: a re-check that changes nothing on screen writes nothing (the
//! key's own frame is then also its last), so "settled" is the time to
//! the screen's final state, and the re-check itself is timed within the
//! process by the `keyframes` example.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Output arrives as (when, how many bytes).
type Chunks = Receiver<(Instant, usize)>;

/// A frame is over when nothing more comes for this long.
const QUIET: Duration = Duration::from_millis(15);

/// Within one frame's output no pause is this long.
const BURST: Duration = Duration::from_millis(1);

/// [`BURST`], or `LATENCY_BURST_US` microseconds.
fn burst() -> Duration {
    std::env::var("LATENCY_BURST_US")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(BURST, Duration::from_micros)
}

/// Waits for output (at most `limit`), then for the quiet after it; the
/// time of the last byte, or `None` when nothing came.
fn frame_end(rx: &Chunks, limit: Duration) -> Option<Instant> {
    frames_end(rx, limit).map(|(_, last)| last)
}

/// Waits for output (at most `limit`), then for the quiet after it: the
/// end of the first frame (the last byte before the first pause of
/// [`BURST`]) and of the last one, or `None` when nothing came.
fn frames_end(rx: &Chunks, limit: Duration) -> Option<(Instant, Instant)> {
    let (mut last, _) = rx.recv_timeout(limit).ok()?;
    let mut first: Option<Instant> = None;
    loop {
        match rx.recv_timeout(QUIET) {
            Ok((t, _)) => {
                if first.is_none() && t.duration_since(last) >= burst() {
                    first = Some(last);
                }
                last = t;
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                return Some((first.unwrap_or(last), last));
            }
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Launch → first frame, and each key's (echo, settled) times.
type Run = (f64, Vec<(f64, f64)>);

fn run(bin: &str, chars: usize, dir: &std::path::Path) -> Result<Run, String> {
    let base = include_str!("../drafts/qinghe-2024.md");
    let mut text = String::with_capacity(chars * 3 + base.len());
    while text.chars().count() < chars {
        text.push_str(base);
        text.push('\n');
    }
    let path = dir.join(format!("draft-{chars}.md"));
    std::fs::write(&path, &text).map_err(|e| e.to_string())?;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg(&path);
    cmd.env("TERM", "xterm-256color");
    cmd.env("REPORTBENCH_CONFIG_DIR", dir.join("config-none"));
    cmd.env("REPORTBENCH_STATE_DIR", dir.join("state"));
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).map_err(|e| e.to_string())?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), n)).is_err() {
                break;
            }
        }
    });
    let first = frame_end(&rx, Duration::from_secs(60)).ok_or("no first frame")?;
    let launch = (first - started).as_secs_f64() * 1000.0;
    // Into the text: a few lines down, then type.
    for _ in 0..5 {
        writer.write_all(b"\x1b[B").map_err(|e| e.to_string())?;
        frame_end(&rx, Duration::from_secs(10));
    }
    let keys: Vec<&[u8]> = vec![
        "a".as_bytes(),
        "法".as_bytes(),
        "b".as_bytes(),
        "治".as_bytes(),
        " ".as_bytes(),
    ];
    let mut times = Vec::with_capacity(200);
    for k in 0..200 {
        let key = keys[k % keys.len()];
        let t0 = Instant::now();
        writer.write_all(key).map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
        if let Some((echo, settled)) = frames_end(&rx, Duration::from_secs(10)) {
            let ms = |t: Instant| (t - t0).as_secs_f64() * 1000.0;
            times.push((ms(echo), ms(settled)));
        }
    }
    // Quit without saving: Ctrl-Q, then "discard" if asked.
    let _ = writer.write_all(b"\x11");
    frame_end(&rx, Duration::from_secs(2));
    let _ = writer.write_all(b"d");
    std::thread::sleep(Duration::from_millis(200));
    let _ = child.kill();
    let _ = child.wait();
    Ok((launch, times))
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![30_000, 1_000_000, 4_000_000]
    } else {
        sizes
    };
    // Another build to compare with: REPORTBENCH_BIN=path/to/reportbench.
    let bin = std::env::var("REPORTBENCH_BIN").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/reportbench").to_owned()
    });
    let bin = bin.as_str();
    if !std::path::Path::new(bin).is_file() {
        eprintln!("build the release binary first: cargo build --release");
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("reportbench-latency-{}", std::process::id()));
    let _ = std::fs::create_dir_all(dir.join("state"));
    println!(
        "draft chars   launch→first frame   key→echo median   p99   key→settled median   p99   later frames   (ms, 120×40, 200 keys)"
    );
    for chars in sizes {
        match run(bin, chars, &dir) {
            Ok((launch, times)) => {
                // LATENCY_TIMES=file: every key's times (echo, settled), in
                // typing order.
                if let Some(out) = std::env::var_os("LATENCY_TIMES") {
                    let lines: Vec<String> = times
                        .iter()
                        .map(|(e, s)| format!("{e:.3} {s:.3}"))
                        .collect();
                    let _ = std::fs::write(out, lines.join("\n") + "\n");
                }
                let sorted = |pick: fn(&(f64, f64)) -> f64| {
                    let mut v: Vec<f64> = times.iter().map(pick).collect();
                    v.sort_by(f64::total_cmp);
                    v
                };
                let (echo, settled) = (sorted(|t| t.0), sorted(|t| t.1));
                let later = times.iter().filter(|t| t.1 > t.0).count();
                println!(
                    "{chars:>11}   {launch:>18.1}   {:>15.1}   {:>5.1}   {:>18.1}   {:>5.1}   {later:>12}",
                    percentile(&echo, 0.5),
                    percentile(&echo, 0.99),
                    percentile(&settled, 0.5),
                    percentile(&settled, 0.99)
                );
            }
            Err(e) => println!("{chars:>11}   failed: {e}"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
