//! The persister: deduplicated articles in, rows in PostgreSQL.

pub mod service;
pub mod store;
