//! Renderings, pure: data in, text out. One file per format — `text`
//! (terminal or pipe, coloured through [`Paint`]), `json` (the contracts),
//! `markdown`, `html`, `csv` — over the inputs in `model`, with the shared
//! pieces (paint, padding, numbers, escaping) in `fmt`. Nothing here reads
//! or writes a file; the CLI prints what these return (a long JSON document
//! through `json_out`'s writer, which the CLI gives stdout, so that it is
//! not held whole first).

pub mod csv;
pub mod docx;
pub mod fmt;
pub mod html;
pub mod json;
pub mod json_diff;
pub mod json_out;
pub mod markdown;
pub mod model;
pub mod quickfix;
pub mod review_export;
pub mod text;

pub use fmt::{Num, Paint, fmt_value, pad};
pub use model::{Checked, DiffView, PreviousRef, ReviewView};
