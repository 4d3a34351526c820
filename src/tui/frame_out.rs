//! The terminal's output gathered a frame at a time. Standard output keeps
//! a buffer of 1 KiB, so a frame of a few KiB of escape sequences reached
//! the terminal in several writes: over SSH in several packets, and a
//! terminal that drew between them showed half a frame. Here a frame is
//! held until ratatui flushes it (once, at the end of each frame) and goes
//! out in one write.

use std::io::{self, Write};

/// Holds what is written until it is flushed, then writes it to `inner`
/// in one call. What is not flushed is dropped, not written: a frame cut
/// short by a panic must not reach the screen after the terminal was
/// given back.
pub struct FrameOut<W: Write> {
    inner: W,
    held: Vec<u8>,
}

impl<W: Write> FrameOut<W> {
    /// Output to `inner`, a frame at a time.
    pub fn new(inner: W) -> Self {
        FrameOut {
            inner,
            held: Vec::with_capacity(16 * 1024),
        }
    }
}

impl<W: Write> Write for FrameOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Writes what is held in one call (the held bytes are let go even if
    /// the write fails: the terminal is then gone, and they would only
    /// grow).
    fn flush(&mut self) -> io::Result<()> {
        if self.held.is_empty() {
            return self.inner.flush();
        }
        let written = self.inner.write_all(&self.held);
        self.held.clear();
        written?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::widgets::Paragraph;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Counts the writes the terminal was sent and keeps their bytes.
    #[derive(Clone, Default)]
    struct Tap(Rc<RefCell<Vec<Vec<u8>>>>);

    impl Write for Tap {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().push(b.to_vec());
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_frame_goes_out_in_one_write_and_an_unflushed_one_not_at_all() {
        let tap = Tap::default();
        let backend = CrosstermBackend::new(FrameOut::new(tap.clone()));
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)),
            },
        )
        .expect("terminal");
        // A full screen of wide characters in colour: many KiB, far over
        // standard output's own buffer.
        let text: String = (0..40)
            .map(|i| format!("第{i}行：法治政府建设年度报告法治政府建设年度报告法治政府建设\n"))
            .collect();
        // Each round in another colour: every cell is written again.
        for round in 0..3u8 {
            let before = tap.0.borrow().len();
            terminal
                .draw(|f| {
                    let t = if round % 2 == 0 {
                        text.clone()
                    } else {
                        text.replace('行', "段")
                    };
                    f.render_widget(
                        Paragraph::new(t).style(
                            ratatui::style::Style::new().fg(ratatui::style::Color::Rgb(
                                200,
                                10 * round,
                                10,
                            )),
                        ),
                        f.area(),
                    );
                })
                .expect("draw");
            let writes = tap.0.borrow()[before..].to_vec();
            assert_eq!(writes.len(), 1, "round {round}: {} writes", writes.len());
            assert!(
                writes[0].len() > 2048,
                "round {round}: {} bytes",
                writes[0].len()
            );
        }
        // Bytes written but never flushed (a frame cut short) are dropped.
        let mut out = FrameOut::new(tap.clone());
        let before = tap.0.borrow().len();
        out.write_all(b"\x1b[1;1Hhalf a frame").expect("write");
        drop(out);
        assert_eq!(tap.0.borrow().len(), before);
    }

    #[test]
    fn a_failed_write_lets_the_frame_go() {
        struct Gone;
        impl Write for Gone {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = FrameOut::new(Gone);
        out.write_all(b"frame").expect("held");
        assert!(out.flush().is_err());
        assert!(out.held.is_empty());
        assert!(out.flush().is_ok(), "nothing held: nothing to fail");
    }
}
