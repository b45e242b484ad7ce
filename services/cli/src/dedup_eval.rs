//! `wirefeed dedup-eval`: the deduplicator's copy test, offline.
//!
//! - On a labelled pair set (`eval/dedup/make_pairs.py`): precision,
//!   recall and false merges of the test on each pair.
//! - With `--clusters`, on normalized articles (`wirefeed normalize`
//!   output, in arrival order): the clusters the service's rules make,
//!   as `id<TAB>cluster` lines, for `eval/dedup/score_clusters.py`. Used to
//!   compare settings quickly; `scripts/syndication-eval.sh` measures the
//!   running pipeline itself.
//!
//! Same code as the service: the body hash for exact copies, the story
//! text's fingerprint, candidates from shared bands, then `copy_of`.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde_json::Value;
use wirefeed_deduplicator::fingerprint::{
    candidates, containment, copy_of, fingerprint, similarity, Print, Rules, Sketch,
};
use wirefeed_deduplicator::text::story_text;
use wirefeed_normalizer::extract::body_hash;
use wirefeed_plumbing::Settings;

#[derive(clap::Args)]
pub struct Args {
    /// Pairs file (JSON Lines) made by eval/dedup/make_pairs.py, or with
    /// --clusters the articles `wirefeed normalize` wrote.
    input: PathBuf,
    /// Cluster the articles in file order and print `id<TAB>cluster`.
    #[arg(long)]
    clusters: bool,
    /// Print every misjudged pair's kind and similarity.
    #[arg(long)]
    verbose: bool,
    /// Overrides `dedup.jaccard`.
    #[arg(long)]
    jaccard: Option<f32>,
    /// Overrides `dedup.containment`.
    #[arg(long)]
    containment: Option<f32>,
    /// Overrides `dedup.containment_min_jaccard`.
    #[arg(long)]
    containment_min_jaccard: Option<f32>,
    /// Overrides `dedup.shingle_words`.
    #[arg(long)]
    shingle_words: Option<usize>,
    /// Overrides `dedup.lead_shingles` (0: no lead bands).
    #[arg(long)]
    lead_shingles: Option<usize>,
    /// Overrides `dedup.same_outlet_jaccard`.
    #[arg(long)]
    same_outlet_jaccard: Option<f32>,
}

impl Args {
    fn rules(&self, settings: &Settings) -> Rules {
        let mut rules = settings.dedup.clone();
        rules.jaccard = self.jaccard.unwrap_or(rules.jaccard);
        rules.containment = self.containment.unwrap_or(rules.containment);
        rules.containment_min_jaccard = self
            .containment_min_jaccard
            .unwrap_or(rules.containment_min_jaccard);
        rules.shingle_words = self.shingle_words.unwrap_or(rules.shingle_words);
        rules.lead_shingles = self.lead_shingles.unwrap_or(rules.lead_shingles);
        rules.same_outlet_jaccard = self
            .same_outlet_jaccard
            .unwrap_or(rules.same_outlet_jaccard);
        rules
    }
}

struct Text {
    hash: String,
    print: Print,
    /// The story identity (pair sets have none: every text is its own).
    identity: String,
}

impl Text {
    fn sketch(&self) -> Sketch<'_> {
        Sketch::new(&self.print.signature, &self.identity, self.print.headline)
    }
}

fn fingerprint_text(body: &str, identity: &str, title: &str, rules: &Rules) -> Text {
    Text {
        hash: body_hash(body),
        print: fingerprint(&story_text(body), title, rules),
        identity: identity.to_string(),
    }
}

/// The service's decision between two texts: the same body, or a
/// candidate that passes the copy test.
fn copies(a: &Text, b: &Text, rules: &Rules) -> bool {
    if a.sketch().other_story_of_one_outlet(&b.sketch()) {
        return false;
    }
    a.hash == b.hash
        || (candidates(&a.print, &b.print) && copy_of(&a.sketch(), &b.sketch(), rules).is_some())
}

pub fn run(settings: &Settings, args: Args) -> anyhow::Result<()> {
    let rules = args.rules(settings);
    let file = std::io::BufReader::new(std::fs::File::open(&args.input)?);
    if args.clusters {
        return clusters(file, &rules);
    }
    pairs(file, &rules, args.verbose)
}

