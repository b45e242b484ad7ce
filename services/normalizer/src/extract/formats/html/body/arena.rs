//! The DOM copied into a compact arena (tag, class and id words, text)
//! in one walk, with what both passes read from it found once.

use dom_query::{Document, NodeData, NodeRef};
use html5ever::tendril::StrTendril;
use html5ever::LocalName;

use super::names::{is_streamed_segment_id, NameMarks, BLOCK_TAGS, SKIPPED_TAGS};
use crate::extract::support::text::is_space_byte;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Element,
    Text,
}

pub(super) struct Node {
    pub(super) kind: Kind,
    /// Local name (elements), lower-case as the HTML parser gives it; the
    /// tree's own interned name, so copying it allocates nothing.
    pub(super) tag: LocalName,
    /// Class and id, lower-case, space-separated (elements).
    pub(super) names: Box<str>,
    /// Text content (text nodes), raw; shares the tree's buffer.
    pub(super) text: StrTendril,
    /// Characters of the text other than white space, and its commas
    /// (text nodes): the same in both passes, so counted once.
    pub(super) chars: u32,
    pub(super) commas: u32,
    pub(super) parent: u32,
    pub(super) first_child: u32,
    pub(super) next_sibling: u32,
    /// `itemprop="articleBody"`.
    pub(super) article_body: bool,
    /// `hidden`, `aria-hidden="true"`, `display:none`/`visibility:hidden`,
    /// or a landmark role of page chrome.
    pub(super) hidden: bool,
}

pub(super) const NONE: u32 = u32::MAX;

#[derive(Default, Clone, Copy)]
pub(super) struct Stats {
    pub(super) chars: u32,
    pub(super) link_chars: u32,
    pub(super) commas: u32,
    /// Characters in paragraph-like blocks that are not mostly links.
    pub(super) prose: u32,
}

pub(super) struct Arena {
    pub(super) nodes: Vec<Node>,
    pub(super) body: u32,
    /// Per node: reads as a paragraph (see `Arena::reads_as_paragraph`);
    /// the same in both passes, so found once.
    pub(super) paragraph: Vec<bool>,
    /// Per node: which of the class-word lists its class and id match
    /// (`NameMarks`); the same in both passes, so found once.
    pub(super) marks: Vec<u8>,
    /// Per node: left out for its tag (`SKIPPED_TAGS`). A navigation,
    /// aside or footer element around the page's `article` or `main` is not:
    /// it is a markup slip (an `<aside>` banner never closed wraps the whole
    /// page as a browser shows it), not chrome.
    pub(super) skipped_tag: Vec<bool>,
    /// Per node: holds the page's `h1`, an `article` element and at least
    /// half of the page's text. One named like chrome is still the story's
    /// own area ("section-hero cc-newsletter" around a newsletter's text);
    /// a "quickview" box with a copy of the headline and a summary is not.
    pub(super) story_area: Vec<bool>,
}

impl Arena {
    pub(super) fn build(doc: &Document) -> Arena {
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
                        let tag = e.name.local.clone();
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
                                    let start = names.len();
                                    names.push_str(&a.value);
                                    names[start..].make_ascii_lowercase();
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
                            StrTendril::new(),
                            article_body,
                            hidden,
                        ))
                    }
                    NodeData::Text { contents } => Some((
                        Kind::Text,
                        LocalName::default(),
                        Box::<str>::default(),
                        contents.clone(),
                        false,
                        false,
                    )),
                    NodeData::Document | NodeData::Fragment => Some((
                        Kind::Element,
                        LocalName::from("#document"),
                        Box::<str>::default(),
                        StrTendril::new(),
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
            let (chars, commas) = text_counts(&text);
            arena.nodes.push(Node {
                kind,
                tag,
                names,
                text,
                chars,
                commas,
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
                stack.extend(node.children_it(true).map(|child| (child, index)));
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
    pub(super) fn find_story_areas(&mut self) {
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
    pub(super) fn reads_as_paragraph(&self, i: u32) -> bool {
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

    pub(super) fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
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

/// Characters of a text other than white space, and its commas (also the
/// ideographic "，" and "、"). Most page text is ASCII: counted by bytes.
fn text_counts(text: &str) -> (u32, u32) {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        let blank = bytes.iter().filter(|&&b| is_space_byte(b)).count();
        let commas = memchr::memchr_iter(b',', bytes).count();
        return ((bytes.len() - blank) as u32, commas as u32);
    }
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let commas = text.matches([',', '，', '、']).count();
    (chars as u32, commas as u32)
}

#[cfg(test)]
mod tests {
    use super::text_counts;

    #[test]
    fn text_counts_count_as_char_by_char() {
        for text in [
            "",
            "Plain text, with commas, and\ttabs\nand lines\r\n",
            "\u{b}vertical tab\u{c}form feed",
            "Café, crème brûlée\u{a0}and\u{2003}odd spaces",
            "中文，标点、逗号, mixed",
            "   ",
        ] {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
            let commas = text.matches([',', '，', '、']).count() as u32;
            assert_eq!(text_counts(text), (chars, commas), "{text:?}");
        }
    }
}
