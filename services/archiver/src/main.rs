use wirefeed_archiver::service::{build, SERVICE};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    wirefeed_plumbing::app::serve(SERVICE, |settings| async move { build(&settings).await })
        .await?;
    Ok(())
}
