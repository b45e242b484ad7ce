//! The article body of an HTML page, read from the already parsed DOM in a
//! few linear passes: no second parse, no document clone, no per-page
//! selector compilation.
//!
//! 1. The DOM is copied into a compact arena (tag, class/id words, text) in
//!    one walk.
//! 2. Every element's text, link text and commas are summed bottom-up.
//! 3. Paragraph-like blocks score their ancestors (the scoring Readability
//!    made standard: commas and length, spread to parent and grandparents,
//!    weighted by class names and link density); the best container wins
//!    and its siblings that read like the same story join it.
//! 4. Blocks are read out of the chosen containers in order, leaving out
//!    page chrome: navigation, asides, figures and captions (kept apart by
//!    the caller), share and comment widgets, link lists.
//!
//! A strict pass comes first; when it finds almost nothing (pages whose
//! story sits in a container named like chrome), a relaxed pass that keeps
//! only the tag rules runs instead.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use dom_query::{Document, NodeData, NodeRef};
use regex::Regex;

/// Elements whose text is never the article's.
const SKIPPED_TAGS: &[&str] = &[
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
const BLOCK_TAGS: &[&str] = &[
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
const UNLIKELY_WORDS: &[&str] = &[
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
static UNLIKELY: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(UNLIKELY_WORDS).expect("literal words"));

/// Whether an id is a React streamed-rendering segment's ("S:0", "S:1e"):
/// the server sends the content hidden and a script shows it.
fn is_streamed_segment_id(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Whether class and id names hold a chrome word. "hidden" in a layout
/// utility that clips overflow ("overflow-hidden", "overflow-x-hidden")
/// hides nothing: such a container of a story's text is not chrome.
fn unlikely(names: &str) -> bool {
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
fn unlikely_widget(names: &str) -> bool {
    names.starts_with("widget") || names.contains(" widget")
}

/// Class or id words of reader comments.
static COMMENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"comment|disqus|replies|respond").expect("valid regex"));

/// Class words of hover cards: `<span class="rollover-people"><a>Name</a>
/// <span class="rollover-people-block">…card…</span></span>`. The outer
/// element holds the name in the text; an element so named inside another
/// (the card) is left out.
static HOVER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"rollover|popover|tooltip|hovercard").expect("valid regex"));

/// Words that say an element holds the story itself.
static MAYBE_STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article|story|entry-content|post-content|main").expect("valid regex")
});

/// Words that keep an element despite an `UNLIKELY` word.
static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"and|article|body|column|content|main|shadow|story|entry|post-text|text|embed")
        .expect("valid regex")
});

static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-text|richtext",
    )
    .expect("valid regex")
});

static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|(^|\s)widget|byline|caption|newsletter|subscribe|recommend|trending|teaser|card",
    )
    .expect("valid regex")
});

/// Names publishers give the element that holds exactly the story's text.
static ARTICLE_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"articlebody|article-body|article__body|article_body|articletext|article-text|article__text|article-content|article__content|articlecontent|story-body|storybody|story-text|story-content|storycontent|entry-content|post-content|post-body|postbody|post-entry|post_content|entry-body|body-text|bodytext|content-body|rich-text|richtext|news-text|newstext|text-body|article-main|main-text|field-body|field--name-body",
    )
    .expect("valid regex")
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Element,
    Text,
}

struct Node {
    kind: Kind,
    /// Local name (elements), lower-case as the HTML parser gives it.
    tag: Box<str>,
    /// Class and id, lower-case, space-separated (elements).
    names: Box<str>,
    /// Text content (text nodes), raw.
    text: Box<str>,
    parent: u32,
    first_child: u32,
    next_sibling: u32,
    /// `itemprop="articleBody"`.
    article_body: bool,
    /// `hidden`, `aria-hidden="true"`, `display:none`/`visibility:hidden`,
    /// or a landmark role of page chrome.
    hidden: bool,
}

