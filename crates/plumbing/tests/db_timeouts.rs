//! The pool sets the server's statement and lock timeouts on every
//! connection, and a statement cut off by them is a transient failure (the
//! stage retries it), never a dead letter.

use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::settings::DatabaseSettings;

fn settings(statement_ms: u64, lock_ms: u64) -> DatabaseSettings {
    DatabaseSettings {
        url: std::env::var("WIREFEED_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into()),
        max_connections: 2,
        acquire_timeout_ms: 10_000,
        statement_timeout_ms: statement_ms,
        lock_timeout_ms: lock_ms,
    }
}

#[tokio::test]
async fn a_statement_over_the_timeout_is_cancelled_and_retried() {
    let pool = wirefeed_plumbing::db::pool(&settings(200, 150)).expect("pool");
    let shown: (String, String) = sqlx::query_as(
        "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')",
    )
    .fetch_one(&pool)
    .await
    .expect("settings");
    assert_eq!(shown, ("200ms".to_string(), "150ms".to_string()));

    let err = sqlx::query("SELECT pg_sleep(5)")
        .execute(&pool)
        .await
        .expect_err("cancelled after 200 ms");
    let classified = classify_sqlx(&err);
    assert!(classified.is_transient(), "{classified:?}");

    // A lock held elsewhere: the waiter gives up after 150 ms.
    let mut holder = pool.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock(424242)")
        .execute(&mut *holder)
        .await
        .unwrap();
    let err = sqlx::query("SELECT pg_advisory_lock(424242)")
        .execute(&pool)
        .await
        .expect_err("lock wait cut off");
    assert!(classify_sqlx(&err).is_transient());
    holder.rollback().await.unwrap();
    pool.close().await;
}
