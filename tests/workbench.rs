//! The workbench without a terminal: the state driven by key events, drawn
//! on ratatui's TestBackend at 100×30 and 80×24.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reportbench::app::keymap::Keymap;
use reportbench::app::state::{App, Focus, Overlay};
use reportbench::core::check::Status;
use reportbench::core::lang::Lang;
use reportbench::core::spec::CompiledSpec;
use reportbench::ui::draw::draw;
use reportbench::ui::theme::Theme;

fn open(path: &std::path::Path, lang: Lang) -> App {
    let loaded = reportbench::io::load(path).unwrap();
    App::new(
        loaded,
        CompiledSpec::default_spec(),
        Keymap::defaults(),
        Theme::builtin("dark").unwrap(),
        lang,
    )
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    let mut out = reportbench::ui::draw::buffer_lines(t.backend().buffer()).join("\n");
    out.push('\n');
    out
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn copy_draft(name: &str) -> std::path::PathBuf {
    let dir = common::temp_dir(&format!("wb-{name}"));
    let p = dir.join(name);
    std::fs::copy(common::root().join("drafts").join(name), &p).unwrap();
    p
}

#[test]
fn side_by_side_at_100x30() {
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::Zh);
    let s = screen(&mut app, 100, 30);
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
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::En);
    let s = screen(&mut app, 80, 24);
    // The checklist above the editor.
    let top = s.lines().next().unwrap();
    assert!(
        top.contains("Checklist 5/6 required") && !top.contains("qinghe"),
        "{s}"
    );
    assert!(s.lines().any(|l| l.contains("qinghe-2024.md")));
    let s = screen(&mut app, 40, 10);
    assert!(s.contains("terminal too small (40×10)"), "{s}");
}

#[test]
fn typing_rechecks_at_once() {
    let p = copy_draft("qinghe-2024.md");
    let mut app = open(&p, Lang::Zh);
    let other = |app: &App| {
        app.report
            .items
            .iter()
            .find(|i| i.id == "other")
            .unwrap()
            .status
    };
    assert_eq!(other(&app), Status::Missing);
    // Add an "other matters" section at the end, typed in Chinese.
    app.on_key(ctrl('e'));
    for _ in 0..200 {
        app.on_key(key(KeyCode::Down));
    }
    app.on_key(key(KeyCode::End));
    app.on_key(key(KeyCode::Enter));
    for c in "四、其他需要报告的情况".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    assert!(app.modified);
    assert_eq!(other(&app), Status::Met);
    // Undo puts it back.
    for _ in 0..20 {
        app.on_key(ctrl('z'));
    }
    assert_eq!(other(&app), Status::Missing);
}

#[test]
fn paste_arrives_in_one_go() {
    let p = copy_draft("qinghe-2024.md");
    let mut app = open(&p, Lang::Zh);
    let long = "（十）补充。".repeat(500);
    app.on_paste(&long);
    assert!(app.text().contains(&long));
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
    let mut app = open(&p, Lang::En);
    app.on_key(key(KeyCode::Char('甲')));
    app.on_key(ctrl('q'));
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    assert!(screen(&mut app, 100, 30).contains("Quit without saving?"));
    app.on_key(key(KeyCode::Char('n')));
    assert!(!app.quit);
    app.on_key(ctrl('s'));
    assert!(!app.modified, "{:?}", app.message);
    let saved = std::fs::read(&p).unwrap();
    let (decoded, _, errors) = encoding_rs::GB18030.decode(&saved);
    assert!(!errors);
    assert!(
        decoded.starts_with("甲青禾镇2023年度") && decoded.contains("\r\n"),
        "{}",
        &decoded[..40]
    );
    app.on_key(ctrl('q'));
    assert!(app.quit);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let p = copy_draft("qinghe-2023.txt");
    let mut app = open(&p, Lang::En);
    std::fs::write(&p, "someone else's text\n").unwrap();
    app.on_key(key(KeyCode::Char('x')));
    app.on_key(ctrl('s'));
    assert_eq!(app.overlay, Overlay::ConfirmOverwrite);
    app.on_key(key(KeyCode::Esc));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "someone else's text\n"
    );
    app.on_key(ctrl('s'));
    app.on_key(key(KeyCode::Char('y')));
    assert!(std::fs::read_to_string(&p).unwrap().starts_with("x青禾镇"));
}

