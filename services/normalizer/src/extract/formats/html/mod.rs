//! HTML pages: the body from our own extractor (`body.rs`; docs/normalizer.md says why),
//! the news fields from the page's own markup: JSON-LD, Open Graph and
//! article meta tags, `<time>`, bylines, breadcrumbs, figure captions.

pub mod body;
pub mod depth;
pub mod page_dates;
pub mod page_index;
pub mod raw_text;

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use serde_json::Value;
use wirefeed_model::{Author, Image, Paragraph, Timestamp};

use crate::extract::extraction::Extraction;
use crate::extract::fields::byline::{
    clean_name, credits_someone_else, looks_like_byline, parse_byline,
};
use crate::extract::fields::caption::{is_credited_caption, split_credit};
use crate::extract::fields::dates;
use crate::extract::fields::relative_dates;
use crate::extract::fields::title::{
    before_pipe, choose_title, strip_host_prefix, strip_site_name, strip_site_suffix, untruncated,
    TITLE_SEPARATORS,
};
use crate::extract::formats::html::page_index::{has_ancestor, PageIndex};
use crate::extract::support::text::{clean, is_chrome_phrase, plain_paragraphs};
use page_dates::{element_dates, labelled_dates};

/// Markup some publishers leave in JSON-LD's `articleBody`.
static LD_BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(?:/?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|section|table|tr)\b[^>]*|br\s*/?)>")
        .expect("valid regex")
});
static LD_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[^>]{0,2000}>").expect("valid regex"));

/// The paragraphs of a JSON-LD `articleBody`: its lines, or, where the
/// publisher put HTML in it ("<p>En estado de alerta…</p>"), its blocks
/// without the tags.
fn ld_body_paragraphs(body: &str) -> Vec<Paragraph> {
    if !LD_BLOCK_TAG.is_match(body) {
        return plain_paragraphs(body.lines());
    }
    let text = LD_BLOCK_TAG.replace_all(body, "\n");
    let text = LD_TAG.replace_all(&text, "");
    let text = html_escape::decode_html_entities(&text);
    plain_paragraphs(text.lines())
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex")
});

pub fn extract(html: &str, url: &str) -> Extraction {
    let doc = Document::from(&*crate::extract::formats::html::raw_text::without_code(
        html,
    ));
    let index = PageIndex::new(&doc);
    let metas = Metas::new(&index);
    let mut out = Extraction::default();
    let ld_scripts = json_ld_scripts(&index);
    let ld = json_ld_article(&ld_scripts);

    // Body: our own pass over the parsed DOM; JSON-LD `articleBody` when
    // the page's markup yields much less than the publisher's own copy.
    let body = body::extract_body(&doc);
    out.confidence = body.confidence;
    out.paragraphs = body
        .blocks
        .into_iter()
        .map(|(text, subhead)| Paragraph { text, subhead })
        .collect();
    if let Some(ld_body) = ld.as_ref().and_then(|v| str_field(v, "articleBody")) {
        let dom_chars: usize = out.paragraphs.iter().map(|p| p.text.len()).sum();
        let ld_paragraphs = ld_body_paragraphs(&ld_body);
        let ld_chars: usize = ld_paragraphs.iter().map(|p| p.text.len()).sum();
        if ld_chars >= 500 && ld_chars > dom_chars * 2 {
            out.paragraphs = ld_paragraphs;
            out.confidence = out.confidence.max(0.7);
        }
    }
    out.images = images(&index, &metas, url);
    if let Some(keywords) = ld.as_ref().and_then(|v| v.get("keywords")) {
        match keywords {
            Value::String(s) => out
                .keywords
                .extend(s.split(',').map(clean).filter(|k| !k.is_empty())),
            Value::Array(items) => out
                .keywords
                .extend(items.iter().filter_map(Value::as_str).map(clean)),
            _ => {}
        }
    }

    // Title: the page's own headline (h1) when it agrees with the meta title,
    // else the meta title without its " | Site" suffix.
    let og_title = metas.get("meta[property='og:title']");
    let page_title = first_text(index.tag("title"));
    let full_meta_titles: Vec<String> = [og_title.clone(), page_title.clone()]
        .into_iter()
        .flatten()
        .collect();
    let meta_title = ld
        .as_ref()
        .and_then(|v| str_field(v, "headline"))
        .map(|h| untruncated(h, &full_meta_titles))
        .or(og_title)
        .or_else(|| metas.get("meta[name='twitter:title']"))
        .or(page_title);
    // The visible headline wins (meta titles carry SEO rewrites and site
    // names) unless it is the site's name or a heading of the page's chrome.
    let site_name = metas.get("meta[property='og:site_name']");
    out.title = choose_title(
        headline(&index),
        meta_title.map(|m| strip_site_suffix(&m)),
        &full_meta_titles,
        site_name.as_deref(),
    )
    .map(|t| before_pipe(strip_site_name(t, site_name.as_deref())))
    .map(|t| strip_host_prefix(t, url));
    out.standfirst = metas
        .get("meta[property='og:description']")
        .or_else(|| metas.get("meta[name='description']"))
        .filter(|d| d.split_whitespace().count() >= 5);

    // Authors: JSON-LD, then meta tags, then byline elements.
    let ld_authors = ld.as_ref().map(json_ld_authors).unwrap_or_default();
    let meta_authors: Vec<Author> = [
        "meta[name='author']",
        "meta[property='article:author']",
        "meta[name='byl']",
        "meta[name='parsely-author']",
        "meta[name='dc.creator']",
        "meta[name='DC.creator']",
        "meta[name='dcterms.creator']",
    ]
    .iter()
    .flat_map(|sel| metas.every(sel))
    .chain(labelled_twitter_author(&metas))
    .filter(|v| !v.starts_with("http"))
    .flat_map(|v| authors_from_text(&v))
    .chain(citation_authors(&metas))
    .collect();
    // The publication named as an author is not a person who wrote the
    // piece: a later source naming people wins over it; it stays only when
    // no source names anyone else.
    let publisher_name = ld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(|p| str_field(p, "name"));
    // The name after the meta title's last separator ("... | Embarque") is
    // the site's too.
    let title_site = full_meta_titles.iter().find_map(|t| {
        TITLE_SEPARATORS.iter().find_map(|sep| {
            let (_, tail) = t.rsplit_once(sep)?;
            (1..=4)
                .contains(&tail.split_whitespace().count())
                .then(|| tail.trim().to_string())
        })
    });
    let publishers: Vec<String> = [site_name.clone(), publisher_name.clone(), title_site]
        .into_iter()
        .flatten()
        .map(|p| p.to_lowercase())
        .collect();
    // The `h1` that holds the title, where the byline and dates are printed.
    let headline_node = out.title.as_deref().and_then(|title| {
        index
            .tag("h1")
            .iter()
            .find(|h| heading_text(h).contains(title))
            .copied()
    });
    let (header, headline_end) =
        text_after_headline(&index, headline_node.as_ref(), out.title.as_deref());
    let headline_time = time_after_headline(&index, headline_node.as_ref());
    let sources: [&dyn Fn() -> Vec<Author>; 5] = [
        &|| ld_authors.clone(),
        &|| meta_authors.clone(),
        &|| byline_elements(&doc, &index),
        &|| byline_in_text(&header),
        &|| written_by_anywhere(&index),
    ];
    // A source's names once each, and those of them that are people (not
    // the publication).
    let unique = |mut found: Vec<Author>| {
        let mut seen = std::collections::HashSet::new();
        found.retain(|a| seen.insert(a.name.to_lowercase()));
        found
    };
    let people_of = |found: &[Author]| -> Vec<Author> {
        found
            .iter()
            .filter(|a| !publishers.contains(&a.name.to_lowercase()))
            .cloned()
            .collect()
    };
    let mut fallback: Vec<Author> = Vec::new();
    for source in sources {
        let found = unique(source());
        let people = people_of(&found);
        if !people.is_empty() {
            out.authors = people;
            break;
        }
        if fallback.is_empty() {
            fallback = found;
        }
    }
    // Every co-author: meta tags that name the chosen people and more (a
    // tag per author, where the JSON-LD names only the first) win.
    let lower = |v: &[Author]| -> std::collections::HashSet<String> {
        v.iter().map(|a| a.name.to_lowercase()).collect()
    };
    // Links to author pages side by side with a chosen author's link
    // ("Rui Ma, Heba Ledwon, ..." where the meta tag names Rui Ma) are
    // the co-authors of the same credit.
    for listed_by in [
        meta_authors.clone(),
        co_author_links(&index, &lower(&out.authors)),
    ] {
        let (chosen, listed) = (lower(&out.authors), lower(&listed_by));
        if !chosen.is_empty() && listed.len() > chosen.len() && chosen.is_subset(&listed) {
            out.authors = people_of(&unique(listed_by));
        }
    }
    if out.authors.is_empty() {
        out.authors = fallback;
    }
    attach_emails(&doc, &index, &mut out.authors);

    // Dates: published and modified kept apart.
    // The first source that parses: a malformed JSON-LD date must not hide
    // a good meta tag.
    let ld_published = ld.as_ref().and_then(|v| str_field(v, "datePublished"));
    // The publication time the page's metadata states (JSON-LD, meta
    // tags), apart from what its elements print.
    let metadata_published = std::iter::once(ld_published.clone())
        .chain(
            [
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
            ]
            .iter()
            // Some publishers print the date in the tag as they show it
            // ("July 17, 2025").
            .map(|sel| metas.get(sel).map(machine_or_printed)),
        )
        .flatten()
        .find_map(|s| dates::parse_machine(&s));
    let published = metadata_published
        .or_else(|| {
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
                headline_time.clone(),
                index
                    .tag("time")
                    .iter()
                    .find_map(|t| non_empty_attr(t, "datetime"))
                    .map(machine_or_printed),
                // Dublin Core's date names no event (created, issued, changed):
                // only when the page dates itself no other way.
                metas.get("meta[name='DC.date']"),
            ]
            .into_iter()
            .flatten()
            .find_map(|s| dates::parse_machine(&s))
        })
        .map(|p| {
            // A day without its time ("2023-05-17T00:00:00+0000" in the
            // article's JSON-LD) and an exact time elsewhere in the page's
            // machine data that falls on that day in some time zone: one
            // publication, known more exactly.
            let elsewhere = || {
                let mut found: Vec<String> = Vec::new();
                for value in &ld_scripts {
                    visit_ld(value, &mut |v| found.extend(str_field(v, "datePublished")));
                }
                found.extend(metas.get("meta[property='article:published_time']"));
                found
            };
            dates::exact_time_of_day(p, elsewhere)
        });
    // Printed dates: labelled ones near the headline, then the page's date
    // and byline elements, then any date right after the headline.
    let labelled = labelled_dates(&header);
    // Read only when the earlier sources leave a date unknown: it visits
    // many elements.
    let shown_cell = std::cell::OnceCell::new();
    let shown = || shown_cell.get_or_init(|| element_dates(index.date_elements()));
    // A CMS that stamps "published" with every save gives the same instant
    // for both: an earlier date printed with the headline is the original.
    let ld_modified = ld
        .as_ref()
        .and_then(|v| str_field(v, "dateModified"))
        .and_then(|s| dates::parse_machine(&s));
    let published = match published {
        Some(p) if ld_modified == Some(p) => {
            let printed = labelled
                .published
                .or_else(|| headline_time.as_deref().and_then(dates::parse_machine))
                .or_else(|| page_dates::pubdate_time(&index));
            Some(
                printed
                    .filter(|t| page_dates::earlier_day_or_time(*t, p))
                    .unwrap_or(p),
            )
        }
        other => other,
    };
    // The modification time the metadata gives: the update time, and the
    // day a later dateline must not be.
    let metadata_modified = ld
        .as_ref()
        .and_then(|v| str_field(v, "dateModified"))
        .or_else(|| metas.get("meta[property='article:modified_time']"))
        .or_else(|| metas.get("meta[property='og:updated_time']"))
        .and_then(|s| dates::parse_machine(&s));
    // The day a dated address (`/2019/10/22/`) names.
    let url_day = dates::from_url(url);
    // Read only when nothing nearer the headline dates the page, or when
    // it says it was first published earlier: it visits every text.
    let stated_cell = std::cell::OnceCell::new();
    let stated = || stated_cell.get_or_init(|| page_dates::stated_dates(&index));
    out.published_at = published
        .or_else(|| script_date(html))
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
        .or_else(|| page_dates::own_listing_date(&index, url))
        .map(|p| page_dates::in_publisher_zone(&index, p, url));
    // A dateline printed with the headline, or a statement that the story
    // was first published, on a day surely before the metadata's time: the
    // metadata was stamped later (a site migration, a re-import, a CMS that
    // re-stamps on every save).
    if let Some(p) = out.published_at {
        let first = page_dates::dateline(&header)
            .filter(|d| page_dates::surely_earlier(*d, p))
            .or_else(|| {
                (html.contains("riginally published") || html.contains("irst published"))
                    .then(|| stated().original)
                    .flatten()
                    .filter(|d| page_dates::surely_earlier(*d, p))
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
            page_dates::dateline(&header[headline_end..]).filter(|d| {
                page_dates::surely_earlier(p, *d)
                    && Some(d.date_naive()) != modified_day
                    && !dates::prints_day(&header, p.date_naive())
            })
        };
        // Neither when a `<time>` prints the metadata's moment: the page
        // shows that date too.
        let first = first
            .or_else(later)
            .filter(|_| !page_dates::time_element_shows(&index, p));
        out.published_at = Some(first.unwrap_or(p));
    }
    // An address dated /2019/10/22/ names the day the story went out: a
    // date from the page's elements two or more days away from it, or a
    // day without its time any day away (no time zone explains that),
    // belongs to something else the page shows (another post in a list, a
    // comment, an event the headline names). The metadata's own statement
    // stands.
    if let (Some(p), Some(day)) = (out.published_at, url_day) {
        let apart = (p.date_naive() - day.date_naive()).num_days().abs();
        let day_only = p.time() == chrono::NaiveTime::MIN && p.offset().local_minus_utc() == 0;
        if (apart > 1 || apart == 1 && day_only)
            && metadata_published.is_none_or(|m| m.date_naive() != p.date_naive())
        {
            out.published_at = Some(day);
        }
    }
    out.updated_at = metadata_modified
        .or(labelled.updated)
        .or_else(|| shown().updated)
        .or_else(|| {
            out.published_at
                .is_none()
                .then(|| stated().updated)
                .flatten()
        })
        .filter(|u| out.published_at.is_none_or(|p| *u > p));
    // A page that shows only when it was last updated: that date is the
    // best one known for its publication (it is published by then), and
    // no later update is known.
    if out.published_at.is_none() {
        out.published_at = out.updated_at.take();
    }
    if out.published_at.is_none() {
        out.published_ago = relative_dates::age(&header);
    }

    // Section: breadcrumb, then article:section.
    out.section = breadcrumb(&doc, &index, &ld_scripts);
    if out.section.is_empty() {
        if let Some(s) = ld
            .as_ref()
            .and_then(|v| str_field(v, "articleSection"))
            .or_else(|| metas.get("meta[property='article:section']"))
        {
            out.section = vec![s];
        }
    }

    out.canonical_url = index
        .tag("link")
        .iter()
        .filter(|l| l.attr("rel").is_some_and(|r| &*r == "canonical"))
        .find_map(|l| non_empty_attr(l, "href"))
        .or_else(|| metas.get("meta[property='og:url']"))
        .filter(|u| u.starts_with("http"));
    out.site_name = site_name
        .or(publisher_name)
        .or_else(|| metas.get("meta[name='application-name']"))
        .filter(|s| !s.trim().is_empty());
    if out.language.is_none() {
        out.language = index
            .tag("html")
            .first()
            .and_then(|h| non_empty_attr(h, "lang"))
            .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase());
    }
    for sel in ["meta[name='keywords']", "meta[name='news_keywords']"] {
        if let Some(k) = metas.get(sel) {
            out.keywords
                .extend(k.split(',').map(clean).filter(|k| !k.is_empty()));
        }
    }
    for k in metas.all("property", "article:tag") {
        out.keywords.push(clean(k));
    }
    out.keywords.sort();
    out.keywords.dedup();

    // Captions, each once, credit apart; their text never stays in the body.
    for fig in index.tag("figcaption") {
        let text = clean(&fig.text());
        if text.split_whitespace().count() < 3 {
            continue;
        }
        let caption = split_credit(&text);
        if !out.captions.iter().any(|c| c.text == caption.text) {
            out.captions.push(caption);
        }
    }
    // A short paragraph that ends in a labelled credit is a caption the
    // markup did not put in a figure.
    let (credited, paragraphs): (Vec<Paragraph>, Vec<Paragraph>) =
        std::mem::take(&mut out.paragraphs)
            .into_iter()
            .partition(|p| is_credited_caption(&p.text));
    out.paragraphs = paragraphs;
    for p in credited {
        let caption = split_credit(&p.text);
        if !out.captions.iter().any(|c| c.text == caption.text) {
            out.captions.push(caption);
        }
    }
    out.paragraphs.retain(|p| {
        !is_chrome_phrase(&p.text)
            && !is_timestamp_line(&p.text)
            && !is_byline_line(&p.text, &out.authors)
            && !is_link_list(&p.text)
            && !out.captions.iter().any(|c| {
                p.text == c.text || p.text.starts_with(&c.text) && p.text.len() < c.text.len() + 80
            })
    });
    out
}

