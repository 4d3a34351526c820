//! Snapshots of the workbench's screens, line by line (a changed, extra or
//! missing line fails): the main screen at 80×24 and 120×40 in both
//! languages, the help, the recovery offer, the comment list and the
//! sign-off prompt. `UPDATE_SNAPSHOTS=1 cargo test --test screens` rewrites
//! them; CI refuses a missing one.

mod common;

use common::bench::open;
use crossterm::event::KeyCode;
use reportbench::core::lang::Lang;
use std::path::Path;

fn draft() -> &'static Path {
    // Relative: snapshots must not hold a checkout's absolute path.
    Path::new("drafts/qinghe-2024.md")
}

/// The screen without what differs from run to run: the test process's id
/// (as a recovery file's writer).
fn stable(s: &str) -> String {
    let pid = std::process::id().to_string();
    let spaces = regex::Regex::new(" *([│┃])").expect("a pattern");
    s.lines()
        .map(|l| {
            let l2 = l
                .replace(&format!("进程 {pid}"), "进程 PID")
                .replace(&format!("process {pid}"), "process PID");
            // The padding after it depends on how many digits the id has.
            if l2 != l {
                spaces.replace_all(&l2, " $1").into_owned()
            } else {
                l2
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

#[test]
fn the_main_screen_in_both_languages_and_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut b = open(draft()).lang(lang).start();
            let s = b.screen(w, h);
            common::assert_snapshot(&format!("main-{w}x{h}-{}", name(lang)), &s);
        }
    }
}

#[test]
fn the_help() {
    for lang in [Lang::Zh, Lang::En] {
        let mut b = open(draft()).lang(lang).start();
        b.press(KeyCode::F(1));
        let s = b.screen(100, 30);
        common::assert_snapshot(&format!("help-100x30-{}", name(lang)), &s);
    }
}

#[test]
fn the_recovery_offer() {
    use reportbench::io::recovery;
    let dir = common::local_dir("screens-recover");
    let p = dir.join("draft.md");
    std::fs::copy(draft(), &p).unwrap();
    let rec = dir.join("recovery");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 青禾乡", 1)
        .replacen("全镇", "全乡", 2);
    recovery::write(&rec, &p, &text).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let mut b = open(&p).lang(lang).recovery(&rec).start();
        let s = stable(&b.screen(100, 30));
        common::assert_snapshot(&format!("recover-100x30-{}", name(lang)), &s);
    }
}

#[test]
fn the_comment_list_and_the_sign_off_prompt() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = common::local_dir(&format!("screens-review-{}", name(lang)));
        let p = dir.join("qinghe-2024.md");
        std::fs::copy(draft(), &p).unwrap();
        std::fs::write(
            dir.join("qinghe-2024.md.review.yaml"),
            "comments:\n\
             - id: c-20250301-0001\n  author: 李律师\n  created: 2025-03-01T09:30:00+08:00\n  \
             quote: 健全法治建设工作机制\n  prefix: '1．'\n  suffix: 。调整\n  line: 15\n  \
             body: 请补充领导小组调整的文号。\n  status: open\n  replies:\n  \
             - {author: 王主任, created: 2025-03-02T10:00:00+08:00, body: 已补充。}\n\
             - id: c-20250301-0002\n  author: 张律师\n  created: 2025-03-01T11:00:00+08:00\n  \
             quote: 这段话已经删掉了\n  line: 40\n  body: 这一条的原文已不在稿中。\n  status: resolved\n",
        )
        .unwrap();
        let mut b = open(&p).lang(lang).author("李律师").review().start();
        b.press(KeyCode::F(6));
        let s = stable(&b.screen(100, 30));
        common::assert_snapshot(&format!("comments-100x30-{}", name(lang)), &s);
        b.press(KeyCode::Esc);
        b.press(KeyCode::F(2));
        b.press(KeyCode::Down);
        b.press(KeyCode::F(7));
        let s = stable(&b.screen(100, 30));
        common::assert_snapshot(&format!("signoff-100x30-{}", name(lang)), &s);
        b.press(KeyCode::Char('x'));
        let s = b.screen(100, 30);
        common::assert_snapshot(
            &format!("signoff-reason-100x30-{}", name(lang)),
            &prompt_rows(&s),
        );
    }
}

#[test]
fn suggestions_in_the_list_their_redline_and_the_prompt() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = common::local_dir(&format!("screens-suggest-{}", name(lang)));
        let p = dir.join("qinghe-2024.md");
        std::fs::copy(draft(), &p).unwrap();
        std::fs::write(
            dir.join("qinghe-2024.md.review.yaml"),
            "suggestions:\n\
             - id: s-20250301-0001\n  author: 李律师\n  created: 2025-03-01T09:35:00+08:00\n  \
             quote: 调整全面依法治镇工作领导小组\n  prefix: 健全法治建设工作机制。\n  suffix: ，下设办公室\n  line: 15\n  \
             replacement: 调整全面依法治镇工作领导小组（青政发〔2024〕3号）\n  status: open\n\
             - id: s-20250301-0002\n  author: 李律师\n  created: 2025-03-01T09:40:00+08:00\n  \
             quote: 这段话已经删掉了\n  line: 40\n  replacement: 新的说法\n  status: rejected\n  \
             decided_by: 王主任\n  decided_at: 2025-03-02T09:00:00+08:00\n  reason: 原文准确\n",
        )
        .unwrap();
        let mut b = open(&p).lang(lang).author("王主任").start();
        b.press(KeyCode::F(6));
        let s = stable(&b.screen(100, 30));
        common::assert_snapshot(&format!("suggestions-100x30-{}", name(lang)), &s);
        b.press(KeyCode::Esc);
        b.press(KeyCode::F(9));
        let s = b.screen(100, 30);
        common::assert_snapshot(
            &format!("suggest-prompt-100x30-{}", name(lang)),
            &prompt_rows(&s),
        );
        // Enter in the list goes to the suggestion's text: its redline on a
        // row of the editor (who, the text struck, the wording).
        b.press(KeyCode::Esc);
        b.press(KeyCode::F(6));
        b.press(KeyCode::Enter);
        let s = stable(&b.screen(100, 30));
        assert!(
            s.contains("李律师 建议：…工作领导小组（青政发〔2024〕3号）")
                || s.contains("李律师 suggests: …工作领导小组（青政发〔2024〕3号）"),
            "{s}"
        );
        common::assert_snapshot(&format!("suggestion-redline-100x30-{}", name(lang)), &s);
    }
}

/// A prompt's box (from its top border) and the status bar under it.
fn prompt_rows(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .rposition(|l| l.starts_with('┌'))
        .unwrap_or(lines.len() - 1);
    lines[top..].join("\n") + "\n"
}
