//! Time to read raw messages and to digest them, in process:
//!
//!   cargo run --release -p wirefeed-model --example read_messages < RAW.jsonl
//!
//! Reads every line of standard input first, then three times over: parses
//! each message (`RawMessage::parse`) and, apart, takes each one's digest.
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let lines: Vec<Vec<u8>> = std::io::stdin()
        .lock()
        .split(b'\n')
        .map_while(Result::ok)
        .filter(|l| !l.is_empty())
        .collect();
    for _ in 0..3 {
        let started = Instant::now();
        let mut body_bytes = 0;
        for line in &lines {
            if let Ok(message) = wirefeed_model::RawMessage::parse(line, usize::MAX) {
                body_bytes += message.body.len();
            }
        }
        let parsed = started.elapsed();
        let started = Instant::now();
        for line in &lines {
            std::hint::black_box(wirefeed_model::identity::short_digest(line));
        }
        eprintln!(
            "{} messages: parse {parsed:?}, digest {:?} ({body_bytes} body bytes)",
            lines.len(),
            started.elapsed()
        );
    }
}
