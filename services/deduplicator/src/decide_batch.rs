//! A batch of decisions in one transaction with a handful of statements
//! instead of several a message.
//!
//! Every lock of the batch is taken first. Two look-ups then cover the
//! whole batch: the recorded decisions and stored identities, and the
//! stored stories each text duplicates (same body, or an LSH candidate
//! verified on its signature). A message none of that concerns (no stored
//! identity, no stored copy, not a kill) is decided in memory against the
//! batch's other new stories: new, re-scrape, exact or near duplicate, with
//! the cluster rules of `decide`. All of those are written together in one
//! statement. The others (updates, kills, copies of stored stories) take
//! `decide`'s path one by one, after writing the pending rows they could
//! depend on, and a message that shares an identity, body or band with a
//! row written that way takes it too, as the look-ups predate that row.
//! Either way each message gets the decision `decide` would give it in
//! that order.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::{PgPool, Postgres, Row, Transaction};
use uuid::Uuid;
use wirefeed_model::{Decision, Verdict};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::decide::{
    canonical_story, decide_in, kill_requested, lock_keys, recorded, story_id, take_locks,
    version_time, wire_version, Fingerprint, FirstSighting, Locks,
};
use crate::fingerprint::{copy_of, Rules, Signature, Sketch};
use wirefeed_model::Article;

/// One message to decide in a batch.
pub struct Pending<'a> {
    pub sighting_key: &'a str,
    pub article: &'a Article,
    pub fingerprint: &'a Fingerprint,
}

impl Pending<'_> {
    fn sketch(&self) -> Sketch<'_> {
        Sketch::new(
            &self.fingerprint.signature,
            &self.article.identity,
            self.fingerprint.headline,
        )
    }
}

/// Decides several messages, in order, in one transaction (one commit for
/// all). Each decision sees the ones before it. Any failure rolls back the
/// whole batch: the caller retries it (transient) or decides its messages
/// one by one to find the bad ones (permanent).
pub async fn decide_batch(
    pool: &PgPool,
    batch: &[Pending<'_>],
    rules: &Rules,
) -> Result<Vec<Decision>, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let decisions = decide_all_in(&mut tx, batch, rules)
        .await
        .map_err(|e| classify_sqlx(&e))?;
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(decisions)
}

async fn decide_all_in<'a>(
    tx: &mut Transaction<'_, Postgres>,
    batch: &'a [Pending<'a>],
    rules: &Rules,
) -> Result<Vec<Decision>, sqlx::Error> {
    // Every lock of the batch at once, sorted, so two instances' batches
    // never wait on each other in a cycle over these locks.
    let mut locks: Vec<i64> = batch
        .iter()
        .flat_map(|p| lock_keys(p.article, p.fingerprint))
        .collect();
    locks.sort_unstable();
    locks.dedup();
    key_lookups_only(tx).await?;
    take_locks(tx, &locks).await?;

    // PostgreSQL keeps microseconds: a replay must return the same instant.
    let now = Utc::now().trunc_subsecs(6);
    let known = look_up_known(tx, batch).await?;
    let copies_stored = look_up_stored_copies(tx, batch, &known, rules).await?;

    let mut fresh = FreshStories::default();
    let mut written = Keys::default();
    let mut decisions = Vec::with_capacity(batch.len());
    for (i, p) in batch.iter().enumerate() {
        if let Some(d) = &known[i].recorded {
            decisions.push(d.clone());
            continue;
        }
        let in_memory = !known[i].identity_stored
            && !copies_stored[i]
            && !kill_requested(p.article)
            && !written.touches(p);
        if in_memory {
            if let Some(d) = fresh.decide(p, now, rules) {
                decisions.push(d);
                continue;
            }
        }
        if fresh.keys.touches(p) {
            fresh.write(tx, &mut written).await?;
        }
        let d = decide_in(
            tx,
            p.sighting_key,
            p.article,
            p.fingerprint,
            rules,
            Locks::Held,
        )
        .await?;
        written.add(p);
        decisions.push(d);
    }
    fresh.write(tx, &mut written).await?;
    Ok(decisions)
}

