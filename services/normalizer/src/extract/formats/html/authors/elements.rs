//! Authors named by the page's elements: byline classes, author boxes,
//! links to author pages.

use dom_query::Document;
use wirefeed_model::Author;

use crate::extract::fields::byline::credits_someone_else;
use crate::extract::formats::html::authors::metadata::authors_from_text;
use crate::extract::formats::html::chrome::{in_other_stories, in_other_stories_or_frame};
use crate::extract::formats::html::dom::{spaced_text, text_pieces};
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::support::text::clean;

/// Elements that name the author by class or link, looser than the byline
/// classes: only the first one outside the page's chrome is read, so a list
/// of other stories' authors is never taken for the article's.
/// An element of an author box or an author link: a class naming an
/// author (`author-name`, `post-author`, `AuthorName`…) or "written-by",
/// or a link to an `/author/` or `/authors/` page.
pub(super) fn is_author_element(node: &dom_query::NodeRef) -> bool {
    // The story's own container carries its author in a class
    // (`<article class="... author-annette-thurmon">`): it holds the whole
    // story, not a credit.
    if node
        .node_name()
        .is_some_and(|n| matches!(&*n, "article" | "main" | "body" | "html"))
    {
        return false;
    }
    let class = node.attr("class").unwrap_or_default().to_lowercase();
    class.contains("author") || class.contains("written-by") || links_to_author_page(node)
}

/// A link to an `/author/` or `/authors/` page.
pub(super) fn links_to_author_page(node: &dom_query::NodeRef) -> bool {
    node.node_name().is_some_and(|n| &*n == "a")
        && node
            .attr("href")
            .is_some_and(|h| h.contains("/author/") || h.contains("/authors/"))
}

/// Every link to an author page among the siblings of a link to a chosen
/// author's page, in order: the names of one credit.
pub(super) fn co_author_links(
    index: &PageIndex,
    chosen: &std::collections::HashSet<String>,
) -> Vec<Author> {
    // Links by where they lead, not by class: an author box's links to
    // the author's social profiles carry author classes too.
    let Some(credit) = index.byline_elements().iter().find_map(|a| {
        if !links_to_author_page(a) || !chosen.contains(&clean(&a.text()).to_lowercase()) {
            return None;
        }
        // Past a wrapper that holds only the link (`<strong><a>`).
        let parent = a.parent()?;
        match author_link_in(&parent) {
            Some(_) => parent.parent(),
            None => Some(parent),
        }
    }) else {
        return Vec::new();
    };
    // The text since the previous link says what the next one credits
    // ("| Fact-checked by"); one author page is one person, however many
    // links lead to it ("Natasha Turak", "Biography").
    let mut between = String::new();
    let mut pages = std::collections::HashSet::new();
    let mut found = Vec::new();
    for n in credit.children() {
        let Some(link) = author_link_in(&n) else {
            between.push_str(&n.text());
            continue;
        };
        let page = link.attr("href").unwrap_or_default().to_string();
        if !credits_someone_else(&between) && pages.insert(page) {
            found.extend(authors_from_text(&clean(&link.text())));
        }
        between.clear();
    }
    found.retain(|a| name_like(&a.name));
    found
}

/// The node itself when it links to an author page, or the one such link
/// it only wraps (`<strong><a href="/authors/...">Name</a></strong>`).
pub(super) fn author_link_in<'a>(node: &dom_query::NodeRef<'a>) -> Option<dom_query::NodeRef<'a>> {
    if links_to_author_page(node) {
        return Some(*node);
    }
    let elements: Vec<_> = node
        .children()
        .into_iter()
        .filter(|c| c.is_element())
        .collect();
    match elements.as_slice() {
        [only] if links_to_author_page(only) && only.text().trim() == node.text().trim() => {
            Some(*only)
        }
        _ => None,
    }
}

pub(in crate::extract::formats::html) fn byline_elements(
    doc: &Document,
    index: &PageIndex,
) -> Vec<Author> {
    // Every selector below needs one of these words in a class, an
    // itemprop, a rel or a link.
    if !index.mentions_any(&["author", "byline", "written-by"]) {
        return Vec::new();
    }
    let found = byline_class_elements(doc, index);
    if !found.is_empty() {
        return found;
    }
    // Each text of the element on its own: an author box prints the name,
    // the role and "Published" in separate elements, which run together
    // ("Harry RabinowitzTech") in the element's whole text.
    index
        .byline_elements()
        .iter()
        .filter(|n| is_author_element(n))
        .filter(|n| !in_other_stories_or_frame(n))
        .flat_map(|n| text_pieces(n))
        .filter(|t| (1..=12).contains(&t.split_whitespace().count()))
        .map(|t| {
            let mut found = authors_from_text(&t);
            found.retain(|a| name_like(&a.name));
            found
        })
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}

