//! The deduplicator's state in PostgreSQL (`dedup_*` tables, see
//! migrations/): every statement the decisions run. No rules here: what
//! to write is `policy`'s call.
//!
//! The state is the deduplicator's own; the one part other services read,
//! which cluster each story is in, is published as the `story_clusters`
//! view (`wirefeed_plumbing::clusters`).

mod candidates;
mod writes;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::{Postgres, Row, Transaction};
use uuid::Uuid;
use wirefeed_model::{Decision, Verdict};

pub use candidates::{candidates, stored_copies, Candidate, StoredCopies};
pub use writes::{
    add_version, insert_decisions, insert_new_stories, mark_killed, move_clusters, replace_bands,
    set_current_version, NewStory,
};

use crate::policy::{cluster_lock_key, KnownStory};

pub type Tx<'c> = Transaction<'c, Postgres>;

/// Takes transaction-scoped advisory locks in the order given (sorted by
/// the callers, so two transactions never wait on each other in a cycle).
/// Locks already held by the transaction are taken again at no cost.
pub async fn take_locks(tx: &mut Tx<'_>, locks: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k")
        .bind(locks)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Tells the planner, for this transaction only, that its statements are
/// key look-ups. Given thousands of keys at once, it expects a match for
/// each and may choose to read a whole table (a sequential scan, or a hash
/// of it) or to compile the query (JIT), costing more than the look-ups;
/// the state tables grow with every story, so that would grow too.
pub async fn key_lookups_only(tx: &mut Tx<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What the state holds for one message: the decision recorded for its
/// sighting (a replay), and the story of its identity.
pub struct Known {
    pub recorded: Option<Decision>,
    pub story: Option<StoredStory>,
}

/// A stored story's current version, as the version order needs it.
pub struct StoredStory {
    pub known: KnownStory,
    pub wire_version: Option<i64>,
    pub version_time: Option<DateTime<Utc>>,
}

/// The recorded decision and the story of this identity, in one round
/// trip: a row always comes back, with NULLs for what is not.
pub async fn known(
    tx: &mut Tx<'_>,
    sighting_key: &str,
    identity: &str,
) -> Result<Known, sqlx::Error> {
    let row = sqlx::query(
        "SELECT d.verdict, d.story_id AS d_story, d.cluster_id AS d_cluster, d.version AS d_version, d.similarity,
                d.duplicate_of, d.cluster_changed, d.decided_at, d.current,
                s.story_id, s.cluster_id, s.version, s.wire_version, s.version_time
         FROM (SELECT 1) AS one
         LEFT JOIN dedup_decisions d ON d.sighting_key = $1
         LEFT JOIN dedup_stories s ON s.identity = $2",
    )
    .bind(sighting_key)
    .bind(identity)
    .fetch_one(&mut **tx)
    .await?;
    let story = row
        .get::<Option<Uuid>, _>("story_id")
        .map(|story| StoredStory {
            known: KnownStory {
                story,
                cluster: row.get("cluster_id"),
                version: row.get("version"),
            },
            wire_version: row.get("wire_version"),
            version_time: row.get("version_time"),
        });
    Ok(Known {
        recorded: recorded(&row),
        story,
    })
}

/// What the state holds for one message of a batch.
pub struct KnownInBatch {
    /// The decision recorded for its sighting (a replay).
    pub recorded: Option<Decision>,
    /// Whether a story with its identity exists.
    pub identity_stored: bool,
}

/// For each message of a batch, in order, what the state holds for it.
pub async fn known_in_batch(
    tx: &mut Tx<'_>,
    sighting_keys: &[&str],
    identities: &[&str],
) -> Result<Vec<KnownInBatch>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT t.n, d.verdict, d.story_id AS d_story, d.cluster_id AS d_cluster, d.version AS d_version,
                d.similarity, d.duplicate_of, d.cluster_changed, d.decided_at, d.current,
                s.story_id IS NOT NULL AS identity_stored
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(key, ident, n)
         LEFT JOIN dedup_decisions d ON d.sighting_key = t.key
         LEFT JOIN dedup_stories s ON s.identity = t.ident
         ORDER BY t.n",
    )
    .bind(sighting_keys)
    .bind(identities)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .iter()
        .map(|row| KnownInBatch {
            recorded: recorded(row),
            identity_stored: row.get("identity_stored"),
        })
        .collect())
}