/// The page's lead image (`og:image`), then the images of its figures with
/// their captions, each once, with absolute URLs.
fn images(index: &PageIndex, metas: &Metas, page_url: &str) -> Vec<Image> {
    let base = url::Url::parse(page_url).ok();
    let absolute = |src: &str| -> Option<String> {
        let src = src.trim();
        if src.is_empty() || src.starts_with("data:") {
            return None;
        }
        match &base {
            Some(b) => b.join(src).ok().map(String::from),
            None => src.starts_with("http").then(|| src.to_string()),
        }
    };
    let mut out: Vec<Image> = Vec::new();
    let mut push = |url: Option<String>, caption: Option<String>| {
        if let Some(url) = url {
            if !out.iter().any(|i| i.url == url) {
                out.push(Image { url, caption });
            }
        }
    };
    push(
        metas
            .get("meta[property='og:image']")
            .and_then(|u| absolute(&u)),
        None,
    );
    for figure in index.tag("figure") {
        let img = figure.find(&["img"]).into_iter().next();
        let Some(img) = img else { continue };
        let src = img
            .attr("src")
            .filter(|s| !s.starts_with("data:"))
            .or_else(|| img.attr("data-src"));
        let caption = figure
            .find(&["figcaption"])
            .first()
            .map(|c| clean(&c.text()))
            .filter(|c| !c.is_empty());
        push(src.and_then(|s| absolute(&s)), caption);
    }
    out
}

/// A line that is only a date or a time ("11/20/2019 01:14 PM"): the stamp
/// of an item in a list of other stories, never a paragraph of the article.
fn is_timestamp_line(text: &str) -> bool {
    // "Posted: Fri 6:45 PM, Feb 16, 2018 |": the label does not count.
    let text = STAMP_LABEL
        .find(text)
        .map_or(text, |m| &text[m.end()..])
        .trim_matches(|c: char| c == '|' || c.is_whitespace());
    if text.split_whitespace().nth(6).is_some() {
        return false;
    }
    if dates::parse_text(text).is_some() && text.chars().filter(|c| c.is_alphabetic()).count() <= 12
    {
        return true;
    }
    // "Updated at 1:23 p.m.": a time right after its label, no date.
    STAMP_TIME.is_match(text)
}

static STAMP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last )?(?:updated|published|posted|modified)(?: on)?:\s*")
        .expect("valid regex")
});

static STAMP_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last )?(?:updated|published|posted)(?: at| on)?:?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*\w{0,4}\.?$")
        .expect("valid regex")
});

/// The byline printed again at the top of the text ("By Justine Coleman -
/// 11/18/19 11:04 PM EST"): a short line opening with "By" that names an
/// author of the article or carries a date.
fn is_byline_line(text: &str, authors: &[Author]) -> bool {
    text.starts_with("By ")
        && text.split_whitespace().nth(12).is_none()
        && (dates::parse_text(text).is_some() || authors.iter().any(|a| text.contains(&a.name)))
}

