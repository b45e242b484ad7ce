//! The headline of a dump no line of which names its address: read back
//! from the story's start.

use super::block::{Block, Role};
use super::headline_shape::unrepeated_headline;
use super::lines::is_date_line;
use crate::extract::fields::dates;

/// The headline printed above the story: the nearest headline-shaped
/// block before it with a byline or a date under it, else the nearest
/// one, past its byline, date, list items (a share bar's "Manage alerts
/// for this article", a table of contents) and other short lines. A page
/// prints its menus' items, widgets and teasers twice as often as its
/// headline, so the block a dump repeats can be one of them.
pub(super) fn headline_above(blocks: &[Block], story_start: usize) -> Option<String> {
    // Each block of the reach is asked once: the tests cost a date search
    // and the chrome phrases.
    let candidates: Vec<usize> = (0..story_start)
        .rev()
        .take(BYLINED_REACH)
        .filter(|&i| {
            let b = &blocks[i];
            unrepeated_headline(b)
                && !b.bullet
                && b.role != Role::Byline
                && dates::parse_text(&b.text).is_none()
        })
        .collect();
    // A headline-shaped block with a byline or a date under it is the
    // headline from further back: the author's box, a standfirst and an
    // image can stand between it and the story.
    let bylined = candidates.iter().copied().find(|&i| {
        has_long_word(&blocks[i].text)
            && blocks[i + 1..story_start]
                .iter()
                .take(BYLINE_BLOCKS)
                .any(|b| b.role == Role::Byline || is_date_line(&b.text))
    });
    let nearest = || {
        candidates
            .first()
            .copied()
            .filter(|&i| story_start - i <= HEADLINE_REACH)
    };
    bylined.or_else(nearest).map(|i| blocks[i].text.clone())
}

/// Whether a text has a word of four letters or more: a row of codes
/// ("eic kyf msh nnz uhz") is a menu, not a headline.
fn has_long_word(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).nth(3).is_some())
}

/// Blocks after a headline its byline or date is printed in.
const BYLINE_BLOCKS: usize = 4;
/// Blocks read back from the story's start for a headline with its byline
/// or date: twice as far as for one without.
const BYLINED_REACH: usize = 2 * HEADLINE_REACH;

/// Blocks read back from the story's start for its headline.
const HEADLINE_REACH: usize = 6;
