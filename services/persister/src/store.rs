//! Writes one sighting (and, for new versions, the story and its history)
//! in one transaction. Idempotent: the sighting key is unique, so a replayed
//! message finds its sighting and changes nothing.

use sqlx::types::Json;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;
use wirefeed_model::{DedupedMessage, Verdict};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::store_bulk::{bulk_writable, persist_bulk};

/// What a write did, for metrics and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Stored,
    AlreadyStored,
}

pub async fn persist(pool: &PgPool, msg: &DedupedMessage) -> Result<Written, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let written = persist_in(&mut tx, msg)
        .await
        .map_err(|e| classify_sqlx(&e))?;
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(written)
}

/// Writes several messages in one transaction (one commit for all), with a
/// few multi-row statements when the batch holds no kill or cluster change
/// (`store_bulk`), else message by message. Any
/// failure rolls back the whole batch; the caller retries it (transient) or
/// writes its messages one by one to find the bad ones (permanent).
pub async fn persist_batch(
    pool: &PgPool,
    msgs: &[&DedupedMessage],
) -> Result<Vec<Written>, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let written = if msgs.iter().all(|m| bulk_writable(m)) {
        persist_bulk(&mut tx, msgs)
            .await
            .map_err(|e| classify_sqlx(&e))?
    } else {
        let mut written = Vec::with_capacity(msgs.len());
        for msg in msgs {
            written.push(
                persist_in(&mut tx, msg)
                    .await
                    .map_err(|e| classify_sqlx(&e))?,
            );
        }
        written
    };
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(written)
}

