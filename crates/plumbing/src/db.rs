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
        .connect_lazy_with(options.application_name("wirefeed")))
}

/// Runs pending migrations. Safe to call concurrently and repeatedly: sqlx
/// takes an advisory lock and skips applied migrations.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
