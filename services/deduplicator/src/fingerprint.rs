//! Near-duplicate fingerprints: MinHash over shingles, banded for
//! locality-sensitive look-up (MinHash-LSH), and the test a candidate must
//! pass. Pure, so it is tested and benchmarked without a database.
//!
//! Two kinds of copy must be found:
//! - edited copies (a wire prefix, a credit line, changed words): most of
//!   both texts is shared, so their Jaccard similarity is high;
//! - truncated copies (the first 40–70% of the story): the shorter text is
//!   contained in the longer one, while their Jaccard similarity is only
//!   the length ratio. The sketch keeps each text's shingle count, so the
//!   containment (share of the shorter text's shingles found in the longer)
//!   is estimated from the MinHash similarity and the two sizes, and a
//!   second band set over the story's first shingles (its lead) makes a
//!   truncated copy a candidate however short it is.

pub use crate::rules::Rules;

use crate::text::{shingle_hashes, Shingles};

/// Signature length: number of hash functions.
pub const PERMUTATIONS: usize = 128;
/// LSH bands × rows = PERMUTATIONS. 32 bands of 4 rows make a pair with
/// Jaccard 0.5 a candidate with probability 0.87, 0.6 with 0.99.
pub const BANDS: usize = 32;
pub const ROWS: usize = PERMUTATIONS / BANDS;
/// Bands over the lead's own MinHash: 10 bands of 3 rows make two leads
/// sharing 70% of their shingles candidates with probability 0.985.
pub const LEAD_BANDS: usize = 10;
pub const LEAD_ROWS: usize = 3;
/// Band numbers of the lead bands start here, so a lead band never equals
/// a full-text band.
const LEAD_BAND_BASE: u64 = 1_000;

/// A text's sketch, stored as one PostgreSQL integer[]: for each of the
/// `PERMUTATIONS` hash functions the minimum over the shingles, then the
/// number of distinct shingles. Sketches written before the count was
/// kept have only the minima, and are compared on them alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<i32>);

/// Hash functions of the lead's MinHash, the lead bands' rows.
const LEAD_MINIMA: usize = LEAD_BANDS * LEAD_ROWS;

impl Signature {
    fn minima(&self) -> &[i32] {
        &self.0[..self.0.len().min(PERMUTATIONS)]
    }

    /// Number of distinct shingles of the text, when the sketch has it.
    pub fn shingle_count(&self) -> Option<u32> {
        self.0.get(PERMUTATIONS).map(|&n| n as u32)
    }
}

/// The fingerprint of one story: its text's signature, every band key it
/// is indexed under (full-text bands, then lead bands), and its headline's
/// hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    pub signature: Signature,
    pub bands: Vec<i64>,
    pub headline: Option<i64>,
}

/// Fingerprints a story text (see `text::story_text`).
pub fn fingerprint(text: &str, headline: &str, rules: &Rules) -> Print {
    let shingles = shingle_hashes(text, rules);
    let signature = signature(&shingles.all);
    let mut bands = band_keys(&signature);
    bands.extend(lead_band_keys(&shingles));
    Print {
        signature,
        bands,
        headline: headline_hash(headline),
    }
}

/// A headline's hash: its words, lower-cased; None for an empty headline.
pub fn headline_hash(headline: &str) -> Option<i64> {
    let (words, _) = crate::text::tokens(headline);
    (!words.is_empty()).then(|| crate::text::fnv1a(words.join(" ").as_bytes()) as i64)
}

pub fn signature(shingles: &[u64]) -> Signature {
    // Stored as PostgreSQL integer[]: the bits are kept, the sign is not meaningful.
    let mut sig: Vec<i32> = minhash(shingles, PERMUTATIONS)
        .into_iter()
        .map(|m| m as i32)
        .collect();
    sig.push(shingles.len().min(i32::MAX as usize) as i32);
    Signature(sig)
}

fn minhash(shingles: &[u64], permutations: usize) -> Vec<u32> {
    let mut mins = vec![u32::MAX; permutations];
    for &s in shingles {
        for (i, min) in mins.iter_mut().enumerate() {
            let h = (splitmix64(s ^ SEEDS[i]) >> 32) as u32;
            if h < *min {
                *min = h;
            }
        }
    }
    mins
}

/// One key per band of the full-text signature, with the band number mixed
/// in so equal rows in different bands never collide. Signed for a
/// PostgreSQL bigint.
pub fn band_keys(sig: &Signature) -> Vec<i64> {
    keys(sig.minima().iter().map(|&m| m as u32), ROWS, 0)
}

