//! Runs each page's extraction on a long-lived thread of its own, with a
//! deadline.
//!
//! Extraction is CPU work on untrusted input. It runs off the async workers,
//! on a thread with a large stack (parsers and tree walks recurse with the
//! page's nesting), and the caller waits at most `deadline`. The thread
//! stays for the next page: a fresh thread per page cost as much again as
//! the extraction, in a new allocator heap and new stack pages each time.
//! A page that overruns is given up: the caller gets `Overran` at once and
//! moves on, the job's cancellation flag is set so the extractor unwinds at
//! its next checkpoint (`cancel.rs`), the thread is retired (it ends that
//! page, drops the result and exits), and the next page gets a new thread.
//! At most `MAX_OVERRUNNING` given-up threads may still be running: past
//! that, the next page waits for one to end, so hostile pages cannot take
//! every core from the good ones behind them.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Stack of the thread pages are extracted on. Untouched stack costs no
/// memory, so the margin over `Limits::max_nesting` is generous; a page
/// within that limit touches a few megabytes at most, which the reused
/// thread keeps.
pub const EXTRACTION_STACK_BYTES: usize = 256 * 1024 * 1024;

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const GIVEN_UP: u8 = 2;

/// Extractions given up on whose threads are still running.
static OVERRUNNING: AtomicUsize = AtomicUsize::new(0);

/// The most given-up extractions left running before a new page waits.
pub const MAX_OVERRUNNING: usize = 2;

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
    /// The extraction ended without a result: `f` panicked.
    #[error("the extraction thread ended without a result")]
    Lost,
}

type Job = Box<dyn FnOnce() + Send + 'static>;

/// One extraction thread, reused page after page, replaced when a page
/// overruns. Pages are meant to come one at a time (the stage handles its
/// messages in order); a second caller's wait would include the first's.
#[derive(Default)]
pub struct ExtractionThread {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
}

impl ExtractionThread {
    pub fn new() -> Self {
        ExtractionThread::default()
    }

    /// Runs `f` on the extraction thread and waits for it at most `deadline`.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Duration,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ExtractionThreadError> {
        // Cooperative cancellation lets runaway threads end quickly; this
        // bound holds even for one that reaches no checkpoint.
        while overrunning() >= MAX_OVERRUNNING {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let (tx, mut rx) = tokio::sync::oneshot::channel();
        let state = Arc::new(AtomicU8::new(RUNNING));
        let thread_state = state.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_cancel = cancel.clone();
        let job: Job = Box::new(move || {
            let started = Instant::now();
            // A panic, or the unwinding of a cancelled page, costs this page
            // its result (the sender is dropped unsent), not the thread.
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                crate::cancel::with_token(thread_cancel, f)
            }));
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
            if let Ok(result) = result {
                let _ = tx.send(result);
            }
        });
        self.submit(job)?;

        match tokio::time::timeout(deadline, &mut rx).await {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(_)) => Err(ExtractionThreadError::Lost),
            Err(_) => {
                if state
                    .compare_exchange(RUNNING, GIVEN_UP, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                {
                    OVERRUNNING.fetch_add(1, Ordering::Relaxed);
                    cancel.store(true, Ordering::Relaxed);
                    // Retire the busy thread: it exits after this page.
                    self.lock().take();
                    return Err(ExtractionThreadError::Overran(deadline));
                }
                // It finished just as the deadline passed: the result is (or
                // is about to be) in the channel.
                rx.await.map_err(|_| ExtractionThreadError::Lost)
            }
        }
    }

    /// Hands `job` to the current thread, starting one when there is none
    /// (the first page, or the last thread was retired or has died).
    fn submit(&self, job: Job) -> Result<(), ExtractionThreadError> {
        let mut jobs = self.lock();
        let job = match jobs.as_ref() {
            Some(sender) => match sender.send(job) {
                Ok(()) => return Ok(()),
                // The thread has died: start another.
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (sender, receiver) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("extract".into())
            .stack_size(EXTRACTION_STACK_BYTES)
            .spawn(move || {
                // Ends when the sender is dropped: the thread was retired.
                while let Ok(job) = receiver.recv() {
                    job();
                }
            })
            .map_err(|e| ExtractionThreadError::Spawn(e.to_string()))?;
        sender.send(job).map_err(|_| ExtractionThreadError::Lost)?;
        *jobs = Some(sender);
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<mpsc::Sender<Job>>> {
        // A poisoned lock only means a panic while holding it; the Option
        // inside is still valid.
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run_with_deadline<T: Send + 'static>(
        deadline: Duration,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ExtractionThreadError> {
        ExtractionThread::new().run(deadline, f).await
    }

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
    async fn a_page_given_up_on_stops_at_its_next_checkpoint() {
        let before = overrunning();
        let (stopped_tx, stopped) = mpsc::channel::<()>();
        let got = run_with_deadline(Duration::from_millis(20), move || {
            struct Stopped(mpsc::Sender<()>);
            impl Drop for Stopped {
                fn drop(&mut self) {
                    self.0.send(()).ok();
                }
            }
            let _stopped = Stopped(stopped_tx);
            // A page that would run for ever, checking in as extractors do.
            loop {
                crate::cancel::checkpoint();
                std::hint::spin_loop();
            }
        })
        .await;
        assert_eq!(
            got,
            Err(ExtractionThreadError::Overran(Duration::from_millis(20)))
        );
        stopped
            .recv_timeout(Duration::from_secs(60))
            .expect("the runaway page unwound");
        for _ in 0..1000 {
            if overrunning() <= before {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(overrunning() <= before);
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

    #[tokio::test]
    async fn the_thread_serves_page_after_page_and_is_replaced_after_an_overrun() {
        let thread = ExtractionThread::new();
        let id = || std::thread::current().id();
        let first = thread.run(Duration::from_secs(60), id).await.unwrap();
        let second = thread.run(Duration::from_secs(60), id).await.unwrap();
        assert_eq!(first, second);
        // A panic costs its page only.
        let lost = thread.run(Duration::from_secs(60), || -> u8 { panic!("bad page") });
        assert_eq!(lost.await, Err(ExtractionThreadError::Lost));
        assert_eq!(
            thread.run(Duration::from_secs(60), id).await.unwrap(),
            first
        );
        let (release, wait) = mpsc::channel::<()>();
        let overran = thread
            .run(Duration::from_millis(20), move || wait.recv().ok())
            .await;
        assert_eq!(
            overran,
            Err(ExtractionThreadError::Overran(Duration::from_millis(20)))
        );
        // The next page does not wait for the one given up on.
        let third = thread.run(Duration::from_secs(60), id).await.unwrap();
        assert_ne!(third, first);
        release.send(()).unwrap();
    }
}
