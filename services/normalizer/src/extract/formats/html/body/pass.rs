//! One pass over the arena, strict or relaxed: what is left out, and every
//! element's text, link text, commas and prose summed bottom-up.

use super::arena::{Arena, Kind, Stats, NONE};
use super::names::{NameMarks, BLOCK_TAGS};

/// How much an element's class and id move its score (strict pass only):
/// `itemprop="articleBody"`, a story-body name (`ARTICLE_BODY`), another
/// positive name, a negative one. Readability's weights, with the
/// story-body names added between.
const ARTICLE_BODY_PROP_WEIGHT: f32 = 50.0;
const ARTICLE_BODY_CLASS_WEIGHT: f32 = 35.0;
const POSITIVE_CLASS_WEIGHT: f32 = 25.0;
const NEGATIVE_CLASS_WEIGHT: f32 = 25.0;

pub(super) struct Pass<'a> {
    pub(super) arena: &'a Arena,
    pub(super) strict: bool,
    /// Left out with everything under it.
    pub(super) junk: Vec<bool>,
    pub(super) stats: Vec<Stats>,
}

impl<'a> Pass<'a> {
    pub(super) fn new(arena: &'a Arena, strict: bool) -> Self {
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

    pub(super) fn mark_junk(&mut self) {
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

    pub(super) fn sum_stats(&mut self) {
        // Children come after their parents in the arena: summing in reverse
        // order is a post-order walk.
        for i in (0..self.arena.nodes.len()).rev() {
            if self.junk[i] {
                continue;
            }
            let node = &self.arena.nodes[i];
            if node.kind == Kind::Text {
                self.stats[i].chars += node.chars;
                self.stats[i].commas += node.commas;
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
    pub(super) fn sum_prose(&mut self) {
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

    pub(super) fn link_density(&self, i: u32) -> f32 {
        let s = self.stats[i as usize];
        if s.chars == 0 {
            0.0
        } else {
            s.link_chars as f32 / s.chars as f32
        }
    }

    pub(super) fn class_weight(&self, i: u32) -> f32 {
        if !self.strict {
            return 0.0;
        }
        let node = &self.arena.nodes[i as usize];
        let mut w = 0.0;
        if node.article_body {
            w += ARTICLE_BODY_PROP_WEIGHT;
        }
        let marks = self.arena.marks[i as usize];
        if marks & NameMarks::ARTICLE_BODY != 0 {
            w += ARTICLE_BODY_CLASS_WEIGHT;
        } else if marks & NameMarks::POSITIVE != 0 {
            w += POSITIVE_CLASS_WEIGHT;
        }
        if marks & NameMarks::NEGATIVE != 0 {
            w -= NEGATIVE_CLASS_WEIGHT;
        }
        w
    }

    pub(super) fn is_paragraph(&self, i: u32) -> bool {
        self.arena.paragraph[i as usize]
    }

    /// Text an element holds outside its block children (a story written
    /// as text and `<br>`s between ad slots): (characters, link
    /// characters, commas).
    pub(super) fn inline_text(&self, i: u32) -> (u32, u32, u32) {
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
}
