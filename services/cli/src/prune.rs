//! `wirefeed prune`: the retention policy (`[retention]`). Deletes archived
//! raw pages older than `raw_pages_days`, and clusters none of whose
//! stories was seen for `stories_days` with everything stored about them
//! (versions, sightings, the deduplicator's state), in small transactions
//! so the services keep writing meanwhile. A whole cluster goes or stays:
//! a copy kept without its canonical story would point at nothing.
//!
//! Run it daily as the role that runs the migrations (the services' role
//! may not delete).

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_plumbing::settings::RetentionSettings;

/// Rows deleted per transaction.
const CHUNK: i64 = 1_000;

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct PruneReport {
    pub raw_pages: u64,
    pub clusters: u64,
    pub stories: u64,
    pub sightings: u64,
}

pub async fn prune(
    pool: &PgPool,
    retention: &RetentionSettings,
    now: DateTime<Utc>,
) -> Result<PruneReport, sqlx::Error> {
    let mut report = PruneReport::default();
    if retention.raw_pages_days > 0 {
        let cutoff = now - Duration::days(retention.raw_pages_days.into());
        loop {
            let deleted = sqlx::query(
                "DELETE FROM raw_pages WHERE raw_key IN
                     (SELECT raw_key FROM raw_pages WHERE archived_at < $1 ORDER BY archived_at LIMIT $2)",
            )
            .bind(cutoff)
            .bind(CHUNK)
            .execute(pool)
            .await?
            .rows_affected();
            report.raw_pages += deleted;
            if deleted == 0 {
                break;
            }
        }
    }
    if retention.stories_days > 0 {
        let cutoff = now - Duration::days(retention.stories_days.into());
        while prune_clusters(pool, cutoff, &mut report).await? > 0 {}
    }
    Ok(report)
}

/// Deletes up to `CHUNK` clusters last seen before `cutoff`, in one
/// transaction; returns how many.
async fn prune_clusters(
    pool: &PgPool,
    cutoff: DateTime<Utc>,
    report: &mut PruneReport,
) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let clusters: Vec<Uuid> = sqlx::query_scalar(
        "SELECT cluster_id FROM stories GROUP BY cluster_id HAVING max(last_seen_at) < $1 LIMIT $2",
    )
    .bind(cutoff)
    .bind(CHUNK)
    .fetch_all(&mut *tx)
    .await?;
    if clusters.is_empty() {
        return Ok(0);
    }
    // The deduplicator's rows first, locked: a decision under way on one of
    // these stories finishes before they go, and a later one no longer
    // finds them.
    let stories: Vec<Uuid> = sqlx::query_scalar(
        "SELECT story_id FROM dedup_stories WHERE cluster_id = ANY($1)
         UNION SELECT story_id FROM stories WHERE cluster_id = ANY($1)
         ORDER BY 1",
    )
    .bind(&clusters)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "SELECT 1 FROM dedup_stories WHERE story_id = ANY($1) ORDER BY story_id FOR UPDATE",
    )
    .bind(&stories)
    .execute(&mut *tx)
    .await?;
    for table in [
        "dedup_bands",
        "dedup_versions",
        "dedup_decisions",
        "dedup_stories",
        "story_versions",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE story_id = ANY($1)"))
            .bind(&stories)
            .execute(&mut *tx)
            .await?;
    }
    report.sightings += sqlx::query("DELETE FROM sightings WHERE story_id = ANY($1)")
        .bind(&stories)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    report.stories += sqlx::query("DELETE FROM stories WHERE story_id = ANY($1)")
        .bind(&stories)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    report.clusters += clusters.len() as u64;
    Ok(clusters.len() as u64)
}
