//! The raw message contract: what a scraper publishes to `articles.raw`.
//! The JSON Schema in `schemas/raw-message.schema.json` documents the same rules.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The version of the raw message contract this build reads. A scraper may
/// send `"schema_version": 1`; a message without one is read as version 1.
/// A later, incompatible contract gets a new number, and a build that does
/// not know it dead-letters the message instead of misreading it.
pub const RAW_SCHEMA_VERSION: u64 = 1;

/// Largest raw message accepted by default; larger pages are dead-lettered.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 8 * 1024 * 1024;

/// Why a raw message cannot be processed. Every variant is permanent: the
/// message itself is wrong, so retrying cannot help.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RawError {
    #[error("message is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: usize, limit: usize },
    #[error("message is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("message is JSON but not an object")]
    NotAnObject,
    #[error("field `{field}` must be {expected}")]
    WrongType {
        field: &'static str,
        expected: &'static str,
    },
    #[error("message has no `url`")]
    MissingUrl,
    #[error("`url` is not an absolute http(s) URL: {0}")]
    InvalidUrl(String),
    #[error("message has no page body (`body`, `html`, `text` or `content`)")]
    MissingBody,
    #[error("page body is empty")]
    EmptyBody,
    #[error("`fetched_at` is not an RFC 3339 time: {0}")]
    InvalidFetchedAt(String),
    #[error("`schema_version` {0} is not one this build reads (it reads {RAW_SCHEMA_VERSION})")]
    UnsupportedSchemaVersion(String),
}

impl RawError {
    /// A short, stable, low-cardinality name used as a metric label and a
    /// dead-letter header.
    pub fn kind(&self) -> &'static str {
        match self {
            RawError::TooLarge { .. } => "too_large",
            RawError::InvalidJson(_) => "invalid_json",
            RawError::NotAnObject => "not_an_object",
            RawError::WrongType { .. } => "wrong_type",
            RawError::MissingUrl => "missing_url",
            RawError::InvalidUrl(_) => "invalid_url",
            RawError::MissingBody => "missing_body",
            RawError::EmptyBody => "empty_body",
            RawError::InvalidFetchedAt(_) => "invalid_fetched_at",
            RawError::UnsupportedSchemaVersion(_) => "unsupported_schema_version",
        }
    }
}

/// A raw page as a scraper sent it, after validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawMessage {
    pub url: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<crate::Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Fields the contract does not name, kept as sent.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
    /// What `json_repair` mended to read the message, if anything.
    #[serde(skip)]
    pub repairs: Vec<String>,
}

/// The names a page's body may come under, the first present winning.
pub const BODY_ALIASES: [&str; 4] = ["body", "html", "text", "content"];
const KNOWN_FIELDS: [&str; 8] = [
    "url",
    "content_type",
    "fetched_at",
    "source",
    "id",
    "title",
    "published_at",
    "language",
];

impl RawMessage {
    /// Parses and validates a raw message. Never panics, whatever the bytes.
    pub fn parse(bytes: &[u8], max_bytes: usize) -> Result<Self, RawError> {
        if bytes.len() > max_bytes {
            return Err(RawError::TooLarge {
                size: bytes.len(),
                limit: max_bytes,
            });
        }
        // Some producers write a UTF-8 byte order mark first; JSON has none.
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let fast = crate::json_fields::object(bytes, &BODY_ALIASES).map(Value::Object);
        let (value, repairs): (Value, Vec<String>) =
            match fast.map_or_else(|| serde_json::from_slice(bytes), Ok) {
                Ok(value) => (value, Vec::new()),
                // One bad optional field must not lose the page: mend what can
                // be mended, and say so.
                Err(strict) => crate::json_repair::repair(bytes)
                    .and_then(|(mended, repairs)| {
                        serde_json::from_slice(&mended).ok().map(|v| (v, repairs))
                    })
                    .ok_or_else(|| RawError::InvalidJson(strict.to_string()))?,
            };
        let Value::Object(mut object) = strip_nul(value) else {
            return Err(RawError::NotAnObject);
        };

        match object.remove("schema_version") {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if n.as_u64() == Some(RAW_SCHEMA_VERSION) => {}
            Some(other) => return Err(RawError::UnsupportedSchemaVersion(other.to_string())),
        }

        let url = match object.remove("url") {
            None | Some(Value::Null) => return Err(RawError::MissingUrl),
            Some(Value::String(s)) => s.trim().to_string(),
            Some(_) => {
                return Err(RawError::WrongType {
                    field: "url",
                    expected: "a string",
                })
            }
        };
        validate_url(&url)?;

        let mut body = None;
        for alias in BODY_ALIASES {
            match object.remove(alias) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) if body.is_none() => body = Some(s),
                // A second alias is kept as an unknown field, not lost.
                Some(Value::String(s)) => {
                    object.insert(alias.to_string(), Value::String(s));
                }
                Some(_) => {
                    return Err(RawError::WrongType {
                        field: "body",
                        expected: "a string",
                    })
                }
            }
        }
        let body = body.ok_or(RawError::MissingBody)?;
        if body.trim().is_empty() {
            return Err(RawError::EmptyBody);
        }

        let content_type = optional_string(&mut object, "content_type")?;
        let source = optional_string(&mut object, "source")?;
        let title = optional_string(&mut object, "title")?;
        let language = optional_string(&mut object, "language")?;
        let id = match object.remove("id") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            // Scrapers often use numeric ids; keep them as text.
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => {
                return Err(RawError::WrongType {
                    field: "id",
                    expected: "a string or number",
                })
            }
        };
        let fetched_at = optional_string(&mut object, "fetched_at")?
            .map(|s| parse_time(&s).ok_or(RawError::InvalidFetchedAt(s)))
            .transpose()?;
        // `published_at` is only a hint: an unparseable one is ignored, not fatal.
        let published_at = optional_string(&mut object, "published_at")?
            .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok());

        for known in KNOWN_FIELDS {
            object.remove(known);
        }
        Ok(RawMessage {
            url,
            body,
            content_type,
            fetched_at,
            source,
            id,
            title,
            published_at,
            language,
            extra: object,
            repairs,
        })
    }
}