/// Tells the planner, for this transaction only, that its statements are
/// key look-ups. Given thousands of keys at once, it expects a match for
/// each and may choose to read a whole table (a sequential scan, or a hash
/// of it) or to compile the query (JIT), costing more than the look-ups;
/// the state tables grow with every story, so that would grow too.
async fn key_lookups_only(tx: &mut Transaction<'_, Postgres>) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What the database already holds for one message of the batch.
struct Known {
    /// The decision recorded for its sighting (a replay).
    recorded: Option<Decision>,
    /// Whether a story with its identity exists.
    identity_stored: bool,
}

async fn look_up_known(
    tx: &mut Transaction<'_, Postgres>,
    batch: &[Pending<'_>],
) -> Result<Vec<Known>, sqlx::Error> {
    let keys: Vec<&str> = batch.iter().map(|p| p.sighting_key).collect();
    let identities: Vec<&str> = batch.iter().map(|p| p.article.identity.as_str()).collect();
    let rows = sqlx::query(
        "SELECT t.n, d.verdict, d.story_id AS d_story, d.cluster_id AS d_cluster, d.version AS d_version,
                d.similarity, d.duplicate_of, d.cluster_changed, d.decided_at, d.current,
                s.story_id IS NOT NULL AS identity_stored
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(key, ident, n)
         LEFT JOIN dedup_decisions d ON d.sighting_key = t.key
         LEFT JOIN dedup_stories s ON s.identity = t.ident
         ORDER BY t.n",
    )
    .bind(&keys)
    .bind(&identities)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .iter()
        .map(|row| Known {
            recorded: recorded(row),
            identity_stored: row.get("identity_stored"),
        })
        .collect())
}

/// For each message, whether a stored story (not killed) has its body or a
/// similar one. Only messages that could be first sightings are looked up.
async fn look_up_stored_copies(
    tx: &mut Transaction<'_, Postgres>,
    batch: &[Pending<'_>],
    known: &[Known],
    rules: &Rules,
) -> Result<Vec<bool>, sqlx::Error> {
    let mut stored = vec![false; batch.len()];
    let asked: Vec<usize> = (0..batch.len())
        .filter(|&i| {
            known[i].recorded.is_none()
                && !known[i].identity_stored
                && !kill_requested(batch[i].article)
        })
        .collect();
    if asked.is_empty() {
        return Ok(stored);
    }
    let hashes: Vec<&str> = asked
        .iter()
        .map(|&i| batch[i].article.body_hash.as_str())
        .collect();
    let mut bands: Vec<i64> = asked
        .iter()
        .flat_map(|&i| batch[i].fingerprint.bands.iter().copied())
        .collect();
    bands.sort_unstable();
    bands.dedup();
    let exact: HashSet<String> = sqlx::query_scalar(
        "SELECT v.body_hash FROM dedup_versions v JOIN dedup_stories s USING (story_id)
         WHERE v.body_hash = ANY($1) AND NOT s.killed",
    )
    .bind(&hashes)
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
    .bind(&bands)
    .fetch_all(&mut **tx)
    .await?;
    let mut by_band: HashMap<i64, Vec<(Signature, String)>> = HashMap::new();
    for row in rows {
        by_band
            .entry(row.get("band"))
            .or_default()
            .push((Signature(row.get("signature")), row.get("identity")));
    }
    for &i in &asked {
        let fp = batch[i].fingerprint;
        stored[i] = exact.contains(batch[i].article.body_hash.as_str())
            || fp
                .bands
                .iter()
                .filter_map(|b| by_band.get(b))
                .flatten()
                // Candidates are verified as `decide` verifies them.
                // Headlines left out: a stored copy on the slower path is
                // decided in full there, a missed one would not be.
                .any(|(sig, identity)| {
                    let this = Sketch::new(&fp.signature, &batch[i].article.identity, None);
                    copy_of(&this, &Sketch::new(sig, identity, None), rules).is_some()
                });
    }
    Ok(stored)
}

/// Identities, bodies, bands and sighting keys of messages, to tell whether
/// a later message of the batch could concern them.
#[derive(Default)]
struct Keys<'a> {
    sightings: HashSet<&'a str>,
    identities: HashSet<&'a str>,
    bodies: HashSet<&'a str>,
    bands: HashSet<i64>,
}

impl<'a> Keys<'a> {
    fn touches(&self, p: &Pending<'_>) -> bool {
        self.sightings.contains(p.sighting_key)
            || self.identities.contains(p.article.identity.as_str())
            || self.bodies.contains(p.article.body_hash.as_str())
            || p.fingerprint.bands.iter().any(|b| self.bands.contains(b))
    }

    fn add(&mut self, p: &Pending<'a>) {
        self.sightings.insert(p.sighting_key);
        self.identities.insert(p.article.identity.as_str());
        self.bodies.insert(p.article.body_hash.as_str());
        self.bands.extend(p.fingerprint.bands.iter().copied());
    }

    fn extend(&mut self, other: Keys<'a>) {
        self.sightings.extend(other.sightings);
        self.identities.extend(other.identities);
        self.bodies.extend(other.bodies);
        self.bands.extend(other.bands);
    }
}

/// A new story decided in memory, not yet written.
struct FreshStory<'a> {
    pending: &'a Pending<'a>,
    story: Uuid,
    cluster: Uuid,
    published: Option<DateTime<Utc>>,
}

