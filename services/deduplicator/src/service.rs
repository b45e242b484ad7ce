//! The deduplicator service: `articles.normalized` → `articles.deduped`.

use sqlx::PgPool;
use wirefeed_model::{DedupedMessage, NormalizedMessage, SCHEMA_VERSION};
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::events::{DedupDecided, InternalEvent};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, envelope, Metrics, Settings, StageError};

use crate::decide::{decide, Fingerprint};

pub const SERVICE: &str = "deduplicator";

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
        let normalized = envelope::parse::<NormalizedMessage>(&message.payload)?;
        let fingerprint = Fingerprint::of(&normalized.article);
        let started = std::time::Instant::now();
        let decision = decide(
            &self.pool,
            &normalized.raw.sighting_key(),
            &normalized.article,
            &fingerprint,
        )
        .await?;
        self.metrics.observe_db_write(SERVICE, started, 1);
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
