//! Writes deduplicated messages: sightings, versions, story rows. One
//! message and a batch take the same path (`write_rows`, with the rows of
//! `rows.rs`); a kill or a cluster change adds its own statements after.
//! Idempotent: the sighting key is unique, so a replayed message finds its
//! sighting and changes nothing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_model::{DedupedMessage, Verdict};
use wirefeed_plumbing::clusters::current_clusters;
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

pub use crate::rows::outlet;
use crate::rows::{self, seen_at, StoryRow, Tx};

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

/// Writes several messages in one transaction (one commit for all), with
/// one statement per table when the batch holds no kill or cluster change,
/// else message by message (those are rare and order-sensitive). Any
/// failure rolls back the whole batch; the caller retries it (transient) or
/// writes its messages one by one to find the bad ones (permanent).
pub async fn persist_batch(
    pool: &PgPool,
    msgs: &[&DedupedMessage],
) -> Result<Vec<Written>, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let written = if msgs.iter().all(|m| bulk_writable(m)) {
        write_rows(&mut tx, msgs)
            .await
            .map_err(|e| classify_sqlx(&e))?
            .0
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

/// Whether a message can be written in a batch with others.
pub fn bulk_writable(msg: &DedupedMessage) -> bool {
    msg.decision.verdict != Verdict::Kill && !msg.decision.cluster_changed
}

/// Whether a verdict adds a version (and may become the story's text). A
/// duplicate is another outlet's copy: a story of its own, in the cluster
/// of the story it copies.
fn writes_version(v: Verdict) -> bool {
    matches!(
        v,
        Verdict::New
            | Verdict::Update
            | Verdict::Reprocessed
            | Verdict::ExactDuplicate
            | Verdict::NearDuplicate
    )
}

/// One message: its rows as in a batch, then what a kill or a cluster
/// change adds.
async fn persist_in(tx: &mut Tx<'_>, msg: &DedupedMessage) -> Result<Written, sqlx::Error> {
    let (written, clusters) = write_rows(tx, &[msg]).await?;
    if written[0] == Written::AlreadyStored {
        return Ok(Written::AlreadyStored);
    }
    let d = &msg.decision;
    let cluster = clusters.get(&d.story_id).copied().unwrap_or(d.cluster_id);
    if d.cluster_changed {
        rows::move_to_cluster(tx, cluster).await?;
    }
    if d.verdict == Verdict::Kill {
        // A kill for a story never stored still leaves a killed row, so
        // nobody later stores it as active from a stale copy.
        let story = StoryRow {
            msg,
            cluster,
            status: "killed",
            first_seen: seen_at(msg),
            last_seen: seen_at(msg),
        };
        rows::upsert_stories(tx, &[story]).await?;
        rows::mark_killed(tx, d.story_id).await?;
    }
    Ok(Written::Stored)
}

/// Writes messages' rows with one statement per table; returns what each
/// write did and the clusters the stories were written in.
async fn write_rows(
    tx: &mut Tx<'_>,
    msgs: &[&DedupedMessage],
) -> Result<(Vec<Written>, HashMap<Uuid, Uuid>), sqlx::Error> {
    let ids: Vec<Uuid> = msgs.iter().map(|m| m.decision.story_id).collect();
    let clusters = current_clusters(tx, &ids).await?;
    let cluster_of = |m: &DedupedMessage| {
        clusters
            .get(&m.decision.story_id)
            .copied()
            .unwrap_or(m.decision.cluster_id)
    };

    // 1. Sightings: the ones inserted now are the messages seen first.
    let keys: Vec<String> = msgs.iter().map(|m| m.raw.sighting_key()).collect();
    let inserted = rows::insert_sightings(tx, msgs, &keys, cluster_of).await?;
    // A key twice in one batch (a replay) counts once: its first message.
    let mut claimed = std::collections::HashSet::new();
    let written: Vec<Written> = keys
        .iter()
        .map(|k| {
            if inserted.contains(k) && claimed.insert(k) {
                Written::Stored
            } else {
                Written::AlreadyStored
            }
        })
        .collect();
    let fresh: Vec<&DedupedMessage> = msgs
        .iter()
        .zip(&written)
        .filter(|(_, w)| **w == Written::Stored)
        .map(|(m, _)| *m)
        .collect();
    if fresh.is_empty() {
        return Ok((written, clusters));
    }

    // 2. Versions of the new sightings.
    let versions: Vec<&DedupedMessage> = fresh
        .iter()
        .copied()
        .filter(|m| writes_version(m.decision.verdict))
        .collect();
    rows::insert_versions(tx, &versions).await?;

    // 3. Story rows: per story, the newest current version of the batch.
    // As if written one by one: a new row is first seen when the batch's
    // first current version of it was, and last seen at the latest
    // sighting of the batch.
    let mut last_seen_of: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    for m in &fresh {
        let t = seen_at(m);
        let e = last_seen_of.entry(m.decision.story_id).or_insert(t);
        *e = (*e).max(t);
    }
    let mut first_seen_of: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    let mut newest: HashMap<Uuid, &DedupedMessage> = HashMap::new();
    for m in versions.iter().filter(|m| m.decision.current) {
        first_seen_of
            .entry(m.decision.story_id)
            .or_insert(seen_at(m));
        let slot = newest.entry(m.decision.story_id).or_insert(m);
        if m.decision.version > slot.decision.version {
            *slot = m;
        }
    }
    let mut stories: Vec<StoryRow<'_>> = newest
        .into_values()
        .map(|m| StoryRow {
            msg: m,
            cluster: cluster_of(m),
            status: "active",
            first_seen: first_seen_of[&m.decision.story_id],
            last_seen: last_seen_of[&m.decision.story_id],
        })
        .collect();
    stories.sort_by_key(|s| s.msg.decision.story_id);
    let story_written = rows::upsert_stories(tx, &stories).await?;

    // 4. Stories not rewritten above still learn they were seen again.
    last_seen_of.retain(|id, _| !story_written.contains(id));
    rows::touch_stories(tx, &last_seen_of).await?;
    Ok((written, clusters))
}
