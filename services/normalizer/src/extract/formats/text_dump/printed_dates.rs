//! The story's dates in a dump: printed outside the body, nearest its
//! headline, labelled as published or updated.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Timestamp;

use super::block::{Block, Role};
use super::region::starts_comments;
use crate::extract::fields::dates;
use crate::extract::fields::numeric_order::{page_order, NumericOrder};

/// The dates one block prints: each is what the label before it says
/// ("Mental Health December 22, 2022 Updated: January 02, 2026"); of two
/// without a label ("May 21, 2025April 24, 2025 by The Ritualist"), the
/// earlier is when the story was published and the later when it was
/// updated.
struct BlockDates {
    published: Option<Timestamp>,
    /// A date labelled as an update.
    updated: Option<Timestamp>,
    /// The later of two dates without a label, on another day.
    later: Option<Timestamp>,
}

fn block_dates(text: &str, order: Option<NumericOrder>) -> BlockDates {
    let text = &*unglued(text);
    let mut plain: Vec<Timestamp> = Vec::new();
    let mut updated: Option<Timestamp> = None;
    let mut after_last = 0;
    for (range, t) in dates::all_in_text(text, order) {
        let before = &text[after_last..range.start];
        after_last = range.end;
        let label = LABEL_BEFORE.captures(before);
        match label.as_ref().and_then(|c| c.name("upd")) {
            Some(_) => updated = updated.or(Some(t)),
            None => plain.push(t),
        }
        if plain.len() + usize::from(updated.is_some()) >= MAX_DATES_IN_BLOCK {
            break;
        }
    }
    let published = plain.iter().min().copied();
    let later = plain
        .iter()
        .max()
        .copied()
        .filter(|t| published.is_some_and(|p| t.date_naive() != p.date_naive()));
    BlockDates {
        published,
        updated,
        later,
    }
}

/// A month name run into the word before it ("Mental HealthDECEMBER 22,
/// 2022", "annette thurmonJune 17, 2021"), or a year into the word after
/// it ("June 17, 2021garden"): the dump lost the space between two
/// elements. Spaced again, the date reads as one.
fn unglued(text: &str) -> std::borrow::Cow<'_, str> {
    // A date has a figure: a text without one has nothing to space.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let text = MONTH_GLUED.replace_all(text, "$1 $2");
    match YEAR_GLUED.replace_all(&text, "$1 $2") {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(spaced) => std::borrow::Cow::Owned(spaced),
    }
}

static MONTH_GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(\p{Ll})((?:JAN|Jan|FEB|Feb|MAR|Mar|APR|Apr|MAY|May|JUN|Jun|JUL|Jul|AUG|Aug|SEP|Sep|OCT|Oct|NOV|Nov|DEC|Dec)",
        r"[A-Za-z]*\.?\s+\d)"
    ))
    .expect("valid regex")
});

static YEAR_GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\b(?:19|20)\d\d)(\p{L})").expect("valid regex"));

/// Blocks a published and an updated date printed as a pair are apart at
/// most.
const DATE_PAIR: usize = 3;

/// Dates read from one block at most.
const MAX_DATES_IN_BLOCK: usize = 4;

/// The label near the end of the text before a date ("… Updated:").
static LABEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:(?P<upd>updated?|modified|last updated|revised)|(?P<pub>published|posted|created|first published))",
        // A weekday or a time between the label and its date ("Updated:
        // Sat 8:31 PM, Feb 17, 2018", "Updated 0339 GMT (1139 HKT)").
        r"\b[^|•·]{0,24}$"
    ))
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
    // "8/1/2025" is read as the page's other numeric dates are written
    // ("8/27/2025" beside it): a page writes all its dates one way.
    let order = page_order(blocks.iter().map(|b| b.text.as_str()));
    for (i, block) in blocks[..comments].iter().enumerate() {
        if (start..end).contains(&i) && block.role == Role::Content || block.words > 20 {
            continue;
        }
        let mut dated = block_dates(&block.text, order);
        // An update label printed alone above the date ("Updated at" over
        // "Dec 10, 2025") labels it.
        if i > 0 && UPDATE_LABEL_ALONE.is_match(blocks[i - 1].text.trim()) {
            dated.updated = dated.updated.or(dated.published.take());
        }
        // A second date without a label updates the story only beside
        // its headline: elsewhere two dates are two teasers'.
        let block_updated = dated
            .updated
            .or(dated.later.filter(|_| i.abs_diff(anchor) <= DATE_REACH));
        for (slot, found) in [
            (&mut published, dated.published),
            (&mut updated, block_updated),
        ] {
            if let Some(t) = found {
                if slot.is_none_or(|(j, _)| nearness(i, anchor) < nearness(j, anchor)) {
                    *slot = Some((i, t));
                }
            }
        }
    }
    let near_headline =
        |found: Option<(usize, Timestamp)>| found.filter(|(i, _)| i.abs_diff(anchor) <= DATE_REACH);
    // A date near the headline, else the one in the address, else an
    // update near the headline (a page that shows only when it was updated
    // is published by then, as for HTML pages), else the nearest the page
    // prints.
    let (near_published, near_updated) = (near_headline(published), near_headline(updated));
    let mut published_at = near_published
        .map(|(_, t)| t)
        .or_else(|| dates::from_url(url));
    let updated_at = updated.map(|(_, t)| t);
    if published_at.is_none() {
        // Neither near the headline: the published date, unless the update
        // is printed nearer by more than a pair of lines apart ("Published
        // on Oct 21, 2025" over "Updated on Mar 9, 2026" is one pair).
        let update_nearer = match (published, updated) {
            (Some((p, _)), Some((u, _))) => u.abs_diff(anchor) + DATE_PAIR < p.abs_diff(anchor),
            (None, _) => true,
            (Some(_), None) => false,
        };
        let fallback = if update_nearer { updated } else { published };
        published_at = near_updated.or(fallback).map(|(_, t)| t);
    }
    // "This article was originally published on 26 Sep 2019 but has been
    // updated": the first publication, wherever the page states it.
    if let Some(original) = original_publication(&blocks[..comments]) {
        if published_at.is_none_or(|p| original < p) {
            published_at = Some(original);
        }
    }
    let updated_at = updated_at.filter(|u| published_at.is_some_and(|p| *u > p));
    (published_at, updated_at)
}

