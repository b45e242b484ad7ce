//! The bulk path writes exactly what writing the messages one by one
//! writes: same sightings, versions and story rows, whatever the batches.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Map, Value};
use sqlx::PgPool;
use uuid::Uuid;
use wirefeed_model::{Article, Author, Decision, DedupedMessage, RawRef, Verdict, SCHEMA_VERSION};
use wirefeed_persister::store::{persist, persist_batch, Written};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn message(
    offset: i64,
    story: u128,
    verdict: Verdict,
    version: i32,
    current: bool,
    seen: DateTime<Utc>,
) -> DedupedMessage {
    let identity = format!("https://outlet{story}.example/story");
    let body = format!("Story {story}, version {version}: the council met on Tuesday.");
    DedupedMessage {
        schema_version: SCHEMA_VERSION,
        raw: RawRef {
            topic: "articles.raw".into(),
            partition: (offset % 3) as i32,
            offset,
            digest: String::new(),
            url: identity.clone(),
            id: Some(format!("scrape-{offset}")),
            source: Some(format!("outlet{story}")),
            fetched_at: Some(seen),
            extra: Map::from_iter([("crawler".to_string(), Value::from("bench"))]),
            reprocess: None,
        },
        article: Article {
            identity: identity.clone(),
            canonical_url: identity,
            title: format!("Headline {story} v{version}"),
            section: vec!["World".into(), "Asia".into()],
            authors: vec![Author {
                name: format!("Author {story}"),
                email: None,
            }],
            keywords: vec!["council".into()],
            published_at: Some(
                Utc.with_ymd_and_hms(2024, 5, 1, 8, 0, 0)
                    .unwrap()
                    .fixed_offset(),
            ),
            body_hash: format!("hash-{story}-{version}"),
            word_count: body.split_whitespace().count() as u32,
            body,
            format: "html".into(),
            confidence: 0.8,
            ..Default::default()
        },
        decision: Decision {
            verdict,
            story_id: Uuid::from_u128(story),
            cluster_id: Uuid::from_u128(story.min(100)),
            version,
            current,
            similarity: matches!(verdict, Verdict::NearDuplicate).then_some(0.8),
            duplicate_of: matches!(verdict, Verdict::ExactDuplicate | Verdict::NearDuplicate)
                .then(|| Uuid::from_u128(100)),
            cluster_changed: false,
            decided_at: seen,
        },
    }
}

/// A stream like the deduplicator's output: new stories, updates (some
/// arriving late, so not current), re-scrapes, copies under other
/// identities, and replays of earlier messages.
fn stream(seed: u64) -> Vec<DedupedMessage> {
    let mut rng = Rng(seed | 1);
    let t0 = Utc.with_ymd_and_hms(2024, 5, 1, 9, 0, 0).unwrap();
    let mut versions = std::collections::HashMap::<u128, i32>::new();
    let mut out: Vec<DedupedMessage> = Vec::new();
    for offset in 0..80i64 {
        let seen = t0 + Duration::minutes(rng.below(600) as i64);
        let story = 100 + rng.below(5) as u128;
        let choice = rng.below(10);
        let msg = match versions.get(&story).copied() {
            None => {
                versions.insert(story, 1);
                message(offset, story, Verdict::New, 1, true, seen)
            }
            Some(_) if choice < 3 => {
                let v = versions[&story] + 1;
                versions.insert(story, v);
                message(offset, story, Verdict::Update, v, rng.below(3) > 0, seen)
            }
            Some(v) if choice < 6 => message(offset, story, Verdict::Rescrape, v, true, seen),
            Some(_) if choice < 8 => {
                let copy = 1000 + offset as u128;
                let verdict = if choice == 6 {
                    Verdict::ExactDuplicate
                } else {
                    Verdict::NearDuplicate
                };
                message(offset, copy, verdict, 1, true, seen)
            }
            Some(_) if !out.is_empty() => {
                let i = rng.below(out.len() as u64) as usize;
                out[i].clone()
            }
            Some(v) => message(offset, story, Verdict::Rescrape, v, true, seen),
        };
        out.push(msg);
    }
    out
}

/// Every stored row, in a stable order, without the columns that record
/// when (and in which transaction) the database wrote it.
async fn snapshot(pool: &PgPool) -> Value {
    let mut all = Map::new();
    for (table, columns, order) in [
        ("stories", "s.*", "story_id"),
        ("story_versions", "s.*", "story_id, version"),
        ("sightings", "s.*", "sighting_key"),
    ] {
        let rows: Option<Value> = sqlx::query_scalar(&format!(
            "SELECT json_agg(to_jsonb(t) - 'recorded_at' - 'sighting_id' - 'change_xid' ORDER BY {order})
             FROM (SELECT {columns} FROM {table} s) t"
        ))
        .fetch_one(pool)
        .await
        .unwrap();
        all.insert(table.into(), rows.unwrap_or(Value::Null));
    }
    Value::Object(all)
}

async fn reset(pool: &PgPool) {
    sqlx::query("TRUNCATE stories, story_versions, sightings")
        .execute(pool)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn batches_write_what_single_messages_write(pool: PgPool) {
    for seed in [1u64, 7, 42, 1234] {
        let msgs = stream(seed);
        reset(&pool).await;
        let mut one_by_one = Vec::new();
        for m in &msgs {
            one_by_one.push(persist(&pool, m).await.unwrap());
        }
        let expected = snapshot(&pool).await;

        reset(&pool).await;
        let mut rng = Rng(seed.wrapping_mul(31) | 1);
        let mut batched = Vec::new();
        let mut rest: &[DedupedMessage] = &msgs;
        while !rest.is_empty() {
            let n = (1 + rng.below(12) as usize).min(rest.len());
            let refs: Vec<&DedupedMessage> = rest[..n].iter().collect();
            batched.extend(persist_batch(&pool, &refs).await.unwrap());
            rest = &rest[n..];
        }
        assert_eq!(batched, one_by_one, "seed {seed}: what each message did");
        assert_eq!(snapshot(&pool).await, expected, "seed {seed}: the rows");
        assert!(
            one_by_one.contains(&Written::AlreadyStored),
            "the stream has replays"
        );
    }
}
