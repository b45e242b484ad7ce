//! Configuration, layered in this order (later layers win):
//!   1. built-in defaults (`Settings::defaults_for`),
//!   2. an optional TOML file (`--config PATH` or `WIREFEED_CONFIG`),
//!   3. environment variables `WIREFEED__SECTION__KEY`, e.g.
//!      `WIREFEED__KAFKA__BROKERS=kafka:9092`,
//!      `WIREFEED__DATABASE__URL=postgres://…`,
//!      `WIREFEED__KAFKA__PROPERTIES__SASL_PASSWORD=…` (librdkafka property
//!      names take `_` for `.` in variables, since shells reject dots).
//!
//! Unknown keys are rejected, so a typo fails at start-up instead of being
//! ignored. `config/wirefeed.example.toml` lists every setting.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub kafka: KafkaSettings,
    pub topics: TopicSettings,
    pub database: DatabaseSettings,
    pub http: HttpSettings,
    pub limits: LimitSettings,
    pub retry: RetrySettings,
    pub log: LogSettings,
    #[serde(default)]
    pub normalizer: NormalizerSettings,
    #[serde(default)]
    pub dedup: DedupSettings,
    #[serde(default)]
    pub retention: RetentionSettings,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaSettings {
    /// Bootstrap servers, comma-separated.
    pub brokers: String,
    /// Consumer group of this service; replicas share it.
    pub group_id: String,
    /// How often librdkafka reports statistics (consumer lag), in ms.
    pub statistics_interval_ms: u64,
    /// How long a produce may wait for the broker's acknowledgement, in ms.
    pub delivery_timeout_ms: u64,
    /// How long the service may hold no partition of its input topic and
    /// still report ready, in ms. A replica restarted after a crash waits
    /// up to the group's session timeout (librdkafka: 45 s) for the dead
    /// member's partitions; longer means it is stuck, or idle beside as
    /// many replicas as partitions.
    pub max_unassigned_ms: u64,
    /// librdkafka properties passed through as they are (SASL, TLS, tuning).
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicSettings {
    pub raw: String,
    pub normalized: String,
    pub deduped: String,
    pub dlq: String,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// PostgreSQL URL; may hold a password, so it is never logged.
    pub url: String,
    pub max_connections: u32,
    /// How long to wait for a connection from the pool, in ms.
    pub acquire_timeout_ms: u64,
    /// The longest one statement may run before the server cancels it
    /// (the write is then retried as a transient failure), ms; 0: no limit.
    pub statement_timeout_ms: u64,
    /// The longest a statement may wait for a lock, ms; 0: no limit.
    pub lock_timeout_ms: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// Address of `/metrics`, `/health/live` and `/health/ready`.
    pub listen: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    /// Raw messages larger than this are dead-lettered as `too_large`.
    pub max_message_bytes: usize,
    /// Pages (the raw message's `body`) larger than this are dead-lettered
    /// as `page_too_large` before parsing; parse time and memory grow with
    /// the page, so this bounds both.
    pub max_page_bytes: usize,
    /// Pages whose extraction takes longer are dead-lettered as
    /// `parse_timeout`, in ms.
    pub parse_timeout_ms: u64,
    /// Pages with more paragraphs than this are cut, and the cut is logged.
    pub max_paragraphs: usize,
    /// Messages processed whose produced records the broker has not yet
    /// acknowledged; at the limit, processing waits (backpressure).
    pub max_in_flight: usize,
    /// The same bound in bytes of records awaiting acknowledgement.
    pub max_in_flight_bytes: usize,
    /// After SIGTERM/SIGINT, how long in-flight work may take before the
    /// service exits anyway (what is not committed is replayed), in ms.
    pub shutdown_grace_ms: u64,
    /// The most messages the deduplicator decides, and the persister
    /// writes, in one transaction. Only messages already fetched are
    /// batched: a batch never waits to fill.
    pub max_batch_messages: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySettings {
    /// First pause after a transient failure, in ms; doubles up to `max_backoff_ms`.
    pub initial_backoff_ms: u64,
    pub max_backoff_ms: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// `text` or `json`.
    pub format: String,
    /// A `tracing` filter, e.g. `info` or `wirefeed=debug,info`.
    pub level: String,
}

/// `[normalizer]`: what the normalizer accepts as an article. Page and
/// time bounds are in `[limits]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NormalizerSettings {
    /// Pages whose body has fewer words are dead-lettered as
    /// `not_an_article` (login walls, teasers). Lower it for feeds of news
    /// briefs.
    pub min_body_words: usize,
    /// Pages nesting elements deeper than this are dead-lettered as
    /// `too_deeply_nested` before parsing.
    pub max_nesting: usize,
}

impl Default for NormalizerSettings {
    fn default() -> NormalizerSettings {
        NormalizerSettings {
            min_body_words: 30,
            max_nesting: 1000,
        }
    }
}

/// `[dedup]`: what makes two texts copies of one story (the deduplicator's
/// copy test). Measured precision and recall at several settings are in
/// docs/measurements.md. Changing the shingle sizes or `lead_shingles`
/// changes every fingerprint: stories stored before compare with new ones
/// on their Jaccard similarity only until they are seen again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DedupSettings {
    /// Words per shingle (space-separated scripts).
    pub shingle_words: usize,
    /// Characters per shingle (Chinese, Japanese, Korean).
    pub cjk_shingle_chars: usize,
    /// Estimated Jaccard similarity at or above which two texts are copies.
    pub jaccard: f32,
    /// Estimated share of the shorter text found in the longer at or above
    /// which the shorter is a (truncated) copy.
    pub containment: f32,
    /// The Jaccard similarity a containment match needs as well (bounds how
    /// much shorter than the story a copy may be).
    pub containment_min_jaccard: f32,
    /// Shingles the shorter text needs for a containment match.
    pub containment_min_shingles: u32,
    /// Shingles of a story's start indexed on their own, so a copy cut
    /// short is still found.
    pub lead_shingles: usize,
    /// The Jaccard similarity two pages of one outlet (web host) need to be
    /// copies: they share its page chrome, which an extraction may keep.
    pub same_outlet_jaccard: f32,
}

