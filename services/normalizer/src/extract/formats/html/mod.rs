//! HTML pages: the body from our own extractor (`body.rs`; docs/normalizer.md says why),
//! the news fields from the page's own markup: JSON-LD, Open Graph and
//! article meta tags, `<time>`, bylines, breadcrumbs, figure captions.
//!
//! `extract` reads each field with one call. What several fields read is
//! built once: the parsed page with its index, meta tags and JSON-LD
//! (`page.rs`), and the text around the headline (`headline.rs`).

mod authors;
pub mod body;
mod chrome;
mod dates;
pub mod depth;
mod dom;
mod headline;
mod images;
mod json_ld;
mod meta;
mod metadata_fields;
mod page;
pub mod page_index;
mod paragraphs;
pub mod raw_text;
mod section;
#[cfg(test)]
mod tests;
pub mod tree;

use crate::extract::extraction::Extraction;
use crate::extract::formats::html::headline::HeadlineArea;
use crate::extract::formats::html::page::Page;

pub use json_ld::MAX_JSON_LD_BYTES;

pub fn extract(html: &str, url: &str) -> Extraction {
    let doc = tree::parse(&raw_text::without_code(html));
    let page = Page::new(&doc, html, url);
    let (paragraphs, confidence) = paragraphs::from_body(&page);
    let titles = headline::titles(&page);
    let area = HeadlineArea::find(&page, titles.title.as_deref());
    let authors = authors::authors(&page, &titles, &area);
    let dates = dates::story_dates(&page, &area);
    // Captions, each once, credit apart; their text never stays in the body.
    let (captions, paragraphs) = paragraphs::captions(&page, paragraphs);
    let paragraphs = paragraphs::without_chrome(paragraphs, &authors, &captions);
    Extraction {
        standfirst: metadata_fields::standfirst(&page),
        section: section::section(&page),
        published_at: dates.published,
        updated_at: dates.updated,
        published_ago: dates.published_ago,
        images: images::images(&page),
        canonical_url: metadata_fields::canonical_url(&page),
        site_name: metadata_fields::site_name(&page, titles.site_name),
        language: metadata_fields::language(&page),
        keywords: metadata_fields::keywords(&page),
        title: titles.title,
        authors,
        paragraphs,
        captions,
        confidence,
        ..Default::default()
    }
}
