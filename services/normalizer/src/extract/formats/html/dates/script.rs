//! Publication dates in inline application state.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Timestamp;

use crate::extract::fields::dates;

pub(super) static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) fn script_date(html: &str) -> Option<Timestamp> {
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
