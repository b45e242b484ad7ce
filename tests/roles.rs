//! The database roles the migrations set up: the services' role
//! (`wirefeed_writer`) can do every write the pipeline does and no more;
//! downstream users (`wirefeed_reader`) can read stories and nothing else.

use serde_json::Map;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use wirefeed_deduplicator::fingerprint::Rules;
use wirefeed_deduplicator::{decide, Fingerprint};
use wirefeed_model::{Article, DedupedMessage, RawRef, SCHEMA_VERSION};
use wirefeed_normalizer::extract::body_hash;
use wirefeed_persister::store::persist;

const BODY: &str = "The parliament passed the budget early on Friday after a debate that lasted through the night and into the morning. \
Opposition lawmakers said the compromise would not survive the next election, while the government called it historic.";

/// A login role in `group`, and a pool connected as it to the test database.
async fn login_as(admin: &PgPool, group: &str) -> (String, PgPool) {
    let role = format!(
        "wf_{group}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    );
    sqlx::query(&format!("CREATE ROLE {role} LOGIN IN ROLE {group}"))
        .execute(admin)
        .await
        .expect("create login role");
    let options = (*admin.connect_options()).clone().username(&role);
    let pool = PgPoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .expect("connect as the login role");
    (role, pool)
}

async fn drop_role(admin: &PgPool, role: String, pool: PgPool) {
    pool.close().await;
    sqlx::query(&format!("DROP ROLE {role}"))
        .execute(admin)
        .await
        .expect("drop login role");
}

fn article(identity: &str, body: &str) -> Article {
    Article {
        identity: identity.into(),
        canonical_url: identity.into(),
        title: "Budget passes".into(),
        body: body.into(),
        body_hash: body_hash(body),
        word_count: body.split_whitespace().count() as u32,
        format: "text".into(),
        ..Default::default()
    }
}

/// Decides and persists one message as the pool's role.
async fn pipeline_write(pool: &PgPool, offset: i64, article: Article) {
    let raw = RawRef {
        topic: "articles.raw".into(),
        partition: 0,
        offset,
        digest: String::new(),
        url: article.identity.clone(),
        id: None,
        source: None,
        fetched_at: None,
        extra: Map::new(),
        reprocess: None,
    };
    let decision = decide(
        pool,
        &raw.sighting_key(),
        &article,
        &Fingerprint::of(&article),
        &Rules::default(),
    )
    .await
    .expect("the writer role can decide");
    let msg = DedupedMessage {
        schema_version: SCHEMA_VERSION,
        raw,
        article,
        decision,
    };
    persist(pool, &msg)
        .await
        .expect("the writer role can persist");
}

async fn refused(pool: &PgPool, sql: &str) {
    let err = sqlx::query(sql)
        .execute(pool)
        .await
        .expect_err(&format!("`{sql}` must be refused"));
    let code = err
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned());
    assert_eq!(code.as_deref(), Some("42501"), "`{sql}`: {err}");
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn the_writer_role_runs_the_pipeline_and_nothing_more(admin: PgPool) {
    let (role, pool) = login_as(&admin, "wirefeed_writer").await;
    // New, update (replaces the band index), rescrape, and a copy under
    // another identity (may move the cluster to a new canonical story).
    let updated = format!("{BODY} A new paragraph was added.");
    for (offset, identity, body) in [
        (1, "https://a.example/budget", BODY),
        (2, "https://a.example/budget", updated.as_str()),
        (3, "https://a.example/budget", updated.as_str()),
        (4, "https://b.example/copy", updated.as_str()),
    ] {
        pipeline_write(&pool, offset, article(identity, body)).await;
    }
    let sightings: i64 = sqlx::query_scalar("SELECT count(*) FROM sightings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(sightings, 4);

    refused(&pool, "DROP TABLE stories").await;
    refused(&pool, "TRUNCATE sightings").await;
    refused(&pool, "DELETE FROM stories").await;
    refused(&pool, "CREATE TABLE intruder (a int)").await;
    refused(&pool, "ALTER TABLE stories ADD COLUMN x int").await;
    drop_role(&admin, role, pool).await;
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn the_reader_role_reads_stories_and_nothing_else(admin: PgPool) {
    pipeline_write(&admin, 1, article("https://a.example/budget", BODY)).await;
    let (role, pool) = login_as(&admin, "wirefeed_reader").await;
    for view in [
        "stories",
        "story_versions",
        "sightings",
        "latest_stories",
        "story_outlets",
        "story_history",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {view}"))
            .fetch_one(&pool)
            .await
            .unwrap_or_else(|e| panic!("the reader can read {view}: {e}"));
        assert!(n >= 1, "{view}");
    }
    refused(&pool, "SELECT count(*) FROM dedup_stories").await;
    refused(&pool, "SELECT count(*) FROM story_clusters").await;
    refused(&pool, "UPDATE stories SET title = 'x'").await;
    refused(
        &pool,
        "INSERT INTO sightings (sighting_key, story_id, cluster_id, verdict, version, url, canonical_url, title, raw_topic, raw_partition, raw_offset, decided_at)
         VALUES ('k', gen_random_uuid(), gen_random_uuid(), 'new', 1, 'u', 'u', 't', 'r', 0, 0, now())",
    )
    .await;
    refused(&pool, "DELETE FROM stories").await;
    drop_role(&admin, role, pool).await;
}
