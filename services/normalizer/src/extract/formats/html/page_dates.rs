//! Dates printed on an HTML page: near the headline, in its date and
//! byline elements, in statements such as "Posted on …" anywhere in the
//! story, and what they say about the dates in the page's metadata.

use std::sync::LazyLock;

use chrono::Duration;
use regex::Regex;
use wirefeed_model::identity::canonical_url;
use wirefeed_model::Timestamp;

use crate::extract::fields::dates;
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::formats::html::{
    for_each_text_node_while, in_page_chrome, spaced_text, text_following, text_preceding,
};
use crate::extract::support::date_labels;

#[derive(Default)]
pub(crate) struct LabelledDates {
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// The first date printed, when none is labelled as published.
    pub unlabelled: Option<Timestamp>,
}

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // No `\b` after the label: some end in their colon ("Stand:").
    Regex::new(&format!(
        r"(?i)\b(?:(?P<updated>{})|first published|{})(?:\s+{})?\s*:?\s*",
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
    for c in DATE_LABEL.captures_iter(header) {
        let updated = c.name("updated").is_some();
        let m = c.get(0).expect("a match has a whole");
        let window: String = header[m.end()..].chars().take(40).collect();
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

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
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
        for c in STATEMENT.captures_iter(&text) {
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
            && (READ_TIME.is_match(&text) || BYLINE_LEAD.is_match(&text))
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

static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,3}\s*(?:min|mins|minute|minutes)\.?\s+read\b").expect("valid regex")
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
fn nearest_whole_text(read: &str, limit: usize, backwards: bool) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::formats::html::extract;

    fn dates_of(page: &str) -> (Option<String>, Option<String>) {
        let x = extract(page, "https://example.com/a");
        (
            x.published_at.map(|t| t.to_rfc3339()),
            x.updated_at.map(|t| t.to_rfc3339()),
        )
    }

    fn story(words: usize) -> String {
        format!(
            "<p>{}</p><p>{}</p>",
            "Council members met on Tuesday to debate the budget. ".repeat(words),
            "The vote is expected next week after a public hearing. ".repeat(words)
        )
    }

    #[test]
    fn a_dateline_surely_before_the_metadata_is_the_publication() {
        let page = format!(
            r#"<html><head><meta property="article:published_time" content="2025-11-20T16:02:46Z"></head>
            <body><article><h1>Budget vote delayed</h1><div>Liza Burke</div><div>May 14, 2025</div>
            {}</article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&page).0.as_deref(),
            Some("2025-05-14T00:00:00+00:00")
        );
    }

    #[test]
    fn a_later_dateline_the_metadata_never_shows_is_the_publication() {
        let page = |head: &str, extra: &str| {
            format!(
                r#"<html><head><meta property="article:published_time" content="2024-05-09T00:00:00Z">{head}</head>
                <body><article><h1>Budget vote delayed</h1><div>16 December 2025</div><div>by Liza Burke</div>{extra}
                {}</article></body></html>"#,
                story(8)
            )
        };
        assert_eq!(
            dates_of(&page("", "")).0.as_deref(),
            Some("2025-12-16T00:00:00+00:00")
        );
        // The metadata's day printed with the headline too (either reading
        // of a numeric date), or the dateline is the modification day: the
        // metadata stands.
        for (head, extra) in [
            ("", "<div>First published May 9, 2024</div>"),
            ("", "<div>05/09/2024</div>"),
            (
                r#"<meta property="article:modified_time" content="2025-12-16T09:00:00Z">"#,
                "",
            ),
        ] {
            assert_eq!(
                dates_of(&page(head, extra)).0.as_deref(),
                Some("2024-05-09T00:00:00+00:00"),
                "{head} {extra}"
            );
        }
        // Another story's day printed above the headline is no dateline.
        let listed_above = format!(
            r#"<html><head><meta property="article:published_time" content="2024-05-09T00:00:00Z"></head>
            <body><article><div><a href="/b">Council opens a library</a></div><div>December 17, 2025</div>
            <h1>Budget vote delayed</h1><div>by Liza Burke</div>{}</article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&listed_above).0.as_deref(),
            Some("2024-05-09T00:00:00+00:00")
        );
    }

    #[test]
    fn a_dated_address_outweighs_another_days_printed_date_but_not_the_metadata() {
        let page = |head: &str, printed: &str| {
            format!(
                r#"<html><head>{head}</head><body><article><h1>Ergebnisse vom 19.5.2007</h1>
                <p>{printed}</p>{}</article></body></html>"#,
                story(8)
            )
        };
        let url = "https://example.com/2007/05/20/ergebnisse";
        let published = |html: &str| extract(html, url).published_at.map(|t| t.to_rfc3339());
        // The headline's event day is no publication day.
        assert_eq!(
            published(&page("", "")).as_deref(),
            Some("2007-05-20T00:00:00+00:00")
        );
        // Metadata a day off is the same moment in another zone; two days
        // off it still stands.
        let meta =
            r#"<meta property="article:published_time" content="2007-05-18T09:00:00+02:00">"#;
        assert_eq!(
            published(&page(meta, "")).as_deref(),
            Some("2007-05-18T09:00:00+02:00")
        );
    }

    #[test]
    fn labels_in_the_pages_language_keep_publication_and_update_apart() {
        for (labels, published, updated) in [
            (
                "<p>Veröffentlicht am 10. März 2024</p><p>Aktualisiert am 12.03.2024, 08:15 Uhr</p>",
                "2024-03-10",
                "2024-03-12",
            ),
            (
                "<p>Publié le 3 avril 2023 à 10h05</p><p>Mis à jour le 4 avril 2023</p>",
                "2023-04-03",
                "2023-04-04",
            ),
            (
                "<p>Actualizado: 6 de mayo de 2022</p><p>Publicado: 5 de mayo de 2022</p>",
                "2022-05-05",
                "2022-05-06",
            ),
            (
                "<p>Опубликовано 15 августа 2016</p><p>Обновлено 16 августа 2016</p>",
                "2016-08-15",
                "2016-08-16",
            ),
        ] {
            let page = format!(
                "<html><body><article><h1>Ein Titel</h1>{labels}{}</article></body></html>",
                story(8)
            );
            let (p, u) = dates_of(&page);
            assert_eq!(p.as_deref().map(|d| &d[..10]), Some(published), "{labels}");
            assert_eq!(u.as_deref().map(|d| &d[..10]), Some(updated), "{labels}");
        }
    }

    #[test]
    fn a_utc_time_is_written_in_the_publishers_zone_when_the_address_names_its_day() {
        let page = |times: &str| {
            format!(
                r#"<html><head><meta property="article:published_time" content="2025-12-19T03:05:00Z"></head>
                <body><article><h1>Budget vote delayed</h1>{}</article>
                <aside>{times}</aside></body></html>"#,
                story(8)
            )
        };
        let other_posts = r#"<time datetime="2025-12-16T10:00:00-08:00">Dec 16</time>
            <time datetime="2025-12-15T10:00:00+01:00">Dec 15</time>"#;
        let published =
            |html: &str, url: &str| extract(html, url).published_at.map(|t| t.to_rfc3339());
        // The same moment, in the zone of the page's other times that
        // puts it on the address's day.
        assert_eq!(
            published(&page(other_posts), "https://example.com/2025/12/18/vote").as_deref(),
            Some("2025-12-18T19:05:00-08:00")
        );
        // No zone of the page's own: the whole-hour zone nearest UTC that
        // puts it on the address's day.
        assert_eq!(
            published(&page(""), "https://example.com/2025/12/18/vote").as_deref(),
            Some("2025-12-18T23:05:00-04:00")
        );
        // An address on the UTC day or without a day: UTC stays.
        for (html, url) in [
            (page(other_posts), "https://example.com/2025/12/19/vote"),
            (page(other_posts), "https://example.com/vote"),
        ] {
            assert_eq!(
                published(&html, url).as_deref(),
                Some("2025-12-19T03:05:00+00:00"),
                "{url}"
            );
        }
    }

    #[test]
    fn a_dateline_a_day_off_or_printed_by_a_time_element_leaves_the_metadata() {
        // One day off is the same moment seen from another zone.
        let zone = format!(
            r#"<html><head><meta property="article:published_time" content="2025-12-19T03:05:00Z"></head>
            <body><article><h1>Budget vote delayed</h1><div>December 18, 2025</div>
            {}</article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&zone).0.as_deref(),
            Some("2025-12-19T03:05:00+00:00")
        );
        // The page prints the metadata's moment itself.
        let shown = format!(
            r#"<html><head><meta property="article:published_time" content="2024-12-20T00:00:00Z"></head>
            <body><article><h1>Budget vote delayed</h1><div><time datetime="2024-12-20T00:00:00Z">August 28, 2024</time></div>
            {}</article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&shown).0.as_deref(),
            Some("2024-12-20T00:00:00+00:00")
        );
        // A date in a sentence of the story is no dateline.
        let sentence = format!(
            r#"<html><head><meta property="article:published_time" content="2025-11-20T16:02:46Z"></head>
            <body><article><h1>Budget vote delayed</h1><p>On May 14, 2025, the council first met.</p>
            {}</article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&sentence).0.as_deref(),
            Some("2025-11-20T16:02:46+00:00")
        );
    }

    #[test]
    fn dates_stated_anywhere_when_nothing_else_dates_the_page() {
        let posted = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}
            <div class="meta"><span>Posted on <a href="/x">April 13, 2023</a></span>
            <div class="tags">Tags: budget, council, hearing, city hall, vote, public works, finance, schools</div></div>
            </article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&posted).0.as_deref(),
            Some("2023-04-13T00:00:00+00:00")
        );
        // Only an update is stated: the page was published by then.
        let updated = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}<p>Last updated: November 13, 2025</p></article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&updated),
            (Some("2025-11-13T00:00:00+00:00".into()), None)
        );
        // "Published" before other words dates nothing, nor does a
        // statement in a comment thread.
        let mentioned = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}<p>The study was published in Nature on March 3, 2020.</p></article>
            <div class="comments"><p>Posted on December 1, 2025</p></div></body></html>"#,
            story(8)
        );
        assert_eq!(dates_of(&mentioned).0, None);
    }

    #[test]
    fn a_date_beside_the_reading_time() {
        let page = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}
            <p class="name">Elliot Raba</p><p><span>23.07.2025</span><span> · </span><span>6 min read</span></p></article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&page).0.as_deref(),
            Some("2025-07-23T00:00:00+00:00")
        );
        let after = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}
            <div><span>7 min read</span><span>·</span><span>Dec 30, 2013</span></div></article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&after).0.as_deref(),
            Some("2013-12-30T00:00:00+00:00")
        );
        // A whole paragraph that mentions a reading time is no dateline.
        let prose = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}
            <p>On 3 March 2024 we wrote a 6 min read about it.</p></article></body></html>"#,
            story(8)
        );
        assert_eq!(dates_of(&prose).0, None);
    }

    #[test]
    fn a_date_after_the_bylines_name_at_the_end_of_the_story() {
        let page = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}
            <div><p>Written by <a href="/author/liza">Liza Burke and Tom Ade</a></p><p>April 8, 2024</p></div></article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&page).0.as_deref(),
            Some("2024-04-08T00:00:00+00:00")
        );
        // The line after the name is a sentence, not a date of its own.
        let sentence = page.replace(
            "<p>April 8, 2024</p>",
            "<p>She covered the vote of April 8, 2024 for us.</p>",
        );
        assert_eq!(dates_of(&sentence).0, None);
        // A byline in the comments dates nothing.
        let comment = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1>{}</article>
            <div class="comments"><p>Written by <a href="/u/9">Ann</a></p><p>April 8, 2024</p></div></body></html>"#,
            story(8)
        );
        assert_eq!(dates_of(&comment).0, None);
    }

    #[test]
    fn the_pages_own_entry_in_a_list_of_posts_dates_it() {
        // The story prints its date in an order that reads both ways
        // ("02-12-2025"), so nothing else dates it.
        let list = |own: &str| {
            format!(
                r#"<html><body><article><h1>Budget vote delayed</h1><time datetime="02-12-2025">02-12-2025</time>{}</article>
            <aside><div class="post"><h4><a href="https://example.com/other">Other</a></h4><time datetime="2024-12-11">Dec 11</time></div>
            <div class="post"><h4><a href="{own}">Budget vote delayed</a></h4><time datetime="2025-12-02">Dec 2</time></div></aside></body></html>"#,
                story(8)
            )
        };
        // `dates_of` reads the page as https://example.com/a.
        assert_eq!(
            dates_of(&list("https://www.example.com/a/")).0.as_deref(),
            Some("2025-12-02T00:00:00+00:00")
        );
        assert_eq!(
            dates_of(&list("/a")).0.as_deref(),
            Some("2025-12-02T00:00:00+00:00")
        );
        // Other pages' entries date nothing, nor does a path that only
        // ends this page's path.
        assert_eq!(dates_of(&list("https://example.com/b")).0, None);
        assert_eq!(
            extract(&list("/a"), "https://example.com/blog/a").published_at,
            None
        );
        assert!(extract(&list("/blog/a"), "https://example.com/blog/a")
            .published_at
            .is_some());
        // A link to this page in a block of several dated posts is no entry.
        let block = format!(
            r#"<html><body><article><h1>Budget vote delayed</h1><time datetime="02-12-2025">02-12-2025</time>{}</article>
            <aside><a href="/a">This story</a><time datetime="2024-12-11">Dec 11</time><time datetime="2025-12-02">Dec 2</time></aside></body></html>"#,
            story(8)
        );
        assert_eq!(dates_of(&block).0, None);
    }

    #[test]
    fn originally_published_before_the_metadata() {
        let page = format!(
            r#"<html><head><meta property="article:published_time" content="2022-09-30T11:07:00Z"></head>
            <body><article><h1>Budget vote delayed</h1>{}
            <p>This article was originally published on 26 Sep 2019 at 4:12pm but has been updated.</p></article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&page).0.as_deref(),
            Some("2019-09-26T16:12:00+00:00")
        );
    }

    #[test]
    fn pubdate_time_outside_comments_when_the_cms_stamps_both_alike() {
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Budget vote delayed",
            "datePublished":"2025-11-29T12:28:31-05:00","dateModified":"2025-11-29T12:28:31-05:00"}}</script></head>
            <body><article><h1>Budget vote delayed</h1>{}<div>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></div></article>
            <div class="comments"><time pubdate datetime="2025-01-02T10:00:00-05:00">Jan 2</time></div></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&page),
            (
                Some("2025-08-13T00:00:00+00:00".into()),
                Some("2025-11-29T12:28:31-05:00".into())
            )
        );
    }

    #[test]
    fn printed_days_and_exact_times() {
        let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        assert!(earlier_day_or_time(
            t("2025-07-08T00:00:00Z"),
            t("2025-07-09T11:50:26Z")
        ));
        assert!(!earlier_day_or_time(
            t("2025-07-09T00:00:00Z"),
            t("2025-07-09T11:50:26Z")
        ));
        assert!(earlier_day_or_time(
            t("2025-07-09T09:00:00Z"),
            t("2025-07-09T11:50:26Z")
        ));
        assert!(surely_earlier(
            t("2025-12-17T00:00:00Z"),
            t("2025-12-19T03:05:00Z")
        ));
        assert!(!surely_earlier(
            t("2025-12-18T00:00:00Z"),
            t("2025-12-19T03:05:00Z")
        ));
        assert_eq!(
            dateline("Liza Burke\nMarketing Director\nMay 14, 2025\nShort-form video"),
            Some(t("2025-05-14T00:00:00Z"))
        );
        assert_eq!(dateline("On 8 March 2020 the council met\nBy Jo"), None);
        assert_eq!(
            dateline("By Angela Kaye\nUpdated on\nFebruary 16, 2026\nAre you"),
            None,
            "an update, not the story's dateline"
        );
    }

    #[test]
    fn only_whole_texts_beside_a_reading_time() {
        assert_eq!(
            nearest_whole_text("Elliot Raba\n23.07.2025\n·", 80, true).as_deref(),
            Some("23.07.2025")
        );
        assert_eq!(
            nearest_whole_text("·\nDec 30, 2013\nListen", 80, false).as_deref(),
            Some("Dec 30, 2013")
        );
        // The read stopped inside the only text: "5 Dec 2013" of "25 Dec 2013".
        assert_eq!(nearest_whole_text("5 Dec 2013", 10, true), None);
        assert_eq!(nearest_whole_text("Dec 30, 20", 10, false), None);
    }

    #[test]
    fn escaped_application_state() {
        let page = format!(
            r#"<html><head><meta name="x-state" content="{{&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}}"></head>
            <body><article><h1>Budget vote delayed</h1>{}</article></body></html>"#,
            story(8)
        );
        assert_eq!(
            dates_of(&page).0.as_deref(),
            Some("2025-11-17T09:00:00-05:00")
        );
    }
}
