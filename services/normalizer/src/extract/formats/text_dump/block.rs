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

/// Words of the story's paragraphs among `blocks`.
pub(super) fn content_words<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> usize {
    blocks
        .into_iter()
        .filter(|b| b.role == Role::Content)
        .map(|b| b.words)
        .sum()
}

#[cfg(test)]
impl Block {
    /// A one-line block of `text`, its words counted at white space.
    pub(super) fn of(text: &str, role: Role, bullet: bool) -> Block {
        Block {
            text: text.to_string(),
            lines: 1,
            words: text.split_whitespace().count(),
            role,
            bullet,
        }
    }
}
