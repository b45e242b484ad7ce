use wirefeed_normalizer::service::{build, SERVICE};

// Page normalization allocates and frees many small strings and tree nodes
// per page: mimalloc serves them in a fraction of glibc malloc's time
// (docs/measurements.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    wirefeed_normalizer::pages::prefer_small_pages();
    wirefeed_plumbing::app::serve(SERVICE, |settings| async move { build(&settings).await })
        .await?;
    Ok(())
}
