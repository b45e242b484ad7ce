//! `wirefeed bench`: in-process stage benchmarks on one core.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use serde_json::json;
use wirefeed_model::RawMessage;
use wirefeed_normalizer::{normalize, Limits};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Normalize raw messages (JSON Lines) RUNS times; report the median
    /// pages/s and MB/s of the normalizer and of the HTML parser alone.
    Normalize {
        raw: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Deduplication decisions per second against PostgreSQL holding STORIES
    /// stored stories (loaded into a fresh database named by --database).
    Dedup {
        #[arg(long, default_value_t = 10_000)]
        stories: usize,
        #[arg(long, default_value_t = 2_000)]
        decisions: usize,
        /// Decisions per transaction, as `limits.max_batch_messages`
        /// (1: one transaction per decision).
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// PostgreSQL server URL without a database name.
        #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
        server: String,
    },
    /// Stories/s written with their sightings and versions: the persister's
    /// batched write vs row-at-a-time INSERTs vs COPY of the same rows.
    Persist {
        #[arg(long, default_value_t = 5_000)]
        rows: usize,
        /// Messages per transaction, as `limits.max_batch_messages`.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// PostgreSQL server URL without a database name.
        #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
        server: String,
    },
}

pub async fn run(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Normalize { raw, runs } => bench_normalize(&raw, runs),
        Command::Dedup {
            stories,
            decisions,
            batch,
            server,
        } => bench_dedup(stories, decisions, batch, &server).await,
        Command::Persist {
            rows,
            batch,
            server,
        } => crate::bench_persist::run(rows, batch, &server).await,
    }
}

