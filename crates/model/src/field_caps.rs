//! Bounds on an article's free-text fields, applied by the normalizer.
//!
//! PostgreSQL refuses a row whose indexed text is too long: a B-tree entry
//! over about 2.7 kB (`canonical_url`, `outlet`), a GIN entry as long
//! (`author_names`), a search vector over 1 MB (title and standfirst feed
//! it whole). Such a refusal at the persister would come after the
//! deduplicator has recorded the story, so a corrected resend would find it
//! "seen" and never be stored. Capping the fields before the article leaves
//! the normalizer means nothing the pipeline carries can be refused there;
//! no real headline, byline or label comes near these bounds.

use crate::Article;

pub const MAX_TITLE_CHARS: usize = 1_000;
pub const MAX_STANDFIRST_CHARS: usize = 5_000;
/// An author's name or e-mail, a section name, a keyword.
pub const MAX_NAME_CHARS: usize = 200;
/// A dateline, a site or outlet name.
pub const MAX_LABEL_CHARS: usize = 500;
/// A byline of more names than this is a broken page, not a team.
pub const MAX_AUTHORS: usize = 50;
pub const MAX_SECTION_PARTS: usize = 20;
pub const MAX_KEYWORDS: usize = 100;
/// A canonical URL or a story identity longer than this is refused (an
/// index entry must hold it); cutting it would name another page.
pub const MAX_URL_BYTES: usize = 2_048;
/// The scraper's fields the contract does not name (`sightings.extra`),
/// serialized: room for any crawl metadata, not for a second page.
pub const MAX_EXTRA_BYTES: usize = 16 * 1024;

/// Cuts `text` to at most `max` characters (on a character boundary, then
/// back to the last whole word when one ends in the second half); true when
/// it was cut.
pub fn cap_text(text: &mut String, max: usize) -> bool {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return false;
    };
    let head = &text[..cut];
    let end = match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => space,
        _ => cut,
    };
    text.truncate(end);
    true
}

fn cap_opt(text: &mut Option<String>, max: usize) -> bool {
    text.as_mut().is_some_and(|t| cap_text(t, max))
}

fn cap_list(list: &mut Vec<String>, max_items: usize, max_chars: usize) -> bool {
    let mut cut = list.len() > max_items;
    list.truncate(max_items);
    for item in list.iter_mut() {
        cut |= cap_text(item, max_chars);
    }
    cut
}

/// Caps every free-text field of `article` in place; returns the names of
/// the fields that were cut (for a warning).
pub fn cap_article(article: &mut Article) -> Vec<&'static str> {
    let mut cut = Vec::new();
    let mut note = |was_cut: bool, field: &'static str| {
        if was_cut {
            cut.push(field);
        }
    };
    note(cap_text(&mut article.title, MAX_TITLE_CHARS), "title");
    note(
        cap_opt(&mut article.standfirst, MAX_STANDFIRST_CHARS),
        "standfirst",
    );
    note(
        cap_list(&mut article.section, MAX_SECTION_PARTS, MAX_NAME_CHARS),
        "section",
    );
    let mut authors_cut = article.authors.len() > MAX_AUTHORS;
    article.authors.truncate(MAX_AUTHORS);
    for author in &mut article.authors {
        authors_cut |= cap_text(&mut author.name, MAX_NAME_CHARS);
        authors_cut |= cap_opt(&mut author.email, MAX_NAME_CHARS);
    }
    note(authors_cut, "authors");
    note(cap_opt(&mut article.dateline, MAX_LABEL_CHARS), "dateline");
    note(
        cap_opt(&mut article.site_name, MAX_LABEL_CHARS),
        "site_name",
    );
    note(
        cap_list(&mut article.keywords, MAX_KEYWORDS, MAX_NAME_CHARS),
        "keywords",
    );
    cut
}

/// Leaves the largest fields out of `extra` until it serializes to at most
/// `MAX_EXTRA_BYTES`; returns the names left out (for a warning). Whole
/// fields go, never part of one: a cut value would be a wrong value.
pub fn cap_extra(extra: &mut serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    // "key":value, — the quotes, colon and comma included. Each field is
    // sized once: a message of many small fields must not cost a pass over
    // all of them per field left out.
    let mut sizes: Vec<(usize, String)> = extra
        .iter()
        .map(|(k, v)| {
            (
                k.len() + 4 + serde_json::to_string(v).map_or(0, |v| v.len()),
                k.clone(),
            )
        })
        .collect();
    let mut total: usize = 2 + sizes.iter().map(|(bytes, _)| bytes).sum::<usize>();
    // Largest first; of two as large, the later key.
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let mut left_out = Vec::new();
    for (bytes, key) in sizes {
        if total <= MAX_EXTRA_BYTES {
            break;
        }
        extra.remove(&key);
        total -= bytes;
        left_out.push(key);
    }
    left_out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_on_a_word_and_character_boundary() {
        let mut t = "héllo wörld ".repeat(100);
        assert!(cap_text(&mut t, 50));
        assert!(t.chars().count() <= 50);
        assert!(t.ends_with("héllo") || t.ends_with("wörld"), "{t}");
        let mut one_word = "é".repeat(80);
        assert!(cap_text(&mut one_word, 50));
        assert_eq!(one_word.chars().count(), 50);
        let mut short = "short".to_string();
        assert!(!cap_text(&mut short, 50));
        assert_eq!(short, "short");
    }

    #[test]
    fn a_megabyte_title_and_ten_thousand_authors_are_capped() {
        let mut a = Article {
            title: "word ".repeat(200_000),
            authors: (0..10_000)
                .map(|i| crate::Author {
                    name: format!("Name {i}"),
                    email: None,
                })
                .collect(),
            ..Article::default()
        };
        let cut = cap_article(&mut a);
        assert_eq!(cut, ["title", "authors"]);
        assert!(a.title.chars().count() <= MAX_TITLE_CHARS);
        assert_eq!(a.authors.len(), MAX_AUTHORS);
    }

    #[test]
    fn extra_keeps_small_fields_and_leaves_out_the_largest() {
        let mut extra = serde_json::Map::new();
        extra.insert("crawler".into(), "v2".into());
        extra.insert("dump".into(), "x".repeat(40_000).into());
        extra.insert("headers".into(), "h".repeat(10_000).into());
        extra.insert("depth".into(), 3.into());
        let left_out = cap_extra(&mut extra);
        assert_eq!(left_out, ["dump"]);
        assert!(serde_json::to_string(&extra).unwrap().len() <= MAX_EXTRA_BYTES);
        assert_eq!(extra.len(), 3);

        let mut many = serde_json::Map::new();
        for i in 0..5_000 {
            many.insert(format!("k{i}"), i.into());
        }
        let left_out = cap_extra(&mut many);
        assert!(!left_out.is_empty());
        assert!(serde_json::to_string(&many).unwrap().len() <= MAX_EXTRA_BYTES);

        let mut small = serde_json::Map::new();
        small.insert("a".into(), 1.into());
        assert!(cap_extra(&mut small).is_empty());
    }
}
