//! Dates printed on an HTML page: near the headline, in its date and
//! byline elements, in statements such as "Posted on …" anywhere in the
//! story, and what they say about the dates in the page's metadata.

use std::sync::LazyLock;

use chrono::Duration;
use regex::Regex;
use wirefeed_model::identity::canonical_url;
use wirefeed_model::Timestamp;

use crate::extract::fields::dates;
use crate::extract::formats::html::chrome::in_page_chrome;
use crate::extract::formats::html::dom::{
    for_each_text_node_while, spaced_text, text_following, text_preceding,
};
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::support::bounded_regex::BoundedRegex;
use crate::extract::support::date_labels;

#[derive(Default)]
pub(crate) struct LabelledDates {
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// The first date printed, when none is labelled as published.
    pub unlabelled: Option<Timestamp>,
}

/// A date label and what follows it up to the date. No `\b` after the
/// label: some end in their colon ("Stand:"). The `\b` before it is
/// checked by `label_matches`, not here: with a Unicode word boundary in
/// it, the regex crate's fast search gives up on text holding any
/// non-ASCII character (a curly quote will do) and backtracks through the
/// whole text instead, which was most of this step's time.
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:(?P<updated>{})|first published|{})(?:\s+{})?\s*:?\s*",
        date_labels::updated(),
        date_labels::published(),
        date_labels::CONNECTOR
    ))
    .expect("valid regex")
});

/// Dates printed near the headline: after "Updated" they are update
/// times, otherwise the first date is the publication time.
pub(crate) fn labelled_dates(header: &str) -> LabelledDates {
    let mut out = LabelledDates::default();
    for (end, updated) in label_matches(header) {
        let window: String = header[end..].chars().take(40).collect();
        if let Some(t) = dates::parse_text(&window) {
            if updated {
                out.updated.get_or_insert(t);
            } else {
                out.published.get_or_insert(t);
            }
        }
    }
    if out.published.is_none() {
        let head: String = header.chars().take(500).collect();
        out.unlabelled = dates::parse_text(&head).filter(|t| Some(*t) != out.updated);
    }
    out
}

/// The labels `DATE_LABEL` finds that begin a word, in order, as a regex
/// with `\b` before the label would find them: where each match ends, and
/// whether it is an update's label. Every label begins with a word
/// character, so the boundary is a start of text or a non-word character
/// before it; a match without one is passed over by one character, so a
/// label that starts inside it is still found.
pub(super) fn label_matches(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let c = DATE_LABEL.captures_at(text, at)?;
            let whole = c.get(0)?;
            let starts_word = text[..whole.start()]
                .chars()
                .next_back()
                .is_none_or(|before| !regex_syntax::is_word_character(before));
            if starts_word {
                at = whole.end().max(whole.start() + 1);
                return Some((whole.end(), c.name("updated").is_some()));
            }
            at = whole.start()
                + text[whole.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
        None
    })
}

/// Dates printed in the page's date and byline elements, in page order,
/// outside navigation, footers, asides, comments and story lists: the
/// first one labelled "Updated" is the update time, the first other one
/// the publication time.
pub(crate) fn element_dates(candidates: &[dom_query::NodeRef]) -> LabelledDates {
    let mut out = LabelledDates::default();
    for node in candidates {
        if out.published.is_some() {
            break;
        }
        let text = spaced_text(node);
        // A short line, not a whole block that happens to hold a date.
        if text.len() < 6 || text.len() > 160 || in_page_chrome(node) {
            continue;
        }
        let found = labelled_dates(&text);
        if let Some(u) = found.updated {
            out.updated.get_or_insert(u);
        }
        if let Some(p) = found.published.or(found.unlabelled) {
            out.published = Some(p);
        }
    }
    out
}

/// The first line near the headline that is a date and nothing else
/// ("May 14, 2025", "Dec 30, 2013", "12.12.2025"): the page's own dateline.
/// A date inside a sentence of the standfirst or the first paragraph is
/// not one.
pub(crate) fn dateline(header: &str) -> Option<Timestamp> {
    let mut previous = "";
    for line in header.lines() {
        let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric());
        // "Updated on" printed in the element before the date.
        let updated = UPDATE_LABEL.is_match(previous);
        previous = line;
        if trimmed.len() > 40 || updated {
            continue;
        }
        if let Some(t) = dates::parse_whole(trimmed) {
            return Some(t);
        }
    }
    None
}

