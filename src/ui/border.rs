//! A pane's border and title drawn straight into the buffer: the cells
//! ratatui's `Block` draws for borders on every side, a border type and
//! style, and one title at the top left — without `Block`'s first step,
//! which lays the block's own style (the panes have none) on every cell
//! of the pane, looking each one up by its position: at 120×40 that step
//! cost more than the rest of the frame's borders. A test holds the two to
//! the same cells.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{BorderType, Widget};

/// A pane's frame: its border's kind and style and its title.
pub struct PaneBorder<'a> {
    /// Plain, or thick for the pane with the focus.
    pub kind: BorderType,
    /// The border's style.
    pub style: Style,
    /// The title, at the top left after the corner.
    pub title: Line<'a>,
}

impl PaneBorder<'_> {
    /// The area inside the border.
    pub fn inner(area: Rect) -> Rect {
        let x = area.x.saturating_add(1).min(area.right());
        let y = area.y.saturating_add(1).min(area.bottom());
        Rect {
            x,
            y,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        }
    }

    /// Draws the border round `area` (within the buffer) and the title.
    pub fn draw(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let set = self.kind.to_border_set();
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (area.right() - 1, area.bottom() - 1);
        let style = self.style;
        let mut put = |x: u16, y: u16, symbol: &str| {
            buf[(x, y)].set_symbol(symbol).set_style(style);
        };
        // Sides, then corners, in the order `Block` draws them.
        for y in top..=bottom {
            put(left, y, set.vertical_left);
        }
        for x in left..=right {
            put(x, top, set.horizontal_top);
        }
        for y in top..=bottom {
            put(right, y, set.vertical_right);
        }
        for x in left..=right {
            put(x, bottom, set.horizontal_bottom);
        }
        put(right, bottom, set.bottom_right);
        put(right, top, set.top_right);
        put(left, bottom, set.bottom_left);
        put(left, top, set.top_left);
        let room = Rect {
            x: left.saturating_add(1),
            y: top,
            width: area.width.saturating_sub(2),
            height: 1,
        };
        if !room.is_empty() {
            let width = self.title.width().min(usize::from(u16::MAX)) as u16;
            let at = Rect {
                width: width.min(room.width),
                ..room
            };
            (&self.title).render(at, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::Rng;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Block, Borders};

    #[test]
    fn the_same_cells_as_ratatuis_block_on_random_panes() {
        let titles = [
            "",
            " 清单 3/12 必备 ",
            " draft.md ● ",
            " 法治政府建设年度报告（第二稿）很长很长的标题 ",
            "a",
            "宽",
        ];
        let mut rng = Rng(0x0b0c_d3e5);
        for round in 0..2000 {
            let buf_area = Rect::new(0, 0, 1 + rng.below(30) as u16, 1 + rng.below(8) as u16);
            let area = Rect::new(
                rng.below(6) as u16,
                rng.below(4) as u16,
                rng.below(34) as u16,
                rng.below(10) as u16,
            );
            let kind = [BorderType::Plain, BorderType::Thick, BorderType::Rounded][rng.below(3)];
            let style = [
                Style::new(),
                Style::new().fg(Color::Blue),
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ][rng.below(3)];
            let title_style =
                [Style::new(), Style::new().add_modifier(Modifier::REVERSED)][rng.below(2)];
            let title = titles[rng.below(titles.len())];
            // What was on the screen before: text in some style.
            let mut before = Buffer::empty(buf_area);
            for (k, cell) in before.content.iter_mut().enumerate() {
                cell.set_symbol(["x", "字", " "][k % 3]);
                if k % 4 == 0 {
                    cell.set_style(Style::new().bg(Color::Green));
                }
            }
            let mut theirs = before.clone();
            Block::default()
                .borders(Borders::ALL)
                .border_type(kind)
                .border_style(style)
                .title(Span::styled(title, title_style))
                .render(area, &mut theirs);
            let mut ours = before;
            PaneBorder {
                kind,
                style,
                title: Line::from(Span::styled(title, title_style)),
            }
            .draw(area, &mut ours);
            assert_eq!(
                ours, theirs,
                "round {round}: {area:?} in {buf_area:?}, {title:?}"
            );
            assert_eq!(
                PaneBorder::inner(area),
                Block::bordered().inner(area),
                "{area:?}"
            );
        }
    }
}
