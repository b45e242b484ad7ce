//! The README's downstream queries use their indexes on a seeded table
//! (EXPLAIN after ANALYZE, the planner left to its own choice), and the
//! change feed never skips a row whose transaction commits late.

use sqlx::{PgPool, Row};

/// The README's queries, with literal values in place of parameters.
const LATEST: &str =
    "SELECT title, section, author_names, published_at FROM latest_stories LIMIT 20";
const BY_OUTLET: &str = "SELECT g.fetched_at, g.url, g.title FROM sightings g \
     WHERE g.outlet = 'outlet-7' AND g.fetched_at >= timestamptz '2026-01-20' \
     ORDER BY g.fetched_at DESC LIMIT 50";
const CHANGES: &str = "SELECT s.story_id, s.change_xid, s.version, s.title FROM stories s \
     WHERE (s.change_xid, s.story_id) > ($1::xid8, $2::uuid) \
       AND s.change_xid < pg_snapshot_xmin(pg_current_snapshot()) \
     ORDER BY s.change_xid, s.story_id LIMIT 500";

/// 20,000 stories written by 20 transactions (so the change feed has 20
/// transaction ids), a tenth of them copies or killed, and 60,000
/// sightings from 50 outlets over 60 days.
async fn seed(pool: &PgPool) {
    for batch in 0..20 {
        sqlx::query(
            "INSERT INTO stories (story_id, cluster_id, identity, version, status, title, body,
                 word_count, body_hash, canonical_url, format, published_at, first_seen_at, last_seen_at)
             SELECT id, CASE WHEN n % 10 = 3 THEN '00000000-0000-0000-0000-000000000001'::uuid ELSE id END,
                    'https://example.org/' || n, 1,
                    CASE WHEN n % 10 = 5 THEN 'killed' ELSE 'active' END,
                    'Story ' || n, 'Body of story ' || n, 4, md5(n::text), 'https://example.org/' || n,
                    'html', timestamptz '2026-01-01' + n * interval '1 minute',
                    timestamptz '2026-01-01' + n * interval '1 minute',
                    timestamptz '2026-01-01' + n * interval '1 minute'
             FROM (SELECT n, gen_random_uuid() AS id
                   FROM generate_series($1::int * 1000, $1::int * 1000 + 999) n) s",
        )
        .bind(batch)
        .execute(pool)
        .await
        .expect("seed stories");
    }
    sqlx::query(
        "INSERT INTO sightings (sighting_key, story_id, cluster_id, verdict, version, url,
             canonical_url, outlet, title, fetched_at, raw_topic, raw_partition, raw_offset, decided_at)
         SELECT 'raw/0/' || n, gen_random_uuid(), gen_random_uuid(), 'new', 1,
                'https://example.org/' || n, 'https://example.org/' || n, 'outlet-' || (n % 50),
                'Story ' || n, timestamptz '2026-01-01' + n * interval '86 seconds', 'raw', 0, n, now()
         FROM generate_series(1, 60000) n",
    )
    .execute(pool)
    .await
    .expect("seed sightings");
    sqlx::query("ANALYZE stories").execute(pool).await.unwrap();
    sqlx::query("ANALYZE sightings")
        .execute(pool)
        .await
        .unwrap();
}

/// The plan of `query` as text (EXPLAIN's text format names every node and
/// the index each one uses).
async fn plan(pool: &PgPool, query: &str) -> String {
    let explain = format!("EXPLAIN {query}");
    let q = sqlx::query(&explain);
    let q = if query.contains("$1") {
        q.bind("0").bind(uuid::Uuid::nil().to_string())
    } else {
        q
    };
    q.fetch_all(pool)
        .await
        .expect("explain")
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect::<Vec<_>>()
        .join("\n")
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn each_readme_query_reads_its_index(pool: PgPool) {
    seed(&pool).await;
    for (query, index, table) in [
        (LATEST, "stories_latest_idx", "stories"),
        (BY_OUTLET, "sightings_outlet_fetched_idx", "sightings"),
        (CHANGES, "stories_change_idx", "stories"),
    ] {
        let plan = plan(&pool, query).await;
        assert!(plan.contains(index), "{query}\nshould use {index}:\n{plan}");
        assert!(
            !plan.contains(&format!("Seq Scan on {table}")),
            "{query}\nscans {table}:\n{plan}"
        );
        assert!(!plan.contains("Sort  "), "{query}\nsorts:\n{plan}");
    }
    // The queries return what they say: the newest active canonical story
    // first, one outlet's pages newest first.
    let latest: Vec<String> = sqlx::query_scalar("SELECT title FROM latest_stories LIMIT 3")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(latest, ["Story 19999", "Story 19998", "Story 19997"]);
    let outlet: Vec<String> = sqlx::query_scalar(&BY_OUTLET.replace("g.fetched_at, g.url, ", ""))
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(outlet.len(), 50);
    assert_eq!(outlet[0], "Story 59957");
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn the_change_feed_waits_for_a_late_commit_instead_of_skipping_it(pool: PgPool) {
    // xid8 has no text decoder of its own here: read it as text beside.
    let feed = CHANGES.replace(
        "SELECT s.story_id, s.change_xid,",
        "SELECT s.story_id, s.change_xid::text AS change_xid_text,",
    );
    let insert = |title: &'static str| {
        sqlx::query(
            "INSERT INTO stories (story_id, cluster_id, identity, version, title, body, word_count,
                 body_hash, canonical_url, format, first_seen_at, last_seen_at)
             SELECT id, id, $1, 1, $1, 'b', 1, 'h', $1, 'html', now(), now()
             FROM gen_random_uuid() id",
        )
        .bind(title)
    };
    let mut cursor = ("0".to_string(), uuid::Uuid::nil());
    insert("first").execute(&pool).await.unwrap();
    assert_eq!(read(&pool, &feed, &mut cursor, 1).await, ["first"]);

    // A writer takes its transaction id first and commits last.
    let mut slow = pool.begin().await.unwrap();
    insert("slow").execute(&mut *slow).await.unwrap();
    insert("fast").execute(&pool).await.unwrap();
    assert!(
        poll(&pool, &feed, &mut cursor).await.is_empty(),
        "'fast' must wait until the older transaction ends, else a cursor past it skips 'slow'"
    );
    slow.commit().await.unwrap();
    assert_eq!(read(&pool, &feed, &mut cursor, 2).await, ["slow", "fast"]);

    // An update brings a story back into the feed; nothing is read twice.
    sqlx::query("UPDATE stories SET version = 2 WHERE title = 'first'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(read(&pool, &feed, &mut cursor, 1).await, ["first"]);
    assert!(poll(&pool, &feed, &mut cursor).await.is_empty());
}

/// One poll of the change feed from `cursor`, which moves to the last row read.
async fn poll(pool: &PgPool, feed: &str, cursor: &mut (String, uuid::Uuid)) -> Vec<String> {
    let rows = sqlx::query(feed)
        .bind(&cursor.0)
        .bind(cursor.1.to_string())
        .fetch_all(pool)
        .await
        .expect("poll");
    if let Some(last) = rows.last() {
        *cursor = (last.get("change_xid_text"), last.get("story_id"));
    }
    rows.iter().map(|r| r.get("title")).collect()
}

/// Polls until `want` rows were read. Transaction ids are the server's, not
/// the database's: a transaction of another database on the same server
/// (another test's) holds the bound back for as long as it runs.
async fn read(
    pool: &PgPool,
    feed: &str,
    cursor: &mut (String, uuid::Uuid),
    want: usize,
) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..600 {
        seen.extend(poll(pool, feed, cursor).await);
        if seen.len() >= want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    seen
}
