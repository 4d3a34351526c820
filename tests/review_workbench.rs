//! Review in the workbench: comments on the paragraph at the cursor or the
//! selection, replies, resolving, sign-offs (with `na` turning the item's
//! status), `--review` mode, and two reviewers writing one sidecar.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::state::{App, Focus, Overlay, View};
use reportbench::core::check::Status;
use reportbench::core::lang::Lang;
use reportbench::core::review::{CommentStatus, Verdict};
use reportbench::core::spec::CompiledSpec;
use reportbench::ui::draw::{buffer_lines, draw};
use reportbench::ui::theme::Theme;
use std::path::{Path, PathBuf};

fn copy_draft(test: &str) -> PathBuf {
    let dir = common::temp_dir(&format!("rv-{test}"));
    let p = dir.join("qinghe-2024.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    p
}

fn open(path: &Path, author: &str) -> App {
    let loaded = reportbench::io::load(path).unwrap();
    let mut app = App::new(
        loaded,
        CompiledSpec::default_spec(),
        Keymap::defaults(),
        Theme::builtin("dark").unwrap(),
        Lang::Zh,
    );
    app.author = author.into();
    app.load_review();
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    buffer_lines(t.backend().buffer()).join("\n")
}

fn on_disk(path: &Path) -> reportbench::core::review::Review {
    reportbench::io::review::read(path).unwrap()
}

/// Moves the cursor to the start of the first line containing `needle`.
fn goto(app: &mut App, needle: &str) -> usize {
    let row = app
        .editor
        .lines()
        .iter()
        .position(|l| l.contains(needle))
        .unwrap();
    app.editor
        .move_cursor(tui_textarea::CursorMove::Jump(row as u16, 0));
    row
}

#[test]
fn a_comment_on_the_paragraph_at_the_cursor() {
    let path = copy_draft("para");
    let mut app = open(&path, "李律师");
    let row = goto(&mut app, "健全法治建设工作机制");
    let line = app.editor.lines()[row].trim().to_owned();
    press(&mut app, KeyCode::F(5));
    assert!(
        matches!(app.overlay, Overlay::Input(..)),
        "{:?}",
        app.overlay
    );
    typed(&mut app, "请补充领导小组调整的文号。");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    let r = on_disk(&path);
    assert_eq!(r.comments.len(), 1, "{r:?}");
    let c = &r.comments[0];
    assert_eq!(c.quote, line);
    assert_eq!(c.line, row + 1);
    assert_eq!(c.author, "李律师");
    assert_eq!(c.body, "请补充领导小组调整的文号。");
    assert_eq!(c.status, CommentStatus::Open);
    assert!(
        c.id.starts_with("c-") && c.id.ends_with("-0001"),
        "{}",
        c.id
    );
    // created: RFC 3339 with an offset or Z.
    assert_eq!(&c.created[10..11], "T", "{}", c.created);
    assert!(!c.suffix.is_empty() && !c.prefix.is_empty());
    // The writer sees it: counted on the status bar, listed by F6.
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("批注 1"), "{s}");
    press(&mut app, KeyCode::F(6));
    let s = screen(&mut app, 100, 30);
    assert!(
        s.contains("请补充领导小组调整的文号。") && s.contains("李律师"),
        "{s}"
    );
    assert!(s.contains(&format!("第{}行", row + 1)), "{s}");
    // The list's keys are on screen, also in a small terminal.
    assert!(s.contains("r 回复"), "{s}");
    let s = screen(&mut app, 60, 15);
    assert!(s.contains("r 回复") && s.contains("Esc 关闭"), "{s}");
}

