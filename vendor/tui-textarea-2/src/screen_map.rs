use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::wrap::{WrapMode, WrappedLine, line_ranges, wrapped_rows};

#[derive(Debug, Clone, Copy)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8) -> usize {
    if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        crate::util::char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len);
    }
    col
}

fn screen_col_for_char_offset(text: &str, char_offset: usize, tab_len: u8) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len);
    }
    col
}

fn char_offset_for_screen_col(text: &str, screen_col: usize, tab_len: u8) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

/// PATCH(reportbench): the wrapped rows of one line, kept between screen
/// map loads. Upstream re-wraps every line of the text after every edit and
/// at every frame (two thirds of a keystroke's time on a 30,000-character
/// report); now only lines whose text changed are wrapped again.
#[derive(Debug, Clone)]
pub(crate) struct CachedLine {
    text: String,
    pure_ascii: bool,
    /// (wrapped row, its screen width, its last cursor column); the
    /// wrapped row's `row` is set when the map is built.
    rows: Vec<(WrappedLine, usize, usize)>,
}

/// PATCH(reportbench): the cache of [`CachedLine`]s, valid for one wrap
/// width, mode and tab length.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScreenCache {
    key: Option<(usize, WrapMode, u8)>,
    lines: Vec<Option<CachedLine>>,
}

/// PATCH(reportbench): which lines of the text changed since the screen
/// map was last loaded, so that a load after typing re-wraps the edited
/// line alone instead of comparing every line of the text with its cached
/// copy (the whole-text part of a keystroke on a long report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Dirty {
    /// Not known (a new text): every line is compared with the cache.
    #[default]
    Unknown,
    /// No line changed.
    Clean,
    /// The first `prefix` and the last `suffix` lines are as they were.
    Span { prefix: usize, suffix: usize },
}

impl Dirty {
    /// This state after an edit that turned lines `first..first + old` of
    /// a text of `len_before` lines into new ones.
    pub(crate) fn merge(self, first: usize, old: usize, len_before: usize) -> Dirty {
        let after = len_before.saturating_sub(first + old);
        match self {
            Dirty::Unknown => Dirty::Unknown,
            Dirty::Clean => Dirty::Span {
                prefix: first,
                suffix: after,
            },
            Dirty::Span { prefix, suffix } => Dirty::Span {
                prefix: prefix.min(first),
                suffix: suffix.min(after),
            },
        }
    }
}

fn cache_line(line: &str, mode: WrapMode, width: usize, tab_len: u8) -> CachedLine {
    let ranges = line_ranges(line, mode, width, tab_len);
    let n = ranges.len();
    let mut start_col = 0usize;
    let rows = ranges
        .into_iter()
        .enumerate()
        .map(|(i, (start_byte, end_byte))| {
            let fragment = &line[start_byte..end_byte];
            let char_count = fragment.chars().count();
            let wrapped = WrappedLine {
                row: 0,
                start_byte,
                end_byte,
                start_col,
                end_col: start_col + char_count,
                first_in_row: i == 0,
                last_in_row: i + 1 == n,
            };
            start_col += char_count;
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, tab_len)
            } else {
                screen_col_for_char_offset(fragment, char_count.saturating_sub(1), tab_len)
            };
            (wrapped, display_width(fragment, tab_len), cursor_max_col)
        })
        .collect();
    CachedLine {
        text: line.to_owned(),
        pure_ascii: is_pure_ascii(line),
        rows,
    }
}