#[test]
fn checklist_navigation_jumps_to_evidence_and_problems() {
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::En);
    app.on_key(key(KeyCode::F(2)));
    assert_eq!(app.focus, Focus::Checklist);
    // Shortcomings is the third row; Enter jumps to its heading (line 67).
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(app.editor.cursor().0 + 1, 67);
    // Alt-N: the next problem is the partial leader-duty item.
    app.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::ALT));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("only mentioned inside"), "{s}");
    // F1 shows the help from the keymap; any key closes it.
    app.on_key(key(KeyCode::F(1)));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("F1 / Alt-1") && s.contains("Ctrl-S"), "{s}");
    app.on_key(key(KeyCode::Char('q')));
    assert_eq!(app.overlay, Overlay::None);
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
    let mut app = open(&p, Lang::En);
    let s = screen(&mut app, 100, 30);
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
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::En);
    app.on_key(ctrl('f'));
    assert!(screen(&mut app, 100, 30).contains("Search:"));
    for c in "智慧调解".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    let (row, _) = app.editor.cursor();
    assert!(
        app.editor.lines()[row].contains("智慧调解"),
        "{}",
        app.editor.lines()[row]
    );
    // Ctrl-G: the next occurrence, further down.
    app.on_key(ctrl('g'));
    assert!(app.editor.cursor().0 > row);
    // Regex characters are taken literally.
    app.on_key(ctrl('f'));
    // `*场` is not a valid pattern; as text it is the placeholder in the draft.
    for c in "*场".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    assert!(app.message.is_none(), "{:?}", app.message);
    assert!(app.editor.lines()[app.editor.cursor().0].contains("*场次"));
}

#[test]
fn word_motions_stop_at_chinese_punctuation() {
    let dir = common::temp_dir("wb-words");
    let p = dir.join("w.txt");
    std::fs::write(&p, "审核合同38份，调处纠纷。\n").unwrap();
    let mut app = open(&p, Lang::En);
    let ctrl_right = KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL);
    let mut cols = vec![];
    for _ in 0..5 {
        app.on_key(ctrl_right);
        cols.push(app.editor.cursor().1);
    }
    assert_eq!(cols, [4, 6, 7, 8, 12]);
    // Alt-Backspace deletes 调处纠纷 only, not the comma before it.
    app.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
    assert_eq!(app.editor.lines()[0], "审核合同38份，。");
    assert!(app.modified);
}

#[test]
fn mouse_clicks_select_rows_and_focus_the_editor() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::En);
    screen(&mut app, 100, 30);
    let click = |col: u16, row: u16| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The third row of the checklist (row 0 is its border).
    app.on_mouse(click(5, 3));
    assert_eq!((app.focus, app.selected), (Focus::Checklist, 2));
    // Clicking it again jumps to its evidence.
    app.on_mouse(click(5, 3));
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(app.editor.cursor().0 + 1, 67);
    app.on_mouse(click(5, 3));
    app.on_mouse(click(60, 10));
    assert_eq!(app.focus, Focus::Editor);
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 5,
        modifiers: KeyModifiers::NONE,
    };
    app.on_mouse(wheel);
    assert_eq!(app.selected, 3);
}

#[test]
fn highlights_stay_in_place_on_wrapped_rows() {
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::Zh);
    // Jump to the year-consistency lint (a highlight in the middle of a row).
    app.on_key(key(KeyCode::F(8)));
    let s = screen(&mut app, 120, 32);
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
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::En);
    let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
    t.draw(|f| draw(f, &mut app)).unwrap();
    let buf = t.backend().buffer().clone();
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
    let dir = common::temp_dir("wb-huge");
    let p = dir.join("huge.txt");
    let one = std::fs::read_to_string(common::root().join("drafts/qinghe-2023.txt")).unwrap();
    std::fs::write(&p, one.repeat(60)).unwrap();
    let mut app = open(&p, Lang::En);
    let lints = app.report.lints.len();
    app.on_key(key(KeyCode::Char('X')));
    app.on_key(key(KeyCode::Char('X')));
    assert!(app.stale, "not re-checked at every key");
    assert!(app.on_idle());
    assert!(
        app.report.lints.len() > lints,
        "the placeholder XX is found once typing pauses"
    );
    assert!(!app.on_idle());
}

