//! PostgreSQL TLS is a matter of configuration: `sslmode` in the URL.

use wirefeed_plumbing::settings::{redact_url, DatabaseSettings};

fn url_with(params: &str) -> String {
    let base = std::env::var("WIREFEED_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{params}")
}

async fn connection_uses_tls(url: String) -> Result<bool, sqlx::Error> {
    let pool = wirefeed_plumbing::db::pool(&DatabaseSettings {
        url,
        max_connections: 1,
        acquire_timeout_ms: 10_000,
        statement_timeout_ms: 60_000,
        lock_timeout_ms: 30_000,
    })?;
    let ssl: bool = sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    Ok(ssl)
}

#[tokio::test]
async fn sslmode_require_gives_an_encrypted_connection() {
    let url = url_with("sslmode=require");
    let ssl = connection_uses_tls(url.clone())
        .await
        .unwrap_or_else(|e| panic!("TLS connection to {}: {e}", redact_url(&url)));
    assert!(ssl, "the server reports the session as encrypted");
}

#[tokio::test]
async fn sslmode_disable_gives_a_plain_connection() {
    let ssl = connection_uses_tls(url_with("sslmode=disable"))
        .await
        .expect("plain connection");
    assert!(!ssl);
}

#[tokio::test]
async fn verify_full_refuses_a_server_certificate_it_cannot_verify() {
    // The CA given is not the one that signed the server's certificate, so
    // verification must fail: the connection is not silently downgraded.
    // (A self-signed certificate made for this test, 100 years valid.)
    let ca =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unrelated-ca.pem");
    let got = connection_uses_tls(url_with(&format!(
        "sslmode=verify-full&sslrootcert={}",
        ca.display()
    )))
    .await;
    assert!(
        got.is_err(),
        "connected despite an unverifiable certificate"
    );
}
