//! The pure analysis core: no terminal, no files, no clock.
//!
//! Everything here takes text and returns data, so it can be used as a
//! library and tested without a terminal.

pub mod document;
pub mod numbering_format;
pub mod numeral;
pub mod outline;
pub mod punctuation;
pub mod residue;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod wrap;
pub mod yaml;

pub use document::{Document, Heading, Paragraph, ParagraphKind, Title};
pub use text::{LineEnding, LineIndex, Position, TextFormat};
pub mod anchor;
mod by_text;
pub mod check;
pub mod compare;
pub mod figures;
pub mod find;
pub mod fix;
pub mod lang;
pub mod later;
pub mod messages;
mod messages_zh;
pub mod review;
pub mod session;
pub mod snapshot;
pub mod spec;
pub mod suggestion;
pub mod tables;
