//! The parsed page and what most fields read from it, built once.

use dom_query::Document;
use serde_json::Value;

use crate::extract::formats::html::json_ld::{json_ld_article, json_ld_scripts, str_field};
use crate::extract::formats::html::meta::Metas;
use crate::extract::formats::html::page_index::PageIndex;

pub(super) struct Page<'a> {
    /// The page as fetched, scripts and all: inline application state
    /// carries dates.
    pub html: &'a str,
    pub url: &'a str,
    pub doc: &'a Document,
    pub index: PageIndex<'a>,
    pub metas: Metas,
    /// Every JSON-LD block that parses.
    pub ld_scripts: Vec<Value>,
    /// The story's own JSON-LD object among them.
    pub ld: Option<Value>,
    /// The publication that object names: the site, never an author.
    pub publisher: Option<String>,
}

impl<'a> Page<'a> {
    pub(super) fn new(doc: &'a Document, html: &'a str, url: &'a str) -> Page<'a> {
        let index = PageIndex::new(doc);
        let metas = Metas::new(&index);
        let ld_scripts = json_ld_scripts(&index);
        let ld = json_ld_article(&ld_scripts);
        let publisher = ld
            .as_ref()
            .and_then(|v| v.get("publisher"))
            .and_then(|p| str_field(p, "name"));
        Page {
            html,
            url,
            doc,
            index,
            metas,
            ld_scripts,
            ld,
            publisher,
        }
    }

    /// A text field of the story's JSON-LD object.
    pub(super) fn ld_str(&self, field: &str) -> Option<String> {
        self.ld.as_ref().and_then(|v| str_field(v, field))
    }
}