static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:revised|reviewed|{})(?:\s+{})?\s*:?\s*$",
        date_labels::updated(),
        date_labels::CONNECTOR
    ))
    .expect("valid regex")
});

/// Whether a printed date is earlier than `than` in every time zone: the
/// printed day ends, at the latest, 36 hours after its UTC midnight (in
/// UTC−12). A printed day one off from a UTC time is the same moment
/// seen from another zone, not an earlier one.
pub(crate) fn surely_earlier(printed: Timestamp, than: Timestamp) -> bool {
    printed + Duration::hours(36) <= than
}

/// `<time pubdate>`, the element HTML5 drafts defined for an article's
/// publication date, outside comment threads (which stamp every comment
/// with it) and other chrome.
pub(crate) fn pubdate_time(index: &PageIndex) -> Option<Timestamp> {
    index
        .tag("time")
        .iter()
        .filter(|t| t.has_attr("pubdate") && !in_page_chrome(t))
        .find_map(|t| t.attr("datetime"))
        .and_then(|v| dates::parse_machine(&v))
}

/// Whether one of the page's `<time>` elements gives this moment.
pub(crate) fn time_element_shows(index: &PageIndex, t: Timestamp) -> bool {
    index
        .tag("time")
        .iter()
        .filter_map(|n| n.attr("datetime"))
        .any(|v| dates::parse_machine(&v) == Some(t))
}

/// The publication time seen from the publisher's own time zone, when the
/// metadata gives it in UTC and the story's address carries a day that is
/// the day before or after: "2025-12-19T02:41:41+00:00" for a post at
/// /2025/12/18/ is 21:41 on the 18th in New York. The zone is one the page
/// itself writes its `<time>` elements in (a comment's, another post's)
/// that puts the moment on the address's day; the moment never changes,
/// only the offset it is written with.
pub(crate) fn in_publisher_zone(index: &PageIndex, published: Timestamp, url: &str) -> Timestamp {
    if published.offset().local_minus_utc() != 0 {
        return published;
    }
    let Some(url_day) = dates::from_url(url).map(|d| d.date_naive()) else {
        return published;
    };
    if url_day == published.date_naive() {
        return published;
    }
    let mut offsets: Vec<(chrono::FixedOffset, usize)> = Vec::new();
    for time in index.tag("time").iter().take(MAX_ZONE_READS) {
        let Some(offset) = time
            .attr("datetime")
            .and_then(|v| dates::parse_machine(&v))
            .map(|t| *t.offset())
            .filter(|o| o.local_minus_utc() != 0)
        else {
            continue;
        };
        match offsets.iter_mut().find(|(o, _)| *o == offset) {
            Some((_, n)) => *n += 1,
            None => offsets.push((offset, 1)),
        }
    }
    // The zone the page writes most, among those that fit; else the
    // whole-hour zone nearest UTC that puts the moment on the address's
    // day (a post at 23:11 UTC under /2019/01/01/ went out at 00:11 in
    // Central Europe): the moment stays, only its offset is inferred.
    offsets.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    offsets
        .iter()
        .map(|(o, _)| published.with_timezone(o))
        .find(|t| t.date_naive() == url_day)
        .or_else(|| {
            (1..=14)
                .flat_map(|h| [h, -h])
                .filter_map(|h| chrono::FixedOffset::east_opt(h * 3600))
                .map(|o| published.with_timezone(&o))
                .find(|t| t.date_naive() == url_day)
        })
        .unwrap_or(published)
}

/// `<time>` elements read for the publisher's time zone: a long comment
/// thread has thousands, and the first ones tell the zone.
const MAX_ZONE_READS: usize = 64;

/// Whether a printed date is before `than` and says more than its day: a
/// printed day without a time is no earlier than a time on that day, it is
/// that time without its hour.
pub(crate) fn earlier_day_or_time(printed: Timestamp, than: Timestamp) -> bool {
    printed < than
        && (printed.date_naive() < than.date_naive() || printed.time() != chrono::NaiveTime::MIN)
}

