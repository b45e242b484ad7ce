//! The `wirefeed` command-line tool's commands, as a library so tests can
//! run them in-process; `main.rs` only parses arguments.

pub mod bench;
pub mod bench_persist;
pub mod dedup_eval;
pub mod dlq;
pub mod normalize;
pub mod produce;
pub mod prune;
pub mod reprocess;
pub mod topics;
