//! Class and id words that mark an element as chrome, as comments, as a
//! maybe or as the story, and the tags left out or read as blocks.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// Elements whose text is never the article's.
pub(super) const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "head",
    "title",
    "meta",
    "link",
    "dialog",
    "menu",
    "label",
];

/// Elements that end a line of text.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "br",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "form",
    "fieldset",
    "caption",
];

/// Class or id words of page chrome (Readability's list with the news
/// widgets added): such an element is left out in the strict pass unless
/// it also names the article.
/// Class and id words of page chrome (Readability's list and news
/// widgets), and "widget" at the start of a name (`unlikely_widget`).
pub(super) const UNLIKELY_WORDS: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "share",
    "sharing",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "promo",
    "outbrain",
    "taboola",
    "recommend",
    "trending",
    "most-popular",
    "mostpopular",
    "most-read",
    "read-more",
    "readmore",
    "more-stories",
    "byline",
    "author-bio",
    "author-info",
    "authorinfo",
    "about-author",
    "caption",
    "credit",
    "toolbar",
    "tools",
    "print",
    "tags",
    "tag-list",
    "topics",
    "dateline",
    "timestamp",
    "published",
    "paywall",
    "modal",
    "overlay",
    "advert",
    "adslot",
    "ad-slot",
    "ad-container",
    "adunit",
    "ad-unit",
    "dfp",
    "gpt-",
    "video-player",
    "jwplayer",
    "playlist",
    "carousel",
    "slideshow",
    "gallery",
    "hidden",
    "visually-hidden",
    "sr-only",
    "skip-link",
    "masthead",
    "pagenav",
    "nav-",
    "navbar",
    "navigation",
    "ticker",
    "rating",
    "reaction",
    "feedback",
    "donate",
    "membership",
    "podcast-promo",
    "app-promo",
    "inline-promo",
    "teaser",
    "card-list",
    "listing",
    "recirc",
    "further-reading",
    "next-article",
    "prev-article",
    "next-prev",
    "prev-next",
    "excerpt",
    "recent-",
    "-recent",
    "article-footer",
    "post-footer",
    "entry-footer",
    "entry-meta",
    "post-meta",
    "article-meta",
    "meta-info",
    "article-info",
    "post-info",
    "disclaimer",
];

/// `UNLIKELY_WORDS` as one automaton: every distinct class and id string
/// of a page is read against it, and for a list this long one pass of
/// Aho-Corasick costs less than the regex engine's search.
pub(super) static UNLIKELY: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(UNLIKELY_WORDS).expect("literal words"));

/// Whether an id is a React streamed-rendering segment's ("S:0", "S:1e"):
/// the server sends the content hidden and a script shows it.
pub(super) fn is_streamed_segment_id(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Whether class and id names hold a chrome word. "hidden" in a layout
/// utility that clips overflow ("overflow-hidden", "overflow-x-hidden")
/// hides nothing: such a container of a story's text is not chrome.
pub(super) fn unlikely(names: &str) -> bool {
    unlikely_widget(names)
        || UNLIKELY.find_iter(names).any(|m| {
            let word = &names[m.start()..m.end()];
            let before = &names[..m.start()];
            !(word == "hidden"
                && (before.ends_with("overflow-")
                    || before.ends_with("overflow-x-")
                    || before.ends_with("overflow-y-")))
        })
}

/// "widget" opening a class or id name ("widget-area", not
/// "elementor-widget-text").
pub(super) fn unlikely_widget(names: &str) -> bool {
    names.starts_with("widget") || names.contains(" widget")
}

/// Class or id words of reader comments.
pub(super) static COMMENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"comment|disqus|replies|respond").expect("valid regex"));

/// Class words of hover cards: `<span class="rollover-people"><a>Name</a>
/// <span class="rollover-people-block">…card…</span></span>`. The outer
/// element holds the name in the text; an element so named inside another
/// (the card) is left out.
pub(super) static HOVER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"rollover|popover|tooltip|hovercard").expect("valid regex"));

/// Words that say an element holds the story itself.
pub(super) static MAYBE_STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article|story|entry-content|post-content|main").expect("valid regex")
});

/// Words that keep an element despite an `UNLIKELY` word.
pub(super) static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"and|article|body|column|content|main|shadow|story|entry|post-text|text|embed")
        .expect("valid regex")
});

pub(super) static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-text|richtext",
    )
    .expect("valid regex")
});

pub(super) static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|(^|\s)widget|byline|caption|newsletter|subscribe|recommend|trending|teaser|card",
    )
    .expect("valid regex")
});

/// Names publishers give the element that holds exactly the story's text.
pub(super) static ARTICLE_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"articlebody|article-body|article__body|article_body|articletext|article-text|article__text|article-content|article__content|articlecontent|story-body|storybody|story-text|story-content|storycontent|entry-content|post-content|post-body|postbody|post-entry|post_content|entry-body|body-text|bodytext|content-body|rich-text|richtext|news-text|newstext|text-body|article-main|main-text|field-body|field--name-body",
    )
    .expect("valid regex")
});

/// Bits of `Arena::marks`.
pub(super) struct NameMarks;

impl NameMarks {
    pub(super) const COMMENTS: u8 = 1;
    pub(super) const MAYBE_STORY: u8 = 2;
    pub(super) const UNLIKELY: u8 = 4;
    pub(super) const MAYBE: u8 = 8;
    pub(super) const HOVER: u8 = 16;
    /// `class_weight`'s words, read once per distinct name as the others
    /// are (it is asked of every element in every pass).
    pub(super) const ARTICLE_BODY: u8 = 32;
    pub(super) const POSITIVE: u8 = 64;
    pub(super) const NEGATIVE: u8 = 128;

    pub(super) fn of(names: &str) -> u8 {
        let mut marks = 0;
        for (bit, words) in [
            (Self::COMMENTS, &*COMMENTS),
            (Self::MAYBE_STORY, &*MAYBE_STORY),
            (Self::MAYBE, &*MAYBE),
            (Self::ARTICLE_BODY, &*ARTICLE_BODY),
            (Self::POSITIVE, &*POSITIVE),
            (Self::NEGATIVE, &*NEGATIVE),
        ] {
            if words.is_match(names) {
                marks |= bit;
            }
        }
        if unlikely(names) {
            marks |= Self::UNLIKELY;
        }
        if HOVER.is_match(names) {
            marks |= Self::HOVER;
        }
        marks
    }
}
