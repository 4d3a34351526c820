//! Editing in the workbench as a writer does it: find and replace, the
//! text's start and end, select all and the system clipboard, jumps that
//! land in the middle, the zoom key, word motions in prompts, messages
//! that go with the next key, and popups drawn whole over Chinese text.

mod common;

use common::bench::{Bench, open};
use common::screen::Screen;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reportbench::app::layout::{self, Zoom};
use reportbench::app::msg::{Effect, Msg};
use reportbench::app::state::Overlay;
use reportbench::core::lang::Lang;

fn with(code: KeyCode, m: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, m)
}

/// A copy of a sample draft in a folder of its own (`test`: the calling
/// test, so that tests running at once do not share it).
fn draft(test: &str, name: &str) -> (common::TempDir, std::path::PathBuf) {
    let dir = common::temp_dir(&format!("ed-{test}"));
    let p = dir.join(name);
    std::fs::copy(common::root().join("drafts").join(name), &p).unwrap();
    (dir, p)
}

fn message(b: &Bench) -> String {
    b.s().message().map(|m| m.0.clone()).unwrap_or_default()
}

/// The byte offset of the editor's cursor in the text.
fn cursor_byte(b: &Bench) -> usize {
    let (row, col) = b.s().editor().cursor();
    let lines = b.s().editor().lines();
    let before: usize = lines[..row].iter().map(|l| l.len() + 1).sum();
    before
        + lines[row]
            .char_indices()
            .nth(col)
            .map_or(lines[row].len(), |(i, _)| i)
}

#[test]
fn search_counts_matches_as_typed_and_says_which_one_the_cursor_is_on() {
    let (_d, p) = draft("search_counts_matches_as_typed_and_says_", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    let text = b.s().text();
    let starts: Vec<usize> = text.match_indices("法治").map(|(i, _)| i).collect();
    let n = starts.len();
    assert!(n > 10);
    b.ctrl('f');
    b.type_str("法治");
    let screen = b.screen(120, 40);
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains(&format!("{n} matches")),
        "the prompt counts as you type: {status}"
    );
    b.press(KeyCode::Enter);
    assert_eq!(cursor_byte(&b), starts[0]);
    assert_eq!(message(&b), format!("\"法治\" 1 of {n}"));
    b.ctrl('g');
    assert_eq!(cursor_byte(&b), starts[1]);
    assert_eq!(message(&b), format!("\"法治\" 2 of {n}"));
    // Alt-G: back; once more: round to the last one, said.
    b.alt(KeyCode::Char('g'));
    assert_eq!(cursor_byte(&b), starts[0]);
    b.alt(KeyCode::Char('g'));
    assert_eq!(cursor_byte(&b), starts[n - 1]);
    assert_eq!(message(&b), format!("\"法治\" {n} of {n} (wrapped around)"));
    // An empty prompt searches for the same words again.
    b.ctrl('f');
    b.press(KeyCode::Enter);
    assert_eq!(cursor_byte(&b), starts[n - 1]);
}

