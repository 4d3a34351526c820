//! Review in the workbench: comments on the paragraph at the cursor or the
//! selection, replies, resolving, sign-offs (with `na` turning the item's
//! status), `--review` mode, and two reviewers writing one sidecar.

mod common;

use common::bench::{Bench, open};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reportbench::app::state::{Focus, Overlay, View};
use reportbench::core::check::Status;
use reportbench::core::review::{CommentStatus, Verdict};
use std::path::{Path, PathBuf};

/// A copy of the 2024 sample draft in a folder of its own.
fn copy_draft(test: &str) -> (common::TempDir, PathBuf) {
    let dir = common::temp_dir(&format!("rv-{test}"));
    let p = dir.join("qinghe-2024.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    (dir, p)
}

/// The workbench on `path`, comments written as `author`.
fn open_as(path: &Path, author: &str) -> Bench {
    open(path).author(author).start()
}

fn on_disk(path: &Path) -> reportbench::core::review::Review {
    reportbench::io::review::read(path).unwrap()
}

/// Moves the cursor to the start of line `row + 1` (Ctrl-L, the number).
fn go_to_row(b: &mut Bench, row: usize) {
    b.ctrl('l');
    b.type_str(&(row + 1).to_string());
    b.press(KeyCode::Enter);
    assert_eq!(b.s().editor().cursor(), (row, 0));
}

/// Moves the cursor to the start of the first line containing `needle`.
fn goto(b: &mut Bench, needle: &str) -> usize {
    let row = b
        .s()
        .editor()
        .lines()
        .iter()
        .position(|l| l.contains(needle))
        .unwrap();
    go_to_row(b, row);
    row
}

#[test]
fn a_comment_on_the_paragraph_at_the_cursor() {
    let (_dir, path) = copy_draft("para");
    let mut b = open_as(&path, "李律师");
    let row = goto(&mut b, "健全法治建设工作机制");
    let line = b.s().editor().lines()[row].trim().to_owned();
    b.press(KeyCode::F(5));
    assert!(
        matches!(*b.s().overlay(), Overlay::Input(..)),
        "{:?}",
        *b.s().overlay()
    );
    b.type_str("请补充领导小组调整的文号。");
    b.press(KeyCode::Enter);
    assert_eq!(*b.s().overlay(), Overlay::None);
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
    let s = b.screen(100, 30);
    assert!(s.contains("批注 1"), "{s}");
    b.press(KeyCode::F(6));
    let s = b.screen(100, 30);
    assert!(
        s.contains("请补充领导小组调整的文号。") && s.contains("李律师"),
        "{s}"
    );
    assert!(s.contains(&format!("第{}行", row + 1)), "{s}");
    // The list's keys are on screen, also in a small terminal.
    assert!(s.contains("r 回复"), "{s}");
    let s = b.screen(60, 15);
    assert!(s.contains("r 回复") && s.contains("Esc 关闭"), "{s}");
}

#[test]
fn a_comment_on_the_selection_follows_the_text() {
    let (_dir, path) = copy_draft("sel");
    let mut b = open_as(&path, "李律师");
    let row = goto(&mut b, "健全法治建设工作机制");
    let col = b.s().editor().lines()[row].find("健全").unwrap();
    let col = b.s().editor().lines()[row][..col].chars().count();
    for _ in 0..col {
        b.press(KeyCode::Right);
    }
    for _ in 0..4 {
        b.key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT));
    }
    b.press(KeyCode::F(5));
    b.type_str("措辞");
    b.press(KeyCode::Enter);
    let r = on_disk(&path);
    assert_eq!(r.comments[0].quote, "健全法治");
    // Lines typed above it: the list shows where it is now.
    go_to_row(&mut b, 0);
    b.press(KeyCode::Enter);
    b.press(KeyCode::Enter);
    b.press(KeyCode::F(6));
    let s = b.screen(100, 30);
    assert!(s.contains(&format!("第{}行", row + 3)), "{s}");
    // Enter jumps there.
    b.press(KeyCode::Enter);
    assert_eq!(b.s().editor().cursor(), (row + 2, col));
    // Deleting the words: orphaned, still listed with its quote.
    b.press(KeyCode::Esc);
    b.ctrl('f');
    b.type_str("健全法治建设");
    b.press(KeyCode::Enter);
    for _ in 0.."健全法治建设".chars().count() {
        b.press(KeyCode::Delete);
    }
    assert!(!b.s().text().contains("健全法治建设工作机制"));
    b.press(KeyCode::F(6));
    let s = b.screen(100, 30);
    assert!(s.contains("原文已删除") && s.contains("“健全法治”"), "{s}");
}

