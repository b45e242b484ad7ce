//! The cluster contract between the deduplicator and the persister, in
//! one place.
//!
//! - The deduplicator decides which cluster each story is in, and moves
//!   stories from one cluster to another when clusters merge or an
//!   earlier copy becomes a cluster's canonical story. Its state is its
//!   own (`dedup_*` tables); the assignment is published as the
//!   `story_clusters` view (migration `20261207000005_story_clusters`).
//! - A decision message carries the cluster at decision time and
//!   `cluster_changed` when it moved stories.
//! - The persister writes the cluster the view holds when it writes (which
//!   may be newer than the message's), reading it with `current_clusters`:
//!   the rows are locked FOR SHARE, so a deduplicator moving one of these
//!   stories waits until the write has committed, and its decision
//!   (`cluster_changed`, persisted after) then moves the written rows too,
//!   with `MEMBERS_OF_CLUSTER`.

use std::collections::HashMap;

use sqlx::{Postgres, Row, Transaction};
use uuid::Uuid;

/// The stories of cluster `$1` now, as a sub-query.
pub const MEMBERS_OF_CLUSTER: &str = "SELECT story_id FROM story_clusters WHERE cluster_id = $1";

/// The clusters the deduplicator holds now for `stories` (those it holds:
/// a story it has pruned is missing), with their rows locked FOR SHARE
/// until the transaction ends. Sorted by story, so two writers lock in the
/// same order.
pub async fn current_clusters(
    tx: &mut Transaction<'_, Postgres>,
    stories: &[Uuid],
) -> Result<HashMap<Uuid, Uuid>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT story_id, cluster_id FROM story_clusters WHERE story_id = ANY($1) ORDER BY story_id FOR SHARE",
    )
    .bind(stories)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.get("story_id"), r.get("cluster_id")))
        .collect())
}
