//! A terminal backend that writes nothing for a frame that changes
//! nothing. ratatui sends only the cells that changed, but after every
//! frame it also resets the colours and shows and places the cursor — some
//! forty bytes even when nothing moved. reportbench draws again whenever a
//! worker answers (a re-check after each key, the timed look at the file
//! on disk), so those bytes would go over an SSH link many times a
//! second, and a frame that changes nothing would still cost the terminal
//! a redraw. This backend leaves out an empty frame's colour reset and a
//! cursor command that repeats the cursor's known state.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A backend that leaves out what would not change the screen.
pub struct Quiet<B: Backend> {
    inner: B,
    /// Whether the cursor is shown, when known.
    shown: Option<bool>,
    /// Where the cursor is, when known (drawing cells moves it).
    at: Option<Position>,
}

impl<B: Backend> Quiet<B> {
    /// Wraps `inner`; nothing is known of the cursor yet.
    pub fn new(inner: B) -> Self {
        Quiet {
            inner,
            shown: None,
            at: None,
        }
    }
}

impl<B: Backend> Backend for Quiet<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.at = None;
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.at = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if self.shown == Some(false) {
            return Ok(());
        }
        self.inner.hide_cursor()?;
        self.shown = Some(false);
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if self.shown == Some(true) {
            return Ok(());
        }
        self.inner.show_cursor()?;
        self.shown = Some(true);
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        if self.at == Some(position) {
            return Ok(());
        }
        self.at = None;
        self.inner.set_cursor_position(position)?;
        self.at = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.at = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.at = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::widgets::Paragraph;

    /// What the terminal was sent.
    #[derive(Clone, Default)]
    struct Tap(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Tap {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The bytes each of a run of frames writes.
    fn bytes_per_frame(texts: &[(&str, (u16, u16))]) -> Vec<usize> {
        let tap = Tap::default();
        let backend = Quiet::new(CrosstermBackend::new(tap.clone()));
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 20, 3)),
            },
        )
        .expect("terminal");
        let mut out = Vec::new();
        let mut before = 0;
        for (text, cursor) in texts {
            terminal
                .draw(|f| {
                    f.render_widget(Paragraph::new(*text), f.area());
                    f.set_cursor_position(*cursor);
                })
                .expect("draw");
            let now = tap.0.borrow().len();
            out.push(now - before);
            before = now;
        }
        out
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let n = bytes_per_frame(&[
            ("甲乙", (2, 0)),
            ("甲乙", (2, 0)),
            ("甲乙丙", (2, 0)),
            ("甲乙丙", (2, 0)),
            ("甲乙丙", (3, 1)),
        ]);
        assert!(n[0] > 0, "{n:?}");
        assert_eq!(n[1], 0, "the same frame again: {n:?}");
        // A changed cell is written, and the cursor put back where it
        // was (drawing moved it).
        assert!(n[2] > 0, "{n:?}");
        assert_eq!(n[3], 0, "{n:?}");
        // The cursor moved alone: only that is written.
        assert!(n[4] > 0 && n[4] < 12, "{n:?}");
    }
}
