//! The stored stories a text could copy: the same body, or an LSH
//! candidate sharing a band. What counts as a copy is `fingerprint`'s and
//! `policy`'s call; these are only the look-ups.

use std::collections::{HashMap, HashSet};

use sqlx::Row;
use uuid::Uuid;

use super::Tx;
use crate::fingerprint::Signature;

/// A stored story (not killed) that has the text's body in some version
/// (`exact`, no signature read) or shares a band with it.
pub struct Candidate {
    pub story: Uuid,
    pub exact: bool,
    pub signature: Option<Signature>,
    pub identity: String,
    pub headline: Option<i64>,
}

/// Exact copies (any version with this body) and LSH candidates, in one
/// round trip.
pub async fn candidates(
    tx: &mut Tx<'_>,
    body_hash: &str,
    bands: &[i64],
) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.story_id, true AS exact, NULL::integer[] AS signature, s.identity, s.headline_hash
         FROM dedup_versions v JOIN dedup_stories s USING (story_id)
         WHERE v.body_hash = $1 AND NOT s.killed
         UNION ALL
         SELECT s.story_id, false, s.signature, s.identity, s.headline_hash FROM dedup_stories s
         WHERE s.story_id IN (SELECT story_id FROM dedup_bands WHERE band = ANY($2)) AND NOT s.killed",
    )
    .bind(body_hash)
    .bind(bands)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Candidate {
            story: row.get("story_id"),
            exact: row.get("exact"),
            signature: row.get::<Option<Vec<i32>>, _>("signature").map(Signature),
            identity: row.get("identity"),
            headline: row.get("headline_hash"),
        })
        .collect())
}

/// What the state holds for a batch's possible first sightings: the body
/// hashes some stored story (not killed) has, and per band the stored
/// stories in it, (signature, identity).
pub struct StoredCopies {
    pub bodies: HashSet<String>,
    pub by_band: HashMap<i64, Vec<(Signature, String)>>,
}

/// Looks up `hashes` and `bands` (sorted, each once) in one statement each.
pub async fn stored_copies(
    tx: &mut Tx<'_>,
    hashes: &[&str],
    bands: &[i64],
) -> Result<StoredCopies, sqlx::Error> {
    let bodies: HashSet<String> = sqlx::query_scalar(
        "SELECT v.body_hash FROM dedup_versions v JOIN dedup_stories s USING (story_id)
         WHERE v.body_hash = ANY($1) AND NOT s.killed",
    )
    .bind(hashes)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    // Index look-ups only (see `key_lookups_only`); LATERAL with LIMIT is
    // never flattened into a join, so each candidate is one primary-key
    // look-up, never a pass over the story table.
    let rows = sqlx::query(
        "SELECT b.band, b.story_id, s.signature, s.identity
         FROM dedup_bands b
         CROSS JOIN LATERAL (SELECT signature, identity FROM dedup_stories s
                             WHERE s.story_id = b.story_id AND NOT s.killed LIMIT 1) AS s
         WHERE b.band = ANY($1)",
    )
    .bind(bands)
    .fetch_all(&mut **tx)
    .await?;
    let mut by_band: HashMap<i64, Vec<(Signature, String)>> = HashMap::new();
    for row in rows {
        by_band
            .entry(row.get("band"))
            .or_default()
            .push((Signature(row.get("signature")), row.get("identity")));
    }
    Ok(StoredCopies { bodies, by_band })
}
