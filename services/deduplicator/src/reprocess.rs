//! The decision on a new extraction of an archived page (`wirefeed
//! reprocess`): a new version of the story whose page it is, whatever the
//! text. The usual rules would call an extraction with the same body a
//! re-scrape and drop it, yet a better extractor may change only the
//! byline or the dates; and a changed canonical address would make it
//! another story. Here the story is the one named in the message.

use chrono::{SubsecRound, Utc};
use sqlx::PgPool;
use wirefeed_model::{Article, Decision, Reprocess};
use wirefeed_plumbing::error::classify_sqlx;
use wirefeed_plumbing::StageError;

use crate::decide::Fingerprint;
use crate::policy::{self, lock_key};
use crate::state::{self, Tx};

/// Decides and records a new extraction: version max + 1 of the story,
/// current when the version it re-extracts is still the story's current
/// one (else history only: a newer version arrived since). A replay gets
/// its recorded decision back.
pub async fn decide_reprocessed(
    pool: &PgPool,
    sighting_key: &str,
    reprocess: &Reprocess,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Decision, StageError> {
    let mut tx = pool.begin().await.map_err(|e| classify_sqlx(&e))?;
    let decision = decide_in(&mut tx, sighting_key, reprocess, article, fp)
        .await
        .map_err(|e| classify_sqlx(&e))?;
    let decision = decision.ok_or_else(|| {
        StageError::permanent(
            "reprocess_story_missing",
            format!(
                "story {} is not in the deduplicator's state (pruned?)",
                reprocess.story_id
            ),
        )
    })?;
    tx.commit().await.map_err(|e| classify_sqlx(&e))?;
    Ok(decision)
}

async fn decide_in(
    tx: &mut Tx<'_>,
    sighting_key: &str,
    reprocess: &Reprocess,
    article: &Article,
    fp: &Fingerprint,
) -> Result<Option<Decision>, sqlx::Error> {
    let story = reprocess.story_id;
    let Some(identity) = state::story_identity(tx, story).await? else {
        return Ok(None);
    };
    // The identity's lock, as every other decision on this story takes it.
    state::take_locks(tx, &[lock_key(&identity)]).await?;
    let (recorded, known, max_version) =
        state::known_for_reprocess(tx, sighting_key, story).await?;
    if let Some(decision) = recorded {
        return Ok(Some(decision));
    }
    let version = max_version + 1;
    let current = known.version == reprocess.version;
    state::add_version(tx, story, &article.body_hash, version, true).await?;
    if current {
        // The story's fingerprint follows its current text, as for an
        // update; the version order keeps the re-extracted version's.
        state::set_current_version(tx, story, version, &article.body_hash, fp, None).await?;
    }
    // PostgreSQL keeps microseconds: a replay must return the same instant.
    let decision = policy::reprocessed(known, version, current, Utc::now().trunc_subsecs(6));
    state::insert_decisions(tx, &[(sighting_key, &decision)]).await?;
    Ok(Some(decision))
}
