//! The deduplicator service: `articles.normalized` → `articles.deduped`.

use sqlx::PgPool;
use wirefeed_model::{DedupedMessage, NormalizedMessage, SCHEMA_VERSION};
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::events::{DedupDecided, InternalEvent};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, Metrics, Settings, StageError};

use crate::decide::{decide, Fingerprint};

pub const SERVICE: &str = "deduplicator";

/// Parses a message from the normalizer, refusing shapes this build does not know.
pub fn parse_normalized(payload: &[u8]) -> Result<NormalizedMessage, StageError> {
    wirefeed_plumbing::envelope::parse(payload)
}

pub struct DedupHandler {
    pool: PgPool,
    output_topic: String,
    metrics: Metrics,
}

impl Handler for DedupHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        let normalized = parse_normalized(&message.payload)?;
        let fingerprint = Fingerprint::of(&normalized.article);
        let started = std::time::Instant::now();
        let decision = decide(
            &self.pool,
            &normalized.raw.sighting_key(),
            &normalized.article,
            &fingerprint,
        )
        .await?;
        self.metrics
            .db_write_seconds
            .with_label_values(&[SERVICE])
            .observe(started.elapsed().as_secs_f64());
        self.metrics
            .batch_size
            .with_label_values(&[SERVICE])
            .observe(1.0);
        DedupDecided {
            verdict: decision.verdict.as_str(),
        }
        .emit(&self.metrics);
        let key = decision.story_id.to_string();
        let out = DedupedMessage {
            schema_version: SCHEMA_VERSION,
            raw: normalized.raw,
            article: normalized.article,
            decision,
        };
        let payload = serde_json::to_vec(&out)
            .map_err(|e| StageError::permanent("serialization_failed", e.to_string()))?;
        // Keyed by story: every sighting of a story reaches the persister in order.
        Ok(vec![Outgoing {
            topic: self.output_topic.clone(),
            key: Some(key),
            payload,
        }])
    }
}

pub type Application = StageApp<DedupHandler>;

pub async fn build(settings: &Settings) -> Result<Application, AppError> {
    let metrics = Metrics::new(SERVICE);
    let pool = db::pool(&settings.database)?;
    let handler = DedupHandler {
        pool,
        output_topic: settings.topics.deduped.clone(),
        metrics: metrics.clone(),
    };
    StageApp::build(settings, &settings.topics.normalized, handler, metrics).await
}
