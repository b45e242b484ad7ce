//! HTML pages: the body from rs-trafilatura (see docs/normalizer.md for why),
//! the news fields from the page's own markup: JSON-LD, Open Graph and
//! article meta tags, `<time>`, bylines, breadcrumbs, figure captions.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use serde_json::Value;
use wirefeed_model::{Author, Caption, Image, Paragraph, Timestamp};

use super::byline::{clean_name, looks_like_byline, parse_byline};
use super::caption::split_credit;
use super::dates;
use super::text::{clean, is_chrome_phrase};

#[derive(Debug, Default)]
pub struct HtmlExtraction {
    pub title: Option<String>,
    pub standfirst: Option<String>,
    pub section: Vec<String>,
    pub authors: Vec<Author>,
    pub published_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub paragraphs: Vec<Paragraph>,
    pub captions: Vec<Caption>,
    pub images: Vec<Image>,
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub keywords: Vec<String>,
    pub page_type: Option<String>,
    pub quality: f32,
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex")
});

pub fn extract(html: &str, url: &str) -> HtmlExtraction {
    let doc = Document::from(html);
    let mut out = HtmlExtraction::default();
    let ld_scripts = json_ld_scripts(&doc);
    let ld = json_ld_article(&ld_scripts);

    // Body.
    let options = rs_trafilatura::Options {
        url: Some(url.to_string()),
        ..Default::default()
    };
    if let Ok(result) = rs_trafilatura::extract_with_options(html, &options) {
        out.paragraphs = result
            .content_text
            .lines()
            .map(clean)
            .filter(|l| !l.is_empty())
            .map(|text| Paragraph {
                text,
                subhead: false,
            })
            .collect();
        out.quality = result.extraction_quality as f32;
        out.page_type = result.metadata.page_type.clone();
        out.site_name = result
            .metadata
            .sitename
            .clone()
            .filter(|s| !s.trim().is_empty());
        out.language = result.metadata.language.clone();
        if out.published_at.is_none() {
            out.published_at = result.metadata.date.map(|d| d.fixed_offset());
        }
        out.keywords.extend(result.metadata.tags.iter().cloned());
        for image in result.images {
            out.images.push(Image {
                url: image.src,
                caption: image.caption.map(|c| clean(&c)),
            });
        }
        if out.authors.is_empty() {
            if let Some(a) = result.metadata.author.as_deref() {
                out.authors = authors_from_text(a);
            }
        }
        out.title = result.metadata.title.clone();
    }

    // Title: the page's own headline (h1) when it agrees with the meta title,
    // else the meta title without its " | Site" suffix.
    let meta_title = ld
        .as_ref()
        .and_then(|v| str_field(v, "headline"))
        .or_else(|| meta(&doc, "meta[property='og:title']"))
        .or_else(|| meta(&doc, "meta[name='twitter:title']"))
        .or(out.title.take())
        .or_else(|| text_of(&doc, "title"));
    // The visible headline wins: meta titles carry SEO rewrites and site names.
    out.title = headline(&doc).or_else(|| meta_title.map(|m| strip_site_suffix(&m)));
    out.standfirst = meta(&doc, "meta[property='og:description']")
        .or_else(|| meta(&doc, "meta[name='description']"))
        .filter(|d| d.split_whitespace().count() >= 5);

    // Authors: JSON-LD, then meta tags, then byline elements.
    let ld_authors = ld.as_ref().map(json_ld_authors).unwrap_or_default();
    let meta_authors: Vec<Author> = [
        "meta[name='author']",
        "meta[property='article:author']",
        "meta[name='byl']",
        "meta[name='parsely-author']",
        "meta[name='dc.creator']",
        "meta[name='citation_author']",
    ]
    .iter()
    .filter_map(|sel| meta(&doc, sel))
    .filter(|v| !v.starts_with("http"))
    .flat_map(|v| authors_from_text(&v))
    .collect();
    let byline_authors = byline_elements(&doc);
    out.authors = [
        ld_authors,
        meta_authors,
        byline_authors,
        std::mem::take(&mut out.authors),
    ]
    .into_iter()
    .find(|a| !a.is_empty())
    .unwrap_or_default();
    let header = text_after_headline(&doc, out.title.as_deref());
    if out.authors.is_empty() {
        out.authors = byline_in_text(&header);
    }
    let mut seen = std::collections::HashSet::new();
    out.authors.retain(|a| seen.insert(a.name.to_lowercase()));
    // The publication named beside its people is not an author of the piece.
    let publishers: Vec<String> = [
        meta(&doc, "meta[property='og:site_name']"),
        ld.as_ref()
            .and_then(|v| v.get("publisher"))
            .and_then(|p| str_field(p, "name")),
    ]
    .into_iter()
    .flatten()
    .map(|p| p.to_lowercase())
    .collect();
    if out.authors.len() > 1 {
        out.authors
            .retain(|a| !publishers.contains(&a.name.to_lowercase()));
    }
    attach_emails(&doc, &mut out.authors);

    // Dates: published and modified kept apart.
    let published = ld
        .as_ref()
        .and_then(|v| str_field(v, "datePublished"))
        .or_else(|| meta(&doc, "meta[property='article:published_time']"))
        .or_else(|| meta(&doc, "meta[itemprop='datePublished']"))
        .or_else(|| meta(&doc, "meta[name='pubdate']"))
        .or_else(|| meta(&doc, "meta[name='publish-date']"))
        .or_else(|| meta(&doc, "meta[name='date']"))
        .or_else(|| attr_of(&doc, "time[itemprop='datePublished']", "datetime"))
        .or_else(|| attr_of(&doc, "time[datetime]", "datetime"))
        .and_then(|s| dates::parse_machine(&s));
    let labelled = labelled_dates(&header);
    out.published_at = published
        .or(out.published_at)
        .or_else(|| script_date(html))
        .or(labelled.published)
        .or_else(|| dates::from_url(url));
    out.updated_at = ld
        .as_ref()
        .and_then(|v| str_field(v, "dateModified"))
        .or_else(|| meta(&doc, "meta[property='article:modified_time']"))
        .or_else(|| meta(&doc, "meta[property='og:updated_time']"))
        .and_then(|s| dates::parse_machine(&s))
        .or(labelled.updated)
        .filter(|u| out.published_at.is_none_or(|p| *u > p));

    // Section: breadcrumb, then article:section.
    out.section = breadcrumb(&doc, &ld_scripts);
    if out.section.is_empty() {
        if let Some(s) = ld
            .as_ref()
            .and_then(|v| str_field(v, "articleSection"))
            .or_else(|| meta(&doc, "meta[property='article:section']"))
        {
            out.section = vec![s];
        }
    }

    out.canonical_url = attr_of(&doc, "link[rel='canonical']", "href")
        .or_else(|| meta(&doc, "meta[property='og:url']"))
        .filter(|u| u.starts_with("http"));
    if out.site_name.is_none() {
        out.site_name = meta(&doc, "meta[property='og:site_name']");
    }
    if out.language.is_none() {
        out.language = attr_of(&doc, "html", "lang")
            .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase());
    }
    for sel in ["meta[name='keywords']", "meta[name='news_keywords']"] {
        if let Some(k) = meta(&doc, sel) {
            out.keywords
                .extend(k.split(',').map(clean).filter(|k| !k.is_empty()));
        }
    }
    for tag in doc.select("meta[property='article:tag']").nodes() {
        if let Some(k) = tag.attr("content") {
            out.keywords.push(clean(&k));
        }
    }
    out.keywords.sort();
    out.keywords.dedup();

    // Captions, each once, credit apart; their text never stays in the body.
    for fig in doc.select("figcaption").nodes() {
        let text = clean(&fig.text());
        if text.split_whitespace().count() < 3 {
            continue;
        }
        let caption = split_credit(&text);
        if !out.captions.iter().any(|c| c.text == caption.text) {
            out.captions.push(caption);
        }
    }
    out.paragraphs.retain(|p| {
        !is_chrome_phrase(&p.text)
            && !out.captions.iter().any(|c| {
                p.text == c.text || p.text.starts_with(&c.text) && p.text.len() < c.text.len() + 80
            })
    });
    out
}

