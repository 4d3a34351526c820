//! The workbench's state machine, without a terminal, files or a clock:
//! [`state::State`] holds what the workbench shows and
//! [`state::State::update`] turns a [`msg::Msg`] (a key, a paste, the
//! outcome of a save…) into [`msg::Effect`]s for the terminal layer to
//! perform. Around it: the one command list ([`commands`]), the keymap,
//! the overlays' key table, the help's rows, the screen's geometry
//! ([`layout`]), and repairs of misread terminal input ([`input`]).

pub mod commands;
pub mod editor_keys;
pub mod help;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod msg;
mod overlay_key_table;
pub mod overlay_keys;
pub mod state;
pub mod words;
