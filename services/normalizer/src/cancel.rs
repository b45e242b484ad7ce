//! Cooperative cancellation of an extraction given up on.
//!
//! Safe Rust cannot stop a thread from outside. Instead, the extraction
//! thread carries a flag that the waiter sets when it gives the page up,
//! and the extractor's loops over nodes and lines call `checkpoint()`,
//! which unwinds out of the extraction once the flag is set (with
//! `resume_unwind`: no panic message, no hook). The job's `catch_unwind`
//! ends it there, so a page given up on stops within a few thousand
//! nodes instead of holding a core until it is done.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How many checkpoints pass between two looks at the flag: a look is an
/// atomic load, cheap but not free in loops over every node.
const CHECK_EVERY: u32 = 256;

thread_local! {
    static TOKEN: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
    static COUNTDOWN: Cell<u32> = const { Cell::new(CHECK_EVERY) };
}

/// The unwind payload of a cancelled extraction.
#[derive(Debug)]
pub struct Cancelled;

/// Runs `f` with `token` as this thread's cancellation flag.
pub fn with_token<T>(token: Arc<AtomicBool>, f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            TOKEN.with(|t| *t.borrow_mut() = None);
        }
    }
    TOKEN.with(|t| *t.borrow_mut() = Some(token));
    let _reset = Reset;
    f()
}

/// Unwinds out of the extraction when it has been given up on; otherwise
/// returns at once. Call it in loops whose length the page decides.
#[inline]
pub fn checkpoint() {
    let left = COUNTDOWN.with(|c| {
        let left = c.get().saturating_sub(1);
        c.set(if left == 0 { CHECK_EVERY } else { left });
        left
    });
    if left == 0 {
        let cancelled = TOKEN.with(|t| {
            t.borrow()
                .as_ref()
                .is_some_and(|flag| flag.load(Ordering::Relaxed))
        });
        if cancelled {
            std::panic::resume_unwind(Box::new(Cancelled));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_loop_unwinds_at_its_next_checks() {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        let result = std::panic::catch_unwind(move || {
            with_token(f.clone(), || {
                for i in 0u64.. {
                    if i == 10_000 {
                        f.store(true, Ordering::Relaxed);
                    }
                    checkpoint();
                    assert!(i < 10_000 + u64::from(CHECK_EVERY), "ran on past the flag");
                }
            })
        });
        let payload = result.expect_err("unwound");
        assert!(payload.downcast_ref::<Cancelled>().is_some());
        // Outside an extraction, or not cancelled, checkpoints do nothing.
        for _ in 0..10 * CHECK_EVERY {
            checkpoint();
        }
        assert!(
            !flag.load(Ordering::Relaxed) || with_token(Arc::new(AtomicBool::new(false)), || true)
        );
    }
}
