//! The workbench without a terminal: the state driven by messages, its
//! effects performed on real files, drawn on ratatui's TestBackend at
//! 100×30 and 80×24.

mod common;

use common::bench::{Bench, open};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reportbench::app::layout;
use reportbench::app::msg::Msg;
use reportbench::app::state::{Focus, Overlay};
use reportbench::core::check::Status;
use reportbench::core::lang::Lang;
use std::time::Duration;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A sample draft repeated `copies` times (a draft over the 512 KiB that
/// is re-checked as typed), in a folder of its own.
fn huge_draft(tag: &str, sample: &str, copies: usize) -> (common::TempDir, std::path::PathBuf) {
    let dir = common::temp_dir(tag);
    let p = dir.join("huge.txt");
    let one = std::fs::read_to_string(common::root().join("drafts").join(sample)).unwrap();
    std::fs::write(&p, one.repeat(copies)).unwrap();
    (dir, p)
}

/// A copy of a sample draft in a folder of its own (removed with the guard).
fn copy_draft(name: &str) -> (common::TempDir, std::path::PathBuf) {
    let dir = common::temp_dir(&format!("wb-{name}"));
    let p = dir.join(name);
    std::fs::copy(common::root().join("drafts").join(name), &p).unwrap();
    (dir, p)
}

#[test]
fn side_by_side_at_100x30() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::Zh)
        .start();
    let s = b.screen(100, 30);
    let first = s.lines().next().unwrap();
    assert!(
        first.contains("清单 5/6 必备") && first.contains("qinghe-2024.md"),
        "{s}"
    );
    assert!(s.contains("◐ 党政主要负责人"), "{s}");
    assert!(s.contains("✗ 其他需要报告的情况"), "{s}");
    let status = s.lines().nth(29).unwrap();
    assert!(
        status.contains("UTF-8") && status.contains("2024年度") && status.contains("Ctrl-S 保存"),
        "{status}"
    );
}

#[test]
fn stacked_at_80x24_and_a_clear_message_below_the_minimum() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::En)
        .start();
    let s = b.screen(80, 24);
    // The checklist above the editor.
    let top = s.lines().next().unwrap();
    assert!(
        top.contains("Checklist 5/6 required") && !top.contains("qinghe"),
        "{s}"
    );
    assert!(s.lines().any(|l| l.contains("qinghe-2024.md")));
    let s = b.screen(40, 10);
    assert!(s.contains("terminal too small (40×10)"), "{s}");
}

#[test]
fn typing_rechecks_at_once() {
    let (_dir, p) = copy_draft("qinghe-2024.md");
    let mut b = open(&p).lang(Lang::Zh).start();
    let other = |b: &Bench| {
        b.s()
            .report()
            .items
            .iter()
            .find(|i| i.id == "other")
            .unwrap()
            .status
    };
    assert_eq!(other(&b), Status::Missing);
    // Add an "other matters" section at the end, typed in Chinese.
    b.ctrl('e');
    for _ in 0..200 {
        b.press(KeyCode::Down);
    }
    b.press(KeyCode::End);
    b.press(KeyCode::Enter);
    for c in "四、其他需要报告的情况".chars() {
        b.press(KeyCode::Char(c));
    }
    assert!(b.s().is_modified());
    assert_eq!(other(&b), Status::Met);
    // Undo puts it back.
    for _ in 0..20 {
        b.ctrl('z');
    }
    assert_eq!(other(&b), Status::Missing);
}

#[test]
fn paste_arrives_in_one_go() {
    let (_dir, p) = copy_draft("qinghe-2024.md");
    let mut b = open(&p).lang(Lang::Zh).start();
    let long = "（十）补充。".repeat(500);
    b.paste(&long);
    assert!(b.s().text().contains(&long));
}

#[test]
fn save_keeps_the_encoding_and_quit_asks_first() {
    let dir = common::temp_dir("wb-gbk");
    let p = dir.join("gbk.txt");
    let text = std::fs::read_to_string(common::root().join("drafts/qinghe-2023.txt"))
        .unwrap()
        .replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    std::fs::write(&p, &bytes).unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    b.press(KeyCode::Char('甲'));
    b.ctrl('q');
    assert_eq!(*b.s().overlay(), Overlay::ConfirmQuit);
    assert!(b.screen(100, 30).contains("quit without saving"));
    b.press(KeyCode::Char('n'));
    assert!(!b.s().should_quit());
    b.ctrl('s');
    assert!(!b.s().is_modified(), "{:?}", b.s().message());
    let saved = std::fs::read(&p).unwrap();
    let (decoded, _, errors) = encoding_rs::GB18030.decode(&saved);
    assert!(!errors);
    assert!(
        decoded.starts_with("甲青禾镇2023年度") && decoded.contains("\r\n"),
        "{}",
        &decoded[..40]
    );
    b.ctrl('q');
    assert!(b.s().should_quit());
}

