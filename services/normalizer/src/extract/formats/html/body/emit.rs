//! The blocks read out of the chosen containers, in order, page chrome
//! left out.

use super::arena::Kind;
use super::names::BLOCK_TAGS;
use super::pass::Pass;

impl Pass<'_> {
    pub(super) fn ends_sentence(&self, i: u32) -> bool {
        let mut text = String::new();
        self.collect_text(i, &mut text);
        crate::extract::support::text::ends_like_sentence(text.trim())
    }

    pub(super) fn collect_text(&self, i: u32, out: &mut String) {
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
    pub(super) fn is_link_block(&self, i: u32) -> bool {
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

    pub(super) fn run(&self) -> Vec<(String, bool)> {
        let containers = self.top_containers();
        let mut out = Emitter::default();
        for c in containers {
            self.emit(c, &mut out);
            out.flush();
        }
        out.blocks
    }

    pub(super) fn emit(&self, i: u32, out: &mut Emitter) {
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
pub(super) struct Emitter {
    pub(super) blocks: Vec<(String, bool)>,
    pub(super) current: String,
    pub(super) subhead: bool,
}

impl Emitter {
    pub(super) fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }

    pub(super) fn flush(&mut self) {
        let text = crate::extract::support::text::clean(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.blocks.push((text, self.subhead));
        }
        self.subhead = false;
    }
}
