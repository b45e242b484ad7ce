//! The authors' e-mail addresses.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use wirefeed_model::Author;

use crate::extract::formats::html::page_index::PageIndex;

pub(super) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex")
});

/// E-mails printed in byline areas or as mailto links, paired to authors by
/// the name parts they contain, else by position when counts agree.
pub(super) fn attach_emails(doc: &Document, index: &PageIndex, authors: &mut [Author]) {
    if authors.is_empty() || authors.iter().all(|a| a.email.is_some()) {
        return;
    }
    let mut emails: Vec<String> = Vec::new();
    let mailto_links = if index.mentions_any(&["href:mailto:"]) {
        doc.select("a[href^='mailto:']").nodes().to_vec()
    } else {
        Vec::new()
    };
    for n in &mailto_links {
        if let Some(href) = n.attr("href") {
            let addr = href
                .trim_start_matches("mailto:")
                .split('?')
                .next()
                .unwrap_or("")
                .to_lowercase();
            if EMAIL.is_match(&addr) && !emails.contains(&addr) {
                emails.push(addr);
            }
        }
    }
    let bylines = index.byline_elements().iter().filter(|n| {
        n.attr("class")
            .is_some_and(|c| c.contains("byline") || c.contains("author"))
    });
    for n in bylines {
        for m in EMAIL.find_iter(&n.text()) {
            let addr = m.as_str().to_lowercase();
            if !emails.contains(&addr) {
                emails.push(addr);
            }
        }
    }
    for author in authors.iter_mut().filter(|a| a.email.is_none()) {
        let parts: Vec<String> = author
            .name
            .to_lowercase()
            .split([' ', '-'])
            .filter(|p| p.len() >= 3)
            .map(str::to_string)
            .collect();
        author.email = emails
            .iter()
            .find(|e| {
                let local = e.split('@').next().unwrap_or("");
                parts.iter().any(|p| local.contains(p.as_str()))
            })
            .cloned();
    }
}
