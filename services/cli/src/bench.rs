//! `wirefeed bench`: in-process stage benchmarks on one core.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use serde_json::json;
use wirefeed_model::RawMessage;
use wirefeed_normalizer::{normalize, Limits};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Normalize raw messages (JSON Lines) RUNS times; report the median
    /// pages/s and MB/s of the normalizer and of the HTML parser alone.
    Normalize {
        raw: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

pub fn run(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Normalize { raw, runs } => bench_normalize(&raw, runs),
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn bench_normalize(path: &PathBuf, runs: usize) -> anyhow::Result<()> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut pages = Vec::new();
    for line in file.lines() {
        let line = line?;
        if let Ok(raw) = RawMessage::parse(line.as_bytes(), usize::MAX) {
            pages.push(raw);
        }
    }
    let bytes: usize = pages.iter().map(|p| p.body.len()).sum();
    let limits = Limits::default();
    let (mut ours, mut parse_only) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let mut ok = 0usize;
        for p in &pages {
            ok += normalize(p, &limits).is_ok() as usize;
        }
        ours.push(started.elapsed().as_secs_f64());
        std::hint::black_box(ok);

        let started = Instant::now();
        for p in &pages {
            std::hint::black_box(dom_query::Document::from(p.body.as_str()));
        }
        parse_only.push(started.elapsed().as_secs_f64());
    }
    let (t_ours, t_parse) = (median(ours), median(parse_only));
    let n = pages.len() as f64;
    let mb = bytes as f64 / 1e6;
    println!(
        "{}",
        json!({
            "pages": pages.len(),
            "megabytes": (mb * 100.0).round() / 100.0,
            "runs": runs,
            "normalize_pages_per_s": (n / t_ours).round(),
            "normalize_mb_per_s": ((mb / t_ours) * 10.0).round() / 10.0,
            "html_parse_only_pages_per_s": (n / t_parse).round(),
            "html_parse_only_mb_per_s": ((mb / t_parse) * 10.0).round() / 10.0,
        })
    );
    Ok(())
}
