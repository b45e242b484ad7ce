use super::names::{is_streamed_segment_id, NameMarks};
use super::*;

fn unlikely(names: &str) -> bool {
    NameMarks::of(names) & NameMarks::UNLIKELY != 0
}

fn body(html: &str) -> Vec<String> {
    extract_body(&Document::from(html))
        .blocks
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

const STORY: &str =
    "The ministers met in Seoul on Tuesday, and they agreed to meet again, officials said. ";

#[test]
fn the_story_container_wins_over_chrome() {
    let para = STORY.repeat(3);
    let html = format!(
        r##"<html><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <header><h1>Headline</h1><div class="byline">By A Writer</div></header>
        <div class="share-tools"><a href="#">Share on Facebook</a></div>
        <div class="article-body">
          <p>{para}</p>
          <figure><img src="a.jpg"><figcaption>A caption, with a comma.</figcaption></figure>
          <h2>What comes next</h2>
          <p>{para}</p>
          <div class="related-articles"><ul><li><a href="/x">Other story one</a></li><li><a href="/y">Other story two</a></li></ul></div>
          <p>{para}</p>
        </div>
        <aside><p>{para}</p></aside>
        <footer><p>Copyright, all rights reserved.</p></footer>
        </body></html>"##
    );
    let blocks = extract_body(&Document::from(html.as_str())).blocks;
    let texts: Vec<&str> = blocks.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[1], "What comes next");
    assert!(blocks[1].1, "the h2 is a subhead");
    assert!(texts.iter().all(|t| !t.contains("caption")
        && !t.contains("Other story")
        && !t.contains("Share")
        && !t.contains("Headline")));
}

#[test]
fn a_story_streamed_in_a_hidden_react_segment_is_the_story() {
    // React's streamed rendering: the article arrives in a hidden
    // segment a script moves into place; other hidden things stay out.
    let para = STORY.repeat(3);
    let html = format!(
        r##"<html><body><main><div class="key-points"><h2>Key Points</h2>
        <ul><li>Index funds track indexes.</li><li>Fees are low.</li></ul></div>
        <template id="B:0"></template></main>
        <div hidden id="S:0"><div class="prose"><p>{para}</p><p>{para}</p><p>{para}</p></div></div>
        <div hidden id="modal"><p>{para} Subscribe now to read on.</p></div>
        <script>$RC("B:0","S:0")</script></body></html>"##
    );
    let texts = body(&html);
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.iter().all(|t| t.starts_with("The ministers")));
    assert!(
        is_streamed_segment_id("S:1e")
            && !is_streamed_segment_id("S:")
            && !is_streamed_segment_id("Sx")
    );
}

#[test]
fn a_chrome_named_section_around_the_headline_and_the_article_is_the_story() {
    let para = STORY.repeat(3);
    let html = format!(
        r##"<html><body><main><section class="section-hero cc-newsletter"><h1>Protocol</h1>
        <div class="wrap"><article><p>{para}</p><p>{para}</p><p>{para}</p></article></div></section>
        <section class="newsletter-signup"><h2>Join 800,000+ subscribers</h2>
        <p>You will also receive our digest, a collection of our newsletters, every month, free.</p></section>
        <div class="quickview-tools"><h1>Protocol</h1><article><p>A short summary, with a comma.</p></article></div>
        </main></body></html>"##
    );
    let blocks = extract_body(&Document::from(html.as_str())).blocks;
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    assert!(blocks
        .iter()
        .all(|(t, _)| t.starts_with("The ministers met")));
}

#[test]
fn hover_cards_stay_out_and_their_names_and_embedded_posts_stay_in() {
    let para = STORY.repeat(3);
    let html = format!(
        r##"<html><body><div class="article-body">
        <p>{para} Rep. <span class="rollover-people"><a href="/p/1">Ilhan Omar</a><span class="rollover-people-block"><a href="/x">Hillicon Valley: other story</a></span></span> said.</p>
        <div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and yes the state spent half a million dollars on it, officials said.</p></blockquote></div>
        <p>{para}</p></div></body></html>"##
    );
    let blocks = extract_body(&Document::from(html.as_str())).blocks;
    let text: Vec<&str> = blocks.iter().map(|(t, _)| t.as_str()).collect();
    assert!(text.iter().all(|t| !t.contains("Hillicon")), "{text:?}");
    assert!(
        text.iter().any(|t| t.contains("Ilhan Omar said.")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("Yes this is real")),
        "{text:?}"
    );
}

#[test]
fn clipping_overflow_is_not_hiding() {
    assert!(!unlikely("grid overflow-hidden transition-all"));
    assert!(!unlikely("panel overflow-x-hidden"));
    assert!(unlikely("overflow-hidden visually-hidden"));
    assert!(unlikely("hidden"));
    assert!(unlikely("share-tools"));
}

