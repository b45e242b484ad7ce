//! The headline: the title chosen from the visible `h1` and the meta
//! titles, and the text around it, where bylines and dates are printed.

use crate::extract::fields::title::{
    before_pipe, choose_title, strip_host_prefix, strip_site_name, strip_site_suffix, untruncated,
};
use crate::extract::formats::html::chrome::in_page_chrome;
use crate::extract::formats::html::dom::{
    first_text, non_empty_attr, spaced_text_prefix, text_following, text_preceding,
};
use crate::extract::formats::html::meta::machine_or_printed;
use crate::extract::formats::html::page::Page;
use crate::extract::formats::html::page_index::{has_ancestor, PageIndex};
use crate::extract::support::text::clean;

/// The title and the meta titles it was chosen against.
pub(super) struct Titles {
    pub title: Option<String>,
    /// `og:title` and `<title>` as the page gives them, site names and all.
    pub full_meta_titles: Vec<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
}

/// Title: the page's own headline (h1) when it agrees with the meta title,
/// else the meta title without its " | Site" suffix.
pub(super) fn titles(page: &Page) -> Titles {
    let (index, metas) = (&page.index, &page.metas);
    let og_title = metas.get("meta[property='og:title']");
    let page_title = first_text(index.tag("title"));
    let full_meta_titles: Vec<String> = [og_title.clone(), page_title.clone()]
        .into_iter()
        .flatten()
        .collect();
    let meta_title = page
        .ld_str("headline")
        .map(|h| untruncated(h, &full_meta_titles))
        .or(og_title)
        .or_else(|| metas.get("meta[name='twitter:title']"))
        .or(page_title);
    // The visible headline wins (meta titles carry SEO rewrites and site
    // names) unless it is the site's name or a heading of the page's chrome.
    let site_name = metas.get("meta[property='og:site_name']");
    let title = choose_title(
        headline(index),
        meta_title.map(|m| strip_site_suffix(&m)),
        &full_meta_titles,
        site_name.as_deref(),
    )
    .map(|t| before_pipe(strip_site_name(t, site_name.as_deref())))
    .map(|t| strip_host_prefix(t, page.url));
    Titles {
        title,
        full_meta_titles,
        site_name,
    }
}

/// Where the story's byline and dates are printed: the text around its
/// headline.
pub(super) struct HeadlineArea {
    /// The page text around the headline (or from the start of the
    /// article), each element's text on a line.
    pub header: String,
    /// Where in `header` the text below the headline begins.
    pub below: usize,
    /// The `<time>` printed with the headline, as its markup gives it.
    pub time: Option<String>,
}

impl HeadlineArea {
    pub(super) fn find(page: &Page, title: Option<&str>) -> HeadlineArea {
        let index = &page.index;
        // The `h1` that holds the title, where the byline and dates are printed.
        let node = title.and_then(|title| {
            index
                .tag("h1")
                .iter()
                .find(|h| heading_text(h).contains(title))
                .copied()
        });
        let (header, below) = text_after_headline(index, node.as_ref(), title);
        let time = time_after_headline(index, node.as_ref());
        HeadlineArea {
            header,
            below,
            time,
        }
    }
}

/// The page text around the headline (or from the start of the
/// article), where bylines and dates are printed, and where in it the
/// text below the headline begins.
pub(super) fn text_after_headline(
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

/// Raw text read from the top of a page for its headline, byline and dates.
pub(super) const HEADER_TEXT_BUDGET: usize = 32 * 1024;

/// Nodes between a headline and a `<time>` printed with it, at most.
pub(super) const HEADLINE_TIME_REACH: usize = 80;

/// The date of the `<time>` printed with the headline, outside the page's
/// chrome: the nearest one after it, else the nearest one before it, within
/// a few dozen nodes. Lists of other stories before or after the article
/// carry their own.
pub(super) fn time_after_headline(
    index: &PageIndex,
    headline: Option<&dom_query::NodeRef>,
) -> Option<String> {
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
pub(super) fn marks_modification(time: &dom_query::NodeRef) -> bool {
    let class = time.attr("class").unwrap_or_default().to_ascii_lowercase();
    let itemprop = time.attr("itemprop").unwrap_or_default();
    (class.contains("updated") || class.contains("modified")) && !class.contains("published")
        || itemprop.eq_ignore_ascii_case("dateModified")
}

/// The page's own headline: the first `h1` of the article, else of the main
/// content, else of the page, that reads like a headline (not one that
/// ends in a colon: that introduces what follows it).
pub(super) fn headline(index: &PageIndex) -> Option<String> {
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
pub(super) fn heading_text(node: &dom_query::NodeRef) -> String {
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
