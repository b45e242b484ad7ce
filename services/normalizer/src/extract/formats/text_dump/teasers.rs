//! Where a story's region runs on into a stream of other stories' teasers:
//! each teaser prints its headline, its author and its date, then a line
//! of summary that reads as prose, so the region's sums bridge them. A
//! story prints its own date once, by its headline; three dates a few
//! blocks apart each, newest first, after the story has begun, are
//! teasers', and the story ended at its last paragraph before the first
//! of them. Also what a teaser is as one block: a headline glued to its
//! summary, or a summary cut short.

use std::sync::LazyLock;

use regex::Regex;

use super::block::{content_words, Block, Role};
use wirefeed_model::Timestamp;

use crate::extract::fields::byline::is_weekday;
use crate::extract::fields::dates;

/// Words a block holding only a date has at most ("Wednesday November
/// 20, 2019", "Updated 3:21 PM ET, Tue November 19, 2019").
const DATE_BLOCK_WORDS: usize = 8;
/// Dated teasers in a row that make a stream of them.
const TEASERS: usize = 3;
/// Blocks between two teasers' dates at most.
const TEASER_BLOCKS: usize = 6;
/// Words of the story's paragraphs before the teasers at least: dates
/// among the first paragraphs are the story's own.
const STORY_WORDS_BEFORE: usize = 60;

/// The region without the teasers it runs on into.
pub(super) fn without_dated_teasers(
    blocks: &[Block],
    (start, end): (usize, usize),
) -> (usize, usize) {
    let dated: Vec<(usize, Timestamp)> = (start..end)
        .filter(|&i| {
            let b = &blocks[i];
            // Not an image's file name ("[2025-12-12_13-11-13]") or a list
            // item ("• Sync from rust 2025/11/01"): printed dates.
            b.role != Role::Content
                && !b.bullet
                && !b.text.contains(['[', '_'])
                // A date that introduces what follows ("2025-12-19:" over
                // a day's notes in a story's example) is no teaser's.
                && !b.text.trim_end().ends_with(':')
                && b.words <= DATE_BLOCK_WORDS
                && b.text.bytes().any(|c| c.is_ascii_digit())
        })
        .filter_map(|i| date_alone(&blocks[i].text).map(|t| (i, t)))
        .collect();
    let mut story_words = 0;
    let mut counted_to = start;
    for chain in dated.windows(TEASERS) {
        let first = chain[0].0;
        story_words += content_words(&blocks[counted_to..first]);
        counted_to = first;
        // Newest first, as lists of stories are: quoted letters and a
        // timeline inside a story run oldest first.
        let close = chain
            .windows(2)
            .all(|p| p[1].0 - p[0].0 <= TEASER_BLOCKS && p[1].1 <= p[0].1);
        if close && story_words >= STORY_WORDS_BEFORE {
            let last_paragraph = blocks[start..first]
                .iter()
                .rposition(|b| b.role == Role::Content);
            if let Some(last) = last_paragraph {
                return (start, start + last + 1);
            }
        }
    }
    (start, end)
}

/// The date a text is, when it is a date and little else: the dates
/// printed in it cover most of it ("Wednesday November 20, 2019"), where a
/// heading that holds a date has words of its own ("4 x 100 m Staffel
/// Schi A 19.05.2007"). The first date printed, when so.
fn date_alone(text: &str) -> Option<Timestamp> {
    // A weekday's name is part of the date as printed.
    let printed: usize = text
        .split_whitespace()
        .filter(|w| !is_weekday(w.trim_end_matches([',', '.'])))
        .map(|w| w.chars().count())
        .sum();
    let mut first = None;
    let mut dated = 0;
    for (range, t) in dates::all_in_text(text, None) {
        first = first.or(Some(t));
        dated += text[range].chars().filter(|c| !c.is_whitespace()).count();
    }
    first.filter(|_| dated * 3 >= printed * 2)
}

static GLUED_TEASER: LazyLock<Regex> = LazyLock::new(|| {
    // "Ford Recalls F-150s; Loose Cable Can Cause FiresFord is recalling…":
    // a teaser's headline run into its summary when rendered as text.
    Regex::new(r"^(?:[A-Z0-9][\w'’,;:&-]*\s+){3,}[A-Z0-9][\w'’-]*[a-z][A-Z][a-z]")
        .expect("valid regex")
});

/// Teasers of other stories: a headline glued to its summary, or a summary
/// cut off with an ellipsis. Not a paragraph of a few sentences' words
/// after another that trails off to build suspense ("…or staying in
/// cheaper temporary housing..."): a teaser's summary follows its
/// headline, and a link to more ("More from Space...") names it.
pub(super) fn is_teaser(text: &str, words: usize, after_prose: bool) -> bool {
    let trails_off = || {
        text.split_whitespace()
            .rev()
            .take(2)
            .all(|w| w.starts_with(|c: char| c.is_lowercase()))
    };
    GLUED_TEASER.is_match(text)
        || cut_off(text) && !(after_prose && words >= SUSPENSE_WORDS && trails_off())
}

pub(super) fn cut_off(text: &str) -> bool {
    text.ends_with("…") || text.ends_with("...") || text.ends_with("[…]")
}

/// Paragraphs cut short with an ellipsis a story has at most.
pub(super) const SUSPENSES: usize = 2;

/// Words a paragraph trailing off after another has at least.
pub(super) const SUSPENSE_WORDS: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, role: Role) -> Block {
        Block::of(text, role, false)
    }

    fn story() -> Vec<Block> {
        let paragraph = "The index closed at a record high on Wednesday as banks led the gains, \
            and brokers said the rally had further to run before the year was out.";
        vec![
            block("November 20, 2019", Role::Subhead),
            block(paragraph, Role::Content),
            block(paragraph, Role::Content),
            block(paragraph, Role::Content),
            block("More from the site", Role::Chrome),
            block("Joker killed at the box office", Role::Subhead),
            block("Wednesday November 20, 2019", Role::Chrome),
            block("The film took more than any October release before it, and critics were split on why.", Role::Content),
            block("Madeline Fry", Role::Subhead),
            block("Tuesday November 19, 2019", Role::Chrome),
            block("A second teaser's summary, a sentence of prose like the story's own.", Role::Content),
            block("Becket Adams", Role::Subhead),
            block("Tuesday November 19, 2019", Role::Chrome),
            block("A third teaser's summary, a sentence of prose like the story's own.", Role::Content),
        ]
    }

    #[test]
    fn the_story_ends_before_a_stream_of_dated_teasers() {
        let blocks = story();
        assert_eq!(without_dated_teasers(&blocks, (0, blocks.len())), (0, 4));
    }

    #[test]
    fn dates_alone_not_headings_with_dates() {
        assert!(date_alone("Wednesday November 20, 2019").is_some());
        assert!(date_alone("November 19, 2019 at 5:10 pm").is_some());
        assert!(date_alone("4 x 100 m Staffel Schi A 19.05.2007").is_none());
    }

    #[test]
    fn a_story_with_its_own_date_keeps_its_length() {
        let blocks: Vec<Block> = story().into_iter().take(4).collect();
        assert_eq!(without_dated_teasers(&blocks, (0, 4)), (0, 4));
    }
}