#[test]
fn a_stale_checklist_never_breaks_drawing() {
    let dir = common::temp_dir("wb-stale");
    let p = dir.join("huge.txt");
    let one = std::fs::read_to_string(common::root().join("drafts/qinghe-2024.md")).unwrap();
    std::fs::write(&p, one.repeat(50)).unwrap();
    let mut app = open(&p, Lang::En);
    // Delete characters in the middle of highlighted text while the checklist is stale.
    app.on_key(KeyEvent::new(KeyCode::F(8), KeyModifiers::NONE));
    app.on_key(key(KeyCode::Enter));
    for _ in 0..5 {
        app.on_key(key(KeyCode::Char('甲')));
        app.on_key(key(KeyCode::Backspace));
        app.on_key(key(KeyCode::Backspace));
    }
    assert!(app.stale);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("(checking…)"), "{s}");
    app.on_idle();
    screen(&mut app, 100, 30);
}

#[test]
fn unsaved_text_reaches_the_recovery_file_within_two_seconds() {
    use reportbench::io::recovery;
    use std::time::Duration;
    let dir = common::temp_dir("wb-recover");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let mut app = open(&p, Lang::En);
    app.enable_recovery(rec.clone());
    let idle = app.next_tick(std::time::Instant::now()).unwrap();
    assert!(
        idle <= Duration::from_secs(2),
        "only the look at the disk: {idle:?}"
    );
    app.on_key(key(KeyCode::Char('甲')));
    let t0 = app.last_edit.unwrap();
    let wait = app.next_tick(t0).unwrap();
    assert!(wait <= Duration::from_secs(1), "{wait:?}");
    app.tick(t0 + Duration::from_millis(500));
    assert_eq!(recovery::read(&rec, &p).unwrap(), None, "not while typing");
    // Typing on without a pause still writes every two seconds.
    app.last_edit = Some(t0 + Duration::from_millis(1900));
    app.tick(t0 + Duration::from_millis(2000));
    let r = recovery::read(&rec, &p).unwrap().expect("written");
    assert!(r.text.starts_with("甲# 青禾镇"));
    assert!(!app.recovery_due);
    // Saving removes it.
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(recovery::read(&rec, &p).unwrap(), None);
    // Quitting without saving (a deliberate discard) removes it too.
    app.on_key(key(KeyCode::Char('乙')));
    let t1 = app.last_edit.unwrap();
    app.tick(t1 + Duration::from_secs(1));
    assert!(recovery::read(&rec, &p).unwrap().is_some());
    app.on_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    app.on_key(key(KeyCode::Char('y')));
    assert!(app.quit);
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
        let mut app = open(&p, lang);
        app.enable_recovery(rec.clone());
        let s = screen(&mut app, 80, 24);
        let (head, minus, plus) = match lang {
            Lang::En => ("+1 / -1 lines", "- # 青禾镇", "+ # 青禾乡"),
            Lang::Zh => ("+1 行、-1 行", "- # 青禾镇", "+ # 青禾乡"),
        };
        assert!(
            s.contains(head) && s.contains(minus) && s.contains(plus),
            "{s}"
        );
        app.on_key(key(KeyCode::Esc));
        assert!(!app.modified, "Esc opens the saved file");
        assert!(
            recovery::read(&rec, &p).unwrap().is_some(),
            "and keeps the recovery file"
        );
    }
    // The same text as the file: nothing to offer, and the stale file goes.
    recovery::write(&rec, &p, &std::fs::read_to_string(&p).unwrap()).unwrap();
    let mut app = open(&p, Lang::En);
    app.enable_recovery(rec.clone());
    assert!(!screen(&mut app, 80, 24).contains("Recovery"));
    assert_eq!(recovery::read(&rec, &p).unwrap(), None);
}