/// Hundreds of words without one sentence end: a menu or a list of links
/// run together, not prose. A longer run is the page's text, whatever it
/// is, and stays.
fn is_link_list(text: &str) -> bool {
    // A hundred words take two hundred bytes at least: shorter texts are
    // not counted.
    text.len() >= 200
        && !text.contains(['.', '!', '?', '。', '！', '？'])
        && (100..=1000).contains(&text.split_whitespace().count())
}

/// The page text around the headline (or from the start of the
/// article), where bylines and dates are printed, and where in it the
/// text below the headline begins.
fn text_after_headline(
    index: &PageIndex,
    headline: Option<&dom_query::NodeRef>,
    title: Option<&str>,
) -> (String, usize) {
    // The headline element itself when there is one: what follows it in
    // page order is read, however much chrome comes before it.
    if let Some(h1) = headline {
        // A date or byline printed just above the headline counts too.
        let before = text_preceding(h1, 160);
        let after = text_following(h1, 600);
        return if before.is_empty() {
            (after, 0)
        } else {
            let below = before.len() + 1;
            (format!("{before}\n{after}"), below)
        };
    }
    // The headline and what follows it come early: reading (and
    // normalizing) the text of a whole long page for them cost more than
    // extracting its body.
    let text = ["article", "main", "body"]
        .iter()
        .find_map(|tag| {
            index
                .tag(tag)
                .first()
                .map(|n| spaced_text_prefix(n, HEADER_TEXT_BUDGET))
        })
        .unwrap_or_default();
    let start = title
        .and_then(|t| text.find(t).map(|i| i + t.len()))
        .unwrap_or(0);
    (text[start..].chars().take(600).collect(), 0)
}

/// The text after a node in page order (its later siblings, then its
/// ancestors' later siblings), about `chars` characters of it, cleaned.
pub(crate) fn text_following(node: &dom_query::NodeRef, chars: usize) -> String {
    // Raw bytes read: generous, since markup white space is cleaned away.
    let budget = chars * 4;
    let mut raw = String::new();
    let mut current = *node;
    'climb: loop {
        let mut sibling = current.next_sibling();
        while let Some(s) = sibling {
            let mut more = true;
            for_each_text_while(&s, |t| {
                push_piece(&mut raw, t);
                more = raw.len() < budget;
                more
            });
            if !more {
                break 'climb;
            }
            sibling = s.next_sibling();
        }
        match current.parent() {
            Some(p) if p.is_element() => current = p,
            _ => break,
        }
    }
    raw.chars().take(chars).collect()
}

/// Appends a text of the page, cleaned, on a line of its own: the line
/// breaks mark where one element's text ends.
fn push_piece(out: &mut String, text: &str) {
    let text = clean(text);
    if !text.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&text);
    }
}

/// The last `chars` characters or so of the text before a node in page
/// order (its earlier siblings, then its ancestors' earlier siblings),
/// cleaned.
pub(crate) fn text_preceding(node: &dom_query::NodeRef, chars: usize) -> String {
    let budget = chars * 4;
    // Texts in reverse page order, read back from the node: a long menu
    // before the headline is not read whole.
    let mut pieces: Vec<String> = Vec::new();
    let mut len = 0;
    let mut current = *node;
    'climb: loop {
        let mut sibling = current.prev_sibling();
        while let Some(s) = sibling {
            let mut stack = vec![s];
            while let Some(n) = stack.pop() {
                crate::cancel::checkpoint();
                if n.is_text() {
                    let text = clean(&n.text());
                    if !text.is_empty() {
                        len += text.len() + 1;
                        pieces.push(text);
                        if len >= budget {
                            break 'climb;
                        }
                    }
                } else if !holds_no_text(&n) {
                    // Children in page order on the stack: the last comes
                    // off first.
                    stack.extend(n.children());
                }
            }
            sibling = s.prev_sibling();
        }
        match current.parent() {
            Some(p) if p.is_element() => current = p,
            _ => break,
        }
    }
    pieces.reverse();
    let text = pieces.join("\n");
    let skip = text.chars().count().saturating_sub(chars);
    text.chars().skip(skip).collect()
}

/// Nodes between a headline and a `<time>` printed with it, at most.
const HEADLINE_TIME_REACH: usize = 80;

/// The date of the `<time>` printed with the headline, outside the page's
/// chrome: the nearest one after it, else the nearest one before it, within
/// a few dozen nodes. Lists of other stories before or after the article
/// carry their own.
fn time_after_headline(index: &PageIndex, headline: Option<&dom_query::NodeRef>) -> Option<String> {
    let start = index.position(headline?)?;
    let times = index.tag("time");
    let near = |t: &&dom_query::NodeRef| {
        index
            .position(t)
            .is_some_and(|p| p.abs_diff(start) <= HEADLINE_TIME_REACH)
    };
    let after = times
        .iter()
        .filter(|t| index.position(t).is_some_and(|p| p > start));
    let before = times
        .iter()
        .rev()
        .filter(|t| index.position(t).is_some_and(|p| p < start));
    after
        .filter(near)
        .chain(before.filter(near))
        .filter(|t| !in_page_chrome(t) && !marks_modification(t))
        .find_map(|t| non_empty_attr(t, "datetime"))
        .map(machine_or_printed)
}

/// A `<time>` the page marks as its last change (`class="updated"`,
/// `itemprop="dateModified"`): WordPress themes print it beside the
/// publication's, sometimes first, and a post scheduled ahead was last
/// edited before it went out.
fn marks_modification(time: &dom_query::NodeRef) -> bool {
    let class = time.attr("class").unwrap_or_default().to_ascii_lowercase();
    let itemprop = time.attr("itemprop").unwrap_or_default();
    (class.contains("updated") || class.contains("modified")) && !class.contains("published")
        || itemprop.eq_ignore_ascii_case("dateModified")
}

static TEXT_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    // A name stays within one text of the page (`[^\S\n]`): the header
    // text marks where one ends with a line break, so "By Jane Doe" does
    // not run on into "View In" of the next link.
    let name = NAME_PATTERN;
    // The labels: "By" (and "by" opening a text of its own, "by:"),
    // "Written by", "Posted by", "Article by", and "Author", "Authors",
    // "Author(s)" or "Contributors" as a label of their own or before a
    // colon; the same in other languages ("Von", "Par", "Por", "Door",
    // "di" opening a text, "Geschrieben von", "Autor:", "Автор:").
    let label = concat!(
        r"\bBy:?|\bBY:?|(?m:^)by:?|(?:Written|Posted|Article|Story|Words) by",
        r"|\b(?:Von|VON|Par|PAR|Por|POR|Door|DOOR):?|(?m:^)(?:von|par|por|di|door|av|af):?",
        r"|(?:Geschrieben|Veröffentlicht|Verfasst|Erstellt|Publié|Écrit|Publicado|Escrito|Pubblicato|Scritto|Geschreven) (?:von|par|por|da|door)",
        r"|(?m:^)(?:Authors?|Author\(s\)|Contributors?|Autor|Autorin|Autoren|Auteur|Autore|Autora|Автор)(?::|[^\S\n]*(?m:$))",
        r"|Authors?:|Contributors?:|Autor(?:in)?:|Auteur\s?:|Autore:|Autora:|Автор:"
    );
    let and = crate::extract::support::byline_words::AND_WORDS;
    Regex::new(&format!(
        r"(?:{label})\s+({name}(?:\s*(?:,|&|\b(?:{and})\b)\s*{name})*)"
    ))
    .expect("valid regex")
});

/// A name as bylines print it: capitalised words (in any script), name
/// particles between.
const NAME_PATTERN: &str =
    r"\p{Lu}[\w.'’-]+(?:[^\S\n]+(?:\p{Lu}[\w.'’-]+|van|von|de|der|da|del|la|le|di|du|dos)){0,4}";

static WRITTEN_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:[Ww]ritten|Article|[Gg]eschrieben|Verfasst|[Éé]crit|[Ee]scrito|[Ss]critto) (?:by|von|par|por|da):?\s+({NAME_PATTERN}(?:\s*(?:,|and|und|et|y|e|&)\s*{NAME_PATTERN})*)"
    ))
    .expect("valid regex")
});

/// "Author", "Authors", "Author(s)", alone in their element, or the same
/// label in another language ("Autor", "Auteur", "Автор").
static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Authors?|Author\(s\)|AUTHORS?|Autor|Autorin|Autoren|Auteur|Autore|Autora|Автор):?$",
    )
    .expect("valid regex")
});

static WHOLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{NAME_PATTERN}$")).expect("valid regex"));