const NONE: u32 = u32::MAX;

#[derive(Default, Clone, Copy)]
struct Stats {
    chars: u32,
    link_chars: u32,
    commas: u32,
    /// Characters in paragraph-like blocks that are not mostly links.
    prose: u32,
}

struct Arena {
    nodes: Vec<Node>,
    body: u32,
    /// Per node: reads as a paragraph (see `Arena::reads_as_paragraph`);
    /// the same in both passes, so found once.
    paragraph: Vec<bool>,
    /// Per node: which of the class-word lists its class and id match
    /// (`NameMarks`); the same in both passes, so found once.
    marks: Vec<u8>,
    /// Per node: left out for its tag (`SKIPPED_TAGS`). A navigation,
    /// aside or footer element around the page's `article` or `main` is not:
    /// it is a markup slip (an `<aside>` banner never closed wraps the whole
    /// page as a browser shows it), not chrome.
    skipped_tag: Vec<bool>,
    /// Per node: holds the page's `h1`, an `article` element and at least
    /// half of the page's text. One named like chrome is still the story's
    /// own area ("section-hero cc-newsletter" around a newsletter's text);
    /// a "quickview" box with a copy of the headline and a summary is not.
    story_area: Vec<bool>,
}

/// Bits of `Arena::marks`.
struct NameMarks;

impl NameMarks {
    const COMMENTS: u8 = 1;
    const MAYBE_STORY: u8 = 2;
    const UNLIKELY: u8 = 4;
    const MAYBE: u8 = 8;
    const HOVER: u8 = 16;

