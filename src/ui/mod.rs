//! Rendering for the workbench (no I/O): `draw` (the panes, status bar
//! and the dispatch), `diff` and `figures` (the F3 and F4 views),
//! `overlays` (help, recovery offer, comment list, prompts), `views`
//! (wrapping shared by all) and `theme`.

pub mod diff;
pub mod draw;
pub mod figures;
mod overlays;
pub mod theme;
pub mod views;
