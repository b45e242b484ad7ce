//! Raw pages are archived as they arrive; `wirefeed reprocess` extracts
//! them again and records a new version of each story whose stored article
//! differs (here: stored by "an older extractor", simulated by editing the
//! stored rows), selected by story or outlet, once however often it runs;
//! `wirefeed prune` then applies the retention settings.

use wirefeed_cli::prune::{prune, PruneReport};
use wirefeed_cli::reprocess::{reprocess, Report, Selection};
use wirefeed_plumbing::settings::RetentionSettings;
use wirefeed_tests::*;

const SAMPLE_URL: &str =
    "https://koreajoongangdaily.joins.com/news/national/diplomacy/trilateral-diplomats-apec";

/// Makes a story's stored current version look like an older extractor's:
/// another headline and no byline, in the history and the story row.
async fn store_as_older_extractor(env: &TestEnv, story: uuid::Uuid) {
    sqlx::query(
        "UPDATE story_versions v SET title = 'Old headline',
             article = jsonb_set(jsonb_set(article, '{title}', '\"Old headline\"'), '{authors}', '[]')
         FROM stories s WHERE v.story_id = s.story_id AND v.version = s.version AND s.story_id = $1",
    )
    .bind(story)
    .execute(&env.pool)
    .await
    .expect("edit the stored version");
    sqlx::query(
        "UPDATE stories SET title = 'Old headline', authors = '[]', author_names = '{}' WHERE story_id = $1",
    )
    .bind(story)
    .execute(&env.pool)
    .await
    .expect("edit the story row");
}

async fn story_of(env: &TestEnv, url: &str) -> uuid::Uuid {
    sqlx::query_scalar("SELECT story_id FROM stories WHERE canonical_url = $1")
        .bind(url)
        .fetch_one(&env.pool)
        .await
        .expect("stored story")
}

async fn run(env: &TestEnv, selection: Selection) -> Report {
    reprocess(&env.settings, &env.pool, &selection, false, || {})
        .await
        .expect("reprocess")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reprocess_records_a_new_version_where_extraction_changed_and_only_once() {
    let env = TestEnv::new("reprocess").await;
    let pipeline = Pipeline::start(&env).await;
    let producer = env.producer();
    let sample = std::fs::read(shared_dir().join("samples/joongang-trilateral-diplomats.raw.json"))
        .expect("sample");
    env.publish_raw(&producer, Some("sample"), &sample).await;
    for i in 0..2 {
        let page = synthetic_text_dump("a.example", i);
        env.publish_raw(&producer, Some(&format!("a{i}")), &page)
            .await;
    }
    env.publish_raw(&producer, Some("b0"), &synthetic_text_dump("b.example", 7))
        .await;
    env.wait_for_count("SELECT count(*) FROM stories", 4).await;
    env.wait_for_count("SELECT count(*) FROM raw_pages", 4)
        .await;
    pipeline
        .archiver
        .wait_for_metric("wirefeed_raw_pages_archived_total", "stored", 4.0)
        .await;

    let sample_story = story_of(&env, SAMPLE_URL).await;
    let a0 = story_of(&env, "https://a.example/story-0").await;
    let (title, authors): (String, Vec<String>) =
        sqlx::query_as("SELECT title, author_names FROM stories WHERE story_id = $1")
            .bind(sample_story)
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!(authors, ["Esther Chung"]);
    store_as_older_extractor(&env, sample_story).await;
    store_as_older_extractor(&env, a0).await;

    // By outlet: a.example's two stories are read, the edited one changed.
    let report = run(
        &env,
        Selection {
            outlet: Some("a.example".into()),
            ..Selection::default()
        },
    )
    .await;
    assert_eq!(
        report,
        Report {
            selected: 2,
            changed: 1,
            unchanged: 1,
            ..Report::default()
        }
    );
    env.wait_for_count(
        &format!("SELECT count(*) FROM stories WHERE story_id = '{a0}' AND version = 2"),
        1,
    )
    .await;

    // By story.
    let report = run(
        &env,
        Selection {
            story: Some(sample_story),
            ..Selection::default()
        },
    )
    .await;
    assert_eq!((report.selected, report.changed), (1, 1));
    env.wait_for_count(
        &format!("SELECT count(*) FROM stories WHERE story_id = '{sample_story}' AND version = 2"),
        1,
    )
    .await;
    let (now_title, now_authors): (String, Vec<String>) =
        sqlx::query_as("SELECT title, author_names FROM stories WHERE story_id = $1")
            .bind(sample_story)
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!(
        (now_title, now_authors),
        (title, vec!["Esther Chung".into()])
    );

    // Everything again, twice: nothing differs any more, nothing is added.
    for _ in 0..2 {
        let report = run(&env, Selection::default()).await;
        assert_eq!(
            report,
            Report {
                selected: 4,
                unchanged: 4,
                ..Report::default()
            }
        );
    }
    // Each edited story has its old and its new version; the new one's
    // sighting says what it is, and no outlet is counted twice for it.
    assert_eq!(env.count("SELECT count(*) FROM story_versions").await, 6);
    assert_eq!(
        env.count("SELECT count(*) FROM sightings WHERE verdict = 'reprocessed'")
            .await,
        2
    );
    assert_eq!(
        env.count(&format!(
            "SELECT sightings FROM story_outlets WHERE story_id = '{sample_story}'"
        ))
        .await,
        1
    );
    pipeline
        .deduplicator
        .wait_for_metric("wirefeed_dedup_verdicts_total", "reprocessed", 2.0)
        .await;
    // Raw pages stay one each: the new extractions read them, add none.
    assert_eq!(env.count("SELECT count(*) FROM raw_pages").await, 4);
    pipeline.stop().await;

    // Retention. Clusters go by when their pages were fetched: the sample
    // was fetched in 2023, so its cluster (story, both versions, both
    // sightings) is past 7 days already; the synthetic pages carry no fetch
    // time (seen when decided, today), and the archive is a day old.
    let retention = RetentionSettings {
        raw_pages_days: 7,
        stories_days: 7,
    };
    let now = chrono::Utc::now();
    let report = prune(&env.pool, &retention, now).await.expect("prune");
    assert_eq!(
        report,
        PruneReport {
            raw_pages: 0,
            clusters: 1,
            stories: 1,
            sightings: 2,
        }
    );
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM dedup_stories WHERE story_id = '{sample_story}'"
        ))
        .await,
        0
    );
    assert_eq!(env.count("SELECT count(*) FROM stories").await, 3);
    // A month later, everything is.
    let report = prune(&env.pool, &retention, now + chrono::Duration::days(30))
        .await
        .expect("prune");
    assert_eq!(
        report,
        PruneReport {
            raw_pages: 4,
            clusters: 3,
            stories: 3,
            sightings: 4,
        }
    );
    for table in [
        "stories",
        "story_versions",
        "sightings",
        "raw_pages",
        "dedup_stories",
        "dedup_versions",
        "dedup_bands",
        "dedup_decisions",
    ] {
        assert_eq!(
            env.count(&format!("SELECT count(*) FROM {table}")).await,
            0,
            "{table} after pruning"
        );
    }
    env.drop_database().await;
}
