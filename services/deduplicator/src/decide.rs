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

pub use crate::decide_batch::{decide_batch, Pending};
use crate::fingerprint::{copy_of, fingerprint, Print, Rules, Signature, Sketch};
use crate::text::story_text;

/// The fingerprint of one article, computed before the transaction.
pub type Fingerprint = Print;

impl Print {
    /// The fingerprint of an article's story text under the default rules.
    pub fn of(article: &Article) -> Fingerprint {
        Print::with_rules(article, &Rules::default())
    }

    /// The fingerprint of an article's story text (its body without the
    /// paragraphs that read as page chrome).
    pub fn with_rules(article: &Article, rules: &Rules) -> Fingerprint {
        fingerprint(&story_text(&article.body), &article.title, rules)
    }
}

/// A story's id, derived from its identity so every instance agrees on it.
pub fn story_id(identity: &str) -> Uuid {
    let digest = Sha256::digest(identity.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

pub(crate) fn lock_key(identity: &str) -> i64 {
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
    rules: &Rules,
) -> Result<Decision, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let decision = decide_in(&mut tx, sighting_key, article, fp, rules, Locks::Take)
        .await
        .map_err(|e| classify_sqlx(&e))?;
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(decision)
}

/// The advisory locks a decision takes: every LSH band of the text, its
/// identity and its body hash. Two messages that could match each other
/// share at least one.
pub(crate) fn lock_keys(article: &Article, fp: &Fingerprint) -> Vec<i64> {
    let mut locks: Vec<i64> = fp.bands.clone();
    locks.push(lock_key(&article.identity));
    locks.push(lock_key(&article.body_hash));
    locks.sort_unstable();
    locks.dedup();
    locks
}

/// Takes transaction-scoped advisory locks in the order given (sorted by
/// the callers, so two transactions never wait on each other in a cycle).
/// Locks already held by the transaction are taken again at no cost.
pub(crate) async fn take_locks(
    tx: &mut Transaction<'_, Postgres>,
    locks: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k")
        .bind(locks)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether `decide_in` must take the decision's locks itself, or the
/// transaction holds them already (a batch takes them all up front).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locks {
    Take,
    Held,
}

pub(crate) async fn decide_in(
    tx: &mut Transaction<'_, Postgres>,
    sighting_key: &str,
    article: &Article,
    fp: &Fingerprint,
    rules: &Rules,
    locks: Locks,
) -> Result<Decision, sqlx::Error> {
    if locks == Locks::Take {
        take_locks(tx, &lock_keys(article, fp)).await?;
    }

    // The recorded decision (a replay) and the story of this identity, in
    // one round trip: a row always comes back, with NULLs for what is not.
    let known = sqlx::query(
        "SELECT d.verdict, d.story_id AS d_story, d.cluster_id AS d_cluster, d.version AS d_version, d.similarity,
                d.duplicate_of, d.cluster_changed, d.decided_at, d.current,
                s.story_id, s.cluster_id, s.version, s.wire_version, s.version_time
         FROM (SELECT 1) AS one
         LEFT JOIN dedup_decisions d ON d.sighting_key = $1
         LEFT JOIN dedup_stories s ON s.identity = $2",
    )
    .bind(sighting_key)
    .bind(&article.identity)
    .fetch_one(&mut **tx)
    .await?;
    if let Some(decision) = recorded(&known) {
        return Ok(decision);
    }

    // PostgreSQL keeps microseconds: a replay must return the same instant.
    let now = Utc::now().trunc_subsecs(6);
    let killed = kill_requested(article);
    let wire_version = wire_version(article);
    let version_time = version_time(article);

    let existing = known.get::<Option<Uuid>, _>("story_id").map(|_| known);

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
                    duplicate_of: None,
                    cluster_changed: false,
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
                        duplicate_of: None,
                        cluster_changed: false,
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
                            "UPDATE dedup_stories SET version = $2, body_hash = $3, wire_version = $4, version_time = $5,
                                                      signature = $6, headline_hash = $7
                             WHERE story_id = $1",
                        )
                        .bind(story)
                        .bind(new_version)
                        .bind(&article.body_hash)
                        .bind(wire_version)
                        .bind(version_time)
                        .bind(&fp.signature.0)
                        .bind(fp.headline)
                        .execute(&mut **tx)
                        .await?;
                        replace_bands(tx, story, &fp.bands).await?;
                    }
                    Decision {
                        verdict: Verdict::Update,
                        story_id: story,
                        cluster_id: cluster,
                        version: new_version,
                        current,
                        similarity: None,
                        duplicate_of: None,
                        cluster_changed: false,
                        decided_at: now,
                    }
                }
            }
        }
        // Records its decision itself, with the story, in one statement.
        None => {
            return first_sighting(
                tx,
                sighting_key,
                article,
                fp,
                rules,
                killed,
                wire_version,
                version_time,
                now,
            )
            .await
        }
    };

    sqlx::query(
        "INSERT INTO dedup_decisions (sighting_key, verdict, story_id, cluster_id, version, current, similarity,
                                      duplicate_of, cluster_changed, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(sighting_key)
    .bind(decision.verdict.as_str())
    .bind(decision.story_id)
    .bind(decision.cluster_id)
    .bind(decision.version)
    .bind(decision.current)
    .bind(decision.similarity)
    .bind(decision.duplicate_of)
    .bind(decision.cluster_changed)
    .bind(decision.decided_at)
    .execute(&mut **tx)
    .await?;
    Ok(decision)
}

