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

/// A terminal's screen as the tests model it: each column holds the start
/// of a character (its symbol, colours, columns) or the rest of a wide
/// one. Writing over any column of a wide character blanks the columns of
/// it not written over, in the default colours — what xterm and tmux do.
struct Model {
    width: usize,
    rows: Vec<Vec<Option<Shown>>>,
}

/// A character as the terminal shows it: symbol, foreground, background,
/// columns.
type Shown = (String, Color, Color, usize);

impl Model {
    fn blank(width: usize, height: usize) -> Model {
        let blank = Some((" ".to_owned(), Color::Reset, Color::Reset, 1));
        Model {
            width,
            rows: vec![vec![blank; width]; height],
        }
    }

    fn write(&mut self, x: usize, y: usize, cell: &Cell) {
        let w = columns(cell).min(self.width - x);
        let row = &mut self.rows[y];
        for c in x..x + w {
            // The character over column c, where it starts.
            let j = (0..=c).rev().find(|&j| row[j].is_some()).unwrap_or(c);
            let jw = row[j].as_ref().map_or(1, |s| s.3);
            if j < x || j + jw > x + w {
                let end = (j + jw).min(self.width);
                for (k, shown) in row.iter_mut().enumerate().take(end).skip(j) {
                    if !(x..x + w).contains(&k) {
                        *shown = Some((" ".to_owned(), Color::Reset, Color::Reset, 1));
                    }
                }
            }
        }
        row[x] = Some((cell.symbol().to_owned(), cell.fg, cell.bg, w));
        row[x + 1..x + w].fill(None);
    }

    /// Whether it shows `buf`: every character where the buffer has one,
    /// in its colours.
    fn shows(&self, buf: &Buffer) -> Result<(), String> {
        for (y, row) in self.rows.iter().enumerate() {
            let mut x = 0;
            while x < self.width {
                let cell = &buf.content[y * self.width + x];
                let want = (cell.symbol(), cell.fg, cell.bg);
                match &row[x] {
                    Some((s, fg, bg, _)) if (s.as_str(), *fg, *bg) == want => {}
                    other => return Err(format!("({x}, {y}): {other:?}, not {want:?}")),
                }
                x += columns(cell);
            }
        }
        Ok(())
    }
}

/// Random frames of text shifted by a column or two, wide and narrow
/// characters in several backgrounds, sent to the model one after
/// another: it always shows the frame. (Sent as ratatui's diff alone, it
/// does not: the check of that is the count of such frames.)
#[test]
fn a_terminal_that_blanks_broken_wide_characters_shows_every_frame() {
    let mut rng = Rng(0x00c0_1dba);
    let pieces = ["甲乙", "丙", "。", "a", "12", " ", "丁戊己"];
    let backgrounds = [Color::Reset, Color::Rgb(250, 250, 240), Color::Indexed(4)];
    let (width, height) = (14usize, 3usize);
    let (mut broken_by_diff_alone, mut extra_sent) = (0, 0);
    for round in 0..600 {
        let area = Rect::new(0, 0, width as u16, height as u16);
        let mut model = Model::blank(width, height);
        let mut plain = Model::blank(width, height);
        let mut last = Buffer::empty(area);
        for frame in 0..6 {
            // As the editor's rows are written (`render_rows`): the row
            // in the pane's style first, then each character over it; the
            // column after a wide one keeps the row's style.
            let mut next = Buffer::empty(area);
            let base = Style::new().bg(backgrounds[1]);
            next.set_style(area, base);
            for y in 0..height {
                let mut x = rng.below(3);
                while x < width {
                    let piece = pieces[rng.below(pieces.len())];
                    let bg = backgrounds[rng.below(backgrounds.len())];
                    for ch in piece.chars() {
                        let w = if ch.is_ascii() { 1 } else { 2 };
                        if x + w > width {
                            break;
                        }
                        next.content[y * width + x]
                            .set_char(ch)
                            .set_style(Style::new().bg(bg));
                        x += w;
                    }
                    x += usize::from(piece == " ");
                }
            }
            let sent = updates(&last, &next);
            extra_sent += sent.len() - changes(&last, &next).len();
            for &(x, y, cell) in &sent {
                model.write(usize::from(x), usize::from(y), cell);
            }
            if let Err(e) = model.shows(&next) {
                panic!("round {round}, frame {frame}: {e}\n{last:?}\n{next:?}");
            }
            for (x, y, cell) in changes(&last, &next) {
                plain.write(usize::from(x), usize::from(y), cell);
            }
            if plain.shows(&next).is_err() {
                broken_by_diff_alone += 1;
                plain = Model::blank(width, height);
                plain.rows.clone_from(&model.rows);
            }
            last = next;
        }
    }
    assert!(
        broken_by_diff_alone > 100 && extra_sent > 100,
        "{broken_by_diff_alone} {extra_sent}"
    );
}
