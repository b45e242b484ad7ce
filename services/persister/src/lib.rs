//! The persister: deduplicated articles in, rows in PostgreSQL.
//!
//! `rows` defines each table's rows once (one statement per table, rows
//! as arrays); `store` writes messages with them, one or a batch; the
//! story's cluster comes from the deduplicator's published assignment
//! (`wirefeed_plumbing::clusters`); `service` wires it to Kafka.

pub mod rows;
pub mod service;
pub mod store;
