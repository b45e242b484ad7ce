//! Raw page → normalized article. Pure: no I/O, so the service, the
//! `wirefeed normalize` command, tests, fuzzers and benchmarks all run
//! exactly this code.

mod extraction;
pub mod fields;
pub mod formats;
pub mod support;

pub use extraction::Extraction;
pub use formats::{html, newsml, ninjs, text_dump};

use serde_json::Value;
use sha2::{Digest, Sha256};
use wirefeed_model::{canonical_url, field_caps, Article, Paragraph, RawMessage};

use fields::{dates, revision};
use formats::html::depth;
use support::text::{self, clean};

/// Limits applied to one page.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_paragraphs: usize,
    /// Pages whose body has fewer words are not articles.
    pub min_body_words: usize,
    /// Pages nesting elements deeper than this are refused before parsing.
    pub max_nesting: usize,
    /// Pages (the message's `body`) larger than this are refused before
    /// parsing: parse time and memory grow with the page, so this bounds both.
    pub max_page_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_paragraphs: 2000,
            min_body_words: 30,
            max_nesting: 1000,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }
}

/// The largest page read by default. The biggest page of the evaluation
/// sets is 1.6 MB; 4 MB leaves room for pages with inline assets.
pub const DEFAULT_MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Why a page did not become an article. All permanent: the page is what it is.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NormalizeError {
    #[error("not an article: {0}")]
    NotAnArticle(String),
    #[error("no article text found in the page")]
    EmptyExtraction,
    #[error("unsupported format: {0}")]
    UnsupportedFormat(String),
    #[error("invalid wire item: {0}")]
    InvalidWire(String),
    #[error("page nests elements {depth} deep, over the limit of {limit}")]
    TooDeep { depth: usize, limit: usize },
    #[error("page is {size} bytes, over the limit of {limit}")]
    PageTooLarge { size: usize, limit: usize },
}

impl NormalizeError {
    pub fn kind(&self) -> &'static str {
        match self {
            NormalizeError::NotAnArticle(_) => "not_an_article",
            NormalizeError::EmptyExtraction => "empty_extraction",
            NormalizeError::UnsupportedFormat(_) => "unsupported_format",
            NormalizeError::InvalidWire(_) => "invalid_wire",
            NormalizeError::TooDeep { .. } => "too_deeply_nested",
            NormalizeError::PageTooLarge { .. } => "page_too_large",
        }
    }
}

/// The input kinds the normalizer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Text,
    Ninjs,
    NewsMlG2,
}

impl Format {
    /// The name an article records as its `format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
            Format::Ninjs => "ninjs",
            Format::NewsMlG2 => "newsml",
        }
    }
}

/// Decides the input kind from the declared content type and the bytes
/// themselves; the bytes win when the two disagree (scrapers mislabel).
pub fn sniff(content_type: Option<&str>, body: &str) -> Format {
    let head: String = body
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(4096)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with('{') && head.contains("\"uri\"") {
        return Format::Ninjs;
    }
    if (head.starts_with("<?xml") || head.starts_with("<newsitem"))
        && (head.contains("<newsitem") || head.contains("newsml"))
    {
        return Format::NewsMlG2;
    }
    let declared = content_type.unwrap_or("").to_lowercase();
    let looks_html = head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || ["<body", "<head", "<div", "<p>", "<p ", "<article", "<meta "]
            .iter()
            .any(|t| head.contains(t));
    if looks_html {
        Format::Html
    } else if declared.contains("json") && head.starts_with('{') {
        Format::Ninjs
    } else {
        Format::Text
    }
}

/// Normalizes one raw page.
pub fn normalize(raw: &RawMessage, limits: &Limits) -> Result<Article, NormalizeError> {
    if raw.body.len() > limits.max_page_bytes {
        return Err(NormalizeError::PageTooLarge {
            size: raw.body.len(),
            limit: limits.max_page_bytes,
        });
    }
    let format = sniff(raw.content_type.as_deref(), &raw.body);
    if format == Format::Html {
        let depth = depth::max_depth(&raw.body);
        if depth > limits.max_nesting {
            return Err(NormalizeError::TooDeep {
                depth,
                limit: limits.max_nesting,
            });
        }
    }
    let extraction = match format {
        Format::Html => html::extract(&raw.body, &raw.url),
        Format::Text => text_dump::extract(&raw.body, raw.title.as_deref(), &raw.url),
        Format::Ninjs => from_ninjs(raw)?,
        Format::NewsMlG2 => {
            newsml::extract(&raw.body).map_err(|e| NormalizeError::InvalidWire(e.to_string()))?
        }
    };
    let published_ago = extraction.published_ago;
    let mut article = extraction.into_article(format.name());
    finish(&mut article, raw, published_ago, limits)?;
    Ok(article)
}

