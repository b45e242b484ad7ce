//! `wirefeed dlq`: read dead letters and replay chosen ones.
//!
//! Both stream the dead-letter topic from its start to the end it had when
//! the command began: one record in memory at a time, whatever the topic's
//! size. A replay publishes each chosen letter, with its original key and
//! bytes, to the topic of the stage that rejected it (the letter's
//! `wirefeed.source_topic`): a page the normalizer refused goes back to the
//! raw topic, a story the persister refused to the deduplicated topic.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use serde_json::{json, Map, Value};
use wirefeed_model::dlq_headers;
use wirefeed_plumbing::{kafka, Settings};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Print dead letters as JSON lines: where each came from and why.
    List {
        /// Only dead letters of this error kind.
        #[arg(long)]
        kind: Option<String>,
        /// Stop after this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Publish dead letters again, each to the topic of the stage that
    /// rejected it (after a fix).
    Replay {
        /// Only dead letters of this error kind.
        #[arg(long)]
        kind: Option<String>,
        /// Only this dead letter, as PARTITION:OFFSET in the dead-letter topic.
        #[arg(long)]
        at: Vec<String>,
        /// Dead letters of every stage; by default only those of the raw topic.
        #[arg(long)]
        any_stage: bool,
        /// Stop after this many.
        #[arg(long)]
        limit: Option<usize>,
        /// Print what would be published, publish nothing.
        #[arg(long)]
        dry_run: bool,
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

    /// The line `dlq list` prints.
    fn to_json(&self) -> Value {
        json!({
            "partition": self.partition,
            "offset": self.offset,
            "headers": self.headers,
            "payload_preview": String::from_utf8_lossy(&self.payload[..self.payload.len().min(200)]),
        })
    }
}

/// Which dead letters a command takes.
#[derive(Default)]
pub struct Selection {
    /// Only dead letters of this error kind.
    pub kind: Option<String>,
    /// Only these PARTITION:OFFSET positions (all when empty).
    pub at: Vec<String>,
    /// Also dead letters of later stages, not only of the raw topic.
    pub any_stage: bool,
    /// At most this many.
    pub limit: Option<usize>,
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

/// What a replay did (or, dry, would do).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReplayReport {
    /// Letters published, by the topic each went to.
    pub replayed: BTreeMap<String, usize>,
    /// Selected, but stored truncated (too large to keep whole): not replayed.
    pub skipped_truncated: Vec<String>,
    /// Selected, but from a topic that is none of this pipeline's inputs.
    pub skipped_unknown_topic: Vec<String>,
}

impl ReplayReport {
    pub fn total(&self) -> usize {
        self.replayed.values().sum()
    }
}

/// The stage input a letter goes back to: its source topic, when that is
/// one of the pipeline's (raw, normalized, deduplicated) topics.
fn replay_topic<'a>(settings: &'a Settings, l: &DeadLetter) -> Option<&'a str> {
    let source = l.header(dlq_headers::SOURCE_TOPIC);
    [
        &settings.topics.raw,
        &settings.topics.normalized,
        &settings.topics.deduped,
    ]
    .into_iter()
    .find(|t| t.as_str() == source)
    .map(String::as_str)
}

/// Publishes the selected dead letters again, each to its stage's input
/// topic, waiting for the broker's acknowledgement of each; with `dry_run`,
/// only counts them. `on_letter` sees each selected letter and its target.
pub async fn replay(
    settings: &Settings,
    selection: &Selection,
    dry_run: bool,
    mut on_letter: impl FnMut(&DeadLetter, Option<&str>),
) -> anyhow::Result<ReplayReport> {
    let producer = kafka::producer(settings)?;
    let timeout = Duration::from_millis(settings.kafka.delivery_timeout_ms);
    let mut report = ReplayReport::default();
    let mut letters = DeadLetterReader::open(settings)?.selected(selection, &settings.topics.raw);
    while let Some(l) = letters.next_letter()? {
        let target = replay_topic(settings, &l);
        on_letter(&l, target);
        let Some(target) = target else {
            report.skipped_unknown_topic.push(l.position());
            continue;
        };
        if l.header("wirefeed.truncated") == "true" {
            report.skipped_truncated.push(l.position());
            continue;
        }
        if !dry_run {
            kafka::send(
                &producer,
                target,
                l.key.as_deref(),
                &l.payload,
                None,
                timeout,
            )
            .await?;
        }
        *report.replayed.entry(target.to_string()).or_default() += 1;
    }
    Ok(report)
}

