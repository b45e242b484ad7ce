//! An author box away from the headline: the portrait and name, or the
//! "Written by:" label and name, that pages print after the story.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Author;

use super::block::Block;
use super::person::person;
use super::portraits::named_portrait;

/// An author box anywhere on the page, for a story whose headline has no
/// name near it: a portrait named after a person with the name printed
/// under it ("Picture of Ahmet Serhan" over "Ahmet Serhan"), or a "Written
/// by:" label over the name or its portrait. The first such box is the
/// story's; comment threads print their avatars without the name twice.
pub fn find(blocks: &[Block]) -> Option<Vec<Author>> {
    let text = |i: usize| blocks.get(i).map_or("", |b| b.text.trim());
    (0..blocks.len()).find_map(|i| {
        // Both a portrait's description and a label are short: a
        // paragraph costs no pattern search.
        if blocks[i].words > PORTRAIT_BLOCK_WORDS {
            return None;
        }
        let name = match named_portrait(text(i)) {
            // Not a reviewer's or an editor's box ("Reviewed by," over it).
            Some(_) if i > 0 && OTHER_ROLE_LABEL.is_match(text(i - 1)) => return None,
            Some(name) => person(text(i + 1)).filter(|n| *n == name)?,
            // The label, then the name or the portrait (a long description
            // of it may come first).
            None if WRITTEN_BY_LABEL.is_match(text(i)) => {
                (i + 1..=i + 2).find_map(|j| named_portrait(text(j)).or_else(|| person(text(j))))?
            }
            None => return None,
        };
        Some(vec![Author { name, email: None }])
    })
}

/// Words a portrait's description or a label block has at most (the
/// longest description `named_portrait` reads).
const PORTRAIT_BLOCK_WORDS: usize = 14;

/// A label over someone who did not write the story.
static OTHER_ROLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:reviewed|edited|fact[- ]checked|illustrated|photographed)\s+by\b")
        .expect("valid regex")
});

/// A label on its own over the author's name.
static WRITTEN_BY_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:article |post |story )?written by|about the author|author)\s*:?$")
        .expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::formats::text_dump::block::Role;

    fn name_of_box(texts: &[&str]) -> Option<String> {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::of(t, Role::Subhead, false))
            .collect();
        find(&blocks).map(|a| a[0].name.clone())
    }

    #[test]
    fn an_author_box_away_from_the_headline() {
        let after = ["Latest Blogs", "How to pack shoes"];
        for (texts, name) in [
            (
                &["Picture of Ahmet Serhan", "Ahmet Serhan", after[0]][..],
                Some("Ahmet Serhan"),
            ),
            (
                &[
                    "Article written by:",
                    "Headshot of Doris Munoz-Mantilla, MD, with a blurred lake in the background, smiling at the camera",
                    "Doris Munoz-Mantilla, MD",
                ][..],
                Some("Doris Munoz-Mantilla"),
            ),
            (&["Written by", "Jane Doe", after[1]][..], Some("Jane Doe")),
            // A reviewer's box.
            (
                &["Reviewed by,", "Picture of Brian Stormont", "Brian Stormont"][..],
                None,
            ),
            // An avatar without the name under it: a comment's.
            (&["Picture of Ahmet Serhan", "Great post, thanks!"][..], None),
        ] {
            assert_eq!(name_of_box(texts).as_deref(), name, "{texts:?}");
        }
    }
}
