//! The deduplication decision against the state in PostgreSQL, in one
//! transaction per message. Races between instances are made safe by
//! transaction-scoped advisory locks on the story identity and on every
//! LSH band of the text: two messages that could match each other touch a
//! common lock, so one decides after the other has committed.

use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};
use sqlx::{PgPool, Postgres, Row, Transaction};
use uuid::Uuid;
use wirefeed_model::{Article, Decision, Verdict};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::fingerprint::{band_keys, near_duplicate, shingles, signature, Signature};

/// The fingerprint of one article, computed before the transaction.
pub struct Fingerprint {
    pub signature: Signature,
    pub bands: Vec<i64>,
}

impl Fingerprint {
    pub fn of(article: &Article) -> Fingerprint {
        let signature = signature(&shingles(&article.body));
        let bands = band_keys(&signature);
        Fingerprint { signature, bands }
    }
}

/// A story's id, derived from its identity so every instance agrees on it.
pub fn story_id(identity: &str) -> Uuid {
    let digest = Sha256::digest(identity.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

fn lock_key(identity: &str) -> i64 {
    let digest = Sha256::digest(identity.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// Decides the verdict for one sighting and records it. A sighting already
/// decided (a replay) gets its recorded decision back unchanged.
pub async fn decide(
    pool: &PgPool,
    sighting_key: &str,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Decision, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let decision = decide_in(&mut tx, sighting_key, article, fp)
        .await
        .map_err(|e| classify_sqlx(&e))?;
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(decision)
}

async fn decide_in(
    tx: &mut Transaction<'_, Postgres>,
    sighting_key: &str,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Decision, sqlx::Error> {
    let mut locks: Vec<i64> = fp.bands.clone();
    locks.push(lock_key(&article.identity));
    locks.push(lock_key(&article.body_hash));
    locks.sort_unstable();
    locks.dedup();
    // Sorted, so two transactions never wait on each other in a cycle.
    sqlx::query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k")
        .bind(&locks)
        .execute(&mut **tx)
        .await?;

    if let Some(row) = sqlx::query(
        "SELECT verdict, story_id, cluster_id, version, similarity, decided_at, current FROM dedup_decisions WHERE sighting_key = $1",
    )
    .bind(sighting_key)
    .fetch_optional(&mut **tx)
    .await?
    {
        let verdict: String = row.get("verdict");
        return Ok(Decision {
            verdict: Verdict::parse(&verdict).unwrap_or(Verdict::New),
            story_id: row.get("story_id"),
            cluster_id: row.get("cluster_id"),
            version: row.get("version"),
            current: row.get("current"),
            similarity: row.get("similarity"),
            decided_at: row.get("decided_at"),
        });
    }

    // PostgreSQL keeps microseconds: a replay must return the same instant.
    let now = Utc::now().trunc_subsecs(6);
    let killed = article
        .wire
        .as_ref()
        .is_some_and(|w| matches!(w.pub_status.as_deref(), Some("canceled" | "withheld")));
    let wire_version = article.wire.as_ref().and_then(|w| w.version);
    let version_time = article
        .wire
        .as_ref()
        .and_then(|w| w.version_created)
        .or(article.updated_at)
        .or(article.published_at)
        .map(|t| t.with_timezone(&Utc));

    let existing = sqlx::query(
        "SELECT story_id, cluster_id, version, wire_version, version_time FROM dedup_stories WHERE identity = $1",
    )
    .bind(&article.identity)
    .fetch_optional(&mut **tx)
    .await?;

    let decision = match existing {
        Some(row) => {
            let story: Uuid = row.get("story_id");
            let cluster: Uuid = row.get("cluster_id");
            let version: i32 = row.get("version");
            let cur_wire: Option<i64> = row.get("wire_version");
            let cur_time: Option<DateTime<Utc>> = row.get("version_time");
            if killed {
                sqlx::query("UPDATE dedup_stories SET killed = true WHERE story_id = $1")
                    .bind(story)
                    .execute(&mut **tx)
                    .await?;
                Decision {
                    verdict: Verdict::Kill,
                    story_id: story,
                    cluster_id: cluster,
                    version,
                    current: true,
                    similarity: None,
                    decided_at: now,
                }
            } else {
                let known = sqlx::query(
                    "SELECT version FROM dedup_versions WHERE story_id = $1 AND body_hash = $2",
                )
                .bind(story)
                .bind(&article.body_hash)
                .fetch_optional(&mut **tx)
                .await?;
                if known.is_some() {
                    Decision {
                        verdict: Verdict::Rescrape,
                        story_id: story,
                        cluster_id: cluster,
                        version,
                        current: true,
                        similarity: Some(1.0),
                        decided_at: now,
                    }
                } else {
                    let max_version: i32 = sqlx::query_scalar(
                        "SELECT coalesce(max(version), 0) FROM dedup_versions WHERE story_id = $1",
                    )
                    .bind(story)
                    .fetch_one(&mut **tx)
                    .await?;
                    let new_version = max_version + 1;
                    let current = is_newer(wire_version, version_time, cur_wire, cur_time);
                    sqlx::query("INSERT INTO dedup_versions (story_id, body_hash, version) VALUES ($1, $2, $3)")
                        .bind(story)
                        .bind(&article.body_hash)
                        .bind(new_version)
                        .execute(&mut **tx)
                        .await?;
                    if current {
                        sqlx::query(
                            "UPDATE dedup_stories SET version = $2, body_hash = $3, wire_version = $4, version_time = $5, signature = $6 WHERE story_id = $1",
                        )
                        .bind(story)
                        .bind(new_version)
                        .bind(&article.body_hash)
                        .bind(wire_version)
                        .bind(version_time)
                        .bind(&fp.signature.0)
                        .execute(&mut **tx)
                        .await?;
                        sqlx::query("DELETE FROM dedup_bands WHERE story_id = $1")
                            .bind(story)
                            .execute(&mut **tx)
                            .await?;
                        insert_bands(tx, story, &fp.bands).await?;
                    }
                    Decision {
                        verdict: Verdict::Update,
                        story_id: story,
                        cluster_id: cluster,
                        version: new_version,
                        current,
                        similarity: None,
                        decided_at: now,
                    }
                }
            }
        }
        None => {
            let duplicate = if killed {
                None
            } else {
                find_duplicate(tx, article, fp).await?
            };
            match duplicate {
                Some((verdict, story, cluster, sim)) => {
                    let version: i32 =
                        sqlx::query_scalar("SELECT version FROM dedup_stories WHERE story_id = $1")
                            .bind(story)
                            .fetch_one(&mut **tx)
                            .await?;
                    Decision {
                        verdict,
                        story_id: story,
                        cluster_id: cluster,
                        version,
                        current: false,
                        similarity: Some(sim),
                        decided_at: now,
                    }
                }
                None => {
                    let story = story_id(&article.identity);
                    sqlx::query(
                        "INSERT INTO dedup_stories (story_id, identity, cluster_id, version, body_hash, wire_version, version_time, published_at, killed, signature)
                         VALUES ($1, $2, $1, 1, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(story)
                    .bind(&article.identity)
                    .bind(&article.body_hash)
                    .bind(wire_version)
                    .bind(version_time)
                    .bind(article.published_at)
                    .bind(killed)
                    .bind(&fp.signature.0)
                    .execute(&mut **tx)
                    .await?;
                    sqlx::query("INSERT INTO dedup_versions (story_id, body_hash, version) VALUES ($1, $2, 1)")
                        .bind(story)
                        .bind(&article.body_hash)
                        .execute(&mut **tx)
                        .await?;
                    if !killed {
                        insert_bands(tx, story, &fp.bands).await?;
                    }
                    let verdict = if killed { Verdict::Kill } else { Verdict::New };
                    Decision {
                        verdict,
                        story_id: story,
                        cluster_id: story,
                        version: 1,
                        current: true,
                        similarity: None,
                        decided_at: now,
                    }
                }
            }
        }
    };

    sqlx::query(
        "INSERT INTO dedup_decisions (sighting_key, verdict, story_id, cluster_id, version, current, similarity, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(sighting_key)
    .bind(decision.verdict.as_str())
    .bind(decision.story_id)
    .bind(decision.cluster_id)
    .bind(decision.version)
    .bind(decision.current)
    .bind(decision.similarity)
    .bind(decision.decided_at)
    .execute(&mut **tx)
    .await?;
    Ok(decision)
}

/// Whether an incoming version is newer than the current one: the wire
/// version number decides when both have one, else the version times; an
/// undated update counts as newer (it arrived later).
fn is_newer(
    wire: Option<i64>,
    time: Option<DateTime<Utc>>,
    cur_wire: Option<i64>,
    cur_time: Option<DateTime<Utc>>,
) -> bool {
    match (wire, cur_wire) {
        (Some(a), Some(b)) if a != b => return a > b,
        _ => {}
    }
    match (time, cur_time) {
        (Some(a), Some(b)) => a >= b,
        _ => true,
    }
}

async fn insert_bands(
    tx: &mut Transaction<'_, Postgres>,
    story: Uuid,
    bands: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO dedup_bands (band, story_id) SELECT b, $2 FROM unnest($1::bigint[]) AS b ON CONFLICT DO NOTHING")
        .bind(bands)
        .bind(story)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Another story with the same body (exact) or a similar one (near), the
/// earliest published first. Index candidates are always verified against
/// their full signature before they count.
async fn find_duplicate(
    tx: &mut Transaction<'_, Postgres>,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Option<(Verdict, Uuid, Uuid, f32)>, sqlx::Error> {
    let exact = sqlx::query(
        "SELECT s.story_id, s.cluster_id FROM dedup_versions v JOIN dedup_stories s USING (story_id)
         WHERE v.body_hash = $1 AND NOT s.killed
         ORDER BY s.published_at NULLS LAST, s.created_at, s.story_id LIMIT 1",
    )
    .bind(&article.body_hash)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = exact {
        return Ok(Some((
            Verdict::ExactDuplicate,
            row.get("story_id"),
            row.get("cluster_id"),
            1.0,
        )));
    }
    let candidates = sqlx::query(
        "SELECT s.story_id, s.cluster_id, s.signature, s.published_at, s.created_at FROM dedup_stories s
         WHERE s.story_id IN (SELECT DISTINCT story_id FROM dedup_bands WHERE band = ANY($1)) AND NOT s.killed",
    )
    .bind(&fp.bands)
    .fetch_all(&mut **tx)
    .await?;
    let mut best: Option<(f32, Option<DateTime<Utc>>, Uuid, Uuid)> = None;
    for row in candidates {
        let sig = Signature(row.get("signature"));
        let bands = band_keys(&sig);
        let Some(sim) = near_duplicate(&fp.signature, &fp.bands, &sig, &bands) else {
            continue;
        };
        let published: Option<DateTime<Utc>> = row.get("published_at");
        let story: Uuid = row.get("story_id");
        let better = match &best {
            None => true,
            Some((best_sim, _, best_story, _)) => {
                sim > *best_sim || (sim == *best_sim && story < *best_story)
            }
        };
        if better {
            best = Some((sim, published, story, row.get("cluster_id")));
        }
    }
    Ok(best.map(|(sim, _, story, cluster)| (Verdict::NearDuplicate, story, cluster, sim)))
}
