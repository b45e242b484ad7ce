//! Raw page → normalized article. Pure: no I/O, so the service, the
//! `wirefeed normalize` command, tests, fuzzers and benchmarks all run
//! exactly this code.

mod extraction;
pub mod fields;
mod finish;
pub mod formats;
mod language;
mod limits;
pub mod support;

pub use extraction::Extraction;
pub use finish::body_hash;
pub use formats::{html, newsml, ninjs, text_dump};
pub use limits::{Limits, NormalizeError, DEFAULT_MAX_PAGE_BYTES};

use serde_json::Value;
use wirefeed_model::{Article, RawMessage};

use formats::html::depth;

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
    finish::finish(&mut article, raw, published_ago, limits)?;
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

#[cfg(test)]
mod tests {
    use super::finish::drop_repeated_paragraphs;
    use super::*;
    use wirefeed_model::Paragraph;

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