/// The decision recorded for a sighting, from a row with the columns
/// `verdict`, `d_story`, `d_cluster`, `d_version`, `current`, `similarity`,
/// `duplicate_of`, `cluster_changed` and `decided_at` (NULL `verdict`: none).
pub(crate) fn recorded(row: &sqlx::postgres::PgRow) -> Option<Decision> {
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

/// Whether the message withdraws its story (wire `pubStatus`).
pub(crate) fn kill_requested(article: &Article) -> bool {
    article
        .wire
        .as_ref()
        .is_some_and(|w| matches!(w.pub_status.as_deref(), Some("canceled" | "withheld")))
}

/// The number that orders a story's versions: the wire's version, else the
/// update number its headline printed ("UPDATE 2-").
pub(crate) fn wire_version(article: &Article) -> Option<i64> {
    article
        .wire
        .as_ref()
        .and_then(|w| w.version)
        .or_else(|| article.revision.as_ref().and_then(|r| r.number))
}

/// The time that orders a story's versions: wire `versionCreated`, else the
/// page's updated or published time.
pub(crate) fn version_time(article: &Article) -> Option<DateTime<Utc>> {
    article
        .wire
        .as_ref()
        .and_then(|w| w.version_created)
        .or(article.updated_at)
        .or(article.published_at)
        .map(|t| t.with_timezone(&Utc))
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

/// A story's band index after its current text changed: the old text's
/// bands go, the new text's come.
pub(crate) async fn replace_bands(
    tx: &mut Transaction<'_, Postgres>,
    story: Uuid,
    bands: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM dedup_bands WHERE story_id = $1")
        .bind(story)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO dedup_bands (band, story_id) SELECT b, $2 FROM unnest($1::bigint[]) AS b ON CONFLICT DO NOTHING")
        .bind(bands)
        .bind(story)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The first message with an identity: a story of its own, in a cluster
/// of its own or, when its text duplicates stories seen before, in theirs.
///
/// Clusters are the connected groups of the duplicate relation, and a
/// cluster's id is the `story_id` of its canonical story, the earliest
/// published (ties: the smaller id). Both depend only on which messages
/// arrived, not on their order: a copy matching stories of several
/// clusters merges them, and a copy published before a cluster's canonical
/// story becomes its canonical; either way the stories already in those
/// clusters are moved to the new id (`cluster_changed`).
#[allow(clippy::too_many_arguments)]
async fn first_sighting(
    tx: &mut Transaction<'_, Postgres>,
    sighting_key: &str,
    article: &Article,
    fp: &Fingerprint,
    rules: &Rules,
    killed: bool,
    wire_version: Option<i64>,
    version_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Decision, sqlx::Error> {
    let story = story_id(&article.identity);
    let published = article.published_at.map(|t| t.with_timezone(&Utc));
    // A killed story is withdrawn: it is nobody's copy and nobody copies it.
    let matches = if killed {
        None
    } else {
        find_matches(tx, article, fp, rules).await?
    };

    let mut cluster = story;
    let mut cluster_changed = false;
    if let Some(m) = &matches {
        let clusters = lock_clusters(tx, &m.stories).await?;
        let canonicals = sqlx::query(
            "SELECT story_id, published_at FROM dedup_stories WHERE story_id = ANY($1)",
        )
        .bind(&clusters)
        .fetch_all(&mut **tx)
        .await?;
        cluster = canonical_story(
            (published, story),
            canonicals
                .iter()
                .map(|row| (row.get("published_at"), row.get("story_id"))),
        );
        let moved: Vec<Uuid> = clusters.into_iter().filter(|c| *c != cluster).collect();
        if !moved.is_empty() {
            sqlx::query("UPDATE dedup_stories SET cluster_id = $1 WHERE cluster_id = ANY($2)")
                .bind(cluster)
                .bind(&moved)
                .execute(&mut **tx)
                .await?;
            cluster_changed = true;
        }
    }

    let (verdict, similarity, duplicate_of) = match (killed, &matches) {
        (true, _) => (Verdict::Kill, None, None),
        (false, None) => (Verdict::New, None, None),
        (false, Some(m)) => (m.verdict, Some(m.similarity), Some(m.best)),
    };
    let decision = FirstSighting {
        verdict,
        story,
        cluster,
        similarity,
        duplicate_of,
        cluster_changed,
    }
    .decision(now);
    // A killed story is nobody's copy: it joins no band.
    let bands: &[i64] = if killed { &[] } else { &fp.bands };
    sqlx::query(
        "WITH story AS (
             INSERT INTO dedup_stories (story_id, identity, cluster_id, version, body_hash, wire_version, version_time,
                                        published_at, killed, signature, headline_hash)
             VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $17)),
         version AS (
             INSERT INTO dedup_versions (story_id, body_hash, version) VALUES ($1, $4, 1)),
         bands AS (
             INSERT INTO dedup_bands (band, story_id) SELECT b, $1 FROM unnest($10::bigint[]) AS b
             ON CONFLICT DO NOTHING)
         INSERT INTO dedup_decisions (sighting_key, verdict, story_id, cluster_id, version, current, similarity,
                                      duplicate_of, cluster_changed, decided_at)
         VALUES ($11, $12, $1, $3, 1, true, $13, $14, $15, $16)",
    )
    .bind(story)
    .bind(&article.identity)
    .bind(cluster)
    .bind(&article.body_hash)
    .bind(wire_version)
    .bind(version_time)
    .bind(published)
    .bind(killed)
    .bind(&fp.signature.0)
    .bind(bands)
    .bind(sighting_key)
    .bind(decision.verdict.as_str())
    .bind(decision.similarity)
    .bind(decision.duplicate_of)
    .bind(decision.cluster_changed)
    .bind(decision.decided_at)
    .bind(fp.headline)
    .execute(&mut **tx)
    .await?;
    Ok(decision)
}

/// The decision on a story's first message: its first version, current.
pub(crate) struct FirstSighting {
    pub verdict: Verdict,
    pub story: Uuid,
    pub cluster: Uuid,
    pub similarity: Option<f32>,
    pub duplicate_of: Option<Uuid>,
    pub cluster_changed: bool,
}

impl FirstSighting {
    pub fn decision(self, decided_at: DateTime<Utc>) -> Decision {
        Decision {
            verdict: self.verdict,
            story_id: self.story,
            cluster_id: self.cluster,
            version: 1,
            current: true,
            similarity: self.similarity,
            duplicate_of: self.duplicate_of,
            cluster_changed: self.cluster_changed,
            decided_at,
        }
    }
}

/// Orders stories for the canonical choice: earliest published first,
/// undated ones last.
fn canonical_key(published: Option<DateTime<Utc>>) -> (bool, Option<DateTime<Utc>>) {
    (published.is_none(), published)
}

/// The canonical story of a cluster a new story joins: among the new story
/// and the canonical stories of the clusters it matched, given as
/// (published, story id), the earliest published; ties go to the smaller id.
pub(crate) fn canonical_story(
    new: (Option<DateTime<Utc>>, Uuid),
    canonicals: impl IntoIterator<Item = (Option<DateTime<Utc>>, Uuid)>,
) -> Uuid {
    canonicals
        .into_iter()
        .map(|(published, id)| (canonical_key(published), id))
        .fold((canonical_key(new.0), new.1), std::cmp::min)
        .1
}

/// The stories an incoming text duplicates.
struct Matches {
    verdict: Verdict,
    /// The closest: an exact copy if there is one, else the most similar.
    best: Uuid,
    similarity: f32,
    /// Every story matched, exact or near.
    stories: Vec<Uuid>,
}

/// Every story with the same body (exact) or a similar one (near). Index
/// candidates are always verified against their full signature first.
async fn find_matches(
    tx: &mut Transaction<'_, Postgres>,
    article: &Article,
    fp: &Fingerprint,
    rules: &Rules,
) -> Result<Option<Matches>, sqlx::Error> {
    // Exact copies (any version with this body) and LSH candidates, in one
    // round trip.
    let rows = sqlx::query(
        "SELECT v.story_id, true AS exact, NULL::integer[] AS signature, s.identity, s.headline_hash
         FROM dedup_versions v JOIN dedup_stories s USING (story_id)
         WHERE v.body_hash = $1 AND NOT s.killed
         UNION ALL
         SELECT s.story_id, false, s.signature, s.identity, s.headline_hash FROM dedup_stories s
         WHERE s.story_id IN (SELECT story_id FROM dedup_bands WHERE band = ANY($2)) AND NOT s.killed",
    )
    .bind(&article.body_hash)
    .bind(&fp.bands)
    .fetch_all(&mut **tx)
    .await?;
    let mut exact: Vec<Uuid> = Vec::new();
    let mut near: Vec<(f32, Uuid)> = Vec::new();
    let this = Sketch::new(&fp.signature, &article.identity, fp.headline);
    for row in rows {
        let identity: String = row.get("identity");
        let headline: Option<i64> = row.get("headline_hash");
        if row.get::<bool, _>("exact") {
            let other = Sketch::new(&fp.signature, &identity, headline);
            if !this.other_story_of_one_outlet(&other) {
                exact.push(row.get("story_id"));
            }
            continue;
        }
        // A candidate shares a band with the text; it is a copy when it
        // passes the same test as in a batch.
        let sig = Signature(row.get("signature"));
        if let Some(sim) = copy_of(&this, &Sketch::new(&sig, &identity, headline), rules) {
            near.push((sim, row.get("story_id")));
        }
    }
    let mut stories: Vec<Uuid> = exact
        .iter()
        .copied()
        .chain(near.iter().map(|n| n.1))
        .collect();
    stories.sort_unstable();
    stories.dedup();
    // The smallest id among exact copies, so the choice is stable.
    if let Some(first) = exact.iter().min() {
        return Ok(Some(Matches {
            verdict: Verdict::ExactDuplicate,
            best: *first,
            similarity: 1.0,
            stories,
        }));
    }
    // Most similar first; equal similarities by id, so the choice is stable.
    let best = near
        .iter()
        .copied()
        .min_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(best.map(|(similarity, best)| Matches {
        verdict: Verdict::NearDuplicate,
        best,
        similarity,
        stories,
    }))
}

/// Locks the clusters `stories` are in and returns their ids, sorted.
///
/// Whoever moves a cluster's stories to another id holds the lock on the
/// old id, so once the locks are held and the ids read again, they stay
/// put until this transaction ends. The stories themselves cannot change
/// underneath: a story that could match this text shares a band or body
/// lock with it.
async fn lock_clusters(
    tx: &mut Transaction<'_, Postgres>,
    stories: &[Uuid],
) -> Result<Vec<Uuid>, sqlx::Error> {
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
            .map(|c| lock_key(&format!("cluster:{c}")))
            .collect();
        if missing.is_empty() {
            return Ok(clusters);
        }
        take_locks(tx, &missing).await?;
        locked.extend(clusters);
    }
}