static STATEMENT: LazyLock<BoundedRegex> = LazyLock::new(|| {
    BoundedRegex::new(&format!(
        r"(?i)\b(?:(originally published|first published)|({})|({}))(?:\s+{}\b)?",
        date_labels::updated(),
        date_labels::published(),
        date_labels::CONNECTOR
    ))
    .expect("valid regex")
});

/// Dates stated anywhere in the story outside its chrome: "Posted on
/// April 13, 2023", "Last updated: November 13, 2025", "This article was
/// originally published on 26 Sep 2019". The date must follow its label
/// at once, so "published in Nature on March 3" dates nothing.
#[derive(Default)]
pub(crate) struct StatedDates {
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// "Originally published on …": the first publication, even where the
    /// metadata gives a later one.
    pub original: Option<Timestamp>,
}

/// Reads every text of the page's body: callers ask only when the page's
/// markup and header leave a date unknown, or the page says "originally
/// published".
pub(crate) fn stated_dates(index: &PageIndex) -> StatedDates {
    let mut out = StatedDates::default();
    let Some(body) = index.tag("body").first() else {
        return out;
    };
    // Each label, reading time or byline reads the texts around it: a page of
    // thousands of them must not cost thousands of such reads.
    let (mut labels, mut beside_reads) = (0, 0);
    for_each_text_node_while(body, |node| {
        let text = node.text();
        // Most text nodes are the white space between tags, where none of
        // the patterns below can match: they cost a regex search each.
        if text.trim().is_empty() {
            return true;
        }
        // Searched only where the labels occur at all (`BoundedRegex`).
        let statements = STATEMENT
            .may_match(&text)
            .then(|| STATEMENT.exact.captures_iter(&text));
        for c in statements.into_iter().flatten() {
            if labels == MAX_LABELS {
                break;
            }
            labels += 1;
            let whole = c.get(0).expect("a match has a whole");
            // The label's date can sit in the next element ("Posted on
            // <a>December 18, 2025</a>").
            let mut after = text[whole.end()..].to_string();
            if after.trim().len() < 8 {
                after.push(' ');
                after.push_str(&text_following(node, 60));
            }
            let Some(t) = dates::parse_leading(&after) else {
                continue;
            };
            if node.parent().is_some_and(|p| in_page_chrome(&p)) {
                return true;
            }
            let slot = if c.get(1).is_some() {
                &mut out.original
            } else if c.get(2).is_some() {
                &mut out.updated
            } else {
                &mut out.published
            };
            slot.get_or_insert(t);
        }
        if out.published.is_none()
            && out.updated.is_none()
            && beside_reads < MAX_BESIDE_READS
            && ((READ_TIME.may_match(&text) && READ_TIME.exact.is_match(&text))
                || BYLINE_LEAD.is_match(&text))
        {
            beside_reads += 1;
            let beside = if BYLINE_LEAD.is_match(&text) {
                date_after_byline(node)
            } else {
                date_beside_read_time(node, &text)
            };
            if let Some((t, updated)) = beside {
                *(if updated {
                    &mut out.updated
                } else {
                    &mut out.published
                }) = Some(t);
            }
        }
        !(out.published.is_some() && out.original.is_some())
    });
    out
}

/// The date a list of posts on the page (a sidebar's "Recent posts")
/// prints beside its link to this very page: a `<time>`, the only one in
/// the entry that holds the link. Where the story itself prints no date
/// that reads one way (a day-month order left open), its own entry in
/// the list dates it.
pub(crate) fn own_listing_date(index: &PageIndex, url: &str) -> Option<Timestamp> {
    let page = url::Url::parse(url).ok()?;
    let own = canonical_url(page.as_str())?;
    // Links as the story identity reads addresses, relative ones resolved
    // against the page.
    let links_here = |href: &str| {
        page.join(href)
            .ok()
            .and_then(|h| canonical_url(h.as_str()))
            .is_some_and(|h| h == own)
    };
    for time in index.tag("time").iter().take(MAX_LISTED_TIMES) {
        // The entry: the time's nearest ancestor, within three, that holds
        // a link. One that holds another `<time>` spans other posts too.
        for entry in time.ancestors_it(Some(3)) {
            let (mut links, mut times, mut own_link) = (0, 0, false);
            for node in entry.descendants_it().take(MAX_ENTRY_NODES) {
                match node.node_name().as_deref() {
                    Some("a") => {
                        links += 1;
                        own_link |= node.attr("href").is_some_and(|h| links_here(&h));
                    }
                    Some("time") => times += 1,
                    _ => {}
                }
            }
            if times > 1 {
                break;
            }
            if own_link {
                return time.attr("datetime").and_then(|v| dates::parse_machine(&v));
            }
            if links > 0 {
                break;
            }
        }
    }
    None
}