#[test]
fn teasers_of_other_stories_stay_out() {
    let para = STORY.repeat(3);
    let teaser = "The most powerful hatch to come out of the plant has a huge rear wing, and it sold out, dealers said.";
    let html = format!(
        r##"<html><body><div class="main"><div class="post"><p>{para}</p><p>{para}</p>
        <div class="grid-container next-prev"><a href="/n"><h5>Next story</h5></a>
        <p class="row-excerpt">{teaser}</p></div></div>
        <div class="row-recent"><a href="/r"><h5>Recent story</h5></a>
        <p class="row-excerpt">{teaser} Recent.</p></div></div></body></html>"##
    );
    let blocks = extract_body(&Document::from(html.as_str())).blocks;
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(blocks.iter().all(|(t, _)| !t.contains("rear wing")));
}

#[test]
fn an_unclosed_aside_around_the_page_is_not_chrome() {
    let para = STORY.repeat(3);
    // The banner's `<aside>` is never closed: the parser puts the whole
    // page inside it, as browsers show it.
    let html = format!(
        r##"<html><body><aside class="announcement-banner"><a href="/news">Announcement</a>
        <main><article><h1>Headline</h1><p>{para}</p><p>{para}</p></article></main>
        </body></html>"##
    );
    let blocks = extract_body(&Document::from(html.as_str())).blocks;
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(blocks[0].0.starts_with("The ministers met"));
    // A closed aside beside the story stays out.
    let html = format!(
        r##"<html><body><main><article><h1>Headline</h1><p>{para}</p></article></main>
        <aside><p>{para} Aside.</p></aside></body></html>"##
    );
    let blocks = extract_body(&Document::from(html.as_str())).blocks;
    assert!(
        blocks.iter().all(|(t, _)| !t.contains("Aside.")),
        "{blocks:?}"
    );
}

#[test]
fn a_body_split_by_ad_slots_is_read_whole() {
    let para = STORY.repeat(2);
    let html = format!(
        r##"<body><div id="page"><div class="story"><p>{para} one</p><p>{para} two</p></div>
        <div class="ad-slot">Advertisement</div>
        <div class="story"><p>{para} three</p><p>{para} four</p></div></div>
        <div class="sidebar"><p>{para}</p></div></body>"##
    );
    let texts = body(&html);
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert!(texts[3].ends_with("four"));
}

#[test]
fn a_story_in_a_chrome_named_container_is_still_found() {
    let para = STORY.repeat(4);
    let html =
        format!(r##"<body><div class="widget-area"><p>{para}</p><p>{para}</p></div></body>"##);
    assert_eq!(body(&html).len(), 2);
}

#[test]
fn a_short_story_is_not_traded_for_its_longer_comments() {
    let comment = STORY.repeat(3);
    let comments: String = (0..10)
        .map(|i| {
            format!(
                r#"<li class="comment"><div class="comment-body"><p>{comment} {i}</p></div></li>"#
            )
        })
        .collect();
    let html = format!(
        r##"<body><article><div class="entry-content"><p>{STORY}</p><p>{STORY}</p></div></article>
        <div id="comments" class="comments-area"><ol class="comment-list">{comments}</ol></div></body>"##
    );
    let texts = body(&html);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.iter().all(|t| t.trim_end() == STORY.trim_end()));
}

#[test]
fn an_aside_of_other_stories_cards_is_no_story_but_a_banner_around_the_page_is() {
    let cards: String = (0..4)
        .map(|i| format!(r#"<article class="card"><h3>Other {i}</h3><div class="rich-text"><p>{STORY} {STORY} card {i}</p></div></article>"#))
        .collect();
    let html = format!(
        r##"<body><main><article class="post"><h1>Budget vote delayed</h1><div class="article-content">
        <p>{STORY}</p><p>{STORY}</p></div></article>
        <aside class="article-list"><h2>More News Stories</h2>{cards}</aside></main></body>"##
    );
    let texts = body(&html);
    assert_eq!(texts.len(), 2, "{texts:?}");
    // An unclosed banner that wraps the whole page, headline included.
    let wrapped = format!(
        r##"<body><aside class="announcement-banner"><main><article><h1>Startup lessons</h1>
        <p>{STORY}</p><p>{STORY}</p></article>{cards}</main></aside></body>"##
    );
    assert!(body(&wrapped).len() >= 2);
}

#[test]
fn teasers_beside_the_article_and_a_hidden_schema_copy_stay_out() {
    let para = STORY.repeat(2);
    let teasers: String = (0..6)
        .map(|i| format!(r#"<li><article class="teaser"><h3><a href="/s{i}">Other {i}</a></h3><div class="excerpt"><p>{para} teaser {i}</p></div></article></li>"#))
        .collect();
    let html = format!(
        r##"<body><div id="content"><main><article class="post"><div class="body-copy">
          <p>{para} one</p><p>{para} two</p><p>{para} three</p></div>
          <div style="display:none" itemscope><div itemprop="articleBody">{para} hidden copy</div></div>
        </article></main>
        <div class="more-news"><ul>{teasers}</ul></div></div></body>"##
    );
    let texts = body(&html);
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts
        .iter()
        .all(|t| !t.contains("teaser") && !t.contains("hidden copy")));
}

#[test]
fn empty_and_textless_pages_give_nothing() {
    assert!(body("").is_empty());
    assert!(body("<html><body><img src=x></body></html>").is_empty());
}
