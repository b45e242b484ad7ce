//! `wirefeed dlq`: dead letters are listed with their reasons and origin,
//! and a replay after a fix turns the selected ones into stories.

use wirefeed_cli::dlq::{read_all, replay, Selection};
use wirefeed_model::dlq_headers;
use wirefeed_tests::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_letters_replayed_after_a_fix_become_stories() {
    let env = TestEnv::new("dlqreplay").await;
    let producer = env.producer();
    let sample = std::fs::read(shared_dir().join("samples/joongang-trilateral-diplomats.raw.json"))
        .expect("sample");

    // A page limit set too low refuses the real page; the broken message
    // is refused under any configuration.
    let mut strict = env.service_settings("normalizer", "");
    strict.limits.max_page_bytes = 1000;
    let normalizer = start_normalizer(&strict).await;
    env.publish_raw(&producer, Some("sample"), &sample).await;
    env.publish_raw(&producer, Some("broken"), b"{not json")
        .await;
    env.wait_for_dead_letters(2).await;
    normalizer.stop().await;

    let letters = read_all(&env.settings).expect("dead-letter topic readable");
    let mut kinds: Vec<&str> = letters
        .iter()
        .map(|l| l.header(dlq_headers::ERROR_KIND))
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["invalid_json", "page_too_large"]);
    for l in &letters {
        assert_eq!(l.header(dlq_headers::SOURCE_TOPIC), env.settings.topics.raw);
        assert!(!l.header(dlq_headers::REASON).is_empty());
        assert!(l.header(dlq_headers::SOURCE_OFFSET).parse::<i64>().is_ok());
    }
    let page = letters
        .iter()
        .find(|l| l.header(dlq_headers::ERROR_KIND) == "page_too_large")
        .expect("the page's dead letter");
    assert_eq!(page.payload, sample, "the original bytes are kept");

    // The fix: the default limit. Same consumer group, so the services go
    // on from where they stopped; only the replayed message is new.
    let normalizer = start_normalizer(&env.service_settings("normalizer", "")).await;
    let deduplicator = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let persister = start_persister(&env.service_settings("persister", "")).await;
    let report = replay(
        &env.settings,
        &letters,
        &Selection {
            kind: Some("page_too_large".into()),
            ..Selection::default()
        },
    )
    .await
    .expect("replay");
    assert_eq!(report.replayed, 1);
    assert!(report.skipped_truncated.is_empty());

    env.wait_for_count(
        "SELECT count(*) FROM stories WHERE title LIKE '%diplomats%'",
        1,
    )
    .await;
    assert_eq!(env.count("SELECT count(*) FROM sightings").await, 1);
    // The broken message was not selected: still the only other dead letter.
    assert_eq!(env.dead_letters().len(), 2);

    normalizer.stop().await;
    deduplicator.stop().await;
    persister.stop().await;
    env.drop_database().await;
}
