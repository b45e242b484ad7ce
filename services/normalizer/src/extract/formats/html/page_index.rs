//! One walk over a parsed page that finds the elements the news fields are
//! read from, so that looking one up no longer walks the whole tree again
//! (each CSS selection visits every node; a page was walked some forty
//! times).

use std::collections::HashMap;

use dom_query::{Document, NodeData, NodeId, NodeRef};

/// The elements kept by tag name; the others are only counted in the
/// vocabulary.
const INDEXED_TAGS: &[&str] = &[
    "html",
    "title",
    "meta",
    "link",
    "script",
    "time",
    "h1",
    "article",
    "main",
    "body",
    "figure",
    "figcaption",
];

pub struct PageIndex<'a> {
    by_tag: HashMap<&'static str, Vec<NodeRef<'a>>>,
    /// Each indexed element's place in page order.
    positions: HashMap<NodeId, usize>,
    /// Every class, id, itemprop, rel, itemtype, role and aria-label value
    /// of the page, lower-cased, and `href:` plus every link target that
    /// names an author or an e-mail address: a selector that needs a word
    /// missing here cannot match, and is not run.
    vocabulary: String,
    /// Elements whose class, id or itemprop say they hold a date or a
    /// byline, and `<time>`s, in page order.
    date_elements: Vec<NodeRef<'a>>,
    /// Elements whose class names an author, a byline or "written-by"
    /// (any case), and links to author pages, in page order.
    byline_elements: Vec<NodeRef<'a>>,
}

/// Class words (lower-cased) of the elements kept as byline candidates
/// (`class_words` looks for them).
#[cfg(test)]
const BYLINE_CLASS_WORDS: &[&str] = &["author", "byline", "written-by"];

/// Words of a date or byline element's class (any case), as the selector
/// `[class*='date'], [class*='Date'], [class*='publish'], …` had them
/// (`class_words` looks for them).
#[cfg(test)]
const DATE_CLASS_WORDS: &[&str] = &[
    "date", "publish", "posted", "time", "byline", "author", "meta",
];

impl<'a> PageIndex<'a> {
    pub fn new(doc: &'a Document) -> PageIndex<'a> {
        let mut by_tag: HashMap<&'static str, Vec<NodeRef<'a>>> = HashMap::new();
        let mut vocabulary = String::new();
        let mut date_elements = Vec::new();
        let mut positions = HashMap::new();
        let mut byline_elements = Vec::new();
        for (position, node) in doc.root().descendants_it().enumerate() {
            crate::cancel::checkpoint();
            node.query(|tn| {
                let NodeData::Element(e) = &tn.data else {
                    return;
                };
                let local: &str = &e.name.local;
                if let Some(tag) = INDEXED_TAGS.iter().find(|t| **t == local) {
                    by_tag.entry(tag).or_default().push(node);
                    positions.insert(node.id, position);
                }
                let mut dated = local == "time";
                let mut byline = false;
                for a in &e.attrs {
                    let name: &str = &a.name.local;
                    match name {
                        "class" | "id" | "itemprop" | "rel" | "itemtype" | "role"
                        | "aria-label" => {
                            let start = vocabulary.len() + 1;
                            vocabulary.push(' ');
                            vocabulary.push_str(&a.value);
                            vocabulary[start..].make_ascii_lowercase();
                            let value = &vocabulary[start..];
                            match name {
                                "class" => {
                                    let (d, b) = class_words(value);
                                    dated |= d;
                                    byline |= b;
                                }
                                "id" | "itemprop" => dated |= value.contains("date"),
                                _ => {}
                            }
                        }
                        "href" => {
                            // Most links are lower case already: no copy.
                            let value: &str = &a.value;
                            let lowered;
                            let lower = if value.bytes().any(|b| b.is_ascii_uppercase()) {
                                lowered = value.to_ascii_lowercase();
                                lowered.as_str()
                            } else {
                                value
                            };
                            if lower.contains("author") || lower.starts_with("mailto:") {
                                vocabulary.push_str(" href:");
                                vocabulary.push_str(lower);
                                byline |= local == "a"
                                    && (lower.contains("/author/") || lower.contains("/authors/"));
                            }
                        }
                        _ => {}
                    }
                }
                if dated {
                    date_elements.push(node);
                }
                if byline {
                    byline_elements.push(node);
                }
            });
        }
        PageIndex {
            by_tag,
            positions,
            vocabulary,
            date_elements,
            byline_elements,
        }
    }

    /// Elements that may print the article's date or byline: `<time>`
    /// and those whose class, id or itemprop names a date, a time, the
    /// publication, a byline, an author or meta data.
    pub fn date_elements(&self) -> &[NodeRef<'a>] {
        &self.date_elements
    }

    /// Elements that may print a byline: those whose class names an
    /// author, a byline or "written-by" (any case), and links to
    /// `/author/` or `/authors/` pages.
    pub fn byline_elements(&self) -> &[NodeRef<'a>] {
        &self.byline_elements
    }

    /// The page's elements of an indexed tag, in page order.
    pub fn tag(&self, tag: &str) -> &[NodeRef<'a>] {
        debug_assert!(INDEXED_TAGS.contains(&tag), "{tag} is not indexed");
        self.by_tag.get(tag).map_or(&[], Vec::as_slice)
    }

    /// Where an indexed element comes in page order: a later element has
    /// a greater position.
    pub fn position(&self, node: &NodeRef) -> Option<usize> {
        self.positions.get(&node.id).copied()
    }

    /// Whether any class, id or other indexed attribute value of the page
    /// contains one of `words` (lower-case).
    pub fn mentions_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.vocabulary.contains(w))
    }
}

