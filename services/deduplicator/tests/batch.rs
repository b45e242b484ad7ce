//! A batch gives exactly the decisions, and leaves exactly the state, that
//! the same messages decided one by one give, whatever the batch size: the
//! batch decides most messages in memory and writes them together, so every
//! way a message can concern another one of the same batch or a stored
//! story is in the stream below.

mod common;

use common::*;
use sqlx::PgPool;
use wirefeed_deduplicator::fingerprint::Rules;
use wirefeed_deduplicator::{decide, decide_batch, Fingerprint, Pending};
use wirefeed_model::{Article, Decision, WireInfo};

fn words(seed: u64, n: usize) -> String {
    distinct_story(seed)
        .split(' ')
        .chain(distinct_story(seed + 1000).split(' '))
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn dated(identity: &str, body: &str, published: Option<&str>) -> Article {
    let mut a = article(identity, body);
    a.published_at = published.map(at);
    a
}

fn wire(uri: &str, body: &str, version: i64, status: &str) -> Article {
    let mut a = article(uri, body);
    a.wire = Some(WireInfo {
        uri: uri.into(),
        version: Some(version),
        version_created: Some(at(&format!("2024-06-01T0{version}:00:00Z"))),
        first_created: None,
        pub_status: Some(status.into()),
    });
    a
}

/// Stories stored before the batch, decided one by one.
fn stored() -> Vec<(String, Article)> {
    let y = format!("{} {}", words(1, 100), words(3, 50));
    [
        dated(
            "https://a.example/1",
            &distinct_story(10),
            Some("2024-05-01T10:00:00Z"),
        ),
        dated("https://b.example/1", &distinct_story(11), None),
        wire("urn:wire:killed", &distinct_story(12), 1, "usable"),
        wire("urn:wire:late", &distinct_story(13), 2, "usable"),
        dated("https://y.example/1", &y, Some("2024-05-01T09:00:00Z")),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, a)| (format!("raw/0/{i}"), a))
    .collect()
}

/// The batch: each line names how it concerns the others.
fn batch() -> Vec<(String, Article)> {
    let c = distinct_story(20);
    let d = format!("{} {}", words(1, 100), words(2, 50));
    let linking = format!("{} {} {}", words(1, 100), words(2, 25), words(3, 25));
    let messages = vec![
        // a new story, then its re-scrape in the same batch
        (
            "raw/1/0",
            dated("https://c.example/1", &c, Some("2024-05-02T10:00:00Z")),
        ),
        (
            "raw/1/1",
            dated("https://c.example/1", &c, Some("2024-05-02T10:00:00Z")),
        ),
        // an exact copy published earlier: it becomes the canonical story
        (
            "raw/1/2",
            dated("https://d.example/1", &c, Some("2024-05-02T08:00:00Z")),
        ),
        // a near copy with a dateline and a footer
        (
            "raw/1/3",
            dated(
                "https://e.example/1",
                &format!("SEOUL (Yonhap) — {c} Reporting by Jane Doe."),
                None,
            ),
        ),
        // an update of the story first seen in this batch
        (
            "raw/1/4",
            dated(
                "https://c.example/1",
                &format!("{c} The ministry confirmed the figures on Tuesday."),
                Some("2024-05-02T10:00:00Z"),
            ),
        ),
        // a re-scrape and an exact and a near copy of stored stories
        ("raw/1/5", stored()[0].1.clone()),
        (
            "raw/1/6",
            dated("https://f.example/1", &distinct_story(11), None),
        ),
        (
            "raw/1/7",
            dated(
                "https://g.example/1",
                &format!("{} Related: more news.", distinct_story(10)),
                None,
            ),
        ),
        // a kill of a stored wire story, then a copy of its text: not a copy
        (
            "raw/1/8",
            wire("urn:wire:killed", &distinct_story(12), 2, "canceled"),
        ),
        (
            "raw/1/9",
            dated("https://h.example/1", &distinct_story(12), None),
        ),
        // an older wire version arriving late: an update that is not current
        (
            "raw/1/10",
            wire(
                "urn:wire:late",
                &format!("{} Earlier text.", distinct_story(13)),
                1,
                "usable",
            ),
        ),
        // a new story, then one duplicating both it and a stored story
        (
            "raw/1/11",
            dated("https://x.example/1", &d, Some("2024-05-01T11:00:00Z")),
        ),
        (
            "raw/1/12",
            dated(
                "https://z.example/1",
                &linking,
                Some("2024-05-01T12:00:00Z"),
            ),
        ),
        // the same message twice, and a message decided before the batch
        (
            "raw/1/0",
            dated("https://c.example/1", &c, Some("2024-05-02T10:00:00Z")),
        ),
        ("raw/0/1", stored()[1].1.clone()),
        // unrelated new stories
        (
            "raw/1/13",
            dated("https://i.example/1", &distinct_story(30), None),
        ),
        (
            "raw/1/14",
            dated("https://j.example/1", &distinct_story(31), None),
        ),
    ];
    messages
        .into_iter()
        .map(|(k, a)| (k.to_string(), a))
        .collect()
}

