//! The persister service: `articles.deduped` → PostgreSQL.

use sqlx::PgPool;
use wirefeed_model::DedupedMessage;
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::events::{ArticlePersisted, InternalEvent};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, envelope, Metrics, Settings, StageError};

use crate::store::{persist, Written};

pub const SERVICE: &str = "persister";

pub struct PersistHandler {
    pool: PgPool,
    metrics: Metrics,
}

impl Handler for PersistHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        let msg = envelope::parse::<DedupedMessage>(&message.payload)?;
        let started = std::time::Instant::now();
        let written = persist(&self.pool, &msg).await?;
        self.metrics.observe_db_write(SERVICE, started, 1);
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
