//! Harness for end-to-end tests: per-test topics and database on the real
//! broker and PostgreSQL, the three services running in-process.

pub mod proxy;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message};
use rdkafka::producer::FutureProducer;
use rdkafka::{Offset, TopicPartitionList};
use sqlx::PgPool;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinHandle;
use wirefeed_plumbing::app::{AppError, StageApp};
use wirefeed_plumbing::shutdown::{Shutdown, ShutdownTrigger};
use wirefeed_plumbing::stage::Handler;
use wirefeed_plumbing::{kafka, Settings};

pub const PARTITIONS: i32 = 3;
/// Upper bound for a condition to become true; tests wait on conditions,
/// never on fixed sleeps, so a slow machine only makes them slower.
pub const PATIENCE: Duration = Duration::from_secs(180);

pub fn brokers() -> String {
    std::env::var("WIREFEED_TEST_BROKERS").unwrap_or_else(|_| "127.0.0.1:9092".into())
}

pub fn admin_database_url() -> String {
    std::env::var("WIREFEED_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// `../shared` beside the checkout: samples and evaluation sets.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared"))
}

pub struct TestEnv {
    pub id: String,
    pub settings: Settings,
    pub pool: PgPool,
    database: String,
}

impl TestEnv {
    /// Fresh topics and a fresh migrated database, named after the test.
    pub async fn new(name: &str) -> TestEnv {
        let id = format!(
            "{name}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..10]
        );
        let mut settings = Settings::defaults_for("test");
        settings.kafka.brokers = brokers();
        settings.kafka.statistics_interval_ms = 1000;
        settings.topics.raw = format!("raw.{id}");
        settings.topics.normalized = format!("normalized.{id}");
        settings.topics.deduped = format!("deduped.{id}");
        settings.topics.dlq = format!("dlq.{id}");
        settings.http.listen = "127.0.0.1:0".into();
        settings.retry.initial_backoff_ms = 50;
        settings.retry.max_backoff_ms = 1000;

        let topics = kafka::pipeline_topics(&settings);
        let created = kafka::create_topics(&settings, &topics, PARTITIONS)
            .await
            .expect("create topics");
        assert_eq!(created.created.len(), 4, "per-test topics are new");

        let database = format!("wirefeed_test_{id}").to_lowercase();
        let admin_pool = PgPool::connect(&admin_database_url())
            .await
            .expect("PostgreSQL reachable");
        sqlx::query(&format!("CREATE DATABASE \"{database}\""))
            .execute(&admin_pool)
            .await
            .expect("create database");
        admin_pool.close().await;
        let base = admin_database_url();
        let base = base
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&base)
            .to_string();
        settings.database.url = format!("{base}/{database}");
        let pool = PgPool::connect(&settings.database.url)
            .await
            .expect("test database");
        wirefeed_plumbing::db::migrate(&pool)
            .await
            .expect("migrations");
        TestEnv {
            id,
            settings,
            pool,
            database,
        }
    }

    /// Settings for one service, with a consumer group unique to this test.
    pub fn service_settings(&self, service: &str, group_suffix: &str) -> Settings {
        let mut s = self.settings.clone();
        s.kafka.group_id = format!("{service}-{}{group_suffix}", self.id);
        s
    }

    /// Deletes `topic` and creates it again, empty, as an operator does to
    /// start a topic afresh: its offsets start from 0 again.
    pub async fn recreate_topic(&self, topic: &str) {
        use rdkafka::admin::{AdminClient, AdminOptions};
        use rdkafka::client::DefaultClientContext;
        let admin: AdminClient<DefaultClientContext> = kafka::client_config(&self.settings.kafka)
            .create()
            .expect("admin client");
        for result in admin
            .delete_topics(&[topic], &AdminOptions::new())
            .await
            .expect("delete topic")
        {
            result.expect("topic deleted");
        }
        // Deletion completes in the background: creating the topic again
        // fails until it has.
        eventually(|| async move {
            match kafka::create_topics(&self.settings, &[topic], PARTITIONS).await {
                Ok(report) if report.created.len() == 1 => Ok(()),
                Ok(_) => Err(format!("{topic} still exists")),
                Err(e) => Err(format!("{topic} not created again: {e}")),
            }
        })
        .await;
    }

    pub fn producer(&self) -> FutureProducer {
        kafka::producer(&self.settings).expect("producer")
    }

    pub async fn publish_raw(&self, producer: &FutureProducer, key: Option<&str>, payload: &[u8]) {
        kafka::send(
            producer,
            &self.settings.topics.raw,
            key.map(str::as_bytes),
            payload,
            None,
            Duration::from_secs(30),
        )
        .await
        .expect("raw message published");
    }

    /// The scraper ids of every stored sighting, in the order they were
    /// stored: tests check every message by its id, not by counts.
    pub async fn stored_ids(&self) -> Vec<String> {
        sqlx::query_scalar("SELECT coalesce(scraper_id, '') FROM sightings ORDER BY sighting_id")
            .fetch_all(&self.pool)
            .await
            .expect("sightings readable")
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .expect(sql)
    }

    /// Waits until `sql` (a count) returns `expected`, or fails with the last value.
    pub async fn wait_for_count(&self, sql: &str, expected: i64) {
        eventually(|| async move {
            let n = self.count(sql).await;
            (n == expected)
                .then_some(())
                .ok_or_else(|| format!("`{sql}` is {n}, expected {expected}"))
        })
        .await
    }

    /// Every dead letter so far: (error kind, reason, source topic) per message.
    pub fn dead_letters(&self) -> Vec<(String, String, String)> {
        let mut config = kafka::client_config(&self.settings.kafka);
        config
            .set("group.id", format!("dlq-reader-{}", self.id))
            .set("enable.auto.commit", "false");
        let consumer: BaseConsumer = config.create().expect("consumer");
        let topic = &self.settings.topics.dlq;
        let mut tpl = TopicPartitionList::new();
        let mut remaining = 0;
        for p in 0..PARTITIONS {
            let (low, high) = consumer
                .fetch_watermarks(topic, p, Duration::from_secs(10))
                .expect("watermarks");
            remaining += high - low;
            tpl.add_partition_offset(topic, p, Offset::Offset(low))
                .expect("offset");
        }
        consumer.assign(&tpl).expect("assign");
        let mut out = Vec::new();
        while remaining > 0 {
            let msg = consumer
                .poll(Duration::from_secs(30))
                .expect("dead letter within 30 s")
                .expect("dead letter");
            let header = |name: &str| {
                msg.headers()
                    .and_then(|hs| {
                        hs.iter()
                            .find(|h| h.key == name)
                            .and_then(|h| h.value)
                            .map(|v| String::from_utf8_lossy(v).into_owned())
                    })
                    .unwrap_or_default()
            };
            out.push((
                header("wirefeed.error_kind"),
                header("wirefeed.reason"),
                header("wirefeed.source_topic"),
            ));
            remaining -= 1;
        }
        out
    }

    pub async fn wait_for_dead_letters(&self, expected: usize) -> Vec<(String, String, String)> {
        eventually(|| async move {
            let letters = self.dead_letters();
            let n = letters.len();
            (n >= expected)
                .then_some(letters)
                .ok_or_else(|| format!("{n} dead letters, expected {expected}"))
        })
        .await
    }

    pub async fn drop_database(self) {
        self.pool.close().await;
        if let Ok(admin) = PgPool::connect(&admin_database_url()).await {
            let _ = sqlx::query(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.database
            ))
            .execute(&admin)
            .await;
        }
    }
}