impl Default for DedupSettings {
    fn default() -> DedupSettings {
        DedupSettings {
            shingle_words: 4,
            cjk_shingle_chars: 5,
            jaccard: 0.6,
            containment: 0.7,
            containment_min_jaccard: 0.2,
            containment_min_shingles: 40,
            lead_shingles: 40,
            same_outlet_jaccard: 0.8,
        }
    }
}

/// `[retention]`: how long stored rows are kept (`wirefeed prune` deletes
/// what is older; 0 keeps everything).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionSettings {
    /// Raw pages in the archive (`raw_pages`), by the time they were
    /// archived: `wirefeed reprocess` can reach stories this far back.
    pub raw_pages_days: u32,
    /// Clusters of stories none of whose copies was seen for this long,
    /// with their versions, sightings and deduplication state.
    pub stories_days: u32,
}

impl Default for RetentionSettings {
    fn default() -> RetentionSettings {
        RetentionSettings {
            raw_pages_days: 90,
            stories_days: 0,
        }
    }
}

/// Errors loading configuration: always fatal at start-up.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("configuration: {0}")]
    Invalid(#[from] config::ConfigError),
    #[error("configuration: cannot read {variable} ({path}): {error}")]
    SecretFile {
        variable: String,
        path: String,
        error: std::io::Error,
    },
    #[error("configuration: both {0} and {0}_FILE are set")]
    Ambiguous(String),
    #[error("configuration: {0}")]
    OutOfRange(String),
}

