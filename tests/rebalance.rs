//! Scaling out and back in: two replicas of each service share a consumer
//! group; one replica of each stops halfway. Every message still ends as
//! exactly one sighting: rebalances lose nothing and write nothing twice.

use wirefeed_tests::*;

fn article(i: usize) -> Vec<u8> {
    synthetic_text_dump("rebalance.example", i)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_joining_and_leaving_lose_and_double_nothing() {
    let env = TestEnv::new("rebalance").await;
    let normalizer = start_normalizer(&env.service_settings("normalizer", "")).await;
    let dedup_a = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let dedup_b = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let persist_a = start_persister(&env.service_settings("persister", "")).await;
    let persist_b = start_persister(&env.service_settings("persister", "")).await;
    let producer = env.producer();

    const TOTAL: usize = 300;
    for i in 0..TOTAL / 2 {
        env.publish_raw(&producer, None, &article(i)).await;
    }
    // Halfway through, one replica of each scaled-out service leaves: the
    // persister that has written, whichever the group gave partitions first
    // (the broker decides that, not the test).
    let (pa, pb) = (&persist_a, &persist_b);
    let a_has_written = eventually(move || async move {
        let a = pa.metric("wirefeed_messages_consumed_total", "").await;
        let b = pb.metric("wirefeed_messages_consumed_total", "").await;
        match (a >= 1.0, b >= 1.0) {
            (true, _) => Ok(true),
            (false, true) => Ok(false),
            _ => Err(format!("persisters consumed {a} and {b}, expected one ≥ 1")),
        }
    })
    .await;
    let (persist_leaving, persist_staying) = if a_has_written {
        (persist_a, persist_b)
    } else {
        (persist_b, persist_a)
    };
    dedup_b.stop().await;
    persist_leaving.stop().await;
    for i in TOTAL / 2..TOTAL {
        env.publish_raw(&producer, None, &article(i)).await;
    }

    env.wait_for_count("SELECT count(*) FROM sightings", TOTAL as i64)
        .await;
    assert_eq!(
        env.count("SELECT count(DISTINCT raw_offset || '/' || raw_partition) FROM sightings")
            .await,
        TOTAL as i64
    );
    assert_eq!(
        env.count("SELECT count(*) FROM stories").await,
        TOTAL as i64
    );
    assert_eq!(
        env.count("SELECT count(*) FROM story_versions").await,
        TOTAL as i64
    );
    assert_eq!(
        env.count("SELECT count(*) FROM sightings WHERE verdict <> 'new'")
            .await,
        0
    );
    assert!(env.dead_letters().is_empty());

    for service in [normalizer, dedup_a, persist_staying] {
        service.stop().await;
    }
    env.drop_database().await;
}
