// PATCH(reportbench): the editor's rows written into the buffer directly.
//
// Upstream hands the visible rows to `Paragraph`, which collects each row's
// styled graphemes into a list, looks up every cell by its position and
// measures every grapheme twice: about half of the time of a frame of
// reportbench's workbench. The rows here are written as that paragraph
// writes them (left-aligned, not wrapped, not scrolled sideways): the same
// cells, symbols and styles, which a unit test holds on random text. A
// character that cannot join a neighbour into one grapheme (ASCII, CJK
// ideographs and punctuation, fullwidth forms) is taken and measured alone;
// anything else goes through the grapheme segmenter.

use crate::ratatui::buffer::{Buffer, CellWidth};
use crate::ratatui::layout::Rect;
use crate::ratatui::style::Style;
use crate::ratatui::text::Text;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Writes `text` into `area` of `buf` as `Paragraph::new(text).style(style)`
/// (left-aligned, no wrapping, no scroll) renders it. The caller makes sure
/// no line asks for another alignment.
pub fn render_rows(text: &Text<'_>, style: Style, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    let stride = usize::from(buf.area.width);
    let left = usize::from(area.left() - buf.area.left());
    let top = usize::from(area.top() - buf.area.top());
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    for y in 0..usize::from(area.height) {
        let start = (top + y) * stride + left;
        let row = &mut buf.content[start..start + width];
        for cell in row.iter_mut() {
            cell.set_style(style);
        }
        let Some(line) = text.lines.get(y) else {
            continue;
        };
        let line_style = text.style.patch(line.style);
        let mut x = 0;
        'line: for span in &line.spans {
            let span_style = line_style.patch(span.style);
            for (symbol, w) in graphemes(&span.content) {
                if symbol.contains(char::is_control) || w > width {
                    continue;
                }
                if x + w > width {
                    break 'line;
                }
                if w == 0 {
                    continue;
                }
                row[x].set_symbol(symbol).set_style(span_style);
                x += w;
            }
        }
    }
}

/// Whether a grapheme always ends after `c` when the next character also
/// stands alone (and a grapheme never joins `c` to the one before): none
/// of these is a control, an extending or spacing mark, a joiner, a
/// prepended mark, a regional indicator, a Hangul jamo or an emoji.
fn stands_alone(c: char) -> bool {
    matches!(
        c,
        ' '..='~' | '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{3029}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF01}'..='\u{FF60}'
    )
}

/// A grapheme's width in cells, as `CellWidth` gives it; 0 for one that
/// holds a control character (never drawn, and not to be measured).
fn width_unless_control(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// The extended grapheme clusters of `s` with their widths in cells, as
/// `s.graphemes(true)` and [`width_unless_control`] give them.
pub(crate) fn graphemes(s: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut chars = rest.chars();
        let c = chars.next()?;
        let (g, w) = if stands_alone(c) && chars.next().is_none_or(stands_alone) {
            let w = if c.is_ascii() {
                1
            } else {
                c.width().unwrap_or(0)
            };
            (&rest[..c.len_utf8()], w)
        } else {
            // At a grapheme boundary: the segmenter's first cluster from
            // here is the one it finds from the start of the text.
            let g = rest.graphemes(true).next()?;
            (g, width_unless_control(g))
        };
        rest = &rest[g.len()..];
        Some((g, w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratatui::style::{Color, Modifier};
    use crate::ratatui::text::{Line, Span};
    use crate::ratatui::widgets::{Paragraph, Widget};

    /// xorshift64*.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
        }
    }

    /// Characters that stand alone, and every kind that joins or breaks
    /// in its own way.
    const POOL: &[char] = &[
        'a',
        'Z',
        ' ',
        '~',
        '1',
        '法',
        '治',
        '。',
        '，',
        '、',
        '\u{3000}',
        '“',
        '”',
        '—',
        '…',
        '（',
        '）',
        '％',
        '\u{301}',
        '\u{302A}',
        '\u{200D}',
        '\u{200B}',
        '👍',
        '\u{1F3FD}',
        '\u{1F1E8}',
        '\u{1F1F3}',
        '\u{1100}',
        '\u{1161}',
        '\u{11A8}',
        '가',
        '\r',
        '\n',
        '\t',
        '\u{1b}',
        '\u{85}',
        '\u{FF9E}',
        'ｶ',
        '\u{FE0F}',
        '\u{0903}',
        '\u{0915}',
        '\u{094D}',
        '\u{0600}',
        'é',
        '\u{2028}',
        '\u{202E}',
        '©',
    ];

    fn random_text(rng: &mut Rng, len: usize) -> String {
        (0..len)
            .map(|_| {
                // Mostly characters that stand alone, as in a report.
                if rng.below(3) == 0 {
                    POOL[rng.below(POOL.len())]
                } else {
                    POOL[rng.below(16)]
                }
            })
            .collect()
    }

    #[test]
    fn graphemes_are_the_segmenters_with_ratatuis_widths() {
        let mut rng = Rng(0x0a11_6e5f);
        let mut slow = 0;
        for _ in 0..4000 {
            let len = rng.below(24);
            let s = random_text(&mut rng, len);
            let want: Vec<(&str, usize)> = s
                .graphemes(true)
                .map(|g| (g, width_unless_control(g)))
                .collect();
            let got: Vec<(&str, usize)> = graphemes(&s).collect();
            assert_eq!(got, want, "{s:?}");
            slow += got.iter().filter(|(g, _)| g.chars().count() > 1).count();
        }
        assert!(slow > 1000, "clusters of several characters: {slow}");
    }

    fn random_style(rng: &mut Rng) -> Style {
        let colours = [
            Color::Red,
            Color::Rgb(1, 2, 3),
            Color::Reset,
            Color::Indexed(7),
        ];
        let mut s = Style::new();
        if rng.below(2) == 0 {
            s = s.fg(colours[rng.below(4)]);
        }
        if rng.below(3) == 0 {
            s = s.bg(colours[rng.below(4)]);
        }
        match rng.below(4) {
            0 => s.add_modifier(Modifier::BOLD),
            1 => s.remove_modifier(Modifier::REVERSED),
            _ => s,
        }
    }

    #[test]
    fn rows_are_written_as_the_paragraph_writes_them() {
        let mut rng = Rng(0x5eed_2026);
        for round in 0..1500 {
            let lines: Vec<Line> = (0..rng.below(8))
                .map(|_| {
                    let spans: Vec<Span> = (0..rng.below(4))
                        .map(|_| {
                            let len = rng.below(14);
                            Span::styled(random_text(&mut rng, len), random_style(&mut rng))
                        })
                        .collect();
                    Line::from(spans).style(random_style(&mut rng))
                })
                .collect();
            let text = Text::from(lines).style(random_style(&mut rng));
            let style = random_style(&mut rng);
            let whole = Rect::new(rng.below(3) as u16, rng.below(3) as u16, 16, 8);
            // Sometimes partly outside the buffer, sometimes empty.
            let area = Rect::new(
                whole.x + rng.below(6) as u16,
                whole.y + rng.below(4) as u16,
                rng.below(14) as u16,
                rng.below(8) as u16,
            );
            let mut want = Buffer::empty(whole);
            let mut got = Buffer::empty(whole);
            for (a, b) in want.content.iter_mut().zip(got.content.iter_mut()) {
                let s = random_style(&mut rng);
                a.set_style(s);
                b.set_style(s);
            }
            Paragraph::new(text.clone())
                .style(style)
                .render(area, &mut want);
            render_rows(&text, style, area, &mut got);
            assert_eq!(got, want, "round {round}: {text:?} in {area:?}");
        }
    }
}