#[test]
fn replies_and_resolving() {
    let (_dir, path) = copy_draft("reply");
    let mut b = open_as(&path, "李律师");
    goto(&mut b, "健全法治建设工作机制");
    b.press(KeyCode::F(5));
    b.type_str("请补充。");
    b.press(KeyCode::Enter);
    // The writer, in a session of their own, replies and resolves.
    let mut w = open_as(&path, "王主任");
    w.press(KeyCode::F(6));
    w.press(KeyCode::Char('r'));
    w.type_str("已补充文号。");
    w.press(KeyCode::Enter);
    w.press(KeyCode::F(6));
    w.press(KeyCode::Char('v'));
    let c = &on_disk(&path).comments[0];
    assert_eq!(c.replies.len(), 1);
    assert_eq!(c.replies[0].author, "王主任");
    assert_eq!(c.replies[0].body, "已补充文号。");
    assert_eq!(c.status, CommentStatus::Resolved);
    assert_eq!(w.s().open_comments(), 0);
    // And can reopen it.
    w.press(KeyCode::Char('v'));
    assert_eq!(on_disk(&path).comments[0].status, CommentStatus::Open);
    // Only its author deletes it, after saying yes.
    w.press(KeyCode::Char('d'));
    assert_eq!(on_disk(&path).comments.len(), 1);
    assert!(
        w.s().message().unwrap().0.contains("李律师"),
        "{:?}",
        w.s().message()
    );
    // The reviewer's workbench sees the reply once it looks at the file.
    b.wait(std::time::Duration::from_secs(3));
    assert_eq!(b.s().review().comments[0].replies.len(), 1);
    b.press(KeyCode::F(6));
    b.press(KeyCode::Char('d'));
    assert!(
        matches!(*b.s().overlay(), Overlay::DeleteComment(..)),
        "{:?}",
        *b.s().overlay()
    );
    assert!(b.screen(100, 30).contains("删除批注“请补充。”"));
    b.press(KeyCode::Char('n'));
    assert_eq!(*b.s().overlay(), Overlay::Comments(0));
    assert_eq!(on_disk(&path).comments.len(), 1);
    b.press(KeyCode::Char('d'));
    b.press(KeyCode::Char('y'));
    assert!(on_disk(&path).comments.is_empty());
    assert_eq!(b.s().open_comments(), 0);
    b.press(KeyCode::F(5));
    b.type_str("再写一条。");
    b.press(KeyCode::Enter);
    // An empty comment is not saved.
    b.press(KeyCode::Esc);
    b.press(KeyCode::F(5));
    b.press(KeyCode::Enter);
    assert_eq!(on_disk(&path).comments.len(), 1);
}

