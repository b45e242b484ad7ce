//! Typed internal events: each occurrence is logged and counted in one
//! place, so a log line and its metric never disagree.

use crate::{Metrics, StageError};

/// Where a message came from, for logs and dead letters.
#[derive(Debug, Clone)]
pub struct Origin {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
}

pub trait InternalEvent {
    fn emit(self, metrics: &Metrics);
}

pub struct MessageConsumed<'a> {
    pub topic: &'a str,
}

impl InternalEvent for MessageConsumed<'_> {
    fn emit(self, metrics: &Metrics) {
        metrics.consumed.with_label_values(&[self.topic]).inc();
    }
}

pub struct MessageProduced<'a> {
    pub topic: &'a str,
}

impl InternalEvent for MessageProduced<'_> {
    fn emit(self, metrics: &Metrics) {
        tracing::debug!(topic = self.topic, "message produced");
        metrics.produced.with_label_values(&[self.topic]).inc();
    }
}

pub struct MessageDeadLettered<'a> {
    pub origin: &'a Origin,
    pub error: &'a StageError,
}

impl InternalEvent for MessageDeadLettered<'_> {
    fn emit(self, metrics: &Metrics) {
        tracing::warn!(
            topic = %self.origin.topic,
            partition = self.origin.partition,
            offset = self.origin.offset,
            kind = self.error.kind,
            reason = %self.error.reason,
            "message dead-lettered"
        );
        metrics
            .dead_lettered
            .with_label_values(&[self.error.kind])
            .inc();
    }
}

pub struct TransientFailure<'a> {
    pub origin: &'a Origin,
    pub error: &'a StageError,
    pub attempt: u32,
    pub backoff_ms: u64,
}

impl InternalEvent for TransientFailure<'_> {
    fn emit(self, metrics: &Metrics) {
        tracing::warn!(
            topic = %self.origin.topic,
            partition = self.origin.partition,
            offset = self.origin.offset,
            kind = self.error.kind,
            reason = %self.error.reason,
            attempt = self.attempt,
            backoff_ms = self.backoff_ms,
            "transient failure; pausing before retry"
        );
        metrics
            .transient_errors
            .with_label_values(&[self.error.kind])
            .inc();
    }
}

pub struct DedupDecided<'a> {
    pub verdict: &'a str,
}

impl InternalEvent for DedupDecided<'_> {
    fn emit(self, metrics: &Metrics) {
        tracing::debug!(verdict = self.verdict, "dedup decision");
        metrics
            .dedup_verdicts
            .with_label_values(&[self.verdict])
            .inc();
    }
}

pub struct ArticlePersisted<'a> {
    pub verdict: &'a str,
}

impl InternalEvent for ArticlePersisted<'_> {
    fn emit(self, metrics: &Metrics) {
        tracing::debug!(verdict = self.verdict, "sighting persisted");
        metrics
            .articles_persisted
            .with_label_values(&[self.verdict])
            .inc();
    }
}

pub struct NormalizeWarning<'a> {
    pub warning: &'a wirefeed_model::Warning,
}

impl InternalEvent for NormalizeWarning<'_> {
    fn emit(self, metrics: &Metrics) {
        tracing::info!(
            kind = %self.warning.kind,
            detail = %self.warning.detail,
            "page kept with a warning"
        );
        metrics
            .normalize_warnings
            .with_label_values(&[&self.warning.kind])
            .inc();
    }
}

pub struct RawPagesArchived<'a> {
    /// stored, already_stored or too_large
    pub result: &'a str,
    pub count: u64,
}

impl InternalEvent for RawPagesArchived<'_> {
    fn emit(self, metrics: &Metrics) {
        if self.count == 0 {
            return;
        }
        if self.result == "too_large" {
            tracing::warn!(
                count = self.count,
                "raw messages over limits.max_message_bytes not archived (the normalizer dead-letters them)"
            );
        } else {
            tracing::debug!(
                result = self.result,
                count = self.count,
                "raw pages archived"
            );
        }
        metrics
            .raw_pages_archived
            .with_label_values(&[self.result])
            .inc_by(self.count);
    }
}
