//! The persister writes batches in one transaction; a batch the database
//! refuses is written again message by message, so one bad row costs only
//! itself: it is dead-lettered and every other row is stored.

use chrono::Utc;
use serde_json::Map;
use wirefeed_model::{Article, Decision, DedupedMessage, RawRef, Verdict, SCHEMA_VERSION};
use wirefeed_plumbing::kafka;
use wirefeed_tests::*;

fn deduped(offset: i64, version: i32) -> Vec<u8> {
    let identity = format!("https://outlet.example/story-{offset}");
    let story = uuid::Uuid::new_v4();
    let msg = DedupedMessage {
        schema_version: SCHEMA_VERSION,
        raw: RawRef {
            topic: "articles.raw".into(),
            partition: 0,
            offset,
            digest: String::new(),
            url: identity.clone(),
            id: None,
            source: Some("outlet.example".into()),
            fetched_at: Some(Utc::now()),
            extra: Map::new(),
            reprocess: None,
        },
        article: Article {
            identity: identity.clone(),
            canonical_url: identity,
            title: format!("Story {offset}"),
            body: format!("The text of story {offset}."),
            body_hash: format!("hash-{offset}"),
            word_count: 5,
            format: "text".into(),
            ..Default::default()
        },
        decision: Decision {
            verdict: Verdict::New,
            story_id: story,
            cluster_id: story,
            version,
            current: true,
            similarity: None,
            duplicate_of: None,
            cluster_changed: false,
            decided_at: Utc::now(),
        },
    };
    serde_json::to_vec(&msg).unwrap()
}

async fn publish(env: &TestEnv, offsets: std::ops::Range<i64>, bad: i64) {
    let producer = env.producer();
    for offset in offsets {
        // Version 0 breaks a CHECK constraint: the database refuses the row.
        let version = if offset == bad { 0 } else { 1 };
        kafka::send(
            &producer,
            &env.settings.topics.deduped,
            Some(b"same-key"),
            &deduped(offset, version),
            None,
            std::time::Duration::from_secs(30),
        )
        .await
        .expect("published");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_bad_row_is_dead_lettered_and_the_rest_of_its_batch_stored() {
    let env = TestEnv::new("batch").await;
    // Published (to one partition) before the persister starts, so it
    // fetches them together and batches them.
    publish(&env, 0..60, -1).await;
    let persister = start_persister(&env.service_settings("persister", "")).await;
    env.wait_for_count("SELECT count(*) FROM sightings", 60)
        .await;
    let rows = persister.metric("wirefeed_batch_size_sum", "").await;
    let writes = persister.metric("wirefeed_batch_size_count", "").await;
    assert_eq!(rows, 60.0);
    assert!(
        writes < rows,
        "batched: {rows} rows in {writes} transactions"
    );
    persister.stop().await;

    const BAD: i64 = 97;
    publish(&env, 60..120, BAD).await;
    let persister = start_persister(&env.service_settings("persister", "")).await;
    env.wait_for_count("SELECT count(*) FROM sightings", 119)
        .await;
    let letters = env.wait_for_dead_letters(1).await;
    assert_eq!(letters.len(), 1);
    let (kind, reason, source) = &letters[0];
    assert_eq!(kind, "database_rejected");
    assert!(reason.contains("23514"), "a CHECK violation: {reason}");
    assert_eq!(source, &env.settings.topics.deduped);
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM sightings WHERE raw_offset = {BAD}"
        ))
        .await,
        0
    );
    persister.stop().await;
    env.drop_database().await;
}
