//! Which containers hold the story: paragraphs score their ancestors, the
//! best container is refined, and its siblings that read like the same
//! story join it.

use super::arena::{Kind, NONE};
use super::pass::Pass;

/// Characters a block needs before it scores its ancestors.
const MIN_SCORING_CHARS: u32 = 25;
/// Levels of ancestors a block's score reaches (parent, grandparent, …).
const SCORED_ANCESTORS: i32 = 5;
/// A sibling of the best container joins it with this share of its score,
/// and no less than `SIBLING_MIN_SCORE`; one with the same class and id
/// names gets this share of the best score as a bonus.
const SIBLING_SHARE: f32 = 0.2;
const SIBLING_MIN_SCORE: f32 = 10.0;
const SAME_NAMES_BONUS: f32 = 0.2;
/// A sibling paragraph longer than this, with links under this share of
/// its text, is the story's prose.
const LONG_PROSE_CHARS: u32 = 80;
const LONG_PROSE_LINK_DENSITY: f32 = 0.25;

impl Pass<'_> {
    pub(super) fn top_containers(&self) -> Vec<u32> {
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
            if chars < MIN_SCORING_CHARS {
                continue;
            }
            let content = 1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0);
            let mut level = 0;
            while ancestor != NONE && level < SCORED_ANCESTORS {
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
        let threshold = (top_score * SIBLING_SHARE).max(SIBLING_MIN_SCORE);
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
                bonus = top_score * SAME_NAMES_BONUS;
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
                let long_prose = s.chars > LONG_PROSE_CHARS && density < LONG_PROSE_LINK_DENSITY;
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
    pub(super) fn refine_top(&self, best: u32, score: &[f32], initialized: &[bool]) -> u32 {
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

    pub(super) fn is_ancestor(&self, ancestor: u32, mut node: u32) -> bool {
        while node != NONE {
            if node == ancestor {
                return true;
            }
            node = self.arena.nodes[node as usize].parent;
        }
        false
    }
}
