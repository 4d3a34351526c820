use super::*;
use crate::core::testing::Rng;
use ratatui::backend::TestBackend;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;
use std::num::NonZeroU16;

/// Symbols of every kind the comparison tells apart: ASCII, blanks, CJK
/// (wide, on the fast path), other wide characters, an emoji with U+FE0F,
/// a halfwidth sound mark (one column by ratatui's count, none by
/// unicode-width's), a combining sequence, two letters in one cell (two
/// pairs, two emoji: symbols of one length that differ), an empty symbol.
const SYMBOLS: [&str; 16] = [
    "a",
    " ",
    "~",
    "甲",
    "乙",
    "。",
    "Ａ",
    "😀",
    "❤\u{fe0f}",
    "\u{ff9e}",
    "e\u{301}",
    "ab",
    "cd",
    "😁",
    "",
    "\u{4dc0}",
];

fn random_cell(rng: &mut Rng, cell: &mut Cell) {
    cell.set_symbol(SYMBOLS[rng.below(SYMBOLS.len())]);
    let colours = [
        Color::Reset,
        Color::Red,
        Color::Indexed(7),
        Color::Rgb(1, 2, 3),
    ];
    cell.fg = colours[rng.below(colours.len())];
    cell.bg = colours[rng.below(colours.len())];
    cell.modifier = [
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
    ][rng.below(4)];
    cell.diff_option = match rng.below(12) {
        0 => CellDiffOption::Skip,
        1 => CellDiffOption::AlwaysUpdate,
        2 => CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(rng.below(3) as u16)),
        _ => CellDiffOption::None,
    };
    #[allow(deprecated)]
    {
        cell.skip = rng.below(16) == 0;
    }
}

#[test]
fn the_same_changes_as_ratatuis_diff_on_random_frames() {
    let mut rng = Rng(0x0d1f_f5ee);
    let (mut compared, mut written, mut slow) = (0, 0, 0);
    for round in 0..3000 {
        let area = Rect::new(
            rng.below(3) as u16,
            rng.below(3) as u16,
            rng.below(14) as u16,
            1 + rng.below(4) as u16,
        );
        let mut last = Buffer::empty(area);
        for cell in &mut last.content {
            random_cell(&mut rng, cell);
        }
        // The next frame: mostly the same cells, some changed, sometimes
        // fewer rows.
        let mut next_area = area;
        if rng.below(8) == 0 {
            next_area.height = 1 + rng.below(usize::from(area.height)) as u16;
        }
        let mut next = Buffer::empty(next_area);
        let share = rng.below(4);
        for (k, cell) in next.content.iter_mut().enumerate() {
            if rng.below(4) < share {
                cell.clone_from(&last.content[k]);
                // One part changed at a time: the style, whether to
                // skip it, how to compare it.
                match rng.below(12) {
                    0 => {
                        cell.set_style(Style::new().fg(Color::Green));
                    }
                    #[allow(deprecated)]
                    1 => cell.skip = !cell.skip,
                    2 => cell.diff_option = CellDiffOption::None,
                    _ => {}
                }
            } else {
                random_cell(&mut rng, cell);
            }
        }
        // Where ratatui's diff panics (a wide character's trailing
        // columns reaching past the buffer's end) there is nothing to
        // match; ours does not panic there.
        let theirs = std::panic::catch_unwind(|| {
            last.diff(&next)
                .into_iter()
                .map(|(x, y, c)| (x, y, c.clone()))
                .collect::<Vec<_>>()
        });
        let ours: Vec<(u16, u16, Cell)> = changes(&last, &next)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        if let Ok(theirs) = theirs {
            assert_eq!(ours, theirs, "round {round}: {last:?} → {next:?}");
            compared += 1;
            written += ours.len();
            slow += next
                .content
                .iter()
                .filter(|c| c.symbol().contains('\u{fe0f}') || c.symbol() == "\u{ff9e}")
                .count();
        }
    }
    assert!(
        compared > 2500 && written > 5000 && slow > 1000,
        "{compared} {written} {slow}"
    );
}

#[test]
fn an_unchanged_frame_sends_nothing_and_a_changed_cell_only_itself() {
    let area = Rect::new(0, 0, 6, 2);
    let mut last = Buffer::empty(area);
    last.set_string(0, 0, "甲乙ab", Style::new());
    let same = last.clone();
    assert!(changes(&last, &same).is_empty());
    let mut next = last.clone();
    next.set_string(4, 0, "c", Style::new());
    let sent: Vec<_> = changes(&last, &next)
        .into_iter()
        .map(|(x, y, c)| (x, y, c.symbol().to_owned()))
        .collect();
    assert_eq!(sent, vec![(4, 0, "c".to_owned())]);
}

/// A terminal drawn through [`Screen`] ends each frame as one drawn
/// through ratatui's own `draw`: the same cells, the same cursor.
#[test]
fn a_screen_shows_what_ratatuis_draw_shows_through_resizes_and_cursors() {
    let mut ours = Terminal::new(TestBackend::new(20, 4)).expect("a test terminal");
    let mut theirs = Terminal::new(TestBackend::new(20, 4)).expect("a test terminal");
    let mut screen = Screen::new();
    // (text, cursor, terminal size)
    type Step = (&'static str, Option<(u16, u16)>, (u16, u16));
    let frames: [Step; 6] = [
        ("法治政府 report", Some((3, 1)), (20, 4)),
        ("法治政府 report", Some((3, 1)), (20, 4)),
        ("法治 政府 draft", None, (20, 4)),
        ("年度报告\n第二行", Some((0, 0)), (12, 3)),
        ("", Some((11, 2)), (12, 3)),
        ("宽字符后a", None, (30, 5)),
    ];
    for (text, cursor, (w, h)) in frames {
        ours.backend_mut().resize(w, h);
        theirs.backend_mut().resize(w, h);
        let paint = |f: &mut Frame| {
            f.render_widget(Paragraph::new(text), f.area());
            cursor.map(Position::from)
        };
        screen.draw(&mut ours, paint).expect("drawn");
        theirs
            .draw(|f| {
                if let Some(at) = paint(f) {
                    f.set_cursor_position(at);
                }
            })
            .expect("drawn");
        assert_eq!(
            ours.backend().buffer(),
            theirs.backend().buffer(),
            "{text:?}"
        );
        assert_eq!(
            ours.backend_mut().get_cursor_position().ok(),
            theirs.backend_mut().get_cursor_position().ok(),
            "{text:?}"
        );
    }
}

#[test]
fn a_symbols_width_is_ratatuis_for_every_character_of_three_bytes_and_one() {
    let mut buf = [0u8; 4];
    for c in (0..=0xFFFF).filter_map(char::from_u32) {
        let s: &str = c.encode_utf8(&mut buf);
        if s.len() == 3 || (s.len() == 1 && !c.is_ascii_control()) {
            assert_eq!(
                symbol_width(s),
                usize::from(s.cell_width()),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
