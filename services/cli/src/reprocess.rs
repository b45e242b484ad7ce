//! `wirefeed reprocess`: extracts archived raw pages again with this
//! build's extractor and records a new story version where the result
//! differs from what is stored.
//!
//! For each selected story it takes the archived page behind the story's
//! current version, extracts it as the normalizer would (same code, same
//! deadline), and compares the article with the stored one. A different
//! article goes to the normalized topic marked as a new extraction
//! (`RawRef::reprocess`), keyed like the story's other messages, so the
//! deduplicator numbers the version (`reprocessed`) and the persister
//! writes it: versions are only ever numbered in one place. Idempotent: a
//! second run finds the stored article equal to its extraction; a replayed
//! message has the same sighting key and adds nothing.

use std::time::Duration;

use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use sqlx::{PgPool, Row};
use uuid::Uuid;
use wirefeed_model::{story_key, Article, RawRef, Reprocess};
use wirefeed_normalizer::extraction_thread::ExtractionThread;
use wirefeed_normalizer::service::{limits_from, process_raw};
use wirefeed_plumbing::events::Origin;
use wirefeed_plumbing::{db, kafka, Settings};

#[derive(clap::Args)]
pub struct Args {
    /// Only stories seen (fetched) at or after this time (RFC 3339, or a date: 2026-12-01).
    #[arg(long, value_parser = parse_time)]
    since: Option<DateTime<Utc>>,
    /// Only stories this outlet ran (sightings.outlet).
    #[arg(long)]
    outlet: Option<String>,
    /// Only this story (stories.story_id).
    #[arg(long)]
    story: Option<Uuid>,
    /// Extract and compare, publish nothing.
    #[arg(long)]
    dry_run: bool,
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
        .map_err(|_| format!("{s:?} is neither an RFC 3339 time nor a YYYY-MM-DD date"))
}

/// Which stories to extract again.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub since: Option<DateTime<Utc>>,
    pub outlet: Option<String>,
    pub story: Option<Uuid>,
}

/// What a run did, story by story.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Report {
    /// Selected active stories.
    pub selected: u64,
    /// Stories whose new extraction was published as a new version.
    pub changed: u64,
    /// Stories whose new extraction equals the stored one.
    pub unchanged: u64,
    /// Stories whose page is not in the archive (stored before it, or pruned).
    pub not_archived: u64,
    /// Stories whose page the extractor now refuses: "story: kind: reason",
    /// the first 20.
    pub failed: Vec<String>,
    pub failed_count: u64,
}

/// The selection's WHERE clause, parameters $1–$3; the stories' own page is
/// the one behind their current version (`split_part` drops a reprocess
/// suffix: the archive is keyed by the raw message).
const SELECTED: &str = "
    FROM stories s
    JOIN story_versions v ON v.story_id = s.story_id AND v.version = s.version
    LEFT JOIN raw_pages r ON r.raw_key = split_part(v.sighting_key, '/reprocess/', 1)
    WHERE s.status = 'active'
      AND ($1::timestamptz IS NULL OR s.last_seen_at >= $1)
      AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM sightings g WHERE g.story_id = s.story_id AND g.outlet = $2))
      AND ($3::uuid IS NULL OR s.story_id = $3)";

/// Stories read per query: memory stays bounded whatever the selection.
const PAGE: i64 = 100;

/// Extracts the selected stories' pages again and publishes the changed
/// ones (unless `dry_run`); `on_story` is called once per story read.
pub async fn reprocess(
    settings: &Settings,
    pool: &PgPool,
    selection: &Selection,
    dry_run: bool,
    mut on_story: impl FnMut(),
) -> anyhow::Result<Report> {
    let producer = kafka::producer(settings)?;
    let timeout = Duration::from_millis(settings.kafka.delivery_timeout_ms);
    let parse_timeout = Duration::from_millis(settings.limits.parse_timeout_ms);
    let extraction = ExtractionThread::new();
    let mut report = Report::default();
    let mut after = Uuid::nil();
    loop {
        let rows = sqlx::query(&format!(
            "SELECT s.story_id, s.identity, s.version, v.article, r.raw_topic, r.raw_partition, r.raw_offset, r.payload
             {SELECTED} AND s.story_id > $4 ORDER BY s.story_id LIMIT {PAGE}"
        ))
        .bind(selection.since)
        .bind(&selection.outlet)
        .bind(selection.story)
        .bind(after)
        .fetch_all(pool)
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.get("story_id");
        for row in rows {
            on_story();
            report.selected += 1;
            let story: Uuid = row.get("story_id");
            let Some(payload) = row.get::<Option<Vec<u8>>, _>("payload") else {
                report.not_archived += 1;
                continue;
            };
            let origin = Origin {
                topic: row.get("raw_topic"),
                partition: row.get("raw_partition"),
                offset: row.get("raw_offset"),
            };
            let (max, limits) = (settings.limits.max_message_bytes, limits_from(settings));
            let extracted = extraction
                .run(parse_timeout, move || {
                    process_raw(&payload, &origin, max, &limits)
                })
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| format!("{}: {}", e.kind, e.reason)));
            let mut normalized = match extracted {
                Ok(n) => n,
                Err(reason) => {
                    report.failed_count += 1;
                    if report.failed.len() < 20 {
                        report.failed.push(format!("{story}: {reason}"));
                    }
                    continue;
                }
            };
            // The story keeps its identity whatever address the new
            // extraction reads: it is the same page.
            let identity: String = row.get("identity");
            normalized.article.identity = identity.clone();
            let stored: Option<Article> =
                serde_json::from_value(row.get::<serde_json::Value, _>("article")).ok();
            if stored.as_ref() == Some(&normalized.article) {
                report.unchanged += 1;
                continue;
            }
            report.changed += 1;
            if dry_run {
                continue;
            }
            let article_json = serde_json::to_vec(&normalized.article)?;
            normalized.raw.reprocess = Some(Reprocess {
                story_id: story,
                version: row.get("version"),
                article_digest: RawRef::digest_of(&article_json),
            });
            let payload = serde_json::to_vec(&normalized)?;
            kafka::send(
                &producer,
                &settings.topics.normalized,
                Some(story_key(&identity).as_bytes()),
                &payload,
                None,
                timeout,
            )
            .await?;
        }
    }
    Ok(report)
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    let pool = db::pool(&settings.database)?;
    db::check(&pool).await?;
    let selection = Selection {
        since: args.since,
        outlet: args.outlet,
        story: args.story,
    };
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {SELECTED}"))
        .bind(selection.since)
        .bind(&selection.outlet)
        .bind(selection.story)
        .fetch_one(&pool)
        .await?;
    let bar = ProgressBar::new(total as u64);
    bar.set_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} stories  {per_sec}  eta {eta}",
    )?);
    let report = reprocess(settings, &pool, &selection, args.dry_run, || bar.inc(1)).await?;
    bar.finish_and_clear();
    println!("{}", serde_json::to_string_pretty(&report)?);
    if !args.dry_run && report.changed > 0 {
        eprintln!(
            "{} new versions published to {}; the deduplicator and persister record them (verdict reprocessed)",
            report.changed, settings.topics.normalized
        );
    }
    Ok(())
}
