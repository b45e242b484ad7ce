//! Writes raw messages to `raw_pages`, idempotently: a message's key is its
//! coordinates and the digest of its bytes (the sighting key of its first
//! extraction), so a replay finds its row and adds nothing.

use sqlx::PgPool;
use wirefeed_model::RawRef;
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::events::Origin;
use wirefeed_plumbing::StageError;

/// One raw message to archive.
pub struct RawPage<'a> {
    pub origin: &'a Origin,
    pub payload: &'a [u8],
}

impl RawPage<'_> {
    /// The archive's key: what `RawRef::raw_key` gives the sighting of this
    /// message's first extraction.
    pub fn key(&self) -> String {
        RawRef::key_of(
            &self.origin.topic,
            self.origin.partition,
            self.origin.offset,
            &RawRef::digest_of(self.payload),
        )
    }
}

/// Stores the pages in one statement; returns how many were new (the rest
/// were archived before: replays).
pub async fn archive(pool: &PgPool, pages: &[RawPage<'_>]) -> Result<u64, StageError> {
    let keys: Vec<String> = pages.iter().map(RawPage::key).collect();
    let topics: Vec<&str> = pages.iter().map(|p| p.origin.topic.as_str()).collect();
    let partitions: Vec<i32> = pages.iter().map(|p| p.origin.partition).collect();
    let offsets: Vec<i64> = pages.iter().map(|p| p.origin.offset).collect();
    let payloads: Vec<&[u8]> = pages.iter().map(|p| p.payload).collect();
    let stored = sqlx::query(
        "INSERT INTO raw_pages (raw_key, raw_topic, raw_partition, raw_offset, payload)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bytea[])
         ON CONFLICT (raw_key) DO NOTHING",
    )
    .bind(&keys)
    .bind(&topics)
    .bind(&partitions)
    .bind(&offsets)
    .bind(&payloads)
    .execute(pool)
    .await
    .map_err(|e| classify_sqlx(&e))?
    .rows_affected();
    Ok(stored)
}