/// A distinct synthetic article as a text-dump raw message at
/// `https://HOST/story-I`, with `id` I (its own vocabulary, so no two are
/// near duplicates).
pub fn synthetic_text_dump(host: &str, i: usize) -> Vec<u8> {
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut word = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        format!("w{}", x % 100_000)
    };
    let headline: Vec<String> = (0..7).map(|_| word()).collect();
    let paragraphs: Vec<String> = (0..5)
        .map(|_| {
            (0..3)
                .map(|_| (0..14).map(|_| word()).collect::<Vec<_>>().join(" ") + ".")
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let body = format!(
        "{h}\n\n{h}\n\n{p}\n",
        h = headline.join(" "),
        p = paragraphs.join("\n\n")
    );
    serde_json::json!({"url": format!("https://{host}/story-{i}"), "body": body, "content_type": "text/plain", "id": i.to_string()})
        .to_string()
        .into_bytes()
}

/// The services, each with this test's default settings.
pub struct Pipeline {
    pub normalizer: RunningService,
    pub deduplicator: RunningService,
    pub persister: RunningService,
    pub archiver: RunningService,
}

impl Pipeline {
    pub async fn start(env: &TestEnv) -> Pipeline {
        Pipeline {
            normalizer: start_normalizer(&env.service_settings("normalizer", "")).await,
            deduplicator: start_deduplicator(&env.service_settings("deduplicator", "")).await,
            persister: start_persister(&env.service_settings("persister", "")).await,
            archiver: start_archiver(&env.service_settings("archiver", "")).await,
        }
    }

    pub async fn stop(self) {
        for service in [
            self.normalizer,
            self.deduplicator,
            self.persister,
            self.archiver,
        ] {
            service.stop().await;
        }
    }
}

/// A service running in this process until `stop`.
pub struct RunningService {
    pub ops: SocketAddr,
    trigger: ShutdownTrigger,
    task: JoinHandle<()>,
}

impl RunningService {
    pub async fn stop(self) {
        self.trigger.trigger();
        tokio::time::timeout(Duration::from_secs(60), self.task)
            .await
            .expect("service stops within 60 s")
            .expect("service task");
    }

    /// A counter or gauge from the service's `/metrics`, summed over labels matching `filter`.
    pub async fn metric(&self, name: &str, filter: &str) -> f64 {
        let text = http_get(self.ops, "/metrics").await;
        text.lines()
            .filter(|l| {
                !l.starts_with('#')
                    && (l.starts_with(&format!("{name}{{")) || l.starts_with(&format!("{name} ")))
                    && l.contains(filter)
            })
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    }

    /// `/health/ready`: whether it answers 200, and the body (the reason
    /// when it does not).
    pub async fn ready(&self) -> (bool, String) {
        let response = http_get(self.ops, "/health/ready").await;
        let ok = response.starts_with("HTTP/1.0 200") || response.starts_with("HTTP/1.1 200");
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (ok, body)
    }

    /// Waits until `/health/ready` answers `ready`, its body holding `reason`
    /// when not ready.
    pub async fn wait_for_readiness(&self, ready: bool, reason: &str) {
        eventually(|| async move {
            let (ok, body) = self.ready().await;
            (ok == ready && body.contains(reason))
                .then_some(())
                .ok_or_else(|| {
                    format!("/health/ready: {body:?}, expected ready={ready} with {reason:?}")
                })
        })
        .await
    }

    /// Waits until the service exports a series of `name` at all.
    pub async fn wait_for_series(&self, name: &str) {
        let prefix = format!("{name}{{");
        let prefix = prefix.as_str();
        eventually(|| async move {
            let found = http_get(self.ops, "/metrics")
                .await
                .lines()
                .any(|l| l.starts_with(prefix));
            found
                .then_some(())
                .ok_or_else(|| format!("no {name} series"))
        })
        .await
    }

    pub async fn wait_for_metric(&self, name: &str, filter: &str, at_least: f64) {
        eventually(|| async move {
            let v = self.metric(name, filter).await;
            (v >= at_least)
                .then_some(())
                .ok_or_else(|| format!("{name}{{{filter}}} = {v}, expected ≥ {at_least}"))
        })
        .await
    }
}

pub async fn start_normalizer(settings: &Settings) -> RunningService {
    start(
        "normalizer",
        wirefeed_normalizer::service::build(settings).await,
    )
}

pub async fn start_deduplicator(settings: &Settings) -> RunningService {
    start(
        "deduplicator",
        wirefeed_deduplicator::service::build(settings).await,
    )
}

pub async fn start_persister(settings: &Settings) -> RunningService {
    start(
        "persister",
        wirefeed_persister::service::build(settings).await,
    )
}

pub async fn start_archiver(settings: &Settings) -> RunningService {
    start(
        "archiver",
        wirefeed_archiver::service::build(settings).await,
    )
}

/// Runs a built service on this runtime until `RunningService::stop`.
fn start<H: Handler + 'static>(
    service: &'static str,
    built: Result<StageApp<H>, AppError>,
) -> RunningService {
    let app = built.unwrap_or_else(|e| panic!("{service} builds: {e}"));
    let ops = app.ops_addr();
    let (trigger, shutdown) = Shutdown::new();
    let task = tokio::spawn(async move {
        app.run_until_stopped(shutdown)
            .await
            .unwrap_or_else(|e| panic!("{service} runs: {e}"))
    });
    RunningService { ops, trigger, task }
}

/// Polls `probe` until it returns `Ok`; after `PATIENCE`, fails with its last
/// `Err`. Tests wait on conditions this way, never on fixed sleeps.
pub async fn eventually<T, F, Fut>(mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        match probe().await {
            Ok(value) => return value,
            Err(last) => assert!(tokio::time::Instant::now() < deadline, "timed out: {last}"),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A minimal HTTP/1.0 GET, enough for `/metrics` and the health endpoints.
pub async fn http_get(addr: SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("ops endpoint reachable");
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\nHost: test\r\n\r\n").as_bytes())
        .await
        .expect("request sent");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .await
        .expect("response read");
    response
}
