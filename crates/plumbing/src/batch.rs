//! The rule every batched database write follows: one unit of work for
//! the whole batch, and when the database refuses it for a permanent
//! reason, the items one by one, so only the bad ones fail.

use std::future::Future;
use std::time::Instant;

use crate::{Metrics, StageError};

/// Each of `n` items' result, given the batch's: the batch's own results
/// when it succeeded; on a transient failure, that failure for every item
/// (the stage retries them); on a permanent one, `one(i)` for each item.
pub async fn one_by_one_if_refused<R, Fut>(
    n: usize,
    batch: Result<Vec<R>, StageError>,
    one: impl Fn(usize) -> Fut,
) -> Vec<Result<R, StageError>>
where
    Fut: Future<Output = Result<R, StageError>>,
{
    match batch {
        Ok(results) => results.into_iter().map(Ok).collect(),
        Err(e) if e.is_transient() => (0..n).map(|_| Err(e.clone())).collect(),
        Err(e) => {
            tracing::info!(error = %e, messages = n, "batch refused: handling its messages one by one");
            let mut results = Vec::with_capacity(n);
            for i in 0..n {
                results.push(one(i).await);
            }
            results
        }
    }
}

/// The shape of every stage's batched database write: the batch's
/// messages read beforehand (`parsed`, an error where one could not be
/// read); the readable ones written with `batch` in one unit of work, timed
/// as one write; if the database refuses it for a permanent reason, each
/// one with `one`, timed alone (`one_by_one_if_refused`). Returns each
/// message's result in its place, the read error where it had one.
pub async fn write_parsed<'a, T, R, BatchFut, OneFut>(
    parsed: &'a [Result<T, StageError>],
    metrics: &Metrics,
    stage: &str,
    batch: impl FnOnce(Vec<&'a T>) -> BatchFut,
    one: impl Fn(&'a T) -> OneFut,
) -> Vec<Result<R, StageError>>
where
    BatchFut: Future<Output = Result<Vec<R>, StageError>>,
    OneFut: Future<Output = Result<R, StageError>>,
{
    let valid: Vec<&'a T> = parsed.iter().filter_map(|p| p.as_ref().ok()).collect();
    let n = valid.len();
    let started = Instant::now();
    let result = match n {
        0 => Ok(Vec::new()),
        n => batch(valid.clone())
            .await
            .inspect(|_| metrics.observe_db_write(stage, started, n)),
    };
    let (one, valid) = (&one, &valid);
    let mut results = one_by_one_if_refused(n, result, |i| async move {
        let started = Instant::now();
        let r = one(valid[i]).await?;
        metrics.observe_db_write(stage, started, 1);
        Ok(r)
    })
    .await
    .into_iter();
    parsed
        .iter()
        .map(|p| match p {
            Err(e) => Err(e.clone()),
            Ok(_) => results.next().expect("one result per readable message"),
        })
        .collect()
}