#[test]
fn a_change_on_disk_reloads_a_clean_buffer_and_is_shown_for_a_modified_one() {
    use reportbench::io::recovery;
    use std::time::{Duration, Instant};
    let dir = common::temp_dir("wb-disk");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let mut app = open(&p, Lang::En);
    app.enable_recovery(rec.clone());
    // Someone else rewrites the file; nothing here was changed: reload.
    let theirs = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 他们改的", 1);
    std::fs::write(&p, &theirs).unwrap();
    let later = Instant::now() + Duration::from_secs(3);
    assert!(app.tick(later));
    assert!(app.text().starts_with("# 他们改的"));
    assert!(!app.modified && !app.changed_on_disk);
    assert!(screen(&mut app, 100, 30).contains("reloaded: changed on disk"));

    // Now with unsaved changes: shown, never overwritten silently.
    app.on_key(key(KeyCode::Char('我')));
    let again = theirs.replacen("# 他们改的", "# 又改了", 1);
    std::fs::write(&p, &again).unwrap();
    assert!(app.tick(later + Duration::from_secs(3)));
    assert!(app.changed_on_disk);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("changed on disk by someone else"), "{s}");
    // The message goes with the next key; the mark stays.
    app.on_key(key(KeyCode::Right));
    app.on_key(key(KeyCode::Left));
    app.on_key(key(KeyCode::Backspace));
    app.on_key(key(KeyCode::Char('我')));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("● changed on disk"), "{s}");
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.overlay, Overlay::ConfirmOverwrite);
    assert!(screen(&mut app, 100, 30).contains("r reloads it"));
    // a offers a new name instead; Esc comes back to the same question.
    app.on_key(key(KeyCode::Char('a')));
    assert!(matches!(app.overlay, Overlay::SaveAs(_)));
    app.on_key(key(KeyCode::Esc));
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.overlay, Overlay::ConfirmOverwrite);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        again,
        "not saved over"
    );
    // r reloads theirs and keeps ours in the recovery file.
    app.on_key(key(KeyCode::Char('r')));
    assert!(app.text().starts_with("# 又改了"));
    assert!(!app.modified && !app.changed_on_disk);
    let kept = recovery::read(&rec, &p).unwrap().expect("our text kept");
    assert!(
        kept.text.starts_with("我# 他们改的"),
        "{}",
        &kept.text[..30]
    );
    // And saving afterwards does not ask.
    app.on_key(key(KeyCode::Char('它')));
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.overlay, Overlay::None);
    // The cursor stayed where it was (line 1, column 2).
    let saved = std::fs::read_to_string(&p).unwrap();
    assert!(saved.starts_with("#它 又改了"), "{}", &saved[..20]);
}

#[test]
fn a_read_only_view_puts_every_edit_back() {
    let dir = common::temp_dir("wb-ro");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let before = std::fs::read_to_string(&p).unwrap();
    std::fs::write(dir.join(".draft.md.reportbench-lock"), "li elsewhere 1\n").unwrap();
    let mut app = open(&p, Lang::En);
    app.take_lock();
    let s = screen(&mut app, 100, 30);
    assert!(
        s.contains("li@elsewhere (process 1) is editing this file"),
        "{s}"
    );
    app.on_key(key(KeyCode::Char('o')));
    assert!(app.read_only);
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Char('甲')));
    app.on_paste("粘贴");
    app.on_key(key(KeyCode::Backspace));
    app.on_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL));
    assert!(app.text() == before, "the text changed in a read-only view");
    assert!(!app.modified);
    assert_eq!(app.editor.cursor().0, 1, "the cursor still moves");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("read-only"), "{s}");
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), before);
}

#[test]
fn save_as_writes_a_new_file_and_goes_on_with_it() {
    let dir = common::temp_dir("wb-saveas");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let mut app = open(&p, Lang::En);
    app.take_lock();
    app.on_key(key(KeyCode::Char('新')));
    app.on_key(key(KeyCode::F(12)));
    assert_eq!(app.overlay, Overlay::SaveAs(p.display().to_string()));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Save as:"), "{s}");
    // An existing file is never overwritten this way.
    std::fs::write(dir.join("other.md"), "theirs").unwrap();
    for _ in 0.."draft.md".len() {
        app.on_key(key(KeyCode::Backspace));
    }
    for c in "other.md".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    assert!(app.modified);
    assert!(screen(&mut app, 100, 30).contains("exists: not saved"));
    assert_eq!(
        std::fs::read_to_string(dir.join("other.md")).unwrap(),
        "theirs"
    );
    app.on_key(key(KeyCode::F(12)));
    for _ in 0.."draft.md".len() {
        app.on_key(key(KeyCode::Backspace));
    }
    for c in "copy.md".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    let copy = dir.join("copy.md");
    assert_eq!(app.path, copy);
    assert!(!app.modified);
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
    app.on_key(key(KeyCode::F(12)));
    for c in "/x".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.path, copy);
}

