//! The persister service: `articles.deduped` → PostgreSQL.

use sqlx::PgPool;
use wirefeed_model::DedupedMessage;
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::batch::write_parsed;
use wirefeed_plumbing::events::{ArticlePersisted, InternalEvent};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, envelope, Metrics, Settings, StageError};

use crate::store::{persist, persist_batch, Written};

pub const SERVICE: &str = "persister";

pub struct PersistHandler {
    pool: PgPool,
    metrics: Metrics,
    max_batch: usize,
}

impl PersistHandler {
    fn persisted(&self, msg: &DedupedMessage, written: Written) {
        if written == Written::Stored {
            ArticlePersisted {
                verdict: msg.decision.verdict.as_str(),
            }
            .emit(&self.metrics);
        }
    }
}

impl Handler for PersistHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn check_dependencies(&self) -> Result<(), String> {
        db::check(&self.pool).await.map_err(|e| e.to_string())
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        let msg = envelope::parse::<DedupedMessage>(&message.payload)?;
        let started = std::time::Instant::now();
        let written = persist(&self.pool, &msg).await?;
        self.metrics.observe_db_write(SERVICE, started, 1);
        self.persisted(&msg, written);
        Ok(Vec::new())
    }

    fn max_batch(&self) -> usize {
        self.max_batch
    }

    /// One transaction for the whole batch. When it fails for a permanent
    /// reason, each message is written on its own, so only the bad ones are
    /// dead-lettered; a transient failure retries the batch.
    async fn handle_batch(&self, batch: &[&Incoming]) -> Vec<Result<Vec<Outgoing>, StageError>> {
        let parsed: Vec<Result<DedupedMessage, StageError>> = batch
            .iter()
            .map(|m| envelope::parse::<DedupedMessage>(&m.payload))
            .collect();
        let written = write_parsed(
            &parsed,
            &self.metrics,
            SERVICE,
            |valid| async move { persist_batch(&self.pool, &valid).await },
            |msg| persist(&self.pool, msg),
        )
        .await;
        parsed
            .iter()
            .zip(written)
            .map(|(p, w)| {
                let w = w?;
                if let Ok(msg) = p {
                    self.persisted(msg, w);
                }
                Ok(Vec::new())
            })
            .collect()
    }
}

pub type Application = StageApp<PersistHandler>;

pub async fn build(settings: &Settings) -> Result<Application, AppError> {
    let metrics = Metrics::new(SERVICE);
    let pool = db::pool(&settings.database)?;
    db::check_at_start(&pool).await?;
    StageApp::build(
        settings,
        &settings.topics.deduped,
        PersistHandler {
            pool,
            metrics: metrics.clone(),
            max_batch: settings.limits.max_batch_messages.max(1),
        },
        metrics,
    )
    .await
}