pub async fn run(settings: &Settings, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::List { kind, limit } => {
            let selection = Selection {
                kind,
                any_stage: true,
                limit,
                ..Selection::default()
            };
            let mut letters =
                DeadLetterReader::open(settings)?.selected(&selection, &settings.topics.raw);
            let mut listed = 0;
            while let Some(l) = letters.next_letter()? {
                println!("{}", l.to_json());
                listed += 1;
            }
            eprintln!("{listed} dead letters");
        }
        Command::Replay {
            kind,
            at,
            any_stage,
            limit,
            dry_run,
        } => {
            let selection = Selection {
                kind,
                at,
                any_stage,
                limit,
            };
            let report = replay(settings, &selection, dry_run, |l, target| {
                if dry_run {
                    println!(
                        "{}",
                        json!({"position": l.position(), "to": target,
                               "kind": l.header(dlq_headers::ERROR_KIND)})
                    );
                }
            })
            .await?;
            for pos in &report.skipped_truncated {
                eprintln!("skipping {pos}: its payload was truncated when dead-lettered");
            }
            for pos in &report.skipped_unknown_topic {
                eprintln!("skipping {pos}: it came from a topic that is no stage's input");
            }
            let verb = if dry_run { "would replay" } else { "replayed" };
            for (topic, n) in &report.replayed {
                eprintln!("{verb} {n} dead letters to {topic}");
            }
            eprintln!("{verb} {} dead letters in all", report.total());
        }
    }
    Ok(())
}

/// Reads the dead-letter topic from the start to the end it had when
/// opened, one record at a time, without joining a consumer group
/// (nothing is committed).
pub struct DeadLetterReader {
    consumer: BaseConsumer,
    /// Partitions not yet read to their end, with that end.
    ends: BTreeMap<i32, i64>,
}

impl DeadLetterReader {
    pub fn open(settings: &Settings) -> anyhow::Result<DeadLetterReader> {
        let mut config = kafka::client_config(&settings.kafka);
        config
            .set("group.id", "wirefeed-dlq-reader")
            .set("enable.auto.commit", "false");
        let consumer: BaseConsumer = config.create()?;
        let topic = &settings.topics.dlq;
        let metadata = consumer.fetch_metadata(Some(topic), Duration::from_secs(10))?;
        let mut assignment = TopicPartitionList::new();
        let mut ends = BTreeMap::new();
        for t in metadata.topics() {
            for p in t.partitions() {
                let (low, high) =
                    consumer.fetch_watermarks(topic, p.id(), Duration::from_secs(10))?;
                if high > low {
                    assignment.add_partition_offset(topic, p.id(), Offset::Offset(low))?;
                    ends.insert(p.id(), high);
                }
            }
        }
        if !ends.is_empty() {
            consumer.assign(&assignment)?;
        }
        Ok(DeadLetterReader { consumer, ends })
    }

    /// Only the letters `selection` takes (dead letters of the raw topic
    /// `raw_topic` unless it takes any stage's), up to its limit.
    pub fn selected<'a>(self, selection: &'a Selection, raw_topic: &'a str) -> SelectedLetters<'a> {
        SelectedLetters {
            reader: self,
            selection,
            raw_topic,
            taken: 0,
        }
    }

    /// The next dead letter, or `None` once every partition is read to the
    /// end it had when the reader was opened.
    pub fn next_letter(&mut self) -> anyhow::Result<Option<DeadLetter>> {
        loop {
            if self.ends.is_empty() {
                return Ok(None);
            }
            let Some(msg) = self.consumer.poll(Duration::from_secs(10)) else {
                anyhow::bail!("timed out reading the dead-letter topic");
            };
            let msg = msg?;
            let partition = msg.partition();
            let Some(&end) = self.ends.get(&partition) else {
                continue; // a partition already read to its end
            };
            if msg.offset() + 1 >= end {
                self.ends.remove(&partition);
            }
            if msg.offset() >= end {
                continue; // written after the reader opened
            }
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
            return Ok(Some(DeadLetter {
                partition,
                offset: msg.offset(),
                headers,
                key: msg.key().map(<[u8]>::to_vec),
                payload: msg.payload().unwrap_or_default().to_vec(),
            }));
        }
    }
}

/// The dead letters a selection takes, up to its limit, as a reader yields them.
pub struct SelectedLetters<'a> {
    reader: DeadLetterReader,
    selection: &'a Selection,
    raw_topic: &'a str,
    taken: usize,
}

impl SelectedLetters<'_> {
    /// The next selected dead letter, or `None` at the end of the topic or
    /// of the selection's limit.
    pub fn next_letter(&mut self) -> anyhow::Result<Option<DeadLetter>> {
        while self.selection.limit.is_none_or(|n| self.taken < n) {
            let Some(l) = self.reader.next_letter()? else {
                break;
            };
            if self.selection.matches(&l, self.raw_topic) {
                self.taken += 1;
                return Ok(Some(l));
            }
        }
        Ok(None)
    }
}

/// Every dead letter, in memory: for tests and small topics.
pub fn read_all(settings: &Settings) -> anyhow::Result<Vec<DeadLetter>> {
    let mut reader = DeadLetterReader::open(settings)?;
    let mut letters = Vec::new();
    while let Some(l) = reader.next_letter()? {
        letters.push(l);
    }
    Ok(letters)
}
