//! The normalizer service: `articles.raw` → `articles.normalized`.

use wirefeed_model::{story_key, NormalizedMessage, RawMessage, RawRef, SCHEMA_VERSION};
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::events::{InternalEvent, NormalizeWarning, Origin};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{Metrics, Settings, StageError};

use std::time::Duration;

use crate::extract::{normalize, Limits};
use crate::extraction_thread::{ExtractionThread, ExtractionThreadError};
use crate::sanitize::sanitize;

pub const SERVICE: &str = "normalizer";

/// Raw message bytes → normalized message, or the permanent reason it cannot
/// be one. The service and `wirefeed normalize` both call this.
pub fn process_raw(
    payload: &[u8],
    origin: &Origin,
    max_message_bytes: usize,
    limits: &Limits,
) -> Result<NormalizedMessage, StageError> {
    let mut raw = RawMessage::parse(payload, max_message_bytes)
        .map_err(|e| StageError::permanent(e.kind(), e.to_string()))?;
    // A bug in an extractor must cost one message, not the service.
    let mut article = std::panic::catch_unwind(|| normalize(&raw, limits))
        .map_err(|_| {
            StageError::permanent("extractor_panic", "the extractor panicked on this page")
        })?
        .map_err(|e| StageError::permanent(e.kind(), e.to_string()))?;
    let warnings = sanitize(&mut raw, &mut article, chrono::Utc::now())
        .map_err(|e| StageError::permanent("url_too_long", e.to_string()))?;
    Ok(NormalizedMessage {
        schema_version: SCHEMA_VERSION,
        raw: RawRef {
            topic: origin.topic.clone(),
            partition: origin.partition,
            offset: origin.offset,
            digest: RawRef::digest_of(payload),
            url: raw.url,
            id: raw.id,
            source: raw.source,
            fetched_at: raw.fetched_at,
            extra: raw.extra,
            reprocess: None,
        },
        article,
        warnings,
    })
}

/// The extraction limits the configuration sets.
pub fn limits_from(settings: &Settings) -> Limits {
    Limits {
        max_paragraphs: settings.limits.max_paragraphs,
        max_page_bytes: settings.limits.max_page_bytes,
        min_body_words: settings.normalizer.min_body_words,
        max_nesting: settings.normalizer.max_nesting,
    }
}

pub struct NormalizerHandler {
    metrics: Metrics,
    output_topic: String,
    max_message_bytes: usize,
    limits: Limits,
    parse_timeout: Duration,
    extraction: ExtractionThread,
}

impl NormalizerHandler {
    pub fn new(settings: &Settings, metrics: Metrics) -> Self {
        NormalizerHandler {
            metrics,
            output_topic: settings.topics.normalized.clone(),
            max_message_bytes: settings.limits.max_message_bytes,
            limits: limits_from(settings),
            parse_timeout: Duration::from_millis(settings.limits.parse_timeout_ms),
            extraction: ExtractionThread::new(),
        }
    }
}

impl Handler for NormalizerHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        let (payload, origin) = (message.payload.clone(), message.origin.clone());
        let (max, limits) = (self.max_message_bytes, self.limits.clone());
        // Extraction is CPU work on untrusted input: off the async workers,
        // with a deadline.
        let normalized = self
            .extraction
            .run(self.parse_timeout, move || {
                process_raw(&payload, &origin, max, &limits)
            })
            .await;
        self.metrics
            .extractions_overrunning
            .set(crate::extraction_thread::overrunning() as i64);
        let normalized = normalized.map_err(|e| match e {
            ExtractionThreadError::Overran(_) => {
                StageError::permanent("parse_timeout", e.to_string())
            }
            ExtractionThreadError::Spawn(_) => {
                StageError::transient("no_extraction_thread", e.to_string())
            }
            ExtractionThreadError::Lost => StageError::permanent("extractor_panic", e.to_string()),
        })??;
        for warning in &normalized.warnings {
            NormalizeWarning { warning }.emit(&self.metrics);
        }
        let payload = serde_json::to_vec(&normalized)
            .map_err(|e| StageError::permanent("serialization_failed", e.to_string()))?;
        Ok(vec![Outgoing {
            topic: self.output_topic.clone(),
            key: Some(story_key(&normalized.article.identity)),
            payload,
        }])
    }
}

pub type Application = StageApp<NormalizerHandler>;

pub async fn build(settings: &Settings) -> Result<Application, AppError> {
    let metrics = Metrics::new(SERVICE);
    StageApp::build(
        settings,
        &settings.topics.raw,
        NormalizerHandler::new(settings, metrics.clone()),
        metrics,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normalizer_section_decides_what_is_too_short_an_article() {
        let brief = serde_json::json!({
            "url": "https://example.com/news/brief",
            "content_type": "text/plain",
            "body": "Council delays budget vote\n\nThe city council delayed its budget vote to Friday after a long debate on Tuesday night.",
        })
        .to_string();
        let origin = Origin {
            topic: "articles.raw".into(),
            partition: 0,
            offset: 7,
        };
        let mut settings = Settings::defaults_for(SERVICE);
        let refused = process_raw(brief.as_bytes(), &origin, 1 << 20, &limits_from(&settings));
        assert_eq!(refused.unwrap_err().kind, "not_an_article");
        settings.normalizer.min_body_words = 10;
        let accepted = process_raw(brief.as_bytes(), &origin, 1 << 20, &limits_from(&settings));
        assert!(accepted.unwrap().article.word_count >= 10);
    }
}
