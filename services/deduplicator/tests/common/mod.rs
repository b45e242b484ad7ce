//! Helpers shared by the deduplicator's database tests.
#![allow(dead_code)]

use chrono::DateTime;
use sqlx::PgPool;
use wirefeed_deduplicator::fingerprint::Rules;
use wirefeed_deduplicator::{decide, Fingerprint};
use wirefeed_model::Timestamp;
use wirefeed_model::{Article, Decision};
use wirefeed_normalizer::extract::body_hash;

pub const STORY: &str = "The parliament passed the budget early on Friday after a debate that lasted through the night and into the morning. \
Opposition lawmakers said the compromise would not survive the next election, while the government called it historic. \
The budget raises spending on schools and hospitals and cuts some taxes for small businesses across the country. \
Analysts expect the central bank to keep rates on hold at its next meeting, citing the new fiscal stance and slowing inflation. \
The finance minister said the plan would cut the deficit by half within three years without raising income taxes.";

pub const OTHER_STORY_SAME_SITE: &str = "The football club announced a new coach on Monday after a disappointing season that saw it relegated. \
Fans gathered outside the stadium to protest the owners, demanding a sale of the club to local investors this summer. \
The new coach, who previously led a team in Spain, promised attacking football and more chances for young players. \
Season ticket prices will be frozen, the club said, and the training ground will be rebuilt before the next campaign.";

pub fn article(identity: &str, body: &str) -> Article {
    Article {
        identity: identity.into(),
        canonical_url: identity.into(),
        title: "A title".into(),
        body: body.into(),
        body_hash: body_hash(body),
        word_count: body.split_whitespace().count() as u32,
        format: "text".into(),
        ..Default::default()
    }
}

/// A text unlike every other round's: 150 words drawn by a seeded generator.
pub fn distinct_story(seed: u64) -> String {
    const WORDS: [&str; 40] = [
        "minister",
        "river",
        "council",
        "harvest",
        "engine",
        "protest",
        "court",
        "market",
        "storm",
        "vaccine",
        "school",
        "border",
        "election",
        "bridge",
        "festival",
        "drought",
        "satellite",
        "union",
        "airport",
        "museum",
        "senate",
        "factory",
        "coast",
        "treaty",
        "budget",
        "police",
        "tariff",
        "hospital",
        "railway",
        "village",
        "mayor",
        "reactor",
        "stadium",
        "forest",
        "harbor",
        "strike",
        "summit",
        "glacier",
        "refinery",
        "bank",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..150)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(x >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn at(s: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub async fn run(pool: &PgPool, key: &str, a: &Article) -> Decision {
    decide(pool, key, a, &Fingerprint::of(a), &Rules::default())
        .await
        .expect("decision")
}