/// `<time>` elements, and nodes of each one's entry, read per page.
const MAX_LISTED_TIMES: usize = 64;
const MAX_ENTRY_NODES: usize = 200;

/// Labels ("Posted on", "Updated") and reading times or bylines read per
/// page.
const MAX_LABELS: usize = 64;
const MAX_BESIDE_READS: usize = 16;

/// A text that only leads a byline: "By", "Written by", the name in the
/// next element.
static BYLINE_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*(?:written\s+)?by\W*$").expect("valid regex"));

/// The date printed as the text after a byline's name ("Written by
/// <a>Moses Kim</a> <p>April 8, 2024</p>"), where a story credits its
/// author and date at its end.
fn date_after_byline(node: &dom_query::NodeRef) -> Option<(Timestamp, bool)> {
    if node.parent().is_some_and(|p| in_page_chrome(&p)) {
        return None;
    }
    const READ: usize = 120;
    let after = text_following(node, READ);
    let cut = after.chars().count() >= READ;
    let lines: Vec<&str> = after
        .lines()
        .filter(|l| l.chars().any(char::is_alphanumeric))
        .collect();
    let (name, date) = (lines.first()?, lines.get(1)?);
    // The name is a short line and no date itself; the date line is whole.
    if name.len() > 60 || dates::parse_text(name).is_some() || (cut && lines.len() == 2) {
        return None;
    }
    let date = date.trim_matches(|c: char| !c.is_alphanumeric());
    dates::parse_whole(date).map(|t| (t, false))
}

static READ_TIME: LazyLock<BoundedRegex> = LazyLock::new(|| {
    BoundedRegex::new(r"(?i)\b\d{1,3}\s*(?:min|mins|minute|minutes)\.?\s+read\b")
        .expect("valid regex")
});

/// The date printed beside a reading time ("23.07.2025 · 6 min read",
/// "7 min read · Dec 30, 2013"): a text of its own, the nearest before or
/// after the reading time's, a separator aside; whether it is labelled an
/// update. The reading time must be a short text of its own too, not a
/// sentence that mentions one.
fn date_beside_read_time(node: &dom_query::NodeRef, text: &str) -> Option<(Timestamp, bool)> {
    if text.trim().len() > 30 || node.parent().is_some_and(|p| in_page_chrome(&p)) {
        return None;
    }
    const READ: usize = 80;
    let before = text_preceding(node, READ);
    let after = text_following(node, READ);
    [
        nearest_whole_text(&before, READ, true),
        nearest_whole_text(&after, READ, false),
    ]
    .into_iter()
    .flatten()
    .find_map(|piece| {
        let updated = UPDATE_WORD.is_match(&piece);
        let rest = UPDATE_WORD.replace(&piece, " ");
        let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
        dates::parse_whole(rest).map(|t| (t, updated))
    })
}

/// The text (a line of `read`) nearest the node it was read from, the
/// last when read `backwards`, separators ("·", "|") aside. The read
/// stops at `limit` characters, so the text farthest from the node can be
/// cut ("5 Dec 2013" of "25 Dec 2013"): a cut one does not count.
pub(super) fn nearest_whole_text(read: &str, limit: usize, backwards: bool) -> Option<String> {
    let lines: Vec<&str> = read.lines().collect();
    let cut = read.chars().count() >= limit;
    let farthest = if backwards {
        0
    } else {
        lines.len().saturating_sub(1)
    };
    let is_text = |i: &usize| lines[*i].chars().any(char::is_alphanumeric);
    let nearest = if backwards {
        (0..lines.len()).rev().find(is_text)
    } else {
        (0..lines.len()).find(is_text)
    }?;
    (nearest != farthest || !cut).then(|| lines[nearest].to_string())
}

static UPDATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\W*(?:last\s+)?(?:{})(?:\s+{})?\s*:?",
        date_labels::updated(),
        date_labels::CONNECTOR
    ))
    .expect("valid regex")
});
