//! The consume → process → acknowledge loop every service runs.
//!
//! For each message, in partition order (a handler may take several
//! consecutive messages at once, e.g. into one database transaction):
//! 1. the handler computes its effect (a database commit, records to produce);
//! 2. produced records are awaited until the broker acknowledges them;
//! 3. a permanent failure sends the message to the dead-letter topic instead,
//!    awaited the same way;
//! 4. only then is the message's offset stored for the next commit.
//!
//! A transient failure pauses this loop with capped exponential backoff and
//! retries the same message, so nothing is skipped; downstream writes are
//! idempotent, so a retry or a replay after a crash changes nothing twice.

use std::collections::VecDeque;
use std::future::Future;
use std::time::{Duration, Instant};

use futures::FutureExt;
use rdkafka::consumer::{CommitMode, Consumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::BorrowedMessage;
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord};
use rdkafka::Message;
use tracing::Instrument;

use crate::events::{InternalEvent, MessageConsumed, MessageDeadLettered, MessageProduced, Origin};
use crate::health::Health;
use crate::kafka::{self, StageConsumer};
use crate::settings::Settings;
use crate::{Metrics, Shutdown, StageError};
use backoff::Backoff;
use dead_letter::dead_letter_headers;

mod backoff;
mod dead_letter;

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

    /// Checks what the handler needs besides Kafka (its database), for
    /// `/health/ready`: `Err` says what is unreachable. Nothing by default.
    fn check_dependencies(&self) -> impl Future<Output = Result<(), String>> + Send {
        async { Ok(()) }
    }

    /// The most messages `handle_batch` takes at once; 1 turns batching off.
    fn max_batch(&self) -> usize {
        1
    }

    /// Handles consecutive messages together (one database transaction,
    /// say), returning one result per message, in order. A message's
    /// permanent failure must not fail the others. By default: one by one.
    fn handle_batch(
        &self,
        batch: &[&Incoming],
    ) -> impl Future<Output = Vec<Result<Vec<Outgoing>, StageError>>> + Send {
        async move {
            let mut results = Vec::with_capacity(batch.len());
            for message in batch {
                results.push(self.handle(message).await);
            }
            results
        }
    }
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
    health: Health,
}

/// How often an idle service checks its dependencies for `/health/ready`.
const DEPENDENCY_CHECK_INTERVAL: Duration = Duration::from_secs(5);
const DEPENDENCY_CHECK_TIMEOUT: Duration = Duration::from_secs(3);

impl<H: Handler> StageRunner<H> {
    pub fn new(
        settings: &Settings,
        input_topic: &str,
        handler: H,
        metrics: Metrics,
        health: Health,
    ) -> Result<StageRunner<H>, KafkaError> {
        let consumer = kafka::consumer(settings, &[input_topic], metrics.clone(), health.clone())?;
        let producer = kafka::producer(settings)?;
        Ok(StageRunner {
            consumer,
            producer,
            handler,
            metrics,
            settings: settings.clone(),
            health,
        })
    }

    pub fn consumer(&self) -> &StageConsumer {
        &self.consumer
    }

