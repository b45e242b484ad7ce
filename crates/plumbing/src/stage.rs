//! The consume → process → acknowledge loop every service runs.
//!
//! For each message, in partition order:
//! 1. the handler computes its effect (a database commit, records to produce);
//! 2. produced records are awaited until the broker acknowledges them;
//! 3. a permanent failure sends the message to the dead-letter topic instead,
//!    awaited the same way;
//! 4. only then is the message's offset stored for the next commit.
//!
//! A transient failure pauses this loop with capped exponential backoff and
//! retries the same message, so nothing is skipped; downstream writes are
//! idempotent, so a retry or a replay after a crash changes nothing twice.

use std::future::Future;
use std::time::{Duration, Instant};

use rdkafka::consumer::{CommitMode, Consumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{BorrowedMessage, Header, OwnedHeaders};
use rdkafka::producer::FutureProducer;
use rdkafka::Message;
use tracing::Instrument;

use crate::events::{
    InternalEvent, MessageConsumed, MessageDeadLettered, MessageProduced, Origin, TransientFailure,
};
use crate::http::Readiness;
use crate::kafka::{self, StageConsumer};
use crate::settings::Settings;
use crate::{Metrics, Shutdown, StageError};

/// Dead letters keep at most this much of the original payload, so a message
/// rejected for its size can still be dead-lettered under the broker's limit.
pub const DLQ_MAX_PAYLOAD_BYTES: usize = 512 * 1024;

/// One consumed message, owned so handlers can move it to worker threads.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub origin: Origin,
    pub key: Option<Vec<u8>>,
    pub payload: Vec<u8>,
}

impl Incoming {
    fn from_message(m: &BorrowedMessage<'_>) -> Incoming {
        Incoming {
            origin: Origin {
                topic: m.topic().to_string(),
                partition: m.partition(),
                offset: m.offset(),
            },
            key: m.key().map(<[u8]>::to_vec),
            payload: m.payload().map(<[u8]>::to_vec).unwrap_or_default(),
        }
    }
}

/// A record a handler wants produced before its input is acknowledged.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub topic: String,
    pub key: Option<String>,
    pub payload: Vec<u8>,
}

/// A service's processing of one message.
pub trait Handler: Send + Sync {
    /// The stage name used in metrics and dead-letter headers.
    fn stage(&self) -> &'static str;

    /// Makes the message's effect durable, or returns records to produce.
    fn handle(
        &self,
        message: &Incoming,
    ) -> impl Future<Output = Result<Vec<Outgoing>, StageError>> + Send;
}

enum Outcome {
    Done,
    Interrupted,
}

pub struct StageRunner<H> {
    consumer: StageConsumer,
    producer: FutureProducer,
    handler: H,
    metrics: Metrics,
    settings: Settings,
    readiness: Readiness,
}

impl<H: Handler> StageRunner<H> {
    pub fn new(
        settings: &Settings,
        input_topic: &str,
        handler: H,
        metrics: Metrics,
        readiness: Readiness,
    ) -> Result<StageRunner<H>, KafkaError> {
        let consumer = kafka::consumer(settings, &[input_topic], metrics.clone())?;
        let producer = kafka::producer(settings)?;
        Ok(StageRunner {
            consumer,
            producer,
            handler,
            metrics,
            settings: settings.clone(),
            readiness,
        })
    }

    pub fn consumer(&self) -> &StageConsumer {
        &self.consumer
    }

    /// Runs until shutdown, then commits what is durable and returns.
    pub async fn run(self, mut shutdown: Shutdown) {
        tracing::info!(stage = self.handler.stage(), "stage running");
        loop {
            let received = tokio::select! {
                biased;
                _ = shutdown.wait() => break,
                received = self.consumer.recv() => received,
            };
            let message = match received {
                Ok(m) => m,
                Err(e) => {
                    // Broker trouble surfaces here; librdkafka reconnects by itself.
                    tracing::warn!(error = %e, "consumer error");
                    tokio::select! {
                        _ = shutdown.wait() => break,
                        _ = tokio::time::sleep(Duration::from_secs(1)) => continue,
                    }
                }
            };
            self.readiness.set(true);
            let incoming = Incoming::from_message(&message);
            MessageConsumed {
                topic: &incoming.origin.topic,
            }
            .emit(&self.metrics);
            let span = tracing::info_span!(
                "message",
                topic = %incoming.origin.topic,
                partition = incoming.origin.partition,
                offset = incoming.origin.offset
            );
            let started = Instant::now();
            match self
                .process(&incoming, &mut shutdown)
                .instrument(span)
                .await
            {
                Outcome::Done => {
                    self.metrics
                        .processing_seconds
                        .with_label_values(&[self.handler.stage()])
                        .observe(started.elapsed().as_secs_f64());
                    if let Err(e) = self.consumer.store_offset_from_message(&message) {
                        // The partition was revoked meanwhile; its new owner
                        // replays this message and idempotence absorbs it.
                        tracing::warn!(error = %e, "could not store offset");
                    }
                }
                Outcome::Interrupted => break,
            }
        }
        self.readiness.set(false);
        match self.consumer.commit_consumer_state(CommitMode::Sync) {
            Ok(()) | Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
            Err(e) => tracing::warn!(error = %e, "final commit failed"),
        }
        tracing::info!(stage = self.handler.stage(), "stage stopped");
    }