#[test]
fn a_comment_on_the_selection_follows_the_text() {
    let path = copy_draft("sel");
    let mut app = open(&path, "李律师");
    let row = goto(&mut app, "健全法治建设工作机制");
    let col = app.editor.lines()[row].find("健全").unwrap();
    let col = app.editor.lines()[row][..col].chars().count();
    app.editor
        .move_cursor(tui_textarea::CursorMove::Jump(row as u16, col as u16));
    for _ in 0..4 {
        app.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT));
    }
    press(&mut app, KeyCode::F(5));
    typed(&mut app, "措辞");
    press(&mut app, KeyCode::Enter);
    let r = on_disk(&path);
    assert_eq!(r.comments[0].quote, "健全法治");
    // Lines typed above it: the list shows where it is now.
    app.editor.move_cursor(tui_textarea::CursorMove::Top);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(6));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(&format!("第{}行", row + 3)), "{s}");
    // Enter jumps there.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.editor.cursor(), (row + 2, col));
    // Deleting the words: orphaned, still listed with its quote.
    let text = app.text().replacen("健全法治建设工作机制", "工作机制", 1);
    let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    app.editor = tui_textarea::TextArea::new(lines);
    app.recheck();
    press(&mut app, KeyCode::F(6));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("原文已删除") && s.contains("“健全法治”"), "{s}");
}

#[test]
fn replies_and_resolving() {
    let path = copy_draft("reply");
    let mut app = open(&path, "李律师");
    goto(&mut app, "健全法治建设工作机制");
    press(&mut app, KeyCode::F(5));
    typed(&mut app, "请补充。");
    press(&mut app, KeyCode::Enter);
    // The writer replies and resolves.
    app.author = "王主任".into();
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('r'));
    typed(&mut app, "已补充文号。");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('v'));
    let c = &on_disk(&path).comments[0];
    assert_eq!(c.replies.len(), 1);
    assert_eq!(c.replies[0].author, "王主任");
    assert_eq!(c.replies[0].body, "已补充文号。");
    assert_eq!(c.status, CommentStatus::Resolved);
    assert_eq!(app.open_comments(), 0);
    // And can reopen it.
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(on_disk(&path).comments[0].status, CommentStatus::Open);
    // Only its author deletes it, after saying yes.
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(on_disk(&path).comments.len(), 1);
    assert!(
        app.message.as_ref().unwrap().0.contains("李律师"),
        "{:?}",
        app.message
    );
    app.author = "李律师".into();
    press(&mut app, KeyCode::Char('d'));
    assert!(
        matches!(app.overlay, Overlay::DeleteComment(..)),
        "{:?}",
        app.overlay
    );
    assert!(screen(&mut app, 100, 30).contains("删除批注“请补充。”"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.overlay, Overlay::Comments(0));
    assert_eq!(on_disk(&path).comments.len(), 1);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(on_disk(&path).comments.is_empty());
    assert_eq!(app.open_comments(), 0);
    press(&mut app, KeyCode::F(5));
    typed(&mut app, "再写一条。");
    press(&mut app, KeyCode::Enter);
    // An empty comment is not saved.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&path).comments.len(), 1);
}

#[test]
fn sign_off_na_turns_the_item_na_and_can_be_withdrawn() {
    let path = copy_draft("sign");
    let mut app = open(&path, "李律师");
    let idx = app
        .report
        .items
        .iter()
        .position(|i| i.id == "leader_duty")
        .unwrap();
    let before = app.report.items[idx].status;
    assert_ne!(before, Status::Na);
    press(&mut app, KeyCode::F(2));
    assert_eq!(app.focus, Focus::Checklist);
    app.selected = idx;
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.overlay, Overlay::Verdict("leader_duty".into()));
    let title = app.report.items[idx].title.clone();
    assert!(screen(&mut app, 100, 30).contains(&format!("审核“{}", &title[..9])));
    press(&mut app, KeyCode::Char('a'));
    assert!(screen(&mut app, 120, 30).contains(&format!("“{title}”不适用的理由")));
    // A reason is required for "not applicable".
    press(&mut app, KeyCode::Enter);
    assert!(on_disk(&path).signoffs.is_empty());
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "本单位为派出机构");
    press(&mut app, KeyCode::Enter);
    let r = on_disk(&path);
    assert_eq!(r.signoffs.len(), 1);
    assert_eq!(r.signoffs[0].verdict, Verdict::Na);
    assert_eq!(r.signoffs[0].reason, "本单位为派出机构");
    assert_eq!(r.signoffs[0].author, "李律师");
    assert_eq!(app.report.items[idx].status, Status::Na);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("审：不适用"), "{s}");
    assert!(s.contains("本单位为派出机构"), "{s}");
    // `check --format json` says na too.
    let out = common::bin()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = v[0]["items"]
        .as_array()
        .or(v["items"].as_array())
        .unwrap()
        .iter()
        .find(|i| i["id"] == "leader_duty")
        .unwrap()
        .clone();
    assert_eq!(item["status"], "na", "{v}");
    // Met replaces it (no reason needed), u withdraws it.
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Enter);
    let r = on_disk(&path);
    assert_eq!(r.signoffs.len(), 1);
    assert_eq!(r.signoffs[0].verdict, Verdict::Met);
    assert_eq!(app.report.items[idx].status, before);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('u'));
    assert!(on_disk(&path).signoffs.is_empty());
}

