//! Fields the page's metadata states (meta tags, with the JSON-LD's where
//! it states them): standfirst, canonical address, site name, language,
//! keywords.

use serde_json::Value;

use crate::extract::formats::html::dom::non_empty_attr;
use crate::extract::formats::html::page::Page;
use crate::extract::support::text::clean;

/// A description shorter than this many words is a tagline, not a
/// standfirst.
const STANDFIRST_MIN_WORDS: usize = 5;

pub(super) fn standfirst(page: &Page) -> Option<String> {
    page.metas
        .get("meta[property='og:description']")
        .or_else(|| page.metas.get("meta[name='description']"))
        .filter(|d| d.split_whitespace().count() >= STANDFIRST_MIN_WORDS)
}

pub(super) fn canonical_url(page: &Page) -> Option<String> {
    page.index
        .tag("link")
        .iter()
        .filter(|l| l.attr("rel").is_some_and(|r| &*r == "canonical"))
        .find_map(|l| non_empty_attr(l, "href"))
        .or_else(|| page.metas.get("meta[property='og:url']"))
        .filter(|u| u.starts_with("http"))
}

/// `og:site_name` (passed in), else the JSON-LD's publisher, else the
/// application's name.
pub(super) fn site_name(page: &Page, og_site_name: Option<String>) -> Option<String> {
    og_site_name
        .or_else(|| page.publisher.clone())
        .or_else(|| page.metas.get("meta[name='application-name']"))
        .filter(|s| !s.trim().is_empty())
}

/// The language `<html lang>` declares, ISO 639-1.
pub(super) fn language(page: &Page) -> Option<String> {
    page.index
        .tag("html")
        .first()
        .and_then(|h| non_empty_attr(h, "lang"))
        .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase())
}

/// The JSON-LD's keywords and the keyword and tag meta tags, sorted, each
/// once.
pub(super) fn keywords(page: &Page) -> Vec<String> {
    let mut keywords: Vec<String> = Vec::new();
    if let Some(found) = page.ld.as_ref().and_then(|v| v.get("keywords")) {
        match found {
            Value::String(s) => keywords.extend(s.split(',').map(clean).filter(|k| !k.is_empty())),
            Value::Array(items) => {
                keywords.extend(items.iter().filter_map(Value::as_str).map(clean))
            }
            _ => {}
        }
    }
    for sel in ["meta[name='keywords']", "meta[name='news_keywords']"] {
        if let Some(k) = page.metas.get(sel) {
            keywords.extend(k.split(',').map(clean).filter(|k| !k.is_empty()));
        }
    }
    for k in page.metas.all("property", "article:tag") {
        keywords.push(clean(k));
    }
    keywords.sort();
    keywords.dedup();
    keywords
}