    fn of(names: &str) -> u8 {
        let mut marks = 0;
        for (bit, words) in [
            (Self::COMMENTS, &*COMMENTS),
            (Self::MAYBE_STORY, &*MAYBE_STORY),
            (Self::MAYBE, &*MAYBE),
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

/// The article body of a page.
pub struct Body {
    /// Blocks in order: (text, is a subhead).
    pub blocks: Vec<(String, bool)>,
    /// 0–1: how sure the extraction is that it found an article's text
    /// (its length, and whether a strict pass found it).
    pub confidence: f32,
}

pub fn extract_body(doc: &Document) -> Body {
    let arena = Arena::build(doc);
    if arena.body == NONE {
        return Body {
            blocks: Vec::new(),
            confidence: 0.0,
        };
    }
    let words = |blocks: &[(String, bool)]| -> usize {
        blocks
            .iter()
            .map(|(t, _)| crate::extract::support::text::word_count(t))
            .sum()
    };
    let length_confidence = |n: usize| (n as f32 / 300.0).min(1.0);
    let strict = Pass::new(&arena, true).run();
    let strict_words = words(&strict);
    if strict_words >= 100 {
        return Body {
            confidence: 0.4 + 0.6 * length_confidence(strict_words),
            blocks: strict,
        };
    }
    let relaxed = Pass::new(&arena, false).run();
    let relaxed_words = words(&relaxed);
    if relaxed_words > strict_words * 2 {
        Body {
            confidence: 0.2 + 0.5 * length_confidence(relaxed_words),
            blocks: relaxed,
        }
    } else {
        Body {
            confidence: 0.4 + 0.6 * length_confidence(strict_words),
            blocks: strict,
        }
    }
}

impl Arena {
    fn build(doc: &Document) -> Arena {
        let mut arena = Arena {
            nodes: Vec::with_capacity(2048),
            body: NONE,
            paragraph: Vec::new(),
            marks: Vec::new(),
            skipped_tag: Vec::new(),
            story_area: Vec::new(),
        };
        let root = doc.root();
        // Explicit stack: pages nest deep, and this runs before any depth
        // check of the caller matters.
        let mut stack: Vec<(NodeRef, u32)> = vec![(root, NONE)];
        let mut last_child: Vec<u32> = Vec::with_capacity(2048);
        while let Some((node, parent)) = stack.pop() {
            crate::cancel::checkpoint();
            let Some(entry) = node
                .query(|tn| match &tn.data {
                    NodeData::Element(e) => {
                        let tag = Box::<str>::from(&*e.name.local);
                        let mut names = String::new();
                        let mut article_body = false;
                        let mut hidden = false;
                        let mut hidden_attr = false;
                        let mut streamed_segment = false;
                        for a in &e.attrs {
                            match &*a.name.local {
                                "class" | "id" => {
                                    streamed_segment |=
                                        &*a.name.local == "id" && is_streamed_segment_id(&a.value);
                                    if !names.is_empty() {
                                        names.push(' ');
                                    }
                                    names.extend(a.value.chars().map(|c| c.to_ascii_lowercase()));
                                }
                                "itemprop" => {
                                    article_body |= a.value.eq_ignore_ascii_case("articleBody")
                                }
                                "hidden" => hidden_attr = true,
                                "aria-hidden" => hidden |= &*a.value == "true",
                                "style" => {
                                    let v: String = a
                                        .value
                                        .chars()
                                        .filter(|c| !c.is_whitespace())
                                        .map(|c| c.to_ascii_lowercase())
                                        .collect();
                                    hidden |= v.contains("display:none")
                                        || v.contains("visibility:hidden");
                                }
                                "role" => {
                                    hidden |= matches!(
                                        &*a.value,
                                        "navigation"
                                            | "complementary"
                                            | "banner"
                                            | "contentinfo"
                                            | "dialog"
                                    )
                                }
                                _ => {}
                            }
                        }
                        // React's streamed server rendering sends a page's
                        // content in `<div hidden id="S:0">` and moves it into
                        // place with a script: the article, not hidden chrome.
                        hidden |= hidden_attr && !streamed_segment;
                        Some((
                            Kind::Element,
                            tag,
                            names.into_boxed_str(),
                            Box::<str>::default(),
                            article_body,
                            hidden,
                        ))
                    }
                    NodeData::Text { contents } => Some((
                        Kind::Text,
                        Box::<str>::default(),
                        Box::<str>::default(),
                        Box::<str>::from(&**contents),
                        false,
                        false,
                    )),
                    NodeData::Document | NodeData::Fragment => Some((
                        Kind::Element,
                        Box::<str>::from("#document"),
                        Box::<str>::default(),
                        Box::<str>::default(),
                        false,
                        false,
                    )),
                    _ => None,
                })
                .flatten()
            else {
                continue;
            };
            let (kind, tag, names, text, article_body, hidden) = entry;
            let index = arena.nodes.len() as u32;
            if &*tag == "body" && arena.body == NONE {
                arena.body = index;
            }
            let descend = kind == Kind::Element
                && !matches!(
                    &*tag,
                    "script" | "style" | "noscript" | "template" | "svg" | "head"
                );
            arena.nodes.push(Node {
                kind,
                tag,
                names,
                text,
                parent,
                first_child: NONE,
                next_sibling: NONE,
                article_body,
                hidden,
            });
            last_child.push(NONE);
            if parent != NONE {
                let p = parent as usize;
                match last_child[p] {
                    NONE => arena.nodes[p].first_child = index,
                    prev => arena.nodes[prev as usize].next_sibling = index,
                }
                last_child[p] = index;
            }
            if descend {
                let children: Vec<NodeRef> = node.children_it(true).collect();
                for child in children {
                    stack.push((child, index));
                }
            }
        }
        arena.paragraph = (0..arena.nodes.len() as u32)
            .map(|i| arena.reads_as_paragraph(i))
            .collect();
        // Pages repeat the same class names on many elements (every menu
        // item, every card): each distinct one is matched once.
        let mut seen: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
        let marks = arena
            .nodes
            .iter()
            .map(|n| {
                if n.names.is_empty() {
                    0
                } else {
                    *seen
                        .entry(&n.names)
                        .or_insert_with(|| NameMarks::of(&n.names))
                }
            })
            .collect();
        arena.marks = marks;
        arena.find_story_areas();
        arena
    }

    /// Fills `skipped_tag` and `story_area` from what each element holds,
    /// counted bottom-up; the same in both passes, so found once.
    fn find_story_areas(&mut self) {
        let n = self.nodes.len();
        let mut holds_main = vec![false; n];
        let mut holds_h1 = vec![false; n];
        // `article` elements below each element.
        let mut articles = vec![0u32; n];
        let mut text_bytes = vec![0usize; n];
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            if node.kind == Kind::Text {
                text_bytes[i] = node.text.trim().len();
            }
            if node.parent == NONE {
                continue;
            }
            let p = node.parent as usize;
            text_bytes[p] += text_bytes[i];
            let tag = &*node.tag;
            if holds_main[i] || matches!(tag, "article" | "main") {
                holds_main[p] = true;
            }
            if holds_h1[i] || tag == "h1" {
                holds_h1[p] = true;
            }
            articles[p] += articles[i] + u32::from(tag == "article");
        }
        let page_text = match self.body {
            NONE => text_bytes.first().copied().unwrap_or(0),
            body => text_bytes[body as usize],
        };
        self.skipped_tag = (0..n)
            .map(|i| {
                let tag = &*self.nodes[i].tag;
                // A `nav`, `aside` or `footer` around the page's main
                // content is kept (an unclosed banner can wrap the whole
                // page); one around a list of other stories' `article`
                // cards without the page's headline ("More News Stories")
                // is not.
                SKIPPED_TAGS.contains(&tag)
                    && !(holds_main[i]
                        && (articles[i] <= 1 || holds_h1[i])
                        && matches!(tag, "nav" | "aside" | "footer"))
            })
            .collect();
        self.story_area = (0..n)
            .map(|i| holds_h1[i] && articles[i] > 0 && text_bytes[i] * 2 >= page_text)
            .collect();
    }

    /// Whether an element reads as a paragraph: a `p`-like tag, or a `div`
    /// that holds only inline content.
    fn reads_as_paragraph(&self, i: u32) -> bool {
        let node = &self.nodes[i as usize];
        if node.kind != Kind::Element {
            return false;
        }
        match &*node.tag {
            "p" | "pre" | "td" | "h2" | "h3" | "h4" | "h5" | "h6" => true,
            "div" | "section" => !self.children(i).any(|c| {
                let child = &self.nodes[c as usize];
                child.kind == Kind::Element
                    && BLOCK_TAGS.contains(&&*child.tag)
                    && &*child.tag != "br"
            }),
            _ => false,
        }
    }

    fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut next = self.nodes[i as usize].first_child;
        std::iter::from_fn(move || {
            if next == NONE {
                return None;
            }
            let current = next;
            next = self.nodes[current as usize].next_sibling;
            Some(current)
        })
    }
}

struct Pass<'a> {
    arena: &'a Arena,
    strict: bool,
    /// Left out with everything under it.
    junk: Vec<bool>,
    stats: Vec<Stats>,
}