/// Whether text read from a loosely chosen element looks like a name:
/// one to five capitalised words (name particles aside), none of them the
/// words of author widgets ("About the author", "View posts").
pub(in crate::extract::formats::html) fn name_like(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "da", "del", "la", "le", "bin", "al", "du",
    ];
    const WIDGET_WORDS: &[&str] = &[
        "about",
        "author",
        "authors",
        "share",
        "follow",
        "read",
        "more",
        "view",
        "posts",
        "profile",
        "contact",
        "bio",
        "subscribe",
        "comments",
        "written",
        "published",
        "updated",
        "min",
        "all",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    // An avatar's initials ("Nb") are not a name.
    let initials = words.len() == 1 && name.chars().count() <= 2;
    !initials
        && (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
        && !words
            .iter()
            .any(|w| WIDGET_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Byline elements, the most specific kind first.
pub(super) enum BylineKind {
    /// A CSS selector, run over the whole page.
    Selector(&'static str),
    /// A class name the element has.
    Class(&'static str),
    /// Words its class contains.
    ClassContains(&'static str),
}

pub(super) fn byline_class_elements(doc: &Document, index: &PageIndex) -> Vec<Author> {
    let has_class = |node: &dom_query::NodeRef, name: &str| {
        node.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|t| t == name))
    };
    for kind in [
        BylineKind::Selector("[itemprop='author'] [itemprop='name']"),
        BylineKind::Selector("a[rel='author']"),
        BylineKind::Class("byline__name"),
        BylineKind::Class("author-name"),
        BylineKind::Class("byline"),
        BylineKind::ClassContains("byline"),
        BylineKind::Class("author"),
    ] {
        // The class kinds are read from the indexed byline candidates: a
        // selection walks the whole page each time.
        let nodes: Vec<dom_query::NodeRef> = match kind {
            BylineKind::Selector(sel) => doc.select(sel).nodes().to_vec(),
            BylineKind::Class(name) => index
                .byline_elements()
                .iter()
                .filter(|n| has_class(n, name))
                .copied()
                .collect(),
            BylineKind::ClassContains(word) => index
                .byline_elements()
                .iter()
                .filter(|n| n.attr("class").is_some_and(|c| c.contains(word)))
                .copied()
                .collect(),
        };
        // Other stories' credits (related-story lists, comments) credit no
        // one in this story. A `<footer>` can be the story's own, with
        // its author box.
        let names: Vec<Author> = nodes
            .iter()
            .filter(|n| !in_other_stories(n))
            .flat_map(|n| names_in_byline_element(n))
            .collect();
        if !names.is_empty() {
            let mut unique: Vec<Author> = Vec::new();
            for a in names {
                if !unique.iter().any(|u| u.name == a.name) {
                    unique.push(a);
                }
            }
            return unique;
        }
    }
    Vec::new()
}

/// The people a byline element names. Its texts are read together ("By",
/// a linked name, "and", another), unless a name read that way only adds
/// the next text's words to a whole name printed on its own ("Daryl Austin"
/// then "Published"): then each text is read alone.
pub(super) fn names_in_byline_element(node: &dom_query::NodeRef) -> Vec<Author> {
    let whole = spaced_text(node);
    if whole.is_empty() || whole.split_whitespace().count() > 20 {
        return Vec::new();
    }
    let together = authors_from_text(&whole);
    let alone: Vec<Author> = text_pieces(node)
        .iter()
        .flat_map(|t| authors_from_text(t))
        .filter(|a| a.name.split_whitespace().count() >= 2 && name_like(&a.name))
        .collect();
    let padded = |a: &Author| {
        alone
            .iter()
            .any(|p| a.name != p.name && a.name.starts_with(&format!("{} ", p.name)))
    };
    if !alone.is_empty() && together.iter().any(padded) {
        alone
    } else {
        together
    }
}
