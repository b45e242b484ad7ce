//! The page's JSON-LD blocks, parsed once, and the story's object among
//! them.

use serde_json::Value;

use crate::extract::formats::html::meta::decode;
use crate::extract::formats::html::page_index::PageIndex;

/// JSON-LD blocks larger than this are not read. A parsed block takes
/// several times its size in memory (a hostile page's 100,000 authors took
/// the normalizer past 250 MB); a story's own metadata is a few kilobytes.
pub const MAX_JSON_LD_BYTES: usize = 512 * 1024;

/// Every JSON-LD block of the page that parses, parsed once.
pub(super) fn json_ld_scripts(index: &PageIndex) -> Vec<Value> {
    index
        .tag("script")
        .iter()
        .filter(|s| s.attr("type").is_some_and(|t| &*t == "application/ld+json"))
        .map(|script| script.text())
        .filter(|text| text.len() <= MAX_JSON_LD_BYTES)
        .filter_map(|text| serde_json::from_str::<Value>(text.trim()).ok())
        .collect()
}

/// The page's NewsArticle (or Article, BlogPosting…) JSON-LD object; else
/// an object of another type that carries a headline (a `WebPage` that
/// newsletter platforms give the story's headline, author and dates).
pub(super) fn json_ld_article(scripts: &[Value]) -> Option<Value> {
    let (mut found, mut headed) = (None, None);
    for value in scripts {
        visit_ld(value, &mut |v| {
            if found.is_none() && is_article_type(v) {
                found = Some(v.clone());
            }
            if headed.is_none() && v.get("headline").is_some_and(Value::is_string) {
                headed = Some(v.clone());
            }
        });
    }
    found.or(headed)
}

pub(super) fn visit_ld(value: &Value, f: &mut impl FnMut(&Value)) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| visit_ld(v, f)),
        Value::Object(map) => {
            f(value);
            if let Some(graph) = map.get("@graph") {
                visit_ld(graph, f);
            }
        }
        _ => {}
    }
}

pub(super) fn is_article_type(v: &Value) -> bool {
    let is = |t: &str| {
        t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

pub(super) fn str_field(v: &Value, field: &str) -> Option<String> {
    match v.get(field)? {
        Value::String(s) => Some(decode(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(Value::as_str).map(decode),
        _ => None,
    }
}
