//! The deduplicator: normalized articles in, each with a verdict out.
//!
//! `text` (the story text and its shingles) and `fingerprint` (sketches,
//! bands and the copy test) are pure; `decide` holds the PostgreSQL-backed decision;
//! `service` wires them to Kafka.

pub mod decide;
pub mod decide_batch;
pub mod fingerprint;
pub mod reprocess;
pub mod service;
pub mod text;
