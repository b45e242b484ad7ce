//! `wirefeed bench persist`: stories/s the persister writes (each with its
//! sighting and version), beside what a user would otherwise run and the
//! database's own limit, on the same rows in the same run:
//!
//! - ours: `persist_batch`, the persister's batched write;
//! - baseline: row-at-a-time INSERTs with a commit per message (`persist`,
//!   what the persister does without batching, and what a naive sink does);
//! - limit: `COPY` of the very rows ours stored into unindexed tables.

use std::time::Instant;

use chrono::Utc;
use futures::TryStreamExt;
use serde_json::{json, Map};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_model::{
    Article, Author, Caption, Decision, DedupedMessage, Paragraph, RawRef, Verdict, SCHEMA_VERSION,
};
use wirefeed_persister::store::{persist, persist_batch};

/// The tables a message's rows go to.
const TABLES: [&str; 3] = ["stories", "story_versions", "sightings"];

/// A fresh, migrated database on `server` named `name` (dropped first).
pub async fn fresh_database(server: &str, name: &str) -> anyhow::Result<PgPool> {
    let admin = PgPool::connect(&format!("{server}/postgres")).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(&admin)
        .await?;
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&admin)
        .await?;
    admin.close().await;
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect(&format!("{server}/{name}"))
        .await?;
    wirefeed_plumbing::db::migrate(&pool).await?;
    Ok(pool)
}

pub async fn drop_database(server: &str, pool: PgPool, name: &str) -> anyhow::Result<()> {
    pool.close().await;
    let admin = PgPool::connect(&format!("{server}/postgres")).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(&admin)
        .await?;
    Ok(())
}

/// `n` distinct new stories of about 600 words in 12 paragraphs, with two
/// authors and a caption: the size of a typical news article.
fn messages(n: usize) -> Vec<DedupedMessage> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut word = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        format!("w{}", x % 40_000)
    };
    (0..n)
        .map(|i| {
            let paragraphs: Vec<Paragraph> = (0..12)
                .map(|_| Paragraph {
                    text: (0..50).map(|_| word()).collect::<Vec<_>>().join(" "),
                    subhead: false,
                })
                .collect();
            let body = paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            let identity = format!("https://bench.example/news/{i}");
            let story = Uuid::new_v4();
            DedupedMessage {
                schema_version: SCHEMA_VERSION,
                raw: RawRef {
                    topic: "articles.raw".into(),
                    partition: (i % 3) as i32,
                    offset: i as i64,
                    digest: String::new(),
                    url: identity.clone(),
                    id: Some(format!("scrape-{i}")),
                    source: Some("bench.example".into()),
                    fetched_at: Some(Utc::now()),
                    extra: Map::new(),
                    reprocess: None,
                },
                article: Article {
                    identity: identity.clone(),
                    canonical_url: identity,
                    title: format!("Headline number {i} about the day's events"),
                    section: vec!["World".into()],
                    authors: vec![
                        Author {
                            name: "Jane Doe".into(),
                            email: Some("jane@bench.example".into()),
                        },
                        Author {
                            name: "John Roe".into(),
                            email: None,
                        },
                    ],
                    dateline: Some("SEOUL (Yonhap) —".into()),
                    published_at: Some(Utc::now().fixed_offset()),
                    body_hash: wirefeed_normalizer::extract::body_hash(&body),
                    word_count: 600,
                    body,
                    paragraphs,
                    captions: vec![Caption {
                        text: "A caption under the photo".into(),
                        credit: Some("Yonhap".into()),
                    }],
                    keywords: vec!["news".into(), "world".into()],
                    language: Some("en".into()),
                    format: "html".into(),
                    confidence: 0.9,
                    ..Default::default()
                },
                decision: Decision {
                    verdict: Verdict::New,
                    story_id: story,
                    cluster_id: story,
                    version: 1,
                    current: true,
                    similarity: None,
                    duplicate_of: None,
                    cluster_changed: false,
                    decided_at: Utc::now(),
                },
            }
        })
        .collect()
}

/// Runs the three contenders on the same `rows` messages; prints one JSON
/// object with their stories/s and the ratios.
pub async fn run(rows: usize, batch: usize, server: &str) -> anyhow::Result<()> {
    let msgs = messages(rows);
    let batch = batch.max(1);

    let ours_db = "wirefeed_bench_persist_ours";
    let ours = fresh_database(server, ours_db).await?;
    let started = Instant::now();
    for chunk in msgs.chunks(batch) {
        let refs: Vec<&DedupedMessage> = chunk.iter().collect();
        persist_batch(&ours, &refs)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let ours_secs = started.elapsed().as_secs_f64();

    let naive_db = "wirefeed_bench_persist_row_at_a_time";
    let naive = fresh_database(server, naive_db).await?;
    let started = Instant::now();
    for msg in &msgs {
        persist(&naive, msg)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let naive_secs = started.elapsed().as_secs_f64();
    drop_database(server, naive, naive_db).await?;

    // The limit: the same rows, as the persister stored them, copied into
    // tables with the same columns (generated ones computed, as for ours)
    // and no index, key or constraint.
    let mut csv = Vec::new();
    let mut conn = ours.acquire().await?;
    for table in TABLES {
        let mut out = Vec::new();
        let mut stream = conn
            .copy_out_raw(&format!("COPY {table} TO STDOUT (FORMAT csv)"))
            .await?;
        while let Some(chunk) = stream.try_next().await? {
            out.extend_from_slice(&chunk);
        }
        drop(stream);
        csv.push(out);
    }
    drop(conn);
    let copy_db = "wirefeed_bench_persist_copy";
    let copy = fresh_database(server, copy_db).await?;
    for table in TABLES {
        sqlx::query(&format!(
            "CREATE TABLE copy_{table} (LIKE {table} INCLUDING GENERATED)"
        ))
        .execute(&copy)
        .await?;
    }
    let mut conn = copy.acquire().await?;
    let started = Instant::now();
    for (table, data) in TABLES.iter().zip(&csv) {
        let mut sink = conn
            .copy_in_raw(&format!("COPY copy_{table} FROM STDIN (FORMAT csv)"))
            .await?;
        sink.send(data.as_slice()).await?;
        sink.finish().await?;
    }
    let copy_secs = started.elapsed().as_secs_f64();
    drop(conn);
    drop_database(server, copy, copy_db).await?;
    drop_database(server, ours, ours_db).await?;

    let per_s = |secs: f64| (rows as f64 / secs).round();
    let mb: f64 = csv.iter().map(|c| c.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{}",
        json!({
            "stories": rows,
            "batch": batch,
            "csv_megabytes": (mb * 10.0).round() / 10.0,
            "ours_stories_per_s": per_s(ours_secs),
            "row_at_a_time_stories_per_s": per_s(naive_secs),
            "copy_stories_per_s": per_s(copy_secs),
            "ours_vs_copy": ((copy_secs / ours_secs) * 1000.0).round() / 1000.0,
            "ours_vs_row_at_a_time": ((naive_secs / ours_secs) * 10.0).round() / 10.0,
        })
    );
    Ok(())
}