/// Keys of the lead bands: a MinHash of the lead's shingles alone. None for
/// a text too short to have a lead apart from its whole (its full bands
/// suffice).
fn lead_band_keys(shingles: &Shingles) -> Vec<i64> {
    if shingles.lead.len() < LEAD_MINIMA || shingles.lead.len() >= shingles.all.len() {
        return Vec::new();
    }
    keys(
        minhash(&shingles.lead, LEAD_MINIMA).into_iter(),
        LEAD_ROWS,
        LEAD_BAND_BASE,
    )
}

fn keys(values: impl Iterator<Item = u32>, rows: usize, base: u64) -> Vec<i64> {
    let values: Vec<u32> = values.collect();
    values
        .chunks(rows)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = 0xcbf2_9ce4_8422_2325u64 ^ (base + band as u64);
            for r in rows {
                h = splitmix64(h ^ *r as u64);
            }
            h as i64
        })
        .collect()
}

/// Estimated Jaccard similarity: the share of equal positions.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    let (a, b) = (a.minima(), b.minima());
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f32 / a.len() as f32
}

/// Estimated containment of the smaller text in the larger: |A∩B| / min,
/// where |A∩B| = J·(|A|+|B|)/(1+J). None without both shingle counts.
pub fn containment(a: &Signature, b: &Signature) -> Option<f32> {
    let (na, nb) = (a.shingle_count()? as f32, b.shingle_count()? as f32);
    let smaller = na.min(nb);
    if smaller == 0.0 {
        return None;
    }
    let j = similarity(a, b);
    Some((j * (na + nb) / ((1.0 + j) * smaller)).min(1.0))
}

/// The test a candidate (a story sharing a band) must pass to be a copy:
/// Jaccard similarity at the threshold, or the shorter text contained in
/// the longer. Symmetric, so the clusters do not depend on arrival order.
/// Returns the measure that held: the Jaccard similarity, else the
/// containment.
pub fn copy_of(a: &Sketch<'_>, b: &Sketch<'_>, rules: &Rules) -> Option<f32> {
    if a.other_story_of_one_outlet(b) {
        return None;
    }
    let same_outlet = a.outlet.is_some() && a.outlet == b.outlet;
    let (a, b) = (a.signature, b.signature);
    let jaccard = similarity(a, b);
    // Two pages of one outlet share its page chrome, and an extraction may
    // keep a long run of it (comments, teasers, a second article); an
    // outlet's own copies of a story under two addresses are near-exact.
    if same_outlet {
        return (jaccard >= rules.same_outlet_jaccard).then_some(jaccard);
    }
    if jaccard >= rules.jaccard {
        return Some(jaccard);
    }
    if jaccard < rules.containment_min_jaccard {
        return None;
    }
    let smaller = a.shingle_count()?.min(b.shingle_count()?);
    if smaller < rules.containment_min_shingles {
        return None;
    }
    containment(a, b).filter(|&c| c >= rules.containment)
}

/// What the copy test compares: a text's signature, the outlet (web host)
/// that published it and its headline's hash, when known.
#[derive(Debug, Clone, Copy)]
pub struct Sketch<'a> {
    pub signature: &'a Signature,
    pub outlet: Option<&'a str>,
    pub headline: Option<i64>,
}

impl<'a> Sketch<'a> {
    /// The sketch of a story known by its identity (its canonical URL or
    /// wire id).
    pub fn new(signature: &'a Signature, identity: &'a str, headline: Option<i64>) -> Sketch<'a> {
        Sketch {
            signature,
            outlet: outlet(identity),
            headline,
        }
    }

    /// Whether the two are pages of one outlet under different headlines:
    /// two stories, whatever their bodies (an extraction that found only
    /// the outlet's chrome gives all its pages one body). Exact copies are
    /// held to this too.
    pub fn other_story_of_one_outlet(&self, other: &Sketch<'_>) -> bool {
        self.outlet.is_some()
            && self.outlet == other.outlet
            && matches!((self.headline, other.headline), (Some(a), Some(b)) if a != b)
    }
}

/// The web host of an identity without `www.`; None for a wire id.
pub fn outlet(identity: &str) -> Option<&str> {
    let rest = identity
        .strip_prefix("https://")
        .or_else(|| identity.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Whether two fingerprints share a band: the index would offer one as a
/// candidate for the other.
pub fn candidates(a: &Print, b: &Print) -> bool {
    a.bands.iter().any(|x| b.bands.contains(x))
}

pub(crate) const fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Fixed seeds: signatures must stay comparable across processes and releases.
const SEEDS: [u64; PERMUTATIONS] = {
    let mut seeds = [0u64; PERMUTATIONS];
    let mut i = 0;
    while i < PERMUTATIONS {
        seeds[i] = splitmix64(0x5eed_0000 + i as u64);
        i += 1;
    }
    seeds
};

#[cfg(test)]
#[path = "fingerprint_tests.rs"]
mod tests;