fn text_chars(s: &str) -> u32 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u32
}

impl<'a> Pass<'a> {
    fn new(arena: &'a Arena, strict: bool) -> Self {
        let n = arena.nodes.len();
        let mut pass = Pass {
            arena,
            strict,
            junk: vec![false; n],
            stats: vec![Stats::default(); n],
        };
        pass.mark_junk();
        pass.sum_stats();
        pass.sum_prose();
        pass
    }

    fn mark_junk(&mut self) {
        for (i, node) in self.arena.nodes.iter().enumerate() {
            if node.kind != Kind::Element {
                continue;
            }
            let tag = &*node.tag;
            // Hidden elements are left out in the strict pass only: pages
            // rendered by script ship their story in a hidden element that
            // the script reveals.
            let mut junk = (self.strict && node.hidden) || self.arena.skipped_tag[i];
            // Reader comments are never the story, in either pass.
            if !junk
                && !node.names.is_empty()
                && !matches!(tag, "html" | "body" | "article" | "main" | "#document")
                && self.arena.marks[i] & NameMarks::COMMENTS != 0
                && self.arena.marks[i] & NameMarks::MAYBE_STORY == 0
            {
                junk = true;
            }
            if self.strict
                && !junk
                && !node.names.is_empty()
                && !node.article_body
                && !matches!(
                    tag,
                    "html" | "body" | "a" | "article" | "main" | "#document"
                )
                && !self.arena.story_area[i]
                && self.arena.marks[i] & NameMarks::UNLIKELY != 0
                && self.arena.marks[i] & NameMarks::MAYBE == 0
            {
                junk = true;
            }
            // A hover card inside the element it pops up from.
            if self.strict && !junk && self.arena.marks[i] & NameMarks::HOVER != 0 {
                let parent = node.parent;
                let grandparent = if parent == NONE {
                    NONE
                } else {
                    self.arena.nodes[parent as usize].parent
                };
                junk = [parent, grandparent]
                    .iter()
                    .any(|&a| a != NONE && self.arena.marks[a as usize] & NameMarks::HOVER != 0);
            }
            self.junk[i] = junk;
        }
        // The publisher's own mark of the story's text outweighs the class
        // names of the containers around it.
        // A hidden copy of the text (schema.org markup for search engines)
        // stays hidden.
        for (i, node) in self.arena.nodes.iter().enumerate() {
            if !node.article_body {
                continue;
            }
            let chain = || {
                std::iter::successors(Some(i as u32), |&a| {
                    Some(self.arena.nodes[a as usize].parent).filter(|&p| p != NONE)
                })
            };
            let hidden = chain().any(|a| {
                let n = &self.arena.nodes[a as usize];
                (self.strict && n.hidden) || self.arena.skipped_tag[a as usize]
            });
            if !hidden {
                for a in chain() {
                    self.junk[a as usize] = false;
                }
            }
        }
        // Propagate down: document order puts parents before children.
        for i in 0..self.arena.nodes.len() {
            let p = self.arena.nodes[i].parent;
            if p != NONE && self.junk[p as usize] {
                self.junk[i] = true;
            }
        }
    }

