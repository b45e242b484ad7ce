use wirefeed_plumbing::app::{config_path, init_logging};
use wirefeed_plumbing::shutdown::{on_signals, Shutdown};
use wirefeed_plumbing::Settings;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings::load(
        wirefeed_deduplicator::service::SERVICE,
        config_path().as_deref(),
    )?;
    init_logging(&settings.log);
    tracing::info!(?settings, "starting deduplicator");
    let (trigger, shutdown) = Shutdown::new();
    on_signals(trigger);
    let app = wirefeed_deduplicator::service::build(&settings).await?;
    tracing::info!(ops = %app.ops_addr(), "operations endpoint listening");
    app.run_until_stopped(shutdown).await?;
    Ok(())
}
