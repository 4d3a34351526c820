//! A terminal's screen, for checking what a sequence of frame diffs leaves
//! on it.

/// A terminal screen as terminals keep it: writing over one half of a wide
/// character clears its other half to the default colours.
pub struct Screen {
    w: u16,
    /// Each cell's symbol and background (`None`: the terminal's default).
    pub cells: Vec<(String, Option<ratatui::style::Color>)>,
    wide_start: Vec<bool>,
}

impl Screen {
    /// A blank screen.
    pub fn new(w: u16, h: u16) -> Screen {
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

    /// Applies a frame's diff as a terminal would.
    pub fn apply(&mut self, updates: Vec<(u16, u16, &ratatui::buffer::Cell)>) {
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

impl Screen {
    /// Row `y` as text (wide characters once, trailing blanks removed).
    pub fn row(&self, y: u16) -> String {
        let w = self.w as usize;
        let start = y as usize * w;
        let s: String = self.cells[start..start + w]
            .iter()
            .map(|(sym, _)| sym.as_str())
            .collect();
        s.trim_end().to_owned()
    }
}