#[test]
fn review_mode_keeps_the_text_and_takes_comments() {
    let path = copy_draft("mode");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut app = open(&path, "李律师");
    app.start_review_mode();
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("审阅"), "{s}");
    let before = app.text();
    typed(&mut app, "乱打的字");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.text(), before);
    assert!(!app.modified);
    let (m, _) = app.message.clone().unwrap();
    assert!(m.contains("审阅模式"), "{m}");
    press(&mut app, KeyCode::F(5));
    typed(&mut app, "标题年份请核对。");
    press(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&path).comments.len(), 1);
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn a_comment_from_the_diff_view_quotes_the_selected_paragraph() {
    let path = copy_draft("diff");
    let mut app = open(&path, "李律师");
    app.set_previous(
        reportbench::io::load(&common::root().join("drafts/qinghe-2023.txt")).unwrap(),
    );
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.view, View::Diff);
    let p = app.cmp.as_ref().unwrap().paragraphs[app.diff.selected]
        .new
        .unwrap();
    let para = app.doc.paragraph_text(p).to_owned();
    press(&mut app, KeyCode::F(5));
    typed(&mut app, "与去年相比改动较大，请说明。");
    press(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&path).comments[0].quote, para);
    assert_eq!(app.view, View::Diff);
}

#[test]
fn two_reviewers_in_one_folder_keep_each_others_comments() {
    let path = copy_draft("two");
    let mut a = open(&path, "李律师");
    let mut b = open(&path, "张律师");
    goto(&mut a, "健全法治建设工作机制");
    goto(&mut b, "抓好领导干部学法用法");
    press(&mut a, KeyCode::F(5));
    press(&mut b, KeyCode::F(5));
    typed(&mut a, "甲的意见");
    typed(&mut b, "乙的意见");
    press(&mut a, KeyCode::Enter);
    press(&mut b, KeyCode::Enter);
    let r = on_disk(&path);
    let bodies: Vec<&str> = r.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["甲的意见", "乙的意见"]);
    assert_ne!(r.comments[0].id, r.comments[1].id);
    // Each workbench now shows both.
    assert_eq!(b.review.comments.len(), 2);
}

#[test]
fn another_reviewers_comment_shows_up_without_a_key() {
    let path = copy_draft("tick");
    let mut a = open(&path, "李律师");
    let mut b = open(&path, "张律师");
    goto(&mut b, "健全法治建设工作机制");
    press(&mut b, KeyCode::F(5));
    typed(&mut b, "乙的意见");
    press(&mut b, KeyCode::Enter);
    assert_eq!(a.open_comments(), 0);
    let later = std::time::Instant::now() + std::time::Duration::from_secs(3);
    assert!(a.tick(later));
    assert_eq!(a.open_comments(), 1);
}

