//! `wirefeed dlq`: dead letters are listed with their reasons and origin,
//! and a replay after a fix turns the selected ones into stories.

use rdkafka::message::{Header, OwnedHeaders};
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
        &Selection {
            kind: Some("page_too_large".into()),
            ..Selection::default()
        },
        false,
        |_, _| {},
    )
    .await
    .expect("replay");
    assert_eq!(report.total(), 1);
    assert_eq!(report.replayed[&env.settings.topics.raw], 1);
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

/// A dead letter of a later stage, as that stage writes it.
fn later_stage_letter(stage: &str, source_topic: &str, payload: &[u8]) -> (OwnedHeaders, Vec<u8>) {
    let headers = OwnedHeaders::new()
        .insert(Header {
            key: dlq_headers::STAGE,
            value: Some(stage),
        })
        .insert(Header {
            key: dlq_headers::ERROR_KIND,
            value: Some("database_rejected"),
        })
        .insert(Header {
            key: dlq_headers::REASON,
            value: Some("refused before a fix"),
        })
        .insert(Header {
            key: dlq_headers::SOURCE_TOPIC,
            value: Some(source_topic),
        })
        .insert(Header {
            key: dlq_headers::SOURCE_PARTITION,
            value: Some("0"),
        })
        .insert(Header {
            key: dlq_headers::SOURCE_OFFSET,
            value: Some("0"),
        });
    (headers, payload.to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_stage_replay_sends_each_letter_to_the_stage_that_refused_it() {
    let env = TestEnv::new("dlqstages").await;
    let producer = env.producer();
    // A normalized story the deduplicator refused, and one the persister
    // refused (as deduplicated), both stories that are fine now.
    let sample = std::fs::read(shared_dir().join("samples/joongang-trilateral-diplomats.raw.json"))
        .expect("sample");
    let origin = wirefeed_plumbing::events::Origin {
        topic: env.settings.topics.raw.clone(),
        partition: 0,
        offset: 0,
    };
    let normalized = wirefeed_normalizer::service::process_raw(
        &sample,
        &origin,
        env.settings.limits.max_message_bytes,
        &wirefeed_normalizer::Limits::default(),
    )
    .expect("the sample normalizes");
    let normalized_bytes = serde_json::to_vec(&normalized).expect("json");
    let (headers, payload) = later_stage_letter(
        "deduplicator",
        &env.settings.topics.normalized,
        &normalized_bytes,
    );
    let timeout = std::time::Duration::from_secs(30);
    wirefeed_plumbing::kafka::send(
        &producer,
        &env.settings.topics.dlq,
        Some(b"story"),
        &payload,
        Some(headers),
        timeout,
    )
    .await
    .expect("letter written");
    // And a raw letter, which a replay without --any-stage alone would take.
    env.publish_raw(&producer, Some("broken"), b"{not json")
        .await;
    let normalizer = start_normalizer(&env.service_settings("normalizer", "")).await;
    env.wait_for_dead_letters(2).await;

    // A dry run publishes nothing and names each letter's target.
    let mut targets = Vec::new();
    let dry = replay(
        &env.settings,
        &Selection {
            any_stage: true,
            ..Selection::default()
        },
        true,
        |l, target| {
            targets.push((
                l.header(dlq_headers::STAGE).to_string(),
                target.map(str::to_string),
            ))
        },
    )
    .await
    .expect("dry run");
    assert_eq!(dry.total(), 2);
    targets.sort();
    assert_eq!(
        targets,
        [
            (
                "deduplicator".to_string(),
                Some(env.settings.topics.normalized.clone())
            ),
            (
                "normalizer".to_string(),
                Some(env.settings.topics.raw.clone())
            ),
        ]
    );
    assert_eq!(env.count("SELECT count(*) FROM sightings").await, 0);

    // A real replay of the deduplicator's letter, limited to one: it goes
    // to the normalized topic and becomes a story.
    let deduplicator = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let persister = start_persister(&env.service_settings("persister", "")).await;
    let report = replay(
        &env.settings,
        &Selection {
            any_stage: true,
            kind: Some("database_rejected".into()),
            limit: Some(1),
            ..Selection::default()
        },
        false,
        |_, _| {},
    )
    .await
    .expect("replay");
    assert_eq!(report.total(), 1);
    assert_eq!(report.replayed[&env.settings.topics.normalized], 1);
    env.wait_for_count("SELECT count(*) FROM stories", 1).await;
    // Nothing was sent to the raw topic: the normalizer saw only the broken message.
    assert_eq!(
        normalizer
            .metric("wirefeed_messages_consumed_total", "")
            .await,
        1.0
    );

    for s in [normalizer, deduplicator, persister] {
        s.stop().await;
    }
    env.drop_database().await;
}
