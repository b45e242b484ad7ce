//! Whether a service can do its work, and if not, why: what
//! `/health/ready` answers and the assignment gauges export.
//!
//! A service is ready while all of these hold:
//! - its stage loop runs (not starting, not stopping);
//! - the broker is reachable (librdkafka statistics: a broker connection up);
//! - its own dependencies answer (the database, for services that write to
//!   one), and the last message did not end in a transient failure;
//! - it holds at least one partition, or has held none for less than
//!   `kafka.max_unassigned_ms`. A member that joins a group after a crash
//!   can wait for the dead member's session to expire before it gets
//!   partitions; one that waits much longer is stuck, not starting.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::Metrics;

#[derive(Clone)]
pub struct Health(Arc<Inner>);

struct Inner {
    running: AtomicBool,
    broker_up: AtomicBool,
    max_unassigned: Duration,
    metrics: Metrics,
    state: Mutex<State>,
}

struct State {
    assigned: BTreeSet<(String, i32)>,
    /// Since when the member has held no partition (None while it holds some).
    unassigned_since: Option<Instant>,
    /// Why the dependencies or the last attempt failed, while they do.
    failing: Option<String>,
}

impl Health {
    pub fn new(max_unassigned: Duration, metrics: Metrics) -> Health {
        metrics.no_partitions_assigned.set(1);
        Health(Arc::new(Inner {
            running: AtomicBool::new(false),
            broker_up: AtomicBool::new(false),
            max_unassigned,
            metrics,
            state: Mutex::new(State {
                assigned: BTreeSet::new(),
                unassigned_since: Some(Instant::now()),
                failing: None,
            }),
        }))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state stays consistent whatever panicked while holding it.
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_running(&self, running: bool) {
        self.0.running.store(running, Ordering::Relaxed);
    }

    pub fn set_broker_up(&self, up: bool) {
        self.0.broker_up.store(up, Ordering::Relaxed);
    }

    /// A dependency check or an attempt failed (transiently) for `reason`;
    /// `None` once they succeed again.
    pub fn set_failing(&self, reason: Option<String>) {
        self.state().failing = reason;
    }

    /// Partitions the group gave this member (added to those it holds).
    pub fn assign<T: AsRef<str>>(&self, partitions: impl IntoIterator<Item = (T, i32)>) {
        let mut state = self.state();
        state.assigned.extend(
            partitions
                .into_iter()
                .map(|(t, p)| (t.as_ref().to_string(), p)),
        );
        self.update_assignment(&mut state);
    }

    /// Partitions taken from this member: their lag series go with them, so
    /// a stale figure never stands for a partition another member now reads.
    pub fn revoke<T: AsRef<str>>(&self, partitions: impl IntoIterator<Item = (T, i32)>) {
        let mut state = self.state();
        for (topic, partition) in partitions {
            let topic = topic.as_ref();
            state.assigned.remove(&(topic.to_string(), partition));
            let _ = self
                .0
                .metrics
                .consumer_lag
                .remove_label_values(&[topic, &partition.to_string()]);
        }
        self.update_assignment(&mut state);
    }

    /// Whether this member holds the partition now.
    pub fn holds(&self, topic: &str, partition: i32) -> bool {
        self.state()
            .assigned
            .contains(&(topic.to_string(), partition))
    }

    fn update_assignment(&self, state: &mut State) {
        let n = state.assigned.len();
        self.0.metrics.partitions_assigned.set(n as i64);
        self.0.metrics.no_partitions_assigned.set(i64::from(n == 0));
        state.unassigned_since = match (n, state.unassigned_since) {
            (0, None) => Some(Instant::now()),
            (0, since) => since,
            _ => None,
        };
    }

    /// `Ok` when ready, else the reason it is not.
    pub fn status(&self) -> Result<(), String> {
        if !self.0.running.load(Ordering::Relaxed) {
            return Err("not running (starting or stopping)".into());
        }
        if !self.0.broker_up.load(Ordering::Relaxed) {
            return Err("no broker connection is up".into());
        }
        let state = self.state();
        if let Some(reason) = &state.failing {
            return Err(format!("failing: {reason}"));
        }
        if let Some(since) = state.unassigned_since {
            let idle = since.elapsed();
            if idle > self.0.max_unassigned {
                return Err(format!(
                    "no partitions assigned for {} s (limit {} s)",
                    idle.as_secs(),
                    self.0.max_unassigned.as_secs()
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health(max_unassigned: Duration) -> Health {
        let h = Health::new(max_unassigned, Metrics::new("test"));
        h.set_running(true);
        h.set_broker_up(true);
        h
    }

    #[test]
    fn a_member_without_partitions_past_the_limit_is_not_ready() {
        let h = health(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(5));
        let reason = h.status().unwrap_err();
        assert!(reason.contains("no partitions assigned"), "{reason}");
        h.assign([("raw", 0), ("raw", 1)]);
        assert_eq!(h.status(), Ok(()));
        h.revoke([("raw", 0)]);
        assert_eq!(h.status(), Ok(()), "one partition left");
        h.revoke([("raw", 1)]);
        std::thread::sleep(Duration::from_millis(5));
        assert!(h.status().is_err());
    }

    #[test]
    fn a_member_without_partitions_within_the_limit_is_ready() {
        let h = health(Duration::from_secs(3600));
        assert_eq!(h.status(), Ok(()));
    }

    #[test]
    fn broker_down_failures_and_stopping_are_not_ready() {
        let h = health(Duration::from_secs(3600));
        h.set_broker_up(false);
        assert!(h.status().unwrap_err().contains("broker"));
        h.set_broker_up(true);
        h.set_failing(Some("database_unavailable: connection refused".into()));
        assert!(h.status().unwrap_err().contains("database_unavailable"));
        h.set_failing(None);
        h.set_running(false);
        assert!(h.status().unwrap_err().contains("not running"));
    }

    #[test]
    fn revoked_partitions_lose_their_lag_series() {
        let metrics = Metrics::new("test");
        let h = Health::new(Duration::from_secs(60), metrics.clone());
        h.assign([("raw", 0), ("raw", 1)]);
        metrics.consumer_lag.with_label_values(&["raw", "0"]).set(5);
        metrics.consumer_lag.with_label_values(&["raw", "1"]).set(7);
        h.revoke([("raw", 0)]);
        let text = metrics.render();
        assert!(!text.contains("partition=\"0\""), "{text}");
        assert!(text.contains("partition=\"1\""), "{text}");
        assert!(
            text.contains("wirefeed_partitions_assigned{service=\"test\"} 1"),
            "{text}"
        );
        assert!(h.holds("raw", 1) && !h.holds("raw", 0));
    }
}
