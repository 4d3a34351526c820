//! Rendering for the workbench (no I/O): `draw` (the panes, status bar
//! and the dispatch), `finish` (the last pass over every frame), `diff` and `figures` (the F3 and F4 views),
//! `overlays` (help, recovery offer, prompts), `comment_list` (F6),
//! `input_box`
//! (the box comments and suggestions are typed in), `redline` (a
//! suggestion's redline row in the editor), `views`
//! (wrapping shared by all) and `theme`.

pub mod border;
mod comment_list;
pub mod diff;
pub mod draw;
pub mod figures;
pub mod finish;
mod input_box;
mod overlays;
mod redline;
pub mod theme;
pub mod views;