/// Whether a lower-case class value holds a date or byline word (date,
/// publish, posted, time, byline, author, meta) and whether it holds a
/// byline word (author, byline, written-by): one pass over its bytes, as
/// every element's class is read here.
fn class_words(value: &str) -> (bool, bool) {
    let bytes = value.as_bytes();
    let (mut dated, mut byline) = (false, false);
    for i in 0..bytes.len() {
        let rest = &bytes[i..];
        let word = |w: &str| rest.starts_with(w.as_bytes());
        match bytes[i] {
            b'd' => dated |= word("date"),
            b'p' => dated |= word("publish") || word("posted"),
            b't' => dated |= word("time"),
            b'm' => dated |= word("meta"),
            b'b' => {
                let b = word("byline");
                dated |= b;
                byline |= b;
            }
            b'a' => {
                let a = word("author");
                dated |= a;
                byline |= a;
            }
            b'w' => byline |= word("written-by"),
            _ => {}
        }
    }
    (dated, byline)
}

/// Whether `node` has an ancestor element named `tag`.
pub fn has_ancestor(node: &NodeRef, tag: &str) -> bool {
    crate::cancel::checkpoint();
    node.ancestors_it(None)
        .any(|a| a.node_name().is_some_and(|n| &*n == tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_are_the_listed_words() {
        for class in [
            "post-date",
            "entry-meta",
            "article__byline",
            "c-author-name",
            "written-by",
            "timestamp",
            "published-on",
            "posted",
            "headline",
            "auth",
            "dat",
            "",
            "nav menu",
            "bylines metadata",
        ] {
            let expected = (
                DATE_CLASS_WORDS.iter().any(|w| class.contains(w)),
                BYLINE_CLASS_WORDS.iter().any(|w| class.contains(w)),
            );
            assert_eq!(class_words(class), expected, "{class}");
        }
    }

    #[test]
    fn indexes_tags_in_order_and_the_vocabulary() {
        let doc = Document::from(
            r#"<html lang="en"><head><title>T</title><meta name="a" content="1"></head>
            <body><article><h1>One</h1></article><h1>Two</h1>
            <div class="Byline">x</div><a href="mailto:a@b.c">a</a></body></html>"#,
        );
        let index = PageIndex::new(&doc);
        let h1s: Vec<String> = index
            .tag("h1")
            .iter()
            .map(|n| n.text().to_string())
            .collect();
        assert_eq!(h1s, ["One", "Two"]);
        assert!(has_ancestor(&index.tag("h1")[0], "article"));
        assert!(!has_ancestor(&index.tag("h1")[1], "article"));
        assert_eq!(index.tag("meta").len(), 1);
        assert!(index.tag("figure").is_empty());
        assert!(index.mentions_any(&["byline"]));
        assert!(index.mentions_any(&["href:mailto:"]));
        assert!(!index.mentions_any(&["breadcrumb"]));
    }
}