#[test]
fn a_one_character_save_keeps_mixed_line_endings_and_lone_crs() {
    let dir = common::temp_dir("wb-mixed");
    let p = dir.join("mixed.txt");
    let source = std::fs::read_to_string(common::root().join("drafts/qinghe-2023.txt")).unwrap();
    let mut lines: Vec<String> = source.lines().take(12).map(str::to_owned).collect();
    // Pasted together from several sources: CRLF, LF and a lone CR.
    let file = |lines: &[String]| -> String {
        let ends = ["\r\n", "\n", "\r", "\r\n"];
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{l}{}", ends[i % ends.len()]))
            .collect()
    };
    std::fs::write(&p, file(&lines)).unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    b.press(KeyCode::Char('甲'));
    b.ctrl('s');
    assert!(!b.s().is_modified(), "{:?}", b.s().message());
    lines[0].insert(0, '甲');
    assert_eq!(std::fs::read_to_string(&p).unwrap(), file(&lines));
    // A second edit further down, saved again: still only that character.
    b.press(KeyCode::Down);
    b.press(KeyCode::Down);
    b.press(KeyCode::Home);
    b.press(KeyCode::Char('乙'));
    b.ctrl('s');
    lines[2].insert(0, '乙');
    assert_eq!(std::fs::read_to_string(&p).unwrap(), file(&lines));
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let (_dir, p) = copy_draft("qinghe-2023.txt");
    let mut b = open(&p).lang(Lang::En).start();
    std::fs::write(&p, "someone else's text\n").unwrap();
    b.press(KeyCode::Char('x'));
    b.ctrl('s');
    assert_eq!(*b.s().overlay(), Overlay::ConfirmOverwrite);
    b.press(KeyCode::Esc);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "someone else's text\n"
    );
    b.ctrl('s');
    b.press(KeyCode::Char('y'));
    assert!(std::fs::read_to_string(&p).unwrap().starts_with("x青禾镇"));
}

#[test]
fn checklist_navigation_jumps_to_evidence_and_problems() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::En)
        .start();
    b.press(KeyCode::F(2));
    assert_eq!(b.s().focus(), Focus::Checklist);
    // Shortcomings is the third row; Enter jumps to its heading (line 67).
    b.press(KeyCode::Down);
    b.press(KeyCode::Down);
    b.press(KeyCode::Enter);
    assert_eq!(b.s().focus(), Focus::Editor);
    assert_eq!(b.s().editor().cursor().0 + 1, 67);
    // Alt-N: the next problem after the cursor is the plan's year (73),
    // then the partial leader-duty item (its mention, line 83).
    b.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::ALT));
    assert_eq!(b.s().editor().cursor().0 + 1, 73);
    b.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::ALT));
    let s = b.screen(100, 30);
    assert!(s.contains("only mentioned inside"), "{s}");
    // F1 shows the help from the keymap; any key closes it.
    b.press(KeyCode::F(1));
    let s = b.screen(100, 30);
    assert!(s.contains("F1 / Alt-1") && s.contains("Ctrl-S"), "{s}");
    b.press(KeyCode::Char('q'));
    assert_eq!(*b.s().overlay(), Overlay::None);
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let dir = common::temp_dir("wb-hostile");
    let p = dir.join("hostile.txt");
    let body = "全年调处矛盾纠纷120件，审核合同38份，开展普法活动52场次。".repeat(20);
    std::fs::write(
        &p,
        format!("某镇2024年度法治政府建设情况报告\u{1b}]0;pwned\u{7}\n一、主要举措\u{202e}反转\u{200b}\n正文\u{1b}[2J。\u{85}\n{body}\n"),
    )
    .unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    let s = b.screen(100, 30);
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}', '\u{85}'] {
        assert!(!s.contains(bad), "{bad:?} reached the screen");
    }
    // The checklist shows the title's escape as a visible symbol.
    assert!(
        s.contains('\u{241b}'),
        "escape shown as a visible symbol: {s}"
    );
}

#[test]
fn search_finds_text_as_written() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::En)
        .start();
    b.ctrl('f');
    assert!(b.screen(100, 30).contains("Search:"));
    for c in "智慧调解".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::Enter);
    let (row, _) = b.s().editor().cursor();
    assert!(
        b.s().editor().lines()[row].contains("智慧调解"),
        "{}",
        b.s().editor().lines()[row]
    );
    // Ctrl-G: the next occurrence, further down.
    b.ctrl('g');
    assert!(b.s().editor().cursor().0 > row);
    // Regex characters are taken literally.
    b.ctrl('f');
    // `*场` is not a valid pattern; as text it is the placeholder in the draft.
    for c in "*场".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::Enter);
    // Found, and said which match of how many: no error.
    assert!(
        b.s()
            .message()
            .is_some_and(|m| !m.1 && m.0.contains(" of ")),
        "{:?}",
        b.s().message()
    );
    assert!(b.s().editor().lines()[b.s().editor().cursor().0].contains("*场次"));
}

#[test]
fn word_motions_stop_at_chinese_punctuation() {
    let dir = common::temp_dir("wb-words");
    let p = dir.join("w.txt");
    std::fs::write(&p, "审核合同38份，调处纠纷。\n").unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    let ctrl_right = KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL);
    let mut cols = vec![];
    for _ in 0..5 {
        b.key(ctrl_right);
        cols.push(b.s().editor().cursor().1);
    }
    assert_eq!(cols, [4, 6, 7, 8, 12]);
    // Alt-Backspace deletes 调处纠纷 only, not the comma before it.
    b.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
    assert_eq!(b.s().editor().lines()[0], "审核合同38份，。");
    assert!(b.s().is_modified());
}

#[test]
fn mouse_clicks_select_rows_and_focus_the_editor() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::En)
        .start();
    b.screen(100, 30);
    let click = |col: u16, row: u16| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The third row of the checklist (row 0 is its border).
    b.mouse(click(5, 3));
    assert_eq!((b.s().focus(), b.s().selected()), (Focus::Checklist, 2));
    // Clicking it again jumps to its evidence.
    b.mouse(click(5, 3));
    assert_eq!(b.s().focus(), Focus::Editor);
    assert_eq!(b.s().editor().cursor().0 + 1, 67);
    b.mouse(click(5, 3));
    b.mouse(click(60, 10));
    assert_eq!(b.s().focus(), Focus::Editor);
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 5,
        modifiers: KeyModifiers::NONE,
    };
    b.mouse(wheel);
    assert_eq!(b.s().selected(), 3);
}

