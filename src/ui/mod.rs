//! Rendering for the workbench (no I/O): themes and drawing.

pub mod draw;
pub mod theme;
pub mod views;
