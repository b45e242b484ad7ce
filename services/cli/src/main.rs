//! `wirefeed`: the command-line tool for people running the pipeline.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use wirefeed_cli::{bench, dedup_eval, dlq, normalize, produce, prune, reprocess, topics};
use wirefeed_plumbing::Settings;

// Page normalization allocates and frees many small strings and tree nodes
// per page: mimalloc serves them in a fraction of glibc malloc's time
// (docs/measurements.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "wirefeed",
    version,
    about = "Streaming ingestion of news wire stories"
)]
struct Cli {
    /// Configuration file (TOML); `WIREFEED__…` variables override it.
    #[arg(long, global = true, env = "WIREFEED_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Publish pages to the raw topic: JSON Lines, JSON messages, or page files (.html, .txt).
    Produce(produce::Args),
    /// Normalize raw messages offline: JSON Lines on stdin, one article (or error) per line on stdout.
    Normalize(normalize::Args),
    /// Stage benchmarks (single core, in process).
    #[command(subcommand)]
    Bench(bench::Command),
    /// The duplicate test offline: precision and recall on a labelled pair set, or clusters of normalized articles.
    DedupEval(dedup_eval::Args),
    /// Apply the database migrations.
    Migrate,
    /// Create the pipeline's topics (those that exist are left as they are).
    Topics(topics::Args),
    /// List dead letters, or replay some to the raw topic.
    #[command(subcommand)]
    Dlq(dlq::Command),
    /// Extract archived raw pages again; publish a new version of each story whose article changed.
    Reprocess(reprocess::Args),
    /// Delete what is older than the [retention] settings (archived pages, old clusters).
    Prune,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Normalizing, offline or benchmarked, runs as the service does.
    wirefeed_normalizer::pages::prefer_small_pages();
    let cli = Cli::parse();
    let settings = Settings::load("cli", cli.config.as_deref())?;
    if !matches!(
        cli.command,
        Command::Normalize(_) | Command::DedupEval(_) | Command::Bench(_)
    ) {
        wirefeed_plumbing::app::init_logging(&wirefeed_plumbing::settings::LogSettings {
            format: settings.log.format.clone(),
            level: "warn".into(),
        });
    }
    match cli.command {
        Command::Produce(args) => produce::run(&settings, args).await,
        Command::Normalize(args) => normalize::run(&settings, args),
        Command::Migrate => {
            let pool = wirefeed_plumbing::db::pool(&settings.database)?;
            wirefeed_plumbing::db::migrate(&pool).await?;
            eprintln!("migrations applied");
            Ok(())
        }
        Command::Dlq(cmd) => dlq::run(&settings, cmd).await,
        Command::Topics(args) => topics::run(&settings, args).await,
        Command::DedupEval(args) => dedup_eval::run(&settings, args),
        Command::Bench(cmd) => bench::run(cmd).await,
        Command::Reprocess(args) => reprocess::run(&settings, args).await,
        Command::Prune => {
            let pool = wirefeed_plumbing::db::pool(&settings.database)?;
            wirefeed_plumbing::db::check(&pool).await?;
            let report = prune::prune(&pool, &settings.retention, chrono::Utc::now()).await?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
    }
}