#[test]
fn highlights_stay_in_place_on_wrapped_rows() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::Zh)
        .start();
    // Jump to the year-consistency lint (a highlight in the middle of a
    // row): the fifth problem in the text (15, 37, 43, 65, 73).
    for _ in 0..5 {
        b.press(KeyCode::F(8));
    }
    let s = b.screen(120, 32);
    let row = s
        .lines()
        .find(|l| l.contains("提升执法案卷质量"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(
        row.contains("力争2024年"),
        "the highlighted year is drawn away from its text: {row:?}"
    );
}

#[test]
fn wide_characters_never_overwrite_a_border() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::En)
        .start();
    let buf = b.frame(100, 24);
    // The checklist column is 42 wide: its right border is column 41 on every row.
    for y in 0..23 {
        let sym = buf[(41, y)].symbol();
        assert!(
            ["│", "┐", "┘", "┤"].contains(&sym),
            "row {y}: {sym:?} where the border belongs"
        );
    }
}

#[test]
fn huge_drafts_are_rechecked_when_typing_pauses() {
    let (_dir, p) = huge_draft("wb-huge", "qinghe-2023.txt", 60);
    let mut b = open(&p).lang(Lang::En).start();
    let lints = b.s().report().lints.len();
    b.press(KeyCode::Char('X'));
    b.press(KeyCode::Char('X'));
    assert!(b.s().is_stale(), "not re-checked at every key");
    // Not yet while typing goes on…
    b.wait(Duration::from_millis(100));
    assert!(b.s().is_stale());
    // …but once it pauses.
    b.wait(Duration::from_millis(300));
    assert!(!b.s().is_stale());
    assert!(
        b.s().report().lints.len() > lints,
        "the placeholder XX is found once typing pauses"
    );
}

#[test]
fn a_huge_drafts_check_runs_off_the_ui_thread_and_only_a_current_one_is_used() {
    use reportbench::app::msg::Effect;
    let (_dir, p) = huge_draft("wb-huge-bg", "qinghe-2023.txt", 60);
    let mut b = open(&p).lang(Lang::En).start();
    let lints = b.s().report().lints.len();
    b.press(KeyCode::Char('X'));
    b.press(KeyCode::Char('X'));
    // Once typing pauses, the check is an effect for a worker: the state
    // itself does not check (the frame is not held up).
    b.advance(Duration::from_millis(400));
    let fx = b.decide(Msg::Tick);
    let job = fx
        .iter()
        .find_map(|e| match e {
            Effect::Check(j) => Some(j.clone()),
            _ => None,
        })
        .expect("a check for a worker");
    assert!(b.s().is_stale());
    assert!(job.text.contains("XX"));
    // Asked once: the next tick does not ask again while it runs.
    assert!(
        !b.decide(Msg::Tick)
            .iter()
            .any(|e| matches!(e, Effect::Check(_)))
    );
    // A key typed meanwhile makes that result out of date: it is dropped.
    b.press(KeyCode::Char('Y'));
    b.send(job.run());
    assert!(b.s().is_stale(), "a check of an older text is not used");
    assert_eq!(b.s().report().lints.len(), lints);
    // The next pause asks again, and that one is used.
    b.wait(Duration::from_millis(400));
    assert!(!b.s().is_stale());
    assert!(b.s().report().lints.len() > lints);
}

#[test]
fn a_huge_draft_shows_its_text_before_its_first_check_and_no_verdict_it_does_not_know() {
    let (_dir, p) = huge_draft("wb-huge-first", "qinghe-2024.md", 50);
    let mut b = open(&p).lang(Lang::Zh).hold_checks().start();
    assert!(b.s().is_pending());
    let s = b.screen(100, 30);
    assert!(s.contains("清单 （检查中…）"), "{s}");
    assert!(s.contains("# 青禾镇2024年度法治政府建设情况报告"), "{s}");
    assert!(s.contains("正在检查全文"), "{s}");
    assert!(
        !s.contains('✗') && !s.contains('✓') && !s.contains("必备"),
        "no verdict before the check: {s}"
    );
    b.release_checks();
    let s = b.screen(100, 30);
    assert!(s.contains("清单 5/6 必备"), "{s}");
    assert!(s.contains("✓ 标题"), "{s}");
}

#[test]
fn a_stale_checklist_never_breaks_drawing() {
    let (_dir, p) = huge_draft("wb-stale", "qinghe-2024.md", 50);
    let mut b = open(&p).lang(Lang::En).start();
    // Delete characters in the middle of highlighted text while the checklist is stale.
    b.key(KeyEvent::new(KeyCode::F(8), KeyModifiers::NONE));
    b.press(KeyCode::Enter);
    for _ in 0..5 {
        b.press(KeyCode::Char('甲'));
        b.press(KeyCode::Backspace);
        b.press(KeyCode::Backspace);
    }
    assert!(b.s().is_stale());
    let s = b.screen(100, 30);
    assert!(s.contains("(checking…)"), "{s}");
    b.wait(Duration::from_millis(400));
    assert!(!b.s().is_stale());
    b.screen(100, 30);
}

