//! The persister: deduplicated articles in, rows in PostgreSQL.

pub mod service;
pub mod store;
pub mod store_bulk;