impl Settings {
    /// Built-in defaults for one service: its consumer group and metrics port.
    pub fn defaults_for(service: &str) -> Settings {
        let port = match service {
            "normalizer" => 9101,
            "deduplicator" => 9102,
            "persister" => 9103,
            "archiver" => 9104,
            _ => 9100,
        };
        Settings {
            kafka: KafkaSettings {
                brokers: "127.0.0.1:9092".into(),
                group_id: format!("wirefeed-{service}"),
                statistics_interval_ms: 5000,
                delivery_timeout_ms: 30_000,
                max_unassigned_ms: 60_000,
                properties: BTreeMap::new(),
            },
            topics: TopicSettings {
                raw: wirefeed_model::topics::RAW.into(),
                normalized: wirefeed_model::topics::NORMALIZED.into(),
                deduped: wirefeed_model::topics::DEDUPED.into(),
                dlq: wirefeed_model::topics::DLQ.into(),
            },
            database: DatabaseSettings {
                url: "postgres://postgres@127.0.0.1:5432/wirefeed".into(),
                max_connections: 8,
                acquire_timeout_ms: 10_000,
                statement_timeout_ms: 60_000,
                lock_timeout_ms: 30_000,
            },
            http: HttpSettings {
                listen: format!("0.0.0.0:{port}"),
            },
            limits: LimitSettings {
                max_message_bytes: wirefeed_model::raw::DEFAULT_MAX_MESSAGE_BYTES,
                max_page_bytes: 4 * 1024 * 1024,
                parse_timeout_ms: 10_000,
                max_paragraphs: 2000,
                max_in_flight: 500,
                max_in_flight_bytes: 64 * 1024 * 1024,
                shutdown_grace_ms: 30_000,
                max_batch_messages: 256,
            },
            retry: RetrySettings {
                initial_backoff_ms: 200,
                max_backoff_ms: 30_000,
            },
            log: LogSettings {
                format: "text".into(),
                level: "info".into(),
            },
            normalizer: NormalizerSettings::default(),
            dedup: DedupSettings::default(),
            retention: RetentionSettings::default(),
        }
    }

    /// Loads the layers described at the top of this file.
    pub fn load(service: &str, file: Option<&Path>) -> Result<Settings, SettingsError> {
        Self::load_from(service, file, std::env::vars())
    }

    /// As `load`, with the environment given explicitly (for tests).
    pub fn load_from(
        service: &str,
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, SettingsError> {
        let defaults = config::Config::try_from(&Settings::defaults_for(service))?;
        let mut builder = config::Config::builder().add_source(defaults);
        if let Some(path) = file {
            builder = builder.add_source(config::File::from(path).required(true));
        }
        let env = with_secret_files(
            env.into_iter()
                .filter(|(k, _)| k.starts_with("WIREFEED__"))
                .collect(),
        )?;
        builder = builder.add_source(
            config::Environment::with_prefix("WIREFEED")
                .prefix_separator("__")
                .separator("__")
                .source(Some(env)),
        );
        let mut settings: Settings = builder.build()?.try_deserialize()?;
        // Variables cannot carry dots; librdkafka names never hold underscores.
        settings.kafka.properties = std::mem::take(&mut settings.kafka.properties)
            .into_iter()
            .map(|(k, v)| (k.replace('_', "."), v))
            .collect();
        settings.validate()?;
        Ok(settings)
    }

    /// Values that parse but cannot work: refused at start with the key
    /// named, instead of a service that spins (a zero backoff) or logs in
    /// a format nobody asked for.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let bad = |key: &str, why: &str| Err(SettingsError::OutOfRange(format!("{key} {why}")));
        if !["text", "json"].contains(&self.log.format.as_str()) {
            return bad(
                "log.format",
                &format!("must be text or json, not {:?}", self.log.format),
            );
        }
        let d = &self.dedup;
        for (key, value) in [
            ("dedup.jaccard", d.jaccard),
            ("dedup.containment", d.containment),
            ("dedup.containment_min_jaccard", d.containment_min_jaccard),
            ("dedup.same_outlet_jaccard", d.same_outlet_jaccard),
        ] {
            if !(value > 0.0 && value <= 1.0) {
                return bad(key, &format!("must be above 0 and at most 1, not {value}"));
            }
        }
        if d.shingle_words == 0 || d.cjk_shingle_chars == 0 {
            return bad(
                "dedup.shingle_words / dedup.cjk_shingle_chars",
                "must be at least 1",
            );
        }
        if self.retry.initial_backoff_ms == 0 {
            return bad("retry.initial_backoff_ms", "must be at least 1");
        }
        if self.retry.max_backoff_ms < self.retry.initial_backoff_ms {
            return bad(
                "retry.max_backoff_ms",
                "must be at least retry.initial_backoff_ms",
            );
        }
        for (key, value) in [
            ("limits.max_message_bytes", self.limits.max_message_bytes),
            ("limits.max_page_bytes", self.limits.max_page_bytes),
            ("limits.max_in_flight", self.limits.max_in_flight),
            ("limits.max_batch_messages", self.limits.max_batch_messages),
            ("normalizer.min_body_words", self.normalizer.min_body_words),
            ("normalizer.max_nesting", self.normalizer.max_nesting),
            (
                "limits.parse_timeout_ms",
                self.limits.parse_timeout_ms as usize,
            ),
            (
                "kafka.delivery_timeout_ms",
                self.kafka.delivery_timeout_ms as usize,
            ),
            (
                "database.max_connections",
                self.database.max_connections as usize,
            ),
        ] {
            if value == 0 {
                return bad(key, "must be at least 1");
            }
        }
        Ok(())
    }
}