#[test]
fn unsaved_text_reaches_the_recovery_file_within_two_seconds() {
    use reportbench::io::recovery;
    let dir = common::temp_dir("wb-recover");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let mut b = open(&p).lang(Lang::En).recovery(&rec).start();
    b.wait(Duration::ZERO);
    let idle = b.s().next_tick(b.at()).unwrap();
    assert!(
        idle <= Duration::from_secs(2),
        "only the look at the disk: {idle:?}"
    );
    b.press(KeyCode::Char('甲'));
    let wait = b.s().next_tick(b.at()).unwrap();
    assert!(wait <= Duration::from_secs(1), "{wait:?}");
    b.wait(Duration::from_millis(500));
    assert_eq!(recovery::read(&rec, &p).unwrap(), None, "not while typing");
    // Typing on without a pause still writes every two seconds.
    for _ in 0..3 {
        b.advance(Duration::from_millis(450));
        b.press(KeyCode::Char('丁'));
        b.press(KeyCode::Backspace);
    }
    b.wait(Duration::from_millis(150));
    let r = recovery::read(&rec, &p).unwrap().expect("written");
    assert!(r.text.starts_with("甲# 青禾镇"));
    let wait = b.s().next_tick(b.at()).unwrap();
    assert!(wait > Duration::from_secs(1), "nothing more due: {wait:?}");
    // Saving removes it.
    b.ctrl('s');
    assert_eq!(recovery::read(&rec, &p).unwrap(), None);
    // Quitting without saving (a deliberate discard) removes it too.
    b.press(KeyCode::Char('乙'));
    b.wait(Duration::from_secs(1));
    assert!(recovery::read(&rec, &p).unwrap().is_some());
    b.ctrl('q');
    b.press(KeyCode::Char('y'));
    assert!(b.s().should_quit());
    assert_eq!(recovery::read(&rec, &p).unwrap(), None);
}

#[test]
fn a_recovery_offer_shows_the_difference_and_esc_keeps_it() {
    use reportbench::io::recovery;
    let dir = common::temp_dir("wb-offer");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 青禾乡", 1);
    recovery::write(&rec, &p, &text).unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let mut b = open(&p).lang(lang).recovery(&rec).start();
        let s = b.screen(80, 24);
        let (head, minus, plus) = match lang {
            Lang::En => ("+1 / -1 lines", "- # 青禾镇", "+ # 青禾乡"),
            Lang::Zh => ("+1 行、-1 行", "- # 青禾镇", "+ # 青禾乡"),
        };
        assert!(
            s.contains(head) && s.contains(minus) && s.contains(plus),
            "{s}"
        );
        b.press(KeyCode::Esc);
        assert!(!b.s().is_modified(), "Esc opens the saved file");
        assert!(
            recovery::read(&rec, &p).unwrap().is_some(),
            "and keeps the recovery file"
        );
    }
    // The same text as the file: nothing to offer, and the stale file goes.
    recovery::write(&rec, &p, &std::fs::read_to_string(&p).unwrap()).unwrap();
    let mut b = open(&p).lang(Lang::En).recovery(&rec).start();
    assert!(!b.screen(80, 24).contains("Recovery"));
    assert_eq!(recovery::read(&rec, &p).unwrap(), None);
}

#[test]
fn a_change_on_disk_reloads_a_clean_buffer_and_is_shown_for_a_modified_one() {
    use reportbench::io::recovery;
    let dir = common::temp_dir("wb-disk");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let mut b = open(&p).lang(Lang::En).recovery(&rec).start();
    // Someone else rewrites the file; nothing here was changed: reload.
    let theirs = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 他们改的", 1);
    std::fs::write(&p, &theirs).unwrap();
    b.wait(Duration::from_secs(3));
    assert!(b.s().text().starts_with("# 他们改的"));
    assert!(!b.s().is_modified() && !b.s().changed_on_disk());
    assert!(b.screen(100, 30).contains("reloaded: changed on disk"));

    // Now with unsaved changes: shown, never overwritten silently.
    b.press(KeyCode::Char('我'));
    let again = theirs.replacen("# 他们改的", "# 又改了", 1);
    std::fs::write(&p, &again).unwrap();
    b.wait(Duration::from_secs(3));
    assert!(b.s().changed_on_disk());
    let s = b.screen(100, 30);
    assert!(s.contains("changed on disk by someone else"), "{s}");
    // The message goes with the next key; the mark stays.
    b.press(KeyCode::Right);
    b.press(KeyCode::Left);
    b.press(KeyCode::Backspace);
    b.press(KeyCode::Char('我'));
    let s = b.screen(100, 30);
    assert!(s.contains("● changed on disk"), "{s}");
    b.ctrl('s');
    assert_eq!(*b.s().overlay(), Overlay::ConfirmOverwrite);
    assert!(b.screen(100, 30).contains("r reloads it"));
    // a offers a new name instead; Esc comes back to the same question.
    b.press(KeyCode::Char('a'));
    assert!(matches!(*b.s().overlay(), Overlay::SaveAs(_)));
    b.press(KeyCode::Esc);
    b.ctrl('s');
    assert_eq!(*b.s().overlay(), Overlay::ConfirmOverwrite);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        again,
        "not saved over"
    );
    // r reloads theirs and keeps ours in a file of its own.
    b.press(KeyCode::Char('r'));
    assert!(b.s().text().starts_with("# 又改了"));
    assert!(!b.s().is_modified() && !b.s().changed_on_disk());
    let aside = recovery::aside_key(&p);
    let kept = recovery::read(&rec, &aside)
        .unwrap()
        .expect("our text kept");
    assert!(
        kept.text.starts_with("我# 他们改的"),
        "{}",
        &kept.text[..30]
    );
    // Typing on, the timed recovery write, and a save: none of them touch it
    // (they used to overwrite, then delete, the text they promised to keep).
    b.press(KeyCode::Char('它'));
    b.wait(Duration::from_secs(3));
    assert!(recovery::read(&rec, &p).unwrap().is_some(), "timed write");
    b.ctrl('s');
    assert_eq!(
        *b.s().overlay(),
        Overlay::None,
        "saving afterwards does not ask"
    );
    // The cursor stayed where it was (line 1, column 2).
    let saved = std::fs::read_to_string(&p).unwrap();
    assert!(saved.starts_with("#它 又改了"), "{}", &saved[..20]);
    assert_eq!(
        recovery::read(&rec, &aside).unwrap().map(|r| r.text),
        Some(kept.text.clone()),
        "the set-aside text is still kept"
    );
    drop(b);
    // Offered at the next open; only an explicit discard removes it.
    let mut b = open(&p).lang(Lang::En).recovery(&rec).start();
    let s = b.screen(100, 30);
    assert!(
        s.contains("Unsaved text set aside when the file was read again"),
        "{s}"
    );
    b.press(KeyCode::Esc);
    assert!(
        recovery::read(&rec, &aside).unwrap().is_some(),
        "Esc keeps it"
    );
    drop(b);
    let mut b = open(&p).lang(Lang::En).recovery(&rec).start();
    b.press(KeyCode::Char('r'));
    assert!(b.s().text().starts_with("我# 他们改的"));
    assert!(
        recovery::read(&rec, &aside).unwrap().is_some(),
        "until saved"
    );
    b.ctrl('s');
    assert_eq!(
        recovery::read(&rec, &aside).unwrap(),
        None,
        "saved back: done with"
    );
}

