//! The person a personal site is named after, in its header: "Colin
//! Watson's blog", "Derek Seaman's Tech Blog", "Helge Fahrnberger's
//! personal pages", "Mike Woodward's thoughts on AI, data, and
//! analytics". Read only when nothing nearer the headline names anyone:
//! on such a site the owner writes the posts.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Author;

use super::block::Block;
use super::lines::without_bullet;
use super::person::person;

/// Words a header block naming its site has at most.
const OWNER_BLOCK_WORDS: usize = 40;

/// A name, its possessive, and what a personal site calls itself, at most
/// two words after it.
static OWNED_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<name>\p{Lu}[\p{L}.-]+(?:\s+\p{Lu}[\p{L}.-]+){1,3})['’]s\s+",
        r"(?:[\p{L}-]+\s+){0,2}(?i:blog|weblog|substack|newsletter|homepage|home page|personal (?:pages?|site|website|blog)|notes|thoughts)\b"
    ))
    .expect("valid regex")
});

/// The owner a block above the headline (`anchor`) names its site after.
pub fn above_headline(blocks: &[Block], anchor: usize) -> Option<Vec<Author>> {
    blocks[..anchor.min(blocks.len())].iter().find_map(|b| {
        if b.words > OWNER_BLOCK_WORDS || !(b.text.contains('\'') || b.text.contains('’')) {
            return None;
        }
        // A list item links to someone else's site ("□ Chef Marilyn's
        // Substack" in a menu).
        if b.bullet {
            return None;
        }
        let named = OWNED_SITE.captures(without_bullet(b.text.trim()))?;
        let name = &named["name"];
        // "The Verge's newsletter" names a publication.
        if name.starts_with("The ") {
            return None;
        }
        person(name).map(|name| vec![Author { name, email: None }])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::formats::text_dump::block::Role;

    fn owner(header: &str) -> Option<String> {
        let item = header.starts_with('□');
        let header = header.trim_start_matches('□').trim();
        let blocks = [
            Block::of(header, Role::Chrome, item),
            Block::of("A headline", Role::Title, false),
        ];
        above_headline(&blocks, 1).map(|a| a[0].name.clone())
    }

    #[test]
    fn a_personal_sites_owner() {
        for (header, name) in [
            ("Colin Watson's blog", Some("Colin Watson")),
            ("Derek Seaman's Tech Blog", Some("Derek Seaman")),
            (
                "Helge Fahrnberger's personal pages",
                Some("Helge Fahrnberger"),
            ),
            (
                "Mike Woodward's thoughts on AI, data, and analytics. I cover AI and law.",
                Some("Mike Woodward"),
            ),
            ("The Verge's newsletter", None),
            ("Visit MasTec's website to learn more.", None),
            ("Jane Doe's new book is out", None),
            ("□ Chef Marilyn’s Substack", None),
        ] {
            assert_eq!(owner(header).as_deref(), name, "{header}");
        }
    }

    #[test]
    fn not_below_the_headline() {
        let blocks = [
            Block::of("A headline", Role::Title, false),
            Block::of(
                "Brian Dean's blog is a goldmine of tutorials.",
                Role::Content,
                false,
            ),
        ];
        assert_eq!(above_headline(&blocks, 0), None);
    }
}
