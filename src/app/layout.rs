//! Where things are on the screen, as a function of the terminal's size:
//! the panes, the checklist's rows, the diff and figures views' parts, the
//! help box. The state keeps what must be remembered (scroll, pages) from
//! these, and the drawing draws into the same rectangles — one geometry,
//! decided here, for both.

use super::help::HelpRow;
use super::state::Sides;
use crate::core::text::sanitize_for_display;
use crate::core::wrap::{break_rows, str_width};
use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// The smallest terminal the workbench draws in.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height.
pub const MIN_HEIGHT: u16 = 15;
/// Terminals at least this wide show the checklist beside the editor.
pub const SIDE_PANES_FROM: u16 = 100;
/// Terminals at least this wide show the years side by side in the diff view.
pub const SIDE_BY_SIDE_FROM: u16 = 110;

/// The workbench's panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// Everything but the status bar (where the views go).
    pub main: Rect,
    /// The status bar.
    pub status: Rect,
    /// The checklist (list and the selected row's message).
    pub checklist: Rect,
    /// The checklist's list, border included.
    pub list: Rect,
    /// The selected row's message under it.
    pub detail: Rect,
    /// The editor, border included.
    pub editor: Rect,
}

/// Which pane has the room (F10 toggles it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    /// The usual split.
    #[default]
    Even,
    /// The checklist gets the room: the editor keeps a few rows (stacked)
    /// or columns (side by side).
    Checklist,
    /// The editor gets the room: the checklist keeps one row (stacked) or
    /// a narrow column.
    Editor,
}

/// The panes at this size; `None` when the terminal is too small.
pub fn panes(area: Rect, zoom: Zoom) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    // Side by side when wide enough; stacked (checklist above) when narrow.
    let (checklist, editor) = if main.width >= SIDE_PANES_FROM {
        let list_w = match zoom {
            Zoom::Even => Constraint::Length(42),
            Zoom::Checklist => Constraint::Percentage(60),
            Zoom::Editor => Constraint::Length(28),
        };
        let [a, b] = Layout::horizontal([list_w, Constraint::Min(20)]).areas(main);
        (a, b)
    } else {
        let split = match zoom {
            Zoom::Even => [Constraint::Percentage(45), Constraint::Min(5)],
            Zoom::Checklist => [Constraint::Min(5), Constraint::Length(5)],
            Zoom::Editor => [Constraint::Length(3), Constraint::Min(5)],
        };
        let [a, b] = Layout::default()
            .direction(Direction::Vertical)
            .constraints(split)
            .areas(main);
        (a, b)
    };
    // The selected row's message under the list, unless the list has only
    // its one row.
    let detail_h = if checklist.height < 8 { 0 } else { 4 };
    let [list, detail] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_h)]).areas(checklist);
    Some(Panes {
        main,
        status,
        checklist,
        list,
        detail,
        editor,
    })
}

/// The checklist's rows (inside the list's border); empty when too small.
pub fn checklist_rows(area: Rect, zoom: Zoom) -> Rect {
    panes(area, zoom).map_or(Rect::default(), |p| {
        Rect::new(
            p.list.x + 1,
            p.list.y + 1,
            p.list.width.saturating_sub(2),
            p.list.height.saturating_sub(2),
        )
    })
}

/// The diff view's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffGeometry {
    /// The view with its border.
    pub area: Rect,
    /// The two years' names (side by side only).
    pub heads: Rect,
    /// The entries.
    pub body: Rect,
    /// The selected entry in words.
    pub detail: Rect,
    /// The years side by side.
    pub side: bool,
    /// Columns of the marker and glyph before each row.
    pub gutter: usize,
    /// Columns of one side (or of the stacked text).
    pub col_w: usize,
}

/// The diff view at this size.
pub fn diff(area: Rect) -> Option<DiffGeometry> {
    let main = panes(area, Zoom::Even)?.main;
    let inner = Rect::new(
        main.x + 1,
        main.y + 1,
        main.width.saturating_sub(2),
        main.height.saturating_sub(2),
    );
    let side = main.width >= SIDE_BY_SIDE_FROM;
    let [heads, body, detail] = Layout::vertical([
        Constraint::Length(u16::from(side)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let gutter = 2usize;
    let body_w = body.width as usize;
    let col_w = if side {
        (body_w.saturating_sub(gutter + 1)) / 2
    } else {
        body_w.saturating_sub(gutter)
    };
    Some(DiffGeometry {
        area: main,
        heads,
        body,
        detail,
        side,
        gutter,
        col_w,
    })
}

/// Rows a run of text takes at `width` columns (none for no runs).
fn rows_of(runs: &[(String, super::state::Mark)], width: usize) -> usize {
    if runs.is_empty() {
        return 0;
    }
    let chars: Vec<char> = runs
        .iter()
        .flat_map(|(t, _)| sanitize_for_display(t).chars().collect::<Vec<_>>())
        .collect();
    break_rows(&chars, width).len()
}

/// Rows a diff entry takes on screen, the blank row after it included.
pub fn entry_height(sides: &Sides, g: &DiffGeometry) -> usize {
    let rows = if g.side {
        rows_of(&sides.old, g.col_w).max(rows_of(&sides.new, g.col_w))
    } else {
        rows_of(&sides.inline, g.col_w).max(1)
    };
    rows + 1
}

/// The diff view's window: the first entry shown (moved so that the
/// selected entry `sel` is in view, a page of entries before it at most)
/// and how many entries fit from there, given each entry's height.
pub fn diff_window(
    n: usize,
    sel: usize,
    top: usize,
    h: usize,
    height: impl Fn(usize) -> usize,
) -> (usize, usize) {
    if n == 0 {
        return (0, 1);
    }
    let sel = sel.min(n - 1);
    // The selected entry and those above it that fit with it on screen:
    // the earliest first entry that keeps the selection in view.
    let (mut used, mut above) = (0, 0);
    for pos in (0..=sel).rev() {
        let block = height(pos);
        if used + block > h && pos != sel {
            break;
        }
        used += block;
        above += 1;
        if used >= h {
            break;
        }
    }
    let fits_from = sel + 1 - above;
    let top = top.min(sel).max(fits_from);
    let (mut lines, mut count) = (0, 0);
    for pos in top..n {
        if lines >= h {
            break;
        }
        lines += height(pos);
        count += 1;
    }
    (top, count.max(1))
}

/// The figures view's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiguresGeometry {
    /// The table.
    pub table: Rect,
    /// The bar chart.
    pub chart: Rect,
    /// Last year's plans.
    pub plans: Rect,
    /// Rows of the table on screen (a page).
    pub page: usize,
}

/// The figures view at this size.
pub fn figures(area: Rect) -> Option<FiguresGeometry> {
    let main = panes(area, Zoom::Even)?.main;
    let [table, lower] =
        Layout::vertical([Constraint::Percentage(58), Constraint::Min(6)]).areas(main);
    let [chart, plans] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Min(20)]).areas(lower);
    Some(FiguresGeometry {
        table,
        chart,
        plans,
        page: table.height.saturating_sub(4).max(1) as usize,
    })
}

