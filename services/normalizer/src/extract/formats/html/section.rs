//! The story's section: its breadcrumb, else the section its metadata
//! names.

use dom_query::Document;
use serde_json::Value;

use crate::extract::formats::html::json_ld::visit_ld;
use crate::extract::formats::html::page::Page;
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::support::text::clean;

pub(super) fn section(page: &Page) -> Vec<String> {
    let crumbs = breadcrumb(page.doc, &page.index, &page.ld_scripts);
    if !crumbs.is_empty() {
        return crumbs;
    }
    page.ld_str("articleSection")
        .or_else(|| page.metas.get("meta[property='article:section']"))
        .map(|s| vec![s])
        .unwrap_or_default()
}

pub(super) fn breadcrumb(doc: &Document, index: &PageIndex, ld_scripts: &[Value]) -> Vec<String> {
    for value in ld_scripts {
        let mut parts = Vec::new();
        visit_ld(value, &mut |v| {
            if parts.is_empty() && v.get("@type").and_then(Value::as_str) == Some("BreadcrumbList")
            {
                if let Some(Value::Array(items)) = v.get("itemListElement") {
                    parts = items
                        .iter()
                        .filter_map(|i| {
                            i.get("name")
                                .or_else(|| i.get("item").and_then(|it| it.get("name")))
                        })
                        .filter_map(Value::as_str)
                        .map(clean)
                        .collect();
                }
            }
        });
        if !parts.is_empty() {
            return trim_breadcrumb(parts);
        }
    }
    // Each selector below needs the word in an aria-label, class or itemtype.
    if !index.mentions_any(&["readcrumb"]) {
        return Vec::new();
    }
    for sel in [
        "nav[aria-label*='readcrumb'] a",
        "[class*='breadcrumb'] a",
        "[itemtype*='BreadcrumbList'] [itemprop='name']",
    ] {
        let parts: Vec<String> = doc
            .select(sel)
            .nodes()
            .iter()
            .map(|n| clean(&n.text()))
            .filter(|t| !t.is_empty())
            .collect();
        if !parts.is_empty() {
            return trim_breadcrumb(parts);
        }
    }
    Vec::new()
}

/// Drops "Home" and a trailing crumb that is the article itself.
pub(super) fn trim_breadcrumb(mut parts: Vec<String>) -> Vec<String> {
    if parts
        .first()
        .is_some_and(|p| p.eq_ignore_ascii_case("home") || p.eq_ignore_ascii_case("main"))
    {
        parts.remove(0);
    }
    if parts
        .last()
        .is_some_and(|p| p.split_whitespace().count() > 6)
    {
        parts.pop();
    }
    parts.truncate(6);
    parts
}
