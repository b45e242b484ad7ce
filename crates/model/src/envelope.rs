//! Messages between the services. Each carries `schema_version` so a
//! consumer can refuse (dead-letter) a shape it does not understand instead
//! of misreading it, and a reference to the raw message it came from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::Article;

/// Bumped on any incompatible change to the messages below.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a story sighting came from: the raw message's coordinates and a
/// digest of its bytes (together its idempotency key downstream) and what
/// the scraper said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawRef {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// `RawRef::digest_of` the raw record's value. Absent from
    /// messages written before it existed, whose key is their coordinates.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub digest: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<DateTime<Utc>>,
    /// Unknown fields the scraper sent, passed through.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
    /// Set when `wirefeed reprocess` extracted this archived raw message
    /// again: the sighting is a new extraction of a stored story's page,
    /// not a new scrape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reprocess: Option<Reprocess>,
}

/// A new extraction of the archived page behind a story's current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reprocess {
    /// The story whose page was extracted again (kept whatever the new
    /// extraction's identity).
    pub story_id: Uuid,
    /// The story's version whose page this is: the new extraction becomes
    /// current only if that version still is.
    pub version: i32,
    /// `RawRef::digest_of` the new article's JSON: a replay of this
    /// extraction has the same sighting key, a later, different one does not.
    pub article_digest: String,
}

impl RawRef {
    /// A key unique to one raw message: replays of the same message share it,
    /// a re-publication of the same page does not. The coordinates alone
    /// are not enough: a topic deleted and created again (or a broker whose
    /// data was wiped, or another cluster) hands out the same offsets to
    /// other pages, which would then pass for replays and be dropped. The
    /// digest of the record's bytes tells them apart.
    pub fn sighting_key(&self) -> String {
        let raw = self.raw_key();
        match &self.reprocess {
            Some(r) => format!("{raw}/reprocess/{}", r.article_digest),
            None => raw,
        }
    }

    /// The key of the raw message itself (the sighting key of its first
    /// extraction): the archive's key for the page.
    pub fn raw_key(&self) -> String {
        if self.digest.is_empty() {
            format!("{}/{}/{}", self.topic, self.partition, self.offset)
        } else {
            RawRef::key_of(&self.topic, self.partition, self.offset, &self.digest)
        }
    }

    /// The key of a raw message at these coordinates with this digest:
    /// `raw_key` of its reference, and the archive's key for its bytes.
    pub fn key_of(topic: &str, partition: i32, offset: i64, digest: &str) -> String {
        format!("{topic}/{partition}/{offset}/{digest}")
    }

    /// The digest a sighting key carries: SHA-256 of the record's value,
    /// its first 128 bits in hex.
    pub fn digest_of(payload: &[u8]) -> String {
        crate::identity::short_digest(payload)
    }
}

/// normalizer → deduplicator
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormalizedMessage {
    pub schema_version: u32,
    pub raw: RawRef,
    pub article: Article,
    /// What the normalizer mended or dropped to keep the page (a repaired
    /// field, an implausible date, a field cut to its bound).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Something the normalizer mended or dropped on a page it kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Short stable name, a metric label: `json_repaired`, `field_cut`,
    /// `implausible_date`, `fetched_at_in_future`, `credentials_removed`,
    /// `bidi_controls_removed`.
    pub kind: String,
    pub detail: String,
}

impl Warning {
    pub fn new(kind: &str, detail: impl Into<String>) -> Warning {
        Warning {
            kind: kind.to_string(),
            detail: detail.into(),
        }
    }
}

/// deduplicator → persister
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupedMessage {
    pub schema_version: u32,
    pub raw: RawRef,
    pub article: Article,
    pub decision: Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    New,
    Rescrape,
    Update,
    Kill,
    ExactDuplicate,
    NearDuplicate,
    /// A new extraction of an archived page (`wirefeed reprocess`) that
    /// differs from the stored one: a new version of the story.
    Reprocessed,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::New,
        Verdict::Rescrape,
        Verdict::Update,
        Verdict::Kill,
        Verdict::ExactDuplicate,
        Verdict::NearDuplicate,
        Verdict::Reprocessed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::New => "new",
            Verdict::Rescrape => "rescrape",
            Verdict::Update => "update",
            Verdict::Kill => "kill",
            Verdict::ExactDuplicate => "exact_duplicate",
            Verdict::NearDuplicate => "near_duplicate",
            Verdict::Reprocessed => "reprocessed",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether this sighting brings a version of the story's own text that
    /// the story row and its history must hold.
    pub fn carries_version(self) -> bool {
        matches!(self, Verdict::New | Verdict::Update | Verdict::Reprocessed)
    }
}

/// What the deduplicator decided about one raw message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub verdict: Verdict,
    /// The story this sighting belongs to: the one with the message's
    /// identity (every outlet's copy is a story of its own).
    pub story_id: Uuid,
    /// Every copy of a story shares this id: the `story_id` of the cluster's
    /// canonical story, its earliest-published copy. It can change later (a
    /// copy published earlier arrives, or a copy links two clusters); the
    /// deduplicator's state always holds the current one.
    pub cluster_id: Uuid,
    /// The story's version number after this message (1 for a new story),
    /// numbered in arrival order.
    pub version: i32,
    /// Whether this message's text is now the story's current version. An
    /// older version arriving late is recorded in the history but is not
    /// current, so it never overwrites a newer one.
    #[serde(default = "default_true")]
    pub current: bool,
    /// For duplicates: the estimated similarity to the matched story's body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
    /// For duplicates: the story whose text this one matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<Uuid>,
    /// Whether this decision moved stories seen before to another cluster
    /// (clusters merged, or the canonical copy changed), so stored rows of
    /// those stories need the new cluster id.
    #[serde(default)]
    pub cluster_changed: bool,
    pub decided_at: DateTime<Utc>,
}

fn default_true() -> bool {
    true
}
