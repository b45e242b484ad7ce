//! A batch of messages written with a handful of multi-row statements (one
//! per table, rows passed as arrays), instead of four statements a message.
//! Same rows and same rules as `store::persist_in`: a sighting is written
//! once; only its first write adds a version; a story row moves only to a
//! newer current version; `last_seen_at` only moves forward.
//!
//! Kills and cluster changes are rare and order-sensitive; batches holding
//! one take the message-by-message path (`store::persist_batch` decides).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::{Postgres, Row, Transaction};
use uuid::Uuid;
use wirefeed_model::{DedupedMessage, Verdict};

use crate::store::{outlet, Written};

/// Whether a message can go through the bulk path.
pub fn bulk_writable(msg: &DedupedMessage) -> bool {
    msg.decision.verdict != Verdict::Kill && !msg.decision.cluster_changed
}

/// Whether a verdict adds a version (and may become the story's text).
fn writes_version(v: Verdict) -> bool {
    matches!(
        v,
        Verdict::New
            | Verdict::Update
            | Verdict::Reprocessed
            | Verdict::ExactDuplicate
            | Verdict::NearDuplicate
    )
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model types serialize")
}

pub async fn persist_bulk(
    tx: &mut Transaction<'_, Postgres>,
    msgs: &[&DedupedMessage],
) -> Result<Vec<Written>, sqlx::Error> {
    // Current clusters, under the same shared lock as the single path.
    let ids: Vec<Uuid> = msgs.iter().map(|m| m.decision.story_id).collect();
    let clusters: HashMap<Uuid, Uuid> = sqlx::query(
        "SELECT story_id, cluster_id FROM dedup_stories WHERE story_id = ANY($1) ORDER BY story_id FOR SHARE",
    )
    .bind(&ids)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(|r| (r.get("story_id"), r.get("cluster_id")))
    .collect();
    let cluster_of = |m: &DedupedMessage| {
        clusters
            .get(&m.decision.story_id)
            .copied()
            .unwrap_or(m.decision.cluster_id)
    };
    let seen_at = |m: &DedupedMessage| m.raw.fetched_at.unwrap_or(m.decision.decided_at);

    // 1. Sightings: the ones inserted now are the messages seen first.
    let keys: Vec<String> = msgs.iter().map(|m| m.raw.sighting_key()).collect();
    let inserted: HashSet<String> = sqlx::query_scalar(
        "INSERT INTO sightings (sighting_key, story_id, cluster_id, verdict, version, similarity, url, canonical_url, outlet,
                                title, scraper_id, fetched_at, raw_topic, raw_partition, raw_offset, extra, decided_at,
                                duplicate_of)
         SELECT k, s, c, v, ver, sim, u, cu, o, t, sc, f, rt, rp, ro, e::jsonb, d, dup
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::real[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::text[], $14::int[], $15::bigint[],
                     $16::text[], $17::timestamptz[], $18::uuid[])
              AS r(k, s, c, v, ver, sim, u, cu, o, t, sc, f, rt, rp, ro, e, d, dup)
         ON CONFLICT (sighting_key) DO NOTHING
         RETURNING sighting_key",
    )
    .bind(&keys)
    .bind(&ids)
    .bind(msgs.iter().map(|m| cluster_of(m)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.decision.verdict.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.decision.version).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.decision.similarity).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.url.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.canonical_url.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| outlet(m)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.title.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.id.as_deref()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.fetched_at).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.topic.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.partition).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.offset).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.raw.extra)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.decision.decided_at).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.decision.duplicate_of).collect::<Vec<_>>())
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();

    // A key twice in one batch (a replay) counts once: its first message.
    let mut claimed = HashSet::new();
    let written: Vec<Written> = keys
        .iter()
        .map(|k| {
            if inserted.contains(k) && claimed.insert(k.clone()) {
                Written::Stored
            } else {
                Written::AlreadyStored
            }
        })
        .collect();
    let fresh: Vec<&DedupedMessage> = msgs
        .iter()
        .zip(&written)
        .filter(|(_, w)| **w == Written::Stored)
        .map(|(m, _)| *m)
        .collect();
    if fresh.is_empty() {
        return Ok(written);
    }

    // 2. Versions of the new sightings.
    let versions: Vec<&DedupedMessage> = fresh
        .iter()
        .copied()
        .filter(|m| writes_version(m.decision.verdict))
        .collect();
    if !versions.is_empty() {
        sqlx::query(
            "INSERT INTO story_versions (story_id, version, body_hash, title, body, authors, published_at, updated_at,
                                         wire_version, killed, article, sighting_key)
             SELECT s, v, h, t, b, a::jsonb, p, u, w, false, art::jsonb, k
             FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                         $8::timestamptz[], $9::bigint[], $10::text[], $11::text[])
                  AS r(s, v, h, t, b, a, p, u, w, art, k)
             ON CONFLICT (story_id, version) DO NOTHING",
        )
        .bind(versions.iter().map(|m| m.decision.story_id).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.decision.version).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.article.body_hash.as_str()).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.article.title.as_str()).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.article.body.as_str()).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| json(&m.article.authors)).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.article.published_at).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.article.updated_at).collect::<Vec<_>>())
        .bind(
            versions
                .iter()
                .map(|m| m.article.wire.as_ref().and_then(|w| w.version))
                .collect::<Vec<_>>(),
        )
        .bind(versions.iter().map(|m| json(&m.article)).collect::<Vec<_>>())
        .bind(versions.iter().map(|m| m.raw.sighting_key()).collect::<Vec<_>>())
        .execute(&mut **tx)
        .await?;
    }

    // 3. Story rows: per story, the newest current version of the batch.
    // As if written one by one: a new row is first seen when the batch's
    // first current version of it was, and last seen at the latest
    // sighting of the batch.
    let mut last_seen_of: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    for m in &fresh {
        let t = seen_at(m);
        let e = last_seen_of.entry(m.decision.story_id).or_insert(t);
        *e = (*e).max(t);
    }
    let mut first_seen_of: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    let mut newest: HashMap<Uuid, &DedupedMessage> = HashMap::new();
    for m in versions.iter().filter(|m| m.decision.current) {
        first_seen_of
            .entry(m.decision.story_id)
            .or_insert(seen_at(m));
        let slot = newest.entry(m.decision.story_id).or_insert(m);
        if m.decision.version > slot.decision.version {
            *slot = m;
        }
    }
    let mut stories: Vec<&DedupedMessage> = newest.into_values().collect();
    stories.sort_by_key(|m| m.decision.story_id);
    let mut story_written: HashSet<Uuid> = HashSet::new();
    if !stories.is_empty() {
        let first_seen: Vec<DateTime<Utc>> = stories
            .iter()
            .map(|m| first_seen_of[&m.decision.story_id])
            .collect();
        let last_seen: Vec<DateTime<Utc>> = stories
            .iter()
            .map(|m| last_seen_of[&m.decision.story_id])
            .collect();
        story_written = sqlx::query_scalar(
            "INSERT INTO stories (story_id, cluster_id, identity, version, status, title, standfirst, section, section_path,
                                  authors, author_names, dateline, language, published_at, updated_at, body, paragraphs,
                                  captions, images, keywords, word_count, body_hash, canonical_url, source, site_name,
                                  format, confidence, first_seen_at, last_seen_at)
             SELECT s, c, i, v, 'active', t, sf, sec,
                    ARRAY(SELECT jsonb_array_elements_text(sp::jsonb)), a::jsonb,
                    ARRAY(SELECT jsonb_array_elements_text(an::jsonb)), dl, lang, p, u, b, pa::jsonb, ca::jsonb,
                    im::jsonb, ARRAY(SELECT jsonb_array_elements_text(kw::jsonb)), wc, h, cu, src, sn, f, conf, fs, ls
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[],
                         $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::int[], $21::text[],
                         $22::text[], $23::text[], $24::text[], $25::text[], $26::real[], $27::timestamptz[],
                         $28::timestamptz[])
                  AS r(s, c, i, v, t, sf, sec, sp, a, an, dl, lang, p, u, b, pa, ca, im, kw, wc, h, cu, src, sn, f,
                       conf, fs, ls)
             ON CONFLICT (story_id) DO UPDATE SET
                 version = EXCLUDED.version, title = EXCLUDED.title, standfirst = EXCLUDED.standfirst,
                 section = EXCLUDED.section, section_path = EXCLUDED.section_path, authors = EXCLUDED.authors,
                 author_names = EXCLUDED.author_names, dateline = EXCLUDED.dateline, language = EXCLUDED.language,
                 published_at = coalesce(stories.published_at, EXCLUDED.published_at), updated_at = EXCLUDED.updated_at,
                 body = EXCLUDED.body, paragraphs = EXCLUDED.paragraphs, captions = EXCLUDED.captions,
                 images = EXCLUDED.images, keywords = EXCLUDED.keywords, word_count = EXCLUDED.word_count,
                 body_hash = EXCLUDED.body_hash, canonical_url = EXCLUDED.canonical_url,
                 confidence = EXCLUDED.confidence,
                 last_seen_at = greatest(stories.last_seen_at, EXCLUDED.last_seen_at)
             WHERE stories.version < EXCLUDED.version
             RETURNING story_id",
        )
        .bind(stories.iter().map(|m| m.decision.story_id).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| cluster_of(m)).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.identity.as_str()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.decision.version).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.title.as_str()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.standfirst.as_deref()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.section_path()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| json(&m.article.section)).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| json(&m.article.authors)).collect::<Vec<_>>())
        .bind(
            stories
                .iter()
                .map(|m| json(&m.article.authors.iter().map(|a| &a.name).collect::<Vec<_>>()))
                .collect::<Vec<_>>(),
        )
        .bind(stories.iter().map(|m| m.article.dateline.as_deref()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.language.as_deref()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.published_at).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.updated_at).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.body.as_str()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| json(&m.article.paragraphs)).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| json(&m.article.captions)).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| json(&m.article.images)).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| json(&m.article.keywords)).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.word_count as i32).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.body_hash.as_str()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.canonical_url.as_str()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.raw.source.as_deref()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.site_name.as_deref()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.format.as_str()).collect::<Vec<_>>())
        .bind(stories.iter().map(|m| m.article.confidence).collect::<Vec<_>>())
        .bind(&first_seen)
        .bind(&last_seen)
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .collect();
    }

    // 4. Stories not rewritten above still learn they were seen again.
    let (touch, times): (Vec<Uuid>, Vec<DateTime<Utc>>) = last_seen_of
        .iter()
        .filter(|(id, _)| !story_written.contains(*id))
        .map(|(id, last)| (*id, *last))
        .unzip();
    if !touch.is_empty() {
        sqlx::query(
            "UPDATE stories s SET last_seen_at = greatest(s.last_seen_at, r.t)
             FROM unnest($1::uuid[], $2::timestamptz[]) AS r(id, t) WHERE s.story_id = r.id",
        )
        .bind(&touch)
        .bind(&times)
        .execute(&mut **tx)
        .await?;
    }
    Ok(written)
}
