//! A page whose title (or outlet name) is too long for the database's
//! indexes is stored with the field cut, never refused by the persister
//! after the deduplicator has recorded it: a corrected resend of the same
//! URL then finds one story, as it should.

use wirefeed_model::field_caps::{MAX_LABEL_CHARS, MAX_TITLE_CHARS};
use wirefeed_tests::*;

fn page(title: &str, source: &str) -> Vec<u8> {
    let paragraphs: String = (0..8)
        .map(|i| format!("<p>Paragraph {i}: the council met on Tuesday and approved the budget for the coming year after a long debate.</p>"))
        .collect();
    let html = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    );
    serde_json::json!({
        "url": "https://capped.example/council-budget",
        "body": html,
        "content_type": "text/html",
        "source": source,
        "id": if title.len() > 1000 { "long" } else { "corrected" },
    })
    .to_string()
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_megabyte_title_then_a_corrected_resend_make_one_story() {
    let env = TestEnv::new("capped").await;
    let pipeline = Pipeline::start(&env).await;
    let producer = env.producer();

    // A megabyte of distinct words: its search vector alone would be over
    // PostgreSQL's 1 MB limit, and an outlet name no index entry can hold.
    let long_title: String = (0..130_000).map(|i| format!("w{i} ")).collect();
    let long_source = "Outlet ".repeat(150_000);
    env.publish_raw(&producer, None, &page(&long_title, &long_source))
        .await;
    env.wait_for_count("SELECT count(*) FROM sightings", 1)
        .await;
    env.publish_raw(
        &producer,
        None,
        &page("Council approves the budget", "Capped News"),
    )
    .await;
    env.wait_for_count("SELECT count(*) FROM sightings", 2)
        .await;

    assert_eq!(env.count("SELECT count(*) FROM stories").await, 1);
    assert!(env.dead_letters().is_empty(), "{:?}", env.dead_letters());
    let ids = env.stored_ids().await;
    assert_eq!(ids, ["long", "corrected"]);
    let longest_title: i32 =
        sqlx::query_scalar("SELECT max(char_length(title)) FROM story_versions")
            .fetch_one(&env.pool)
            .await
            .expect("titles");
    assert!(longest_title as usize <= MAX_TITLE_CHARS, "{longest_title}");
    let longest_outlet: i32 = sqlx::query_scalar("SELECT max(char_length(outlet)) FROM sightings")
        .fetch_one(&env.pool)
        .await
        .expect("outlets");
    assert!(
        longest_outlet as usize <= MAX_LABEL_CHARS,
        "{longest_outlet}"
    );

    pipeline.stop().await;
    env.drop_database().await;
}
