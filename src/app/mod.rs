//! The workbench's state machine (no terminal). So far: the keymap.

pub mod keymap;
