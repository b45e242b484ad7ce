//! Extraction speed on a fixed page set, so a regression shows as a number:
//!
//!     cargo bench -p wirefeed-normalizer --bench extract
//!
//! The pages are the 181 scrapinghub pages of `../shared/eval` (HTML, with
//! their URLs) and the seed text dump of `../shared/samples`. Measured:
//! `normalize` on each of eight fixed pages (every 23rd by name: small and
//! large, several sites), and on the whole set in one pass (throughput in
//! bytes); the raw message's parsing is outside the timing, as is the
//! process start.

use std::io::Read;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use wirefeed_model::RawMessage;
use wirefeed_normalizer::{normalize, Limits};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The scrapinghub pages as raw messages, sorted by name.
fn pages() -> Vec<(String, RawMessage)> {
    let dir = shared().join("eval/scrapinghub");
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("ground-truth.json")).expect("../shared/eval/scrapinghub"),
    )
    .expect("ground truth JSON");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .expect("html pages")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".html.gz", "");
            let mut html = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                .read_to_string(&mut html)
                .unwrap_or_else(|_| {
                    // A page that is not UTF-8: read as the service would
                    // receive it from a scraper, with replacement characters.
                    let mut bytes = Vec::new();
                    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                        .read_to_end(&mut bytes)
                        .unwrap();
                    html = String::from_utf8_lossy(&bytes).into_owned();
                    0
                });
            let url = truth[&name]["url"]
                .as_str()
                .unwrap_or("https://example.org/page");
            let raw = serde_json::json!({"url": url, "body": html, "content_type": "text/html"});
            let message = RawMessage::parse(raw.to_string().as_bytes(), usize::MAX).expect("raw");
            (name, message)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let pages = pages();
    let mut each = c.benchmark_group("page");
    for (name, page) in pages.iter().step_by(23) {
        each.throughput(Throughput::Bytes(page.body.len() as u64));
        each.bench_function(&name[..12], |b| b.iter(|| normalize(page, &limits)));
    }
    let sample = std::fs::read(shared().join("samples/joongang-trilateral-diplomats.raw.json"))
        .expect("../shared/samples");
    let dump = RawMessage::parse(&sample, usize::MAX).expect("sample");
    each.throughput(Throughput::Bytes(dump.body.len() as u64));
    each.bench_function("text-dump-sample", |b| b.iter(|| normalize(&dump, &limits)));
    each.finish();

    let mut all = c.benchmark_group("scrapinghub");
    all.sample_size(10);
    all.throughput(Throughput::Bytes(
        pages.iter().map(|(_, p)| p.body.len() as u64).sum(),
    ));
    all.bench_function("181 pages", |b| {
        b.iter_batched(
            || (),
            |()| {
                for (_, page) in &pages {
                    let _ = normalize(page, &limits);
                }
            },
            BatchSize::PerIteration,
        )
    });
    all.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
