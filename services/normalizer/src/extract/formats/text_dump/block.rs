//! A dump's unit: the lines between two blank lines, and what it is on
//! the page.

/// What a block is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Unknown,
    Title,
    Breadcrumb,
    Caption,
    Byline,
    Chrome,
    Content,
    /// A short heading-like line: a subhead when it stands inside the story.
    Subhead,
}

/// Lines between blank lines, joined, with their role.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) text: String,
    pub(super) lines: usize,
    pub(super) words: usize,
    pub(super) role: Role,
    /// A list item: lists on pages are mostly navigation and teasers.
    pub(super) bullet: bool,
}