/// The batch's new stories decided in memory, with their decisions, until
/// they are written.
#[derive(Default)]
struct FreshStories<'a> {
    stories: Vec<FreshStory<'a>>,
    decisions: Vec<(&'a str, Decision)>,
    by_identity: HashMap<&'a str, usize>,
    by_story: HashMap<Uuid, usize>,
    by_body: HashMap<&'a str, Vec<usize>>,
    by_band: HashMap<i64, Vec<usize>>,
    keys: Keys<'a>,
}

impl<'a> FreshStories<'a> {
    /// Decides a message that concerns no stored story, against the fresh
    /// stories only. None when it needs `decide`'s path: a changed text
    /// under an identity first seen in this batch.
    fn decide(
        &mut self,
        p: &'a Pending<'a>,
        now: DateTime<Utc>,
        rules: &Rules,
    ) -> Option<Decision> {
        let article = p.article;
        if let Some(&i) = self.by_identity.get(article.identity.as_str()) {
            let same = &self.stories[i];
            if same.pending.article.body_hash != article.body_hash {
                return None;
            }
            let decision = Decision {
                verdict: Verdict::Rescrape,
                story_id: same.story,
                cluster_id: same.cluster,
                version: 1,
                current: true,
                similarity: Some(1.0),
                duplicate_of: None,
                cluster_changed: false,
                decided_at: now,
            };
            self.keys.sightings.insert(p.sighting_key);
            self.decisions.push((p.sighting_key, decision.clone()));
            return Some(decision);
        }

        let story = story_id(&article.identity);
        let published = article.published_at.map(|t| t.with_timezone(&Utc));
        let (verdict, similarity, duplicate_of, matched) = self.matches(p, rules);
        let mut cluster = story;
        let mut cluster_changed = false;
        if !matched.is_empty() {
            let mut clusters: Vec<Uuid> =
                matched.iter().map(|&i| self.stories[i].cluster).collect();
            clusters.sort_unstable();
            clusters.dedup();
            // A fresh cluster's id is the story id of its canonical story,
            // itself fresh.
            cluster = canonical_story(
                (published, story),
                clusters
                    .iter()
                    .map(|c| (self.stories[self.by_story[c]].published, *c)),
            );
            let moved: Vec<Uuid> = clusters.into_iter().filter(|c| *c != cluster).collect();
            if !moved.is_empty() {
                for s in &mut self.stories {
                    if moved.contains(&s.cluster) {
                        s.cluster = cluster;
                    }
                }
                cluster_changed = true;
            }
        }
        let decision = FirstSighting {
            verdict,
            story,
            cluster,
            similarity,
            duplicate_of,
            cluster_changed,
        }
        .decision(now);
        let i = self.stories.len();
        self.stories.push(FreshStory {
            pending: p,
            story,
            cluster,
            published,
        });
        self.by_identity.insert(article.identity.as_str(), i);
        self.by_story.insert(story, i);
        self.by_body
            .entry(article.body_hash.as_str())
            .or_default()
            .push(i);
        for &b in &p.fingerprint.bands {
            self.by_band.entry(b).or_default().push(i);
        }
        self.keys.add(p);
        self.decisions.push((p.sighting_key, decision.clone()));
        Some(decision)
    }

