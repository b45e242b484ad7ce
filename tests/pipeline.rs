//! End to end: raw pages on the broker → normalizer → deduplicator →
//! persister → PostgreSQL, every service running against the real broker
//! and a real database.

use std::process::Command;

use serde_json::Value;
use wirefeed_normalizer::service::process_raw;
use wirefeed_normalizer::Limits;
use wirefeed_plumbing::events::Origin;
use wirefeed_tests::*;

fn sample_raw() -> Vec<u8> {
    let path = shared_dir().join("samples/joongang-trilateral-diplomats.raw.json");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Raw messages made from the scrapinghub evaluation pages by the shared tool.
fn eval_pages(limit: usize) -> Vec<Vec<u8>> {
    let out = Command::new("python3")
        .arg(shared_dir().join("eval/make_raw.py"))
        .arg(shared_dir().join("eval/scrapinghub"))
        .args(["--limit", &limit.to_string()])
        .output()
        .expect("python3 runs make_raw.py");
    assert!(
        out.status.success(),
        "make_raw.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages: Vec<Vec<u8>> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    assert_eq!(pages.len(), limit);
    pages
}

/// Whether the normalizer accepts a page: the same code the service runs.
fn accepted(payload: &[u8]) -> bool {
    let origin = Origin {
        topic: "check".into(),
        partition: 0,
        offset: 0,
    };
    process_raw(
        payload,
        &origin,
        wirefeed_model::raw::DEFAULT_MAX_MESSAGE_BYTES,
        &Limits::default(),
    )
    .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_flow_to_postgres_once_with_bad_input_dead_lettered() {
    let env = TestEnv::new("flow").await;
    let normalizer = start_normalizer(&env.service_settings("normalizer", "")).await;
    let deduplicator = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let persister = start_persister(&env.service_settings("persister", "")).await;
    let producer = env.producer();

    // The sample page, 50 real pages, and two bad messages.
    let sample = sample_raw();
    let pages = eval_pages(50);
    let good = 1 + pages.iter().filter(|p| accepted(p)).count();
    let rejected_pages = pages.len() + 1 - good;
    env.publish_raw(&producer, Some("sample"), &sample).await;
    for page in &pages {
        env.publish_raw(&producer, None, page).await;
    }
    env.publish_raw(&producer, None, b"{not json at all").await;
    env.publish_raw(
        &producer,
        None,
        br#"{"body":"<p>a page with no address</p>","id":"no-url"}"#,
    )
    .await;

    env.wait_for_count("SELECT count(*) FROM sightings", good as i64)
        .await;
    let letters = env.wait_for_dead_letters(rejected_pages + 2).await;
    let kinds: Vec<&str> = letters.iter().map(|(k, _, _)| k.as_str()).collect();
    assert!(kinds.contains(&"invalid_json"), "{letters:?}");
    assert!(kinds.contains(&"missing_url"), "{letters:?}");
    for (kind, reason, source) in &letters {
        assert!(
            !kind.is_empty() && !reason.is_empty(),
            "dead letter without a reason: {letters:?}"
        );
        assert_eq!(source, &env.settings.topics.raw);
    }
    assert_eq!(letters.len(), rejected_pages + 2, "{letters:?}");

    // The sample story, as downstream users see it.
    let row: (String, Option<String>, Value, Value, String, String) = sqlx::query_as(
        "SELECT title, section, authors, captions, body, language FROM stories
         WHERE canonical_url = 'https://koreajoongangdaily.joins.com/news/national/diplomacy/trilateral-diplomats-apec'",
    )
    .fetch_one(&env.pool)
    .await
    .expect("the sample story is stored");
    let (title, section, authors, captions, body, language) = row;
    assert_eq!(title, "Top diplomats of South Korea, U.S. and Japan blast North-Russia arms deals, Hamas's attack on Israel");
    assert_eq!(section.as_deref(), Some("National > Diplomacy"));
    assert_eq!(
        authors,
        serde_json::json!([{"name": "Esther Chung", "email": "chung.juhee@joongang.co.kr"}])
    );
    let captions = captions.as_array().expect("captions array");
    assert_eq!(captions.len(), 1, "{captions:?}");
    assert_eq!(captions[0]["credit"], "MINISTRY OF FOREIGN AFFAIRS");
    assert!(captions[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("From left, Foreign Minister Park Jin"));
    assert_eq!(language, "en");
    assert!(
        body.starts_with("The top diplomats of South Korea"),
        "{body}"
    );
    assert!(
        body.ends_with("intermediate-range ballistic missile."),
        "{body}"
    );
    for chrome in [
        "Related Article",
        "print dictionary",
        "From left,",
        "[MINISTRY",
        "BY ESTHER",
        "Log in",
        "To write comments",
        "Standards Board",
    ] {
        assert!(!body.contains(chrome), "page chrome {chrome:?} in the body");
    }
    let search_hits = env.count("SELECT count(*) FROM stories WHERE search @@ plainto_tsquery('simple', 'Blinken Kamikawa')").await;
    assert_eq!(search_hits, 1);

    // The same page again: one more sighting, no new story.
    let stories = env.count("SELECT count(*) FROM stories").await;
    env.publish_raw(&producer, Some("sample"), &sample).await;
    env.wait_for_count("SELECT count(*) FROM sightings", good as i64 + 1)
        .await;
    assert_eq!(env.count("SELECT count(*) FROM stories").await, stories);
    let verdict: String =
        sqlx::query_scalar("SELECT verdict FROM sightings ORDER BY sighting_id DESC LIMIT 1")
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!(verdict, "rescrape");

    // Re-consume the whole raw topic with a new group: nothing is added.
    let sightings = env.count("SELECT count(*) FROM sightings").await;
    let versions = env.count("SELECT count(*) FROM story_versions").await;
    let persisted_before = persister
        .metric("wirefeed_messages_consumed_total", "")
        .await;
    let replay = start_normalizer(&env.service_settings("normalizer", "-replay")).await;
    let raw_total = (pages.len() + 4) as f64;
    replay
        .wait_for_metric("wirefeed_messages_consumed_total", "", raw_total)
        .await;
    let replayed_good = (good + 1) as f64;
    persister
        .wait_for_metric(
            "wirefeed_messages_consumed_total",
            "",
            persisted_before + replayed_good,
        )
        .await;
    assert_eq!(env.count("SELECT count(*) FROM sightings").await, sightings);
    assert_eq!(env.count("SELECT count(*) FROM stories").await, stories);
    assert_eq!(
        env.count("SELECT count(*) FROM story_versions").await,
        versions
    );

    // Metrics and health are served; lag comes from librdkafka statistics.
    persister.wait_for_series("wirefeed_consumer_lag").await;
    assert!(http_get(persister.ops, "/health/ready")
        .await
        .starts_with("HTTP/1.0 200"));
    let metrics = http_get(normalizer.ops, "/metrics").await;
    assert!(
        metrics.contains("wirefeed_messages_dead_lettered_total"),
        "{metrics}"
    );
    assert!(metrics.contains("wirefeed_build_info"), "{metrics}");
    assert!(http_get(deduplicator.ops, "/health/live")
        .await
        .starts_with("HTTP/1.0 200"));
    assert!(
        deduplicator
            .metric("wirefeed_dedup_verdicts_total", "verdict=\"rescrape\"")
            .await
            >= 1.0
    );

    for service in [replay, normalizer, deduplicator, persister] {
        service.stop().await;
    }
    env.drop_database().await;
}
