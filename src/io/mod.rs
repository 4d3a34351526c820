//! Side effects: loading files, finding config and specs, rendering output.

pub mod clock;
pub mod config_files;
pub mod load;
pub mod lock;
pub mod recovery;
pub mod review;
pub mod save;
#[cfg(test)]
pub(crate) mod testing;

pub use load::{Encoding, LoadError, Loaded, load};
