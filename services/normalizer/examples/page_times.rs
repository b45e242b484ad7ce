//! Per-page normalization time, to find the pages that cost most:
//! `page_times < raw.jsonl` prints each page's best of three runs in
//! microseconds, its size and its id, slowest first.

use std::io::BufRead;
use std::time::Instant;

use wirefeed_model::RawMessage;
use wirefeed_normalizer::extract::{normalize, Limits};

fn main() {
    let limits = Limits::default();
    let mut rows = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("standard input");
        let Ok(raw) = RawMessage::parse(line.as_bytes(), usize::MAX) else {
            continue;
        };
        let best = (0..3)
            .map(|_| {
                let start = Instant::now();
                let _ = std::hint::black_box(normalize(&raw, &limits));
                start.elapsed().as_micros()
            })
            .min()
            .unwrap_or_default();
        rows.push((best, raw.body.len(), raw.id.unwrap_or_default()));
    }
    rows.sort_by(|a, b| b.cmp(a));
    let total: u128 = rows.iter().map(|r| r.0).sum();
    println!("total {total} us over {} pages", rows.len());
    for (micros, bytes, id) in rows {
        println!("{micros}\t{bytes}\t{id}");
    }
}