/// The page text right after the headline (or the start of the article),
/// where bylines and dates are printed.
fn text_after_headline(doc: &Document, title: Option<&str>) -> String {
    let scope = ["article", "main", "body"]
        .iter()
        .map(|sel| doc.select(sel))
        .find(|s| s.exists())
        .map(|s| s.text().to_string())
        .unwrap_or_default();
    let text = clean(&scope);
    let start = title
        .and_then(|t| text.find(t).map(|i| i + t.len()))
        .unwrap_or(0);
    text[start..].chars().take(600).collect()
}

static TEXT_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|von|de|der|da|del|la|le)){0,4}";
    Regex::new(&format!(
        r"(?:\bBy|\bBY|Written by|Author:)\s+({name}(?:\s*(?:,|and|&)\s*{name})*)"
    ))
    .expect("valid regex")
});

/// "By Jane Doe and John Roe" printed near the headline.
fn byline_in_text(header: &str) -> Vec<Author> {
    TEXT_BYLINE
        .captures(header)
        .map(|c| parse_byline(&c[1]))
        .unwrap_or_default()
}

struct LabelledDates {
    published: Option<Timestamp>,
    updated: Option<Timestamp>,
}

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(updated|modified|last updated|published|posted|first published)\b(?:\s+on)?\s*:?\s*").expect("valid regex")
});

