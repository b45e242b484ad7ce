//! The deduplication decision on one message, in one transaction. Races
//! between instances are made safe by transaction-scoped advisory locks
//! on the story identity and on every LSH band of the text: two messages
//! that could match each other touch a common lock, so one decides after
//! the other has committed. The rules are `policy`'s, the statements
//! `state`'s.

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_model::{Article, Decision};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::fingerprint::{copy_of, fingerprint, Print, Rules, Sketch};
use crate::policy;
use crate::state::{self, NewStory, StoredStory, Tx};
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

/// Whether `decide_in` must take the decision's locks itself, or the
/// transaction holds them already (a batch takes them all up front).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locks {
    Take,
    Held,
}

pub(crate) async fn decide_in(
    tx: &mut Tx<'_>,
    sighting_key: &str,
    article: &Article,
    fp: &Fingerprint,
    rules: &Rules,
    locks: Locks,
) -> Result<Decision, sqlx::Error> {
    if locks == Locks::Take {
        state::take_locks(tx, &policy::lock_keys(article, fp)).await?;
    }
    let known = state::known(tx, sighting_key, &article.identity).await?;
    if let Some(decision) = known.recorded {
        return Ok(decision);
    }
    // PostgreSQL keeps microseconds: a replay must return the same instant.
    let now = Utc::now().trunc_subsecs(6);
    let decision = match known.story {
        Some(stored) => known_story(tx, article, fp, stored, now).await?,
        // Records its decision itself, with the story, in one statement.
        None => return first_sighting(tx, sighting_key, article, fp, rules, now).await,
    };
    state::insert_decisions(tx, &[(sighting_key, &decision)]).await?;
    Ok(decision)
}

/// Another message for a stored story: a kill, a re-scrape of a version it
/// has, or a new version (current when newer than the current one).
async fn known_story(
    tx: &mut Tx<'_>,
    article: &Article,
    fp: &Fingerprint,
    stored: StoredStory,
    now: DateTime<Utc>,
) -> Result<Decision, sqlx::Error> {
    let known = stored.known;
    if policy::kill_requested(article) {
        state::mark_killed(tx, known.story).await?;
        return Ok(policy::kill(known, now));
    }
    if state::version_with_body(tx, known.story, &article.body_hash)
        .await?
        .is_some()
    {
        return Ok(policy::rescrape(known, now));
    }
    let version = state::max_version(tx, known.story).await? + 1;
    let (wire_version, version_time) =
        (policy::wire_version(article), policy::version_time(article));
    let current = policy::is_newer(
        wire_version,
        version_time,
        stored.wire_version,
        stored.version_time,
    );
    state::add_version(tx, known.story, &article.body_hash, version, false).await?;
    if current {
        state::set_current_version(
            tx,
            known.story,
            version,
            &article.body_hash,
            fp,
            Some((wire_version, version_time)),
        )
        .await?;
    }
    Ok(policy::update(known, version, current, now))
}

/// The first message with an identity: a story of its own, in a cluster
/// of its own or, when its text duplicates stories seen before, in theirs
/// (`policy::cluster_choice`).
async fn first_sighting(
    tx: &mut Tx<'_>,
    sighting_key: &str,
    article: &Article,
    fp: &Fingerprint,
    rules: &Rules,
    now: DateTime<Utc>,
) -> Result<Decision, sqlx::Error> {
    let story = policy::story_id(&article.identity);
    let published = article.published_at.map(|t| t.with_timezone(&Utc));
    let killed = policy::kill_requested(article);
    // A killed story is withdrawn: it is nobody's copy and nobody copies it.
    let copies = if killed {
        None
    } else {
        find_copies(tx, article, fp, rules).await?
    };

    let mut cluster = story;
    let mut cluster_changed = false;
    if let Some(copies) = &copies {
        let clusters = state::lock_clusters(tx, &copies.stories).await?;
        let canonicals = state::canonicals(tx, &clusters).await?;
        let choice = policy::cluster_choice((published, story), clusters, canonicals);
        cluster = choice.cluster;
        if !choice.moved.is_empty() {
            state::move_clusters(tx, cluster, &choice.moved).await?;
            cluster_changed = true;
        }
    }
    let closest = copies.as_ref().map(|c| c.closest);
    let decision = policy::first_sighting(story, killed, closest, (cluster, cluster_changed), now);
    let new_story = NewStory {
        story,
        identity: &article.identity,
        cluster,
        body_hash: &article.body_hash,
        wire_version: policy::wire_version(article),
        version_time: policy::version_time(article),
        published,
        killed,
        print: fp,
    };
    state::insert_new_stories(tx, &[new_story], &[(sighting_key, &decision)]).await?;
    Ok(decision)
}

/// The stored stories an incoming text duplicates.
struct Copies {
    /// The closest (`policy::closest_copy`): verdict, similarity, story.
    closest: (wirefeed_model::Verdict, f32, Uuid),
    /// Every story matched, exact or near, sorted.
    stories: Vec<Uuid>,
}

/// Every stored story with the same body (exact) or a similar one (near).
/// Index candidates are always verified against their full signature.
async fn find_copies(
    tx: &mut Tx<'_>,
    article: &Article,
    fp: &Fingerprint,
    rules: &Rules,
) -> Result<Option<Copies>, sqlx::Error> {
    let mut exact: Vec<Uuid> = Vec::new();
    let mut near: Vec<(f32, Uuid)> = Vec::new();
    let this = Sketch::new(&fp.signature, &article.identity, fp.headline);
    for c in state::candidates(tx, &article.body_hash, &fp.bands).await? {
        if c.exact {
            // The same body: a copy unless it is another story of one
            // outlet (a template text).
            let other = Sketch::new(&fp.signature, &c.identity, c.headline);
            if !this.other_story_of_one_outlet(&other) {
                exact.push(c.story);
            }
        } else if let Some(sig) = &c.signature {
            // A candidate shares a band with the text; it is a copy when it
            // passes the same test as in a batch.
            if let Some(sim) = copy_of(&this, &Sketch::new(sig, &c.identity, c.headline), rules) {
                near.push((sim, c.story));
            }
        }
    }
    let mut stories: Vec<Uuid> = exact
        .iter()
        .copied()
        .chain(near.iter().map(|n| n.1))
        .collect();
    stories.sort_unstable();
    stories.dedup();
    Ok(policy::closest_copy(exact, near).map(|closest| Copies { closest, stories }))
}
