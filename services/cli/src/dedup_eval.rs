//! `wirefeed dedup-eval`: precision, recall and false merges of the
//! deduplicator's duplicate test on a labelled pair set
//! (`eval/dedup/make_pairs.py`). Same code as the service: the body hash
//! for exact copies, MinHash-LSH candidates verified on the signature for
//! near ones.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::PathBuf;

use serde_json::Value;
use wirefeed_deduplicator::fingerprint::{
    band_keys, near_duplicate, shingles, signature, Signature,
};
use wirefeed_normalizer::extract::body_hash;

#[derive(clap::Args)]
pub struct Args {
    /// Pairs file (JSON Lines) made by eval/dedup/make_pairs.py.
    pairs: PathBuf,
    /// Print every misjudged pair's kind and similarity.
    #[arg(long)]
    verbose: bool,
}

struct Print {
    hash: String,
    signature: Signature,
    bands: Vec<i64>,
}

fn fingerprint(text: &str) -> Print {
    let signature = signature(&shingles(text));
    let bands = band_keys(&signature);
    Print {
        hash: body_hash(text),
        signature,
        bands,
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let file = std::io::BufReader::new(std::fs::File::open(&args.pairs)?);
    let mut articles: HashMap<u64, Print> = HashMap::new();
    let (mut tp, mut fp, mut fn_, mut tn) = (0u64, 0u64, 0u64, 0u64);
    let mut same_site_false_merges = 0u64;
    let mut by_kind: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for line in file.lines() {
        let row: Value = serde_json::from_str(&line?)?;
        if let (Some(id), Some(text)) = (row["article"].as_u64(), row["text"].as_str()) {
            articles.insert(id, fingerprint(text));
            continue;
        }
        let a = &articles[&row["a"]
            .as_u64()
            .ok_or_else(|| anyhow::anyhow!("pair without a"))?];
        let edited;
        let b = match (row["b"].as_u64(), row["b_text"].as_str()) {
            (Some(id), _) => &articles[&id],
            (None, Some(text)) => {
                edited = fingerprint(text);
                &edited
            }
            _ => anyhow::bail!("pair without b"),
        };
        let duplicate = a.hash == b.hash
            || near_duplicate(&a.signature, &a.bands, &b.signature, &b.bands).is_some();
        let label = row["label"].as_u64() == Some(1);
        let kind = row["kind"].as_str().unwrap_or("?").to_string();
        let entry = by_kind.entry(kind.clone()).or_default();
        entry.1 += 1;
        if duplicate == label {
            entry.0 += 1;
        } else if args.verbose {
            let sim = wirefeed_deduplicator::fingerprint::similarity(&a.signature, &b.signature);
            eprintln!("misjudged {kind} (label {label}): similarity {sim:.3}");
        }
        match (duplicate, label) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                if row["same_site"].as_bool() == Some(true) {
                    same_site_false_merges += 1;
                }
            }
            (false, true) => fn_ += 1,
            (false, false) => tn += 1,
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("pairs            {}", tp + fp + fn_ + tn);
    println!("positives        {}", tp + fn_);
    println!("negatives        {}", fp + tn);
    println!("precision        {precision:.4}");
    println!("recall           {recall:.4}");
    println!("false_merges     {fp}");
    println!("same_site_false_merges {same_site_false_merges}");
    for (kind, (right, total)) in by_kind {
        println!("  {kind:<12} {right}/{total} right");
    }
    Ok(())
}