    fn sum_stats(&mut self) {
        // Children come after their parents in the arena: summing in reverse
        // order is a post-order walk.
        for i in (0..self.arena.nodes.len()).rev() {
            if self.junk[i] {
                continue;
            }
            let node = &self.arena.nodes[i];
            if node.kind == Kind::Text {
                let chars = text_chars(&node.text);
                let commas = node.text.matches([',', '，', '、']).count() as u32;
                self.stats[i].chars += chars;
                self.stats[i].commas += commas;
            } else {
                if &*node.tag == "a" {
                    self.stats[i].link_chars = self.stats[i].chars;
                }
            }
            let s = self.stats[i];
            let p = node.parent;
            if p != NONE {
                let ps = &mut self.stats[p as usize];
                ps.chars += s.chars;
                ps.link_chars += s.link_chars;
                ps.commas += s.commas;
            }
        }
    }

    /// Prose per element: the text of its paragraph-like blocks that are
    /// not mostly links, summed up the tree.
    fn sum_prose(&mut self) {
        for i in (0..self.arena.nodes.len()).rev() {
            if self.junk[i] || self.arena.nodes[i].kind != Kind::Element {
                continue;
            }
            let s = self.stats[i];
            if self.is_paragraph(i as u32) {
                if s.chars >= 25 && self.link_density(i as u32) < 0.5 {
                    self.stats[i].prose = s.chars;
                }
            } else {
                let (chars, links, _) = self.inline_text(i as u32);
                if chars >= 25 && links * 2 < chars {
                    self.stats[i].prose += chars;
                }
            }
            let p = self.arena.nodes[i].parent;
            if p != NONE {
                let prose = self.stats[i].prose;
                self.stats[p as usize].prose += prose;
            }
        }
    }

