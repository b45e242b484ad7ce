//! `wirefeed normalize`: the service's own code path, offline.

use std::io::{BufRead, BufReader, BufWriter, Write};

use serde_json::{json, Value};
use wirefeed_normalizer::service::{limits_from, process_raw};
use wirefeed_plumbing::events::Origin;
use wirefeed_plumbing::Settings;

#[derive(clap::Args)]
pub struct Args {}

/// How much of standard input is read at a time.
const INPUT_BUFFER_BYTES: usize = 1 << 20;

pub fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    // The same large stack the service extracts on (see extraction_thread).
    let settings = settings.clone();
    std::thread::Builder::new()
        .name("normalize".into())
        .stack_size(wirefeed_normalizer::extraction_thread::EXTRACTION_STACK_BYTES)
        .spawn(move || run_on_this_thread(&settings, args))?
        .join()
        .map_err(|_| anyhow::anyhow!("normalize thread panicked"))?
}

fn run_on_this_thread(settings: &Settings, _args: Args) -> anyhow::Result<()> {
    let limits = limits_from(settings);
    // One line buffer kept from page to page, read in large pieces: a
    // page is hundreds of kilobytes, and a fresh line grown from nothing
    // was copied about twice over into newly faulted memory.
    let mut stdin = BufReader::with_capacity(INPUT_BUFFER_BYTES, std::io::stdin().lock());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut line = Vec::new();
    for n in 0usize.. {
        line.clear();
        if stdin.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let origin = Origin {
            topic: "stdin".into(),
            partition: 0,
            offset: n as i64,
        };
        let record = match process_raw(&line, &origin, settings.limits.max_message_bytes, &limits) {
            Ok(msg) => {
                ok += 1;
                let mut v = serde_json::to_value(&msg.article)?;
                v["id"] = msg.raw.id.map(Value::String).unwrap_or(Value::Null);
                v["url"] = Value::String(msg.raw.url);
                v
            }
            Err(e) => {
                failed += 1;
                // The id, when the line is JSON enough to carry one.
                let id = serde_json::from_slice::<Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(Value::Null);
                json!({"id": id, "line": n + 1, "error": {"kind": e.kind, "reason": e.reason}})
            }
        };
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!("normalized {ok}, rejected {failed}");
    Ok(())
}
