//! The story's dates: published and updated kept apart. The metadata's
//! statement first, then what the page's elements mark up, then what it
//! prints (`printed.rs`), each checked against the others.

pub(super) mod printed;
mod script;
#[cfg(test)]
mod tests;

use wirefeed_model::Timestamp;

use crate::extract::fields::{dates, relative_dates};
use crate::extract::formats::html::chrome::in_comments_or_sidebar;
use crate::extract::formats::html::dates::printed::{
    dateline, element_dates, in_publisher_zone, labelled_dates, StatedDates,
};
use crate::extract::formats::html::dates::script::script_date;
use crate::extract::formats::html::dom::non_empty_attr;
use crate::extract::formats::html::headline::HeadlineArea;
use crate::extract::formats::html::json_ld::{str_field, visit_ld};
use crate::extract::formats::html::meta::machine_or_printed;
use crate::extract::formats::html::page::Page;

pub(super) struct PageDates {
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// How long before the fetch a relative date near the headline says
    /// the story was published, when the page states no date.
    pub published_ago: Option<chrono::Duration>,
}

/// The meta tags that state the publication time, most specific first.
const PUBLISHED_META: [&str; 15] = [
    "meta[property='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='pubdate']",
    "meta[name='publish-date']",
    "meta[name='date']",
    "meta[name='published-date']",
    "meta[name='article.published']",
    "meta[name='parsely-pub-date']",
    "meta[name='sailthru.date']",
    "meta[name='dcterms.created']",
    "meta[name='DC.date.issued']",
    "meta[property='og:published_time']",
    "meta[name='published']",
    "meta[name='publication_date']",
    "meta[name='citation_publication_date']",
];

pub(super) fn story_dates(page: &Page, area: &HeadlineArea) -> PageDates {
    let (index, header) = (&page.index, area.header.as_str());
    // The first source that parses: a malformed JSON-LD date must not hide
    // a good meta tag.
    let ld_published = page.ld_str("datePublished");
    let metadata_published = metadata_published(page, ld_published.clone());
    let published = metadata_published
        .or_else(|| marked_published(page, area))
        .map(|p| with_exact_time(page, p));
    // Printed dates: labelled ones near the headline, then the page's date
    // and byline elements, then any date right after the headline.
    let labelled = labelled_dates(header);
    // Read only when the earlier sources leave a date unknown: it visits
    // many elements.
    let shown_cell = std::cell::OnceCell::new();
    let shown = || shown_cell.get_or_init(|| element_dates(index.date_elements()));
    // A CMS that stamps "published" with every save gives the same instant
    // for both: an earlier date printed with the headline is the original.
    let ld_modified_text = page.ld_str("dateModified");
    let ld_modified = ld_modified_text.as_deref().and_then(dates::parse_machine);
    let published = match published {
        Some(p) if ld_modified == Some(p) => {
            let printed = labelled
                .published
                .or_else(|| area.time.as_deref().and_then(dates::parse_machine))
                .or_else(|| printed::pubdate_time(index));
            Some(
                printed
                    .filter(|t| printed::earlier_day_or_time(*t, p))
                    .unwrap_or(p),
            )
        }
        other => other,
    };
    // The modification time the metadata gives: the update time, and the
    // day a later dateline must not be.
    let metadata_modified = ld_modified_text
        .or_else(|| page.metas.get("meta[property='article:modified_time']"))
        .or_else(|| page.metas.get("meta[property='og:updated_time']"))
        .and_then(|s| dates::parse_machine(&s));
    // The day a dated address (`/2019/10/22/`) names.
    let url_day = dates::from_url(page.url);
    // Read only when nothing nearer the headline dates the page, or when
    // it says it was first published earlier: it visits every text.
    let stated_cell = std::cell::OnceCell::new();
    let stated = || stated_cell.get_or_init(|| printed::stated_dates(index));
    let mut published_at = published
        .or_else(|| script_date(page.html))
        // Some publishers print the date in JSON-LD as they show it ("Dec
        // 18, 2025"): a day, after every source that gives its time.
        .or_else(|| ld_published.as_deref().and_then(dates::parse_text))
        .or(labelled.published)
        .or_else(|| shown().published)
        .or(labelled.unlabelled)
        .or(url_day)
        // "… | DW | 23.05.2011": the day the document title prints.
        .or_else(|| {
            index
                .tag("title")
                .first()
                .and_then(|t| dates::parse_text(&t.text()))
        })
        .or_else(|| stated().published.or(stated().original))
        .or_else(|| printed::own_listing_date(index, page.url))
        .map(|p| in_publisher_zone(index, p, page.url));
    if let Some(p) = published_at {
        published_at = Some(restamped(page, area, p, metadata_modified, &stated));
    }
    if let (Some(p), Some(day)) = (published_at, url_day) {
        published_at = Some(address_day(p, day, metadata_published));
    }
    let mut updated_at = metadata_modified
        .or(labelled.updated)
        .or_else(|| shown().updated)
        .or_else(|| published_at.is_none().then(|| stated().updated).flatten())
        .filter(|u| published_at.is_none_or(|p| *u > p));
    // A page that shows only when it was last updated: that date is the
    // best one known for its publication (it is published by then), and
    // no later update is known.
    if published_at.is_none() {
        published_at = updated_at.take();
    }
    let published_ago = if published_at.is_none() {
        relative_dates::age(header)
    } else {
        None
    };
    PageDates {
        published: published_at,
        updated: updated_at,
        published_ago,
    }
}

/// The publication time the page's metadata states (JSON-LD, meta
/// tags), apart from what its elements print.
fn metadata_published(page: &Page, ld_published: Option<String>) -> Option<Timestamp> {
    std::iter::once(ld_published)
        .chain(
            PUBLISHED_META
                .iter()
                // Some publishers print the date in the tag as they show it
                // ("July 17, 2025").
                .map(|sel| page.metas.get(sel).map(machine_or_printed)),
        )
        .flatten()
        .find_map(|s| dates::parse_machine(&s))
}