    /// The verdict against the fresh stories, as `decide`'s `find_matches`
    /// gives it: an exact copy (the smallest id) before the most similar
    /// near copy; and every fresh story matched.
    fn matches(
        &self,
        p: &Pending<'_>,
        rules: &Rules,
    ) -> (Verdict, Option<f32>, Option<Uuid>, Vec<usize>) {
        let exact: Vec<usize> = self
            .by_body
            .get(p.article.body_hash.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                !p.sketch()
                    .other_story_of_one_outlet(&self.stories[i].pending.sketch())
            })
            .collect();
        let mut candidates: Vec<usize> = p
            .fingerprint
            .bands
            .iter()
            .filter_map(|b| self.by_band.get(b))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let near: Vec<(f32, usize)> = candidates
            .into_iter()
            .filter_map(|i| {
                copy_of(&p.sketch(), &self.stories[i].pending.sketch(), rules).map(|sim| (sim, i))
            })
            .collect();
        let mut matched: Vec<usize> = exact
            .iter()
            .copied()
            .chain(near.iter().map(|n| n.1))
            .collect();
        matched.sort_unstable();
        matched.dedup();
        if let Some(best) = exact.iter().map(|&i| self.stories[i].story).min() {
            return (Verdict::ExactDuplicate, Some(1.0), Some(best), matched);
        }
        let best = near
            .iter()
            .map(|&(sim, i)| (sim, self.stories[i].story))
            .min_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        match best {
            Some((sim, story)) => (Verdict::NearDuplicate, Some(sim), Some(story), matched),
            None => (Verdict::New, None, None, matched),
        }
    }

    /// Writes the fresh stories (story, first version, bands) and every
    /// decision taken in memory, in one statement, then forgets them: from
    /// now on they are stored rows, and `written` records their keys.
    async fn write(
        &mut self,
        tx: &mut Transaction<'_, Postgres>,
        written: &mut Keys<'a>,
    ) -> Result<(), sqlx::Error> {
        if self.decisions.is_empty() {
            return Ok(());
        }
        let n = self.stories.len();
        let (mut ids, mut identities, mut clusters, mut hashes) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut wire_versions, mut version_times, mut published) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        // Signatures travel as one flat array with each story's bounds:
        // PostgreSQL cannot unnest an array of arrays row by row.
        let mut headlines: Vec<Option<i64>> = Vec::with_capacity(n);
        let (mut signatures, mut sig_from, mut sig_to) =
            (Vec::new(), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut band_rows: Vec<(i64, Uuid)> = Vec::new();
        for s in &self.stories {
            let a = s.pending.article;
            ids.push(s.story);
            identities.push(a.identity.as_str());
            clusters.push(s.cluster);
            hashes.push(a.body_hash.as_str());
            wire_versions.push(wire_version(a));
            version_times.push(version_time(a));
            published.push(s.published);
            sig_from.push(signatures.len() as i32 + 1);
            signatures.extend_from_slice(&s.pending.fingerprint.signature.0);
            headlines.push(s.pending.fingerprint.headline);
            sig_to.push(signatures.len() as i32);
            for &b in &s.pending.fingerprint.bands {
                band_rows.push((b, s.story));
            }
        }
        // In index order: each insertion descends to a page the previous
        // one has just read, instead of one anywhere in the index.
        // A story's bands carry their band number, so they differ unless two
        // hashes collide; dropping such a repeat here lets the insert below
        // skip the conflict check it would otherwise need.
        band_rows.sort_unstable();
        band_rows.dedup();
        let (bands, band_story): (Vec<i64>, Vec<Uuid>) = band_rows.into_iter().unzip();
        let m = self.decisions.len();
        let mut d_keys = Vec::with_capacity(m);
        let mut d_verdicts = Vec::with_capacity(m);
        let (mut d_story, mut d_cluster, mut d_version, mut d_current) = (
            Vec::with_capacity(m),
            Vec::with_capacity(m),
            Vec::with_capacity(m),
            Vec::with_capacity(m),
        );
        let (mut d_similarity, mut d_duplicate_of, mut d_changed, mut d_at) = (
            Vec::with_capacity(m),
            Vec::with_capacity(m),
            Vec::with_capacity(m),
            Vec::with_capacity(m),
        );
        for (key, d) in &self.decisions {
            d_keys.push(*key);
            d_verdicts.push(d.verdict.as_str());
            d_story.push(d.story_id);
            d_cluster.push(d.cluster_id);
            d_version.push(d.version);
            d_current.push(d.current);
            d_similarity.push(d.similarity);
            d_duplicate_of.push(d.duplicate_of);
            d_changed.push(d.cluster_changed);
            d_at.push(d.decided_at);
        }
        sqlx::query(
            "WITH story AS (
                 INSERT INTO dedup_stories (story_id, identity, cluster_id, version, body_hash, wire_version,
                                            version_time, published_at, killed, signature, headline_hash)
                 SELECT id, ident, cluster, 1, h, wv, vt, pub, false, ($8::integer[])[lo:hi], hl
                 FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[],
                             $7::timestamptz[], $9::integer[], $10::integer[], $23::bigint[])
                      AS t(id, ident, cluster, h, wv, vt, pub, lo, hi, hl)),
             version AS (
                 INSERT INTO dedup_versions (story_id, body_hash, version)
                 SELECT id, h, 1 FROM unnest($1::uuid[], $4::text[]) AS t(id, h)),
             bands AS (
                 INSERT INTO dedup_bands (band, story_id)
                 SELECT b, id FROM unnest($11::bigint[], $12::uuid[]) AS t(b, id))
             INSERT INTO dedup_decisions (sighting_key, verdict, story_id, cluster_id, version, current, similarity,
                                          duplicate_of, cluster_changed, decided_at)
             SELECT * FROM unnest($13::text[], $14::text[], $15::uuid[], $16::uuid[], $17::integer[], $18::boolean[],
                                  $19::real[], $20::uuid[], $21::boolean[], $22::timestamptz[])",
        )
        .bind(&ids)
        .bind(&identities)
        .bind(&clusters)
        .bind(&hashes)
        .bind(&wire_versions)
        .bind(&version_times)
        .bind(&published)
        .bind(&signatures)
        .bind(&sig_from)
        .bind(&sig_to)
        .bind(&bands)
        .bind(&band_story)
        .bind(&d_keys)
        .bind(&d_verdicts)
        .bind(&d_story)
        .bind(&d_cluster)
        .bind(&d_version)
        .bind(&d_current)
        .bind(&d_similarity)
        .bind(&d_duplicate_of)
        .bind(&d_changed)
        .bind(&d_at)
        .bind(&headlines)
        .execute(&mut **tx)
        .await?;
        written.extend(std::mem::take(&mut self.keys));
        *self = FreshStories::default();
        Ok(())
    }
}