/// Loads `stories` distinct stories straight into the deduplicator's tables
/// (random signatures: distinct stories share no bands, as real ones do not),
/// then times `decisions` decisions through the service's own
/// `decide_batch`, `batch` per transaction: a mix of new stories,
/// re-scrapes and near-duplicate copies.
async fn bench_dedup(
    stories: usize,
    decisions: usize,
    batch: usize,
    server: &str,
) -> anyhow::Result<()> {
    use wirefeed_deduplicator::fingerprint::{
        band_keys, Rules, Signature, LEAD_BANDS, PERMUTATIONS,
    };
    use wirefeed_deduplicator::{decide_batch, story_id, Fingerprint, Pending};
    use wirefeed_model::Article;

    let database = format!("wirefeed_bench_dedup_{stories}");
    let pool = crate::bench_persist::fresh_database(server, &database).await?;

    let load_started = Instant::now();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for chunk_start in (0..stories).step_by(5000) {
        let n = 5000.min(stories - chunk_start);
        let (mut ids, mut identities, mut hashes, mut sigs) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut band_story, mut bands) = (Vec::new(), Vec::new());
        for i in chunk_start..chunk_start + n {
            let identity = format!("https://bench.example/story/{i}");
            let id = story_id(&identity);
            // A sketch as the service stores it: the minima, then the
            // shingle count; full-text bands and lead bands.
            let mut sig = Signature((0..PERMUTATIONS).map(|_| next() as i32).collect());
            sig.0.push(297);
            let lead = (0..LEAD_BANDS).map(|_| next() as i64);
            for b in band_keys(&sig).into_iter().chain(lead) {
                band_story.push(id);
                bands.push(b);
            }
            ids.push(id);
            identities.push(identity);
            hashes.push(format!("{:064x}", i));
            sigs.push(
                serde_json::to_string(&sig.0)?
                    .replace('[', "{")
                    .replace(']', "}"),
            );
        }
        sqlx::query(
            "INSERT INTO dedup_stories (story_id, identity, cluster_id, version, body_hash, signature)
             SELECT id, ident, id, 1, h, s::integer[] FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, ident, h, s)",
        )
        .bind(&ids).bind(&identities).bind(&hashes).bind(&sigs)
        .execute(&pool).await?;
        sqlx::query("INSERT INTO dedup_versions (story_id, body_hash, version) SELECT id, h, 1 FROM unnest($1::uuid[], $2::text[]) AS t(id, h)")
            .bind(&ids).bind(&hashes).execute(&pool).await?;
        sqlx::query("INSERT INTO dedup_bands (band, story_id) SELECT b, id FROM unnest($1::bigint[], $2::uuid[]) AS t(b, id)")
            .bind(&bands).bind(&band_story).execute(&pool).await?;
    }
    sqlx::query("ANALYZE").execute(&pool).await?;
    let load_secs = load_started.elapsed().as_secs_f64();

    // Texts for the decisions: distinct made-up stories of ~300 words.
    let mut text = || -> String {
        (0..300)
            .map(|_| format!("w{}", next() % 50_000))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut articles = Vec::with_capacity(decisions);
    for i in 0..decisions {
        let body = match i % 4 {
            // a copy of the previous new story, lightly edited, or every
            // other time cut to its first 55%: near duplicates
            3 => {
                let prev: &Article = &articles[i - 1];
                if i % 8 == 3 {
                    format!("SEOUL (Yonhap) — {} Reporting by Jane Doe.", prev.body)
                } else {
                    let words: Vec<&str> = prev.body.split(' ').collect();
                    words[..words.len() * 55 / 100].join(" ")
                }
            }
            _ => text(),
        };
        // Every page from an outlet of its own: copies are judged on their
        // text, as copies from other sites are.
        let identity = format!("https://outlet{i}.example/story");
        articles.push(Article {
            identity: identity.clone(),
            canonical_url: identity,
            body_hash: wirefeed_normalizer::extract::body_hash(&body),
            word_count: 300,
            body,
            title: "t".into(),
            format: "text".into(),
            ..Default::default()
        });
    }
    let prints: Vec<Fingerprint> = articles.iter().map(Fingerprint::of).collect();
    // Every fifth decision re-scrapes an earlier page: same identity, same text.
    let keys: Vec<String> = (0..decisions).map(|i| format!("bench/0/{i}")).collect();
    let pending: Vec<Pending<'_>> = (0..decisions)
        .map(|i| {
            let j = if i % 5 == 4 { i - 2 } else { i };
            Pending {
                sighting_key: &keys[i],
                article: &articles[j],
                fingerprint: &prints[j],
            }
        })
        .collect();
    let started = Instant::now();
    let mut verdicts = std::collections::BTreeMap::<&str, usize>::new();
    for chunk in pending.chunks(batch.max(1)) {
        for d in decide_batch(&pool, chunk, &Rules::default())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            *verdicts.entry(d.verdict.as_str()).or_default() += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({
            "stored_stories": stories,
            "load_seconds": (load_secs * 10.0).round() / 10.0,
            "decisions": decisions,
            "batch": batch,
            "decisions_per_s": (decisions as f64 / secs).round(),
            "verdicts": verdicts,
        })
    );
    crate::bench_persist::drop_database(server, pool, &database).await
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn bench_normalize(path: &PathBuf, runs: usize) -> anyhow::Result<()> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut pages = Vec::new();
    for line in file.lines() {
        let line = line?;
        if let Ok(raw) = RawMessage::parse(line.as_bytes(), usize::MAX) {
            pages.push(raw);
        }
    }
    let bytes: usize = pages.iter().map(|p| p.body.len()).sum();
    // What holding the pages costs, apart from normalizing them.
    let loaded_rss = memory_mb("VmRSS:");
    let limits = Limits::default();
    let (mut ours, mut parse_only) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let mut ok = 0usize;
        for p in &pages {
            ok += normalize(p, &limits).is_ok() as usize;
        }
        ours.push(started.elapsed().as_secs_f64());
        std::hint::black_box(ok);

        let started = Instant::now();
        for p in &pages {
            std::hint::black_box(wirefeed_normalizer::extract::formats::html::tree::parse(
                &p.body,
            ));
        }
        parse_only.push(started.elapsed().as_secs_f64());
    }
    let (t_ours, t_parse) = (median(ours), median(parse_only));
    let n = pages.len() as f64;
    let mb = bytes as f64 / 1e6;
    println!(
        "{}",
        json!({
            "pages": pages.len(),
            "megabytes": (mb * 100.0).round() / 100.0,
            "runs": runs,
            "normalize_pages_per_s": (n / t_ours).round(),
            "normalize_mb_per_s": ((mb / t_ours) * 10.0).round() / 10.0,
            "html_parse_only_pages_per_s": (n / t_parse).round(),
            "html_parse_only_mb_per_s": ((mb / t_parse) * 10.0).round() / 10.0,
            "rss_with_pages_loaded_mb": loaded_rss,
            "peak_rss_mb": memory_mb("VmHWM:"),
        })
    );
    Ok(())
}

/// A memory figure of this process from /proc/self/status (`VmRSS:` now,
/// `VmHWM:` its peak), in MB; None where the system has no such file.
fn memory_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}