impl TextArea<'_> {
    fn fallback_rows(&self) -> Vec<WrappedLine> {
        self.lines
            .iter()
            .enumerate()
            .map(|(row, line)| WrappedLine {
                row,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
            })
            .collect()
    }

    pub(crate) fn screen_map_load(&self) {
        let width = self.area.get().width;
        let wrap_width = (width > 0)
            .then(|| self.layout_metrics(width).wrap_width())
            .flatten();

        // PATCH(reportbench): wrapped lines come from the cache when their
        // text is unchanged (looked for at the same index and one either
        // side, for a line inserted or removed above).
        if let Some(width) = wrap_width {
            let (mode, tab) = (self.wrap_mode(), self.tab_length());
            let mut cache = self.screen_cache.borrow_mut();
            let key = Some((width, mode, tab));
            let dirty = self.dirty.replace(Dirty::Clean);
            if cache.key != key {
                cache.key = key;
                cache.lines.clear();
            } else if self.screen_map_patch(&mut cache, dirty, (mode, width, tab)) {
                return;
            }
            let mut old = std::mem::take(&mut cache.lines);
            let mut fresh = Vec::with_capacity(self.lines.len());
            let mut screen_lines = Vec::with_capacity(self.lines.len());
            let mut data_pointers = Vec::with_capacity(self.lines.len());
            for (row, line) in self.lines.iter().enumerate() {
                let hit = [row, row + 1, row.wrapping_sub(1)].into_iter().find(|&j| {
                    old.get(j)
                        .and_then(Option::as_ref)
                        .is_some_and(|c| c.text == *line)
                });
                let cached = match hit.and_then(|j| old[j].take()) {
                    Some(c) => c,
                    None => cache_line(line, mode, width, tab),
                };
                data_pointers.push(DataLine {
                    first_screen_line: screen_lines.len(),
                    screen_line_count: cached.rows.len(),
                    pure_ascii: cached.pure_ascii,
                });
                for &(mut wrapped, screen_width, cursor_max_col) in &cached.rows {
                    wrapped.row = row;
                    screen_lines.push(ScreenLine {
                        wrapped,
                        screen_width,
                        cursor_max_col,
                    });
                }
                fresh.push(Some(cached));
            }
            cache.lines = fresh;
            *self.screen_lines.borrow_mut() = screen_lines;
            *self.data_pointers.borrow_mut() = data_pointers;
            return;
        }
        self.screen_cache.borrow_mut().key = None;
        self.dirty.set(Dirty::Unknown);

        let rows = match wrap_width {
            Some(width) => wrapped_rows(&self.lines, self.wrap_mode(), width, self.tab_length()),
            None => self.fallback_rows(),
        };

        let mut screen_lines = Vec::with_capacity(rows.len());
        let mut data_pointers = vec![DataLine::default(); self.lines.len()];

        for (screen_idx, wrapped) in rows.into_iter().enumerate() {
            if data_pointers[wrapped.row].screen_line_count == 0 {
                data_pointers[wrapped.row].first_screen_line = screen_idx;
                data_pointers[wrapped.row].pure_ascii = is_pure_ascii(&self.lines[wrapped.row]);
            }
            data_pointers[wrapped.row].screen_line_count += 1;

            let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, self.tab_length())
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    self.tab_length(),
                )
            };
            screen_lines.push(ScreenLine {
                wrapped,
                screen_width: display_width(fragment, self.tab_length()),
                cursor_max_col,
            });
        }

        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    /// PATCH(reportbench): brings the screen map up to date by re-wrapping
    /// only the lines `dirty` names; false when it cannot (the full load
    /// follows). Lines after the change keep their cached rows, shifted by
    /// the difference in lines and screen rows.
    fn screen_map_patch(
        &self,
        cache: &mut ScreenCache,
        dirty: Dirty,
        (mode, width, tab): (WrapMode, usize, u8),
    ) -> bool {
        let n = self.lines.len();
        let old_len = cache.lines.len();
        let mut screen_lines = self.screen_lines.borrow_mut();
        let mut data_pointers = self.data_pointers.borrow_mut();
        if old_len == 0 || data_pointers.len() != old_len {
            return false;
        }
        let (prefix, suffix) = match dirty {
            Dirty::Unknown => return false,
            Dirty::Clean => (n, 0),
            Dirty::Span { prefix, suffix } => (prefix, suffix),
        };
        if n != old_len && dirty == Dirty::Clean || prefix + suffix > n.min(old_len) {
            return false;
        }
        let old_mid = prefix..old_len - suffix;
        let new_mid = prefix..n - suffix;
        let screen_at = |line: usize| {
            data_pointers
                .get(line)
                .map_or(screen_lines.len(), |d| d.first_screen_line)
        };
        let (sa, sb) = (screen_at(old_mid.start), screen_at(old_mid.end));
        let mut cached = Vec::with_capacity(new_mid.len());
        let mut rows = Vec::new();
        let mut pointers = Vec::with_capacity(new_mid.len());
        for row in new_mid.clone() {
            let c = cache_line(&self.lines[row], mode, width, tab);
            pointers.push(DataLine {
                first_screen_line: sa + rows.len(),
                screen_line_count: c.rows.len(),
                pure_ascii: c.pure_ascii,
            });
            for &(mut wrapped, screen_width, cursor_max_col) in &c.rows {
                wrapped.row = row;
                rows.push(ScreenLine {
                    wrapped,
                    screen_width,
                    cursor_max_col,
                });
            }
            cached.push(Some(c));
        }
        let new_rows = rows.len();
        cache.lines.splice(old_mid.clone(), cached);
        screen_lines.splice(sa..sb, rows);
        data_pointers.splice(old_mid.clone(), pointers);
        let grown = new_rows as isize - (sb - sa) as isize;
        if grown != 0 {
            for d in &mut data_pointers[new_mid.end..] {
                d.first_screen_line = d.first_screen_line.saturating_add_signed(grown);
            }
        }
        let grown = n as isize - old_len as isize;
        if grown != 0 {
            for l in &mut screen_lines[sa + new_rows..] {
                l.wrapped.row = l.wrapped.row.saturating_add_signed(grown);
            }
        }
        #[cfg(debug_assertions)]
        {
            // The patched map is the one a full load builds.
            for (row, line) in self.lines.iter().enumerate() {
                let c = cache.lines[row].as_ref().map(|c| &c.text);
                debug_assert_eq!(c, Some(line), "screen map patch: line {row}");
                let d = &data_pointers[row];
                let next = data_pointers
                    .get(row + 1)
                    .map_or(screen_lines.len(), |d| d.first_screen_line);
                debug_assert_eq!(d.first_screen_line + d.screen_line_count, next);
                debug_assert!(
                    screen_lines[d.first_screen_line..next]
                        .iter()
                        .all(|l| l.wrapped.row == row)
                );
            }
        }
        true
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = char_offset_for_screen_col(fragment, screen.col, self.tab_length());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn data_to_screen_cursor(&self, data: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[data.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= data.1 && data.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= data.1 && data.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[data.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = data.1.saturating_sub(line.wrapped.start_col);
        let col = screen_col_for_char_offset(fragment, char_offset, self.tab_length());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[data.0].chars().nth(data.1),
            dc: Some(data),
        }
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = screen.to_data_cursor(self);
        self.data_to_screen_cursor(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = screen.to_data_cursor(self);
        self.data_to_screen_cursor(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratatui::layout::Rect;
    use crate::wrap::WrapMode;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.data_to_screen_cursor(dc);
                assert_eq!(textarea.screen_to_data_cursor(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_data_cursor(detached), dc);
                assert_eq!(
                    textarea.data_to_screen_cursor(textarea.screen_to_data_cursor(detached)),
                    sc
                );
            }
        }
    }

    /// PATCH(reportbench): the cached screen map equals one built from
    /// scratch after every kind of edit (typing, new lines, joins, undo,
    /// redo, a width change).
    #[test]
    fn cached_screen_map_matches_a_fresh_one() {
        use crate::cursor::CursorMove;
        let lines = [
            "第一段，这是一行比较长的中文文字，用来测试换行。",
            "",
            "Second paragraph with some English words to wrap around.",
            "第三段：全年办理案件120件，同比增长15%。",
            "短",
        ];
        let mut ta = make_textarea(&lines, WrapMode::Word, 20);
        let mut seed = 12345u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as usize
        };
        // PATCH(reportbench): patch 11's count of lines unchanged since a
        // mark, checked against a copy of the text taken at the mark.
        ta.mark_lines();
        ta.mark_snapshot();
        let mut marked: Vec<String> = ta.lines.clone();
        for step in 0..1500 {
            if step % 9 == 0 {
                ta.mark_lines();
                ta.mark_snapshot();
                marked = ta.lines.clone();
            }
            match next() % 17 {
                0 => ta.move_cursor(CursorMove::Down),
                1 => ta.move_cursor(CursorMove::Up),
                2 => ta.move_cursor(CursorMove::Forward),
                3 => {
                    ta.insert_char('甲');
                }
                4 => {
                    ta.insert_char('，');
                }
                5 => {
                    ta.insert_newline();
                }
                6 => {
                    ta.delete_char();
                }
                7 => {
                    ta.undo();
                }
                8 => {
                    ta.redo();
                }
                9 => {
                    ta.insert_str("甲乙\n丙丁，一段新的文字\n戊");
                }
                10 => {
                    ta.delete_str(next() % 40);
                }
                11 => {
                    ta.delete_next_char();
                }
                12 => {
                    let rows = ta.lines.len();
                    let r = next() % rows;
                    let end = (r + next() % 3).min(rows - 1);
                    ta.replace_range((r, 0), (end, 0), ["替换", "x\n二", "\n\n"][next() % 3]);
                }
                13 => {
                    ta.start_selection();
                    ta.move_cursor(CursorMove::Down);
                    ta.move_cursor(CursorMove::Forward);
                    ta.cut();
                }
                14 => {
                    ta.paste();
                }
                15 => {
                    ta.delete_line_by_end();
                }
                _ => {
                    ta.move_cursor(CursorMove::Top);
                    ta.delete_word();
                }
            }
            if step == 200 {
                ta.area.set(Rect {
                    x: 0,
                    y: 0,
                    width: 13,
                    height: 40,
                });
            }
            let (prefix, suffix) = ta.lines_unchanged_since_mark().expect("marked");
            assert_eq!(
                ta.lines_unchanged_since_snapshot(),
                Some((prefix, suffix)),
                "step {step}: the two marks, set together, differ"
            );
            let n = ta.lines.len();
            assert!(
                prefix + suffix <= n.min(marked.len())
                    || (prefix, suffix) == (n, 0) && ta.lines == marked,
                "step {step}"
            );
            assert_eq!(
                ta.lines[..prefix],
                marked[..prefix],
                "step {step}: prefix {prefix}"
            );
            assert_eq!(
                ta.lines[n - suffix..],
                marked[marked.len() - suffix..],
                "step {step}: suffix {suffix}"
            );
            ta.screen_map_load();
            let lines: Vec<&str> = ta.lines.iter().map(String::as_str).collect();
            let fresh = make_textarea(&lines, WrapMode::Word, ta.area.get().width);
            assert_eq!(
                format!("{:?}", ta.screen_lines.borrow()),
                format!("{:?}", fresh.screen_lines.borrow()),
                "step {step}"
            );
            assert_eq!(*ta.data_pointers.borrow(), *fresh.data_pointers.borrow());
        }
    }

    /// PATCH(reportbench): one character typed on a line leaves every
    /// other line counted as unchanged; a new text is not known.
    #[test]
    fn lines_unchanged_since_mark_name_the_edited_line_alone() {
        let mut ta = make_textarea(&["一", "二", "三", "四"], WrapMode::Word, 20);
        assert_eq!(ta.lines_unchanged_since_mark(), None);
        ta.mark_lines();
        assert_eq!(ta.lines_unchanged_since_mark(), Some((4, 0)));
        ta.move_cursor(crate::cursor::CursorMove::Down);
        ta.insert_char('甲');
        assert_eq!(ta.lines_unchanged_since_mark(), Some((1, 2)));
        ta.insert_newline();
        assert_eq!(ta.lines_unchanged_since_mark(), Some((1, 2)));
        ta.undo();
        ta.undo();
        assert_eq!(ta.lines, ["一", "二", "三", "四"]);
        assert_eq!(ta.lines_unchanged_since_mark(), Some((1, 2)));
        ta.mark_lines();
        ta.set_lines(vec!["新".into()], (0, 0));
        assert_eq!(ta.lines_unchanged_since_mark(), None);
    }

    /// PATCH(reportbench): the second mark counts from its own call, not
    /// from the first mark's.
    #[test]
    fn the_snapshot_mark_is_independent_of_the_first() {
        let mut ta = make_textarea(&["一", "二", "三", "四"], WrapMode::Word, 20);
        assert_eq!(ta.lines_unchanged_since_snapshot(), None);
        ta.mark_snapshot();
        ta.move_cursor(crate::cursor::CursorMove::Down);
        ta.insert_char('甲');
        ta.mark_lines();
        assert_eq!(ta.lines_unchanged_since_snapshot(), Some((1, 2)));
        assert_eq!(ta.lines_unchanged_since_mark(), Some((4, 0)));
        ta.move_cursor(crate::cursor::CursorMove::Down);
        ta.insert_char('乙');
        assert_eq!(ta.lines_unchanged_since_snapshot(), Some((1, 1)));
        assert_eq!(ta.lines_unchanged_since_mark(), Some((2, 1)));
        ta.mark_snapshot();
        assert_eq!(ta.lines_unchanged_since_snapshot(), Some((4, 0)));
        ta.set_lines(vec!["新".into()], (0, 0));
        assert_eq!(ta.lines_unchanged_since_snapshot(), None);
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
