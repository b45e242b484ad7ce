//! The deduplicator: normalized articles in, each with a verdict out.
//!
//! `fingerprint` is pure; `decide` holds the PostgreSQL-backed decision;
//! `service` wires them to Kafka.

pub mod decide;
pub mod decide_batch;
pub mod fingerprint;
pub mod service;
