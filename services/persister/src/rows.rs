//! The rows the persister writes, each kind defined once: one statement per
//! table, rows passed as arrays, used for one message and for a batch
//! alike. The rules: a sighting is written once; only its first write adds
//! a version; a story row moves only to a newer current version;
//! `last_seen_at` only moves forward.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;
use wirefeed_model::DedupedMessage;
use wirefeed_plumbing::clusters::MEMBERS_OF_CLUSTER;

pub type Tx<'c> = Transaction<'c, Postgres>;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model types serialize")
}

/// The outlet that ran the page: the scraper's name for it, else the page's
/// site name, else the host.
pub fn outlet(msg: &DedupedMessage) -> Option<String> {
    msg.raw
        .source
        .clone()
        .or_else(|| msg.article.site_name.clone())
        .or_else(|| {
            url::Url::parse(&msg.raw.url)
                .ok()?
                .host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
}

/// When a message's page was seen: fetched, else decided.
pub fn seen_at(m: &DedupedMessage) -> DateTime<Utc> {
    m.raw.fetched_at.unwrap_or(m.decision.decided_at)
}

/// Inserts the messages' sightings under their sighting `keys`, each in
/// the cluster `cluster_of` gives its story; returns the keys inserted now
/// (the others were written before: a replay).
pub async fn insert_sightings(
    tx: &mut Tx<'_>,
    msgs: &[&DedupedMessage],
    keys: &[String],
    cluster_of: impl Fn(&DedupedMessage) -> Uuid,
) -> Result<HashSet<String>, sqlx::Error> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO sightings (sighting_key, story_id, cluster_id, verdict, version, similarity, url, canonical_url, outlet,
                                title, scraper_id, fetched_at, raw_topic, raw_partition, raw_offset, extra, decided_at,
                                duplicate_of)
         SELECT k, s, c, v, ver, sim, u, cu, o, t, sc, f, rt, rp, ro, e::jsonb, d, dup
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::real[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::text[], $14::int[], $15::bigint[],
                     $16::text[], $17::timestamptz[], $18::uuid[])
              AS r(k, s, c, v, ver, sim, u, cu, o, t, sc, f, rt, rp, ro, e, d, dup)
         ON CONFLICT (sighting_key) DO NOTHING
         RETURNING sighting_key"
    )
    .bind(keys)
    .bind(msgs.iter().map(|m| m.decision.story_id).collect::<Vec<_>>())
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
    .await?;
    Ok(inserted.into_iter().collect())
}

/// Inserts the messages' versions of their stories (a version already
/// stored is left as is).
pub async fn insert_versions(
    tx: &mut Tx<'_>,
    versions: &[&DedupedMessage],
) -> Result<(), sqlx::Error> {
    if versions.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO story_versions (story_id, version, body_hash, title, body, authors, published_at, updated_at,
                                         wire_version, killed, article, sighting_key)
             SELECT s, v, h, t, b, a::jsonb, p, u, w, false, art::jsonb, k
             FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                         $8::timestamptz[], $9::bigint[], $10::text[], $11::text[])
                  AS r(s, v, h, t, b, a, p, u, w, art, k)
             ON CONFLICT (story_id, version) DO NOTHING"
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
    Ok(())
}

/// A story row to write: the message whose version becomes its text, and
/// the row's cluster, status and first and last sightings.
pub struct StoryRow<'a> {
    pub msg: &'a DedupedMessage,
    pub cluster: Uuid,
    pub status: &'static str,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

