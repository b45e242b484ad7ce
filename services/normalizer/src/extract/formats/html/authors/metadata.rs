//! Authors the page's metadata states: JSON-LD, meta tags, citation tags,
//! Twitter card labels.

use serde_json::Value;
use wirefeed_model::Author;

use crate::extract::fields::byline::{clean_name, looks_like_byline, parse_byline};
use crate::extract::formats::html::meta::{decode, Metas};

/// The authors the meta tags name, a tag per author where there are
/// several.
pub(super) fn meta_authors(metas: &Metas) -> Vec<Author> {
    [
        "meta[name='author']",
        "meta[property='article:author']",
        "meta[name='byl']",
        "meta[name='parsely-author']",
        "meta[name='dc.creator']",
        "meta[name='DC.creator']",
        "meta[name='dcterms.creator']",
    ]
    .iter()
    .flat_map(|sel| metas.every(sel))
    .chain(labelled_twitter_author(metas))
    .filter(|v| !v.starts_with("http"))
    .flat_map(|v| authors_from_text(&v))
    .chain(citation_authors(metas))
    .collect()
}

pub(super) fn json_ld_authors(article: &Value) -> Vec<Author> {
    let mut authors = Vec::new();
    let mut push = |v: &Value| match v {
        Value::String(s) => authors.extend(authors_from_text(s)),
        Value::Object(o) => {
            let is_org = o.get("@type").and_then(Value::as_str) == Some("Organization");
            if let (false, Some(name)) = (is_org, o.get("name").and_then(Value::as_str)) {
                for mut a in authors_from_text(name) {
                    a.email = o
                        .get("email")
                        .and_then(Value::as_str)
                        .map(|e| e.trim_start_matches("mailto:").to_lowercase());
                    authors.push(a);
                }
            }
        }
        _ => {}
    };
    match article.get("author") {
        Some(Value::Array(items)) => items.iter().for_each(&mut push),
        Some(v) => push(v),
        None => {}
    }
    authors
}

/// People in a free-text author field: "Jane Doe and John Roe", "By Jane Doe".
pub(super) fn authors_from_text(s: &str) -> Vec<Author> {
    let s = decode(s);
    if looks_like_byline(&s)
        || s.contains(',')
        || s.contains(" and ")
        || s.contains(" & ")
        || s.contains('@')
    {
        parse_byline(&s)
    } else {
        clean_name(&s)
            .map(|name| vec![Author { name, email: None }])
            .unwrap_or_default()
    }
}

/// Scholarly pages' `citation_author` tags, one per author, often written
/// surname first ("Roy, Aniruddha").
pub(super) fn citation_authors(metas: &Metas) -> Vec<Author> {
    metas
        .all("name", "citation_author")
        .chain(metas.all("name", "citation_authors"))
        .filter_map(|v| {
            let name = match v.split_once(',') {
                Some((last, first)) if !first.contains(',') => {
                    format!("{} {}", first.trim(), last.trim())
                }
                _ => v.to_string(),
            };
            clean_name(&decode(&name))
        })
        .map(|name| Author { name, email: None })
        .collect()
}

/// The author a page states in its Twitter card labels ("Written by" in
/// `twitter:label1`, the name in `twitter:data1`).
pub(in crate::extract::formats::html) fn labelled_twitter_author(metas: &Metas) -> Option<String> {
    (1..=4).find_map(|i| {
        let label = metas.get(&format!("meta[name='twitter:label{i}']"))?;
        let label = label.to_lowercase();
        (label.contains("written by") || label == "author")
            .then(|| metas.get(&format!("meta[name='twitter:data{i}']")))
            .flatten()
    })
}
