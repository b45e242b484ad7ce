//! The PostgreSQL pool and the embedded migrations.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

use crate::settings::{redact_url, DatabaseSettings};

/// The schema migrations under `migrations/`, embedded in every binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// A pool that connects lazily: a database that is down at start-up is a
/// transient failure handled by the retry loop, not a crash.
pub fn pool(settings: &DatabaseSettings) -> Result<PgPool, sqlx::Error> {
    let options: PgConnectOptions = settings.url.parse()?;
    tracing::info!(url = %redact_url(&settings.url), "database pool configured");
    Ok(PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(Duration::from_millis(settings.acquire_timeout_ms))
        .connect_lazy_with(
            options
                .application_name("wirefeed")
                // A stuck statement or lock wait turns into an error the
                // stage retries, instead of a partition that never moves.
                .options([
                    (
                        "statement_timeout",
                        format!("{}ms", settings.statement_timeout_ms),
                    ),
                    ("lock_timeout", format!("{}ms", settings.lock_timeout_ms)),
                ]),
        ))
}

/// Runs pending migrations. Safe to call concurrently and repeatedly: sqlx
/// takes an advisory lock and skips applied migrations.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}

/// The newest migration this build embeds.
pub fn expected_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Why the database cannot serve this build.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DbCheckError {
    /// Down or unreachable for now: wait for it.
    #[error("database unreachable: {0}")]
    Unreachable(String),
    /// Reachable, but not migrated to this build's schema: a service must
    /// not run against it (`wirefeed migrate` brings it up to date).
    #[error("{0}")]
    Schema(String),
}

/// Checks the database answers and carries this build's schema (or a
/// newer one). Services check it at start and for `/health/ready`.
pub async fn check(pool: &PgPool) -> Result<(), DbCheckError> {
    let applied: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.code().as_deref() == Some("42P01") => {
                    DbCheckError::Schema(
                        "the database has no wirefeed schema: run `wirefeed migrate`".into(),
                    )
                }
                _ => DbCheckError::Unreachable(e.to_string()),
            })?;
    let expected = expected_schema_version();
    match applied {
        Some(v) if v >= expected => Ok(()),
        applied => Err(DbCheckError::Schema(format!(
            "the database schema is at migration {}, this build needs {expected}: run `wirefeed migrate`",
            applied.unwrap_or(0)
        ))),
    }
}

/// The start-up check of a service that writes to the database: refuses an
/// outdated schema; a database that is down is waited for by the stage loop.
pub async fn check_at_start(pool: &PgPool) -> Result<(), DbCheckError> {
    match check(pool).await {
        Err(DbCheckError::Unreachable(reason)) => {
            tracing::warn!(%reason, "database unreachable at start; waiting for it");
            Ok(())
        }
        other => other,
    }
}
