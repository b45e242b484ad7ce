//! Pages that are valid but odd travel the whole pipeline on Apache Kafka
//! and are stored, each with what was mended said in a warning: no false
//! rejection, no implausible value stored.

use chrono::{Datelike, Utc};
use wirefeed_tests::*;

fn story(i: usize) -> String {
    (0..8)
        .map(|p| format!("<p>Part {p} of story {i}: the harbour authority voted on Thursday to extend the pier by forty metres"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_but_valid_pages_are_stored_with_warnings() {
    let env = TestEnv::new("oddpages").await;
    let pipeline = Pipeline::start(&env).await;
    let producer = env.producer();

    let unclosed: String = (0..1500)
        .map(|i| format!("<p>Line {i} of the pier report, kept as the council printed it"))
        .collect();
    let deep_extra = "[".repeat(3000) + &"]".repeat(3000);
    let html = |i: usize, body: &str| {
        serde_json::to_string(&format!(
            "<html><body><article><h1>Harbour vote number {i}</h1>{body}</article></body></html>"
        ))
        .unwrap()
    };
    let messages: Vec<String> = vec![
        // 1,500 paragraphs without their optional end tags.
        format!(
            r#"{{"id": "unclosed", "url": "https://odd.example/0", "body": {}}}"#,
            html(0, &unclosed)
        ),
        // A lone surrogate in an unknown field, a number no float holds.
        format!(
            r#"{{"id": "surrogate", "url": "https://odd.example/1", "body": {}, "note": "\ud800", "score": 1e400}}"#,
            html(1, &story(1))
        ),
        // Nesting deeper than JSON parsers allow, in an unknown field.
        format!(
            r#"{{"id": "deep", "url": "https://odd.example/2", "body": {}, "tree": {deep_extra}}}"#,
            html(2, &story(2))
        ),
        // A fetch time in the future, a date from the future, credentials.
        format!(
            r#"{{"id": "future", "url": "https://user:secret@odd.example/3", "fetched_at": "2999-01-01T00:00:00Z", "published_at": "2998-12-31T00:00:00Z", "body": {}}}"#,
            html(
                3,
                &format!(
                    "<time datetime=\"2998-12-31T00:00:00Z\">31 Dec 2998</time>{}",
                    story(3)
                )
            )
        ),
    ];
    for m in &messages {
        env.publish_raw(&producer, None, m.as_bytes()).await;
    }
    env.wait_for_count("SELECT count(*) FROM sightings", messages.len() as i64)
        .await;
    assert!(env.dead_letters().is_empty(), "{:?}", env.dead_letters());
    let mut ids = env.stored_ids().await;
    ids.sort();
    assert_eq!(ids, ["deep", "future", "surrogate", "unclosed"]);

    let paragraphs: i64 = env
        .count("SELECT jsonb_array_length(paragraphs)::bigint FROM stories WHERE canonical_url = 'https://odd.example/0'")
        .await;
    assert!(
        paragraphs >= 1000,
        "the unclosed paragraphs were kept: {paragraphs}"
    );
    let secrets = env
        .count("SELECT count(*) FROM sightings WHERE url LIKE '%secret%' OR canonical_url LIKE '%secret%'")
        .await;
    assert_eq!(secrets, 0);
    let future = env
        .count("SELECT count(*) FROM stories WHERE published_at > now() + interval '2 days' OR updated_at > now() + interval '2 days'")
        .await;
    assert_eq!(future, 0);
    let fetched: chrono::DateTime<Utc> =
        sqlx::query_scalar("SELECT fetched_at FROM sightings WHERE scraper_id = 'future'")
            .fetch_one(&env.pool)
            .await
            .expect("fetched_at");
    assert!(fetched.year() < 2999, "clamped: {fetched}");
    for kind in [
        "json_repaired",
        "fetched_at_in_future",
        "credentials_removed",
        "implausible_date",
    ] {
        let n = pipeline
            .normalizer
            .metric(
                "wirefeed_normalize_warnings_total",
                &format!("kind=\"{kind}\""),
            )
            .await;
        assert!(n >= 1.0, "{kind}: {n}");
    }

    pipeline.stop().await;
    env.drop_database().await;
}