/// PostgreSQL text and jsonb cannot hold U+0000: remove it everywhere, so a
/// stray NUL in any field cannot fail the write downstream.
fn strip_nul(value: Value) -> Value {
    match value {
        Value::String(s) if s.contains('\0') => Value::String(s.replace('\0', "")),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nul).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.replace('\0', ""), strip_nul(v)))
                .collect(),
        ),
        other => other,
    }
}

fn optional_string(
    object: &mut Map<String, Value>,
    field: &'static str,
) -> Result<Option<String>, RawError> {
    match object.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(RawError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn validate_url(raw: &str) -> Result<(), RawError> {
    if raw.is_empty() {
        return Err(RawError::MissingUrl);
    }
    // The URL standard reads "https:///a" as the host "a"; a scraper that
    // wrote it lost its host, so it is refused (as the JSON Schema does).
    let authority_given = raw
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.starts_with(['/', '\\']));
    match url::Url::parse(raw) {
        Ok(u)
            if (u.scheme() == "http" || u.scheme() == "https")
                && u.host_str().is_some()
                && authority_given =>
        {
            Ok(())
        }
        _ => Err(RawError::InvalidUrl(truncate(raw, 200))),
    }
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<RawMessage, RawError> {
        RawMessage::parse(s.as_bytes(), DEFAULT_MAX_MESSAGE_BYTES)
    }

    #[test]
    fn accepts_body_aliases_and_keeps_unknown_fields() {
        let m = parse(r#"{"url":"https://a.example/x","html":"<p>hi</p>","crawler":"v2","id":7}"#)
            .unwrap();
        assert_eq!(m.body, "<p>hi</p>");
        assert_eq!(m.id.as_deref(), Some("7"));
        assert_eq!(m.extra.get("crawler"), Some(&Value::String("v2".into())));
    }

    #[test]
    fn rejects_each_malformed_kind_with_its_reason() {
        let cases = [
            ("not json", "invalid_json"),
            ("[1,2]", "not_an_object"),
            (r#"{"body":"x"}"#, "missing_url"),
            (r#"{"url":5,"body":"x"}"#, "wrong_type"),
            (r#"{"url":"/relative","body":"x"}"#, "invalid_url"),
            (r#"{"url":"javascript:alert(1)","body":"x"}"#, "invalid_url"),
            (r#"{"url":"https://a.example/"}"#, "missing_body"),
            (r#"{"url":"https://a.example/","body":"  "}"#, "empty_body"),
            (
                r#"{"url":"https://a.example/","body":"x","fetched_at":"yesterday"}"#,
                "invalid_fetched_at",
            ),
        ];
        for (input, kind) in cases {
            assert_eq!(parse(input).unwrap_err().kind(), kind, "input: {input}");
        }
    }

    #[test]
    fn nul_characters_are_removed_from_every_field() {
        let m = parse(r#"{"url":"https://a.example/x","body":"a\u0000b","source":"S\u0000","extra":{"k\u0000":["v\u0000"]}}"#).unwrap();
        assert_eq!(m.body, "ab");
        assert_eq!(m.source.as_deref(), Some("S"));
        assert_eq!(m.extra["extra"], serde_json::json!({"k": ["v"]}));
    }

    #[test]
    fn rejects_oversized_messages_before_parsing() {
        let err = RawMessage::parse(&[b'x'; 100], 10).unwrap_err();
        assert_eq!(
            err,
            RawError::TooLarge {
                size: 100,
                limit: 10
            }
        );
    }
}
