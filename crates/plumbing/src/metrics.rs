//! Every Prometheus metric a service exports. One registry per service
//! instance (not a global one), labelled with the service name, so several
//! services can run in one process (the end-to-end tests do).

use prometheus::{
    exponential_buckets, Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry, TextEncoder,
};

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    pub consumed: IntCounterVec,
    pub produced: IntCounterVec,
    pub dead_lettered: IntCounterVec,
    pub transient_errors: IntCounterVec,
    pub articles_persisted: IntCounterVec,
    pub dedup_verdicts: IntCounterVec,
    pub normalize_warnings: IntCounterVec,
    pub raw_pages_archived: IntCounterVec,
    pub processing_seconds: HistogramVec,
    pub db_write_seconds: HistogramVec,
    pub batch_size: HistogramVec,
    pub consumer_lag: IntGaugeVec,
    pub partitions_assigned: IntGauge,
    pub no_partitions_assigned: IntGauge,
    pub extractions_overrunning: IntGauge,
    pub build_info: IntGaugeVec,
}

impl Metrics {
    pub fn new(service: &str) -> Metrics {
        let labels = [("service".to_string(), service.to_string())]
            .into_iter()
            .collect();
        let registry =
            Registry::new_custom(None, Some(labels)).expect("static registry options are valid");

        // process_cpu_seconds_total, process_resident_memory_bytes, open
        // file descriptors, threads: per replica, beside the pipeline's own.
        #[cfg(target_os = "linux")]
        registry
            .register(Box::new(
                prometheus::process_collector::ProcessCollector::for_self(),
            ))
            .expect("the process collector registers once");

        let counter = |name: &str, help: &str, labels: &[&str]| {
            let c = IntCounterVec::new(Opts::new(name, help), labels)
                .expect("static metric definition");
            registry
                .register(Box::new(c.clone()))
                .expect("metric names are unique");
            c
        };
        let consumed = counter(
            "wirefeed_messages_consumed_total",
            "Messages read from Kafka.",
            &["topic"],
        );
        let produced = counter(
            "wirefeed_messages_produced_total",
            "Messages acknowledged by Kafka.",
            &["topic"],
        );
        let dead_lettered = counter(
            "wirefeed_messages_dead_lettered_total",
            "Messages sent to the dead-letter topic, by reason.",
            &["reason"],
        );
        let transient_errors = counter(
            "wirefeed_transient_errors_total",
            "Transient failures that paused processing and were retried.",
            &["kind"],
        );
        let articles_persisted = counter(
            "wirefeed_articles_persisted_total",
            "Sightings committed to PostgreSQL, by deduplication verdict.",
            &["verdict"],
        );
        let dedup_verdicts = counter(
            "wirefeed_dedup_verdicts_total",
            "Deduplication decisions, by verdict.",
            &["verdict"],
        );
        let normalize_warnings = counter(
            "wirefeed_normalize_warnings_total",
            "Pages kept with something mended or dropped (implausible_date, json_repaired, field_cut, …).",
            &["kind"],
        );
        let raw_pages_archived = counter(
            "wirefeed_raw_pages_archived_total",
            "Raw messages the archiver handled: stored, already_stored (a replay) or too_large (not archived).",
            &["result"],
        );

        let histogram = |name: &str, help: &str, buckets: Vec<f64>| {
            let h = HistogramVec::new(HistogramOpts::new(name, help).buckets(buckets), &["stage"])
                .expect("static metric definition");
            registry
                .register(Box::new(h.clone()))
                .expect("metric names are unique");
            h
        };
        let seconds = exponential_buckets(0.0005, 2.0, 16).expect("valid buckets");
        let processing_seconds = histogram(
            "wirefeed_processing_seconds",
            "Time to process one message, from receipt to durable effect.",
            seconds.clone(),
        );
        let db_write_seconds = histogram(
            "wirefeed_db_write_seconds",
            "Time of one database write transaction.",
            seconds,
        );
        let batch_size = histogram(
            "wirefeed_batch_size",
            "Messages written per database transaction.",
            exponential_buckets(1.0, 2.0, 12).expect("valid buckets"),
        );

        let gauge = |name: &str, help: &str, labels: &[&str]| {
            let g =
                IntGaugeVec::new(Opts::new(name, help), labels).expect("static metric definition");
            registry
                .register(Box::new(g.clone()))
                .expect("metric names are unique");
            g
        };
        let consumer_lag = gauge(
            "wirefeed_consumer_lag",
            "Messages behind the partition's high watermark (librdkafka statistics).",
            &["topic", "partition"],
        );
        let single_gauge = |name: &str, help: &str| {
            let g = IntGauge::new(name, help).expect("static metric definition");
            registry
                .register(Box::new(g.clone()))
                .expect("metric names are unique");
            g
        };
        let partitions_assigned = single_gauge(
            "wirefeed_partitions_assigned",
            "Partitions of its input topic this consumer holds now.",
        );
        let no_partitions_assigned = single_gauge(
            "wirefeed_no_partitions_assigned",
            "1 while this consumer holds no partition of its input topic (alert when it lasts).",
        );
        let extractions_overrunning = single_gauge(
            "wirefeed_extractions_overrunning",
            "Extractions given up on (parse_timeout) whose threads have not stopped yet (normalizer).",
        );
        let build_info = gauge(
            "wirefeed_build_info",
            "Build information; the value is always 1.",
            &["version"],
        );
        build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);

        Metrics {
            registry,
            consumed,
            produced,
            dead_lettered,
            transient_errors,
            articles_persisted,
            dedup_verdicts,
            normalize_warnings,
            raw_pages_archived,
            processing_seconds,
            db_write_seconds,
            batch_size,
            consumer_lag,
            partitions_assigned,
            no_partitions_assigned,
            extractions_overrunning,
            build_info,
        }
    }

    /// Records one database write: its duration since `started` and how many
    /// messages it carried.
    pub fn observe_db_write(&self, stage: &str, started: std::time::Instant, messages: usize) {
        self.db_write_seconds
            .with_label_values(&[stage])
            .observe(started.elapsed().as_secs_f64());
        self.batch_size
            .with_label_values(&[stage])
            .observe(messages as f64);
    }

    /// The registry in Prometheus text format.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut buf)
            .expect("encoding gathered metrics into memory cannot fail");
        String::from_utf8(buf).expect("the text format is UTF-8")
    }
}