/// Columns of the help's key column.
pub const HELP_KEYS: usize = 22;

/// The help box: where it is, its lines (the key column and one row of
/// the description each), how many fit, and the furthest it scrolls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpGeometry {
    /// The box, border included.
    pub rect: Rect,
    /// Its lines: keys (on a description's first row) and text.
    pub lines: Vec<(Option<String>, String)>,
    /// Lines that fit inside the border.
    pub room: usize,
    /// The furthest scroll.
    pub max_scroll: usize,
}

/// The help box at this size (`None` when the terminal is too small).
pub fn help(area: Rect, rows: &[HelpRow]) -> Option<HelpGeometry> {
    panes(area, Zoom::Even)?;
    let w = area.width.saturating_sub(2).min(84);
    let text_w = (w as usize).saturating_sub(2 + HELP_KEYS).max(10);
    let mut lines = Vec::new();
    for r in rows {
        let chars: Vec<char> = sanitize_for_display(&r.what).chars().collect();
        for (i, rr) in break_rows(&chars, text_w).into_iter().enumerate() {
            let keys = (i == 0).then(|| r.keys.clone());
            lines.push((keys, chars[rr].iter().collect()));
        }
    }
    // Leave the status bar visible.
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let room = h.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(room);
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    Some(HelpGeometry {
        rect: centered(above, w, h),
        lines,
        room,
        max_scroll,
    })
}

/// A box of `w` × `h` in the middle of `area` (smaller when it does not fit).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The start of `s` that fits in `width` columns, with `…` when cut.
pub fn truncate_to_width(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = crate::core::wrap::char_width(c);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_follow_the_width_and_refuse_tiny_terminals() {
        let wide = panes(Rect::new(0, 0, 120, 40), Zoom::Even).unwrap();
        assert_eq!(wide.checklist.width, 42);
        assert_eq!(wide.editor.x, 42);
        let narrow = panes(Rect::new(0, 0, 80, 24), Zoom::Even).unwrap();
        assert_eq!(narrow.editor.x, 0);
        assert!(narrow.editor.y > narrow.checklist.y);
        assert!(panes(Rect::new(0, 0, 40, 10), Zoom::Even).is_none());
        assert_eq!(
            checklist_rows(Rect::new(0, 0, 40, 10), Zoom::Even),
            Rect::default()
        );
    }

    #[test]
    fn zoom_gives_one_pane_the_room() {
        let small = Rect::new(0, 0, 80, 24);
        let even = panes(small, Zoom::Even).unwrap();
        let ed = panes(small, Zoom::Editor).unwrap();
        let ch = panes(small, Zoom::Checklist).unwrap();
        assert!(ed.editor.height > even.editor.height);
        assert_eq!(checklist_rows(small, Zoom::Editor).height, 1);
        assert_eq!(ed.detail.height, 0);
        assert!(
            checklist_rows(small, Zoom::Checklist).height
                > checklist_rows(small, Zoom::Even).height + 5
        );
        assert_eq!(ch.editor.height, 5);
        let wide = Rect::new(0, 0, 120, 40);
        assert!(panes(wide, Zoom::Editor).unwrap().editor.width > 90);
        assert!(panes(wide, Zoom::Checklist).unwrap().checklist.width >= 72);
    }

    #[test]
    fn the_diff_window_keeps_the_selection_in_view() {
        // Ten entries of 3 rows on a 10-row body: 3 fit (the fourth is cut).
        let h = |_: usize| 3;
        assert_eq!(diff_window(10, 0, 0, 10, h), (0, 4));
        // Moving down past the screen moves the window.
        let (top, _) = diff_window(10, 5, 0, 10, h);
        assert!(top <= 5 && 5 < top + 4, "{top}");
        // Moving back up inside the window leaves it.
        assert_eq!(diff_window(10, 3, 3, 10, h).0, 3);
        assert_eq!(diff_window(10, 2, 3, 10, h).0, 2);
        // An entry taller than the screen is shown from its start.
        assert_eq!(
            diff_window(3, 1, 0, 10, |p| if p == 1 { 50 } else { 3 }).0,
            1
        );
        assert_eq!(diff_window(0, 0, 0, 10, h), (0, 1));
    }
}
