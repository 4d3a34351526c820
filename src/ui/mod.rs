//! Rendering for the workbench (no I/O). So far: themes.

pub mod theme;