#[test]
fn a_failed_save_keeps_the_text_and_points_at_save_as() {
    let dir = common::temp_dir("wb-failsave");
    let sub = dir.join("gone");
    std::fs::create_dir_all(&sub).unwrap();
    let p = sub.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mut app = open(&p, Lang::En);
    app.on_key(key(KeyCode::Char('新')));
    // The folder disappears under the editor (a moved share, say).
    std::fs::remove_dir_all(&sub).unwrap();
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    if app.overlay == Overlay::ConfirmOverwrite {
        app.on_key(key(KeyCode::Char('y')));
    }
    assert!(app.modified, "not saved");
    assert!(app.text().starts_with("新# 青禾镇"), "the text is kept");
    let (m, error) = app.message.clone().expect("a message");
    assert!(error && m.contains("(F12: save as)"), "{m}");
}

#[test]
fn the_way_out_keeps_the_text_even_after_a_panic_poisoned_the_lock() {
    use reportbench::app::state::Snapshot;
    use reportbench::io::recovery;
    let dir = common::temp_dir("wb-wayout");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let rec = dir.join("recovery");
    let mut app = open(&p, Lang::En);
    app.take_lock();
    app.enable_recovery(rec.clone());
    let shared = app.snapshot.clone();
    app.on_key(key(KeyCode::Char('终')));
    // A panic while the snapshot is held (the worst case for the hook).
    let poison = shared.clone();
    let _ = std::thread::spawn(move || {
        let _g = poison.lock().unwrap();
        panic!("poisoning the snapshot on purpose");
    })
    .join();
    assert!(shared.is_poisoned());
    let written = Snapshot::on_the_way_out(&shared).expect("written");
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
    let mut app = open(&p, Lang::En);
    assert!(screen(&mut app, 100, 30).contains("✗ Other matters"));
    app.load_review();
    assert!(screen(&mut app, 100, 30).contains("– [n/a] Other matters"));
    app.on_key(key(KeyCode::Char('甲')));
    let other = app.report.items.iter().find(|i| i.id == "other").unwrap();
    assert_eq!(other.status, Status::Na, "re-checks keep the sign-off");
}

#[test]
fn a_change_hidden_by_equal_size_and_time_is_still_noticed() {
    use std::time::{Duration, Instant};
    let dir = common::temp_dir("wb-racy");
    let p = dir.join("draft.md");
    std::fs::copy(common::root().join("drafts/qinghe-2024.md"), &p).unwrap();
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    let mut app = open(&p, Lang::En);
    let theirs = std::fs::read_to_string(&p)
        .unwrap()
        .replacen("# 青禾镇", "# 别人的", 1);
    std::fs::write(&p, &theirs).unwrap();
    let f = std::fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    assert!(app.tick(Instant::now() + Duration::from_secs(3)));
    assert!(app.text().starts_with("# 别人的"), "reloaded");
}