#[test]
fn a_read_only_view_puts_every_edit_back() {
    let dir = common::temp_dir("wb-ro");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let before = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        dir.join(".draft.md.reportbench-lock"),
        "reportbench-lock 1\nuser: li\nhost: elsewhere\npid: 1\n",
    )
    .unwrap();
    let mut b = open(&p).lang(Lang::En).locking().start();
    let s = b.screen(100, 30);
    assert!(
        s.contains("li@elsewhere (process 1) is editing this file"),
        "{s}"
    );
    b.press(KeyCode::Char('o'));
    assert!(b.s().is_read_only());
    b.press(KeyCode::Down);
    b.press(KeyCode::Char('甲'));
    b.paste("粘贴");
    b.press(KeyCode::Backspace);
    b.ctrl('x');
    assert!(
        b.s().text() == before,
        "the text changed in a read-only view"
    );
    assert!(!b.s().is_modified());
    assert_eq!(b.s().editor().cursor().0, 1, "the cursor still moves");
    let s = b.screen(100, 30);
    assert!(s.contains("read-only"), "{s}");
    b.ctrl('s');
    assert_eq!(std::fs::read_to_string(&p).unwrap(), before);
}

#[test]
fn save_as_writes_a_new_file_and_goes_on_with_it() {
    let dir = common::temp_dir("wb-saveas");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let mut b = open(&p).lang(Lang::En).locking().start();
    b.press(KeyCode::Char('新'));
    b.press(KeyCode::F(12));
    assert_eq!(*b.s().overlay(), Overlay::SaveAs(p.display().to_string()));
    let s = b.screen(100, 30);
    assert!(s.contains("Save as:"), "{s}");
    // An existing file is never overwritten this way.
    std::fs::write(dir.join("other.md"), "theirs").unwrap();
    for _ in 0.."draft.md".len() {
        b.press(KeyCode::Backspace);
    }
    for c in "other.md".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::Enter);
    assert!(b.s().is_modified());
    assert!(b.screen(100, 30).contains("exists: not saved"));
    assert_eq!(
        std::fs::read_to_string(dir.join("other.md")).unwrap(),
        "theirs"
    );
    b.press(KeyCode::F(12));
    for _ in 0.."draft.md".len() {
        b.press(KeyCode::Backspace);
    }
    for c in "copy.md".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::Enter);
    let copy = dir.join("copy.md");
    assert_eq!(b.s().path(), copy);
    assert!(!b.s().is_modified());
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .starts_with("新# 青禾镇")
    );
    assert_eq!(
        std::fs::read(&p).unwrap(),
        before,
        "the original is untouched"
    );
    assert!(
        !dir.join(".draft.md.reportbench-lock").exists(),
        "the old lock goes"
    );
    assert!(
        dir.join(".copy.md.reportbench-lock").exists(),
        "the new file is locked"
    );
    b.press(KeyCode::F(12));
    for c in "/x".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::Esc);
    assert_eq!(*b.s().overlay(), Overlay::None);
    assert_eq!(b.s().path(), copy);
}

#[test]
fn a_failed_save_keeps_the_text_and_points_at_save_as() {
    let dir = common::temp_dir("wb-failsave");
    let sub = dir.join("gone");
    std::fs::create_dir_all(&sub).unwrap();
    let p = sub.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    b.press(KeyCode::Char('新'));
    // The folder disappears under the editor (a moved share, say).
    std::fs::remove_dir_all(&sub).unwrap();
    b.ctrl('s');
    if *b.s().overlay() == Overlay::ConfirmOverwrite {
        b.press(KeyCode::Char('y'));
    }
    assert!(b.s().is_modified(), "not saved");
    assert!(b.s().text().starts_with("新# 青禾镇"), "the text is kept");
    let (m, error) = b.s().message().cloned().expect("a message");
    assert!(error && m.contains("(F12: save as)"), "{m}");
}

