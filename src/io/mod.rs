//! Side effects: loading drafts, finding config files, atomic saves, edit
//! locks, recovery files, the review file, the login name and the clock.

pub mod clock;
pub mod config_files;
pub mod formats;
pub mod load;
pub mod lock;
pub mod output;
pub mod recovery;
pub mod review;
pub mod save;
#[cfg(test)]
pub(crate) mod testing;

pub use load::{Encoding, LoadError, Loaded, load};