/// "Written by Jane Doe" printed anywhere outside the page's frame and
/// other stories (an author box after the story, "This post was written
/// by ..." at its end), or the names after an "Author" label printed on
/// its own (a metadata list beside the story): the last source tried.
/// Only these labels: "By" alone also credits photos, software and
/// sponsors.
fn written_by_anywhere(index: &PageIndex) -> Vec<Author> {
    let Some(body) = index.tag("body").first() else {
        return Vec::new();
    };
    // The texts in page order; a label's names may be the next texts.
    let mut texts: Vec<(String, dom_query::NodeRef)> = Vec::new();
    for_each_text_node_while(body, |n| {
        let text = clean(&n.text());
        if !text.is_empty() {
            texts.push((text, *n));
        }
        true
    });
    let credited =
        |node: &dom_query::NodeRef| !node.parent().is_some_and(|p| in_other_stories_or_frame(&p));
    // Initials of an avatar ("Cp") are not a name.
    let person = |a: &Author| a.name.chars().count() >= 3;
    for (i, (text, node)) in texts.iter().enumerate() {
        if AUTHOR_LABEL.is_match(text) && credited(node) {
            // The names end where the next label of the list begins: a
            // text in the same element as the label ("Author", then "Lisa
            // D. Ellis", then "Related Program").
            let label_tag = node.parent().and_then(|p| p.node_name());
            let found: Vec<Author> = texts[i + 1..]
                .iter()
                .take(12)
                .take_while(|(_, n)| n.parent().and_then(|p| p.node_name()) != label_tag)
                .map_while(|(t, _)| WHOLE_NAME.is_match(t).then(|| clean_name(t)).flatten())
                .filter(|n| name_like(n))
                .map(|name| Author { name, email: None })
                .filter(person)
                .collect();
            if !found.is_empty() {
                return found;
            }
            continue;
        }
        let lower = text.to_lowercase();
        if !(lower.contains("written by") || lower.contains("article by")) || !credited(node) {
            continue;
        }
        let window: Vec<&str> = texts[i..].iter().take(3).map(|(t, _)| t.as_str()).collect();
        let window = window.join("\n");
        if let Some(c) = WRITTEN_BY.captures(&window) {
            let mut found = parse_byline(&c[1]);
            found.retain(|a| !dates::is_month_name(a.name.trim_end_matches('.')));
            // "Danielle Padula, Head of Community": the word before "of"
            // begins a job title, not another name.
            let job_title_follows = window[c.get(1).map_or(0, |m| m.end())..].starts_with(" of ");
            if job_title_follows && found.len() > 1 {
                found.pop();
            }
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// "By Jane Doe and John Roe" printed near the headline.
fn byline_in_text(header: &str) -> Vec<Author> {
    let mut found = TEXT_BYLINE
        .captures(header)
        .map(|c| parse_byline(&c[1]))
        .unwrap_or_default();
    // "by Ziyi Xu, Dec 17, 2025": the date after the name is no author.
    found.retain(|a| !dates::is_month_name(a.name.trim_end_matches('.')));
    found
}

/// A node's text with a space between the texts of its elements, so that
/// "Luke Kim" and "December 17, 2025" in sibling elements do not run
/// together; script and style contents left out.
pub(crate) fn spaced_text(node: &dom_query::NodeRef) -> String {
    spaced_text_prefix(node, usize::MAX)
}

/// Raw text read from the top of a page for its headline, byline and dates.
const HEADER_TEXT_BUDGET: usize = 32 * 1024;

/// `spaced_text` of a node's first `budget` bytes of text or so.
fn spaced_text_prefix(node: &dom_query::NodeRef, budget: usize) -> String {
    let mut raw = String::new();
    for_each_text_while(node, |t| {
        raw.push_str(t);
        raw.push(' ');
        raw.len() < budget
    });
    clean(&raw)
}

/// The non-empty texts under a node, in page order, each cleaned.
fn text_pieces(node: &dom_query::NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    for_each_text(node, |t| {
        let text = clean(t);
        if !text.is_empty() {
            out.push(text);
        }
    });
    out
}

/// Calls `f` with each text under a node, in page order, script and style
/// contents left out.
fn for_each_text(node: &dom_query::NodeRef, mut f: impl FnMut(&str)) {
    for_each_text_while(node, |t| {
        f(t);
        true
    });
}

/// Elements whose contents are never page text: scripts, styles,
/// `noscript` fallbacks and templates.
fn holds_no_text(node: &dom_query::NodeRef) -> bool {
    node.node_name()
        .is_some_and(|t| matches!(t.as_ref(), "script" | "style" | "noscript" | "template"))
}

/// `for_each_text` until `f` returns false.
fn for_each_text_while(node: &dom_query::NodeRef, mut f: impl FnMut(&str) -> bool) {
    for_each_text_node_while(node, |n| f(&n.text()));
}

/// Each text node under `node` in page order, script and style aside,
/// until `f` returns false.
pub(crate) fn for_each_text_node_while<'a>(
    node: &dom_query::NodeRef<'a>,
    mut f: impl FnMut(&dom_query::NodeRef<'a>) -> bool,
) {
    // An explicit stack: pages can nest deeper than a thread's stack allows.
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        crate::cancel::checkpoint();
        if n.is_text() {
            if !f(&n) {
                return;
            }
            continue;
        }
        if holds_no_text(&n) {
            continue;
        }
        stack.extend(n.children().into_iter().rev());
    }
}

/// An element's class and id names, lower-case, as one string.
fn class_and_id(node: &dom_query::NodeRef) -> String {
    format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    )
    .to_lowercase()
}

/// Class and id words of comment threads and lists of other stories: what
/// `in_other_stories` reads, `in_other_stories_or_frame` with footers and
/// `in_page_chrome` with footers, sidebars and widgets besides.
const OTHER_STORIES_MARKS: [&str; 5] =
    ["comment", "related", "recommend", "popular", "more-stories"];

/// Whether an ancestor of a node below `body` is one of `tags` or has one of
/// `marks` in its class or id. The page's own classes on `body` and `html`
/// ("page-template-elementor_header_footer") describe its layout, not a
/// part of it.
fn in_marked_container(node: &dom_query::NodeRef, tags: &[&str], marks: &[&str]) -> bool {
    node.ancestors_it(Some(16))
        .take_while(|a| !matches!(a.node_name().as_deref(), Some("body" | "html")))
        .any(|a| {
            a.node_name().is_some_and(|n| tags.contains(&n.as_ref())) || {
                let found = class_and_id(&a);
                marks.iter().any(|m| found.contains(m))
            }
        })
}

/// Whether a credit is printed in the page's frame (navigation, footer) or
/// among other stories and comments. Unlike `in_page_chrome`, a sidebar
/// counts as the page's own: pages print their metadata there ("Author",
/// "Date" in an aside beside the story).
fn in_other_stories_or_frame(node: &dom_query::NodeRef) -> bool {
    let mut marks = OTHER_STORIES_MARKS.to_vec();
    marks.push("footer");
    in_marked_container(node, &["nav", "footer"], &marks)
}

/// Whether a node sits in a comment thread or a list of other stories
/// (related, recommended, popular). A footer does not count: it can be the
/// story's own, with its author box.
fn in_other_stories(node: &dom_query::NodeRef) -> bool {
    in_marked_container(node, &[], &OTHER_STORIES_MARKS)
}

/// Whether `node` sits in a comment thread, a sidebar or the navigation: a
/// date there belongs to something else than the story. (Not "widget":
/// Blogger wraps the post itself in one.)
fn in_comments_or_sidebar(node: &dom_query::NodeRef) -> bool {
    node.ancestors_it(Some(16)).any(|a| {
        let name = a.node_name().unwrap_or_default();
        if matches!(name.as_ref(), "nav" | "aside") {
            return true;
        }
        let marks = class_and_id(&a);
        ["comment", "sidebar"].iter().any(|m| marks.contains(m))
    })
}

/// Whether a node sits in navigation, a footer, an aside, comments or a
/// list of other stories, where printed dates and names are not the
/// article's. The nearest such container or article counts: a page layout
/// named "…-sidebar" around the article does not make the article chrome.
pub(crate) fn in_page_chrome(node: &dom_query::NodeRef) -> bool {
    for a in node.ancestors_it(Some(16)) {
        let name = a.node_name().unwrap_or_default();
        if matches!(name.as_ref(), "nav" | "footer" | "aside") {
            return true;
        }
        // The page's own classes ("page-template-elementor_header_footer")
        // describe its layout, not a part of it.
        if matches!(name.as_ref(), "article" | "main" | "body" | "html")
            || a.attr("role").as_deref() == Some("main")
        {
            return false;
        }
        let marks = class_and_id(&a)
            // Page builders name every block of a page a widget
            // ("elementor-widget-text-editor"): that says nothing of chrome.
            .replace("elementor-widget", "");
        // Blogger holds the post itself in its "Blog" widget (`<div
        // class="widget Blog" id="Blog1">`).
        if marks.contains("main-content")
            || marks.contains("maincontent")
            || marks.contains("widget blog")
        {
            return false;
        }
        if OTHER_STORIES_MARKS
            .iter()
            .chain(&["footer", "sidebar", "widget"])
            .any(|m| marks.contains(m))
        {
            return true;
        }
    }
    false
}

static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#""?\b(datePublished|publishedDate|publishDate|published_at|publishedAt|published_on|publishedOn|"#,
        r#"date_published|pubDate|firstPublishedAt|first_published_at|dateCreated|post_date)"#,
        // The same state escaped into an attribute (`data-json="{&quot;…`).
        r#"(?:"|&quot;)?\s*:\s*(?:"|&quot;)([^"&]{8,40})(?:"|&quot;)"#
    ))
        .expect("valid regex")
});

/// Publication dates in inline application state (`"publishedDate": "…"`),
/// also where it is escaped into an attribute. A `dateCreated` is taken
/// only when no key names the publication: a page's creation in the CMS
/// can be years before the story it now holds was published.
fn script_date(html: &str) -> Option<Timestamp> {
    let mut created = None;
    for c in SCRIPT_DATE.captures_iter(html) {
        let Some(t) = dates::parse_machine(&c[2]) else {
            continue;
        };
        if &c[1] != "dateCreated" {
            return Some(t);
        }
        created.get_or_insert(t);
    }
    created
}

/// The page's `<meta>` tags, read in one pass: looking each up with its
/// own selector walked the whole tree some thirty times a page.
struct Metas {
    /// (attribute: name, property or itemprop; its value; content),
    /// in page order.
    entries: Vec<(&'static str, String, String)>,
}

impl Metas {
    fn new(index: &PageIndex) -> Metas {
        let mut entries = Vec::new();
        for node in index.tag("meta") {
            let Some(content) = node.attr("content") else {
                continue;
            };
            for attr in ["name", "property", "itemprop"] {
                if let Some(key) = node.attr(attr) {
                    entries.push((attr, key.to_string(), content.to_string()));
                }
            }
        }
        Metas { entries }
    }

    /// Every content of `<meta attr="key">`, in page order.
    fn all<'a>(&'a self, attr: &'a str, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            // Names are written in any case ("DC.Date", "dc.date").
            .filter(move |(a, k, _)| *a == attr && k.eq_ignore_ascii_case(key))
            .map(|(_, _, c)| c.as_str())
    }

    /// The first non-empty content for a selector of the form
    /// `meta[attr='key']`.
    fn get(&self, selector: &str) -> Option<String> {
        self.every(selector).next()
    }

