//! The workbench's state machine (no terminal): the keymap and the state.

pub mod input;
pub mod keymap;
pub mod state;
pub mod words;
