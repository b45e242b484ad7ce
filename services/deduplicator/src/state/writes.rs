//! Writes to the deduplicator's state: stories, their versions and band
//! index, cluster moves, and the decision rows. Each row kind is written
//! by one statement, whichever path decided it.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use uuid::Uuid;
use wirefeed_model::Decision;

use super::Tx;
use crate::fingerprint::Print;

/// The columns of a decision row, in the order `decision_rows` reads
/// them and `DecisionColumns::bind` binds them.
const DECISION_INSERT: &str =
    "INSERT INTO dedup_decisions (sighting_key, verdict, story_id, cluster_id, version, current,
                                      similarity, duplicate_of, cluster_changed, decided_at)";

/// Decision rows from ten arrays, starting at parameter `$first`.
fn decision_rows(first: usize) -> String {
    let types = [
        "text",
        "text",
        "uuid",
        "uuid",
        "integer",
        "boolean",
        "real",
        "uuid",
        "boolean",
        "timestamptz",
    ];
    let arrays: Vec<String> = types
        .iter()
        .enumerate()
        .map(|(i, t)| format!("${}::{t}[]", first + i))
        .collect();
    format!(
        "{DECISION_INSERT}\n SELECT * FROM unnest({})",
        arrays.join(", ")
    )
}

/// Decisions as the ten column arrays `decision_rows` reads.
struct DecisionColumns<'a> {
    keys: Vec<&'a str>,
    verdicts: Vec<&'static str>,
    stories: Vec<Uuid>,
    clusters: Vec<Uuid>,
    versions: Vec<i32>,
    current: Vec<bool>,
    similarity: Vec<Option<f32>>,
    duplicate_of: Vec<Option<Uuid>>,
    cluster_changed: Vec<bool>,
    decided_at: Vec<DateTime<Utc>>,
}

impl<'a> DecisionColumns<'a> {
    fn of(decisions: &[(&'a str, &Decision)]) -> Self {
        DecisionColumns {
            keys: decisions.iter().map(|(k, _)| *k).collect(),
            verdicts: decisions.iter().map(|(_, d)| d.verdict.as_str()).collect(),
            stories: decisions.iter().map(|(_, d)| d.story_id).collect(),
            clusters: decisions.iter().map(|(_, d)| d.cluster_id).collect(),
            versions: decisions.iter().map(|(_, d)| d.version).collect(),
            current: decisions.iter().map(|(_, d)| d.current).collect(),
            similarity: decisions.iter().map(|(_, d)| d.similarity).collect(),
            duplicate_of: decisions.iter().map(|(_, d)| d.duplicate_of).collect(),
            cluster_changed: decisions.iter().map(|(_, d)| d.cluster_changed).collect(),
            decided_at: decisions.iter().map(|(_, d)| d.decided_at).collect(),
        }
    }

    fn bind<'q>(
        &'q self,
        query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    ) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
        query
            .bind(&self.keys)
            .bind(&self.verdicts)
            .bind(&self.stories)
            .bind(&self.clusters)
            .bind(&self.versions)
            .bind(&self.current)
            .bind(&self.similarity)
            .bind(&self.duplicate_of)
            .bind(&self.cluster_changed)
            .bind(&self.decided_at)
    }
}

static INSERT_DECISIONS: LazyLock<String> = LazyLock::new(|| decision_rows(1));

/// Records decisions (sighting key, decision): a replay finds them.
pub async fn insert_decisions(
    tx: &mut Tx<'_>,
    decisions: &[(&str, &Decision)],
) -> Result<(), sqlx::Error> {
    let columns = DecisionColumns::of(decisions);
    columns
        .bind(sqlx::query(&INSERT_DECISIONS))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A story seen for the first time: its row, first version and bands.
pub struct NewStory<'a> {
    pub story: Uuid,
    pub identity: &'a str,
    pub cluster: Uuid,
    pub body_hash: &'a str,
    pub wire_version: Option<i64>,
    pub version_time: Option<DateTime<Utc>>,
    pub published: Option<DateTime<Utc>>,
    pub killed: bool,
    pub print: &'a Print,
}

static INSERT_NEW_STORIES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH story AS (
             INSERT INTO dedup_stories (story_id, identity, cluster_id, version, body_hash, wire_version,
                                        version_time, published_at, killed, signature, headline_hash)
             SELECT id, ident, cluster, 1, h, wv, vt, pub, k, ($8::integer[])[lo:hi], hl
             FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[],
                         $7::timestamptz[], $9::integer[], $10::integer[], $11::bigint[], $12::boolean[])
                  AS t(id, ident, cluster, h, wv, vt, pub, lo, hi, hl, k)),
         version AS (
             INSERT INTO dedup_versions (story_id, body_hash, version)
             SELECT id, h, 1 FROM unnest($1::uuid[], $4::text[]) AS t(id, h)),
         bands AS (
             INSERT INTO dedup_bands (band, story_id)
             SELECT b, id FROM unnest($13::bigint[], $14::uuid[]) AS t(b, id))
         {}",
        decision_rows(15)
    )
});

