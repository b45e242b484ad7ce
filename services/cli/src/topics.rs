//! `wirefeed topics`: create the pipeline's topics on the configured broker.

use wirefeed_plumbing::{kafka, Settings};

#[derive(clap::Args)]
pub struct Args {
    /// Partitions of each topic: the most replicas of one service that can
    /// share the work.
    #[arg(long, default_value_t = 3)]
    pub partitions: i32,
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    let topics = kafka::pipeline_topics(settings);
    let report = kafka::create_topics(settings, &topics, args.partitions).await?;
    for t in &report.created {
        eprintln!("created {t} ({} partitions)", args.partitions);
    }
    for t in &report.existing {
        eprintln!("{t} exists; left as it is");
    }
    Ok(())
}
