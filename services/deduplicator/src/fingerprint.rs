//! Near-duplicate fingerprints: MinHash over word shingles, banded for
//! locality-sensitive look-up (MinHash-LSH). Pure, so it is tested and
//! benchmarked without a database.

/// Signature length: number of hash functions.
pub const PERMUTATIONS: usize = 128;
/// LSH bands × rows = PERMUTATIONS. 32 bands of 4 rows give a candidate
/// threshold near Jaccard 0.42, far below the verification threshold, so
/// true near duplicates are almost never missed by the index.
pub const BANDS: usize = 32;
pub const ROWS: usize = PERMUTATIONS / BANDS;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;

/// A MinHash signature: for each hash function, the minimum over the shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<i32>);

/// Words of a body, lower-cased, punctuation stripped: the unit shingles and
/// hashes are built from, so copies differing in case or quotes still match.
pub fn tokens(body: &str) -> Vec<String> {
    body.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// 64-bit hashes of each distinct shingle of `SHINGLE_WORDS` words.
pub fn shingles(body: &str) -> Vec<u64> {
    let words = tokens(body);
    let mut hashes: Vec<u64> = if words.len() < SHINGLE_WORDS {
        vec![fnv1a(words.join(" ").as_bytes())]
    } else {
        words
            .windows(SHINGLE_WORDS)
            .map(|w| fnv1a(w.join(" ").as_bytes()))
            .collect()
    };
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

pub fn signature(shingles: &[u64]) -> Signature {
    let mut mins = vec![u32::MAX; PERMUTATIONS];
    for &s in shingles {
        for (i, min) in mins.iter_mut().enumerate() {
            let h = (splitmix64(s ^ SEEDS[i]) >> 32) as u32;
            if h < *min {
                *min = h;
            }
        }
    }
    // Stored as PostgreSQL integer[]: the bits are kept, the sign is not meaningful.
    Signature(mins.into_iter().map(|m| m as i32).collect())
}

/// One key per band, with the band number mixed in so equal rows in
/// different bands never collide. Signed for a PostgreSQL bigint.
pub fn band_keys(sig: &Signature) -> Vec<i64> {
    sig.0
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = 0xcbf2_9ce4_8422_2325u64 ^ band as u64;
            for r in rows {
                h = splitmix64(h ^ (*r as u32 as u64));
            }
            h as i64
        })
        .collect()
}

/// Estimated Jaccard similarity at or above which another story's text is a
/// near duplicate.
pub const NEAR_DUPLICATE_THRESHOLD: f32 = 0.6;

/// The near-duplicate test the deduplicator applies: the index must offer
/// the pair as candidates (a shared band) and the full signatures must agree
/// on at least `NEAR_DUPLICATE_THRESHOLD` of their positions. Returns the
/// similarity when both hold.
pub fn near_duplicate(
    a: &Signature,
    a_bands: &[i64],
    b: &Signature,
    b_bands: &[i64],
) -> Option<f32> {
    let candidate = a_bands.iter().zip(b_bands).any(|(x, y)| x == y);
    let sim = similarity(a, b);
    (candidate && sim >= NEAR_DUPLICATE_THRESHOLD).then_some(sim)
}

/// Estimated Jaccard similarity: the share of equal positions.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    if a.0.len() != b.0.len() || a.0.is_empty() {
        return 0.0;
    }
    let equal = a.0.iter().zip(&b.0).filter(|(x, y)| x == y).count();
    equal as f32 / a.0.len() as f32
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const fn splitmix64(mut x: u64) -> u64 {
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
mod tests {
    use super::*;

    fn sig(text: &str) -> Signature {
        signature(&shingles(text))
    }

    const STORY: &str = "The parliament passed the budget early on Friday after a debate that lasted through the night. \
        Opposition lawmakers said the compromise would not survive the next election, while the government called it historic. \
        The budget raises spending on schools and hospitals and cuts some taxes for small businesses across the country. \
        Analysts expect the central bank to keep rates on hold at its next meeting, citing the new fiscal stance.";

    #[test]
    fn identical_texts_have_identical_signatures() {
        assert_eq!(sig(STORY), sig(&STORY.to_uppercase()));
        assert_eq!(similarity(&sig(STORY), &sig(STORY)), 1.0);
    }

    #[test]
    fn a_copy_with_a_dateline_and_footer_stays_similar() {
        let copy =
            format!("BERLIN (Reuters) — {STORY} Reporting by Jane Doe; editing by John Roe.");
        let s = similarity(&sig(STORY), &sig(&copy));
        assert!(s > 0.7, "similarity {s}");
        let shared = band_keys(&sig(STORY))
            .iter()
            .zip(band_keys(&sig(&copy)))
            .filter(|(a, b)| **a == *b)
            .count();
        assert!(shared > 0, "no shared band: the index would miss this copy");
    }

    #[test]
    fn different_stories_are_not_similar() {
        let other = "The football club announced a new coach on Monday after a disappointing season that saw it relegated. \
            Fans gathered outside the stadium to protest the owners, demanding a sale of the club to local investors. \
            The new coach, who previously led a team in Spain, promised attacking football and more young players.";
        assert!(similarity(&sig(STORY), &sig(other)) < 0.1);
    }
}
