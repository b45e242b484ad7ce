//! Persisting against a real PostgreSQL (a fresh database per test).

use chrono::Utc;
use serde_json::Map;
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_model::{Article, Author, Decision, DedupedMessage, RawRef, Verdict, SCHEMA_VERSION};
use wirefeed_persister::store::{persist, Written};

fn message(
    offset: i64,
    source: &str,
    verdict: Verdict,
    version: i32,
    current: bool,
    body: &str,
) -> DedupedMessage {
    let story = Uuid::from_u128(1);
    DedupedMessage {
        schema_version: SCHEMA_VERSION,
        raw: RawRef {
            topic: "articles.raw".into(),
            partition: 0,
            offset,
            digest: String::new(),
            url: format!("https://{source}/story"),
            id: Some(format!("scrape-{offset}")),
            source: Some(source.into()),
            fetched_at: Some(Utc::now()),
            extra: Map::new(),
            reprocess: None,
        },
        article: Article {
            identity: "https://example.com/story".into(),
            canonical_url: "https://example.com/story".into(),
            title: format!("Headline v{version}"),
            authors: vec![Author {
                name: "Jane Doe".into(),
                email: Some("jane@example.com".into()),
            }],
            body: body.into(),
            body_hash: format!("hash-{body}"),
            word_count: body.split_whitespace().count() as u32,
            format: "html".into(),
            ..Default::default()
        },
        decision: Decision {
            verdict,
            story_id: story,
            cluster_id: story,
            version,
            current,
            similarity: None,
            duplicate_of: None,
            cluster_changed: false,
            decided_at: Utc::now(),
        },
    }
}

