//! Side effects: loading files, finding config and specs, rendering output.

pub mod load;

pub use load::{Encoding, LoadError, Loaded, load};
