//! Records larger than the pipeline's message limit never stick a
//! partition. The topics `wirefeed topics` makes refuse them at the broker;
//! on a topic an operator made with a larger limit they arrive, and the
//! normalizer dead-letters each as `too_large`, with its coordinates, and
//! goes on with the records after it.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, AlterConfig, ResourceSpecifier};
use rdkafka::client::DefaultClientContext;
use rdkafka::producer::FutureProducer;
use wirefeed_plumbing::kafka;
use wirefeed_tests::*;

const MB: usize = 1024 * 1024;

/// A valid raw message of about `size` bytes.
fn page_of(size: usize, id: &str) -> Vec<u8> {
    let body = "lorem ipsum dolor sit amet ".repeat(size / 27 + 1);
    serde_json::json!({"url": format!("https://big.example/{id}"), "body": body, "id": id})
        .to_string()
        .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_of_10_and_50_mb_are_dead_lettered_and_the_partition_moves_on() {
    let env = TestEnv::new("oversized").await;
    let raw = env.settings.topics.raw.clone();

    // The broker refuses a 10 MB record on a topic `wirefeed topics` made.
    let mut big_producer_config = kafka::client_config(&env.settings.kafka);
    big_producer_config
        .set("message.max.bytes", (64 * MB).to_string())
        .set("compression.type", "none")
        .set("message.timeout.ms", "60000");
    let big_producer: FutureProducer = big_producer_config.create().expect("producer");
    let refused = kafka::send(
        &big_producer,
        &raw,
        Some(b"k"),
        &page_of(10 * MB, "refused"),
        None,
        Duration::from_secs(60),
    )
    .await;
    assert!(refused.is_err(), "the broker took a 10 MB record");

    // An operator raises the raw topic's limit: such records now arrive.
    let admin: AdminClient<DefaultClientContext> = kafka::client_config(&env.settings.kafka)
        .create()
        .expect("admin");
    let limit = (64 * MB).to_string();
    let alter = AlterConfig::new(ResourceSpecifier::Topic(&raw)).set("max.message.bytes", &limit);
    for result in admin
        .alter_configs(&[alter], &AdminOptions::new())
        .await
        .expect("alter configs")
    {
        result.expect("topic limit raised");
    }

    let pipeline = Pipeline::start(&env).await;
    let producer = env.producer();
    // One key: all five on one partition, the large ones between good ones.
    let good = |i: usize| synthetic_text_dump("small.example", i);
    env.publish_raw(&producer, Some("k"), &good(0)).await;
    kafka::send(
        &big_producer,
        &raw,
        Some(b"k"),
        &page_of(10 * MB, "ten"),
        None,
        Duration::from_secs(60),
    )
    .await
    .expect("10 MB record published");
    env.publish_raw(&producer, Some("k"), &good(1)).await;
    kafka::send(
        &big_producer,
        &raw,
        Some(b"k"),
        &page_of(50 * MB, "fifty"),
        None,
        Duration::from_secs(60),
    )
    .await
    .expect("50 MB record published");
    env.publish_raw(&producer, Some("k"), &good(2)).await;

    env.wait_for_count("SELECT count(*) FROM sightings", 3)
        .await;
    // Every good page is stored, each once. Their order is not the raw
    // partition's: the normalizer keys its output by story, so the three
    // stories cross different partitions downstream.
    let mut ids = env.stored_ids().await;
    ids.sort();
    assert_eq!(ids, ["0", "1", "2"]);
    let letters = env.wait_for_dead_letters(2).await;
    assert_eq!(letters.len(), 2, "{letters:?}");
    for (kind, reason, source) in &letters {
        assert_eq!(kind, "too_large", "{reason}");
        assert_eq!(source, &raw);
        assert!(reason.contains("over the"), "{reason}");
    }
    pipeline
        .normalizer
        .wait_for_metric("wirefeed_messages_dead_lettered_total", "too_large", 2.0)
        .await;

    pipeline.stop().await;
    env.drop_database().await;
}
