//! Each verdict, replays, kills, late versions and concurrent instances,
//! decided against a real PostgreSQL (a fresh database per test).

use chrono::DateTime;
use sqlx::PgPool;
use wirefeed_deduplicator::decide::{decide, Fingerprint};
use wirefeed_model::Timestamp;
use wirefeed_model::{Article, Decision, Verdict, WireInfo};
use wirefeed_normalizer::extract::body_hash;

const STORY: &str = "The parliament passed the budget early on Friday after a debate that lasted through the night and into the morning. \
Opposition lawmakers said the compromise would not survive the next election, while the government called it historic. \
The budget raises spending on schools and hospitals and cuts some taxes for small businesses across the country. \
Analysts expect the central bank to keep rates on hold at its next meeting, citing the new fiscal stance and slowing inflation. \
The finance minister said the plan would cut the deficit by half within three years without raising income taxes.";

const OTHER_STORY_SAME_SITE: &str = "The football club announced a new coach on Monday after a disappointing season that saw it relegated. \
Fans gathered outside the stadium to protest the owners, demanding a sale of the club to local investors this summer. \
The new coach, who previously led a team in Spain, promised attacking football and more chances for young players. \
Season ticket prices will be frozen, the club said, and the training ground will be rebuilt before the next campaign.";

fn article(identity: &str, body: &str) -> Article {
    Article {
        identity: identity.into(),
        canonical_url: identity.into(),
        title: "A title".into(),
        body: body.into(),
        body_hash: body_hash(body),
        word_count: body.split_whitespace().count() as u32,
        format: "text".into(),
        ..Default::default()
    }
}

