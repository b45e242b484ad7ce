//! The deduplicator service: `articles.normalized` → `articles.deduped`.

use sqlx::PgPool;
use wirefeed_model::{Decision, DedupedMessage, NormalizedMessage, SCHEMA_VERSION};
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::batch::write_parsed;
use wirefeed_plumbing::events::{DedupDecided, InternalEvent};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, envelope, Metrics, Settings, StageError};

use crate::fingerprint::Rules;
use crate::reprocess::decide_reprocessed;
use crate::{decide, decide_batch, Fingerprint, Pending};

pub const SERVICE: &str = "deduplicator";

pub struct DedupHandler {
    pool: PgPool,
    output_topic: String,
    metrics: Metrics,
    max_batch: usize,
    rules: Rules,
}

impl DedupHandler {
    /// The record for the persister, keyed by story: every sighting of a
    /// story reaches the persister in order.
    fn output(
        &self,
        normalized: NormalizedMessage,
        decision: Decision,
    ) -> Result<Vec<Outgoing>, StageError> {
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
        Ok(vec![Outgoing {
            topic: self.output_topic.clone(),
            key: Some(key),
            payload,
        }])
    }
}

impl Handler for DedupHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn check_dependencies(&self) -> Result<(), String> {
        db::check(&self.pool).await.map_err(|e| e.to_string())
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        let normalized = envelope::parse::<NormalizedMessage>(&message.payload)?;
        let fingerprint = Fingerprint::with_rules(&normalized.article, &self.rules);
        let started = std::time::Instant::now();
        let key = normalized.raw.sighting_key();
        let decision = match &normalized.raw.reprocess {
            Some(reprocess) => {
                decide_reprocessed(
                    &self.pool,
                    &key,
                    reprocess,
                    &normalized.article,
                    &fingerprint,
                )
                .await?
            }
            None => {
                decide(
                    &self.pool,
                    &key,
                    &normalized.article,
                    &fingerprint,
                    &self.rules,
                )
                .await?
            }
        };
        self.metrics.observe_db_write(SERVICE, started, 1);
        self.output(normalized, decision)
    }

    fn max_batch(&self) -> usize {
        self.max_batch
    }

    /// One transaction for the whole batch; when it fails for a permanent
    /// reason, each message is decided on its own, so only the bad ones
    /// are dead-lettered; a transient failure retries the batch.
    async fn handle_batch(&self, batch: &[&Incoming]) -> Vec<Result<Vec<Outgoing>, StageError>> {
        // New extractions of archived pages (`wirefeed reprocess`) come in
        // runs of their own, rarely beside scraped pages; such a batch is
        // decided message by message, in order.
        let parsed: Vec<Result<NormalizedMessage, StageError>> = batch
            .iter()
            .map(|m| envelope::parse::<NormalizedMessage>(&m.payload))
            .collect();
        if parsed
            .iter()
            .any(|p| p.as_ref().is_ok_and(|n| n.raw.reprocess.is_some()))
        {
            let mut results = Vec::with_capacity(batch.len());
            for message in batch {
                results.push(self.handle(message).await);
            }
            return results;
        }
        let prepared: Vec<Result<Prepared, StageError>> = parsed
            .into_iter()
            .map(|p| {
                p.map(|normalized| Prepared {
                    fingerprint: Fingerprint::with_rules(&normalized.article, &self.rules),
                    key: normalized.raw.sighting_key(),
                    normalized,
                })
            })
            .collect();
        let decided = write_parsed(
            &prepared,
            &self.metrics,
            SERVICE,
            |valid| async move {
                let pending: Vec<Pending<'_>> = valid.iter().map(|p| p.pending()).collect();
                decide_batch(&self.pool, &pending, &self.rules).await
            },
            |p| {
                decide(
                    &self.pool,
                    &p.key,
                    &p.normalized.article,
                    &p.fingerprint,
                    &self.rules,
                )
            },
        )
        .await;
        prepared
            .into_iter()
            .zip(decided)
            .map(|(p, decision)| {
                let p = p?;
                self.output(p.normalized, decision?)
            })
            .collect()
    }
}

/// A readable message with what deciding it needs.
struct Prepared {
    normalized: NormalizedMessage,
    fingerprint: Fingerprint,
    key: String,
}

impl Prepared {
    fn pending(&self) -> Pending<'_> {
        Pending {
            sighting_key: &self.key,
            article: &self.normalized.article,
            fingerprint: &self.fingerprint,
        }
    }
}

pub type Application = StageApp<DedupHandler>;

pub async fn build(settings: &Settings) -> Result<Application, AppError> {
    let metrics = Metrics::new(SERVICE);
    let pool = db::pool(&settings.database)?;
    db::check_at_start(&pool).await?;
    let handler = DedupHandler {
        pool,
        output_topic: settings.topics.deduped.clone(),
        metrics: metrics.clone(),
        max_batch: settings.limits.max_batch_messages.max(1),
        rules: settings.dedup.clone(),
    };
    StageApp::build(settings, &settings.topics.normalized, handler, metrics).await
}
