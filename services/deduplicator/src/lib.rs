//! The deduplicator: normalized articles in, each with a verdict out.
//!
//! `text` (the story text and its shingles), `fingerprint` (sketches,
//! bands and the copy test) and `policy` (verdicts, version order, cluster
//! choice, locks) are pure; `state` holds every statement on the
//! deduplicator's PostgreSQL tables; `decide` (one message) and
//! `decide_batch` (many in one transaction) join them, as does
//! `reprocess` (a new extraction of an archived page); `service` wires
//! them to Kafka.

pub mod decide;
pub mod decide_batch;
pub mod fingerprint;
pub mod policy;
pub mod reprocess;
pub mod rules;
pub mod service;
pub mod state;
pub mod text;

pub use decide::{decide, Fingerprint};
pub use decide_batch::{decide_batch, Pending};
pub use policy::story_id;
