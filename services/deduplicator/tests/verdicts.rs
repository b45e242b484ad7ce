//! Each verdict, replays, kills, late versions and concurrent instances,
//! decided against a real PostgreSQL (a fresh database per test).

mod common;

use common::*;
use sqlx::PgPool;
use wirefeed_model::{RawMessage, Verdict, WireInfo};
use wirefeed_normalizer::{normalize, Limits};

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
    // Another outlet's copy: a story of its own, in the original's cluster.
    assert_ne!(exact.story_id, original.story_id);
    assert_eq!(exact.duplicate_of, Some(original.story_id));
    // Neither is dated: the canonical story is the one with the smaller id.
    assert_eq!(exact.cluster_id, original.story_id.min(exact.story_id));

    let edited = format!("BERLIN (Reuters) — {STORY} Reporting by Jane Doe; editing by John Roe.");
    let near = run(
        &pool,
        "raw/2/1",
        &article("https://outlet-b.example/news/1", &edited),
    )
    .await;
    assert_eq!(near.verdict, Verdict::NearDuplicate);
    assert_eq!(
        near.cluster_id,
        original.story_id.min(exact.story_id).min(near.story_id)
    );
    let clusters: i64 = sqlx::query_scalar("SELECT count(DISTINCT cluster_id) FROM dedup_stories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(clusters, 1);
    assert!(
        near.duplicate_of == Some(original.story_id) || near.duplicate_of == Some(exact.story_id),
        "{near:?}"
    );
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
/// moment: exactly one `new`, the other joins its cluster, as with one
/// instance.
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
        let clusters: i64 = sqlx::query_scalar(
            "SELECT count(DISTINCT cluster_id) FROM dedup_stories WHERE story_id = ANY($1)",
        )
        .bind(vec![da.story_id, db.story_id])
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(clusters, 1, "round {round}: one cluster");
    }
}

/// A page of a wire story whose headline carries the wire's update prefix.
fn headlined(title: &str, body: &str) -> wirefeed_model::Article {
    let raw = RawMessage::parse(
        serde_json::json!({
            "id": title,
            "url": "https://wire.example/markets/oil-rises",
            "fetched_at": "2024-03-01T12:00:00Z",
            "content_type": "text/plain",
            "title": title,
            "body": format!("{title}\n\n{body}"),
        })
        .to_string()
        .as_bytes(),
        usize::MAX,
    )
    .expect("a valid raw message");
    normalize(&raw, &Limits::default()).expect("an article")
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn headline_update_numbers_order_versions_without_wire_versions(pool: PgPool) {
    // Same page, no dates: only "UPDATE 2-" and "UPDATE 1-" tell the order.
    let second = headlined(
        "UPDATE 2-Oil rises as supply fears mount",
        &format!("{STORY} Prices rose further in the afternoon."),
    );
    let first = headlined(
        "UPDATE 1-Oil rises as supply fears mount",
        &format!("{STORY} Prices rose in early trade."),
    );
    assert_eq!(second.title, "Oil rises as supply fears mount");
    assert_eq!(second.revision.as_ref().and_then(|r| r.number), Some(2));
    assert_eq!(second.identity, first.identity);

    assert_eq!(run(&pool, "raw/0/1", &second).await.verdict, Verdict::New);
    let late = run(&pool, "raw/0/2", &first).await;
    assert_eq!(
        (late.verdict, late.current),
        (Verdict::Update, false),
        "UPDATE 1 arriving after UPDATE 2 is history, not current"
    );
}
