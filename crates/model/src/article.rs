//! A normalized article: what the normalizer makes of one raw page.

use chrono::{DateTime, FixedOffset};

/// A time as the source stated it, with its UTC offset kept, so the
/// calendar day the page printed survives (UTC would shift it).
pub type Timestamp = DateTime<FixedOffset>;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The canonical URL of the page (`link rel=canonical`, `og:url`, else the fetched URL, canonicalized).
    pub canonical_url: String,
    /// The story identity the deduplicator groups versions by: the wire
    /// provider's `uri`/`guid` when there is one, else the canonical URL.
    pub identity: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    /// Section path from the breadcrumb or the URL, outermost first.
    #[serde(default)]
    pub section: Vec<String>,
    #[serde(default)]
    pub authors: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    pub paragraphs: Vec<Paragraph>,
    /// The body as plain text, paragraphs separated by blank lines.
    pub body: String,
    #[serde(default)]
    pub captions: Vec<Caption>,
    #[serde(default)]
    pub images: Vec<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub word_count: u32,
    /// SHA-256 (hex) of the normalized body: equal bodies, equal hashes.
    pub body_hash: String,
    /// How sure the extractor is that it found the article, 0 to 1.
    pub confidence: f32,
    /// The input kind the article was extracted from: `html`, `text`, `ninjs`.
    pub format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<WireInfo>,
    /// What this version is, as the wire's headline prefix says
    /// ("UPDATE 2-", "CORRECTED-", "REFILE-"); the prefix is not kept in
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

impl Article {
    /// The section path as breadcrumb text, e.g. "National > Diplomacy".
    pub fn section_path(&self) -> Option<String> {
        (!self.section.is_empty()).then(|| self.section.join(" > "))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// True for a subhead inside the body.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subhead: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// What a wire format says about an item's identity and version, for the
/// deduplicator (ninjs `uri`/`version`/`pubStatus`, NewsML-G2 `guid`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WireInfo {
    pub uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_created: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_created: Option<Timestamp>,
    /// `usable`, `withheld` or `canceled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pub_status: Option<String>,
}

/// A wire headline's revision prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// `update`, `correction` or `refile`.
    pub kind: String,
    /// The update's number ("UPDATE 2-" → 2), when printed: it orders the
    /// versions of a story that carries no wire version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
}
