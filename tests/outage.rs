//! A database outage pauses the persister and retries; nothing is
//! dead-lettered and nothing is lost.

use std::net::SocketAddr;

use wirefeed_tests::proxy::CuttableProxy;
use wirefeed_tests::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_pauses_and_resumes_without_loss() {
    let env = TestEnv::new("outage").await;
    let db_addr: SocketAddr = {
        let url = admin_database_url();
        let hostport = url
            .split('@')
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or("127.0.0.1:5432")
            .to_string();
        tokio::net::lookup_host(hostport)
            .await
            .expect("database host")
            .next()
            .expect("an address")
    };
    let proxy = CuttableProxy::start(db_addr).await;

    let mut persister_settings = env.service_settings("persister", "");
    let database = env
        .settings
        .database
        .url
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    persister_settings.database.url = format!("postgres://postgres@{}/{database}", proxy.addr);
    persister_settings.database.acquire_timeout_ms = 500;

    let normalizer = start_normalizer(&env.service_settings("normalizer", "")).await;
    let deduplicator = start_deduplicator(&env.service_settings("deduplicator", "")).await;
    let persister = start_persister(&persister_settings).await;
    let producer = env.producer();

    proxy.cut();
    let sample = std::fs::read(shared_dir().join("samples/joongang-trilateral-diplomats.raw.json"))
        .expect("sample");
    env.publish_raw(&producer, Some("sample"), &sample).await;
    // The persister meets the outage and retries instead of dead-lettering.
    persister
        .wait_for_metric(
            "wirefeed_transient_errors_total",
            "database_unavailable",
            2.0,
        )
        .await;
    assert_eq!(env.count("SELECT count(*) FROM sightings").await, 0);
    assert_eq!(
        persister
            .metric("wirefeed_messages_dead_lettered_total", "")
            .await,
        0.0
    );
    persister
        .wait_for_readiness(false, "database_unavailable")
        .await;

    proxy.restore();
    env.wait_for_count("SELECT count(*) FROM sightings", 1)
        .await;
    persister.wait_for_readiness(true, "ready").await;
    assert_eq!(env.count("SELECT count(*) FROM stories").await, 1);
    assert!(env.dead_letters().is_empty());

    for service in [normalizer, deduplicator, persister] {
        service.stop().await;
    }
    env.drop_database().await;
}

/// A table the persister cannot write (dropped, renamed, or its privilege
/// revoked by mistake) is an outage of the database, not bad input: the
/// persister pauses, says so, and stores everything once it is mended.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_table_pauses_the_persister_instead_of_dead_lettering() {
    let env = TestEnv::new("misconfigured").await;
    let pipeline = Pipeline::start(&env).await;
    let persister = &pipeline.persister;
    let producer = env.producer();

    sqlx::query("ALTER TABLE sightings RENAME TO sightings_elsewhere")
        .execute(&env.pool)
        .await
        .expect("rename");
    const PAGES: usize = 5;
    for i in 0..PAGES {
        let page = synthetic_text_dump("misconfigured.example", i);
        env.publish_raw(&producer, None, &page).await;
    }
    persister
        .wait_for_metric(
            "wirefeed_transient_errors_total",
            "database_misconfigured",
            2.0,
        )
        .await;
    persister
        .wait_for_readiness(false, "database_misconfigured")
        .await;
    assert_eq!(
        persister
            .metric("wirefeed_messages_dead_lettered_total", "")
            .await,
        0.0
    );

    sqlx::query("ALTER TABLE sightings_elsewhere RENAME TO sightings")
        .execute(&env.pool)
        .await
        .expect("rename back");
    env.wait_for_count("SELECT count(*) FROM sightings", PAGES as i64)
        .await;
    let mut ids = env.stored_ids().await;
    ids.sort();
    assert_eq!(ids, (0..PAGES).map(|i| i.to_string()).collect::<Vec<_>>());
    assert!(env.dead_letters().is_empty());
    persister.wait_for_readiness(true, "ready").await;

    pipeline.stop().await;
    env.drop_database().await;
}