/// Inserts stories or, where the row holds an older version, replaces its
/// text; never moves a story back to an older version. Returns the stories
/// written.
pub async fn upsert_stories(
    tx: &mut Tx<'_>,
    stories: &[StoryRow<'_>],
) -> Result<HashSet<Uuid>, sqlx::Error> {
    if stories.is_empty() {
        return Ok(HashSet::new());
    }
    let msgs: Vec<&DedupedMessage> = stories.iter().map(|s| s.msg).collect();
    let written: Vec<Uuid> = sqlx::query_scalar(
        "INSERT INTO stories (story_id, cluster_id, identity, version, status, title, standfirst, section, section_path,
                                  authors, author_names, dateline, language, published_at, updated_at, body, paragraphs,
                                  captions, images, keywords, word_count, body_hash, canonical_url, source, site_name,
                                  format, confidence, first_seen_at, last_seen_at)
             SELECT s, c, i, v, st, t, sf, sec,
                    ARRAY(SELECT jsonb_array_elements_text(sp::jsonb)), a::jsonb,
                    ARRAY(SELECT jsonb_array_elements_text(an::jsonb)), dl, lang, p, u, b, pa::jsonb, ca::jsonb,
                    im::jsonb, ARRAY(SELECT jsonb_array_elements_text(kw::jsonb)), wc, h, cu, src, sn, f, conf, fs, ls
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[],
                         $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::int[], $21::text[],
                         $22::text[], $23::text[], $24::text[], $25::text[], $26::real[], $27::timestamptz[],
                         $28::timestamptz[], $29::text[])
                  AS r(s, c, i, v, t, sf, sec, sp, a, an, dl, lang, p, u, b, pa, ca, im, kw, wc, h, cu, src, sn, f,
                       conf, fs, ls, st)
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
             RETURNING story_id"
    )
    .bind(msgs.iter().map(|m| m.decision.story_id).collect::<Vec<_>>())
    .bind(stories.iter().map(|s| s.cluster).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.identity.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.decision.version).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.title.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.standfirst.as_deref()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.section_path()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.article.section)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.article.authors)).collect::<Vec<_>>())
    .bind(
        msgs.iter()
            .map(|m| json(&m.article.authors.iter().map(|a| &a.name).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
    )
    .bind(msgs.iter().map(|m| m.article.dateline.as_deref()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.language.as_deref()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.published_at).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.updated_at).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.body.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.article.paragraphs)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.article.captions)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.article.images)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| json(&m.article.keywords)).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.word_count as i32).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.body_hash.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.canonical_url.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.raw.source.as_deref()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.site_name.as_deref()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.format.as_str()).collect::<Vec<_>>())
    .bind(msgs.iter().map(|m| m.article.confidence).collect::<Vec<_>>())
    .bind(stories.iter().map(|s| s.first_seen).collect::<Vec<_>>())
    .bind(stories.iter().map(|s| s.last_seen).collect::<Vec<_>>())
    .bind(stories.iter().map(|s| s.status).collect::<Vec<_>>())
    .fetch_all(&mut **tx)
    .await?;
    Ok(written.into_iter().collect())
}

/// Stories seen again: `last_seen_at` moves forward to the time given.
pub async fn touch_stories(
    tx: &mut Tx<'_>,
    seen: &HashMap<Uuid, DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    if seen.is_empty() {
        return Ok(());
    }
    let (ids, times): (Vec<Uuid>, Vec<DateTime<Utc>>) =
        seen.iter().map(|(id, t)| (*id, *t)).unzip();
    sqlx::query(
        "UPDATE stories s SET last_seen_at = greatest(s.last_seen_at, r.t)
             FROM unnest($1::uuid[], $2::timestamptz[]) AS r(id, t) WHERE s.story_id = r.id",
    )
    .bind(&ids)
    .bind(&times)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A withdrawn story: its row and every version marked killed.
pub async fn mark_killed(tx: &mut Tx<'_>, story: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE stories SET status = 'killed' WHERE story_id = $1")
        .bind(story)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE story_versions SET killed = true WHERE story_id = $1")
        .bind(story)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Gives every stored story of `cluster` (by the deduplicator's published
/// assignment) and its sightings that cluster id.
pub async fn move_to_cluster(tx: &mut Tx<'_>, cluster: Uuid) -> Result<(), sqlx::Error> {
    for table in ["stories", "sightings"] {
        sqlx::query(&format!(
            "UPDATE {table} SET cluster_id = $1
             WHERE story_id IN ({MEMBERS_OF_CLUSTER}) AND cluster_id <> $1"
        ))
        .bind(cluster)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
