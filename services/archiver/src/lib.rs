//! The archiver: every raw message, as published, into `raw_pages`, so an
//! improved extractor can reach stories stored before it (`wirefeed
//! reprocess`). It reads `articles.raw` in a consumer group of its own,
//! beside the normalizer, and keeps pages that the normalizer refuses too:
//! a fix may make them articles.

pub mod archive;
pub mod service;
