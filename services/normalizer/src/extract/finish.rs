//! Fields every format completes the same way, and the article checks:
//! identity, title and date fallbacks, section from the address, repeated
//! paragraphs, limits, body, word count, language, body hash.

use sha2::{Digest, Sha256};
use wirefeed_model::{canonical_url, field_caps, Article, Paragraph, RawMessage};

use crate::extract::fields::{dates, revision};
use crate::extract::language;
use crate::extract::limits::{Limits, NormalizeError};
use crate::extract::support::text::{self, clean};

/// A paragraph of a sentence's length or more printed again anywhere in
/// the story is a copy (a pull quote, a block the page prints for mobile
/// and desktop both, a repeated caption), and so is any paragraph printed
/// twice in a row. Shorter lines that come back are the story's own
/// structure: a buying guide's "Pros", "Price:" and "Best for" under every
/// product, a meal plan's "Portion Fix Containers: 1 Purple" under every
/// meal. Dropping those too cost scrapinghub 0.004 and wcxb 0.005 body F1.
pub(crate) fn drop_repeated_paragraphs(paragraphs: &mut Vec<Paragraph>) {
    const COPY_MIN_WORDS: usize = 8;
    paragraphs.dedup_by(|p, previous| p.text == previous.text);
    let mut seen = std::collections::HashSet::new();
    paragraphs.retain(|p| {
        let long = p.text.split_whitespace().nth(COPY_MIN_WORDS - 1).is_some();
        !long || seen.insert(p.text.clone())
    });
}

/// Fields every format completes the same way, and the article checks.
/// `published_ago`: how long before the fetch the page says it was
/// published, when it prints only that.
pub(crate) fn finish(
    article: &mut Article,
    raw: &RawMessage,
    published_ago: Option<chrono::Duration>,
    limits: &Limits,
) -> Result<(), NormalizeError> {
    let fetched = canonical_url(&raw.url).unwrap_or_else(|| raw.url.clone());
    article.canonical_url = canonical_url(&article.canonical_url).unwrap_or(fetched);
    if article.identity.is_empty() {
        article.identity = article.canonical_url.clone();
    }
    if article.title.is_empty() {
        article.title = raw.title.as_deref().map(clean).unwrap_or_default();
    }
    let (title, from_headline) = revision::strip_prefixes(&article.title);
    article.title = title;
    article.revision = from_headline.or(article.revision.take());
    if article.published_at.is_none() {
        article.published_at = raw
            .published_at
            .or_else(|| dates::from_url(&raw.url))
            .or_else(|| {
                published_ago
                    .zip(raw.fetched_at)
                    .map(|(age, fetched)| (fetched - age).fixed_offset())
            });
    }
    if article.section.is_empty() {
        article.section = section_from_url(&article.canonical_url);
    }
    drop_repeated_paragraphs(&mut article.paragraphs);
    article.paragraphs.truncate(limits.max_paragraphs);
    // A byline of thousands of "names" is a broken page, not a team.
    article.authors.truncate(field_caps::MAX_AUTHORS);
    article.body = article
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    article.word_count = text::word_count(&article.body) as u32;

    let kill_notice = article
        .wire
        .as_ref()
        .is_some_and(|w| matches!(w.pub_status.as_deref(), Some("canceled" | "withheld")));
    if !kill_notice {
        if article.word_count == 0 {
            return Err(NormalizeError::EmptyExtraction);
        }
        if (article.word_count as usize) < limits.min_body_words {
            return Err(NormalizeError::NotAnArticle(format!(
                "body has {} words, fewer than {}",
                article.word_count, limits.min_body_words
            )));
        }
    }
    if article.title.is_empty() {
        article.title = title_from_body(&article.paragraphs);
    }

    article.language =
        language::detect(&article.body, article.language.take()).or_else(|| raw.language.clone());
    article.body_hash = body_hash(&article.body);
    if article.site_name.is_none() {
        article.site_name = raw.source.clone();
    }
    Ok(())
}

/// SHA-256 (hex) of the body with case and white space folded, so copies
/// that differ only in those hash the same.
pub fn body_hash(body: &str) -> String {
    // Folded into a bounded buffer and hashed a buffer at a time: the
    // folded copy of a long body is never built whole, and the hash is not
    // called once per word (its per-call cost was most of this function).
    const CHUNK: usize = 16 * 1024;
    let mut hasher = Sha256::new();
    let mut folded = String::with_capacity(CHUNK + 64);
    for (i, w) in body.split_whitespace().enumerate() {
        if i > 0 {
            folded.push(' ');
        }
        if w.is_ascii() {
            let start = folded.len();
            folded.push_str(w);
            folded[start..].make_ascii_lowercase();
        } else {
            folded.push_str(&w.to_lowercase());
        }
        if folded.len() >= CHUNK {
            hasher.update(folded.as_bytes());
            folded.clear();
        }
    }
    hasher.update(folded.as_bytes());
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    hex
}

fn title_from_body(paragraphs: &[Paragraph]) -> String {
    let first = paragraphs.first().map(|p| p.text.as_str()).unwrap_or("");
    let sentence = first.split(". ").next().unwrap_or(first);
    sentence
        .split_whitespace()
        .take(16)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Section path from URL folders: `/news/national/diplomacy/slug` →
/// ["National", "Diplomacy"] (the generic first folder and the slug dropped).
fn section_from_url(url: &str) -> Vec<String> {
    let Ok(u) = url::Url::parse(url) else {
        return Vec::new();
    };
    let segments: Vec<&str> = u
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    if segments.len() < 2 {
        return Vec::new();
    }
    segments[..segments.len() - 1]
        .iter()
        .filter(|s| s.chars().all(|c| c.is_ascii_alphabetic() || c == '-') && s.len() <= 24)
        .filter(|s| {
            ![
                "news", "article", "articles", "story", "stories", "amp", "en", "www",
            ]
            .contains(s)
        })
        .take(3)
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(c)
                        .collect::<String>()
                        .replace('-', " ")
                })
                .unwrap_or_default()
        })
        .collect()
}
