//! What a block printed as a headline looks like, apart from what it
//! says: a few words on a line or three, printed once, no menu.

use std::sync::LazyLock;

use regex::Regex;

use super::block::Block;
use crate::extract::fields::caption::has_credit;
use crate::extract::support::text::is_chrome_phrase;

/// A breadcrumb trail: short steps joined by ">", "›" or "»".
pub(super) static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^>›»]{1,40}(?:\s[>›»]\s[^>›»]{1,40}){1,6}$").expect("valid regex")
});

/// A block shaped like a headline: a few words on a line or three, no
/// full stop, no photo credit, no menu.
pub(super) fn headline_shaped(b: &Block) -> bool {
    (3..=40).contains(&b.words)
        && b.lines <= 3
        && !b.text.ends_with('.')
        && !has_credit(&b.text)
        && !is_menu(b)
}

/// A headline the page prints once: headline-shaped, four words or more,
/// neither a widget's phrase nor a breadcrumb.
pub(super) fn unrepeated_headline(b: &Block) -> bool {
    headline_shaped(b)
        && b.words >= 4
        && !is_chrome_phrase(&b.text)
        && !BREADCRUMB.is_match(&b.text)
}

/// Menus: several short lines in one block.
pub(super) fn is_menu(block: &Block) -> bool {
    block.lines >= 3 && block.words < block.lines * 4
}