    fn link_density(&self, i: u32) -> f32 {
        let s = self.stats[i as usize];
        if s.chars == 0 {
            0.0
        } else {
            s.link_chars as f32 / s.chars as f32
        }
    }

    fn class_weight(&self, i: u32) -> f32 {
        if !self.strict {
            return 0.0;
        }
        let node = &self.arena.nodes[i as usize];
        let mut w = 0.0;
        if node.article_body {
            w += 50.0;
        }
        if node.names.is_empty() {
            return w;
        }
        if ARTICLE_BODY.is_match(&node.names) {
            w += 35.0;
        } else if POSITIVE.is_match(&node.names) {
            w += 25.0;
        }
        if NEGATIVE.is_match(&node.names) {
            w -= 25.0;
        }
        w
    }

    fn is_paragraph(&self, i: u32) -> bool {
        self.arena.paragraph[i as usize]
    }

    /// Text an element holds outside its block children (a story written
    /// as text and `<br>`s between ad slots): (characters, link
    /// characters, commas).
    fn inline_text(&self, i: u32) -> (u32, u32, u32) {
        let mut total = (0, 0, 0);
        for c in self.arena.children(i) {
            let child = &self.arena.nodes[c as usize];
            if self.junk[c as usize]
                || (child.kind == Kind::Element && BLOCK_TAGS.contains(&&*child.tag))
            {
                continue;
            }
            let s = self.stats[c as usize];
            total.0 += s.chars;
            total.1 += s.link_chars;
            total.2 += s.commas;
        }
        total
    }

    fn top_containers(&self) -> Vec<u32> {
        let n = self.arena.nodes.len();
        let mut score = vec![0f32; n];
        let mut initialized = vec![false; n];
        let init = |i: u32, score: &mut Vec<f32>, initialized: &mut Vec<bool>| {
            if initialized[i as usize] {
                return;
            }
            initialized[i as usize] = true;
            let base = match &*self.arena.nodes[i as usize].tag {
                "div" | "article" | "main" | "section" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            score[i as usize] = base + self.class_weight(i);
        };
        for i in 0..n as u32 {
            let node = &self.arena.nodes[i as usize];
            if node.kind != Kind::Element || self.junk[i as usize] {
                continue;
            }
            // A paragraph scores its ancestors; text loose in a container
            // scores the container itself first.
            let (chars, commas, mut ancestor) = if self.is_paragraph(i) {
                let s = self.stats[i as usize];
                (s.chars, s.commas, node.parent)
            } else if matches!(
                &*node.tag,
                "div" | "section" | "article" | "main" | "td" | "blockquote"
            ) {
                let (chars, links, commas) = self.inline_text(i);
                if links * 2 > chars {
                    continue;
                }
                (chars, commas, i)
            } else {
                continue;
            };
            if chars < 25 {
                continue;
            }
            let content = 1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0);
            let mut level = 0;
            while ancestor != NONE && level < 5 {
                let tag = &*self.arena.nodes[ancestor as usize].tag;
                if tag == "#document" || tag == "html" {
                    break;
                }
                init(ancestor, &mut score, &mut initialized);
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[ancestor as usize] += content / divider;
                ancestor = self.arena.nodes[ancestor as usize].parent;
                level += 1;
            }
        }
        let mut best = NONE;
        let mut best_score = f32::MIN;
        for i in 0..n {
            if !initialized[i] {
                continue;
            }
            let s = score[i] * (1.0 - self.link_density(i as u32));
            score[i] = s;
            if s > best_score {
                best_score = s;
                best = i as u32;
            }
        }
        if best == NONE {
            return vec![self.arena.body];
        }
        let top = self.refine_top(best, &score, &initialized);
        let top_score = if initialized[top as usize] {
            score[top as usize]
        } else {
            best_score
        };
        let threshold = (top_score * 0.2).max(10.0);
        let parent = self.arena.nodes[top as usize].parent;
        if parent == NONE {
            return vec![top];
        }
        let top_names = &self.arena.nodes[top as usize].names;
        let mut out = Vec::new();
        for sibling in self.arena.children(parent) {
            if sibling == top {
                out.push(sibling);
                continue;
            }
            let node = &self.arena.nodes[sibling as usize];
            if node.kind != Kind::Element || self.junk[sibling as usize] {
                continue;
            }
            let mut bonus = 0.0;
            if !top_names.is_empty() && node.names == *top_names {
                bonus = top_score * 0.2;
            }
            if initialized[sibling as usize] && score[sibling as usize] + bonus >= threshold {
                out.push(sibling);
                continue;
            }
            if &*node.tag == "p" {
                let s = self.stats[sibling as usize];
                let density = self.link_density(sibling);
                // A long paragraph with few links, or a short one that ends
                // a sentence and links nowhere.
                let long_prose = s.chars > 80 && density < 0.25;
                let short_prose = s.chars > 0 && density == 0.0 && self.ends_sentence(sibling);
                if long_prose || short_prose {
                    out.push(sibling);
                }
            }
        }
        out
    }