/// `WIREFEED__…_FILE=/path` sets `WIREFEED__…` to the file's content (its
/// trailing newline dropped), so secrets can come from files such as Docker
/// or Kubernetes secrets instead of the environment.
fn with_secret_files(
    env: config::Map<String, String>,
) -> Result<config::Map<String, String>, SettingsError> {
    let mut out = config::Map::new();
    for key in env.keys() {
        if let Some(target) = key.strip_suffix("_FILE") {
            if env.contains_key(target) {
                return Err(SettingsError::Ambiguous(target.to_string()));
            }
        }
    }
    for (key, value) in env {
        let Some(target) = key.strip_suffix("_FILE") else {
            out.insert(key, value);
            continue;
        };
        let content =
            std::fs::read_to_string(&value).map_err(|error| SettingsError::SecretFile {
                variable: key.clone(),
                path: value.clone(),
                error,
            })?;
        let content = content.strip_suffix('\n').unwrap_or(&content);
        let content = content.strip_suffix('\r').unwrap_or(content);
        out.insert(target.to_string(), content.to_string());
    }
    Ok(out)
}

/// True for a property name whose value must never be printed (SASL's
/// `sasl.oauthbearer.config` and `sasl.jaas.config` carry client secrets).
pub fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "password",
        "secret",
        "key",
        "token",
        "credential",
        "oauthbearer.config",
        "jaas",
    ]
    .iter()
    .any(|s| key.contains(s))
}

impl fmt::Debug for KafkaSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let props: BTreeMap<&str, &str> = self
            .properties
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str(),
                    if is_secret(k) {
                        "<redacted>"
                    } else {
                        v.as_str()
                    },
                )
            })
            .collect();
        f.debug_struct("KafkaSettings")
            .field("brokers", &self.brokers)
            .field("group_id", &self.group_id)
            .field("statistics_interval_ms", &self.statistics_interval_ms)
            .field("delivery_timeout_ms", &self.delivery_timeout_ms)
            .field("max_unassigned_ms", &self.max_unassigned_ms)
            .field("properties", &props)
            .finish()
    }
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &redact_url(&self.url))
            .field("max_connections", &self.max_connections)
            .field("acquire_timeout_ms", &self.acquire_timeout_ms)
            .field("statement_timeout_ms", &self.statement_timeout_ms)
            .field("lock_timeout_ms", &self.lock_timeout_ms)
            .finish()
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("kafka", &self.kafka)
            .field("topics", &self.topics)
            .field("database", &self.database)
            .field("http", &self.http)
            .field("limits", &self.limits)
            .field("retry", &self.retry)
            .field("log", &self.log)
            .field("normalizer", &self.normalizer)
            .field("dedup", &self.dedup)
            .field("retention", &self.retention)
            .finish()
    }
}

/// The URL with any password replaced, for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => {
                    format!("{}{user}:<redacted>{}", &url[..scheme_end + 3], &url[at..])
                }
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests;