#[test]
fn a_regular_expression_is_one_key_away_and_a_bad_one_is_explained() {
    let (_d, p) = draft("a_regular_expression_is_one_key_away_and", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    let text = b.s().text();
    let re = regex::Regex::new(r"\d+件").unwrap();
    let first = re.find(&text).unwrap().start();
    let n = re.find_iter(&text).count();
    b.ctrl('f');
    b.type_str(r"\d+件");
    // As typed, the backslash is a character: nothing found.
    let screen = b.screen(120, 40);
    assert!(
        screen.contains("0 matches"),
        "{}",
        screen.lines().last().unwrap()
    );
    b.alt(KeyCode::Char('r'));
    let screen = b.screen(120, 40);
    let status = screen.lines().last().unwrap();
    assert!(
        status.starts_with(" Search (regex): ") || status.starts_with("Search (regex): "),
        "{status}"
    );
    assert!(status.contains(&format!("{n} matches")), "{status}");
    b.press(KeyCode::Enter);
    assert_eq!(cursor_byte(&b), first);
    // A pattern that does not compile: the reason, in one line.
    b.ctrl('f');
    b.type_str("(法治");
    let screen = b.screen(120, 40);
    assert!(
        screen.contains("not a valid regular expression"),
        "{}",
        screen.lines().last().unwrap()
    );
    b.press(KeyCode::Enter);
    assert!(b.s().message().is_some_and(|m| m.1), "an error is shown");
    assert!(!message(&b).contains('\n'));
}

#[test]
fn replacing_one_by_one_and_the_rest_at_once_undoes_in_one_step() {
    let (_d, p) = draft("replacing_one_by_one_and_the_rest_at_onc", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    let original = b.s().text();
    let n = original.matches("法治").count();
    b.ctrl('r');
    b.type_str("法治");
    b.press(KeyCode::Enter);
    assert!(matches!(b.s().overlay(), Overlay::ReplaceWith(_)));
    // The replacement holds the words searched for: the run still ends.
    b.type_str("法治工作");
    b.press(KeyCode::Enter);
    assert_eq!(b.s().overlay(), &Overlay::ReplaceAsk);
    // The match asked about is selected.
    let sel = b
        .s()
        .editor()
        .selection_range()
        .expect("the match is selected");
    assert_eq!(sel.1.1 - sel.0.1, 2);
    let screen = b.screen(120, 40);
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .contains("y replace this one"),
        "{}",
        screen.lines().last().unwrap()
    );
    // Skip the first, replace the second, then all the rest.
    b.press(KeyCode::Char('n'));
    b.press(KeyCode::Char('y'));
    let after_one = b.s().text();
    assert_eq!(after_one.matches("法治工作").count(), 1);
    b.press(KeyCode::Char('a'));
    assert_eq!(b.s().overlay(), &Overlay::None);
    let done = b.s().text();
    // Every match replaced but the first, skipped.
    let parts: Vec<&str> = original.split("法治").collect();
    let expected = format!("{}法治{}", parts[0], parts[1..].join("法治工作"));
    assert_eq!(done, expected);
    assert!(
        message(&b).contains(&format!("{} replaced, 1 skipped", n - 1)),
        "{}",
        message(&b)
    );
    // One Ctrl-Z takes back all the rest; the next the single one.
    b.ctrl('z');
    assert_eq!(b.s().text(), after_one);
    b.ctrl('z');
    assert_eq!(b.s().text(), original);
}

#[test]
fn a_regular_expression_replacement_fills_in_groups_and_goes_round_the_end() {
    let (_d, p) = draft("a_regular_expression_replacement_fills_i", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    let original = b.s().text();
    // Start in the middle: the run goes to the end, then round to where
    // it began.
    b.ctrl('l');
    b.type_str("40");
    b.press(KeyCode::Enter);
    b.ctrl('r');
    b.alt(KeyCode::Char('r'));
    b.type_str(r"(\d+)名");
    b.press(KeyCode::Enter);
    b.type_str("$1 名");
    b.press(KeyCode::Enter);
    b.press(KeyCode::Char('a'));
    let re = regex::Regex::new(r"(\d+)名").unwrap();
    assert_eq!(b.s().text(), re.replace_all(&original, "$1 名"));
}

#[test]
fn ctrl_home_end_and_select_all_copy_to_the_system_clipboard() {
    let (_d, p) = draft("ctrl_home_end_and_select_all_copy_to_the", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    let last = b.s().editor().lines().len() - 1;
    b.key(with(KeyCode::End, KeyModifiers::CONTROL));
    assert_eq!(b.s().editor().cursor().0, last);
    b.key(with(KeyCode::Home, KeyModifiers::CONTROL));
    assert_eq!(b.s().editor().cursor(), (0, 0));
    // Shift: select to the end.
    b.key(with(
        KeyCode::End,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ));
    assert!(b.s().editor().selection_range().is_some());
    b.key(with(KeyCode::Home, KeyModifiers::CONTROL));
    assert!(b.s().editor().selection_range().is_none());
    // Ctrl-A, Ctrl-C: the whole text to the terminal's clipboard.
    b.ctrl('a');
    let fx = b.decide(Msg::Key(with(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    let copied = fx.iter().find_map(|e| match e {
        Effect::Clipboard(t) => Some(t.clone()),
        _ => None,
    });
    assert_eq!(copied.as_deref(), Some(b.s().text().as_str()));
    assert!(message(&b).contains("system clipboard"), "{}", message(&b));
}

#[test]
fn a_jump_off_screen_lands_in_the_middle_of_the_editor() {
    let (_d, p) = draft("a_jump_off_screen_lands_in_the_middle_of", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    let (w, h) = (100, 30);
    b.frame(w, h);
    b.ctrl('l');
    b.type_str("71");
    b.press(KeyCode::Enter);
    b.frame(w, h);
    let editor = layout::panes(b.s().size(), b.s().zoom()).unwrap().editor;
    let y = b.terminal().get_cursor_position().unwrap().y;
    let mid = editor.y + editor.height / 2;
    assert!(
        y.abs_diff(mid) <= 2,
        "cursor row {y}, the editor's middle {mid}\n{}",
        b.screen(w, h)
    );
}

#[test]
fn the_zoom_key_gives_the_focused_pane_the_room() {
    let (_d, p) = draft("the_zoom_key_gives_the_focused_pane_the_", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::Zh).size(80, 24).start();
    let even = layout::panes(b.s().size(), Zoom::Even).unwrap();
    b.press(KeyCode::F(10));
    assert_eq!(b.s().zoom(), Zoom::Editor);
    let screen = b.screen(80, 24);
    let ed = layout::panes(b.s().size(), b.s().zoom()).unwrap().editor;
    assert!(ed.height > even.editor.height + 5, "{screen}");
    // The checklist's title still counts the problems.
    assert!(screen.lines().next().unwrap().contains("问题"), "{screen}");
    b.alt(KeyCode::Char('0'));
    assert_eq!(b.s().zoom(), Zoom::Even);
    b.press(KeyCode::F(2));
    b.press(KeyCode::F(10));
    assert_eq!(b.s().zoom(), Zoom::Checklist);
    let rows = layout::checklist_rows(b.s().size(), b.s().zoom()).height;
    assert!(rows >= 12, "{rows}");
    let screen = b.screen(80, 24);
    assert!(
        screen.contains("✓ 行政复议"),
        "metrics shown too:\n{screen}"
    );
}

#[test]
fn prompts_move_and_delete_by_words() {
    let (_d, p) = draft("prompts_move_and_delete_by_words", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    b.press(KeyCode::F(5));
    b.type_str("数字有误，请核对 total count");
    b.key(with(KeyCode::Left, KeyModifiers::CONTROL));
    assert_eq!(b.s().prompt_cursor_back(), "count".len());
    b.alt(KeyCode::Char('b'));
    assert_eq!(b.s().prompt_cursor_back(), "total count".len());
    b.key(with(KeyCode::Right, KeyModifiers::CONTROL));
    assert_eq!(b.s().prompt_cursor_back(), "count".len());
    b.key(with(KeyCode::End, KeyModifiers::NONE));
    b.ctrl('w');
    b.alt(KeyCode::Backspace);
    let typed = match b.s().overlay() {
        Overlay::Input(_, t) => t.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(typed.trim_end(), "数字有误，请核对");
    // Alt and a letter is a command, never typed.
    b.alt(KeyCode::Char('x'));
    match b.s().overlay() {
        Overlay::Input(_, t) => assert!(!t.contains('x')),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_message_goes_with_the_next_key() {
    let (_d, p) = draft("a_message_goes_with_the_next_key", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::En).start();
    b.ctrl('f');
    b.type_str("没有这几个字");
    b.press(KeyCode::Enter);
    assert!(message(&b).contains("not found"));
    let screen = b.screen(100, 30);
    assert!(screen.contains("not found"));
    b.press(KeyCode::Right);
    assert_eq!(b.s().message(), None);
    let screen = b.screen(100, 30);
    assert!(!screen.contains("not found"), "{screen}");
    // The prompt's own text is gone from the status bar once it closes.
    assert!(!screen.contains("Search:"), "{screen}");
}

/// One step of a session: keys pressed before the next frame.
type Step = Box<dyn Fn(&mut Bench)>;

#[test]
fn popups_over_chinese_text_are_drawn_whole_on_a_real_terminal() {
    // What a terminal shows after each frame's diff equals the frame: no
    // border cut by a wide character, nothing stale after a popup closes.
    let (_d, p) = draft("popups_over_chinese_text_are_drawn_whole", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::Zh).start();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut screen = Screen::new(w, h);
        let mut prev = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        let steps: Vec<Step> = vec![
            Box::new(|_| {}),
            Box::new(|b| b.type_str("新加的一句话。")),
            Box::new(|b| b.press(KeyCode::F(1))),
            Box::new(|b| b.press(KeyCode::PageDown)),
            Box::new(|b| b.press(KeyCode::Char('x'))),
            Box::new(|b| b.ctrl('q')),
            Box::new(|b| b.press(KeyCode::Char('n'))),
            Box::new(|b| {
                b.ctrl('f');
                b.type_str("法治");
            }),
            Box::new(|b| b.press(KeyCode::Enter)),
            Box::new(|b| b.press(KeyCode::F(10))),
            Box::new(|b| b.press(KeyCode::F(10))),
            Box::new(|b| b.press(KeyCode::F(6))),
            Box::new(|b| b.press(KeyCode::Esc)),
        ];
        for (i, step) in steps.iter().enumerate() {
            step(&mut b);
            let next = b.frame(w, h);
            screen.apply(prev.diff(&next));
            for y in 0..h {
                // The frame's row as a terminal shows it: a wide
                // character once, the cell it covers not repeated.
                let mut drawn = String::new();
                let mut x = 0;
                while x < w {
                    let sym = next[(x, y)].symbol();
                    drawn.push_str(sym);
                    x += (unicode_width::UnicodeWidthStr::width(sym) as u16).max(1);
                }
                let drawn = drawn.trim_end().to_owned();
                assert_eq!(screen.row(y), drawn, "{w}x{h} step {i} row {y}");
            }
            prev = next;
        }
    }
}

#[test]
fn focus_shows_without_colour() {
    // Monochrome: the focused pane's border is the heavy one, its title in
    // reverse video; the other pane's plain.
    let (_d, p) = draft("focus_shows_without_colour", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::Zh).theme("monochrome").start();
    let (w, h) = (120, 40);
    let buf = b.frame(w, h);
    let panes = layout::panes(b.s().size(), b.s().zoom()).unwrap();
    let corner = |buf: &ratatui::buffer::Buffer, r: ratatui::layout::Rect| {
        buf[(r.x, r.y)].symbol().to_owned()
    };
    assert_eq!(corner(&buf, panes.editor), "┏");
    assert_eq!(corner(&buf, panes.list), "┌");
    let title = buf[(panes.editor.x + 2, panes.editor.y)].modifier;
    assert!(title.contains(ratatui::style::Modifier::REVERSED));
    // The editor's cursor block (the text's first cell) while it has the
    // focus, and none once the checklist has it.
    let first = (panes.editor.x + 1, panes.editor.y + 1);
    assert!(
        buf[first]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    b.press(KeyCode::F(2));
    let buf = b.frame(w, h);
    assert_eq!(corner(&buf, panes.editor), "┌");
    assert_eq!(corner(&buf, panes.list), "┏");
    assert!(
        !buf[first]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "the unfocused editor shows no cursor"
    );
}

#[test]
fn undo_takes_back_typing_a_word_at_a_time_and_a_paste_at_once() {
    // The issue counted 39 Ctrl-Z for a heading and a sentence typed key
    // by key: typing is grouped by runs of one kind of character (a
    // Chinese run, digits, punctuation) and a paste is one step.
    let (_d, p) = draft("undo_groups", "qinghe-2024.md");
    let mut b = open(&p).lang(Lang::Zh).start();
    let before = b.s().text();
    b.ctrl('e');
    b.press(KeyCode::Enter);
    for c in "五、其他需要报告的情况".chars() {
        b.press(KeyCode::Char(c));
    }
    b.press(KeyCode::Enter);
    for c in "全年办理案件38件。".chars() {
        b.press(KeyCode::Char(c));
    }
    b.paste("另有说明一段。");
    assert!(b.s().text().contains("全年办理案件38件。另有说明一段。"));
    // The paste goes in one step.
    b.ctrl('z');
    assert!(b.s().text().contains("全年办理案件38件。"));
    assert!(!b.s().text().contains("另有说明一段"));
    let mut undos = 1;
    while b.s().text() != before && undos < 40 {
        b.ctrl('z');
        undos += 1;
    }
    assert_eq!(b.s().text(), before);
    // 31 keys and a paste: ten steps (the paste; 。 件 38 全年办理案件;
    // the new line; 情况… 、 五; the new line), not one per key (24
    // before). A run also ends at a half-second pause: a machine that
    // stalls between two keys adds a step or two, hence the margin.
    assert!(undos <= 14, "{undos} undo steps");
}