/// Union-find over story indices.
struct Clusters(Vec<usize>);

impl Clusters {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.0[a.max(b)] = a.min(b);
    }
}

fn clusters(file: impl BufRead, rules: &Rules) -> anyhow::Result<()> {
    let mut ids: Vec<String> = Vec::new();
    let mut story_of_message: Vec<usize> = Vec::new();
    // Every text seen, indexed as the n-th message: a story's earlier
    // versions stay candidates too.
    let mut stories: Vec<Text> = Vec::new();
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    let mut by_band: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut by_body: HashMap<String, Vec<usize>> = HashMap::new();
    let mut sets = Clusters(Vec::new());
    for line in file.lines() {
        let row: Value = serde_json::from_str(&line?)?;
        let (Some(id), Some(body)) = (row["id"].as_str(), row["body"].as_str()) else {
            continue; // a page the normalizer refused: no story
        };
        let identity = row["identity"].as_str().unwrap_or(id).to_string();
        let title = row["title"].as_str().unwrap_or("");
        let text = fingerprint_text(body, &identity, title, rules);
        // A story is an identity; a new version keeps it in its cluster and
        // its text is indexed too.
        let story = *by_identity.entry(identity).or_insert_with(|| {
            sets.0.push(sets.0.len());
            sets.0.len() - 1
        });
        let mut matched: Vec<usize> = by_body
            .get(&text.hash)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&other| {
                !text
                    .sketch()
                    .other_story_of_one_outlet(&stories[other].sketch())
            })
            .collect();
        for b in &text.print.bands {
            for &other in by_band.get(b).into_iter().flatten() {
                if copy_of(&text.sketch(), &stories[other].sketch(), rules).is_some() {
                    matched.push(other);
                }
            }
        }
        let index = stories.len();
        for &other in &matched {
            sets.join(story, story_of_message[other]);
        }
        for &b in &text.print.bands {
            by_band.entry(b).or_default().push(index);
        }
        by_body.entry(text.hash.clone()).or_default().push(index);
        stories.push(text);
        story_of_message.push(story);
        ids.push(id.to_string());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (id, story) in ids.iter().zip(story_of_message) {
        writeln!(out, "{id}\t{}", sets.root(story))?;
    }
    out.flush()?;
    Ok(())
}

fn pairs(file: impl BufRead, rules: &Rules, verbose: bool) -> anyhow::Result<()> {
    let mut articles: HashMap<u64, Text> = HashMap::new();
    let (mut tp, mut fp, mut fn_, mut tn) = (0u64, 0u64, 0u64, 0u64);
    let mut same_site_false_merges = 0u64;
    let mut by_kind: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for line in file.lines() {
        let row: Value = serde_json::from_str(&line?)?;
        if let (Some(id), Some(text)) = (row["article"].as_u64(), row["text"].as_str()) {
            articles.insert(id, fingerprint_text(text, "", "", rules));
            continue;
        }
        let a = &articles[&row["a"]
            .as_u64()
            .ok_or_else(|| anyhow::anyhow!("pair without a"))?];
        let edited;
        let b = match (row["b"].as_u64(), row["b_text"].as_str()) {
            (Some(id), _) => &articles[&id],
            (None, Some(text)) => {
                edited = fingerprint_text(text, "", "", rules);
                &edited
            }
            _ => anyhow::bail!("pair without b"),
        };
        let duplicate = copies(a, b, rules);
        let label = row["label"].as_u64() == Some(1);
        let kind = row["kind"].as_str().unwrap_or("?").to_string();
        let entry = by_kind.entry(kind.clone()).or_default();
        entry.1 += 1;
        if duplicate == label {
            entry.0 += 1;
        } else if verbose {
            let (x, y) = (&a.print.signature, &b.print.signature);
            eprintln!(
                "misjudged {kind} (label {label}): similarity {:.3}, containment {:?}, shingles {:?} and {:?}",
                similarity(x, y),
                containment(x, y),
                x.shingle_count(),
                y.shingle_count()
            );
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