    /// Every non-empty content for a selector of the form
    /// `meta[attr='key']` (a tag repeated per co-author), in page order.
    fn every<'a>(&'a self, selector: &'a str) -> impl Iterator<Item = String> + 'a {
        let (attr, key) = selector
            .strip_prefix("meta[")
            .and_then(|s| s.strip_suffix("']"))
            .and_then(|s| s.split_once("='"))
            .unwrap_or(("", ""));
        // Pages mix up `name` and `property` (`<meta name="article:
        // published_time">`): the other attribute is read when the named
        // one is missing.
        let other = match attr {
            "name" => "property",
            "property" => "name",
            _ => attr,
        };
        let named: Vec<&str> = self.all(attr, key).collect();
        let chosen = if named.is_empty() {
            self.all(other, key).collect()
        } else {
            named
        };
        chosen.into_iter().map(decode).filter(|v| !v.is_empty())
    }
}

/// A date value from markup in a machine form, or failing that in a form
/// printed for readers ("July 17, 2025", "02-12-2025"), which some
/// publishers put in their tags; RFC 3339 either way when it parses.
fn machine_or_printed(value: String) -> String {
    match dates::parse_machine(&value) {
        Some(_) => value,
        None => dates::parse_text(&value).map_or(value, |t| t.to_rfc3339()),
    }
}

fn non_empty_attr(node: &dom_query::NodeRef, attr: &str) -> Option<String> {
    node.attr(attr)
        .map(|v| decode(&v))
        .filter(|v| !v.is_empty())
}

fn first_text(nodes: &[dom_query::NodeRef]) -> Option<String> {
    nodes
        .iter()
        .map(|n| clean(&n.text()))
        .find(|t| !t.is_empty())
}

/// The page's own headline: the first `h1` of the article, else of the main
/// content, else of the page, that reads like a headline (not one that
/// ends in a colon: that introduces what follows it).
fn headline(index: &PageIndex) -> Option<String> {
    let h1s = index.tag("h1");
    let in_role_main = |n: &dom_query::NodeRef| {
        n.ancestors_it(None)
            .any(|a| a.attr("role").is_some_and(|r| &*r == "main"))
    };
    let within: [&dyn Fn(&dom_query::NodeRef) -> bool; 4] = [
        &|n| has_ancestor(n, "article"),
        &|n| has_ancestor(n, "main"),
        &in_role_main,
        &|_| true,
    ];
    within.iter().find_map(|inside| {
        h1s.iter()
            .filter(|n| inside(n))
            .map(heading_text)
            .find(|t| (2..=40).contains(&t.split_whitespace().count()) && !t.ends_with(':'))
    })
}

/// A heading's text, with a space where a line break or a block inside it
/// splits its lines ("Weekend<br>Coding Agent").
fn heading_text(node: &dom_query::NodeRef) -> String {
    let mut raw = String::new();
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        if n.is_text() {
            raw.push_str(&n.text());
            continue;
        }
        if let Some(name) = n.node_name() {
            if matches!(name.as_ref(), "br" | "div" | "p" | "li") {
                raw.push(' ');
            }
            if matches!(name.as_ref(), "script" | "style" | "template") {
                continue;
            }
        }
        stack.extend(n.children().into_iter().rev());
    }
    clean(&raw)
}

/// JSON-LD blocks larger than this are not read. A parsed block takes
/// several times its size in memory (a hostile page's 100,000 authors took
/// the normalizer past 250 MB); a story's own metadata is a few kilobytes.
pub const MAX_JSON_LD_BYTES: usize = 512 * 1024;

/// Every JSON-LD block of the page that parses, parsed once.
fn json_ld_scripts(index: &PageIndex) -> Vec<Value> {
    index
        .tag("script")
        .iter()
        .filter(|s| s.attr("type").is_some_and(|t| &*t == "application/ld+json"))
        .map(|script| script.text())
        .filter(|text| text.len() <= MAX_JSON_LD_BYTES)
        .filter_map(|text| serde_json::from_str::<Value>(text.trim()).ok())
        .collect()
}

/// The page's NewsArticle (or Article, BlogPosting…) JSON-LD object; else
/// an object of another type that carries a headline (a `WebPage` that
/// newsletter platforms give the story's headline, author and dates).
fn json_ld_article(scripts: &[Value]) -> Option<Value> {
    let (mut found, mut headed) = (None, None);
    for value in scripts {
        visit_ld(value, &mut |v| {
            if found.is_none() && is_article_type(v) {
                found = Some(v.clone());
            }
            if headed.is_none() && v.get("headline").is_some_and(Value::is_string) {
                headed = Some(v.clone());
            }
        });
    }
    found.or(headed)
}

fn visit_ld(value: &Value, f: &mut impl FnMut(&Value)) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| visit_ld(v, f)),
        Value::Object(map) => {
            f(value);
            if let Some(graph) = map.get("@graph") {
                visit_ld(graph, f);
            }
        }
        _ => {}
    }
}