fn from_ninjs(raw: &RawMessage) -> Result<Extraction, NormalizeError> {
    let value: Value =
        serde_json::from_str(&raw.body).map_err(|e| NormalizeError::InvalidWire(e.to_string()))?;
    if !ninjs::looks_like_ninjs(&value) {
        return Err(NormalizeError::UnsupportedFormat(
            "JSON body that is not a ninjs item".into(),
        ));
    }
    ninjs::extract(&value).map_err(|e| NormalizeError::InvalidWire(e.to_string()))
}

/// A paragraph of a sentence's length or more printed again anywhere in
/// the story is a copy (a pull quote, a block the page prints for mobile
/// and desktop both, a repeated caption), and so is any paragraph printed
/// twice in a row. Shorter lines that come back are the story's own
/// structure: a buying guide's "Pros", "Price:" and "Best for" under every
/// product, a meal plan's "Portion Fix Containers: 1 Purple" under every
/// meal. Dropping those too cost scrapinghub 0.004 and wcxb 0.005 body F1.
fn drop_repeated_paragraphs(paragraphs: &mut Vec<Paragraph>) {
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
fn finish(
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

    // Language from the text itself; markup and hints only break ties.
    // A thousand characters tell the language as well as the whole text
    // (the results on the evaluation sets are the same), and detection
    // costs in proportion to the sample.
    let sample: String = article.body.chars().take(1000).collect();
    article.language = whatlang::detect(&sample)
        .filter(|info| info.is_reliable() || article.language.is_none())
        .map(|info| info.lang().code().to_string())
        .and_then(iso639_1)
        .or_else(|| article.language.take().or_else(|| raw.language.clone()));
    article.body_hash = body_hash(&article.body);
    if article.site_name.is_none() {
        article.site_name = raw.source.clone();
    }
    Ok(())
}

/// SHA-256 (hex) of the body with case and white space folded, so copies
/// that differ only in those hash the same.
pub fn body_hash(body: &str) -> String {
    // Streamed into the hash word by word: the folded copy of a long body
    // is never built.
    let mut hasher = Sha256::new();
    let mut word = String::new();
    for (i, w) in body.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        if w.is_ascii() {
            word.clear();
            word.push_str(w);
            word.make_ascii_lowercase();
            hasher.update(word.as_bytes());
        } else {
            hasher.update(w.to_lowercase().as_bytes());
        }
    }
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

/// whatlang speaks ISO 639-3; the article field is ISO 639-1.
fn iso639_1(code3: String) -> Option<String> {
    let code = match code3.as_str() {
        "eng" => "en",
        "kor" => "ko",
        "jpn" => "ja",
        "cmn" => "zh",
        "spa" => "es",
        "fra" => "fr",
        "deu" => "de",
        "ita" => "it",
        "por" => "pt",
        "rus" => "ru",
        "ara" => "ar",
        "hin" => "hi",
        "nld" => "nl",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "pol" => "pl",
        "ces" => "cs",
        "slk" => "sk",
        "hun" => "hu",
        "ron" => "ro",
        "bul" => "bg",
        "ukr" => "uk",
        "ell" => "el",
        "tur" => "tr",
        "heb" => "he",
        "pes" => "fa",
        "urd" => "ur",
        "ben" => "bn",
        "tha" => "th",
        "vie" => "vi",
        "ind" => "id",
        "tgl" => "tl",
        "hrv" => "hr",
        "srp" => "sr",
        "slv" => "sl",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "cat" => "ca",
        "afr" => "af",
        "tam" => "ta",
        "tel" => "te",
        "mar" => "mr",
        "guj" => "gu",
        "kan" => "kn",
        "mal" => "ml",
        "pan" => "pa",
        "nep" => "ne",
        "epo" => "eo",
        "lat" => "la",
        "bel" => "be",
        "aze" => "az",
        "kat" => "ka",
        "hye" => "hy",
        "mkd" => "mk",
        "uzb" => "uz",
        "amh" => "am",
        "jav" => "jv",
        "khm" => "km",
        "mya" => "my",
        "sin" => "si",
        "zul" => "zu",
        "sna" => "sn",
        "aka" => "ak",
        "yid" => "yi",
        "tuk" => "tk",
        "ori" => "or",
        _ => return None,
    };
    Some(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str, content_type: Option<&str>) -> RawMessage {
        let mut json = serde_json::json!({"url": "https://www.example.com/news/world/story-1?utm_source=x", "body": body});
        if let Some(ct) = content_type {
            json["content_type"] = ct.into();
        }
        RawMessage::parse(json.to_string().as_bytes(), 1 << 20).unwrap()
    }

    #[test]
    fn a_relative_date_counts_back_from_the_fetch() {
        let story =
            "Der Stadtrat hat am Abend über den Haushalt beraten und ihn vertagt. ".repeat(6);
        let page = format!(
            "<html><body><article><h1>Haushalt vertagt</h1><p>vor 3 Stunden</p><p>{story}</p></article></body></html>"
        );
        let mut json = serde_json::json!({"url": "https://www.example.com/politik/haushalt", "body": page,
            "content_type": "text/html", "fetched_at": "2024-03-12T12:00:00Z"});
        let raw = RawMessage::parse(json.to_string().as_bytes(), 1 << 20).unwrap();
        let article = normalize(&raw, &Limits::default()).unwrap();
        assert_eq!(
            article.published_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-03-12T09:00:00+00:00")
        );
        // A dated address is the better source.
        json["url"] = "https://www.example.com/2024/03/11/haushalt".into();
        let raw = RawMessage::parse(json.to_string().as_bytes(), 1 << 20).unwrap();
        let article = normalize(&raw, &Limits::default()).unwrap();
        assert_eq!(
            article
                .published_at
                .map(|t| t.date_naive().to_string())
                .as_deref(),
            Some("2024-03-11")
        );
    }

    #[test]
    fn copies_of_paragraphs_go_and_repeated_short_lines_stay() {
        let quote = "The council will not raise taxes this year, the mayor said.";
        let mut paragraphs: Vec<Paragraph> = [
            "Pros",
            "Quiet and fast.",
            quote,
            "Pros",
            "Quiet and fast.",
            "Cheap.",
            "Cheap.",
            quote,
        ]
        .iter()
        .map(|t| Paragraph {
            text: t.to_string(),
            subhead: false,
        })
        .collect();
        drop_repeated_paragraphs(&mut paragraphs);
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Pros",
                "Quiet and fast.",
                quote,
                "Pros",
                "Quiet and fast.",
                "Cheap."
            ]
        );
    }

    #[test]
    fn sniffs_the_bytes_over_the_label() {
        assert_eq!(
            sniff(
                Some("text/plain"),
                "<!DOCTYPE html><html><body>x</body></html>"
            ),
            Format::Html
        );
        assert_eq!(sniff(None, "Just some text\n\nMore text"), Format::Text);
        assert_eq!(
            sniff(None, r#"{"uri":"urn:x","headline":"h"}"#),
            Format::Ninjs
        );
        assert_eq!(
            sniff(None, "<?xml version=\"1.0\"?><newsItem guid=\"x\"/>"),
            Format::NewsMlG2
        );
    }

    #[test]
    fn short_pages_are_not_articles() {
        let err = normalize(
            &raw("Login required\n\nPlease sign in to continue.", None),
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "not_an_article");
    }

    #[test]
    fn text_article_gets_identity_hash_language_and_section() {
        let body = "A headline about the budget vote\n\n".to_string()
            + &"The parliament passed the budget on Friday after a long debate that ran into the night. ".repeat(5);
        let a = normalize(&raw(&body, Some("text/plain")), &Limits::default()).unwrap();
        assert_eq!(a.title, "A headline about the budget vote");
        assert_eq!(a.identity, "https://example.com/news/world/story-1");
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.section, vec!["World"]);
        assert_eq!(a.body_hash.len(), 64);
        assert!(a.word_count > 30);
    }

    #[test]
    fn body_hash_ignores_case_and_spacing() {
        assert_eq!(
            body_hash("Hello  World\n\nAgain"),
            body_hash("hello world again")
        );
        assert_ne!(body_hash("hello world"), body_hash("hello there"));
    }
}
