//! A raw topic deleted and created again hands out offsets from 0 again.
//! Pages published to it afterwards sit at the offsets of pages already
//! stored; each must still be stored, and none taken for a replay.

use std::collections::BTreeSet;

use wirefeed_tests::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_at_reused_offsets_of_a_recreated_topic_are_all_stored() {
    let env = TestEnv::new("recreated").await;
    let normalizer_settings = env.service_settings("normalizer", "");
    let normalizer = start_normalizer(&normalizer_settings).await;
    let dedup = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let persister = start_persister(&env.service_settings("persister", "")).await;
    let producer = env.producer();

    const PAGES: usize = 12;
    // One key, so every page lands on one partition at offsets 0..PAGES,
    // before and after the topic is recreated.
    for i in 0..PAGES {
        let page = synthetic_text_dump("before.example", i);
        env.publish_raw(&producer, Some("one-partition"), &page)
            .await;
    }
    env.wait_for_count("SELECT count(*) FROM sightings", PAGES as i64)
        .await;

    normalizer.stop().await;
    env.recreate_topic(&env.settings.topics.raw).await;
    let normalizer = start_normalizer(&normalizer_settings).await;
    for i in PAGES..2 * PAGES {
        let page = synthetic_text_dump("after.example", i);
        env.publish_raw(&producer, Some("one-partition"), &page)
            .await;
    }
    env.wait_for_count("SELECT count(*) FROM sightings", 2 * PAGES as i64)
        .await;

    // Every page by its id, each once, under its own URL.
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT scraper_id, url FROM sightings ORDER BY scraper_id::int")
            .fetch_all(&env.pool)
            .await
            .expect("sightings");
    let expected: Vec<(String, String)> = (0..2 * PAGES)
        .map(|i| {
            let host = if i < PAGES { "before" } else { "after" };
            (i.to_string(), format!("https://{host}.example/story-{i}"))
        })
        .collect();
    assert_eq!(stored, expected);
    // The second round really reused the first round's offsets.
    let offsets: BTreeSet<(i32, i64)> =
        sqlx::query_as::<_, (i32, i64)>("SELECT raw_partition, raw_offset FROM sightings")
            .fetch_all(&env.pool)
            .await
            .expect("offsets")
            .into_iter()
            .collect();
    assert_eq!(
        offsets.len(),
        PAGES,
        "both rounds used the same {PAGES} offsets"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM stories").await,
        2 * PAGES as i64
    );

    normalizer.stop().await;
    dedup.stop().await;
    persister.stop().await;
    env.drop_database().await;
}
