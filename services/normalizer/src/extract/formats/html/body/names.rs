//! Class and id words that mark an element as chrome, as comments, as a
//! maybe or as the story, and the tags left out or read as blocks.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

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
/// it also names the article. Besides these, "widget" opening a name
/// (`NameMarks::of`).
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

/// Whether an id is a React streamed-rendering segment's ("S:0", "S:1e"):
/// the server sends the content hidden and a script shows it.
pub(super) fn is_streamed_segment_id(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Class or id words of reader comments.
const COMMENTS_WORDS: &[&str] = &["comment", "disqus", "replies", "respond"];

/// Class words of hover cards: `<span class="rollover-people"><a>Name</a>
/// <span class="rollover-people-block">…card…</span></span>`. The outer
/// element holds the name in the text; an element so named inside another
/// (the card) is left out.
const HOVER_WORDS: &[&str] = &["rollover", "popover", "tooltip", "hovercard"];

/// Words that say an element holds the story itself.
const MAYBE_STORY_WORDS: &[&str] = &["article", "story", "entry-content", "post-content", "main"];

/// Words that keep an element despite an `UNLIKELY` word.
const MAYBE_WORDS: &[&str] = &[
    "and",
    "article",
    "body",
    "column",
    "content",
    "main",
    "shadow",
    "story",
    "entry",
    "post-text",
    "text",
    "embed",
];

const POSITIVE_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "rich-text",
    "richtext",
];

/// Besides these, "hid" as a whole space-separated name and "widget"
/// opening a name (`NameMarks::of`).
const NEGATIVE_WORDS: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "byline",
    "caption",
    "newsletter",
    "subscribe",
    "recommend",
    "trending",
    "teaser",
    "card",
];

/// Names publishers give the element that holds exactly the story's text.
const ARTICLE_BODY_WORDS: &[&str] = &[
    "articlebody",
    "article-body",
    "article__body",
    "article_body",
    "articletext",
    "article-text",
    "article__text",
    "article-content",
    "article__content",
    "articlecontent",
    "story-body",
    "storybody",
    "story-text",
    "story-content",
    "storycontent",
    "entry-content",
    "post-content",
    "post-body",
    "postbody",
    "post-entry",
    "post_content",
    "entry-body",
    "body-text",
    "bodytext",
    "content-body",
    "rich-text",
    "richtext",
    "news-text",
    "newstext",
    "text-body",
    "article-main",
    "main-text",
    "field-body",
    "field--name-body",
];

/// Bits of `Arena::marks`.
pub(super) struct NameMarks;

/// Every word list above in one automaton, each word with the mark it
/// gives. A page has hundreds of distinct class and id strings; reading
/// each once for all the lists, instead of once per list, was a third of
/// building the arena.
struct MarkWords {
    words: AhoCorasick,
    /// Per pattern: the mark its match gives (`NameMarks` bits), or one
    /// of the two words whose match needs a look at what precedes it.
    marks: Vec<WordMark>,
}

#[derive(Clone, Copy)]
enum WordMark {
    Always(u8),
    /// `UNLIKELY_WORDS`' "hidden": not after "overflow-" and the like.
    UnlikelyHidden,
    /// "widget" opening a name: after a space, chrome (`UNLIKELY`) and
    /// negative; after other white space, negative only.
    Widget,
}

static MARK_WORDS: LazyLock<MarkWords> = LazyLock::new(|| {
    let lists: [(&[&str], u8); 8] = [
        (COMMENTS_WORDS, NameMarks::COMMENTS),
        (MAYBE_STORY_WORDS, NameMarks::MAYBE_STORY),
        (UNLIKELY_WORDS, NameMarks::UNLIKELY),
        (MAYBE_WORDS, NameMarks::MAYBE),
        (HOVER_WORDS, NameMarks::HOVER),
        (ARTICLE_BODY_WORDS, NameMarks::ARTICLE_BODY),
        (POSITIVE_WORDS, NameMarks::POSITIVE),
        (NEGATIVE_WORDS, NameMarks::NEGATIVE),
    ];
    let mut patterns: Vec<&str> = Vec::new();
    let mut marks = Vec::new();
    for (words, bit) in lists {
        for &word in words {
            patterns.push(word);
            marks.push(if bit == NameMarks::UNLIKELY && word == "hidden" {
                WordMark::UnlikelyHidden
            } else {
                WordMark::Always(bit)
            });
        }
    }
    patterns.push("widget");
    marks.push(WordMark::Widget);
    MarkWords {
        // Standard semantics: the overlapping search reports every word
        // at every place, as a search per list would.
        words: AhoCorasick::new(&patterns).expect("literal words"),
        marks,
    }
});

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

    /// The marks of a class and id string (lower-case, space-separated).
    pub(super) fn of(names: &str) -> u8 {
        let table = &*MARK_WORDS;
        let mut marks = 0;
        for m in table.words.find_overlapping_iter(names) {
            let before = &names[..m.start()];
            marks |= match table.marks[m.pattern().as_usize()] {
                WordMark::Always(bit) => bit,
                // "hidden" in a layout utility that clips overflow
                // ("overflow-hidden", "overflow-x-hidden") hides nothing:
                // such a container of a story's text is not chrome.
                WordMark::UnlikelyHidden => {
                    if ["overflow-", "overflow-x-", "overflow-y-"]
                        .iter()
                        .any(|utility| before.ends_with(utility))
                    {
                        0
                    } else {
                        Self::UNLIKELY
                    }
                }
                // "widget-area", not "elementor-widget-text".
                WordMark::Widget => match before.chars().next_back() {
                    None | Some(' ') => Self::UNLIKELY | Self::NEGATIVE,
                    Some(c) if c.is_whitespace() => Self::NEGATIVE,
                    Some(_) => 0,
                },
            };
        }
        if names.split(' ').any(|name| name == "hid") {
            marks |= Self::NEGATIVE;
        }
        marks
    }
}