#[test]
fn sign_off_na_turns_the_item_na_and_can_be_withdrawn() {
    let (_dir, path) = copy_draft("sign");
    // Signing off is the reviewer's: in review mode.
    let mut b = open(&path).author("李律师").review().start();
    let idx = b
        .s()
        .report()
        .items
        .iter()
        .position(|i| i.id == "leader_duty")
        .unwrap();
    let before = b.s().report().items[idx].status;
    assert_ne!(before, Status::Na);
    b.press(KeyCode::F(2));
    assert_eq!(b.s().focus(), Focus::Checklist);
    for _ in 0..idx {
        b.press(KeyCode::Down);
    }
    assert_eq!(b.s().selected(), idx);
    b.press(KeyCode::Char('s'));
    assert_eq!(*b.s().overlay(), Overlay::Verdict("leader_duty".into()));
    let title = b.s().report().items[idx].title.clone();
    assert!(b.screen(100, 30).contains(&format!("审核“{}", &title[..9])));
    b.press(KeyCode::Char('a'));
    assert!(
        b.screen(120, 30)
            .contains(&format!("“{title}”不适用的理由"))
    );
    // A reason is required for "not applicable": Enter alone keeps asking.
    b.press(KeyCode::Enter);
    assert!(on_disk(&path).signoffs.is_empty());
    assert!(
        b.screen(120, 30)
            .contains(&format!("“{title}”不适用的理由"))
    );
    b.type_str("本单位为派出机构");
    b.press(KeyCode::Enter);
    let r = on_disk(&path);
    assert_eq!(r.signoffs.len(), 1);
    assert_eq!(r.signoffs[0].verdict, Verdict::Na);
    assert_eq!(r.signoffs[0].reason, "本单位为派出机构");
    assert_eq!(r.signoffs[0].author, "李律师");
    assert_eq!(b.s().report().items[idx].status, Status::Na);
    let s = b.screen(100, 30);
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
    b.press(KeyCode::Char('s'));
    b.press(KeyCode::Char('m'));
    b.press(KeyCode::Enter);
    let r = on_disk(&path);
    assert_eq!(r.signoffs.len(), 1);
    assert_eq!(r.signoffs[0].verdict, Verdict::Met);
    assert_eq!(b.s().report().items[idx].status, before);
    b.press(KeyCode::Char('s'));
    b.press(KeyCode::Char('u'));
    assert!(on_disk(&path).signoffs.is_empty());
}

#[test]
fn review_mode_keeps_the_text_and_takes_comments() {
    let (_dir, path) = copy_draft("mode");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut b = open(&path).author("李律师").review().start();
    let s = b.screen(100, 30);
    assert!(s.contains("审阅"), "{s}");
    let before = b.s().text();
    b.type_str("乱打的字");
    // Each refused key says why (a message lasts until the next key).
    let (m, _) = b.s().message().cloned().unwrap();
    assert!(m.contains("审阅模式"), "{m}");
    b.press(KeyCode::Enter);
    b.press(KeyCode::Backspace);
    assert_eq!(b.s().text(), before);
    assert!(!b.s().is_modified());
    b.press(KeyCode::F(5));
    b.type_str("标题年份请核对。");
    b.press(KeyCode::Enter);
    assert_eq!(on_disk(&path).comments.len(), 1);
    b.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn a_comment_from_the_diff_view_quotes_the_selected_paragraph() {
    let (_dir, path) = copy_draft("diff");
    let mut b = open(&path)
        .author("李律师")
        .previous(&common::root().join("drafts/qinghe-2023.txt"))
        .start();
    b.press(KeyCode::F(3));
    b.press(KeyCode::Char('n'));
    assert_eq!(b.s().view(), View::Diff);
    let p = b.s().comparison().unwrap().paragraphs[b.s().diff().selected]
        .new
        .unwrap();
    let para = b.s().doc().paragraph_text(p).to_owned();
    b.press(KeyCode::F(5));
    b.type_str("与去年相比改动较大，请说明。");
    b.press(KeyCode::Enter);
    assert_eq!(on_disk(&path).comments[0].quote, para);
    assert_eq!(b.s().view(), View::Diff);
}

#[test]
fn two_reviewers_in_one_folder_keep_each_others_comments() {
    let (_dir, path) = copy_draft("two");
    let mut a = open_as(&path, "李律师");
    let mut b = open_as(&path, "张律师");
    goto(&mut a, "健全法治建设工作机制");
    goto(&mut b, "抓好领导干部学法用法");
    a.press(KeyCode::F(5));
    b.press(KeyCode::F(5));
    a.type_str("甲的意见");
    b.type_str("乙的意见");
    a.press(KeyCode::Enter);
    b.press(KeyCode::Enter);
    let r = on_disk(&path);
    let bodies: Vec<&str> = r.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["甲的意见", "乙的意见"]);
    assert_ne!(r.comments[0].id, r.comments[1].id);
    // Each workbench now shows both.
    assert_eq!(b.s().review().comments.len(), 2);
}

