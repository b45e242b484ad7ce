use dom_query::Document;
use wirefeed_model::Author;

use crate::extract::formats::html::authors::elements::{byline_elements, name_like};
use crate::extract::formats::html::authors::metadata::labelled_twitter_author;
use crate::extract::formats::html::dates::printed::element_dates;
use crate::extract::formats::html::extract;
use crate::extract::formats::html::meta::Metas;
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::formats::html::paragraphs::{
    is_byline_line, is_link_list, is_timestamp_line, ld_body_paragraphs,
};

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
