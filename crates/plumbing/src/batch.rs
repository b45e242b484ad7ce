//! The rule every batched database write follows: one unit of work for
//! the whole batch, and when the database refuses it for a permanent
//! reason, the items one by one, so only the bad ones fail.

use std::future::Future;

use crate::StageError;

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
