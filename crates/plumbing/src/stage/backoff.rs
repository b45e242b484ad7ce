//! The pause before a transient failure is retried: capped exponential
//! backoff with jitter, reported on the health endpoint while it lasts.

use std::time::Duration;

use crate::events::{InternalEvent, Origin, TransientFailure};
use crate::health::Health;
use crate::settings::Settings;
use crate::{Metrics, Shutdown, StageError};

/// Capped exponential backoff between retries of one message. While it
/// waits, the service reports itself not ready, with the failure.
pub(super) struct Backoff {
    pub(super) next: Duration,
    pub(super) max: Duration,
    pub(super) attempt: u32,
    pub(super) health: Health,
}

impl Backoff {
    pub(super) fn new(settings: &Settings, health: &Health) -> Backoff {
        Backoff {
            next: Duration::from_millis(settings.retry.initial_backoff_ms),
            max: Duration::from_millis(settings.retry.max_backoff_ms),
            attempt: 0,
            health: health.clone(),
        }
    }

    /// Records the failure and sleeps; `Err` when shutdown interrupts the wait.
    pub(super) async fn wait(
        &mut self,
        metrics: &Metrics,
        origin: &Origin,
        error: &StageError,
        shutdown: &mut Shutdown,
    ) -> Result<(), ()> {
        self.attempt += 1;
        self.health
            .set_failing(Some(format!("{}: {}", error.kind, error.reason)));
        TransientFailure {
            origin,
            error,
            attempt: self.attempt,
            backoff_ms: self.next.as_millis() as u64,
        }
        .emit(metrics);
        tokio::select! {
            _ = shutdown.wait() => return Err(()),
            _ = tokio::time::sleep(jittered(self.next)) => {}
        }
        self.next = (self.next * 2).min(self.max);
        Ok(())
    }
}

/// The pause scaled by a random factor in [0.75, 1.25): replicas that hit
/// the same outage at once do not all retry in step when it ends.
pub(super) fn jittered(pause: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    // Each RandomState is keyed afresh: a random number without a crate.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    pause.mul_f64(0.75 + (random % 1000) as f64 / 2000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_are_jittered_within_a_quarter() {
        let pause = Duration::from_millis(1000);
        let pauses: Vec<Duration> = (0..200).map(|_| jittered(pause)).collect();
        assert!(pauses
            .iter()
            .all(|p| *p >= Duration::from_millis(750) && *p < Duration::from_millis(1250)));
        let distinct: std::collections::BTreeSet<_> = pauses.iter().collect();
        assert!(distinct.len() > 50, "{} distinct pauses", distinct.len());
    }
}
