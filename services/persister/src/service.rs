//! The persister service: `articles.deduped` → PostgreSQL.

use sqlx::PgPool;
use wirefeed_model::DedupedMessage;
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::events::{ArticlePersisted, InternalEvent};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, Metrics, Settings, StageError};

use crate::store::{persist, Written};

pub const SERVICE: &str = "persister";

pub fn parse_deduped(payload: &[u8]) -> Result<DedupedMessage, StageError> {
    wirefeed_plumbing::envelope::parse(payload)
}

pub struct PersistHandler {
    pool: PgPool,
    metrics: Metrics,
}

impl Handler for PersistHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        let msg = parse_deduped(&message.payload)?;
        let started = std::time::Instant::now();
        let written = persist(&self.pool, &msg).await?;
        self.metrics
            .db_write_seconds
            .with_label_values(&[SERVICE])
            .observe(started.elapsed().as_secs_f64());
        self.metrics
            .batch_size
            .with_label_values(&[SERVICE])
            .observe(1.0);
        if written == Written::Stored {
            ArticlePersisted {
                verdict: msg.decision.verdict.as_str(),
            }
            .emit(&self.metrics);
        }
        Ok(Vec::new())
    }
}

pub type Application = StageApp<PersistHandler>;

pub async fn build(settings: &Settings) -> Result<Application, AppError> {
    let metrics = Metrics::new(SERVICE);
    let pool = db::pool(&settings.database)?;
    StageApp::build(
        settings,
        &settings.topics.deduped,
        PersistHandler {
            pool,
            metrics: metrics.clone(),
        },
        metrics,
    )
    .await
}