    /// Readability's refinements of the best-scoring container: an
    /// ancestor shared by three close runners-up holds the whole story
    /// (a body split into several blocks); a parent whose score rises
    /// holds more of it; an only child stands for its parent.
    fn refine_top(&self, best: u32, score: &[f32], initialized: &[bool]) -> u32 {
        let body = self.arena.body;
        let best_score = score[best as usize];
        let mut runners_up: Vec<u32> = (0..score.len() as u32)
            .filter(|&i| i != best && initialized[i as usize])
            .collect();
        runners_up.sort_by(|a, b| score[*b as usize].total_cmp(&score[*a as usize]));
        runners_up.truncate(4);
        runners_up.retain(|&i| best_score > 0.0 && score[i as usize] / best_score >= 0.75);
        let mut top = best;
        if runners_up.len() >= 3 {
            let mut ancestor = self.arena.nodes[top as usize].parent;
            while ancestor != NONE && ancestor != body {
                let containing = runners_up
                    .iter()
                    .filter(|&&r| self.is_ancestor(ancestor, r))
                    .count();
                if containing >= 3 {
                    top = ancestor;
                    break;
                }
                ancestor = self.arena.nodes[ancestor as usize].parent;
            }
        }
        if initialized[top as usize] {
            let mut last = score[top as usize];
            let threshold = last / 3.0;
            let mut parent = self.arena.nodes[top as usize].parent;
            while parent != NONE && parent != body {
                if initialized[parent as usize] {
                    let parent_score = score[parent as usize];
                    if parent_score < threshold {
                        break;
                    }
                    if parent_score > last {
                        top = parent;
                        break;
                    }
                    last = parent_score;
                }
                parent = self.arena.nodes[parent as usize].parent;
            }
        }
        // The story's other blocks: an ancestor with much more prose and
        // few links holds the rest of it (a body split into sections that
        // each score less than the best one), even through wrappers that
        // add nothing by themselves.
        let mut ancestor = top;
        loop {
            // The publisher's `article` ends the story: what is around it
            // is other stories' teasers, however much prose they hold.
            if &*self.arena.nodes[ancestor as usize].tag == "article" {
                break;
            }
            ancestor = self.arena.nodes[ancestor as usize].parent;
            if ancestor == NONE || ancestor == body {
                break;
            }
            let (own, theirs) = (
                self.stats[top as usize].prose,
                self.stats[ancestor as usize].prose,
            );
            let more_prose = theirs as f32 >= own as f32 * 1.5 && self.link_density(ancestor) < 0.2;
            let thin_wrapper = theirs == own
                && self.stats[ancestor as usize].chars <= self.stats[top as usize].chars + 200;
            if more_prose || thin_wrapper {
                top = ancestor;
            }
        }
        loop {
            let parent = self.arena.nodes[top as usize].parent;
            if parent == NONE || parent == body {
                break;
            }
            let elements = self
                .arena
                .children(parent)
                .filter(|&c| self.arena.nodes[c as usize].kind == Kind::Element)
                .count();
            if elements != 1 {
                break;
            }
            top = parent;
        }
        top
    }