/// Dates printed near the headline: after "Updated" they are update
/// times, otherwise the first date is the publication time.
fn labelled_dates(header: &str) -> LabelledDates {
    let mut out = LabelledDates {
        published: None,
        updated: None,
    };
    for m in DATE_LABEL.find_iter(header) {
        let label = m.as_str().to_lowercase();
        let window: String = header[m.end()..].chars().take(40).collect();
        if let Some(t) = dates::parse_text(&window) {
            if label.contains("updat") || label.contains("modif") {
                out.updated.get_or_insert(t);
            } else {
                out.published.get_or_insert(t);
            }
        }
    }
    if out.published.is_none() {
        let head: String = header.chars().take(300).collect();
        out.published = dates::parse_text(&head).filter(|t| Some(*t) != out.updated);
    }
    out
}

static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#""?\b(?:datePublished|publishedDate|publishDate|published_at|publishedAt|published_on|publishedOn|"#,
        r#"date_published|pubDate|firstPublishedAt|first_published_at|dateCreated)"?\s*:\s*"([^"]{8,40})""#
    ))
        .expect("valid regex")
});

/// Publication dates in inline application state (`"publishedDate": "…"`).
fn script_date(html: &str) -> Option<Timestamp> {
    SCRIPT_DATE
        .captures_iter(html)
        .find_map(|c| dates::parse_machine(&c[1]))
}

fn meta(doc: &Document, selector: &str) -> Option<String> {
    attr_of(doc, selector, "content")
}

fn attr_of(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .find_map(|n| n.attr(attr).map(|v| decode(&v)).filter(|v| !v.is_empty()))
}

fn text_of(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .map(|n| clean(&n.text()))
        .find(|t| !t.is_empty())
}

/// The page's own headline: the first `h1` of the article, else of the main
/// content, else of the page, that reads like a headline.
fn headline(doc: &Document) -> Option<String> {
    ["article h1", "main h1", "[role='main'] h1", "h1"]
        .iter()
        .find_map(|sel| {
            doc.select(sel)
                .nodes()
                .iter()
                .map(|n| clean(&n.text()))
                .find(|t| (2..=40).contains(&t.split_whitespace().count()))
        })
}

fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = title.split_at(pos);
            if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Every JSON-LD block of the page that parses, parsed once.
fn json_ld_scripts(doc: &Document) -> Vec<Value> {
    doc.select("script[type='application/ld+json']")
        .nodes()
        .iter()
        .filter_map(|script| serde_json::from_str::<Value>(script.text().trim()).ok())
        .collect()
}

/// The page's NewsArticle (or Article, BlogPosting…) JSON-LD object.
fn json_ld_article(scripts: &[Value]) -> Option<Value> {
    let mut found = None;
    for value in scripts {
        visit_ld(value, &mut |v| {
            if found.is_none() && is_article_type(v) {
                found = Some(v.clone());
            }
        });
    }
    found
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
    if looks_like_byline(&s) || s.contains(',') || s.contains(" and ") || s.contains('@') {
        parse_byline(&s)
    } else {
        clean_name(&s)
            .map(|name| vec![Author { name, email: None }])
            .unwrap_or_default()
    }
}

fn byline_elements(doc: &Document) -> Vec<Author> {
    for sel in [
        "[itemprop='author'] [itemprop='name']",
        "a[rel='author']",
        ".byline__name",
        ".author-name",
        ".byline",
        "[class*='byline']",
        ".author",
    ] {
        let names: Vec<Author> = doc
            .select(sel)
            .nodes()
            .iter()
            .map(|n| clean(&n.text()))
            .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 20)
            .flat_map(|t| authors_from_text(&t))
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

/// E-mails printed in byline areas or as mailto links, paired to authors by
/// the name parts they contain, else by position when counts agree.
fn attach_emails(doc: &Document, authors: &mut [Author]) {
    if authors.is_empty() || authors.iter().all(|a| a.email.is_some()) {
        return;
    }
    let mut emails: Vec<String> = Vec::new();
    for n in doc.select("a[href^='mailto:']").nodes() {
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
    for n in doc.select("[class*='byline'], [class*='author']").nodes() {
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

fn breadcrumb(doc: &Document, ld_scripts: &[Value]) -> Vec<String> {
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
}
