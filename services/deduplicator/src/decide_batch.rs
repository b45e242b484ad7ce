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
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_model::{Article, Decision, Verdict};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::decide::{decide_in, Fingerprint, Locks};
use crate::fingerprint::{copy_of, Rules, Sketch};
use crate::policy::{self, KnownStory};
use crate::state::{self, KnownInBatch, NewStory, Tx};

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
    tx: &mut Tx<'_>,
    batch: &'a [Pending<'a>],
    rules: &Rules,
) -> Result<Vec<Decision>, sqlx::Error> {
    // Every lock of the batch at once, sorted, so two instances' batches
    // never wait on each other in a cycle over these locks.
    let mut locks: Vec<i64> = batch
        .iter()
        .flat_map(|p| policy::lock_keys(p.article, p.fingerprint))
        .collect();
    locks.sort_unstable();
    locks.dedup();
    state::key_lookups_only(tx).await?;
    state::take_locks(tx, &locks).await?;

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
            && !policy::kill_requested(p.article)
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

async fn look_up_known(
    tx: &mut Tx<'_>,
    batch: &[Pending<'_>],
) -> Result<Vec<KnownInBatch>, sqlx::Error> {
    let keys: Vec<&str> = batch.iter().map(|p| p.sighting_key).collect();
    let identities: Vec<&str> = batch.iter().map(|p| p.article.identity.as_str()).collect();
    state::known_in_batch(tx, &keys, &identities).await
}

/// For each message, whether a stored story (not killed) has its body or a
/// similar one. Only messages that could be first sightings are looked up.
async fn look_up_stored_copies(
    tx: &mut Tx<'_>,
    batch: &[Pending<'_>],
    known: &[KnownInBatch],
    rules: &Rules,
) -> Result<Vec<bool>, sqlx::Error> {
    let mut stored = vec![false; batch.len()];
    let asked: Vec<usize> = (0..batch.len())
        .filter(|&i| {
            known[i].recorded.is_none()
                && !known[i].identity_stored
                && !policy::kill_requested(batch[i].article)
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
    let copies = state::stored_copies(tx, &hashes, &bands).await?;
    for &i in &asked {
        let fp = batch[i].fingerprint;
        stored[i] = copies.bodies.contains(batch[i].article.body_hash.as_str())
            || fp
                .bands
                .iter()
                .filter_map(|b| copies.by_band.get(b))
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
            let known = KnownStory {
                story: same.story,
                cluster: same.cluster,
                version: 1,
            };
            let decision = policy::rescrape(known, now);
            self.keys.sightings.insert(p.sighting_key);
            self.decisions.push((p.sighting_key, decision.clone()));
            return Some(decision);
        }

        let story = policy::story_id(&article.identity);
        let published = article.published_at.map(|t| t.with_timezone(&Utc));
        let (closest, matched) = self.matches(p, rules);
        let mut cluster = story;
        let mut cluster_changed = false;
        if !matched.is_empty() {
            let mut clusters: Vec<Uuid> =
                matched.iter().map(|&i| self.stories[i].cluster).collect();
            clusters.sort_unstable();
            clusters.dedup();
            // A fresh cluster's id is the story id of its canonical story,
            // itself fresh.
            let canonicals: Vec<(Option<DateTime<Utc>>, Uuid)> = clusters
                .iter()
                .map(|c| (self.stories[self.by_story[c]].published, *c))
                .collect();
            let choice = policy::cluster_choice((published, story), clusters, canonicals);
            cluster = choice.cluster;
            if !choice.moved.is_empty() {
                for s in &mut self.stories {
                    if choice.moved.contains(&s.cluster) {
                        s.cluster = cluster;
                    }
                }
                cluster_changed = true;
            }
        }
        let decision =
            policy::first_sighting(story, false, closest, (cluster, cluster_changed), now);
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

    /// The closest copy among the fresh stories, as `decide`'s
    /// `find_copies` gives it (`policy::closest_copy`), and every fresh
    /// story matched.
    fn matches(
        &self,
        p: &Pending<'_>,
        rules: &Rules,
    ) -> (Option<(Verdict, f32, Uuid)>, Vec<usize>) {
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
        let closest = policy::closest_copy(
            exact.iter().map(|&i| self.stories[i].story),
            near.iter().map(|&(sim, i)| (sim, self.stories[i].story)),
        );
        (closest, matched)
    }

    /// Writes the fresh stories (story, first version, bands) and every
    /// decision taken in memory, in one statement, then forgets them: from
    /// now on they are stored rows, and `written` records their keys.
    async fn write(&mut self, tx: &mut Tx<'_>, written: &mut Keys<'a>) -> Result<(), sqlx::Error> {
        if self.decisions.is_empty() {
            return Ok(());
        }
        let stories: Vec<NewStory<'_>> = self
            .stories
            .iter()
            .map(|s| {
                let a = s.pending.article;
                NewStory {
                    story: s.story,
                    identity: &a.identity,
                    cluster: s.cluster,
                    body_hash: &a.body_hash,
                    wire_version: policy::wire_version(a),
                    version_time: policy::version_time(a),
                    published: s.published,
                    killed: false,
                    print: s.pending.fingerprint,
                }
            })
            .collect();
        let decisions: Vec<(&str, &Decision)> =
            self.decisions.iter().map(|(k, d)| (*k, d)).collect();
        state::insert_new_stories(tx, &stories, &decisions).await?;
        written.extend(std::mem::take(&mut self.keys));
        *self = FreshStories::default();
        Ok(())
    }
}
