//! The page's `<meta>` tags, read once, and the decoding of the values
//! that meta tags and JSON-LD carry.

use crate::extract::fields::dates;
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::support::text::clean;

/// The page's `<meta>` tags, read in one pass: looking each up with its
/// own selector walked the whole tree some thirty times a page.
pub(super) struct Metas {
    /// (attribute: name, property or itemprop; its value; content),
    /// in page order.
    entries: Vec<(&'static str, String, String)>,
}

impl Metas {
    pub(super) fn new(index: &PageIndex) -> Metas {
        let mut entries = Vec::new();
        for node in index.tag("meta") {
            let Some(content) = node.attr("content") else {
                continue;
            };
            for attr in ["name", "property", "itemprop"] {
                if let Some(key) = node.attr(attr) {
                    entries.push((attr, key.to_string(), content.to_string()));
                }
            }
        }
        Metas { entries }
    }

    /// Every content of `<meta attr="key">`, in page order.
    pub(super) fn all<'a>(
        &'a self,
        attr: &'a str,
        key: &'a str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            // Names are written in any case ("DC.Date", "dc.date").
            .filter(move |(a, k, _)| *a == attr && k.eq_ignore_ascii_case(key))
            .map(|(_, _, c)| c.as_str())
    }

    /// The first non-empty content for a selector of the form
    /// `meta[attr='key']`.
    pub(super) fn get(&self, selector: &str) -> Option<String> {
        self.every(selector).next()
    }

    /// Every non-empty content for a selector of the form
    /// `meta[attr='key']` (a tag repeated per co-author), in page order.
    pub(super) fn every<'a>(&'a self, selector: &'a str) -> impl Iterator<Item = String> + 'a {
        let (attr, key) = selector
            .strip_prefix("meta[")
            .and_then(|s| s.strip_suffix("']"))
            .and_then(|s| s.split_once("='"))
            .unwrap_or(("", ""));
        // Pages mix up `name` and `property` (`<meta name="article:
        // published_time">`): the other attribute is read when the named
        // one is missing.
        let other = match attr {
            "name" => "property",
            "property" => "name",
            _ => attr,
        };
        let named: Vec<&str> = self.all(attr, key).collect();
        let chosen = if named.is_empty() {
            self.all(other, key).collect()
        } else {
            named
        };
        chosen.into_iter().map(decode).filter(|v| !v.is_empty())
    }
}

/// A date value from markup in a machine form, or failing that in a form
/// printed for readers ("July 17, 2025", "02-12-2025"), which some
/// publishers put in their tags; RFC 3339 either way when it parses.
pub(super) fn machine_or_printed(value: String) -> String {
    match dates::parse_machine(&value) {
        Some(_) => value,
        None => dates::parse_text(&value).map_or(value, |t| t.to_rfc3339()),
    }
}

/// Decodes HTML entities that sites leave in JSON-LD and meta values, twice
/// over for the double-encoded ("&amp;#8217;").
pub(super) fn decode(s: &str) -> String {
    let once = html_escape::decode_html_entities(s);
    clean(&html_escape::decode_html_entities(&once))
}