#[test]
fn the_way_out_keeps_the_text_even_after_a_panic_poisoned_the_lock() {
    use reportbench::io::recovery;
    use reportbench::tui::Exit;
    let dir = common::temp_dir("wb-wayout");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let mut b = open(&p).lang(Lang::En).locking().recovery(&rec).start();
    assert!(dir.join(".draft.md.reportbench-lock").exists());
    let shared = b.exit().clone();
    b.press(KeyCode::Char('终'));
    // A panic while the snapshot is held (the worst case for the hook).
    let poison = shared.clone();
    let _ = std::thread::spawn(move || {
        let _g = poison.lock().unwrap();
        panic!("poisoning the snapshot on purpose");
    })
    .join();
    assert!(shared.is_poisoned());
    let written = Exit::on_the_way_out(&shared).expect("written");
    let r = recovery::read(&rec, &p).unwrap().unwrap();
    assert_eq!(r.file, written);
    assert!(r.text.starts_with("终# 青禾镇"));
    assert!(!dir.join(".draft.md.reportbench-lock").exists());
}

#[test]
fn a_reviewers_na_signoff_shows_in_the_checklist_and_survives_edits() {
    let dir = common::temp_dir("wb-na");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    std::fs::write(
        dir.join("draft.md.review.yaml"),
        "signoffs:\n  - {item: other, verdict: na, reason: 本年度无, author: 李律师, at: '2025-03-01T09:40:00+08:00'}\n",
    )
    .unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    // The review file is read as the workbench opens.
    assert!(b.screen(100, 30).contains("– [n/a] Other matters"));
    b.press(KeyCode::Char('甲'));
    let other = b
        .s()
        .report()
        .items
        .iter()
        .find(|i| i.id == "other")
        .unwrap();
    assert_eq!(other.status, Status::Na, "re-checks keep the sign-off");
}

#[test]
fn a_change_hidden_by_equal_size_and_time_is_still_noticed() {
    let dir = common::temp_dir("wb-racy");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    let mut b = open(&p).lang(Lang::En).start();
    let theirs = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 别人的", 1);
    std::fs::write(&p, &theirs).unwrap();
    let f = std::fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    b.wait(Duration::from_secs(3));
    assert!(b.s().text().starts_with("# 别人的"), "reloaded");
}

/// Where the editor is (its border included) at the state's terminal size.
fn editor_area(b: &Bench) -> ratatui::layout::Rect {
    layout::panes(b.s().size(), b.s().zoom())
        .expect("panes")
        .editor
}