/// The editor's rows on screen (inside its border), as drawn.
fn editor_rows(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    let r = app.areas.editor;
    let buf = t.backend().buffer();
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
        let mut app = open(&common::root().join("drafts/qinghe-2023.txt"), Lang::Zh);
        // Look at every row of the draft, a screen at a time.
        let mut seen = 0;
        for _ in 0..40 {
            for row in editor_rows(&mut app, w, h) {
                let row = row.trim_start_matches(' ');
                if let Some(c) = row.chars().next() {
                    assert!(
                        !"，。、；：？！）》」』】”’％".contains(c),
                        "{w}x{h}: a row starts with {c}: {row}"
                    );
                    seen += 1;
                }
            }
            app.on_key(key(KeyCode::PageDown));
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
    let mut app = open(&p, Lang::Zh);
    let _ = screen(&mut app, 100, 30);
    let x0 = app.areas.editor.x + 1;
    // Down to the second visual row of line 1, a few characters in.
    app.on_key(key(KeyCode::Down));
    for _ in 0..3 {
        app.on_key(key(KeyCode::Right));
    }
    let _ = screen(&mut app, 100, 30);
    let (row, col) = app.editor.cursor();
    assert_eq!(row, 0, "still the first line: the row was a wrapped one");
    let at = app.editor.rendered_cursor_position().unwrap();
    assert_eq!(at.x, x0 + 6);
    // Home: the start of this visual row, not of the line.
    app.on_key(key(KeyCode::Home));
    let _ = screen(&mut app, 100, 30);
    let (r, c) = app.editor.cursor();
    assert_eq!((r, c), (0, col - 3));
    assert!(c > 0);
    assert_eq!(app.editor.rendered_cursor_position().unwrap().x, x0);
    assert_eq!(app.editor.rendered_cursor_position().unwrap().y, at.y);
    // End: the end of this visual row (before its last character).
    app.on_key(key(KeyCode::End));
    let _ = screen(&mut app, 100, 30);
    let end = app.editor.rendered_cursor_position().unwrap();
    assert_eq!(end.y, at.y);
    assert!(end.x > x0 + 40, "{end:?}");
    assert_eq!(app.editor.cursor().0, 0);
    // Up and Down keep the column across the short line.
    app.on_key(key(KeyCode::Home));
    for _ in 0..5 {
        app.on_key(key(KeyCode::Right));
    }
    let _ = screen(&mut app, 100, 30);
    let goal = app.editor.rendered_cursor_position().unwrap().x;
    let mut row_of_short = None;
    for _ in 0..10 {
        app.on_key(key(KeyCode::Down));
        if app.editor.cursor().0 == 1 {
            row_of_short = Some(app.editor.cursor());
            break;
        }
    }
    assert_eq!(
        row_of_short,
        Some((1, 2)),
        "clamped to the short line's end"
    );
    app.on_key(key(KeyCode::Down));
    let _ = screen(&mut app, 100, 30);
    assert_eq!(app.editor.cursor().0, 2);
    assert_eq!(app.editor.rendered_cursor_position().unwrap().x, goal);
    // Any other move forgets the goal.
    app.on_key(key(KeyCode::Left));
    app.on_key(key(KeyCode::Up));
    let _ = screen(&mut app, 100, 30);
    assert_eq!(app.editor.cursor(), (1, 2));
}

#[test]
fn control_characters_show_as_symbols_in_the_editor() {
    let dir = common::temp_dir("wb-controls");
    let p = dir.join("d.txt");
    let body = "全年调处矛盾纠纷120件，审核合同38份。".repeat(20);
    std::fs::write(&p, format!("某镇\u{1b}[31m红\u{7}字\u{202e}反\n{body}\n")).unwrap();
    let mut app = open(&p, Lang::Zh);
    let rows = editor_rows(&mut app, 100, 30);
    assert_eq!(rows[0], "某镇␛[31m红␇字�反", "{rows:?}");
    // The cursor's column counts the symbols: End is after all of them.
    app.on_key(key(KeyCode::End));
    let _ = screen(&mut app, 100, 30);
    let x0 = app.areas.editor.x + 1;
    // 某镇 (4) ␛[31m (5) 红 (2) ␇ (1) 字 (2) � (1) 反 (2) = 17 columns.
    assert_eq!(app.editor.rendered_cursor_position().unwrap().x, x0 + 17);
}

/// A terminal screen as terminals keep it: writing over one half of a wide
/// character clears its other half to the default colours.
struct Screen {
    w: u16,
    cells: Vec<(String, Option<ratatui::style::Color>)>,
    wide_start: Vec<bool>,
}

impl Screen {
    fn new(w: u16, h: u16) -> Screen {
        let n = (w as usize) * (h as usize);
        Screen {
            w,
            cells: vec![(" ".into(), None); n],
            wide_start: vec![false; n],
        }
    }

    fn clear_orphans(&mut self, i: usize) {
        let col = i % self.w as usize;
        if self.wide_start[i] && col + 1 < self.w as usize {
            self.cells[i + 1] = (" ".into(), None);
        }
        if col > 0 && self.wide_start[i - 1] {
            self.wide_start[i - 1] = false;
            self.cells[i - 1] = (" ".into(), None);
        }
        self.wide_start[i] = false;
    }

    fn apply(&mut self, updates: Vec<(u16, u16, &ratatui::buffer::Cell)>) {
        for (x, y, c) in updates {
            let i = (y as usize) * (self.w as usize) + x as usize;
            let wide = unicode_width::UnicodeWidthStr::width(c.symbol()) >= 2;
            self.clear_orphans(i);
            if wide && (x + 1) < self.w {
                self.clear_orphans(i + 1);
                self.cells[i + 1] = ("".into(), Some(c.bg));
            }
            self.cells[i] = (c.symbol().to_owned(), Some(c.bg));
            self.wide_start[i] = wide;
        }
    }
}

#[test]
fn scrolling_chinese_text_leaves_no_cell_in_the_terminals_default_colours() {
    let mut app = App::new(
        reportbench::io::load(&common::root().join("drafts/qinghe-2024.md")).unwrap(),
        CompiledSpec::default_spec(),
        Keymap::defaults(),
        Theme::builtin("light").unwrap(),
        Lang::Zh,
    );
    let (w, h) = (100, 30);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut screen = Screen::new(w, h);
    let mut prev = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    for step in 0..12 {
        let next = t.draw(|f| draw(f, &mut app)).unwrap().buffer.clone();
        screen.apply(prev.diff(&next));
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
        app.on_key(key(if step % 3 == 2 {
            KeyCode::PageUp
        } else {
            KeyCode::PageDown
        }));
    }
}

#[test]
fn an_escape_sequence_misread_after_esc_is_a_key_not_text() {
    use crossterm::event::Event;
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::En);
    let before = app.text();
    let typed = |s: &str| -> Vec<Event> {
        s.chars()
            .map(|c| Event::Key(key(KeyCode::Char(c))))
            .collect()
    };
    // Esc, then F1 in the same read: crossterm hands over 'O', 'P'.
    app.on_key(key(KeyCode::Esc));
    app.on_events_after_esc(typed("OP"));
    assert!(matches!(app.overlay, Overlay::Help(_)), "{:?}", app.overlay);
    app.on_key(key(KeyCode::Esc));
    // Esc, then a mouse click report: dropped, then real typing goes on.
    app.on_key(key(KeyCode::Esc));
    app.on_events_after_esc(typed("[<0;50;10M"));
    assert_eq!(app.text(), before, "nothing typed into the draft");
    // Esc, then F5 ("[15~"): the comment prompt.
    app.on_key(key(KeyCode::Esc));
    app.on_events_after_esc(typed("[15~"));
    assert!(
        matches!(app.overlay, Overlay::Input(..)),
        "{:?}",
        app.overlay
    );
    app.on_key(key(KeyCode::Esc));
    assert_eq!(app.text(), before);
    // Ordinary text after an Esc is typed as usual.
    app.on_key(key(KeyCode::Esc));
    app.on_events_after_esc(typed("甲乙"));
    assert!(app.text().starts_with("甲乙"), "{}", &app.text()[..20]);
}

#[test]
fn a_click_in_the_text_puts_the_cursor_there() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = open(&common::root().join("drafts/qinghe-2024.md"), Lang::Zh);
    let s = screen(&mut app, 100, 30);
    // Find 坚持 on the screen and click its second character.
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("坚持以习近平"))
        .unwrap();
    let before: String = line[..line.find("坚持以习近平").unwrap()].to_owned();
    let x = unicode_width::UnicodeWidthStr::width(before.as_str()) as u16 + 2;
    app.on_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y as u16,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.focus, Focus::Editor);
    let (row, col) = app.editor.cursor();
    let text: String = app.editor.lines()[row].chars().skip(col).take(5).collect();
    assert_eq!(text, "持以习近平", "cursor at {row}:{col}");
    let _ = screen(&mut app, 100, 30);
    assert_eq!(
        app.editor.rendered_cursor_position().unwrap(),
        ratatui::layout::Position::new(x, y as u16)
    );
}
