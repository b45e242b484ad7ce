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
    #[error("{0}")]
    Usage(String),
}

/// What `wirefeed-SERVICE --help` prints.
pub fn usage(service: &str) -> String {
    format!(
        "wirefeed-{service} {version}: the {service} stage of wirefeed.\n\
         \n\
         Usage: wirefeed-{service} [--config PATH]\n\
         \n\
         Runs until SIGTERM or SIGINT, then finishes what is in flight.\n\
         Settings: built-in defaults, then the TOML file (--config PATH or\n\
         WIREFEED_CONFIG), then WIREFEED__SECTION__KEY variables\n\
         (config/wirefeed.example.toml lists every one). Metrics and health:\n\
         http://LISTEN/metrics, /health/live, /health/ready.\n\
         \n\
         Options:\n\
         \x20 --config PATH  configuration file (TOML)\n\
         \x20 -h, --help     print this and exit\n\
         \x20 -V, --version  print the version and exit\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// The first argument a service does not take, if any.
fn unknown_argument(args: &[String]) -> Option<&str> {
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--config" => i += 2,
            a if a.starts_with("--config=") => i += 1,
            other => return Some(other),
        }
    }
    None
}

/// The whole life of a service binary: load settings, start logging, build
/// with `build`, run until SIGTERM/SIGINT, finish in-flight work.
pub async fn serve<H, F, Fut>(service: &'static str, build: F) -> Result<(), StartError>
where
    H: Handler,
    F: FnOnce(Settings) -> Fut,
    Fut: std::future::Future<Output = Result<StageApp<H>, AppError>>,
{
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{}", usage(service));
        return Ok(());
    }
    if args.iter().any(|a| a == "--version" || a == "-V") {
        println!("wirefeed-{service} {}", env!("CARGO_PKG_VERSION"));
        return Ok(());
    }
    if let Some(unknown) = unknown_argument(&args) {
        return Err(StartError::Usage(format!(
            "unknown argument {unknown:?}\n\n{}",
            usage(service)
        )));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_service_takes_only_its_config_file() {
        assert_eq!(unknown_argument(&args(&[])), None);
        assert_eq!(unknown_argument(&args(&["--config", "a.toml"])), None);
        assert_eq!(unknown_argument(&args(&["--config=a.toml"])), None);
        assert_eq!(
            unknown_argument(&args(&["--config", "a.toml", "--verbose"])),
            Some("--verbose")
        );
        assert_eq!(unknown_argument(&args(&["serve"])), Some("serve"));
        assert!(usage("normalizer").contains("Usage: wirefeed-normalizer [--config PATH]"));
    }
}