/// Writes new stories (row, first version, bands; a killed story joins no
/// band) with the decisions taken on them and beside them, in one
/// statement. A new story's id has no band rows yet (bands are written
/// and deleted with their story), so the band insert needs no conflict
/// check.
pub async fn insert_new_stories(
    tx: &mut Tx<'_>,
    stories: &[NewStory<'_>],
    decisions: &[(&str, &Decision)],
) -> Result<(), sqlx::Error> {
    let n = stories.len();
    // Signatures travel as one flat array with each story's bounds:
    // PostgreSQL cannot unnest an array of arrays row by row.
    let (mut signatures, mut sig_from, mut sig_to) =
        (Vec::new(), Vec::with_capacity(n), Vec::with_capacity(n));
    let mut band_rows: Vec<(i64, Uuid)> = Vec::new();
    for s in stories {
        sig_from.push(signatures.len() as i32 + 1);
        signatures.extend_from_slice(&s.print.signature.0);
        sig_to.push(signatures.len() as i32);
        if !s.killed {
            band_rows.extend(s.print.bands.iter().map(|&b| (b, s.story)));
        }
    }
    // In index order: each insertion descends to a page the previous one
    // has just read, instead of one anywhere in the index. A story's bands
    // carry their band number, so they differ unless two hashes collide;
    // dropping such a repeat here keeps the insert free of conflicts.
    band_rows.sort_unstable();
    band_rows.dedup();
    let (bands, band_story): (Vec<i64>, Vec<Uuid>) = band_rows.into_iter().unzip();
    let decisions = DecisionColumns::of(decisions);
    let query = sqlx::query(&INSERT_NEW_STORIES)
        .bind(stories.iter().map(|s| s.story).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.identity).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.cluster).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.body_hash).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.wire_version).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.version_time).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.published).collect::<Vec<_>>())
        .bind(&signatures)
        .bind(&sig_from)
        .bind(&sig_to)
        .bind(stories.iter().map(|s| s.print.headline).collect::<Vec<_>>())
        .bind(stories.iter().map(|s| s.killed).collect::<Vec<_>>())
        .bind(&bands)
        .bind(&band_story);
    decisions.bind(query).execute(&mut **tx).await?;
    Ok(())
}

/// A story's new version (its body's number in the story's history).
/// `only_new`: a version with this body already recorded is left as is.
pub async fn add_version(
    tx: &mut Tx<'_>,
    story: Uuid,
    body_hash: &str,
    version: i32,
    only_new: bool,
) -> Result<(), sqlx::Error> {
    let sql = if only_new {
        "INSERT INTO dedup_versions (story_id, body_hash, version) VALUES ($1, $2, $3)
         ON CONFLICT (story_id, body_hash) DO NOTHING"
    } else {
        "INSERT INTO dedup_versions (story_id, body_hash, version) VALUES ($1, $2, $3)"
    };
    sqlx::query(sql)
        .bind(story)
        .bind(body_hash)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Makes `version` a story's current text: its fingerprint follows, and
/// its bands. `order`: the version's wire number and time, recorded to
/// order later versions (a re-extraction keeps the ones it replaces).
pub async fn set_current_version(
    tx: &mut Tx<'_>,
    story: Uuid,
    version: i32,
    body_hash: &str,
    print: &Print,
    order: Option<(Option<i64>, Option<DateTime<Utc>>)>,
) -> Result<(), sqlx::Error> {
    match order {
        Some((wire_version, version_time)) => {
            sqlx::query(
                "UPDATE dedup_stories SET version = $2, body_hash = $3, wire_version = $4, version_time = $5,
                                          signature = $6, headline_hash = $7
                 WHERE story_id = $1",
            )
            .bind(story)
            .bind(version)
            .bind(body_hash)
            .bind(wire_version)
            .bind(version_time)
            .bind(&print.signature.0)
            .bind(print.headline)
            .execute(&mut **tx)
            .await?;
        }
        None => {
            sqlx::query(
                "UPDATE dedup_stories SET version = $2, body_hash = $3, signature = $4, headline_hash = $5
                 WHERE story_id = $1",
            )
            .bind(story)
            .bind(version)
            .bind(body_hash)
            .bind(&print.signature.0)
            .bind(print.headline)
            .execute(&mut **tx)
            .await?;
        }
    }
    replace_bands(tx, story, &print.bands).await
}

/// A story's band index after its current text changed: the old text's
/// bands go, the new text's come.
pub async fn replace_bands(tx: &mut Tx<'_>, story: Uuid, bands: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM dedup_bands WHERE story_id = $1")
        .bind(story)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO dedup_bands (band, story_id) SELECT b, $2 FROM unnest($1::bigint[]) AS b ON CONFLICT DO NOTHING",
    )
    .bind(bands)
    .bind(story)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A withdrawn story: nobody's copy from now on.
pub async fn mark_killed(tx: &mut Tx<'_>, story: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE dedup_stories SET killed = true WHERE story_id = $1")
        .bind(story)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves every story of the clusters `from` to cluster `to`.
pub async fn move_clusters(tx: &mut Tx<'_>, to: Uuid, from: &[Uuid]) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE dedup_stories SET cluster_id = $1 WHERE cluster_id = ANY($2)")
        .bind(to)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