    fn is_ancestor(&self, ancestor: u32, mut node: u32) -> bool {
        while node != NONE {
            if node == ancestor {
                return true;
            }
            node = self.arena.nodes[node as usize].parent;
        }
        false
    }

    fn ends_sentence(&self, i: u32) -> bool {
        let mut text = String::new();
        self.collect_text(i, &mut text);
        crate::extract::support::text::ends_like_sentence(text.trim())
    }

    fn collect_text(&self, i: u32, out: &mut String) {
        let node = &self.arena.nodes[i as usize];
        if self.junk[i as usize] {
            return;
        }
        if node.kind == Kind::Text {
            out.push_str(&node.text);
            return;
        }
        for c in self.arena.children(i) {
            self.collect_text(c, out);
        }
    }

    /// A container inside the story that is chrome by its content: mostly
    /// links (lists of other stories, tag clouds), or short and link-heavy.
    fn is_link_block(&self, i: u32) -> bool {
        let node = &self.arena.nodes[i as usize];
        if !matches!(
            &*node.tag,
            "div" | "section" | "ul" | "ol" | "table" | "form" | "dl" | "p" | "li"
        ) {
            return false;
        }
        let s = self.stats[i as usize];
        if s.chars == 0 {
            return false;
        }
        let density = self.link_density(i);
        let weight = self.class_weight(i);
        if &*node.tag == "p" {
            return density > 0.7 && s.chars < 200;
        }
        // Short and link-heavy, with little text of its own beside the
        // links (a list item that is a linked headline and a sentence is
        // prose).
        density > 0.5
            || (weight < 0.0 && density > 0.2)
            || (s.chars < 200 && density > 0.33 && s.commas == 0 && s.chars - s.link_chars < 60)
    }

    fn run(&self) -> Vec<(String, bool)> {
        let containers = self.top_containers();
        let mut out = Emitter::default();
        for c in containers {
            self.emit(c, &mut out);
            out.flush();
        }
        out.blocks
    }

    fn emit(&self, i: u32, out: &mut Emitter) {
        if self.junk[i as usize] {
            return;
        }
        let node = &self.arena.nodes[i as usize];
        if node.kind == Kind::Text {
            out.push(&node.text);
            return;
        }
        let tag = &*node.tag;
        // A short header is the site's banner or the article's title and
        // byline block; some builders put whole sections in `header`.
        if tag == "h1"
            || self.is_link_block(i)
            || (tag == "header" && self.stats[i as usize].chars < 500)
        {
            return;
        }
        let block = BLOCK_TAGS.contains(&tag);
        if block {
            out.flush();
        }
        let subhead = matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6");
        if subhead {
            out.subhead = true;
        }
        for c in self.arena.children(i) {
            self.emit(c, out);
        }
        if block {
            out.flush();
        }
    }
}

#[derive(Default)]
struct Emitter {
    blocks: Vec<(String, bool)>,
    current: String,
    subhead: bool,
}

impl Emitter {
    fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn flush(&mut self) {
        let text = crate::extract::support::text::clean(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.blocks.push((text, self.subhead));
        }
        self.subhead = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            .map(|i| format!(r#"<li class="comment"><div class="comment-body"><p>{comment} {i}</p></div></li>"#))
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
}
