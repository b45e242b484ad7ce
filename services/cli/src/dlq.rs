//! `wirefeed dlq`: read dead letters and replay chosen ones.

use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use serde_json::{json, Map, Value};
use wirefeed_model::dlq_headers;
use wirefeed_plumbing::{kafka, Settings};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Print every dead letter as a JSON line: where it came from and why.
    List {
        /// Only dead letters of this error kind.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Publish dead letters back to the raw topic (after a fix).
    Replay {
        /// Only dead letters of this error kind.
        #[arg(long)]
        kind: Option<String>,
        /// Only this dead letter, as PARTITION:OFFSET in the dead-letter topic.
        #[arg(long)]
        at: Vec<String>,
        /// Only those that came from the raw topic (the default), or from any stage.
        #[arg(long)]
        any_stage: bool,
    },
}

/// One record of the dead-letter topic.
pub struct DeadLetter {
    pub partition: i32,
    pub offset: i64,
    pub headers: Map<String, Value>,
    pub key: Option<Vec<u8>>,
    pub payload: Vec<u8>,
}

impl DeadLetter {
    /// A header's value, or "" when the record does not have it.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(Value::as_str).unwrap_or("")
    }

    /// Where the record is in the dead-letter topic, as PARTITION:OFFSET.
    pub fn position(&self) -> String {
        format!("{}:{}", self.partition, self.offset)
    }
}

/// Which dead letters a replay publishes again.
#[derive(Default)]
pub struct Selection {
    /// Only dead letters of this error kind.
    pub kind: Option<String>,
    /// Only these PARTITION:OFFSET positions (all when empty).
    pub at: Vec<String>,
    /// Also dead letters of later stages, not only of the raw topic.
    pub any_stage: bool,
}

impl Selection {
    fn matches(&self, l: &DeadLetter, raw_topic: &str) -> bool {
        self.kind
            .as_deref()
            .is_none_or(|k| l.header(dlq_headers::ERROR_KIND) == k)
            && (self.at.is_empty() || self.at.contains(&l.position()))
            && (self.any_stage || l.header(dlq_headers::SOURCE_TOPIC) == raw_topic)
    }
}

/// What a replay did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReplayReport {
    pub replayed: usize,
    /// Selected, but stored truncated (too large to keep whole): not replayed.
    pub skipped_truncated: Vec<String>,
}

/// Publishes the selected dead letters to the raw topic again, with their
/// original key and bytes, waiting for the broker's acknowledgement of each.
pub async fn replay(
    settings: &Settings,
    letters: &[DeadLetter],
    selection: &Selection,
) -> anyhow::Result<ReplayReport> {
    let producer = kafka::producer(settings)?;
    let timeout = Duration::from_millis(settings.kafka.delivery_timeout_ms);
    let mut report = ReplayReport::default();
    for l in letters
        .iter()
        .filter(|l| selection.matches(l, &settings.topics.raw))
    {
        if l.header("wirefeed.truncated") == "true" {
            report.skipped_truncated.push(l.position());
            continue;
        }
        kafka::send(
            &producer,
            &settings.topics.raw,
            l.key.as_deref(),
            &l.payload,
            None,
            timeout,
        )
        .await?;
        report.replayed += 1;
    }
    Ok(report)
}

pub async fn run(settings: &Settings, cmd: Command) -> anyhow::Result<()> {
    let letters = read_all(settings)?;
    match cmd {
        Command::List { kind } => {
            for l in letters.iter().filter(|l| {
                kind.as_deref()
                    .is_none_or(|k| l.header(dlq_headers::ERROR_KIND) == k)
            }) {
                let line = json!({
                    "partition": l.partition,
                    "offset": l.offset,
                    "headers": l.headers,
                    "payload_preview": String::from_utf8_lossy(&l.payload[..l.payload.len().min(200)]),
                });
                println!("{line}");
            }
            eprintln!("{} dead letters", letters.len());
        }
        Command::Replay {
            kind,
            at,
            any_stage,
        } => {
            let selection = Selection {
                kind,
                at,
                any_stage,
            };
            let report = replay(settings, &letters, &selection).await?;
            for pos in &report.skipped_truncated {
                eprintln!("skipping {pos}: its payload was truncated when dead-lettered");
            }
            eprintln!(
                "replayed {} dead letters to {}",
                report.replayed, settings.topics.raw
            );
        }
    }
    Ok(())
}

/// Reads the dead-letter topic from the start to its current end, without
/// joining a consumer group (nothing is committed).
pub fn read_all(settings: &Settings) -> anyhow::Result<Vec<DeadLetter>> {
    let mut config = kafka::client_config(&settings.kafka);
    config
        .set("group.id", "wirefeed-dlq-reader")
        .set("enable.auto.commit", "false");
    let consumer: BaseConsumer = config.create()?;
    let topic = &settings.topics.dlq;
    let metadata = consumer.fetch_metadata(Some(topic), Duration::from_secs(10))?;
    let mut assignment = TopicPartitionList::new();
    let mut ends = Vec::new();
    for t in metadata.topics() {
        for p in t.partitions() {
            let (low, high) = consumer.fetch_watermarks(topic, p.id(), Duration::from_secs(10))?;
            if high > low {
                assignment.add_partition_offset(topic, p.id(), Offset::Offset(low))?;
                ends.push((p.id(), high));
            }
        }
    }
    let mut letters = Vec::new();
    if ends.is_empty() {
        return Ok(letters);
    }
    consumer.assign(&assignment)?;
    let mut remaining = ends.len();
    let mut done = std::collections::HashSet::new();
    while remaining > 0 {
        let Some(msg) = consumer.poll(Duration::from_secs(10)) else {
            anyhow::bail!("timed out reading the dead-letter topic");
        };
        let msg = msg?;
        let mut headers = Map::new();
        if let Some(hs) = msg.headers() {
            for h in hs.iter() {
                headers.insert(
                    h.key.to_string(),
                    Value::String(
                        String::from_utf8_lossy(h.value.unwrap_or_default()).into_owned(),
                    ),
                );
            }
        }
        letters.push(DeadLetter {
            partition: msg.partition(),
            offset: msg.offset(),
            headers,
            key: msg.key().map(<[u8]>::to_vec),
            payload: msg.payload().unwrap_or_default().to_vec(),
        });
        let end = ends
            .iter()
            .find(|(p, _)| *p == msg.partition())
            .map(|(_, h)| *h)
            .unwrap_or(0);
        if msg.offset() + 1 >= end && done.insert(msg.partition()) {
            remaining -= 1;
        }
    }
    Ok(letters)
}
