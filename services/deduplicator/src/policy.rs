//! The deduplication rules, pure: which story a message is, the verdict,
//! the order of a story's versions, the cluster a new story joins, the
//! advisory locks a decision takes. No SQL: the one-message path
//! (`decide`) and the batch path (`decide_batch`) read the state
//! (`state`), ask these rules, and write what they say, so both decide
//! alike.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use wirefeed_model::{Article, Decision, Verdict};

use crate::fingerprint::Print;

/// A story's id, derived from its identity so every instance agrees on it.
pub fn story_id(identity: &str) -> Uuid {
    let digest = Sha256::digest(identity.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The advisory lock of a name (an identity, a body hash, a cluster).
pub fn lock_key(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// The lock of a cluster: whoever moves a cluster's stories holds it.
pub fn cluster_lock_key(cluster: Uuid) -> i64 {
    lock_key(&format!("cluster:{cluster}"))
}

/// The advisory locks a decision takes: every LSH band of the text, its
/// identity and its body hash, sorted. Two messages that could match each
/// other share at least one.
pub fn lock_keys(article: &Article, fp: &Print) -> Vec<i64> {
    let mut locks: Vec<i64> = fp.bands.clone();
    locks.push(lock_key(&article.identity));
    locks.push(lock_key(&article.body_hash));
    locks.sort_unstable();
    locks.dedup();
    locks
}

/// Whether the message withdraws its story (wire `pubStatus`).
pub fn kill_requested(article: &Article) -> bool {
    article
        .wire
        .as_ref()
        .is_some_and(|w| matches!(w.pub_status.as_deref(), Some("canceled" | "withheld")))
}

/// The number that orders a story's versions: the wire's version, else the
/// update number its headline printed ("UPDATE 2-").
pub fn wire_version(article: &Article) -> Option<i64> {
    article
        .wire
        .as_ref()
        .and_then(|w| w.version)
        .or_else(|| article.revision.as_ref().and_then(|r| r.number))
}

/// The time that orders a story's versions: wire `versionCreated`, else the
/// page's updated or published time.
pub fn version_time(article: &Article) -> Option<DateTime<Utc>> {
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
pub fn is_newer(
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

/// A stored story's state a decision reads.
#[derive(Debug, Clone, Copy)]
pub struct KnownStory {
    pub story: Uuid,
    pub cluster: Uuid,
    /// The current version.
    pub version: i32,
}

/// A message for a known story that withdraws it.
pub fn kill(known: KnownStory, now: DateTime<Utc>) -> Decision {
    Decision {
        verdict: Verdict::Kill,
        story_id: known.story,
        cluster_id: known.cluster,
        version: known.version,
        current: true,
        similarity: None,
        duplicate_of: None,
        cluster_changed: false,
        decided_at: now,
    }
}

/// A message whose body one of its story's versions already has.
pub fn rescrape(known: KnownStory, now: DateTime<Utc>) -> Decision {
    Decision {
        verdict: Verdict::Rescrape,
        story_id: known.story,
        cluster_id: known.cluster,
        version: known.version,
        current: true,
        similarity: Some(1.0),
        duplicate_of: None,
        cluster_changed: false,
        decided_at: now,
    }
}

/// A new text of a known story: version `version`, current when newer than
/// the current one (`is_newer`).
pub fn update(known: KnownStory, version: i32, current: bool, now: DateTime<Utc>) -> Decision {
    new_version(Verdict::Update, known, version, current, now)
}

/// A new extraction of a known story's archived page (`wirefeed
/// reprocess`): version `version`, current when the version it
/// re-extracts still is.
pub fn reprocessed(known: KnownStory, version: i32, current: bool, now: DateTime<Utc>) -> Decision {
    new_version(Verdict::Reprocessed, known, version, current, now)
}

fn new_version(
    verdict: Verdict,
    known: KnownStory,
    version: i32,
    current: bool,
    now: DateTime<Utc>,
) -> Decision {
    Decision {
        verdict,
        story_id: known.story,
        cluster_id: known.cluster,
        version,
        current,
        similarity: None,
        duplicate_of: None,
        cluster_changed: false,
        decided_at: now,
    }
}

/// The closest of a text's copies: an exact copy (the smallest story id, so
/// the choice is stable) before the most similar near copy (equal
/// similarities by id). Its verdict, similarity and story.
pub fn closest_copy(
    exact: impl IntoIterator<Item = Uuid>,
    near: impl IntoIterator<Item = (f32, Uuid)>,
) -> Option<(Verdict, f32, Uuid)> {
    if let Some(first) = exact.into_iter().min() {
        return Some((Verdict::ExactDuplicate, 1.0, first));
    }
    near.into_iter()
        .min_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)))
        .map(|(similarity, story)| (Verdict::NearDuplicate, similarity, story))
}

/// Orders stories for the canonical choice: earliest published first,
/// undated ones last.
fn canonical_key(published: Option<DateTime<Utc>>) -> (bool, Option<DateTime<Utc>>) {
    (published.is_none(), published)
}

/// The canonical story of a cluster a new story joins: among the new story
/// and the canonical stories of the clusters it matched, given as
/// (published, story id), the earliest published; ties go to the smaller id.
pub fn canonical_story(
    new: (Option<DateTime<Utc>>, Uuid),
    canonicals: impl IntoIterator<Item = (Option<DateTime<Utc>>, Uuid)>,
) -> Uuid {
    canonicals
        .into_iter()
        .map(|(published, id)| (canonical_key(published), id))
        .fold((canonical_key(new.0), new.1), std::cmp::min)
        .1
}

/// The cluster a new story joins and the clusters whose stories move to it.
///
/// Clusters are the connected groups of the duplicate relation, and a
/// cluster's id is the `story_id` of its canonical story, the earliest
/// published (ties: the smaller id). Both depend only on which messages
/// arrived, not on their order: a copy matching stories of several
/// clusters merges them, and a copy published before a cluster's canonical
/// story becomes its canonical; either way the stories already in those
/// clusters are moved to the new id (`cluster_changed`).
pub struct ClusterChoice {
    pub cluster: Uuid,
    pub moved: Vec<Uuid>,
}

/// `new`: the new story (published, id); `clusters`: the ids of the
/// clusters it matched, sorted; `canonicals`: those clusters' canonical
/// stories (published, id).
pub fn cluster_choice(
    new: (Option<DateTime<Utc>>, Uuid),
    clusters: Vec<Uuid>,
    canonicals: impl IntoIterator<Item = (Option<DateTime<Utc>>, Uuid)>,
) -> ClusterChoice {
    let cluster = canonical_story(new, canonicals);
    let moved = clusters.into_iter().filter(|c| *c != cluster).collect();
    ClusterChoice { cluster, moved }
}

/// The decision on a story's first message: its first version, current;
/// a kill when it withdraws its story (nobody's copy), a duplicate of its
/// closest copy when it has one, else new. `cluster` and `cluster_changed`
/// come from `cluster_choice`.
pub fn first_sighting(
    story: Uuid,
    killed: bool,
    closest: Option<(Verdict, f32, Uuid)>,
    (cluster, cluster_changed): (Uuid, bool),
    decided_at: DateTime<Utc>,
) -> Decision {
    let (verdict, similarity, duplicate_of) = match (killed, closest) {
        (true, _) => (Verdict::Kill, None, None),
        (false, None) => (Verdict::New, None, None),
        (false, Some((verdict, similarity, best))) => (verdict, Some(similarity), Some(best)),
    };
    Decision {
        verdict,
        story_id: story,
        cluster_id: cluster,
        version: 1,
        current: true,
        similarity,
        duplicate_of,
        cluster_changed,
        decided_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }

    fn day(d: u32) -> Option<DateTime<Utc>> {
        Some(
            DateTime::parse_from_rfc3339(&format!("2025-03-{d:02}T10:00:00Z"))
                .unwrap()
                .with_timezone(&Utc),
        )
    }

    #[test]
    fn wire_numbers_order_versions_before_times() {
        assert!(is_newer(Some(3), day(1), Some(2), day(5)));
        assert!(!is_newer(Some(2), day(5), Some(3), day(1)));
        // Same number or none: the times decide; an undated one is newer.
        assert!(is_newer(Some(2), day(5), Some(2), day(4)));
        assert!(!is_newer(None, day(3), None, day(4)));
        assert!(is_newer(None, None, None, day(4)));
    }

    #[test]
    fn an_exact_copy_wins_over_a_closer_near_copy_and_ties_go_to_the_smaller_id() {
        assert_eq!(
            closest_copy([id(9), id(4)], [(0.99, id(1))]),
            Some((Verdict::ExactDuplicate, 1.0, id(4)))
        );
        assert_eq!(
            closest_copy([], [(0.8, id(3)), (0.9, id(7)), (0.9, id(5))]),
            Some((Verdict::NearDuplicate, 0.9, id(5)))
        );
        assert_eq!(closest_copy([], []), None);
    }

    #[test]
    fn the_earliest_published_story_names_the_cluster_and_the_others_move() {
        // The new story is older than both clusters' canonicals: both move.
        let choice = cluster_choice(
            (day(1), id(9)),
            vec![id(2), id(3)],
            [(day(2), id(2)), (day(3), id(3))],
        );
        assert_eq!(choice.cluster, id(9));
        assert_eq!(choice.moved, vec![id(2), id(3)]);
        // A later story joins the earliest cluster; the other one moves.
        let choice = cluster_choice(
            (day(5), id(1)),
            vec![id(2), id(3)],
            [(day(2), id(2)), (day(3), id(3))],
        );
        assert_eq!(choice.cluster, id(2));
        assert_eq!(choice.moved, vec![id(3)]);
        // Undated stories come last; equal days go to the smaller id.
        assert_eq!(canonical_story((None, id(1)), [(day(4), id(8))]), id(8));
        assert_eq!(canonical_story((day(4), id(9)), [(day(4), id(8))]), id(8));
    }

    #[test]
    fn a_kill_is_nobodys_copy() {
        let copy = Some((Verdict::NearDuplicate, 0.9, id(2)));
        let now = day(1).unwrap();
        let kill = first_sighting(id(1), true, copy, (id(1), false), now);
        assert_eq!(
            (kill.verdict, kill.similarity, kill.duplicate_of),
            (Verdict::Kill, None, None)
        );
        let near = first_sighting(id(1), false, copy, (id(2), true), now);
        assert_eq!(
            (near.verdict, near.similarity, near.duplicate_of),
            (Verdict::NearDuplicate, Some(0.9), Some(id(2)))
        );
        assert_eq!(
            (near.cluster_id, near.cluster_changed, near.version),
            (id(2), true, 1)
        );
        let new = first_sighting(id(1), false, None, (id(1), false), now);
        assert_eq!((new.verdict, new.current), (Verdict::New, true));
    }

    #[test]
    fn story_ids_and_locks_depend_on_the_identity_only() {
        assert_eq!(
            story_id("https://a.example/x"),
            story_id("https://a.example/x")
        );
        assert_ne!(
            story_id("https://a.example/x"),
            story_id("https://a.example/y")
        );
        assert_ne!(lock_key("a"), cluster_lock_key(id(1)));
        assert_eq!(
            cluster_lock_key(id(1)),
            lock_key(&format!("cluster:{}", id(1)))
        );
    }
}
