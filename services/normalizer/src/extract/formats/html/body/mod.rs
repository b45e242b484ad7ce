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

mod arena;
mod emit;
mod names;
mod pass;
mod scoring;
#[cfg(test)]
mod tests;

use dom_query::Document;

use arena::{Arena, NONE};
use pass::Pass;

/// A strict pass that finds this many words has found the story; below
/// it, the relaxed pass is tried.
const STRICT_ENOUGH_WORDS: usize = 100;
/// The relaxed pass wins when it finds more than this many times the
/// strict pass's words.
const RELAXED_GAIN: usize = 2;
/// A body of this many words or more is as long as a story needs to be
/// for full confidence in its length.
const FULL_CONFIDENCE_WORDS: f32 = 300.0;
/// Confidence in a body: base + weight × (length confidence), higher for a
/// strict pass's body than for a relaxed pass's.
const STRICT_CONFIDENCE: (f32, f32) = (0.4, 0.6);
const RELAXED_CONFIDENCE: (f32, f32) = (0.2, 0.5);

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
    let length_confidence = |n: usize| (n as f32 / FULL_CONFIDENCE_WORDS).min(1.0);
    let strict = Pass::new(&arena, true).run();
    let strict_words = words(&strict);
    if strict_words >= STRICT_ENOUGH_WORDS {
        return Body {
            confidence: STRICT_CONFIDENCE.0 + STRICT_CONFIDENCE.1 * length_confidence(strict_words),
            blocks: strict,
        };
    }
    let relaxed = Pass::new(&arena, false).run();
    let relaxed_words = words(&relaxed);
    if relaxed_words > strict_words * RELAXED_GAIN {
        Body {
            confidence: RELAXED_CONFIDENCE.0
                + RELAXED_CONFIDENCE.1 * length_confidence(relaxed_words),
            blocks: relaxed,
        }
    } else {
        Body {
            confidence: STRICT_CONFIDENCE.0 + STRICT_CONFIDENCE.1 * length_confidence(strict_words),
            blocks: strict,
        }
    }
}
