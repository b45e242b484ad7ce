//! `wirefeed produce`: publish pages to the raw topic, keyed by story.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bytes::Bytes;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};
use wirefeed_model::{canonical_url, story_key};
use wirefeed_plumbing::{kafka, Settings};

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories: `.jsonl` (one raw message a line), `.json` (one
    /// message), any other file is a page (`.html`/`.htm` as HTML, else text).
    /// `-` reads JSON Lines from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Topic to publish to (default: the configured raw topic).
    #[arg(long)]
    topic: Option<String>,
    /// URL prefix for page files, which carry no URL of their own.
    #[arg(long, default_value = "https://pages.wirefeed.invalid/")]
    base_url: String,
    /// Outlet name recorded for page files.
    #[arg(long)]
    source: Option<String>,
    /// Publish at this many messages per second (default: as fast as the
    /// broker takes them). For latency measurements at a given load.
    #[arg(long)]
    rate: Option<f64>,
    /// Set each JSON message's `fetched_at` to the moment it is published,
    /// so `sightings.recorded_at - fetched_at` is its end-to-end latency.
    #[arg(long)]
    stamp_fetched_at: bool,
    /// Print a JSON summary on stdout: messages sent and failed, bytes, the
    /// wall-clock time of the first publish (Unix seconds, after the input
    /// is read and parsed) and the seconds publishing took. Benchmarks time
    /// the pipeline from that first publish.
    #[arg(long)]
    json: bool,
}

struct Message {
    key: Option<String>,
    /// The message's `url`, to name it in errors.
    url: Option<String>,
    /// A slice of the input file as read: a JSON Lines file is not copied
    /// line by line (a crawl's pages run to hundreds of megabytes).
    payload: Bytes,
}

pub async fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    let topic = args
        .topic
        .clone()
        .unwrap_or_else(|| settings.topics.raw.clone());
    let (messages, refused) = refuse_oversized(collect(&args)?, settings.limits.max_message_bytes);
    for line in &refused {
        eprintln!("{line}");
    }
    let producer = kafka::producer(settings)?;
    let bar = ProgressBar::new(messages.len() as u64);
    bar.set_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} messages  {per_sec}  eta {eta}",
    )?);
    let started = Instant::now();
    let first_publish_at = chrono::Utc::now();
    let timeout = Duration::from_millis(settings.kafka.delivery_timeout_ms);
    let (mut sent, mut failed, mut bytes) = (0usize, refused.len(), 0usize);
    // Unpaced: up to 256 deliveries in flight. Paced: one message every
    // 1/rate s, each sent without waiting for the previous acknowledgement.
    let chunk_len = if args.rate.is_some() { 1 } else { 256 };
    let mut paced = Vec::new();
    for (n, chunk) in messages.chunks(chunk_len).enumerate() {
        if let Some(rate) = args.rate {
            let due = started + Duration::from_secs_f64(n as f64 / rate.max(1e-3));
            tokio::time::sleep_until(due.into()).await;
            let m = &chunk[0];
            let payload = if args.stamp_fetched_at {
                Bytes::from(stamped(&m.payload))
            } else {
                m.payload.clone()
            };
            let (producer, topic, key) = (producer.clone(), topic.clone(), m.key.clone());
            paced.push(tokio::spawn(async move {
                let len = payload.len();
                kafka::send(
                    &producer,
                    &topic,
                    key.as_deref().map(str::as_bytes),
                    &payload,
                    None,
                    timeout,
                )
                .await
                .map(|()| len)
            }));
            continue;
        }
        let payloads: Vec<Bytes> = chunk
            .iter()
            .map(|m| {
                if args.stamp_fetched_at {
                    Bytes::from(stamped(&m.payload))
                } else {
                    m.payload.clone()
                }
            })
            .collect();
        let sends = chunk.iter().zip(&payloads).map(|(m, payload)| {
            kafka::send(
                &producer,
                &topic,
                m.key.as_deref().map(str::as_bytes),
                payload,
                None,
                timeout,
            )
        });
        for (result, m) in futures::future::join_all(sends)
            .await
            .into_iter()
            .zip(chunk)
        {
            match result {
                Ok(()) => {
                    sent += 1;
                    bytes += m.payload.len();
                }
                Err(e) => {
                    failed += 1;
                    bar.println(format!("failed: {e}"));
                }
            }
            bar.inc(1);
        }
    }
    for task in paced {
        match task.await? {
            Ok(len) => {
                sent += 1;
                bytes += len;
            }
            Err(e) => {
                failed += 1;
                bar.println(format!("failed: {e}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "published {sent} messages ({:.1} MB) to {topic} in {secs:.2}s ({:.0} msg/s); {failed} failed",
        bytes as f64 / 1e6,
        sent as f64 / secs.max(1e-9)
    );
    if args.json {
        let first_publish_at = first_publish_at.timestamp_micros() as f64 / 1e6;
        println!(
            "{}",
            json!({"sent": sent, "failed": failed, "bytes": bytes,
                   "first_publish_at": first_publish_at, "seconds": secs})
        );
    }
    if failed > 0 {
        anyhow::bail!("{failed} messages were not published");
    }
    Ok(())
}

/// The payload with `fetched_at` set to now, when it is a JSON object.
fn stamped(payload: &[u8]) -> Vec<u8> {
    match serde_json::from_slice::<Value>(payload) {
        Ok(Value::Object(mut map)) => {
            map.insert(
                "fetched_at".into(),
                json!(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
            );
            serde_json::to_vec(&Value::Object(map)).unwrap_or_else(|_| payload.to_vec())
        }
        _ => payload.to_vec(),
    }
}

fn collect(args: &Args) -> anyhow::Result<Vec<Message>> {
    let mut out = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut text)?;
            out.extend(jsonl(Bytes::from(text)));
        } else if path.is_dir() {
            let mut entries: Vec<PathBuf> = walk(path)?;
            entries.sort();
            for entry in entries {
                out.extend(file(&entry, args)?);
            }
        } else {
            out.extend(file(path, args)?);
        }
    }
    Ok(out)
}

fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

fn file(path: &Path, args: &Args) -> anyhow::Result<Vec<Message>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let bytes = std::fs::read(path)?;
    Ok(match ext.as_str() {
        "jsonl" | "ndjson" => jsonl(Bytes::from(bytes)),
        "json" => vec![message(Bytes::from(bytes))],
        _ => {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("page");
            let content_type = if ext == "html" || ext == "htm" {
                "text/html"
            } else {
                "text/plain"
            };
            let mut raw = json!({
                "url": format!("{}{}", args.base_url, name),
                "body": String::from_utf8_lossy(&bytes),
                "content_type": content_type,
                "fetched_at": chrono::Utc::now().to_rfc3339(),
                "id": name,
            });
            if let Some(source) = &args.source {
                raw["source"] = Value::String(source.clone());
            }
            vec![message(Bytes::from(serde_json::to_vec(&raw)?))]
        }
    })
}