#[test]
fn another_reviewers_comment_shows_up_without_a_key() {
    let (_dir, path) = copy_draft("tick");
    let mut a = open_as(&path, "李律师");
    let mut b = open_as(&path, "张律师");
    goto(&mut b, "健全法治建设工作机制");
    b.press(KeyCode::F(5));
    b.type_str("乙的意见");
    b.press(KeyCode::Enter);
    assert_eq!(a.s().open_comments(), 0);
    a.wait(std::time::Duration::from_secs(3));
    assert_eq!(a.s().open_comments(), 1);
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
    let mut b = open_as(Path::new(&draft), &format!("reviewer {n}"));
    for k in 0..10 {
        go_to_row(&mut b, k * 2);
        b.press(KeyCode::F(5));
        b.type_str(&format!("意见 {n}-{k}"));
        b.press(KeyCode::Enter);
        assert!(
            b.s().message().is_some_and(|(_, err)| !err),
            "{:?}",
            b.s().message()
        );
    }
}

#[test]
fn two_processes_commenting_at_once_lose_nothing() {
    let (_dir, path) = copy_draft("procs");
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
    let (_dir, path) = copy_draft("long");
    let mut b = open_as(&path, "李律师");
    goto(&mut b, "健全法治建设工作机制");
    b.press(KeyCode::F(5));
    let body = "请补充说明".repeat(12) + "结尾在这里";
    b.type_str(&body);
    // A second paragraph after Alt-Enter.
    b.alt(KeyCode::Enter);
    b.type_str("第二段");
    let screen = b.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    // The whole comment in the box above the status bar, wrapped (the
    // box's border is on each side); the keys on the status bar.
    let boxed: String = lines[..23]
        .iter()
        .filter_map(|l| l.strip_prefix(['│', '┃']))
        .map(|l| l.trim_end().trim_end_matches(['│', '┃']).trim_end())
        .collect::<Vec<_>>()
        .join("");
    assert!(boxed.contains(&format!("{body}第二段")), "{screen}");
    assert!(lines[23].contains("Alt-回车"), "{screen}");
    // The terminal cursor (an input method's candidates) right after it.
    let at = b.terminal().get_cursor_position().unwrap();
    let row = lines[at.y as usize];
    // The box has the keyboard: its border is the heavy one.
    assert!(row.contains("┃第二段"), "{row}");
    assert_eq!(at.x, 1 + 6);
    b.press(KeyCode::Enter);
    assert_eq!(on_disk(&path).comments[0].body, format!("{body}\n第二段"));
}

#[test]
fn a_comment_that_cannot_be_written_stays_in_the_prompt() {
    let (_dir, path) = copy_draft("fail");
    // The review file cannot be read or written: it is a folder.
    let sidecar = reportbench::io::review::sidecar_path(&path);
    std::fs::create_dir(&sidecar).unwrap();
    let mut b = open_as(&path, "李律师");
    goto(&mut b, "健全法治建设工作机制");
    b.press(KeyCode::F(5));
    b.type_str("这段话要留住");
    b.press(KeyCode::Enter);
    match b.s().overlay() {
        Overlay::Input(_, text) => assert_eq!(text, "这段话要留住"),
        other => panic!("the prompt closed: {other:?}"),
    }
    let s = b.screen(120, 30);
    let last = s.lines().last().unwrap();
    assert!(last.contains("回车重试"), "{last}");
    assert!(s.lines().any(|l| l.starts_with("┃这段话要留住")), "{s}");
    // Once the folder is fixed, Enter writes it.
    std::fs::remove_dir(&sidecar).unwrap();
    b.press(KeyCode::Enter);
    assert_eq!(*b.s().overlay(), Overlay::None);
    assert_eq!(on_disk(&path).comments[0].body, "这段话要留住");
}

#[test]
fn pasting_into_a_comment_goes_into_the_prompt_with_its_line_breaks() {
    let (_dir, path) = copy_draft("paste");
    let mut b = open_as(&path, "李律师");
    goto(&mut b, "健全法治建设工作机制");
    let before = b.s().text();
    b.press(KeyCode::F(5));
    b.paste("第一行\n第二行\t完");
    match b.s().overlay() {
        Overlay::Input(_, text) => assert_eq!(text, "第一行\n第二行 完"),
        other => panic!("{other:?}"),
    }
    assert_eq!(b.s().text(), before, "nothing pasted into the draft");
    b.press(KeyCode::Enter);
    assert_eq!(on_disk(&path).comments[0].body, "第一行\n第二行 完");
}