/// The editor's rows on screen (inside its border), as drawn.
fn editor_rows(b: &mut Bench, w: u16, h: u16) -> Vec<String> {
    let buf = b.frame(w, h);
    let r = editor_area(b);
    (r.y + 1..r.y + r.height - 1)
        .map(|y| {
            let mut s = String::new();
            let mut x = r.x + 1;
            while x < r.x + r.width - 1 {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                // A wide character's second cell repeats nothing: skip it.
                x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            s.trim_end().to_owned()
        })
        .collect()
}

#[test]
fn no_editor_row_starts_with_closing_punctuation() {
    for (w, h) in [(100, 30), (80, 24), (120, 40), (97, 30)] {
        let mut b = open(&common::root().join("drafts/qinghe-2023.txt"))
            .lang(Lang::Zh)
            .start();
        // Look at every row of the draft, a screen at a time.
        let mut seen = 0;
        for _ in 0..40 {
            for row in editor_rows(&mut b, w, h) {
                let row = row.trim_start_matches(' ');
                if let Some(c) = row.chars().next() {
                    assert!(
                        !"，。、；：？！）》」』】”’％".contains(c),
                        "{w}x{h}: a row starts with {c}: {row}"
                    );
                    seen += 1;
                }
            }
            b.press(KeyCode::PageDown);
        }
        assert!(seen > 100, "{seen}");
    }
}

#[test]
fn home_end_act_on_the_visual_row_and_up_down_keep_their_column() {
    let dir = common::temp_dir("wb-visual");
    let p = dir.join("d.txt");
    let long = "甲乙丙丁戊己庚辛壬癸".repeat(12); // 120 characters: several rows
    std::fs::write(&p, format!("{long}\n短行\n{long}\n")).unwrap();
    let mut b = open(&p).lang(Lang::Zh).start();
    let _ = b.screen(100, 30);
    let x0 = editor_area(&b).x + 1;
    // Down to the second visual row of line 1, a few characters in.
    b.press(KeyCode::Down);
    for _ in 0..3 {
        b.press(KeyCode::Right);
    }
    let _ = b.screen(100, 30);
    let (row, col) = b.s().editor().cursor();
    assert_eq!(row, 0, "still the first line: the row was a wrapped one");
    let at = b.s().editor().rendered_cursor_position().unwrap();
    assert_eq!(at.x, x0 + 6);
    // Home: the start of this visual row, not of the line.
    b.press(KeyCode::Home);
    let _ = b.screen(100, 30);
    let (r, c) = b.s().editor().cursor();
    assert_eq!((r, c), (0, col - 3));
    assert!(c > 0);
    assert_eq!(b.s().editor().rendered_cursor_position().unwrap().x, x0);
    assert_eq!(b.s().editor().rendered_cursor_position().unwrap().y, at.y);
    // End: the end of this visual row (before its last character).
    b.press(KeyCode::End);
    let _ = b.screen(100, 30);
    let end = b.s().editor().rendered_cursor_position().unwrap();
    assert_eq!(end.y, at.y);
    assert!(end.x > x0 + 40, "{end:?}");
    assert_eq!(b.s().editor().cursor().0, 0);
    // Up and Down keep the column across the short line.
    b.press(KeyCode::Home);
    for _ in 0..5 {
        b.press(KeyCode::Right);
    }
    let _ = b.screen(100, 30);
    let goal = b.s().editor().rendered_cursor_position().unwrap().x;
    let mut row_of_short = None;
    for _ in 0..10 {
        b.press(KeyCode::Down);
        if b.s().editor().cursor().0 == 1 {
            row_of_short = Some(b.s().editor().cursor());
            break;
        }
    }
    assert_eq!(
        row_of_short,
        Some((1, 2)),
        "clamped to the short line's end"
    );
    b.press(KeyCode::Down);
    let _ = b.screen(100, 30);
    assert_eq!(b.s().editor().cursor().0, 2);
    assert_eq!(b.s().editor().rendered_cursor_position().unwrap().x, goal);
    // Any other move forgets the goal.
    b.press(KeyCode::Left);
    b.press(KeyCode::Up);
    let _ = b.screen(100, 30);
    assert_eq!(b.s().editor().cursor(), (1, 2));
}

#[test]
fn control_characters_show_as_symbols_in_the_editor() {
    let dir = common::temp_dir("wb-controls");
    let p = dir.join("d.txt");
    let body = "全年调处矛盾纠纷120件，审核合同38份。".repeat(20);
    std::fs::write(&p, format!("某镇\u{1b}[31m红\u{7}字\u{202e}反\n{body}\n")).unwrap();
    let mut b = open(&p).lang(Lang::Zh).start();
    let rows = editor_rows(&mut b, 100, 30);
    assert_eq!(rows[0], "某镇␛[31m红␇字�反", "{rows:?}");
    // The cursor's column counts the symbols: End is after all of them.
    b.press(KeyCode::End);
    let _ = b.screen(100, 30);
    let x0 = editor_area(&b).x + 1;
    // 某镇 (4) ␛[31m (5) 红 (2) ␇ (1) 字 (2) � (1) 反 (2) = 17 columns.
    assert_eq!(
        b.s().editor().rendered_cursor_position().unwrap().x,
        x0 + 17
    );
}

#[test]
fn scrolling_chinese_text_leaves_no_cell_in_the_terminals_default_colours() {
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .theme("light")
        .start();
    let (w, h) = (100, 30);
    let mut screen = common::screen::Screen::new(w, h);
    let mut prev = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    for step in 0..12 {
        let next = b.frame(w, h);
        // What the terminal loop sends (`tui::present`).
        screen.apply(reportbench::tui::present::updates(&prev, &next));
        let bad: Vec<(usize, usize)> = screen
            .cells
            .iter()
            .enumerate()
            .filter(|(_, (_, bg))| bg.is_none())
            .map(|(i, _)| (i % w as usize, i / w as usize))
            .collect();
        assert!(
            bad.is_empty(),
            "step {step}: cells left in default colours at {bad:?}"
        );
        prev = next;
        b.press(if step % 3 == 2 {
            KeyCode::PageUp
        } else {
            KeyCode::PageDown
        });
    }
}

#[test]
fn an_escape_sequence_misread_after_esc_is_a_key_not_text() {
    use crossterm::event::Event;
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::En)
        .start();
    let before = b.s().text();
    let typed = |s: &str| -> Vec<Event> {
        s.chars()
            .map(|c| Event::Key(key(KeyCode::Char(c))))
            .collect()
    };
    // Esc, then F1 in the same read: crossterm hands over 'O', 'P'.
    b.press(KeyCode::Esc);
    b.send(Msg::AfterEsc(typed("OP")));
    assert!(
        matches!(*b.s().overlay(), Overlay::Help(_)),
        "{:?}",
        *b.s().overlay()
    );
    b.press(KeyCode::Esc);
    // Esc, then a mouse click report: dropped, then real typing goes on.
    b.press(KeyCode::Esc);
    b.send(Msg::AfterEsc(typed("[<0;50;10M")));
    assert_eq!(b.s().text(), before, "nothing typed into the draft");
    // Esc, then F5 ("[15~"): the comment prompt.
    b.press(KeyCode::Esc);
    b.send(Msg::AfterEsc(typed("[15~")));
    assert!(
        matches!(*b.s().overlay(), Overlay::Input(..)),
        "{:?}",
        *b.s().overlay()
    );
    b.press(KeyCode::Esc);
    assert_eq!(b.s().text(), before);
    // Ordinary text after an Esc is typed as usual.
    b.press(KeyCode::Esc);
    b.send(Msg::AfterEsc(typed("甲乙")));
    assert!(b.s().text().starts_with("甲乙"), "{}", &b.s().text()[..20]);
}

#[test]
fn a_click_in_the_text_puts_the_cursor_there() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut b = open(&common::root().join("drafts/qinghe-2024.md"))
        .lang(Lang::Zh)
        .start();
    let s = b.screen(100, 30);
    // Find 坚持 on the screen and click its second character.
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("坚持以习近平"))
        .unwrap();
    let before: String = line[..line.find("坚持以习近平").unwrap()].to_owned();
    let x = unicode_width::UnicodeWidthStr::width(before.as_str()) as u16 + 2;
    b.mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y as u16,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(b.s().focus(), Focus::Editor);
    let (row, col) = b.s().editor().cursor();
    let text: String = b.s().editor().lines()[row]
        .chars()
        .skip(col)
        .take(5)
        .collect();
    assert_eq!(text, "持以习近平", "cursor at {row}:{col}");
    let _ = b.screen(100, 30);
    assert_eq!(
        b.s().editor().rendered_cursor_position().unwrap(),
        ratatui::layout::Position::new(x, y as u16)
    );
}