/// Makes `m` the page of another outlet: story `n` of its own, in `cluster`.
fn copy(mut m: DedupedMessage, n: u128, cluster: u128) -> DedupedMessage {
    m.article.identity = format!("https://{}/story", m.raw.source.as_deref().unwrap_or("x"));
    m.decision.story_id = Uuid::from_u128(n);
    m.decision.cluster_id = Uuid::from_u128(cluster);
    m.decision.duplicate_of = Some(Uuid::from_u128(cluster));
    m
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn a_replayed_message_adds_nothing(pool: PgPool) {
    let m = message(1, "example.com", Verdict::New, 1, true, "first text");
    assert_eq!(persist(&pool, &m).await.unwrap(), Written::Stored);
    assert_eq!(persist(&pool, &m).await.unwrap(), Written::AlreadyStored);
    assert_eq!(count(&pool, "SELECT count(*) FROM sightings").await, 1);
    assert_eq!(count(&pool, "SELECT count(*) FROM stories").await, 1);
    assert_eq!(count(&pool, "SELECT count(*) FROM story_versions").await, 1);
    let authors: Vec<String> = sqlx::query_scalar("SELECT author_names FROM stories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(authors, vec!["Jane Doe"]);
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn updates_replace_the_current_text_but_late_old_versions_do_not(pool: PgPool) {
    persist(
        &pool,
        &message(1, "example.com", Verdict::New, 1, true, "v1"),
    )
    .await
    .unwrap();
    persist(
        &pool,
        &message(2, "example.com", Verdict::Update, 2, true, "v3"),
    )
    .await
    .unwrap();
    persist(
        &pool,
        &message(
            3,
            "example.com",
            Verdict::Update,
            3,
            false,
            "v2 arriving late",
        ),
    )
    .await
    .unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM stories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(body, "v3");
    assert_eq!(count(&pool, "SELECT count(*) FROM story_versions").await, 3);
    assert_eq!(count(&pool, "SELECT count(*) FROM stories").await, 1);
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn duplicates_record_the_outlet_and_kills_mark_every_version(pool: PgPool) {
    persist(
        &pool,
        &message(1, "example.com", Verdict::New, 1, true, "text"),
    )
    .await
    .unwrap();
    persist(
        &pool,
        &copy(
            message(
                2,
                "outlet-a.example",
                Verdict::ExactDuplicate,
                1,
                true,
                "text",
            ),
            2,
            1,
        ),
    )
    .await
    .unwrap();
    persist(
        &pool,
        &copy(
            message(
                3,
                "outlet-b.example",
                Verdict::NearDuplicate,
                1,
                true,
                "text, edited",
            ),
            3,
            1,
        ),
    )
    .await
    .unwrap();
    let outlets: Vec<String> = sqlx::query_scalar("SELECT outlets FROM story_outlets")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        outlets,
        vec!["example.com", "outlet-a.example", "outlet-b.example"]
    );
    // Each outlet's copy is a story of its own; one cluster, one canonical.
    assert_eq!(count(&pool, "SELECT count(*) FROM stories").await, 3);
    assert_eq!(
        count(&pool, "SELECT count(DISTINCT cluster_id) FROM stories").await,
        1
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM latest_stories").await, 1);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM sightings WHERE duplicate_of IS NOT NULL"
        )
        .await,
        2
    );

    persist(
        &pool,
        &message(4, "example.com", Verdict::Kill, 1, true, ""),
    )
    .await
    .unwrap();
    let status: String = sqlx::query_scalar("SELECT status FROM stories WHERE story_id = $1")
        .bind(Uuid::from_u128(1))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "killed");
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM story_versions WHERE NOT killed AND story_id = '00000000-0000-0000-0000-000000000001'"
        )
        .await,
        0
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM latest_stories").await, 0);
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn hostile_text_is_stored_as_inert_text(pool: PgPool) {
    let payload = "'); DROP TABLE stories; -- <script>alert(1)</script> \u{0}";
    let mut m = message(1, "example.com", Verdict::New, 1, true, "body");
    m.article.title = payload.replace('\u{0}', "");
    persist(&pool, &m).await.unwrap();
    let title: String = sqlx::query_scalar("SELECT title FROM stories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(title, m.article.title);
}

/// The deduplicator moved stories to another cluster (a copy published
/// earlier arrived): the decision that did it brings the stored rows along.
#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn a_cluster_change_moves_stored_stories_and_sightings(pool: PgPool) {
    let (a, b) = (Uuid::from_u128(10), Uuid::from_u128(11));
    let mut first = message(1, "late.example", Verdict::New, 1, true, "text");
    first.decision.story_id = a;
    first.decision.cluster_id = a;
    persist(&pool, &first).await.unwrap();
    // The deduplicator's state after the earlier-published copy b arrived:
    // both in cluster b.
    for story in [a, b] {
        sqlx::query(
            "INSERT INTO dedup_stories (story_id, identity, cluster_id, version, body_hash, signature)
             VALUES ($1, $2, $3, 1, 'h', '{}')",
        )
        .bind(story)
        .bind(story.to_string())
        .bind(b)
        .execute(&pool)
        .await
        .unwrap();
    }
    let mut second = copy(
        message(2, "early.example", Verdict::ExactDuplicate, 1, true, "text"),
        11,
        11,
    );
    second.decision.cluster_changed = true;
    persist(&pool, &second).await.unwrap();

    let clusters: Vec<Uuid> = sqlx::query_scalar("SELECT DISTINCT cluster_id FROM stories")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(clusters, vec![b]);
    let sighting_clusters: Vec<Uuid> =
        sqlx::query_scalar("SELECT DISTINCT cluster_id FROM sightings")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(sighting_clusters, vec![b]);
    let canonical: Vec<Uuid> = sqlx::query_scalar("SELECT story_id FROM latest_stories")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(canonical, vec![b]);

    // A replay of the first decision (stale cluster id) keeps the current one.
    persist(&pool, &first).await.unwrap();
    assert_eq!(
        count(&pool, "SELECT count(DISTINCT cluster_id) FROM sightings").await,
        1
    );
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn first_and_last_seen_follow_the_sightings(pool: PgPool) {
    let t0 = Utc::now() - chrono::Duration::hours(2);
    let mut first = message(1, "example.com", Verdict::New, 1, true, "text");
    first.raw.fetched_at = Some(t0);
    persist(&pool, &first).await.unwrap();
    let mut again = message(2, "example.com", Verdict::Rescrape, 1, true, "text");
    again.raw.fetched_at = Some(t0 + chrono::Duration::hours(1));
    persist(&pool, &again).await.unwrap();
    let mut updated = message(3, "example.com", Verdict::Update, 2, true, "text v2");
    updated.raw.fetched_at = Some(t0 + chrono::Duration::hours(2));
    persist(&pool, &updated).await.unwrap();
    // A late message about an older sighting never moves last_seen back.
    let mut late = message(4, "example.com", Verdict::Rescrape, 2, true, "text v2");
    late.raw.fetched_at = Some(t0 + chrono::Duration::minutes(30));
    persist(&pool, &late).await.unwrap();
    let (first_seen, last_seen): (chrono::DateTime<Utc>, chrono::DateTime<Utc>) =
        sqlx::query_as("SELECT first_seen_at, last_seen_at FROM stories")
            .fetch_one(&pool)
            .await
            .unwrap();
    let micros = |t: chrono::DateTime<Utc>| t.timestamp_micros();
    assert_eq!(micros(first_seen), micros(t0));
    assert_eq!(micros(last_seen), micros(t0 + chrono::Duration::hours(2)));
}
