//! The normalizer: raw pages in, normalized articles out.
//!
//! `extract` is the pure extraction logic; `service` wires it to Kafka.

pub mod cancel;
pub mod extract;
pub mod extraction_thread;
pub mod pages;
pub mod sanitize;
pub mod service;

pub use extract::{normalize, Limits, NormalizeError};
