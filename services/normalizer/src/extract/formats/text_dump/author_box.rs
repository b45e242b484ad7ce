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
        if let Some(name) = credit_sentence(&blocks[i]) {
            return Some(vec![Author { name, email: None }]);
        }
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

/// Words a block holding a credit sentence has at most: a note under the
/// story, not a paragraph that quotes one.
const CREDIT_BLOCK_WORDS: usize = 40;

/// "This post was written by Danielle Padula, Head of Marketing", "This
/// article was authored by Jane Doe.": the note under a guest post that
/// names its writer, the name up to its title or the sentence's end.
static CREDIT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\bthis (?:blog |guest )?(?:post|article|story|piece|column)\b[^.]{0,60}?",
        r"\bwas (?:written|authored) by\s+(?P<name>[^,.;(|]+)"
    ))
    .expect("valid regex")
});

fn credit_sentence(block: &Block) -> Option<String> {
    if block.words > CREDIT_BLOCK_WORDS || !block.text.contains("by") {
        return None;
    }
    let named = CREDIT_SENTENCE.captures(&block.text)?;
    let name = named["name"].split(" and ").next().unwrap_or_default();
    person(name.trim())
}

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
            // The note under a guest post.
            (
                &["This post was written by Danielle Padula, Head of Marketing and Community."][..],
                Some("Danielle Padula"),
            ),
            (
                &["This story about tutoring was written by Jill Barshay and produced by a newsroom."][..],
                Some("Jill Barshay"),
            ),
            (&["This article was written by a human, me, with a review."][..], None),
        ] {
            assert_eq!(name_of_box(texts).as_deref(), name, "{texts:?}");
        }
    }
}
