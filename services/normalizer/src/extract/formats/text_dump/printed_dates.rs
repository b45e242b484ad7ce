//! The story's dates in a dump: printed outside the body, nearest its
//! headline, labelled as published or updated.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Timestamp;

use super::block::{Block, Role};
use super::region::starts_comments;
use crate::extract::fields::dates;

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<upd>updated?|modified|last updated|revised)|(?P<pub>published|posted|created|date|input|first published))?\s*:?\s*")
        .expect("valid regex")
});

/// How near block `i` is to the headline at `anchor`, for ordering:
/// fewer blocks away first, and of two as far, the one after it (bylines
/// and dates are printed under headlines more often than above).
pub(super) fn nearness(i: usize, anchor: usize) -> (usize, bool) {
    (i.abs_diff(anchor), i < anchor)
}

/// Blocks from the headline within which the story's date is printed.
const DATE_REACH: usize = 8;

/// The published and updated times of the story between blocks `start`
/// and `end` whose headline is block `anchor`.
pub(super) fn story_dates(
    blocks: &[Block],
    (start, end): (usize, usize),
    anchor: usize,
    url: &str,
) -> (Option<Timestamp>, Option<Timestamp>) {
    // Dates are looked for outside the body, where pages print them, and
    // before the reader comments, each of which prints its own.
    let comments = blocks
        .iter()
        .skip(end)
        .position(|b| starts_comments(&b.text))
        .map_or(blocks.len(), |at| end + at);
    let mut published: Option<(usize, Timestamp)> = None;
    let mut updated: Option<(usize, Timestamp)> = None;
    for (i, block) in blocks[..comments].iter().enumerate() {
        if (start..end).contains(&i) && block.role == Role::Content || block.words > 20 {
            continue;
        }
        let Some(t) = dates::parse_text(&block.text) else {
            continue;
        };
        let label = DATE_LABEL.captures(&block.text);
        let is_update = label.as_ref().is_some_and(|c| c.name("upd").is_some());
        let slot = if is_update {
            &mut updated
        } else {
            &mut published
        };
        if slot.is_none_or(|(j, _)| nearness(i, anchor) < nearness(j, anchor)) {
            *slot = Some((i, t));
        }
    }
    let near_headline =
        |found: Option<(usize, Timestamp)>| found.filter(|(i, _)| i.abs_diff(anchor) <= DATE_REACH);
    // A date near the headline, else the one in the address, else an
    // update near the headline (a page that shows only when it was updated
    // is published by then, as for HTML pages), else any the page prints.
    let (near_published, near_updated) = (near_headline(published), near_headline(updated));
    let mut published_at = near_published
        .map(|(_, t)| t)
        .or_else(|| dates::from_url(url));
    let updated_at = updated.map(|(_, t)| t);
    if published_at.is_none() {
        published_at = near_updated.or(published).or(updated).map(|(_, t)| t);
    }
    let updated_at = updated_at.filter(|u| published_at.is_some_and(|p| *u > p));
    (published_at, updated_at)
}