/// A text unlike every other round's: 150 words drawn by a seeded generator.
fn distinct_story(seed: u64) -> String {
    const WORDS: [&str; 40] = [
        "minister",
        "river",
        "council",
        "harvest",
        "engine",
        "protest",
        "court",
        "market",
        "storm",
        "vaccine",
        "school",
        "border",
        "election",
        "bridge",
        "festival",
        "drought",
        "satellite",
        "union",
        "airport",
        "museum",
        "senate",
        "factory",
        "coast",
        "treaty",
        "budget",
        "police",
        "tariff",
        "hospital",
        "railway",
        "village",
        "mayor",
        "reactor",
        "stadium",
        "forest",
        "harbor",
        "strike",
        "summit",
        "glacier",
        "refinery",
        "bank",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..150)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(x >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn at(s: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(s).unwrap()
}

async fn run(pool: &PgPool, key: &str, a: &Article) -> Decision {
    decide(pool, key, a, &Fingerprint::of(a))
        .await
        .expect("decision")
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn new_then_rescrape_then_replay(pool: PgPool) {
    let a = article("https://example.com/budget", STORY);
    let first = run(&pool, "raw/0/1", &a).await;
    assert_eq!(first.verdict, Verdict::New);
    assert_eq!(first.version, 1);
    let again = run(&pool, "raw/0/2", &a).await;
    assert_eq!(again.verdict, Verdict::Rescrape);
    assert_eq!(again.story_id, first.story_id);
    // A replay of the first message gets exactly the first decision.
    assert_eq!(run(&pool, "raw/0/1", &a).await, first);
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn changed_text_is_an_update_and_a_late_older_version_is_not_current(pool: PgPool) {
    let mut v1 = article("urn:wire:budget", STORY);
    v1.wire = Some(WireInfo {
        uri: "urn:wire:budget".into(),
        version: Some(1),
        version_created: Some(at("2024-03-01T08:00:00Z")),
        ..Default::default()
    });
    let mut v3 = article(
        "urn:wire:budget",
        &format!("{STORY} A third paragraph was added later."),
    );
    v3.wire = Some(WireInfo {
        uri: "urn:wire:budget".into(),
        version: Some(3),
        version_created: Some(at("2024-03-01T12:00:00Z")),
        ..Default::default()
    });
    let mut v2 = article("urn:wire:budget", &format!("{STORY} A second paragraph."));
    v2.wire = Some(WireInfo {
        uri: "urn:wire:budget".into(),
        version: Some(2),
        version_created: Some(at("2024-03-01T10:00:00Z")),
        ..Default::default()
    });

    assert_eq!(run(&pool, "raw/0/1", &v1).await.verdict, Verdict::New);
    let third = run(&pool, "raw/0/2", &v3).await;
    assert_eq!(
        (third.verdict, third.version, third.current),
        (Verdict::Update, 2, true)
    );
    let late = run(&pool, "raw/0/3", &v2).await;
    assert_eq!(
        (late.verdict, late.current),
        (Verdict::Update, false),
        "an older version arriving late is history, not current"
    );
    let current_hash: String = sqlx::query_scalar("SELECT body_hash FROM dedup_stories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(current_hash, v3.body_hash);
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn a_kill_marks_the_story(pool: PgPool) {
    let a = article("urn:wire:k", STORY);
    let first = run(&pool, "raw/0/1", &a).await;
    let mut kill = article("urn:wire:k", "");
    kill.wire = Some(WireInfo {
        uri: "urn:wire:k".into(),
        pub_status: Some("canceled".into()),
        ..Default::default()
    });
    let d = run(&pool, "raw/0/2", &kill).await;
    assert_eq!(d.verdict, Verdict::Kill);
    assert_eq!(d.story_id, first.story_id);
    let killed: bool = sqlx::query_scalar("SELECT killed FROM dedup_stories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(killed);
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn exact_and_near_copies_under_other_identities(pool: PgPool) {
    let original = run(
        &pool,
        "raw/0/1",
        &article("https://wire.example/budget", STORY),
    )
    .await;
    let exact = run(
        &pool,
        "raw/1/1",
        &article("https://outlet-a.example/budget-story", STORY),
    )
    .await;
    assert_eq!(exact.verdict, Verdict::ExactDuplicate);
    assert_eq!(exact.story_id, original.story_id);
    assert_eq!(exact.cluster_id, original.cluster_id);

    let edited = format!("BERLIN (Reuters) — {STORY} Reporting by Jane Doe; editing by John Roe.");
    let near = run(
        &pool,
        "raw/2/1",
        &article("https://outlet-b.example/news/1", &edited),
    )
    .await;
    assert_eq!(near.verdict, Verdict::NearDuplicate);
    assert_eq!(near.story_id, original.story_id);
    assert!(near.similarity.unwrap() >= 0.6, "{near:?}");
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn different_stories_from_one_site_are_never_merged(pool: PgPool) {
    let a = run(
        &pool,
        "raw/0/1",
        &article("https://example.com/budget", STORY),
    )
    .await;
    let b = run(
        &pool,
        "raw/0/2",
        &article("https://example.com/football", OTHER_STORY_SAME_SITE),
    )
    .await;
    assert_eq!(b.verdict, Verdict::New);
    assert_ne!(a.cluster_id, b.cluster_id);
}

/// Two instances sharing the database, fed copies of one story at the same
/// moment: exactly one `new`, the rest attach to it, as with one instance.
#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn concurrent_instances_agree(pool: PgPool) {
    for round in 0..10 {
        let body = distinct_story(round);
        let copy = format!("PARIS (AFP) — {body} Related: more budget news.");
        let a = article(&format!("https://a.example/{round}"), &body);
        let b = article(&format!("https://b.example/{round}"), &copy);
        let (pa, pb) = (pool.clone(), pool.clone());
        let ka = format!("raw/0/{round}");
        let kb = format!("raw/1/{round}");
        let ta = tokio::spawn(async move { run(&pa, &ka, &a).await });
        let tb = tokio::spawn(async move { run(&pb, &kb, &b).await });
        let (da, db) = (ta.await.unwrap(), tb.await.unwrap());
        let news = [da.verdict, db.verdict]
            .iter()
            .filter(|v| **v == Verdict::New)
            .count();
        assert_eq!(news, 1, "round {round}: {da:?} {db:?}");
        assert_eq!(da.cluster_id, db.cluster_id, "round {round}");
    }
}
