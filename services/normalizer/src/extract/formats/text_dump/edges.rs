//! What pages print at a story's edges that reads like prose but is not
//! the story: calls to subscribe or follow, the author's biography, how
//! to reach the newsroom. Dropped only where they close (or open) the
//! story region, so the same words inside a story stay.

use std::sync::LazyLock;

use regex::Regex;

use super::block::{Block, Role};
use crate::extract::fields::byline::EMAIL;

/// Blocks at each end of the story looked at.
const EDGE_BLOCKS: usize = 4;
/// Words an edge block has at most to be dropped as one of these.
const EDGE_WORDS: usize = 80;

/// Calls to action: a block that opens with one ("Sign up…", "Keep an eye
/// on your inbox…"), or speaks of the reader's inbox or the site's
/// newsletter; a story about subscriptions does neither.
static CALL_TO_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:subscribe|sign up|join|follow|download|stay (?:up to date|informed|in touch)|",
        r"keep an eye on|don[’']t miss|never miss|get (?:the latest|breaking|our)|get access to|support (?-i:\p{Lu})\p{L}*)\b",
        r"|\b(?:your inbox|our newsletter|the newsletter|unsubscribe|no spam|follow us|",
        r"email us|contact us|have a (?:news )?tip|activation link|news service|",
        r"an error has occurred|(?:personal, )?non-commercial use only)\b"
    ))
    .expect("valid regex")
});

/// "Brigit Katz is a freelance writer based in Toronto.", "Regan is a
/// Southeastern Connecticut native…": a biography opens with a name and
/// "is a".
static BIOGRAPHY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}[\p{L}'’.-]+\s){0,3}\p{Lu}[\p{L}'’.-]+\s(?:is|was)\s(?:an?|the)\s")
        .expect("valid regex")
});

/// Whether a block closing the story is one of these.
fn closing_chrome(block: &Block) -> bool {
    block.words <= EDGE_WORDS
        && (CALL_TO_ACTION.is_match(&block.text)
            || BIOGRAPHY.is_match(&block.text)
            || EMAIL.is_match(&block.text))
}

/// Whether a block opening the story is a call to action (a story may
/// well open by saying who someone is, or with an address).
fn opening_chrome(block: &Block) -> bool {
    block.words <= EDGE_WORDS && CALL_TO_ACTION.is_match(&block.text)
}

/// Marks such blocks at the end (and calls to action at the start) of
/// the region as chrome, from the edge inwards, stopping at the first
/// story paragraph.
pub fn trim(blocks: &mut [Block], (start, end): (usize, usize)) {
    let content: Vec<usize> = (start..end)
        .filter(|&i| blocks[i].role == Role::Content)
        .collect();
    let closing = content
        .iter()
        .rev()
        .take(EDGE_BLOCKS)
        .take_while(|&&i| closing_chrome(&blocks[i]));
    let opening = content
        .iter()
        .take(EDGE_BLOCKS)
        .take_while(|&&i| opening_chrome(&blocks[i]));
    let mut dropped: Vec<usize> = closing.chain(opening).copied().collect();
    let story_words: usize = content.iter().map(|&i| blocks[i].words).sum();
    dropped.sort_unstable();
    dropped.dedup();
    // A short story that speaks of newsletters or e-mail ("email us at
    // any time") is still a story: most of it always stays.
    let dropped_words: usize = dropped.iter().map(|&i| blocks[i].words).sum();
    if dropped_words * 2 < story_words {
        for i in dropped {
            blocks[i].role = Role::Chrome;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            text: text.into(),
            lines: 1,
            words: text.split_whitespace().count(),
            role: Role::Content,
            bullet: false,
        }
    }

    #[test]
    fn a_short_story_that_speaks_of_email_stays_whole() {
        let mut blocks = vec![
            block("Our goal with these threads is to give readers a chance to raise questions."),
            block("You can view our last thread here, and email us at any time with questions."),
        ];
        trim(&mut blocks, (0, 2));
        assert!(blocks.iter().all(|b| b.role == Role::Content));
    }

    #[test]
    fn notices_and_appeals_that_close_a_story_go() {
        let story =
            "The council met on Tuesday to debate the budget; the vote is expected next week.";
        let mut blocks: Vec<Block> = std::iter::repeat_n(story, 6).map(block).collect();
        blocks.extend([
            block("An error has occurred, please try again later."),
            block("This copy is for your personal, non-commercial use only. Distribution is governed by our agreement."),
            block("Support Snopes so we continue to pursue the facts for you."),
        ]);
        trim(&mut blocks, (0, 9));
        let chrome = blocks.iter().filter(|b| b.role == Role::Chrome).count();
        assert_eq!(chrome, 3);
    }

    #[test]
    fn calls_biographies_and_contacts_that_close_a_story_go() {
        let mut blocks = vec![
            block("The council met on Tuesday to debate the budget; the vote is expected next week."),
            block("Email us at tips@example.com with your story, or call us any time at the desk."),
            block("Lawmakers said the compromise would hold until the next election, and they subscribe to it."),
            block("Brigit Katz is a freelance writer based in Toronto."),
            block("Sign up for our newsletter to get the latest news in your inbox."),
        ];
        trim(&mut blocks, (0, 5));
        let roles: Vec<Role> = blocks.iter().map(|b| b.role).collect();
        // The story's own paragraph that mentions subscribing stays, and
        // so does what it encloses.
        assert_eq!(
            roles,
            [
                Role::Content,
                Role::Content,
                Role::Content,
                Role::Chrome,
                Role::Chrome
            ]
        );
    }
}