/// Run by `two_processes_commenting_at_once_lose_nothing` in child
/// processes: one reviewer's workbench writing ten comments as fast as it
/// can.
#[test]
#[ignore = "a helper run in child processes"]
fn child_reviewer_writes_ten_comments() {
    let (Some(draft), Some(n)) = (
        std::env::var_os("RB_CHILD_DRAFT"),
        std::env::var("RB_CHILD_N").ok(),
    ) else {
        return;
    };
    let mut app = open(Path::new(&draft), &format!("reviewer {n}"));
    for k in 0..10 {
        app.editor
            .move_cursor(tui_textarea::CursorMove::Jump((k * 2) as u16, 0));
        press(&mut app, KeyCode::F(5));
        typed(&mut app, &format!("意见 {n}-{k}"));
        press(&mut app, KeyCode::Enter);
        assert!(
            app.message.as_ref().is_some_and(|(_, err)| !err),
            "{:?}",
            app.message
        );
    }
}

#[test]
fn two_processes_commenting_at_once_lose_nothing() {
    let path = copy_draft("procs");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..3)
        .map(|n| {
            std::process::Command::new(&exe)
                .args([
                    "--ignored",
                    "--exact",
                    "child_reviewer_writes_ten_comments",
                    "--test-threads=1",
                ])
                .env("RB_CHILD_DRAFT", &path)
                .env("RB_CHILD_N", n.to_string())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
    }
    let r = on_disk(&path);
    assert_eq!(r.comments.len(), 30, "{r:?}");
    let mut ids: Vec<&str> = r.comments.iter().map(|c| c.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 30, "ids are unique");
    for n in 0..3 {
        for k in 0..10 {
            let body = format!("意见 {n}-{k}");
            assert!(r.comments.iter().any(|c| c.body == body), "{body} lost");
        }
    }
}

#[test]
fn a_long_comment_keeps_its_end_and_the_cursor_in_view() {
    let path = copy_draft("long");
    let mut app = open(&path, "李律师");
    goto(&mut app, "健全法治建设工作机制");
    press(&mut app, KeyCode::F(5));
    let body = "请补充说明".repeat(12) + "结尾在这里";
    typed(&mut app, &body);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, &mut app)).unwrap();
    let last = buffer_lines(t.backend().buffer()).pop().unwrap();
    assert!(
        last.starts_with('…') && last.contains("结尾在这里"),
        "{last}"
    );
    // The terminal cursor (an input method's candidates) right after it.
    let at = t.get_cursor_position().unwrap();
    assert_eq!(at.y, 23);
    assert_eq!(
        at.x as usize,
        unicode_width::UnicodeWidthStr::width(last.trim_end())
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&path).comments[0].body, body);
}

#[test]
fn a_comment_that_cannot_be_written_stays_in_the_prompt() {
    let path = copy_draft("fail");
    // The review file cannot be read or written: it is a folder.
    let sidecar = reportbench::io::review::sidecar_path(&path);
    std::fs::create_dir(&sidecar).unwrap();
    let mut app = open(&path, "李律师");
    goto(&mut app, "健全法治建设工作机制");
    press(&mut app, KeyCode::F(5));
    typed(&mut app, "这段话要留住");
    press(&mut app, KeyCode::Enter);
    match &app.overlay {
        Overlay::Input(_, text) => assert_eq!(text, "这段话要留住"),
        other => panic!("the prompt closed: {other:?}"),
    }
    let s = screen(&mut app, 120, 30);
    let last = s.lines().last().unwrap();
    assert!(
        last.contains("这段话要留住") && last.contains("回车重试"),
        "{last}"
    );
    // Once the folder is fixed, Enter writes it.
    std::fs::remove_dir(&sidecar).unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(on_disk(&path).comments[0].body, "这段话要留住");
}

#[test]
fn pasting_into_a_comment_goes_into_the_prompt_as_one_line() {
    let path = copy_draft("paste");
    let mut app = open(&path, "李律师");
    goto(&mut app, "健全法治建设工作机制");
    let before = app.text();
    press(&mut app, KeyCode::F(5));
    app.on_paste("第一行\n第二行\t完");
    match &app.overlay {
        Overlay::Input(_, text) => assert_eq!(text, "第一行 第二行 完"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.text(), before, "nothing pasted into the draft");
    press(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&path).comments[0].body, "第一行 第二行 完");
}
