//! Kafka clients configured the one way wirefeed uses them: offsets stored
//! by hand only after an effect is durable, committed on revoke and on exit.

use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{
    BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance, StreamConsumer,
};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::OwnedHeaders;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::statistics::Statistics;
use rdkafka::TopicPartitionList;

use crate::health::Health;
use crate::settings::{KafkaSettings, Settings};
use crate::{Metrics, StageError};

/// Base librdkafka configuration: brokers plus every pass-through property.
pub fn client_config(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", &kafka.brokers);
    for (key, value) in &kafka.properties {
        config.set(key, value);
    }
    config
}

/// Reports consumer lag and broker reachability from librdkafka statistics,
/// keeps the service's health up to date with its assignment, and commits
/// stored offsets before partitions are revoked, so the next owner starts
/// exactly after the last durable message.
pub struct StageContext {
    metrics: Metrics,
    health: Health,
}

impl ClientContext for StageContext {
    fn stats(&self, statistics: Statistics) {
        self.health
            .set_broker_up(statistics.brokers.values().any(|b| b.state == "UP"));
        for (topic, t) in &statistics.topics {
            for (partition, p) in &t.partitions {
                // -1 is librdkafka's "internal UA partition" and unknown lag.
                // Partitions this member no longer holds keep appearing in
                // the statistics for a while: their lag is another's now.
                if *partition >= 0 && p.consumer_lag >= 0 && self.health.holds(topic, *partition) {
                    self.metrics
                        .consumer_lag
                        .with_label_values(&[topic, &partition.to_string()])
                        .set(p.consumer_lag);
                }
            }
        }
    }
}

/// The (topic, partition) pairs of a rebalance's list.
fn pairs(list: &TopicPartitionList) -> Vec<(String, i32)> {
    list.elements()
        .iter()
        .map(|e| (e.topic().to_string(), e.partition()))
        .collect()
}

impl ConsumerContext for StageContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(partitions) = rebalance {
            // Messages are processed on the thread that polls, so nothing is
            // in flight here: every stored offset is a durable one.
            match consumer.commit_consumer_state(CommitMode::Sync) {
                Ok(()) | Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
                Err(e) => tracing::warn!(error = %e, "commit before revoke failed"),
            }
            self.health.revoke(pairs(partitions));
            tracing::info!(partitions = partitions.count(), "partitions revoked");
        }
    }

    fn post_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Assign(partitions) = rebalance {
            self.health.assign(pairs(partitions));
            tracing::info!(partitions = partitions.count(), "partitions assigned");
        }
    }
}

pub type StageConsumer = StreamConsumer<StageContext>;

/// A consumer in the service's group, subscribed to `topics`.
pub fn consumer(
    settings: &Settings,
    topics: &[&str],
    metrics: Metrics,
    health: Health,
) -> Result<StageConsumer, KafkaError> {
    let mut config = client_config(&settings.kafka);
    config
        .set("group.id", &settings.kafka.group_id)
        // Offsets are stored only after an effect is durable (see stage.rs);
        // the automatic commit then sends just those.
        .set("enable.auto.offset.store", "false")
        .set("enable.auto.commit", "true")
        .set("auto.commit.interval.ms", "1000")
        .set("auto.offset.reset", "earliest")
        // A fetch waits at most this long for data before returning empty.
        // Each of the pipeline's three hops can wait that long for a lone
        // message, so librdkafka's 500 ms default would add up to 1.5 s of
        // latency at low load; 50 ms costs a few idle fetches a second.
        .set("fetch.wait.max.ms", "50")
        // A record is fetched whole whatever its size, up to this bound on
        // one fetch response: well over the topics' limit (record_limit_bytes,
        // 8 MiB and a little), so a record on a topic made with a larger
        // limit still arrives, is dead-lettered as too_large and never
        // sticks its partition.
        .set("receive.message.max.bytes", (128 * 1024 * 1024).to_string())
        .set(
            "statistics.interval.ms",
            settings.kafka.statistics_interval_ms.to_string(),
        );
    // Pass-through properties win over the defaults above, except the two
    // that at-least-once delivery depends on.
    for (key, value) in &settings.kafka.properties {
        if key != "enable.auto.offset.store" && key != "group.id" {
            config.set(key, value);
        }
    }
    let consumer: StageConsumer = config.create_with_context(StageContext { metrics, health })?;
    consumer.subscribe(topics)?;
    Ok(consumer)
}