static UPDATE_LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last )?(?:updated?|modified|revised)(?: (?:at|on))?\s*:?$")
        .expect("valid regex")
});

/// The date a page says the story was first published on, its label
/// right before it ("originally published on 26 Sep 2019").
fn original_publication(blocks: &[Block]) -> Option<Timestamp> {
    blocks.iter().find_map(|b| {
        // Searched only where the label's word occurs, in either case.
        if !b.text.contains("ublished") && !b.text.contains("UBLISHED") {
            return None;
        }
        let label = ORIGINALLY_PUBLISHED.find(&b.text)?;
        dates::parse_leading(&b.text[label.end()..])
    })
}

static ORIGINALLY_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:originally|first) published(?:\s+(?:on|in))?\s*:?\s+")
        .expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn day(t: Option<Timestamp>) -> Option<String> {
        t.map(|t| t.date_naive().to_string())
    }

    #[test]
    fn each_date_of_a_block_is_what_its_label_says() {
        for (text, published, updated) in [
            (
                "Mental Health December 22, 2022 Updated: January 02, 2026",
                Some("2022-12-22"),
                Some("2026-01-02"),
            ),
            (
                "Posted: Fri 6:45 PM, Feb 16, 2018 | Updated: Sat 8:31 PM, Feb 17, 2018",
                Some("2018-02-16"),
                Some("2018-02-17"),
            ),
            (
                "Updated 0339 GMT (1139 HKT) November 19, 2019",
                None,
                Some("2019-11-19"),
            ),
            (
                "Published on Oct 21, 2025 Updated on Mar 9, 2026",
                Some("2025-10-21"),
                Some("2026-03-09"),
            ),
            // The dump ran the section and the date together.
            (
                "Mental HealthDECEMBER 22, 2022 Updated: JANUARY 02, 2026",
                Some("2022-12-22"),
                Some("2026-01-02"),
            ),
            (
                "annette thurmonJune 17, 2021garden, pest control",
                Some("2021-06-17"),
                None,
            ),
            ("21:17 18.11.2019Get short URL", Some("2019-11-18"), None),
        ] {
            let found = block_dates(text, None);
            assert_eq!(day(found.published).as_deref(), published, "{text}");
            assert_eq!(day(found.updated).as_deref(), updated, "{text}");
        }
    }

    #[test]
    fn an_update_label_alone_labels_the_date_under_it() {
        let t = |s: &str, r: Role| Block::of(s, r, false);
        let prose =
            "Online learning has become a standard way for trainers to share what they know.";
        let blocks = [
            t("Posted on Nov 21, 2018", Role::Subhead),
            t("Updated at", Role::Subhead),
            t("Dec 10, 2025", Role::Subhead),
            t("What is an Online Course?", Role::Title),
            t(prose, Role::Content),
        ];
        let (published, updated) = story_dates(&blocks, (4, 5), 3, "");
        assert_eq!(day(published).as_deref(), Some("2018-11-21"));
        assert_eq!(day(updated).as_deref(), Some("2025-12-10"));
    }

    #[test]
    fn a_stated_first_publication() {
        let blocks = |text: &str| [Block::of(text, Role::Content, false)];
        let found = original_publication(&blocks(
            "This article was originally published on 26 Sep 2019 at 4:12pm but has been updated.",
        ));
        assert_eq!(day(found).as_deref(), Some("2019-09-26"));
        assert_eq!(
            day(original_publication(&blocks(
                "First published: 20 November 2019"
            )))
            .as_deref(),
            Some("2019-11-20")
        );
        // The date must follow the label at once.
        assert!(original_publication(&blocks(
            "It was first published in Nature on March 3, 2020."
        ))
        .is_none());
    }

    #[test]
    fn of_two_dates_without_labels_the_earlier_is_the_published() {
        let found = block_dates("May 21, 2025 April 24, 2025 by The Ritualist", None);
        assert_eq!(day(found.published).as_deref(), Some("2025-04-24"));
        assert_eq!(day(found.later).as_deref(), Some("2025-05-21"));
        assert!(found.updated.is_none());
    }

    #[test]
    fn a_date_that_reads_both_ways_reads_as_the_page_writes_its_others() {
        let t = |s: &str, r: Role| Block::of(s, r, false);
        let prose = "From flocked wallpaper in the seventies to mirrored surfaces in the eighties.";
        let blocks = [
            t("2025 Renovation Trends & Why They're Smart", Role::Title),
            t("Design Style 8/1/2025", Role::Subhead),
            t("8/27/2025", Role::Subhead),
            t(prose, Role::Content),
        ];
        let (published, _) = story_dates(&blocks, (3, 4), 0, "");
        assert_eq!(day(published).as_deref(), Some("2025-08-01"));
        // Without the page's other date, "8/1/2025" names no day.
        let (published, _) = story_dates(&blocks[..2], (2, 2), 0, "");
        assert!(published.is_none());
    }
}