    /// Runs until shutdown, then commits what is durable and returns.
    ///
    /// Records a message produces are sent without waiting; the message
    /// joins an in-order queue and its offset is stored only when every
    /// record of it, and of every message before it, is acknowledged.
    pub async fn run(self, mut shutdown: Shutdown) {
        tracing::info!(stage = self.handler.stage(), "stage running");
        let mut queue: VecDeque<InFlight> = VecDeque::new();
        let mut queued_bytes = 0usize;
        let limits = &self.settings.limits;
        let mut dependency_check = tokio::time::interval(DEPENDENCY_CHECK_INTERVAL);
        self.health.set_running(true);
        'run: loop {
            // Acknowledge, in order, whatever the broker has confirmed.
            while queue.front_mut().is_some_and(InFlight::poll_done)
                || queue.len() >= limits.max_in_flight.max(1)
                || queued_bytes > limits.max_in_flight_bytes
            {
                let Some(done) = queue.pop_front() else { break };
                queued_bytes -= done.bytes;
                if let Outcome::Interrupted = self.acknowledge(done, &mut shutdown).await {
                    break 'run;
                }
            }
            let received = tokio::select! {
                biased;
                _ = shutdown.wait() => break,
                _ = dependency_check.tick() => {
                    self.check_dependencies().await;
                    continue;
                }
                received = self.consumer.recv() => received,
                // While records await acknowledgement, wake to store offsets
                // even when no new message comes.
                _ = tokio::time::sleep(Duration::from_millis(20)), if !queue.is_empty() => continue,
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
            let mut batch = vec![Incoming::from_message(&message)];
            drop(message);
            // Whatever else is already fetched joins the batch; nothing waits
            // for more to arrive.
            while batch.len() < self.handler.max_batch() {
                match self.consumer.recv().now_or_never() {
                    Some(Ok(m)) => batch.push(Incoming::from_message(&m)),
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, "consumer error");
                        break;
                    }
                    None => break,
                }
            }
            for incoming in &batch {
                MessageConsumed {
                    topic: &incoming.origin.topic,
                }
                .emit(&self.metrics);
            }
            let first = &batch[0].origin;
            let span = tracing::info_span!(
                "messages",
                topic = %first.topic,
                partition = first.partition,
                offset = first.offset,
                count = batch.len()
            );
            let started = Instant::now();
            match self.process(&batch, &mut shutdown).instrument(span).await {
                Processed::Outputs(outputs) => {
                    for (incoming, outputs) in batch.into_iter().zip(outputs) {
                        let in_flight = self.send_all(incoming.origin, outputs, started);
                        queued_bytes += in_flight.bytes;
                        queue.push_back(in_flight);
                    }
                }
                Processed::Interrupted => break,
            }
        }
        // Finish what is in flight (acknowledged records keep their offsets
        // stored), then commit. A hung broker is cut short by the grace period.
        while let Some(done) = queue.pop_front() {
            if let Outcome::Interrupted = self.acknowledge(done, &mut shutdown).await {
                break;
            }
        }
        self.health.set_running(false);
        match self.consumer.commit_consumer_state(CommitMode::Sync) {
            Ok(()) | Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
            Err(e) => tracing::warn!(error = %e, "final commit failed"),
        }
        tracing::info!(stage = self.handler.stage(), "stage stopped");
    }

    /// Records for `/health/ready` whether the handler's dependencies answer.
    async fn check_dependencies(&self) {
        let failing =
            match tokio::time::timeout(DEPENDENCY_CHECK_TIMEOUT, self.handler.check_dependencies())
                .await
            {
                Ok(Ok(())) => None,
                Ok(Err(reason)) => Some(reason),
                Err(_) => Some(format!(
                    "dependency check took over {} s",
                    DEPENDENCY_CHECK_TIMEOUT.as_secs()
                )),
            };
        self.health.set_failing(failing);
    }

    /// Runs the handler until every message of the batch has succeeded or
    /// failed permanently (then it is dead-lettered); transient failures
    /// pause and retry the messages they hit, and only those.
    async fn process(&self, batch: &[Incoming], shutdown: &mut Shutdown) -> Processed {
        let mut results: Vec<Option<Vec<Outgoing>>> = vec![None; batch.len()];
        let mut pending: Vec<usize> = (0..batch.len()).collect();
        let mut backoff = Backoff::new(&self.settings, &self.health);
        loop {
            let messages: Vec<&Incoming> = pending.iter().map(|&i| &batch[i]).collect();
            let outcomes = self.handler.handle_batch(&messages).await;
            let mut retry = Vec::new();
            let mut transient = None;
            for (&i, outcome) in pending.iter().zip(outcomes) {
                let incoming = &batch[i];
                let failed = match outcome {
                    Ok(outputs) => {
                        results[i] = Some(outputs);
                        continue;
                    }
                    Err(e) if !e.is_transient() => self
                        .dead_letter(
                            &incoming.origin,
                            Some(&incoming.payload),
                            incoming.key.as_deref(),
                            &e,
                        )
                        .await
                        .map(|()| results[i] = Some(Vec::new())),
                    Err(e) => Err(e),
                };
                if let Err(e) = failed {
                    retry.push(i);
                    transient.get_or_insert(e);
                }
            }
            let Some(error) = transient else {
                if backoff.attempt > 0 {
                    self.health.set_failing(None);
                }
                return Processed::Outputs(
                    results.into_iter().map(Option::unwrap_or_default).collect(),
                );
            };
            pending = retry;
            if backoff
                .wait(&self.metrics, &batch[pending[0]].origin, &error, shutdown)
                .await
                .is_err()
            {
                return Processed::Interrupted;
            }
        }
    }

    /// Hands every output to the producer without waiting for the broker.
    fn send_all(&self, origin: Origin, outputs: Vec<Outgoing>, started: Instant) -> InFlight {
        let mut deliveries = Vec::with_capacity(outputs.len());
        for out in &outputs {
            let mut record: FutureRecord<'_, str, [u8]> =
                FutureRecord::to(&out.topic).payload(&out.payload);
            if let Some(key) = &out.key {
                record = record.key(key);
            }
            // A full local queue is reported as a failed delivery and retried
            // in `acknowledge`, like any transient produce failure.
            deliveries.push(match self.producer.send_result(record) {
                Ok(delivery) => Delivery::Pending(delivery),
                Err((e, _)) => Delivery::Failed(kafka::classify_kafka(&e)),
            });
        }
        let bytes = outputs.iter().map(|o| o.payload.len()).sum();
        InFlight {
            origin,
            outputs,
            deliveries,
            bytes,
            started,
        }
    }

    /// Waits for a message's records to be acknowledged, re-sends them on a
    /// transient failure, dead-letters on a permanent one, then stores its offset.
    async fn acknowledge(&self, mut done: InFlight, shutdown: &mut Shutdown) -> Outcome {
        let mut failure = None;
        for delivery in done.deliveries.drain(..) {
            let result = match delivery {
                Delivery::Pending(future) => match future.await {
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err((e, _))) => Err(kafka::classify_kafka(&e)),
                    Err(_) => Err(StageError::transient(
                        "broker_unavailable",
                        "delivery report lost",
                    )),
                },
                Delivery::Failed(e) => Err(e),
                Delivery::Done(r) => r,
            };
            if let Err(e) = result {
                failure.get_or_insert(e);
            }
        }
        if let Some(mut error) = failure {
            // Re-send everything: downstream writes are idempotent.
            let mut backoff = Backoff::new(&self.settings, &self.health);
            loop {
                let result = if error.is_transient() {
                    if backoff
                        .wait(&self.metrics, &done.origin, &error, shutdown)
                        .await
                        .is_err()
                    {
                        return Outcome::Interrupted;
                    }
                    self.deliver(&done.outputs).await
                } else {
                    // The broker refuses the output for good: dead-letter the input
                    // (its coordinates; the payload stays in the source topic).
                    self.dead_letter(&done.origin, None, None, &error)
                        .await
                        .map(|()| {
                            done.outputs.clear();
                        })
                };
                match result {
                    Ok(()) => {
                        self.health.set_failing(None);
                        break;
                    }
                    Err(e) => error = e,
                }
            }
        }
        for out in &done.outputs {
            MessageProduced { topic: &out.topic }.emit(&self.metrics);
        }
        self.metrics
            .processing_seconds
            .with_label_values(&[self.handler.stage()])
            .observe(done.started.elapsed().as_secs_f64());
        if let Err(e) = self.consumer.store_offset(
            &done.origin.topic,
            done.origin.partition,
            done.origin.offset,
        ) {
            // The partition was revoked meanwhile; its new owner replays this
            // message and idempotence absorbs it.
            tracing::debug!(error = %e, "could not store offset");
        }
        Outcome::Done
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
    async fn dead_letter(
        &self,
        origin: &Origin,
        payload: Option<&[u8]>,
        key: Option<&[u8]>,
        error: &StageError,
    ) -> Result<(), StageError> {
        let payload = payload.unwrap_or_default();
        let truncated = payload.len() > DLQ_MAX_PAYLOAD_BYTES;
        let headers = || dead_letter_headers(self.handler.stage(), origin, error, truncated);
        let kept = &payload[..payload.len().min(DLQ_MAX_PAYLOAD_BYTES)];
        let timeout = Duration::from_millis(self.settings.kafka.delivery_timeout_ms);
        let dlq = &self.settings.topics.dlq;
        match kafka::send(&self.producer, dlq, key, kept, Some(headers()), timeout).await {
            Ok(()) => {}
            // Even a truncated payload was refused: keep the headers alone.
            Err(e) if !e.is_transient() => {
                kafka::send(&self.producer, dlq, None, b"", Some(headers()), timeout)
                    .await
                    .map_err(|e| StageError::transient("broker_unavailable", e.reason))?;
            }
            Err(e) => return Err(e),
        }
        MessageDeadLettered { origin, error }.emit(&self.metrics);
        Ok(())
    }
}

enum Processed {
    /// Each message's records to produce, in the batch's order.
    Outputs(Vec<Vec<Outgoing>>),
    Interrupted,
}

enum Delivery {
    Pending(DeliveryFuture),
    Failed(StageError),
    Done(Result<(), StageError>),
}

/// A processed message whose records may still await acknowledgement.
struct InFlight {
    origin: Origin,
    outputs: Vec<Outgoing>,
    deliveries: Vec<Delivery>,
    bytes: usize,
    started: Instant,
}

impl InFlight {
    /// Whether every record is settled (acknowledged or failed), without waiting.
    fn poll_done(&mut self) -> bool {
        for d in &mut self.deliveries {
            if let Delivery::Pending(future) = d {
                match future.now_or_never() {
                    None => return false,
                    Some(Ok(Ok(_))) => *d = Delivery::Done(Ok(())),
                    Some(Ok(Err((e, _)))) => *d = Delivery::Done(Err(kafka::classify_kafka(&e))),
                    Some(Err(_)) => {
                        *d = Delivery::Done(Err(StageError::transient(
                            "broker_unavailable",
                            "delivery report lost",
                        )))
                    }
                }
            }
        }
        true
    }
}
