//! Runs one page's extraction on a thread of its own, with a deadline.
//!
//! Extraction is CPU work on untrusted input. It runs off the async workers,
//! on a thread with a large stack (parsers and tree walks recurse with the
//! page's nesting), and the caller waits at most `deadline`. Safe Rust
//! cannot stop a thread from outside, so a page that overruns is given up:
//! the caller gets `Overran` at once and moves on, and the thread finishes
//! in the background (its work is bounded by the page size limit) and drops
//! its result.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Stack of the thread a page is extracted on. Untouched stack costs no
/// memory, so the margin over `Limits::max_nesting` is generous.
pub const EXTRACTION_STACK_BYTES: usize = 256 * 1024 * 1024;

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const GIVEN_UP: u8 = 2;

/// Extractions given up on whose threads are still running.
static OVERRUNNING: AtomicUsize = AtomicUsize::new(0);

/// How many given-up extractions are still running (for `/metrics`).
pub fn overrunning() -> usize {
    OVERRUNNING.load(Ordering::Relaxed)
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractionThreadError {
    #[error("extraction took longer than {0:?}")]
    Overran(Duration),
    /// The thread could not be started (the process is out of threads or
    /// memory): a condition of the host, not of the page.
    #[error("cannot start an extraction thread: {0}")]
    Spawn(String),
    /// The thread ended without a result: `f` panicked.
    #[error("the extraction thread ended without a result")]
    Lost,
}

/// Runs `f` on a fresh thread and waits for it at most `deadline`.
pub async fn run_with_deadline<T: Send + 'static>(
    deadline: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ExtractionThreadError> {
    let (tx, mut rx) = tokio::sync::oneshot::channel();
    let state = Arc::new(AtomicU8::new(RUNNING));
    let thread_state = state.clone();
    std::thread::Builder::new()
        .name("extract".into())
        .stack_size(EXTRACTION_STACK_BYTES)
        .spawn(move || {
            let started = Instant::now();
            let result = f();
            // Whoever moves the state away from RUNNING first decides who
            // accounts for an overrun: the waiter (gave up) or this thread.
            if thread_state
                .compare_exchange(RUNNING, FINISHED, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
            {
                OVERRUNNING.fetch_sub(1, Ordering::Relaxed);
                tracing::warn!(
                    seconds = started.elapsed().as_secs_f64(),
                    "an extraction given up on has finished; its result is dropped"
                );
            }
            let _ = tx.send(result);
        })
        .map_err(|e| ExtractionThreadError::Spawn(e.to_string()))?;

    match tokio::time::timeout(deadline, &mut rx).await {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(_)) => Err(ExtractionThreadError::Lost),
        Err(_) => {
            if state
                .compare_exchange(RUNNING, GIVEN_UP, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                OVERRUNNING.fetch_add(1, Ordering::Relaxed);
                return Err(ExtractionThreadError::Overran(deadline));
            }
            // It finished just as the deadline passed: the result is (or is
            // about to be) in the channel.
            rx.await.map_err(|_| ExtractionThreadError::Lost)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[tokio::test]
    async fn returns_the_result_of_a_page_within_the_deadline() {
        let got = run_with_deadline(Duration::from_secs(60), || 6 * 7).await;
        assert_eq!(got, Ok(42));
    }

    #[tokio::test]
    async fn gives_up_on_a_page_that_overruns_and_counts_it_until_it_ends() {
        // The "page" blocks until the test releases it: the overrun does
        // not depend on how fast this machine is.
        let (release, wait) = mpsc::channel::<()>();
        let (finished_tx, finished) = mpsc::channel::<()>();
        let before = overrunning();
        let got = run_with_deadline(Duration::from_millis(20), move || {
            wait.recv().ok();
            finished_tx.send(()).ok();
            1
        })
        .await;
        assert_eq!(
            got,
            Err(ExtractionThreadError::Overran(Duration::from_millis(20)))
        );
        assert!(overrunning() > before);
        release.send(()).unwrap();
        finished.recv().unwrap();
        // The thread decrements just before it returns; give it the moment.
        for _ in 0..1000 {
            if overrunning() == before {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(overrunning(), before);
    }

    #[tokio::test]
    async fn a_panicking_page_is_reported_not_propagated() {
        let got = run_with_deadline(Duration::from_secs(60), || -> u8 { panic!("bad page") }).await;
        assert_eq!(got, Err(ExtractionThreadError::Lost));
    }

    #[tokio::test]
    async fn deep_recursion_fits_the_large_stack() {
        fn depth(n: u64) -> u64 {
            // A frame the optimizer cannot shrink: the array is observed.
            let pad = std::hint::black_box([0u8; 512]);
            if n == 0 {
                u64::from(pad[0])
            } else {
                1 + depth(n - 1) + u64::from(pad[511])
            }
        }
        // About 100k frames of over 512 bytes: far beyond a default 2 MB
        // stack, well within EXTRACTION_STACK_BYTES.
        let got = run_with_deadline(Duration::from_secs(600), || depth(100_000)).await;
        assert_eq!(got, Ok(100_000));
    }
}
