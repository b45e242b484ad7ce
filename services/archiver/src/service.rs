//! The archiver service: `articles.raw` → `raw_pages`.

use sqlx::PgPool;
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::batch::one_by_one_if_refused;
use wirefeed_plumbing::events::{InternalEvent, RawPagesArchived};
use wirefeed_plumbing::stage::{Handler, Incoming, Outgoing};
use wirefeed_plumbing::{db, Metrics, Settings, StageError};

use crate::archive::{archive, RawPage};

pub const SERVICE: &str = "archiver";

pub struct ArchiveHandler {
    pool: PgPool,
    metrics: Metrics,
    max_batch: usize,
    max_message_bytes: usize,
}

impl ArchiveHandler {
    /// The messages worth archiving: one over the message limit is never
    /// extracted (the normalizer dead-letters it as too_large), so it is
    /// counted and left out rather than stored.
    fn archivable<'a>(&self, batch: &[&'a Incoming]) -> Vec<RawPage<'a>> {
        let pages: Vec<RawPage<'a>> = batch
            .iter()
            .filter(|m| m.payload.len() <= self.max_message_bytes)
            .map(|m| RawPage {
                origin: &m.origin,
                payload: &m.payload,
            })
            .collect();
        RawPagesArchived {
            result: "too_large",
            count: (batch.len() - pages.len()) as u64,
        }
        .emit(&self.metrics);
        pages
    }

    /// Stores the pages in one statement, timed and counted.
    async fn store(&self, pages: &[RawPage<'_>]) -> Result<(), StageError> {
        if pages.is_empty() {
            return Ok(());
        }
        let started = std::time::Instant::now();
        let stored = archive(&self.pool, pages).await?;
        self.metrics.observe_db_write(SERVICE, started, pages.len());
        for (result, count) in [
            ("stored", stored),
            ("already_stored", pages.len() as u64 - stored),
        ] {
            RawPagesArchived { result, count }.emit(&self.metrics);
        }
        Ok(())
    }
}

impl Handler for ArchiveHandler {
    fn stage(&self) -> &'static str {
        SERVICE
    }

    async fn check_dependencies(&self) -> Result<(), String> {
        db::check(&self.pool).await.map_err(|e| e.to_string())
    }

    async fn handle(&self, message: &Incoming) -> Result<Vec<Outgoing>, StageError> {
        self.store(&self.archivable(&[message])).await?;
        Ok(Vec::new())
    }

    fn max_batch(&self) -> usize {
        self.max_batch
    }

    /// One statement for the batch. Nothing in a raw message can make its
    /// row invalid, so a permanent refusal is unexpected; it is still met
    /// message by message, so at most the one message is dead-lettered.
    async fn handle_batch(&self, batch: &[&Incoming]) -> Vec<Result<Vec<Outgoing>, StageError>> {
        let pages = self.archivable(batch);
        let result = self.store(&pages).await.map(|()| vec![(); batch.len()]);
        let pages = &pages;
        one_by_one_if_refused(batch.len(), result, |i| async move {
            // The batch's own pages again: one left out for its size was
            // counted once already and has nothing to store.
            match pages
                .iter()
                .find(|p| std::ptr::eq(p.origin, &batch[i].origin))
            {
                Some(page) => self.store(std::slice::from_ref(page)).await,
                None => Ok(()),
            }
        })
        .await
        .into_iter()
        .map(|r| r.map(|()| Vec::new()))
        .collect()
    }
}

pub type Application = StageApp<ArchiveHandler>;

pub async fn build(settings: &Settings) -> Result<Application, AppError> {
    let metrics = Metrics::new(SERVICE);
    let pool = db::pool(&settings.database)?;
    db::check_at_start(&pool).await?;
    StageApp::build(
        settings,
        &settings.topics.raw,
        ArchiveHandler {
            pool,
            metrics: metrics.clone(),
            max_batch: settings.limits.max_batch_messages.max(1),
            max_message_bytes: settings.limits.max_message_bytes,
        },
        metrics,
    )
    .await
}