/// The outlet that ran the page: the scraper's name for it, else the page's
/// site name, else the host.
pub fn outlet(msg: &DedupedMessage) -> Option<String> {
    msg.raw
        .source
        .clone()
        .or_else(|| msg.article.site_name.clone())
        .or_else(|| {
            url::Url::parse(&msg.raw.url)
                .ok()?
                .host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
}

async fn persist_in(
    tx: &mut Transaction<'_, Postgres>,
    msg: &DedupedMessage,
) -> Result<Written, sqlx::Error> {
    let (a, d, raw) = (&msg.article, &msg.decision, &msg.raw);
    let cluster = current_cluster(tx, msg).await?;
    let inserted = sqlx::query(
        "INSERT INTO sightings (sighting_key, story_id, cluster_id, verdict, version, similarity, url, canonical_url, outlet,
                                title, scraper_id, fetched_at, raw_topic, raw_partition, raw_offset, extra, decided_at,
                                duplicate_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (sighting_key) DO NOTHING",
    )
    .bind(raw.sighting_key())
    .bind(d.story_id)
    .bind(cluster)
    .bind(d.verdict.as_str())
    .bind(d.version)
    .bind(d.similarity)
    .bind(&raw.url)
    .bind(&a.canonical_url)
    .bind(outlet(msg))
    .bind(&a.title)
    .bind(&raw.id)
    .bind(raw.fetched_at)
    .bind(&raw.topic)
    .bind(raw.partition)
    .bind(raw.offset)
    .bind(Json(&raw.extra))
    .bind(d.decided_at)
    .bind(d.duplicate_of)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(Written::AlreadyStored);
    }
    if d.cluster_changed {
        move_to_cluster(tx, cluster).await?;
    }

    let seen_at = raw.fetched_at.unwrap_or(d.decided_at);
    // Whether the story row was written (it then has this sighting's time).
    let mut story_written = false;
    match d.verdict {
        // A duplicate is another outlet's copy: a story of its own, in
        // the cluster of the story it copies.
        Verdict::New
        | Verdict::Update
        | Verdict::Reprocessed
        | Verdict::ExactDuplicate
        | Verdict::NearDuplicate => {
            insert_version(tx, msg, false).await?;
            if d.current {
                story_written = upsert_story(tx, msg, cluster, "active").await?;
            }
        }
        Verdict::Kill => {
            // A kill for a story never stored still leaves a killed row, so
            // nobody later stores it as active from a stale copy.
            upsert_story(tx, msg, cluster, "killed").await?;
            sqlx::query("UPDATE stories SET status = 'killed' WHERE story_id = $1")
                .bind(d.story_id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("UPDATE story_versions SET killed = true WHERE story_id = $1")
                .bind(d.story_id)
                .execute(&mut **tx)
                .await?;
        }
        Verdict::Rescrape => {}
    }
    // Updating a row rewrites it whole (and its search vector): only when
    // the upsert above did not already write it.
    if !story_written {
        sqlx::query(
            "UPDATE stories SET last_seen_at = greatest(last_seen_at, $2) WHERE story_id = $1",
        )
        .bind(d.story_id)
        .bind(seen_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(Written::Stored)
}

/// The story's cluster as the deduplicator's state holds it now, which may
/// be newer than the decision's. The shared lock makes a deduplicator that
/// moves this story to another cluster wait until this transaction has
/// committed, so its decision (flagged `cluster_changed`, persisted after
/// that) finds this transaction's rows and moves them too.
async fn current_cluster(
    tx: &mut Transaction<'_, Postgres>,
    msg: &DedupedMessage,
) -> Result<Uuid, sqlx::Error> {
    let current: Option<Uuid> =
        sqlx::query_scalar("SELECT cluster_id FROM dedup_stories WHERE story_id = $1 FOR SHARE")
            .bind(msg.decision.story_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(current.unwrap_or(msg.decision.cluster_id))
}

/// Gives every stored story of `cluster` (by the deduplicator's state) and
/// its sightings that cluster id.
async fn move_to_cluster(
    tx: &mut Transaction<'_, Postgres>,
    cluster: Uuid,
) -> Result<(), sqlx::Error> {
    for table in ["stories", "sightings"] {
        sqlx::query(&format!(
            "UPDATE {table} SET cluster_id = $1
             WHERE story_id IN (SELECT story_id FROM dedup_stories WHERE cluster_id = $1) AND cluster_id <> $1"
        ))
        .bind(cluster)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_version(
    tx: &mut Transaction<'_, Postgres>,
    msg: &DedupedMessage,
    killed: bool,
) -> Result<(), sqlx::Error> {
    let (a, d) = (&msg.article, &msg.decision);
    sqlx::query(
        "INSERT INTO story_versions (story_id, version, body_hash, title, body, authors, published_at, updated_at, wire_version, killed, article, sighting_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (story_id, version) DO NOTHING",
    )
    .bind(d.story_id)
    .bind(d.version)
    .bind(&a.body_hash)
    .bind(&a.title)
    .bind(&a.body)
    .bind(Json(&a.authors))
    .bind(a.published_at)
    .bind(a.updated_at)
    .bind(a.wire.as_ref().and_then(|w| w.version))
    .bind(killed)
    .bind(Json(a))
    .bind(msg.raw.sighting_key())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Inserts the story or, when this version is newer than the stored one,
/// replaces its current text. Never moves a story back to an older version.
async fn upsert_story(
    tx: &mut Transaction<'_, Postgres>,
    msg: &DedupedMessage,
    cluster: Uuid,
    status: &str,
) -> Result<bool, sqlx::Error> {
    let (a, d) = (&msg.article, &msg.decision);
    let seen_at = msg.raw.fetched_at.unwrap_or(d.decided_at);
    let author_names: Vec<&str> = a.authors.iter().map(|x| x.name.as_str()).collect();
    let written = sqlx::query(
        "INSERT INTO stories (story_id, cluster_id, identity, version, status, title, standfirst, section, section_path, authors,
                              author_names, dateline, language, published_at, updated_at, body, paragraphs, captions, images,
                              keywords, word_count, body_hash, canonical_url, source, site_name, format, confidence,
                              first_seen_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
                 $24, $25, $26, $27, $28, $28)
         ON CONFLICT (story_id) DO UPDATE SET
             version = EXCLUDED.version, title = EXCLUDED.title, standfirst = EXCLUDED.standfirst,
             section = EXCLUDED.section, section_path = EXCLUDED.section_path, authors = EXCLUDED.authors,
             author_names = EXCLUDED.author_names, dateline = EXCLUDED.dateline, language = EXCLUDED.language,
             published_at = coalesce(stories.published_at, EXCLUDED.published_at), updated_at = EXCLUDED.updated_at,
             body = EXCLUDED.body, paragraphs = EXCLUDED.paragraphs, captions = EXCLUDED.captions, images = EXCLUDED.images,
             keywords = EXCLUDED.keywords, word_count = EXCLUDED.word_count, body_hash = EXCLUDED.body_hash,
             canonical_url = EXCLUDED.canonical_url, confidence = EXCLUDED.confidence,
             last_seen_at = greatest(stories.last_seen_at, EXCLUDED.last_seen_at)
         WHERE stories.version < EXCLUDED.version",
    )
    .bind(d.story_id)
    .bind(cluster)
    .bind(&a.identity)
    .bind(d.version)
    .bind(status)
    .bind(&a.title)
    .bind(&a.standfirst)
    .bind(a.section_path())
    .bind(&a.section)
    .bind(Json(&a.authors))
    .bind(&author_names)
    .bind(&a.dateline)
    .bind(&a.language)
    .bind(a.published_at)
    .bind(a.updated_at)
    .bind(&a.body)
    .bind(Json(&a.paragraphs))
    .bind(Json(&a.captions))
    .bind(Json(&a.images))
    .bind(&a.keywords)
    .bind(a.word_count as i32)
    .bind(&a.body_hash)
    .bind(&a.canonical_url)
    .bind(&msg.raw.source)
    .bind(&a.site_name)
    .bind(&a.format)
    .bind(a.confidence)
    .bind(seen_at)
    .execute(&mut **tx)
    .await?;
    Ok(written.rows_affected() > 0)
}
