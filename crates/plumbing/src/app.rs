//! The shape every service shares: build (bind the operations endpoint,
//! create the Kafka clients), then run until a shutdown signal.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use rdkafka::consumer::Consumer;

use crate::health::Health;
use crate::http::OpsServer;
use crate::settings::{LogSettings, Settings};
use crate::stage::{Handler, StageRunner};
use crate::{Metrics, Shutdown};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("cannot bind the operations endpoint: {0}")]
    Bind(#[from] std::io::Error),
    #[error("cannot create Kafka clients: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database: {0}")]
    Schema(#[from] crate::db::DbCheckError),
}

pub struct StageApp<H> {
    ops: OpsServer,
    runner: StageRunner<H>,
    grace: Duration,
}

impl<H: Handler> StageApp<H> {
    pub async fn build(
        settings: &Settings,
        input_topic: &str,
        handler: H,
        metrics: Metrics,
    ) -> Result<Self, AppError> {
        let health = Health::new(
            Duration::from_millis(settings.kafka.max_unassigned_ms),
            metrics.clone(),
        );
        let ops = OpsServer::bind(&settings.http.listen, metrics.clone(), health.clone()).await?;
        let runner = StageRunner::new(settings, input_topic, handler, metrics, health.clone())?;
        // Whether the broker answers now; librdkafka's statistics keep it
        // current from then on.
        let reachable = runner
            .consumer()
            .fetch_metadata(Some(input_topic), Duration::from_secs(5))
            .is_ok();
        health.set_broker_up(reachable);
        let grace = Duration::from_millis(settings.limits.shutdown_grace_ms);
        Ok(StageApp { ops, runner, grace })
    }

    /// Address of `/metrics` and the health endpoints (tests bind port 0).
    pub fn ops_addr(&self) -> SocketAddr {
        self.ops
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Runs until `shutdown` fires, then finishes in-flight work and
    /// commits, giving up after the grace period (uncommitted work is
    /// replayed by whoever consumes the partitions next).
    pub async fn run_until_stopped(self, shutdown: Shutdown) -> Result<(), AppError> {
        let ops = tokio::spawn(self.ops.serve(shutdown.clone()));
        let mut deadline = shutdown.clone();
        let grace = self.grace;
        tokio::select! {
            _ = self.runner.run(shutdown) => {}
            _ = async { deadline.wait().await; tokio::time::sleep(grace).await } => {
                tracing::warn!(grace_ms = grace.as_millis() as u64, "shutdown grace period over; exiting with work in flight");
            }
        }
        ops.await
            .map_err(|e| std::io::Error::other(e.to_string()))??;
        Ok(())
    }
}

/// Errors that stop a service from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    #[error(transparent)]
    App(#[from] AppError),
}

/// The whole life of a service binary: load settings, start logging, build
/// with `build`, run until SIGTERM/SIGINT, finish in-flight work.
pub async fn serve<H, F, Fut>(service: &'static str, build: F) -> Result<(), StartError>
where
    H: Handler,
    F: FnOnce(Settings) -> Fut,
    Fut: std::future::Future<Output = Result<StageApp<H>, AppError>>,
{
    let settings = Settings::load(service, config_path().as_deref())?;
    init_logging(&settings.log);
    tracing::info!(?settings, "starting {service}");
    let (trigger, shutdown) = Shutdown::new();
    crate::shutdown::on_signals(trigger);
    let app = build(settings).await?;
    tracing::info!(ops = %app.ops_addr(), "operations endpoint listening");
    app.run_until_stopped(shutdown).await?;
    Ok(())
}

/// The configuration file named by `--config PATH` or `WIREFEED_CONFIG`.
pub fn config_path() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--config=") {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os("WIREFEED_CONFIG").map(PathBuf::from)
}

/// Logs to stderr as text or JSON lines, filtered by `log.level` (or `RUST_LOG`).
pub fn init_logging(log: &LogSettings) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&log.level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if log.format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