/// The publication time the page's elements mark up for machines:
/// microdata, microformats, the `<time>` printed with the headline, any
/// `<time>`, Dublin Core's undated date.
fn marked_published(page: &Page, area: &HeadlineArea) -> Option<Timestamp> {
    let (doc, index) = (page.doc, &page.index);
    [
        index
            .tag("time")
            .iter()
            .filter(|t| t.attr("itemprop").is_some_and(|v| &*v == "datePublished"))
            .find_map(|t| non_empty_attr(t, "datetime")),
        // Microdata on other elements: `<abbr itemprop="datePublished"
        // title="2025-12-19T15:18:00-05:00">`.
        index
            .mentions_any(&["datepublished"])
            .then(|| {
                doc.select("[itemprop='datePublished']")
                    .nodes()
                    .iter()
                    .find_map(|n| {
                        ["content", "datetime", "title"]
                            .iter()
                            .find_map(|a| non_empty_attr(n, a))
                    })
            })
            .flatten(),
        // hAtom and microformats 2 (Blogger, older WordPress themes):
        // `<abbr class="published" title="2020-04-28T21:11:00+02:00">`.
        index
            .mentions_any(&["published"])
            .then(|| {
                doc.select("abbr.published, time.published, .dt-published")
                    .nodes()
                    .iter()
                    // Blogger prints it in the post's footer, so only
                    // comments, sidebars and navigation are ruled out.
                    .filter(|n| !in_comments_or_sidebar(n))
                    .find_map(|n| {
                        ["datetime", "title"]
                            .iter()
                            .filter_map(|a| non_empty_attr(n, a))
                            .find(|v| dates::parse_machine(v).is_some())
                    })
            })
            .flatten(),
        area.time.clone(),
        index
            .tag("time")
            .iter()
            .find_map(|t| non_empty_attr(t, "datetime"))
            .map(machine_or_printed),
        // Dublin Core's date names no event (created, issued, changed):
        // only when the page dates itself no other way.
        page.metas.get("meta[name='DC.date']"),
    ]
    .into_iter()
    .flatten()
    .find_map(|s| dates::parse_machine(&s))
}

/// A day without its time ("2023-05-17T00:00:00+0000" in the article's
/// JSON-LD) and an exact time elsewhere in the page's machine data that
/// falls on that day in some time zone: one publication, known more
/// exactly.
fn with_exact_time(page: &Page, published: Timestamp) -> Timestamp {
    let elsewhere = || {
        let mut found: Vec<String> = Vec::new();
        for value in &page.ld_scripts {
            visit_ld(value, &mut |v| found.extend(str_field(v, "datePublished")));
        }
        found.extend(page.metas.get("meta[property='article:published_time']"));
        found
    };
    dates::exact_time_of_day(published, elsewhere)
}

/// A dateline printed with the headline, or a statement that the story
/// was first published, on a day surely before the metadata's time `p`:
/// the metadata was stamped later (a site migration, a re-import, a CMS
/// that re-stamps on every save).
fn restamped<'s>(
    page: &Page,
    area: &HeadlineArea,
    p: Timestamp,
    metadata_modified: Option<Timestamp>,
    stated: &dyn Fn() -> &'s StatedDates,
) -> Timestamp {
    let header = area.header.as_str();
    let first = dateline(header)
        .filter(|d| printed::surely_earlier(*d, p))
        .or_else(|| {
            says_first_published(page.html)
                .then(|| stated().original)
                .flatten()
                .filter(|d| printed::surely_earlier(*d, p))
        });
    // A dateline printed with the headline on a day surely after the
    // metadata's time, which the page prints nowhere near its headline
    // and which is not the metadata's modification day either: the
    // metadata holds a date the reader is never shown (the day the page
    // was created in the CMS, a template's), the dateline the one the
    // publisher shows.
    let later = || {
        let modified_day = metadata_modified.map(|m| m.date_naive());
        // Below the headline only: a list of other stories above it
        // prints their later days.
        dateline(&header[area.below..]).filter(|d| {
            printed::surely_earlier(p, *d)
                && Some(d.date_naive()) != modified_day
                && !dates::prints_day(header, p.date_naive())
        })
    };
    // Neither when a `<time>` prints the metadata's moment: the page
    // shows that date too.
    let first = first
        .or_else(later)
        .filter(|_| !printed::time_element_shows(&page.index, p));
    first.unwrap_or(p)
}

/// An address dated /2019/10/22/ names the day the story went out: a date
/// `p` from the page's elements two or more days away from it, or a day
/// without its time any day away (no time zone explains that), belongs to
/// something else the page shows (another post in a list, a comment, an
/// event the headline names). The metadata's own statement stands.
fn address_day(p: Timestamp, day: Timestamp, metadata_published: Option<Timestamp>) -> Timestamp {
    let apart = (p.date_naive() - day.date_naive()).num_days().abs();
    let day_only = p.time() == chrono::NaiveTime::MIN && p.offset().local_minus_utc() == 0;
    if (apart > 1 || apart == 1 && day_only)
        && metadata_published.is_none_or(|m| m.date_naive() != p.date_naive())
    {
        day
    } else {
        p
    }
}

/// Whether a page's source says anywhere that it was "originally" or
/// "first published": one search for "published" over the whole page
/// (it is long, and a page that says neither is read to its end), each
/// occurrence's preceding words looked at.
fn says_first_published(html: &str) -> bool {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, b" published").any(|at| {
        let before = &bytes[..at];
        before.ends_with(b"riginally") || before.ends_with(b"irst")
    })
}
