//! The decision on a new extraction of an archived page (`wirefeed
//! reprocess`): a new version of the story whose page it is, whatever the
//! text. The usual rules would call an extraction with the same body a
//! re-scrape and drop it, yet a better extractor may change only the
//! byline or the dates; and a changed canonical address would make it
//! another story. Here the story is the one named in the message.

use chrono::{SubsecRound, Utc};
use sqlx::{PgPool, Postgres, Row, Transaction};
use wirefeed_model::{Article, Decision, Reprocess, Verdict};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::decide::{lock_key, recorded, replace_bands, take_locks, Fingerprint};

/// Decides and records a new extraction: version max + 1 of the story,
/// current when the version it re-extracts is still the story's current
/// one (else history only: a newer version arrived since). A replay gets
/// its recorded decision back.
pub async fn decide_reprocessed(
    pool: &PgPool,
    sighting_key: &str,
    reprocess: &Reprocess,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Decision, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let decision = decide_in(&mut tx, sighting_key, reprocess, article, fp)
        .await
        .map_err(|e| classify_sqlx(&e))?;
    let decision = decision.ok_or_else(|| {
        StageError::permanent(
            "reprocess_story_missing",
            format!(
                "story {} is not in the deduplicator's state (pruned?)",
                reprocess.story_id
            ),
        )
    })?;
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(decision)
}

async fn decide_in(
    tx: &mut Transaction<'_, Postgres>,
    sighting_key: &str,
    reprocess: &Reprocess,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Option<Decision>, sqlx::Error> {
    let story = reprocess.story_id;
    let Some(identity): Option<String> =
        sqlx::query_scalar("SELECT identity FROM dedup_stories WHERE story_id = $1")
            .bind(story)
            .fetch_optional(&mut **tx)
            .await?
    else {
        return Ok(None);
    };
    // The identity's lock, as every other decision on this story takes it.
    take_locks(tx, &[lock_key(&identity)]).await?;
    let row = sqlx::query(
        "SELECT d.verdict, d.story_id AS d_story, d.cluster_id AS d_cluster, d.version AS d_version, d.similarity,
                d.duplicate_of, d.cluster_changed, d.decided_at, d.current,
                s.cluster_id, s.version,
                (SELECT coalesce(max(version), 0) FROM dedup_versions WHERE story_id = $2) AS max_version
         FROM dedup_stories s
         LEFT JOIN dedup_decisions d ON d.sighting_key = $1
         WHERE s.story_id = $2",
    )
    .bind(sighting_key)
    .bind(story)
    .fetch_one(&mut **tx)
    .await?;
    if let Some(decision) = recorded(&row) {
        return Ok(Some(decision));
    }
    let cluster: uuid::Uuid = row.get("cluster_id");
    let current_version: i32 = row.get("version");
    let version = row.get::<i32, _>("max_version") + 1;
    let current = current_version == reprocess.version;

    sqlx::query(
        "INSERT INTO dedup_versions (story_id, body_hash, version) VALUES ($1, $2, $3)
         ON CONFLICT (story_id, body_hash) DO NOTHING",
    )
    .bind(story)
    .bind(&article.body_hash)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if current {
        // The story's fingerprint follows its current text, as for an update.
        sqlx::query(
            "UPDATE dedup_stories SET version = $2, body_hash = $3, signature = $4, headline_hash = $5
             WHERE story_id = $1",
        )
        .bind(story)
        .bind(version)
        .bind(&article.body_hash)
        .bind(&fp.signature.0)
        .bind(fp.headline)
        .execute(&mut **tx)
        .await?;
        replace_bands(tx, story, &fp.bands).await?;
    }
    let decision = Decision {
        verdict: Verdict::Reprocessed,
        story_id: story,
        cluster_id: cluster,
        version,
        current,
        similarity: None,
        duplicate_of: None,
        cluster_changed: false,
        // PostgreSQL keeps microseconds: a replay must return the same instant.
        decided_at: Utc::now().trunc_subsecs(6),
    };
    sqlx::query(
        "INSERT INTO dedup_decisions (sighting_key, verdict, story_id, cluster_id, version, current, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(sighting_key)
    .bind(decision.verdict.as_str())
    .bind(story)
    .bind(cluster)
    .bind(version)
    .bind(current)
    .bind(decision.decided_at)
    .execute(&mut **tx)
    .await?;
    Ok(Some(decision))
}