/// A producer that waits for every in-sync replica.
pub fn producer(settings: &Settings) -> Result<FutureProducer, KafkaError> {
    let mut config = client_config(&settings.kafka);
    config
        .set("acks", "all")
        .set(
            "message.timeout.ms",
            settings.kafka.delivery_timeout_ms.to_string(),
        )
        .set("linger.ms", "5")
        .set("compression.type", "lz4")
        // Pages up to the configured limit must fit, plus envelope overhead.
        .set(
            "message.max.bytes",
            record_limit_bytes(settings).to_string(),
        );
    for (key, value) in &settings.kafka.properties {
        config.set(key, value);
    }
    config.create()
}

/// The largest record wirefeed produces: a page at the configured limit
/// plus the envelope around it. Producers and the topics `create_topics`
/// makes use this one figure, so the broker never accepts a record that the
/// producer would refuse, or the other way round.
pub fn record_limit_bytes(settings: &Settings) -> usize {
    settings.limits.max_message_bytes + 64 * 1024
}

/// The four topics of the pipeline, as configured.
pub fn pipeline_topics(settings: &Settings) -> [&str; 4] {
    [
        &settings.topics.raw,
        &settings.topics.normalized,
        &settings.topics.deduped,
        &settings.topics.dlq,
    ]
}

/// Creates `topics` with `partitions` each and wirefeed's record size
/// limit. A topic that already exists is left as it is; its name is
/// returned among the existing ones.
pub async fn create_topics(
    settings: &Settings,
    topics: &[&str],
    partitions: i32,
) -> Result<TopicsCreated, KafkaError> {
    use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
    use rdkafka::client::DefaultClientContext;

    let admin: AdminClient<DefaultClientContext> = client_config(&settings.kafka).create()?;
    let limit = record_limit_bytes(settings).to_string();
    let new: Vec<NewTopic> = topics
        .iter()
        .map(|t| {
            NewTopic::new(t, partitions, TopicReplication::Fixed(1))
                .set("max.message.bytes", &limit)
        })
        .collect();
    let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    let mut report = TopicsCreated::default();
    for result in admin.create_topics(&new, &options).await? {
        match result {
            Ok(name) => report.created.push(name),
            Err((name, RDKafkaErrorCode::TopicAlreadyExists)) => report.existing.push(name),
            Err((name, code)) => {
                tracing::error!(topic = %name, error = %code, "cannot create topic");
                return Err(KafkaError::AdminOp(code));
            }
        }
    }
    Ok(report)
}

/// What `create_topics` did.
#[derive(Debug, Default)]
pub struct TopicsCreated {
    pub created: Vec<String>,
    pub existing: Vec<String>,
}

/// Sends one record and waits for the broker's acknowledgement.
pub async fn send(
    producer: &FutureProducer,
    topic: &str,
    key: Option<&[u8]>,
    payload: &[u8],
    headers: Option<OwnedHeaders>,
    timeout: Duration,
) -> Result<(), StageError> {
    let mut record: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(topic).payload(payload);
    if let Some(key) = key {
        record = record.key(key);
    }
    if let Some(headers) = headers {
        record = record.headers(headers);
    }
    match producer.send(record, timeout).await {
        Ok(_) => Ok(()),
        Err((e, _)) => Err(classify_kafka(&e)),
    }
}

/// Classifies a produce error: a record the broker will never accept is
/// permanent; anything about reaching the broker is transient.
pub fn classify_kafka(err: &KafkaError) -> StageError {
    match err.rdkafka_error_code() {
        Some(RDKafkaErrorCode::MessageSizeTooLarge)
        | Some(RDKafkaErrorCode::InvalidMessageSize)
        | Some(RDKafkaErrorCode::InvalidMessage)
        | Some(RDKafkaErrorCode::InvalidRecord) => {
            StageError::permanent("output_rejected", err.to_string())
        }
        _ => StageError::transient("broker_unavailable", err.to_string()),
    }
}
