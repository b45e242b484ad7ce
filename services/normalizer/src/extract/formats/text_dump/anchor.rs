//! The headline block a dumped story's byline and dates are read by:
//! pages print today's date in the header and other stories' bylines and
//! dates in teasers, so the ones nearest the headline are the story's.

use super::block::{Block, Role};

/// Prose blocks a story region may open with before its headline, when
/// no headline is printed above it: one is a menu or banner read as
/// prose; after more, a heading of that shape is a chart's or a
/// section's, not the page's headline.
const CHROME_READ_AS_PROSE: usize = 1;

/// The block of the story's headline, which its byline and dates are
/// read by: the printing of the chosen headline above the story, else
/// the last headline-shaped block above it, else the chosen headline
/// inside the story region when at most one block of prose comes before
/// it there (a menu the dump read as prose opened the region), else the
/// region's first block.
pub(super) fn headline_block(
    blocks: &[Block],
    (start, end): (usize, usize),
    title: Option<&str>,
) -> usize {
    let is_headline = |b: &Block| b.role == Role::Title && Some(b.text.as_str()) == title;
    blocks[..start]
        .iter()
        .rposition(is_headline)
        .or_else(|| blocks[..start].iter().rposition(|b| b.role == Role::Title))
        .or_else(|| {
            let at = blocks[start..end].iter().position(is_headline)?;
            let prose_above = blocks[start..start + at]
                .iter()
                .filter(|b| b.role == Role::Content)
                .count();
            (prose_above <= CHROME_READ_AS_PROSE).then_some(start + at)
        })
        .unwrap_or(start)
}
