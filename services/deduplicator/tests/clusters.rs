//! Clusters and their canonical story do not depend on the order messages
//! arrive in, nor on how many instances decide them at once.

mod common;

use std::collections::BTreeMap;

use common::*;
use sqlx::PgPool;
use wirefeed_deduplicator::fingerprint::{candidates, copy_of, similarity, Print, Rules, Sketch};
use wirefeed_deduplicator::{decide, decide_batch, story_id, Fingerprint, Pending};
use wirefeed_model::{Article, Verdict};
use wirefeed_plumbing::StageError;

fn words(seed: u64, n: usize) -> Vec<String> {
    distinct_story(seed)
        .split(' ')
        .chain(distinct_story(seed + 1000).split(' '))
        .take(n)
        .map(str::to_string)
        .collect()
}

fn titled(mut a: Article, title: &str) -> Article {
    a.title = title.into();
    a
}

fn dated(identity: &str, body: &str, published: Option<&str>) -> Article {
    let mut a = article(identity, body);
    a.published_at = published.map(at);
    a
}

/// The messages: four clusters of copies and five unrelated stories.
/// Cluster "chain": X and Y are not duplicates of each other, Z is a
/// duplicate of both, so Z links them. Cluster "wire": an exact and a near
/// copy, the exact copy published first. Cluster "tie": copies published at
/// the same instant. Cluster "cut": a story and two copies cut to its first
/// 45% and 60% (one with a dateline), found by containment. And two stories
/// of one outlet whose bodies share a long run of page chrome: as similar
/// as copies from two outlets would need to be, yet two stories; and two
/// more of that outlet whose extraction found only its paywall notice: one
/// body, two headlines, two stories.
fn messages() -> (Vec<Article>, BTreeMap<String, String>) {
    // Shingle-set Jaccard: X~Z and Y~Z about 0.71, X~Y about 0.49.
    let common_part = words(1, 100);
    let x_part = words(2, 50);
    let y_part = words(3, 50);
    let join = |parts: &[&[String]]| parts.concat().join(" ");
    let x = join(&[&common_part, &x_part]);
    let y = join(&[&common_part, &y_part]);
    let z = join(&[&common_part, &x_part[..25], &y_part[..25]]);
    let wire = distinct_story(50);
    let tie = distinct_story(60);
    let cut = words(80, 300);
    let chrome = [words(92, 300), words(94, 300)].concat().join(" ");
    let paywall = distinct_story(96);

    let articles = vec![
        dated("https://x.example/1", &x, Some("2024-05-01T10:00:00Z")),
        dated("https://y.example/1", &y, Some("2024-05-01T09:00:00Z")),
        dated("https://z.example/1", &z, Some("2024-05-01T11:00:00Z")),
        dated("https://a.example/w", &wire, Some("2024-05-02T12:00:00Z")),
        dated(
            "https://b.example/w",
            &wire,
            Some("2024-05-02T08:00:00+02:00"),
        ),
        dated(
            "https://c.example/w",
            &format!("LONDON (AP) — {wire} Related: more news."),
            None,
        ),
        dated("https://a.example/t", &tie, Some("2024-05-03T10:00:00Z")),
        dated(
            "https://b.example/t",
            &tie,
            Some("2024-05-03T12:00:00+02:00"),
        ),
        dated(
            "https://a.example/d1",
            &distinct_story(70),
            Some("2024-05-04T10:00:00Z"),
        ),
        dated("https://a.example/d2", &distinct_story(71), None),
        dated(
            "https://b.example/d3",
            &distinct_story(72),
            Some("2024-05-04T10:00:00Z"),
        ),
        dated(
            "https://a.example/cut",
            &cut.join(" "),
            Some("2024-05-05T10:00:00Z"),
        ),
        dated(
            "https://b.example/cut",
            &cut[..135].join(" "),
            Some("2024-05-05T09:00:00Z"),
        ),
        dated(
            "https://c.example/cut",
            &format!("PARIS (AFP) - {}", cut[..180].join(" ")),
            None,
        ),
        dated(
            "https://p.example/1",
            &format!("{}\n\n{chrome}", distinct_story(90)),
            None,
        ),
        dated(
            "https://www.p.example/2",
            &format!("{}\n\n{chrome}", distinct_story(91)),
            None,
        ),
        titled(
            dated("https://p.example/paywall-1", &paywall, None),
            "Council approves the harbour plan",
        ),
        titled(
            dated("https://p.example/paywall-2", &paywall, None),
            "Storm closes the coast road",
        ),
    ];
    let tie_canonical = ["https://a.example/t", "https://b.example/t"]
        .into_iter()
        .min_by_key(|i| story_id(i))
        .unwrap();
    let expected: BTreeMap<String, String> = [
        ("https://x.example/1", "https://y.example/1"),
        ("https://y.example/1", "https://y.example/1"),
        ("https://z.example/1", "https://y.example/1"),
        ("https://a.example/w", "https://b.example/w"),
        ("https://b.example/w", "https://b.example/w"),
        ("https://c.example/w", "https://b.example/w"),
        ("https://a.example/t", tie_canonical),
        ("https://b.example/t", tie_canonical),
        ("https://a.example/d1", "https://a.example/d1"),
        ("https://a.example/d2", "https://a.example/d2"),
        ("https://b.example/d3", "https://b.example/d3"),
        ("https://a.example/cut", "https://b.example/cut"),
        ("https://b.example/cut", "https://b.example/cut"),
        ("https://c.example/cut", "https://b.example/cut"),
        ("https://p.example/1", "https://p.example/1"),
        ("https://www.p.example/2", "https://www.p.example/2"),
        ("https://p.example/paywall-1", "https://p.example/paywall-1"),
        ("https://p.example/paywall-2", "https://p.example/paywall-2"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    (articles, expected)
}

/// Every story's identity → its cluster's canonical identity.
async fn clusters(pool: &PgPool) -> BTreeMap<String, String> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT s.identity, c.identity FROM dedup_stories s JOIN dedup_stories c ON c.story_id = s.cluster_id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

async fn reset(pool: &PgPool) {
    sqlx::query("TRUNCATE dedup_stories, dedup_versions, dedup_bands, dedup_decisions")
        .execute(pool)
        .await
        .unwrap();
}

/// A seeded Fisher–Yates shuffle (the order is part of the test's input).
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut v = items.to_vec();
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
    v
}

/// The service's test: a candidate in the index, then the copy test.
fn is_copy(a: &Print, b: &Print) -> bool {
    let (x, y) = (
        Sketch::new(&a.signature, "", None),
        Sketch::new(&b.signature, "", None),
    );
    candidates(a, b) && copy_of(&x, &y, &Rules::default()).is_some()
}

#[test]
fn the_chain_is_a_chain() {
    let (articles, _) = messages();
    let fp: Vec<Fingerprint> = articles[..3].iter().map(Fingerprint::of).collect();
    let (x, y, z) = (&fp[0], &fp[1], &fp[2]);
    assert!(
        !is_copy(x, y),
        "X and Y must not be duplicates: {}",
        similarity(&x.signature, &y.signature)
    );
    for (name, other) in [("X", x), ("Y", y)] {
        assert!(
            is_copy(z, other),
            "Z and {name} must be duplicates: {}",
            similarity(&z.signature, &other.signature)
        );
    }
}

#[test]
fn the_cut_copies_need_containment_and_the_outlet_pair_is_similar() {
    let (articles, _) = messages();
    let fp: Vec<Fingerprint> = articles.iter().map(Fingerprint::of).collect();
    let at = |identity: &str| {
        let i = articles
            .iter()
            .position(|a| a.identity == identity)
            .unwrap();
        &fp[i]
    };
    let full = at("https://a.example/cut");
    for copy in ["https://b.example/cut", "https://c.example/cut"] {
        let j = similarity(&full.signature, &at(copy).signature);
        assert!(j < 0.6, "{copy}: Jaccard {j} alone would join it");
        assert!(is_copy(full, at(copy)), "{copy} not found");
    }
    let (p1, p2) = (at("https://p.example/1"), at("https://www.p.example/2"));
    let j = similarity(&p1.signature, &p2.signature);
    assert!(
        (0.6..0.8).contains(&j),
        "Jaccard {j}: the pair does not test the outlet rule"
    );
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn a_copy_published_earlier_becomes_the_canonical_story(pool: PgPool) {
    let body = distinct_story(7);
    let late = dated(
        "https://late.example/s",
        &body,
        Some("2024-05-01T10:00:00Z"),
    );
    let early = dated(
        "https://early.example/s",
        &body,
        Some("2024-05-01T08:00:00Z"),
    );
    let first = run(&pool, "raw/0/1", &late).await;
    assert_eq!(
        (first.verdict, first.cluster_id),
        (Verdict::New, first.story_id)
    );
    let second = run(&pool, "raw/0/2", &early).await;
    assert_eq!(second.verdict, Verdict::ExactDuplicate);
    assert_eq!(
        second.cluster_id, second.story_id,
        "the earlier copy is canonical"
    );
    assert!(second.cluster_changed, "the first story moved cluster");
    let all = clusters(&pool).await;
    assert_eq!(all["https://late.example/s"], "https://early.example/s");
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn a_copy_linking_two_clusters_merges_them(pool: PgPool) {
    let (articles, _) = messages();
    let (x, y, z) = (&articles[0], &articles[1], &articles[2]);
    let dx = run(&pool, "raw/0/1", x).await;
    let dy = run(&pool, "raw/0/2", y).await;
    assert_eq!((dx.verdict, dy.verdict), (Verdict::New, Verdict::New));
    assert_ne!(dx.cluster_id, dy.cluster_id);
    let dz = run(&pool, "raw/0/3", z).await;
    assert_eq!(dz.verdict, Verdict::NearDuplicate);
    assert!(dz.cluster_changed);
    assert_eq!(dz.cluster_id, dy.story_id, "Y is the earliest published");
    let all = clusters(&pool).await;
    assert!(all.values().all(|c| c == "https://y.example/1"), "{all:?}");
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn any_arrival_order_gives_the_same_clusters_and_canonical_stories(pool: PgPool) {
    let (articles, expected) = messages();
    for seed in 0..8u64 {
        reset(&pool).await;
        let order = shuffled(&articles, seed);
        decide_all(&pool, &order, None, &seed.to_string()).await;
        assert_eq!(
            clusters(&pool).await,
            expected,
            "order {:?}",
            order
                .iter()
                .map(|a| a.identity.as_str())
                .collect::<Vec<_>>()
        );
    }
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn two_instances_deciding_at_once_give_the_same_clusters(pool: PgPool) {
    let (articles, expected) = messages();
    for seed in 0..6u64 {
        reset(&pool).await;
        two_instances(&pool, shuffled(&articles, seed + 100), None, seed).await;
        assert_eq!(clusters(&pool).await, expected, "seed {seed}");
    }
}

/// Retries `attempt` on transient failures, as the service does (two
/// instances deadlocking on cluster locks, say); anything else fails.
async fn retried<T, F>(mut attempt: impl FnMut() -> F) -> T
where
    F: std::future::Future<Output = Result<T, StageError>>,
{
    let mut attempts = 0;
    loop {
        match attempt().await {
            Ok(v) => return v,
            Err(e) => {
                attempts += 1;
                assert!(e.is_transient() && attempts < 50, "{e:?}");
            }
        }
    }
}

/// Decides `articles` in order: one transaction each (`None`, through
/// `decide`) or `size` per transaction (through `decide_batch`).
async fn decide_all(pool: &PgPool, articles: &[Article], batch: Option<usize>, tag: &str) {
    let prints: Vec<Fingerprint> = articles.iter().map(Fingerprint::of).collect();
    let keys: Vec<String> = (0..articles.len())
        .map(|i| format!("raw/{tag}/{i}"))
        .collect();
    let pending: Vec<Pending<'_>> = articles
        .iter()
        .zip(&prints)
        .zip(&keys)
        .map(|((article, fingerprint), key)| Pending {
            sighting_key: key,
            article,
            fingerprint,
        })
        .collect();
    let rules = Rules::default();
    match batch {
        None => {
            for p in &pending {
                retried(|| decide(pool, p.sighting_key, p.article, p.fingerprint, &rules)).await;
            }
        }
        Some(size) => {
            for chunk in pending.chunks(size) {
                retried(|| decide_batch(pool, chunk, &rules)).await;
            }
        }
    }
}

/// Two instances, each with its own share of `order` (as two consumers of
/// one group get partitions), deciding at the same time.
async fn two_instances(pool: &PgPool, order: Vec<Article>, batch: Option<usize>, seed: u64) {
    let (even, odd): (Vec<_>, Vec<_>) =
        order.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let mut tasks = Vec::new();
    for (n, share) in [even, odd].into_iter().enumerate() {
        let pool = pool.clone();
        let share: Vec<Article> = share.into_iter().map(|(_, a)| a).collect();
        tasks.push(tokio::spawn(async move {
            decide_all(&pool, &share, batch, &format!("{n}-{seed}")).await;
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn batches_give_the_same_clusters_as_single_decisions(pool: PgPool) {
    let (articles, expected) = messages();
    for seed in 0..4u64 {
        reset(&pool).await;
        // Copies and their originals often share a batch: each decision
        // sees the ones before it in the same transaction.
        decide_all(
            &pool,
            &shuffled(&articles, seed + 200),
            Some(4),
            &seed.to_string(),
        )
        .await;
        assert_eq!(clusters(&pool).await, expected, "seed {seed}");
    }
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn two_instances_deciding_batches_at_once_give_the_same_clusters(pool: PgPool) {
    let (articles, expected) = messages();
    for seed in 0..4u64 {
        reset(&pool).await;
        two_instances(&pool, shuffled(&articles, seed + 300), Some(3), seed).await;
        assert_eq!(clusters(&pool).await, expected, "seed {seed}");
    }
}