fn is_article_type(v: &Value) -> bool {
    let is = |t: &str| {
        t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn str_field(v: &Value, field: &str) -> Option<String> {
    match v.get(field)? {
        Value::String(s) => Some(decode(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(Value::as_str).map(decode),
        _ => None,
    }
}

/// Decodes HTML entities that sites leave in JSON-LD and meta values, twice
/// over for the double-encoded ("&amp;#8217;").
fn decode(s: &str) -> String {
    let once = html_escape::decode_html_entities(s);
    clean(&html_escape::decode_html_entities(&once))
}

fn json_ld_authors(article: &Value) -> Vec<Author> {
    let mut authors = Vec::new();
    let mut push = |v: &Value| match v {
        Value::String(s) => authors.extend(authors_from_text(s)),
        Value::Object(o) => {
            let is_org = o.get("@type").and_then(Value::as_str) == Some("Organization");
            if let (false, Some(name)) = (is_org, o.get("name").and_then(Value::as_str)) {
                for mut a in authors_from_text(name) {
                    a.email = o
                        .get("email")
                        .and_then(Value::as_str)
                        .map(|e| e.trim_start_matches("mailto:").to_lowercase());
                    authors.push(a);
                }
            }
        }
        _ => {}
    };
    match article.get("author") {
        Some(Value::Array(items)) => items.iter().for_each(&mut push),
        Some(v) => push(v),
        None => {}
    }
    authors
}

/// People in a free-text author field: "Jane Doe and John Roe", "By Jane Doe".
fn authors_from_text(s: &str) -> Vec<Author> {
    let s = decode(s);
    if looks_like_byline(&s)
        || s.contains(',')
        || s.contains(" and ")
        || s.contains(" & ")
        || s.contains('@')
    {
        parse_byline(&s)
    } else {
        clean_name(&s)
            .map(|name| vec![Author { name, email: None }])
            .unwrap_or_default()
    }
}

/// Scholarly pages' `citation_author` tags, one per author, often written
/// surname first ("Roy, Aniruddha").
fn citation_authors(metas: &Metas) -> Vec<Author> {
    metas
        .all("name", "citation_author")
        .chain(metas.all("name", "citation_authors"))
        .filter_map(|v| {
            let name = match v.split_once(',') {
                Some((last, first)) if !first.contains(',') => {
                    format!("{} {}", first.trim(), last.trim())
                }
                _ => v.to_string(),
            };
            clean_name(&decode(&name))
        })
        .map(|name| Author { name, email: None })
        .collect()
}

/// The author a page states in its Twitter card labels ("Written by" in
/// `twitter:label1`, the name in `twitter:data1`).
fn labelled_twitter_author(metas: &Metas) -> Option<String> {
    (1..=4).find_map(|i| {
        let label = metas.get(&format!("meta[name='twitter:label{i}']"))?;
        let label = label.to_lowercase();
        (label.contains("written by") || label == "author")
            .then(|| metas.get(&format!("meta[name='twitter:data{i}']")))
            .flatten()
    })
}

/// Elements that name the author by class or link, looser than the byline
/// classes: only the first one outside the page's chrome is read, so a list
/// of other stories' authors is never taken for the article's.
/// An element of an author box or an author link: a class naming an
/// author (`author-name`, `post-author`, `AuthorName`…) or "written-by",
/// or a link to an `/author/` or `/authors/` page.
fn is_author_element(node: &dom_query::NodeRef) -> bool {
    // The story's own container carries its author in a class
    // (`<article class="... author-annette-thurmon">`): it holds the whole
    // story, not a credit.
    if node
        .node_name()
        .is_some_and(|n| matches!(&*n, "article" | "main" | "body" | "html"))
    {
        return false;
    }
    let class = node.attr("class").unwrap_or_default().to_lowercase();
    class.contains("author") || class.contains("written-by") || links_to_author_page(node)
}

/// A link to an `/author/` or `/authors/` page.
fn links_to_author_page(node: &dom_query::NodeRef) -> bool {
    node.node_name().is_some_and(|n| &*n == "a")
        && node
            .attr("href")
            .is_some_and(|h| h.contains("/author/") || h.contains("/authors/"))
}

/// Every link to an author page among the siblings of a link to a chosen
/// author's page, in order: the names of one credit.
fn co_author_links(index: &PageIndex, chosen: &std::collections::HashSet<String>) -> Vec<Author> {
    // Links by where they lead, not by class: an author box's links to
    // the author's social profiles carry author classes too.
    let Some(credit) = index.byline_elements().iter().find_map(|a| {
        if !links_to_author_page(a) || !chosen.contains(&clean(&a.text()).to_lowercase()) {
            return None;
        }
        // Past a wrapper that holds only the link (`<strong><a>`).
        let parent = a.parent()?;
        match author_link_in(&parent) {
            Some(_) => parent.parent(),
            None => Some(parent),
        }
    }) else {
        return Vec::new();
    };
    // The text since the previous link says what the next one credits
    // ("| Fact-checked by"); one author page is one person, however many
    // links lead to it ("Natasha Turak", "Biography").
    let mut between = String::new();
    let mut pages = std::collections::HashSet::new();
    let mut found = Vec::new();
    for n in credit.children() {
        let Some(link) = author_link_in(&n) else {
            between.push_str(&n.text());
            continue;
        };
        let page = link.attr("href").unwrap_or_default().to_string();
        if !credits_someone_else(&between) && pages.insert(page) {
            found.extend(authors_from_text(&clean(&link.text())));
        }
        between.clear();
    }
    found.retain(|a| name_like(&a.name));
    found
}

/// The node itself when it links to an author page, or the one such link
/// it only wraps (`<strong><a href="/authors/...">Name</a></strong>`).
fn author_link_in<'a>(node: &dom_query::NodeRef<'a>) -> Option<dom_query::NodeRef<'a>> {
    if links_to_author_page(node) {
        return Some(*node);
    }
    let elements: Vec<_> = node
        .children()
        .into_iter()
        .filter(|c| c.is_element())
        .collect();
    match elements.as_slice() {
        [only] if links_to_author_page(only) && only.text().trim() == node.text().trim() => {
            Some(*only)
        }
        _ => None,
    }
}

fn byline_elements(doc: &Document, index: &PageIndex) -> Vec<Author> {
    // Every selector below needs one of these words in a class, an
    // itemprop, a rel or a link.
    if !index.mentions_any(&["author", "byline", "written-by"]) {
        return Vec::new();
    }
    let found = byline_class_elements(doc, index);
    if !found.is_empty() {
        return found;
    }
    // Each text of the element on its own: an author box prints the name,
    // the role and "Published" in separate elements, which run together
    // ("Harry RabinowitzTech") in the element's whole text.
    index
        .byline_elements()
        .iter()
        .filter(|n| is_author_element(n))
        .filter(|n| !in_other_stories_or_frame(n))
        .flat_map(|n| text_pieces(n))
        .filter(|t| (1..=12).contains(&t.split_whitespace().count()))
        .map(|t| {
            let mut found = authors_from_text(&t);
            found.retain(|a| name_like(&a.name));
            found
        })
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}

/// Whether text read from a loosely chosen element looks like a name:
/// one to five capitalised words (name particles aside), none of them the
/// words of author widgets ("About the author", "View posts").
fn name_like(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "da", "del", "la", "le", "bin", "al", "du",
    ];
    const WIDGET_WORDS: &[&str] = &[
        "about",
        "author",
        "authors",
        "share",
        "follow",
        "read",
        "more",
        "view",
        "posts",
        "profile",
        "contact",
        "bio",
        "subscribe",
        "comments",
        "written",
        "published",
        "updated",
        "min",
        "all",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    // An avatar's initials ("Nb") are not a name.
    let initials = words.len() == 1 && name.chars().count() <= 2;
    !initials
        && (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
        && !words
            .iter()
            .any(|w| WIDGET_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Byline elements, the most specific kind first.
enum BylineKind {
    /// A CSS selector, run over the whole page.
    Selector(&'static str),
    /// A class name the element has.
    Class(&'static str),
    /// Words its class contains.
    ClassContains(&'static str),
}

fn byline_class_elements(doc: &Document, index: &PageIndex) -> Vec<Author> {
    let has_class = |node: &dom_query::NodeRef, name: &str| {
        node.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|t| t == name))
    };
    for kind in [
        BylineKind::Selector("[itemprop='author'] [itemprop='name']"),
        BylineKind::Selector("a[rel='author']"),
        BylineKind::Class("byline__name"),
        BylineKind::Class("author-name"),
        BylineKind::Class("byline"),
        BylineKind::ClassContains("byline"),
        BylineKind::Class("author"),
    ] {
        // The class kinds are read from the indexed byline candidates: a
        // selection walks the whole page each time.
        let nodes: Vec<dom_query::NodeRef> = match kind {
            BylineKind::Selector(sel) => doc.select(sel).nodes().to_vec(),
            BylineKind::Class(name) => index
                .byline_elements()
                .iter()
                .filter(|n| has_class(n, name))
                .copied()
                .collect(),
            BylineKind::ClassContains(word) => index
                .byline_elements()
                .iter()
                .filter(|n| n.attr("class").is_some_and(|c| c.contains(word)))
                .copied()
                .collect(),
        };
        // Other stories' credits (related-story lists, comments) credit no
        // one in this story. A `<footer>` can be the story's own, with
        // its author box.
        let names: Vec<Author> = nodes
            .iter()
            .filter(|n| !in_other_stories(n))
            .flat_map(|n| names_in_byline_element(n))
            .collect();
        if !names.is_empty() {
            let mut unique: Vec<Author> = Vec::new();
            for a in names {
                if !unique.iter().any(|u| u.name == a.name) {
                    unique.push(a);
                }
            }
            return unique;
        }
    }
    Vec::new()
}

/// The people a byline element names. Its texts are read together ("By",
/// a linked name, "and", another), unless a name read that way only adds
/// the next text's words to a whole name printed on its own ("Daryl Austin"
/// then "Published"): then each text is read alone.
fn names_in_byline_element(node: &dom_query::NodeRef) -> Vec<Author> {
    let whole = spaced_text(node);
    if whole.is_empty() || whole.split_whitespace().count() > 20 {
        return Vec::new();
    }
    let together = authors_from_text(&whole);
    let alone: Vec<Author> = text_pieces(node)
        .iter()
        .flat_map(|t| authors_from_text(t))
        .filter(|a| a.name.split_whitespace().count() >= 2 && name_like(&a.name))
        .collect();
    let padded = |a: &Author| {
        alone
            .iter()
            .any(|p| a.name != p.name && a.name.starts_with(&format!("{} ", p.name)))
    };
    if !alone.is_empty() && together.iter().any(padded) {
        alone
    } else {
        together
    }
}

/// E-mails printed in byline areas or as mailto links, paired to authors by
/// the name parts they contain, else by position when counts agree.
fn attach_emails(doc: &Document, index: &PageIndex, authors: &mut [Author]) {
    if authors.is_empty() || authors.iter().all(|a| a.email.is_some()) {
        return;
    }
    let mut emails: Vec<String> = Vec::new();
    let mailto_links = if index.mentions_any(&["href:mailto:"]) {
        doc.select("a[href^='mailto:']").nodes().to_vec()
    } else {
        Vec::new()
    };
    for n in &mailto_links {
        if let Some(href) = n.attr("href") {
            let addr = href
                .trim_start_matches("mailto:")
                .split('?')
                .next()
                .unwrap_or("")
                .to_lowercase();
            if EMAIL.is_match(&addr) && !emails.contains(&addr) {
                emails.push(addr);
            }
        }
    }
    let bylines = index.byline_elements().iter().filter(|n| {
        n.attr("class")
            .is_some_and(|c| c.contains("byline") || c.contains("author"))
    });
    for n in bylines {
        for m in EMAIL.find_iter(&n.text()) {
            let addr = m.as_str().to_lowercase();
            if !emails.contains(&addr) {
                emails.push(addr);
            }
        }
    }
    for author in authors.iter_mut().filter(|a| a.email.is_none()) {
        let parts: Vec<String> = author
            .name
            .to_lowercase()
            .split([' ', '-'])
            .filter(|p| p.len() >= 3)
            .map(str::to_string)
            .collect();
        author.email = emails
            .iter()
            .find(|e| {
                let local = e.split('@').next().unwrap_or("");
                parts.iter().any(|p| local.contains(p.as_str()))
            })
            .cloned();
    }
}

fn breadcrumb(doc: &Document, index: &PageIndex, ld_scripts: &[Value]) -> Vec<String> {
    for value in ld_scripts {
        let mut parts = Vec::new();
        visit_ld(value, &mut |v| {
            if parts.is_empty() && v.get("@type").and_then(Value::as_str) == Some("BreadcrumbList")
            {
                if let Some(Value::Array(items)) = v.get("itemListElement") {
                    parts = items
                        .iter()
                        .filter_map(|i| {
                            i.get("name")
                                .or_else(|| i.get("item").and_then(|it| it.get("name")))
                        })
                        .filter_map(Value::as_str)
                        .map(clean)
                        .collect();
                }
            }
        });
        if !parts.is_empty() {
            return trim_breadcrumb(parts);
        }
    }
    // Each selector below needs the word in an aria-label, class or itemtype.
    if !index.mentions_any(&["readcrumb"]) {
        return Vec::new();
    }
    for sel in [
        "nav[aria-label*='readcrumb'] a",
        "[class*='breadcrumb'] a",
        "[itemtype*='BreadcrumbList'] [itemprop='name']",
    ] {
        let parts: Vec<String> = doc
            .select(sel)
            .nodes()
            .iter()
            .map(|n| clean(&n.text()))
            .filter(|t| !t.is_empty())
            .collect();
        if !parts.is_empty() {
            return trim_breadcrumb(parts);
        }
    }
    Vec::new()
}

/// Drops "Home" and a trailing crumb that is the article itself.
fn trim_breadcrumb(mut parts: Vec<String>) -> Vec<String> {
    if parts
        .first()
        .is_some_and(|p| p.eq_ignore_ascii_case("home") || p.eq_ignore_ascii_case("main"))
    {
        parts.remove(0);
    }
    if parts
        .last()
        .is_some_and(|p| p.split_whitespace().count() > 6)
    {
        parts.pop();
    }
    parts.truncate(6);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The publication time extracted from a page, RFC 3339.
    fn published(page: &str) -> String {
        extract(page, "https://example.com/a")
            .published_at
            .expect("a publication time")
            .to_rfc3339()
    }

    /// The names `byline_elements` reads on a page.
    fn byline_names(doc: &Document) -> Vec<String> {
        byline_elements(doc, &PageIndex::new(doc))
            .into_iter()
            .map(|a| a.name)
            .collect()
    }

    /// The names of the authors extracted from a page.
    fn author_names(page: &str) -> Vec<String> {
        extract(page, "https://example.com/a")
            .authors
            .into_iter()
            .map(|a| a.name)
            .collect()
    }

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<title>Budget passes after all-night session | Example News</title>
<link rel="canonical" href="https://example.com/politics/budget-passes">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-01T08:00:00+01:00">
<meta property="article:modified_time" content="2024-03-01T12:30:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Budget passes after all-night session",
 "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],"articleSection":"Politics"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article><h1>Budget passes after all-night session</h1>
<p class="byline">By Jane Doe and John Roe <a href="mailto:jane.doe@example.com">email</a></p>
<figure><img src="https://example.com/a.jpg"><figcaption>Lawmakers vote in the chamber on Friday. (Photo: Reuters)</figcaption></figure>
<p>The parliament passed the budget early on Friday after a debate that lasted through the night and into the morning hours.</p>
<p>Opposition lawmakers said the compromise would not survive the next election, while the government called it historic.</p>
<p>The budget raises spending on schools and hospitals and cuts some taxes for small businesses across the country.</p>
</article><footer>Copyright Example News</footer></body></html>"#;

    #[test]
    fn markup_inside_json_ld_article_body_is_read_as_paragraphs() {
        let body = "<p>En estado de <strong>alerta</strong> m&aacute;xima.</p><p>Segundo p&aacute;rrafo.<br/>Tercera l&iacute;nea.</p>";
        let texts: Vec<String> = ld_body_paragraphs(body)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            texts,
            [
                "En estado de alerta máxima.",
                "Segundo párrafo.",
                "Tercera línea."
            ]
        );
        let plain: Vec<String> = ld_body_paragraphs("One line.\nTwo < three.")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(plain, ["One line.", "Two < three."]);
    }

    #[test]
    fn news_fields_from_markup() {
        let x = extract(
            PAGE,
            "https://example.com/politics/budget-passes?utm_source=x",
        );
        assert_eq!(
            x.title.as_deref(),
            Some("Budget passes after all-night session")
        );
        let names: Vec<&str> = x.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Jane Doe", "John Roe"]);
        assert_eq!(x.authors[0].email.as_deref(), Some("jane.doe@example.com"));
        assert_eq!(
            x.published_at.unwrap().to_rfc3339(),
            "2024-03-01T08:00:00+01:00"
        );
        assert_eq!(
            x.updated_at.unwrap().to_rfc3339(),
            "2024-03-01T12:30:00+01:00"
        );
        assert_eq!(x.section, vec!["Politics"]);
        assert_eq!(
            x.canonical_url.as_deref(),
            Some("https://example.com/politics/budget-passes")
        );
        assert_eq!(x.language.as_deref(), Some("en"));
        assert_eq!(x.captions.len(), 1);
        assert_eq!(x.captions[0].credit.as_deref(), Some("Reuters"));
        let body: String = x
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(body.contains("The parliament passed the budget"), "{body}");
        assert!(body.contains("cuts some taxes"), "{body}");
        assert!(!body.contains("Lawmakers vote in the chamber"), "{body}");
        assert!(!body.contains("Copyright"), "{body}");
    }

    #[test]
    fn printed_dates_in_date_elements_outside_the_chrome() {
        let doc = Document::from(
            r#"<html><body>
            <nav><span class="date">Friday, December 19, 2025</span></nav>
            <h1>A story</h1>
            <div class="post-meta"><span class="post-date">Updated: December 9, 2025</span>
              <span class="publish-date">Published on July 18, 2025</span></div>
            <div class="related"><span class="date">Jan 2, 2024</span></div>
            </body></html>"#,
        );
        let found = element_dates(PageIndex::new(&doc).date_elements());
        assert_eq!(
            found.published.unwrap().to_rfc3339(),
            "2025-07-18T00:00:00+00:00"
        );
        assert_eq!(
            found.updated.unwrap().to_rfc3339(),
            "2025-12-09T00:00:00+00:00"
        );
    }

    #[test]
    fn authors_from_loose_author_elements_must_look_like_names() {
        let doc = Document::from(
            r#"<html><body><h1>A story</h1>
            <div class="author-box"><span>About the author</span></div>
            <div class="blog_author-text">Lauren Vetter</div>
            <aside><a href="/author/someone-else">Someone Else</a></aside>
            </body></html>"#,
        );
        let names = byline_names(&doc);
        assert_eq!(names, ["Lauren Vetter"]);
        assert!(!name_like("About the author"));
        assert!(name_like("Marna van der Merwe"));
    }

    #[test]
    fn bylines_of_related_stories_and_comments_credit_no_one_here() {
        let doc = Document::from(
            r#"<html><body><article><h1>A story</h1>
            <p class="post-meta">By <span class="author">Victoria Gayton</span></p>
            <footer class="entry-meta"><span class="author">Victoria Gayton</span></footer>
            </article>
            <ul><li class="each-related-article"><span class="author">MARIA DEUTSCHER</span></li></ul>
            <div id="comments"><span class="author">A Commenter</span></div>
            </body></html>"#,
        );
        let names = byline_names(&doc);
        assert_eq!(names, ["Victoria Gayton"]);
        // The story's own `<footer>` holds its author box.
        let footer = Document::from(
            r#"<html><body><article><h1>A story</h1><p>Text.</p>
            <footer id="post_full_meta" class="meta"><div class="author"><p class="name">Halina Goetz</p></div></footer>
            </article></body></html>"#,
        );
        let names = byline_names(&footer);
        assert_eq!(names, ["Halina Goetz"]);
    }

    #[test]
    fn every_co_author_of_repeated_meta_tags() {
        let page = r#"<html><head>
            <script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Jennifer Huberty"}}</script>
            <meta name="citation_authors" content="Jennifer Huberty">
            <meta name="citation_authors" content="Jeni Green">
            <meta name="author" content="Jennifer Huberty"><meta name="author" content="Linda Larkey">
            </head><body><p>Text.</p></body></html>"#;
        assert_eq!(
            author_names(page),
            ["Jennifer Huberty", "Linda Larkey", "Jeni Green"]
        );
    }

    #[test]
    fn written_by_anywhere_outside_the_chrome_is_the_last_source() {
        let page = r#"<html><body><article><h1>A story headline here</h1>
            <p>Text of the story.</p><div class="box"><p>Written by</p>
            <p>Jack Shepherd</p><p>Co-Founder</p></div></article>
            <footer><p>Website written by Acme Studio</p></footer></body></html>"#;
        assert_eq!(author_names(page), ["Jack Shepherd"]);
        // A job title after the name is not a second name.
        let page = r#"<html><body><article><h1>A story headline here</h1>
            <p>Text of the story.</p><p>This post was written by Danielle Padula, Head of
            Community.</p></article></body></html>"#;
        assert_eq!(author_names(page), ["Danielle Padula"]);
        // Names listed under an "Author(s)" label of their own, up to the
        // next label.
        let story = "Text of the story. ".repeat(50);
        let page = format!(
            r#"<html><body><article><h1>A story headline here</h1>
            <p>{story}</p></article><aside><h6>Author(s)</h6><ul>
            <li><a href="/a">John A. Alic</a></li><li><a href="/b">David C. Mowery</a></li></ul>
            <h6>Related Program</h6><p>Energy Policy</p></aside></body></html>"#
        );
        assert_eq!(author_names(&page), ["John A. Alic", "David C. Mowery"]);
        // In the chrome only: nobody.
        let page = r#"<html><body><article><h1>A story headline here</h1>
            <p>Text of the story.</p></article>
            <footer><p>Website written by Acme Studio</p></footer></body></html>"#;
        assert!(author_names(page).is_empty());
        // "By" alone credits photos and sponsors too.
        let page = r#"<html><body><article><h1>A story headline here</h1>
            <p>Text of the story.</p><p>Photo by Jane Roe</p></article></body></html>"#;
        assert!(author_names(page).is_empty());
    }

    #[test]
    fn scholarly_authors_surname_first_and_names_joined_by_ampersands() {
        let page = r#"<html><head><meta name="citation_author" content="Roy, Aniruddha">
            <meta name="citation_author" content="Jyoti Patel"></head>
            <body><p>Text.</p></body></html>"#;
        assert_eq!(author_names(page), ["Aniruddha Roy", "Jyoti Patel"]);
        let page = r#"<html><head><meta name="author" content="Maria &amp; Katerina"></head>
            <body><p>Text.</p></body></html>"#;
        assert_eq!(author_names(page), ["Maria", "Katerina"]);
    }

    #[test]
    fn the_author_named_in_twitter_card_labels() {
        let doc = Document::from(
            r#"<html><head><meta name="twitter:label1" content="Written by">
            <meta name="twitter:data1" content="Jane Doe">
            <meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">
            </head><body></body></html>"#,
        );
        let metas = Metas::new(&PageIndex::new(&doc));
        assert_eq!(labelled_twitter_author(&metas).as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_malformed_json_ld_date_does_not_hide_the_meta_date() {
        let page = r#"<html><head>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"A story here","datePublished":"last week"}</script>
            <meta property="article:published_time" content="2025-11-18T21:39:57.674">
            </head><body><article><h1>A story here</h1><p>Text.</p></article></body></html>"#;
        assert_eq!(published(page), "2025-11-18T21:39:57.674+00:00");
    }

    #[test]
    fn dates_from_misnamed_meta_tags_and_microdata_on_any_element() {
        let misnamed = r#"<html><head>
            <meta name="article:published_time" content="2018-06-12T07:00:00.000Z">
            </head><body><article><h1>A story here</h1><p>Text.</p></article></body></html>"#;
        assert_eq!(published(misnamed), "2018-06-12T07:00:00+00:00");
        let microdata = r#"<html><body><article><h1>A story here</h1>
            <abbr class="published" itemprop="datePublished" title="2025-12-19T15:18:00-05:00">December 19</abbr>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(published(microdata), "2025-12-19T15:18:00-05:00");
    }

    #[test]
    fn the_date_and_byline_printed_around_the_headline() {
        // Printed above the headline, after a long menu; only an update
        // date: it is the best date known for the publication.
        let menu = "<a href='/x'>Section</a> ".repeat(400);
        let page = format!(
            r#"<html><body><nav>{menu}</nav><div class="hero">
            <div>Last updated:</div><div>Dec 12, 2025</div>
            <h1>We compiled the top agencies</h1>
            <p>Written by</p><p>Edzel Tabing</p><p>Table of contents</p>
            <p>Body text of the story, long enough.</p></div></body></html>"#
        );
        let x = extract(&page, "https://example.com/a");
        assert_eq!(
            x.published_at.unwrap().to_rfc3339(),
            "2025-12-12T00:00:00+00:00"
        );
        assert_eq!(x.updated_at, None);
        let names: Vec<&str> = x.authors.iter().map(|a| a.name.as_str()).collect();
        // The name ends with its element: "Table" is the next one's.
        assert_eq!(names, ["Edzel Tabing"]);
    }

    #[test]
    fn byline_labels_printed_with_the_headline() {
        for (printed, names) in [
            (
                "<p>by: <!-- -->Ziyi Xu<!-- -->, Dec 17, 2025</p>",
                vec!["Ziyi Xu"],
            ),
            (
                "<div><h3>Author(s)</h3><ul><li><a>John A. Alic</a></li></ul></div>",
                vec!["John A. Alic"],
            ),
            (
                "<div><strong>Contributors:</strong> Janet Loughrey</div>",
                vec!["Janet Loughrey"],
            ),
            (
                "<ul><li>by <a href='#'>Marketing Team</a></li></ul>",
                vec!["Marketing Team"],
            ),
        ] {
            let page = format!(
                "<html><body><article><h1>A story here</h1>{printed}<p>Text of the story.</p></article></body></html>"
            );
            let found = author_names(&page);
            assert_eq!(found, names, "{printed}");
        }
    }

    #[test]
    fn the_storys_own_container_is_no_author_element() {
        // WordPress-style post classes name the author on the `<article>`;
        // its texts ("HERE" of a link in the story) name no one.
        let page = r#"<html><body><article class="post hentry author-annette-thurmon">
            <h1>Herbs for pest control</h1><p>Find the recipe <a href="/r">HERE</a>, then plant.</p>
            <p>More text.</p></article></body></html>"#;
        assert!(author_names(page).is_empty());
        // An author box inside it still names its author.
        let boxed = page.replace(
            "<p>More text.</p>",
            r#"<div class="author-box">Annette Thurmon</div>"#,
        );
        assert_eq!(author_names(&boxed), ["Annette Thurmon"]);
    }

    #[test]
    fn author_boxes_of_page_builders_are_not_chrome() {
        let page = r#"<html><body class="page-template-elementor_header_footer">
            <div class="elementor-widget-container"><article><h1>A story here</h1>
            <p>Text of the story.</p></article>
            <div class="elementor-author-box"><div class="elementor-author-box__text">
            <h4 class="elementor-author-box__name">Liz Kenny</h4></div></div></div></body></html>"#;
        let found = author_names(page);
        assert_eq!(found, ["Liz Kenny"]);
    }

    #[test]
    fn dates_in_tags_as_printed_and_times_beside_the_headline() {
        let printed = r#"<html><head><meta name="published" content="July 17, 2025">
            </head><body><article><h1>A story here</h1><p>Text.</p></article></body></html>"#;
        assert_eq!(published(printed), "2025-07-17T00:00:00+00:00");
        // A list of other stories comes first; the article's own time is
        // the one printed with its headline.
        let listed = r#"<html><body><div class="views-row"><a href="/o">Other</a>
            <time datetime="2025-01-31T12:00:00Z">01/31/2025</time></div>
            <article><h1>A story here</h1><div class="node__meta">
            <time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by A Writer</div>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(published(listed), "2017-03-01T12:00:00+00:00");
    }

    #[test]
    fn a_publication_date_stamped_at_every_save_yields_to_the_printed_one() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@type":"Article","headline":"A story here",
             "datePublished":"2025-12-01T05:10:15Z","dateModified":"2025-12-01T05:10:15Z"}
            </script></head><body><article><h1>A story here</h1>
            <time datetime="4/24/2000 12:00:00 AM">24 Apr 2000</time>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(published(page), "2000-04-24T00:00:00+00:00");
    }

    #[test]
    fn application_state_names_the_publication_before_the_creation() {
        // The CMS created the page years before this story was published
        // in it; the key that names the publication wins wherever it sits.
        let page = r#"<html><head><script type="application/ld+json">
            {"@graph":[{"@type":"WebPage","dateCreated":"2019-01-25T12:51:59-08:00",
             "datePublished":"2022-10-05T12:53:00-07:00"}]}
            </script></head><body><article><h1>A story here</h1>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(published(page), "2022-10-05T12:53:00-07:00");
        // Where only the creation is known, it dates the page.
        let page = page.replace(r#""datePublished":"2022-10-05T12:53:00-07:00""#, "");
        assert!(!page.contains("datePublished"));
        assert_eq!(published(&page), "2019-01-25T12:51:59-08:00");
    }

    #[test]
    fn a_json_ld_web_page_with_a_headline_stands_for_the_article() {
        // Newsletter platforms describe the story as a `WebPage`; the meta
        // tag names only the newsletter.
        let page = r#"<html><head><meta name="author" content="Digjitale">
            <script type="application/ld+json">
            {"@type":"WebPage","headline":"The World Without Work?",
             "author":{"@type":"Person","name":"Çelik Nimani"},
             "datePublished":"2025-12-19T14:00:18.842Z"}
            </script></head><body><article><h1>The World Without Work?</h1>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(author_names(page), ["Çelik Nimani"]);
        // An article object wins over it wherever it sits.
        let both = page.replace(
            "</script>",
            r#"</script><script type="application/ld+json">{"@type":"NewsArticle",
            "headline":"The World Without Work?","author":{"@type":"Person","name":"Ana Berisha"}}</script>"#,
        );
        assert_eq!(author_names(&both), ["Ana Berisha"]);
    }

    #[test]
    fn co_authors_linked_beside_the_meta_author_are_kept() {
        // The meta tag names the first author only; the credit links every
        // author's page. A fact-checker's link and a second link to the
        // same author page are not more authors.
        let page = r#"<html><head><meta name="author" content="Rui Ma"></head><body>
            <article><h1>Free certificates</h1><div class="credit">
            <a href="/report/author/ruima/">Rui Ma</a><span>, </span>
            <a href="/report/author/ruima/">Biography</a><span>, </span>
            <a href="/report/author/heba/">Heba Ledwon</a> and
            <a href="/report/author/manoel/">Manoel Cortes Mendez</a>
            | Fact-checked by <a href="/report/author/frank/">Frank Bass</a></div>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(
            author_names(page),
            ["Rui Ma", "Heba Ledwon", "Manoel Cortes Mendez"]
        );
        // Each link wrapped in an element of its own, with a job after it.
        let page = r#"<html><head><meta name="author" content="Adrien Ramirez"></head><body>
            <article><h1>E-readers tested</h1><div>Written by<br>
            <strong><a href="/authors/adrien-ramirez">Adrien Ramirez</a></strong>, 4+ years
            covering hardware<br><strong><a href="/authors/joanna-nelius">Joanna Nelius</a>
            </strong>, senior editor</div><p>Text.</p></article></body></html>"#;
        assert_eq!(author_names(page), ["Adrien Ramirez", "Joanna Nelius"]);
        // Links elsewhere on the page (other stories' credits) do not count.
        let page = r#"<html><head><meta name="author" content="Rui Ma"></head><body>
            <article><h1>Free certificates</h1>
            <div><a href="/report/author/ruima/">Rui Ma</a></div><p>Text.</p></article>
            <aside><a href="/report/author/heba/">Heba Ledwon</a></aside></body></html>"#;
        assert_eq!(author_names(page), ["Rui Ma"]);
    }

    #[test]
    fn headings_split_by_line_breaks_and_site_names_after_headlines() {
        let page = r#"<html><body><article><h1>Weekend<br>Coding<br><span>Agent</span></h1>
            <p>Text.</p></article></body></html>"#;
        let x = extract(page, "https://example.com/a");
        assert_eq!(x.title.as_deref(), Some("Weekend Coding Agent"));
        let page = r#"<html><head><meta property="og:site_name" content="Artlyst"></head>
            <body><article><h1>Best UK Art Exhibitions 2025 – Artlyst</h1>
            <p>Text.</p></article></body></html>"#;
        let x = extract(page, "https://example.com/a");
        assert_eq!(x.title.as_deref(), Some("Best UK Art Exhibitions 2025"));
        // What follows a pipe is a section or a tag line; a one-word title
        // keeps its word when the site's name is cut off.
        let page = r#"<html><body><article><h1>How meditation rewires brains | Opinion</h1>
            <p>Text.</p></article></body></html>"#;
        let x = extract(page, "https://example.com/a");
        assert_eq!(x.title.as_deref(), Some("How meditation rewires brains"));
        let page = r#"<html><head><meta property="og:site_name" content="Example College">
            <meta property="og:title" content="Coffee - Example College"></head>
            <body><p>Text.</p></body></html>"#;
        let x = extract(page, "https://example.com/a");
        assert_eq!(x.title.as_deref(), Some("Coffee"));
        // Nor does a title begin with the site's host name.
        let page = r#"<html><head><title>example.com Vibe Coding</title></head>
            <body><p>Text.</p></body></html>"#;
        let x = extract(page, "https://www.example.com/a");
        assert_eq!(x.title.as_deref(), Some("Vibe Coding"));
        // A heading that ends in a colon introduces what follows it.
        let page = r#"<html><body><h1>Erik Demaine's Folding and Unfolding:</h1>
            <h1>The Fold-and-Cut Problem</h1><p>Text.</p></body></html>"#;
        let x = extract(page, "https://example.com/a");
        assert_eq!(x.title.as_deref(), Some("The Fold-and-Cut Problem"));
    }

    #[test]
    fn bylines_and_update_stamps_printed_in_the_text_are_not_paragraphs() {
        let authors = [Author {
            name: "Justine Coleman".into(),
            email: None,
        }];
        assert!(is_byline_line(
            "By Justine Coleman - 11/18/19 11:04 PM EST",
            &authors
        ));
        assert!(is_byline_line("By Justine Coleman", &authors));
        assert!(!is_byline_line(
            "By the end of the week, Justine Coleman had left the city for good.",
            &authors
        ));
        assert!(is_timestamp_line("Updated at 1:23 p.m."));
        assert!(is_timestamp_line("Posted: Fri 6:45 PM, Feb 16, 2018 |"));
        assert!(is_timestamp_line("Updated: Sat 8:31 PM, Feb 17, 2018"));
        assert!(!is_timestamp_line(
            "Updated: the council met on Feb 17, 2018 and voted."
        ));
        assert!(!is_timestamp_line("Updated rules take effect at 9:00"));
    }

    #[test]
    fn stamps_and_link_runs_are_not_paragraphs() {
        assert!(is_timestamp_line("11/20/2019 01:14 PM"));
        assert!(is_timestamp_line("Nov. 20, 2019"));
        assert!(!is_timestamp_line("On Nov. 20, 2019, the court ruled."));
        let menu = ["Categorias Administração Agricultura Campanha"; 30].join(" ");
        assert!(is_link_list(&menu));
        assert!(!is_link_list(&format!("{menu}. It ended.")));
    }
}