#[test]
fn a_draft_replaced_by_a_folder_is_not_promised_a_save() {
    let (dir, p) = copy_draft("qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    b.press(KeyCode::Char('甲'));
    std::fs::remove_file(&p).unwrap();
    std::fs::create_dir(&p).unwrap();
    b.wait(Duration::from_secs(3));
    let (m, error) = b.s().message().cloned().unwrap();
    assert!(error && m.contains("save under another name (F12)"), "{m}");
    // Saving says why, cause first, and keeps the text.
    b.ctrl('s');
    if *b.s().overlay() == Overlay::ConfirmOverwrite {
        b.press(KeyCode::Char('y'));
    }
    let (m, _) = b.s().message().cloned().unwrap();
    assert!(m.starts_with("not saved:"), "{m}");
    assert!(b.s().text().starts_with("甲"));
    drop(dir);
}

#[test]
fn the_next_problem_after_a_fix_is_the_next_one_after_the_cursor() {
    let (_dir, p) = copy_draft("qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    // F8 from the top: the draft's mixed-width "(二)" at 15:1 (information),
    // then the numbering gap at 37:1 (（五） where （四） belongs).
    b.press(KeyCode::F(8));
    assert_eq!(b.s().editor().cursor(), (14, 0), "{}", b.screen(100, 30));
    b.press(KeyCode::F(8));
    assert_eq!(b.s().editor().cursor(), (36, 0), "{}", b.screen(100, 30));
    // The writer fixes it: （五） → （四）; the gap moves on to line 39.
    b.press(KeyCode::Right);
    b.press(KeyCode::Delete);
    b.press(KeyCode::Char('四'));
    let next = b
        .s()
        .report()
        .lints
        .iter()
        .map(|l| l.position.line)
        .find(|&l| l > 37)
        .expect("a problem after the fix");
    assert_eq!(next, 39, "the renumbering reveals the next gap");
    b.press(KeyCode::F(8));
    assert_eq!(
        b.s().editor().cursor().0 + 1,
        39,
        "F8 goes to the next problem after the cursor, skipping none"
    );
    // Shift-F8: the problem before it (line 15; 37 is fixed), then round
    // to the last problem (the leader-duty item's mention, line 83); F8
    // from there rounds to the first.
    b.key(KeyEvent::new(KeyCode::F(8), KeyModifiers::SHIFT));
    assert_eq!(b.s().editor().cursor().0 + 1, 15);
    b.key(KeyEvent::new(KeyCode::F(8), KeyModifiers::SHIFT));
    assert_eq!(b.s().editor().cursor().0 + 1, 83);
    b.press(KeyCode::F(8));
    assert_eq!(b.s().editor().cursor().0 + 1, 15);
}

#[test]
fn the_help_lists_the_editors_own_keys_and_they_do_what_it_says() {
    let (_dir, p) = copy_draft("qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    // Ctrl-K: delete to the end of the line (the title's line).
    b.ctrl('k');
    assert_eq!(b.s().text().lines().next(), Some(""));
    // Alt-D: the next word (up to the stop at full-width punctuation).
    b.press(KeyCode::Down);
    b.press(KeyCode::Down);
    let before = b.s().text().lines().nth(2).unwrap().chars().count();
    b.alt(KeyCode::Char('d'));
    let after = b.s().text().lines().nth(2).unwrap().chars().count();
    assert!(after < before, "{before} → {after}");
    // The help lists both, under the editor.
    b.press(KeyCode::F(1));
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&b.screen(120, 40));
        b.press(KeyCode::PageDown);
    }
    assert!(
        seen.contains("Ctrl-K") && seen.contains("delete to the end of the line"),
        "{seen}"
    );
    assert!(seen.contains("Alt-Backspace, Alt-D"), "{seen}");
}

#[test]
fn while_a_drafts_recheck_is_on_its_way_its_highlights_stay_with_their_lines() {
    let dir = common::temp_dir("wb-live-highlights");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut b = open(&p).lang(Lang::En).hold_checks().start();
    let underlined = |buf: &ratatui::buffer::Buffer| {
        buf.content()
            .iter()
            .filter(|c| c.modifier.contains(ratatui::style::Modifier::UNDERLINED))
            .count()
    };
    // The cursor on the first lint's line: its span is underlined.
    let line = b
        .s()
        .report()
        .lints
        .iter()
        .find(|l| l.rule == "placeholder")
        .expect("a placeholder")
        .position
        .line;
    b.ctrl('l');
    b.type_str(&line.to_string());
    b.press(KeyCode::Enter);
    let before = underlined(&b.frame(100, 30));
    assert!(before > 0, "{}", b.screen(100, 30));
    // A line typed above it: the re-check is held (on its way), and the
    // span is drawn on its line, now one lower — not dropped, and with no
    // "checking" in the title for a draft of ordinary size.
    b.press(KeyCode::Home);
    b.press(KeyCode::Enter);
    assert!(b.s().is_stale());
    let during = b.frame(100, 30);
    assert_eq!(underlined(&during), before, "{}", b.screen(100, 30));
    assert!(!b.screen(100, 30).contains("checking"));
    // The check comes: the same spans.
    b.release_checks();
    assert!(!b.s().is_stale());
    assert_eq!(underlined(&b.frame(100, 30)), before);
}
