use super::printed::*;
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
    let meta = r#"<meta property="article:published_time" content="2007-05-18T09:00:00+02:00">"#;
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
    let published = |html: &str, url: &str| extract(html, url).published_at.map(|t| t.to_rfc3339());
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

#[test]
fn labels_begin_a_word_as_a_boundary_in_the_pattern_would_say() {
    let with_boundary = regex::Regex::new(&format!(
        r"(?i)\b(?:(?P<updated>{})|first published|{})(?:\s+{})?\s*:?\s*",
        crate::extract::support::date_labels::updated(),
        crate::extract::support::date_labels::published(),
        crate::extract::support::date_labels::CONNECTOR
    ))
    .unwrap();
    for text in [
        "Published: March 3, 2024 · Updated on March 4, 2024",
        "Unpublished draft; republished: 2024-03-03; xUpdated 1 May",
        "\u{e9}published 2024 \u{2019}Updated: 2 May 2024 _posted 3 May",
        "Zuletzt aktualisiert am 3. M\u{e4}rz 2024, Ver\u{f6}ffentlicht: 2. M\u{e4}rz",
        "\u{c9}dit\u{e9} \u{2014} Mis \u{e0} jour le 5 mai 2024 / publi\u{e9} le 4 mai",
        "\u{8f93}\u{5165}\u{53d1}\u{5e03}\u{65f6}\u{95f4}\u{ff1a}2024-05-05 \u{c785}\u{b825} 2024.05.05",
        "Updated:Published:posted",
        "",
    ] {
        let expected: Vec<(usize, bool)> = with_boundary
            .captures_iter(text)
            .map(|c| (c.get(0).unwrap().end(), c.name("updated").is_some()))
            .collect();
        let found: Vec<(usize, bool)> = super::printed::label_matches(text).collect();
        assert_eq!(found, expected, "{text:?}");
    }
}

#[test]
fn a_first_publication_is_looked_for_in_the_whole_source() {
    for (html, says) in [
        ("<p>Originally published May 9</p>", true),
        ("<p>This story was first published in print.</p>", true),
        ("<p>published first</p><p>originally, published</p>", false),
        ("<p>First  published</p>", false),
        ("", false),
    ] {
        assert_eq!(super::says_first_published(html), says, "{html}");
    }
}