    async fn process(&self, incoming: &Incoming, shutdown: &mut Shutdown) -> Outcome {
        let mut backoff = Duration::from_millis(self.settings.retry.initial_backoff_ms);
        let max_backoff = Duration::from_millis(self.settings.retry.max_backoff_ms);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = match self.handler.handle(incoming).await {
                Ok(outputs) => match self.deliver(&outputs).await {
                    Err(e) if !e.is_transient() => self.dead_letter(incoming, &e).await,
                    other => other,
                },
                Err(e) if !e.is_transient() => self.dead_letter(incoming, &e).await,
                Err(e) => Err(e),
            };
            let Err(error) = result else {
                return Outcome::Done;
            };
            TransientFailure {
                origin: &incoming.origin,
                error: &error,
                attempt,
                backoff_ms: backoff.as_millis() as u64,
            }
            .emit(&self.metrics);
            tokio::select! {
                _ = shutdown.wait() => return Outcome::Interrupted,
                _ = tokio::time::sleep(backoff) => {}
            }
            backoff = (backoff * 2).min(max_backoff);
        }
    }

    async fn deliver(&self, outputs: &[Outgoing]) -> Result<(), StageError> {
        let timeout = Duration::from_millis(self.settings.kafka.delivery_timeout_ms);
        for out in outputs {
            kafka::send(
                &self.producer,
                &out.topic,
                out.key.as_deref().map(str::as_bytes),
                &out.payload,
                None,
                timeout,
            )
            .await?;
            MessageProduced { topic: &out.topic }.emit(&self.metrics);
        }
        Ok(())
    }

    /// Sends the original message to the dead-letter topic with headers that
    /// say why and where from. Failing to reach the broker is transient.
    async fn dead_letter(&self, incoming: &Incoming, error: &StageError) -> Result<(), StageError> {
        let headers = dead_letter_headers(self.handler.stage(), incoming, error);
        let payload = &incoming.payload[..incoming.payload.len().min(DLQ_MAX_PAYLOAD_BYTES)];
        let timeout = Duration::from_millis(self.settings.kafka.delivery_timeout_ms);
        match kafka::send(
            &self.producer,
            &self.settings.topics.dlq,
            incoming.key.as_deref(),
            payload,
            Some(headers),
            timeout,
        )
        .await
        {
            Ok(()) => {}
            // Even a truncated payload was refused: keep the headers alone.
            Err(e) if !e.is_transient() => {
                let headers = dead_letter_headers(self.handler.stage(), incoming, error);
                kafka::send(
                    &self.producer,
                    &self.settings.topics.dlq,
                    None,
                    b"",
                    Some(headers),
                    timeout,
                )
                .await
                .map_err(|e| StageError::transient("broker_unavailable", e.reason))?;
            }
            Err(e) => return Err(e),
        }
        MessageDeadLettered {
            origin: &incoming.origin,
            error,
        }
        .emit(&self.metrics);
        Ok(())
    }
}

fn dead_letter_headers(stage: &str, incoming: &Incoming, error: &StageError) -> OwnedHeaders {
    use wirefeed_model::dlq_headers as h;
    let partition = incoming.origin.partition.to_string();
    let offset = incoming.origin.offset.to_string();
    let failed_at = chrono::Utc::now().to_rfc3339();
    let truncated = (incoming.payload.len() > DLQ_MAX_PAYLOAD_BYTES).to_string();
    OwnedHeaders::new()
        .insert(Header {
            key: h::STAGE,
            value: Some(stage),
        })
        .insert(Header {
            key: h::ERROR_KIND,
            value: Some(error.kind),
        })
        .insert(Header {
            key: h::REASON,
            value: Some(error.reason.as_str()),
        })
        .insert(Header {
            key: h::SOURCE_TOPIC,
            value: Some(incoming.origin.topic.as_str()),
        })
        .insert(Header {
            key: h::SOURCE_PARTITION,
            value: Some(partition.as_str()),
        })
        .insert(Header {
            key: h::SOURCE_OFFSET,
            value: Some(offset.as_str()),
        })
        .insert(Header {
            key: h::FAILED_AT,
            value: Some(failed_at.as_str()),
        })
        .insert(Header {
            key: "wirefeed.truncated",
            value: Some(truncated.as_str()),
        })
}