/// A decision without the time it was taken at (each run takes its own).
fn comparable(d: &Decision) -> String {
    format!(
        "{} story={} cluster={} v{} current={} sim={:?} dup_of={:?} changed={}",
        d.verdict.as_str(),
        d.story_id,
        d.cluster_id,
        d.version,
        d.current,
        d.similarity,
        d.duplicate_of,
        d.cluster_changed
    )
}

/// Every row of the deduplicator's state, as text, in a stable order.
async fn state(pool: &PgPool) -> Vec<String> {
    let query = "SELECT 's ' || identity || ' ' || cluster_id || ' v' || version || ' ' || body_hash || ' '
                        || coalesce(wire_version::text, '-') || ' ' || coalesce(version_time::text, '-') || ' '
                        || coalesce(published_at::text, '-') || ' ' || killed || ' ' || signature::text
                 FROM dedup_stories
                 UNION ALL SELECT 'v ' || story_id || ' ' || body_hash || ' ' || version FROM dedup_versions
                 UNION ALL SELECT 'b ' || band || ' ' || story_id FROM dedup_bands
                 UNION ALL SELECT 'd ' || sighting_key || ' ' || verdict || ' ' || story_id || ' ' || cluster_id
                        || ' ' || version || ' ' || current || ' ' || coalesce(similarity::text, '-') || ' '
                        || coalesce(duplicate_of::text, '-') || ' ' || cluster_changed
                 FROM dedup_decisions
                 ORDER BY 1";
    sqlx::query_scalar(query).fetch_all(pool).await.unwrap()
}

async fn reset(pool: &PgPool) {
    sqlx::query("TRUNCATE dedup_stories, dedup_versions, dedup_bands, dedup_decisions")
        .execute(pool)
        .await
        .unwrap();
    for (key, a) in stored() {
        decide(pool, &key, &a, &Fingerprint::of(&a), &Rules::default())
            .await
            .unwrap();
    }
}

/// Decides the batch's messages `size` per transaction (None: one by one
/// through `decide`); returns the decisions and the state left.
async fn run(pool: &PgPool, size: Option<usize>) -> (Vec<String>, Vec<String>) {
    reset(pool).await;
    let messages = batch();
    let prints: Vec<Fingerprint> = messages.iter().map(|(_, a)| Fingerprint::of(a)).collect();
    let mut decisions = Vec::new();
    match size {
        None => {
            for ((key, a), fp) in messages.iter().zip(&prints) {
                decisions.push(decide(pool, key, a, fp, &Rules::default()).await.unwrap());
            }
        }
        Some(size) => {
            let pending: Vec<Pending<'_>> = messages
                .iter()
                .zip(&prints)
                .map(|((key, a), fp)| Pending {
                    sighting_key: key,
                    article: a,
                    fingerprint: fp,
                })
                .collect();
            for chunk in pending.chunks(size) {
                decisions.extend(decide_batch(pool, chunk, &Rules::default()).await.unwrap());
            }
        }
    }
    (
        decisions.iter().map(comparable).collect(),
        state(pool).await,
    )
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn batches_of_any_size_decide_as_one_by_one(pool: PgPool) {
    let (single, single_state) = run(&pool, None).await;

    // The stream really holds every case (checked on the one-by-one run).
    let verdicts: Vec<&str> = single
        .iter()
        .map(|d| d.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "new",
            "rescrape",
            "exact_duplicate",
            "near_duplicate",
            "update",
            "rescrape",
            "exact_duplicate",
            "near_duplicate",
            "kill",
            "new",
            "update",
            "new",
            "near_duplicate",
            "new",
            "new",
            "new",
            "new"
        ]
    );
    assert!(single[2].ends_with("changed=true"), "{}", single[2]);
    assert!(single[10].contains("current=false"), "{}", single[10]);
    assert!(single[12].ends_with("changed=true"), "{}", single[12]);
    assert_eq!(
        single[13], single[0],
        "a message decided twice keeps its decision"
    );

    for size in [100, 5, 2] {
        let (batched, batched_state) = run(&pool, Some(size)).await;
        assert_eq!(batched, single, "decisions, batches of {size}");
        assert_eq!(batched_state, single_state, "state, batches of {size}");
    }
}
