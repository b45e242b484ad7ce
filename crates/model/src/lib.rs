//! The message contract of wirefeed: what scrapers publish, what the
//! services pass to each other, and how a story's identity is derived.
//!
//! Everything here is pure (no I/O) so it can be unit-tested and fuzzed alone.

pub mod article;
pub mod envelope;
pub mod field_caps;
pub mod identity;
mod json_fields;
pub mod json_repair;
pub mod raw;

pub use article::{Article, Author, Caption, Image, Paragraph, Revision, Timestamp, WireInfo};
pub use envelope::{
    Decision, DedupedMessage, NormalizedMessage, RawRef, Reprocess, Verdict, Warning,
    SCHEMA_VERSION,
};
pub use identity::{canonical_url, story_key};
pub use json_fields::reads_as_serde_json;
pub use raw::{RawError, RawMessage};

/// Topic names used when the configuration does not override them.
pub mod topics {
    pub const RAW: &str = "articles.raw";
    pub const NORMALIZED: &str = "articles.normalized";
    pub const DEDUPED: &str = "articles.deduped";
    pub const DLQ: &str = "articles.dlq";
}

/// Header names carried by dead letters, so a reader can tell where a
/// message came from and why it was rejected without parsing its payload.
pub mod dlq_headers {
    pub const STAGE: &str = "wirefeed.stage";
    pub const ERROR_KIND: &str = "wirefeed.error_kind";
    pub const REASON: &str = "wirefeed.reason";
    pub const SOURCE_TOPIC: &str = "wirefeed.source_topic";
    pub const SOURCE_PARTITION: &str = "wirefeed.source_partition";
    pub const SOURCE_OFFSET: &str = "wirefeed.source_offset";
    pub const FAILED_AT: &str = "wirefeed.failed_at";
}