/// Every non-blank line is published as it is, even when it is not valid:
/// rejecting bad input is the pipeline's job (it dead-letters it with a reason).
fn jsonl(text: Bytes) -> Vec<Message> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in newline_offsets(&text).chain([text.len()]) {
        let mut line = text.slice(start..end);
        start = end + 1;
        if line.ends_with(b"\r") {
            line.truncate(line.len() - 1);
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            out.push(message(line));
        }
    }
    out
}

/// Offsets of the line feeds in `text`.
fn newline_offsets(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    text.iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

/// Keys by the canonical URL so every version of a story shares a partition.
fn message(payload: Bytes) -> Message {
    // Only the URL is read: building a tree of a whole page's body for it
    // cost more than publishing the message.
    #[derive(serde::Deserialize)]
    struct UrlOnly<'a> {
        #[serde(borrow)]
        url: Option<std::borrow::Cow<'a, str>>,
    }
    let url = serde_json::from_slice::<UrlOnly<'_>>(&payload)
        .ok()
        .and_then(|m| m.url)
        .map(|u| u.into_owned());
    let key = url
        .as_deref()
        .and_then(canonical_url)
        .map(|u| story_key(&u));
    Message { key, url, payload }
}

/// Splits off the messages over the pipeline's size limit: the broker would
/// refuse them (topics are made with this limit), or the normalizer would
/// dead-letter them as `too_large`. Returns the rest and one line per
/// refused message.
fn refuse_oversized(messages: Vec<Message>, limit: usize) -> (Vec<Message>, Vec<String>) {
    let mut refused = Vec::new();
    let kept = messages
        .into_iter()
        .enumerate()
        .filter_map(|(i, m)| {
            if m.payload.len() <= limit {
                return Some(m);
            }
            refused.push(format!(
                "refused message {} ({}): {} bytes, over the {limit}-byte limit (limits.max_message_bytes)",
                i + 1,
                m.url.as_deref().unwrap_or("no url"),
                m.payload.len()
            ));
            None
        })
        .collect();
    (kept, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_slices_of_the_input_keyed_by_story() {
        let input = Bytes::from_static(
            b"{\"url\":\"https://example.com/a?utm_source=x\",\"body\":\"A\"}\r\n\n   \n\
              not json \xff\n{\"url\":\"https://example.com/b\",\"body\":\"B\"}",
        );
        let messages = jsonl(input);
        let payloads: Vec<&[u8]> = messages.iter().map(|m| &m.payload[..]).collect();
        // Blank lines are skipped, a CR before the LF is not part of the
        // line, the last line needs no LF, and invalid lines are published
        // as they are (the pipeline dead-letters them with a reason).
        assert_eq!(
            payloads,
            [
                &b"{\"url\":\"https://example.com/a?utm_source=x\",\"body\":\"A\"}"[..],
                b"not json \xff",
                b"{\"url\":\"https://example.com/b\",\"body\":\"B\"}",
            ]
        );
        assert_eq!(
            messages[0].key,
            Some(story_key(&canonical_url("https://example.com/a").unwrap()))
        );
        assert_eq!(messages[1].key, None);
        assert_ne!(messages[2].key, messages[0].key);
    }

    #[test]
    fn oversized_messages_are_refused_by_name() {
        let small = message(Bytes::from_static(
            b"{\"url\":\"https://a.example/s\",\"body\":\"x\"}",
        ));
        let big = message(Bytes::from(format!(
            "{{\"url\":\"https://a.example/big\",\"body\":\"{}\"}}",
            "x".repeat(200)
        )));
        let (kept, refused) = refuse_oversized(vec![small, big], 100);
        assert_eq!(kept.len(), 1);
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].contains("message 2 (https://a.example/big)"),
            "{}",
            refused[0]
        );
        assert!(
            refused[0].contains("over the 100-byte limit"),
            "{}",
            refused[0]
        );
    }
}
