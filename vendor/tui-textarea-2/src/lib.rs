#![forbid(unsafe_code)]
#![allow(clippy::needless_range_loop)]
#![warn(clippy::dbg_macro, clippy::print_stdout)]
#![cfg_attr(docsrs, feature(doc_cfg))]
//! tui-textarea-2 0.13.2, vendored by reportbench with the patches in
//! `PATCHES.md`. Upstream documentation: <https://docs.rs/tui-textarea-2>.

mod cursor;
mod highlight;
mod history;
mod input;
mod layout;
#[cfg(feature = "ratatui")]
mod rows;
mod screen_map;
mod scroll;
#[cfg(feature = "search")]
mod search;
mod textarea;
mod util;
mod widget;
mod word;
mod wrap;

#[cfg(feature = "ratatui")]
#[allow(clippy::single_component_path_imports)]
mod ratatui {
    // Best effort to reproduce ratatui 0.29 module layout to keep compatibility with tui module layout
    pub use ratatui_core::{buffer, layout, style, text};
    pub mod widgets {
        pub use ratatui_core::widgets::*;
        pub use ratatui_widgets::{block::Block, paragraph::Paragraph};
    }
}
#[cfg(all(feature = "crossterm", not(feature = "crossterm_0_28")))]
#[allow(clippy::single_component_path_imports)]
use crossterm;
#[cfg(feature = "crossterm_0_28")]
#[allow(clippy::single_component_path_imports)]
use crossterm_028 as crossterm;

#[cfg(feature = "termion")]
#[allow(clippy::single_component_path_imports)]
use termion;

pub use cursor::CursorMove;
pub use input::{Input, Key};
/// PATCH(reportbench): rows of text written as a left-aligned `Paragraph`
/// writes them, at a fraction of its cost (see `PATCHES.md`, 14).
#[cfg(feature = "ratatui")]
pub use rows::render_rows;
pub use scroll::Scrolling;
pub use textarea::{
    AtomicCursorBias, AtomicDeleteDirection, AtomicRange, AtomicRangeError,
    AtomicRangeRejectReason, CursorRenderMode, Highlight, Look, RejectedAtomicRange, TextArea,
    TextAreaMeasure,
};
/// PATCH(reportbench): the visible stand-in of a character that must not
/// reach a terminal (see `PATCHES.md`, 1).
pub use util::shown_as;
pub use wrap::{CLOSING_MARKS, WrapMode};
