//! The story's authors: the first source that names people (JSON-LD, meta
//! tags, byline elements, a byline printed near the headline, "Written by"
//! anywhere), completed with every co-author and their e-mails.

pub(super) mod elements;
mod emails;
pub(super) mod metadata;
mod printed;

use wirefeed_model::Author;

use crate::extract::fields::title::TITLE_SEPARATORS;
use crate::extract::formats::html::authors::elements::{byline_elements, co_author_links};
use crate::extract::formats::html::authors::emails::attach_emails;
use crate::extract::formats::html::authors::metadata::{json_ld_authors, meta_authors};
use crate::extract::formats::html::authors::printed::{byline_in_text, written_by_anywhere};
use crate::extract::formats::html::headline::{HeadlineArea, Titles};
use crate::extract::formats::html::page::Page;

pub(super) fn authors(page: &Page, titles: &Titles, area: &HeadlineArea) -> Vec<Author> {
    let (doc, index) = (page.doc, &page.index);
    let ld_authors = page.ld.as_ref().map(json_ld_authors).unwrap_or_default();
    let meta_authors = meta_authors(&page.metas);
    let publishers = publishers(page, titles);
    let sources: [&dyn Fn() -> Vec<Author>; 5] = [
        &|| ld_authors.clone(),
        &|| meta_authors.clone(),
        &|| byline_elements(doc, index),
        &|| byline_in_text(&area.header),
        &|| written_by_anywhere(index),
    ];
    // A source's names once each, and those of them that are people (not
    // the publication).
    let unique = |mut found: Vec<Author>| {
        let mut seen = std::collections::HashSet::new();
        found.retain(|a| seen.insert(a.name.to_lowercase()));
        found
    };
    let people_of = |found: &[Author]| -> Vec<Author> {
        found
            .iter()
            .filter(|a| !publishers.contains(&a.name.to_lowercase()))
            .cloned()
            .collect()
    };
    let mut authors: Vec<Author> = Vec::new();
    let mut fallback: Vec<Author> = Vec::new();
    for source in sources {
        let found = unique(source());
        let people = people_of(&found);
        if !people.is_empty() {
            authors = people;
            break;
        }
        if fallback.is_empty() {
            fallback = found;
        }
    }
    // Every co-author: meta tags that name the chosen people and more (a
    // tag per author, where the JSON-LD names only the first) win.
    let lower = |v: &[Author]| -> std::collections::HashSet<String> {
        v.iter().map(|a| a.name.to_lowercase()).collect()
    };
    // Links to author pages side by side with a chosen author's link
    // ("Rui Ma, Heba Ledwon, ..." where the meta tag names Rui Ma) are
    // the co-authors of the same credit.
    for listed_by in [
        meta_authors.clone(),
        co_author_links(index, &lower(&authors)),
    ] {
        let (chosen, listed) = (lower(&authors), lower(&listed_by));
        if !chosen.is_empty() && listed.len() > chosen.len() && chosen.is_subset(&listed) {
            authors = people_of(&unique(listed_by));
        }
    }
    if authors.is_empty() {
        authors = fallback;
    }
    attach_emails(doc, index, &mut authors);
    authors
}

/// The publication named as an author is not a person who wrote the
/// piece: a later source naming people wins over it; it stays only when
/// no source names anyone else. Its names, lower-case: the site's, the
/// JSON-LD's publisher, and the name after the meta title's last separator
/// ("... | Embarque").
fn publishers(page: &Page, titles: &Titles) -> Vec<String> {
    let title_site = titles.full_meta_titles.iter().find_map(|t| {
        TITLE_SEPARATORS.iter().find_map(|sep| {
            let (_, tail) = t.rsplit_once(sep)?;
            (1..=4)
                .contains(&tail.split_whitespace().count())
                .then(|| tail.trim().to_string())
        })
    });
    [titles.site_name.clone(), page.publisher.clone(), title_site]
        .into_iter()
        .flatten()
        .map(|p| p.to_lowercase())
        .collect()
}