/// The decision recorded for a sighting, from a row with the columns
/// `verdict`, `d_story`, `d_cluster`, `d_version`, `current`, `similarity`,
/// `duplicate_of`, `cluster_changed` and `decided_at` (NULL `verdict`: none).
pub fn recorded(row: &PgRow) -> Option<Decision> {
    let verdict = row.get::<Option<String>, _>("verdict")?;
    Some(Decision {
        verdict: Verdict::parse(&verdict).unwrap_or(Verdict::New),
        story_id: row.get("d_story"),
        cluster_id: row.get("d_cluster"),
        version: row.get("d_version"),
        current: row.get("current"),
        similarity: row.get("similarity"),
        duplicate_of: row.get("duplicate_of"),
        cluster_changed: row.get("cluster_changed"),
        decided_at: row.get("decided_at"),
    })
}

/// The version of a story that has this body, if any.
pub async fn version_with_body(
    tx: &mut Tx<'_>,
    story: Uuid,
    body_hash: &str,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM dedup_versions WHERE story_id = $1 AND body_hash = $2")
        .bind(story)
        .bind(body_hash)
        .fetch_optional(&mut **tx)
        .await
}

/// A story's highest version number (0 when it has none).
pub async fn max_version(tx: &mut Tx<'_>, story: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM dedup_versions WHERE story_id = $1")
        .bind(story)
        .fetch_one(&mut **tx)
        .await
}

/// The canonical stories of clusters, as (published, story id).
pub async fn canonicals(
    tx: &mut Tx<'_>,
    clusters: &[Uuid],
) -> Result<Vec<(Option<DateTime<Utc>>, Uuid)>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT story_id, published_at FROM dedup_stories WHERE story_id = ANY($1)")
            .bind(clusters)
            .fetch_all(&mut **tx)
            .await?;
    Ok(rows
        .iter()
        .map(|row| (row.get("published_at"), row.get("story_id")))
        .collect())
}

/// Locks the clusters `stories` are in and returns their ids, sorted.
///
/// Whoever moves a cluster's stories to another id holds the lock on the
/// old id, so once the locks are held and the ids read again, they stay
/// put until this transaction ends. The stories themselves cannot change
/// underneath: a story that could match this text shares a band or body
/// lock with it.
pub async fn lock_clusters(tx: &mut Tx<'_>, stories: &[Uuid]) -> Result<Vec<Uuid>, sqlx::Error> {
    let mut locked: Vec<Uuid> = Vec::new();
    loop {
        let mut clusters: Vec<Uuid> = sqlx::query_scalar(
            "SELECT DISTINCT cluster_id FROM dedup_stories WHERE story_id = ANY($1)",
        )
        .bind(stories)
        .fetch_all(&mut **tx)
        .await?;
        clusters.sort_unstable();
        let missing: Vec<i64> = clusters
            .iter()
            .filter(|c| !locked.contains(c))
            .map(|c| cluster_lock_key(*c))
            .collect();
        if missing.is_empty() {
            return Ok(clusters);
        }
        take_locks(tx, &missing).await?;
        locked.extend(clusters);
    }
}

/// A story's identity, when the state holds the story.
pub async fn story_identity(tx: &mut Tx<'_>, story: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT identity FROM dedup_stories WHERE story_id = $1")
        .bind(story)
        .fetch_optional(&mut **tx)
        .await
}

/// For a re-extraction of a stored story: the decision recorded for its
/// sighting (a replay), the story's cluster and current version, and its
/// highest version number.
pub async fn known_for_reprocess(
    tx: &mut Tx<'_>,
    sighting_key: &str,
    story: Uuid,
) -> Result<(Option<Decision>, KnownStory, i32), sqlx::Error> {
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
    let known = KnownStory {
        story,
        cluster: row.get("cluster_id"),
        version: row.get("version"),
    };
    Ok((recorded(&row), known, row.get("max_version")))
}
