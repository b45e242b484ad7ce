//! An author box after the story with no label: the writer's name on its
//! own (or twice, or over a job title), and under it a paragraph about
//! that person which opens with the name ("Lauren Vetter" over "Lauren
//! Vetter is a growth-focused marketing professional …").

use wirefeed_model::Author;

use super::authors::{name_over_role, name_twice};
use super::block::Block;
use super::person::person;

/// Words a bio paragraph under the name has at least: a sentence about
/// the person, not a caption or another name.
const BIO_WORDS: usize = 12;

/// Blocks under the name the bio may start in (a job title may come
/// first: "Tim Green" over "Tim Green UK-based Systems Theorist", then
/// "Tim explores …").
const BIO_REACH: usize = 2;

/// The writer's name over a bio, when the page has one such box: a page
/// that profiles several people under their names ("Jack Butcher" over
/// "Jack Butcher is a conceptual artist …", then the next artist) is a
/// list, not an author box.
pub(super) fn lone_bio_box(blocks: &[Block]) -> Option<Vec<Author>> {
    let mut names = (0..blocks.len()).filter_map(|i| name_over_bio(blocks, i));
    let name = names.next()?;
    names
        .all(|other| other == name)
        .then(|| vec![Author { name, email: None }])
}

/// Words a block holding a name (twice, or over a job title) has at most.
const NAME_BLOCK_WORDS: usize = 14;

/// The name the block at `at` prints when a bio of that person follows it.
fn name_over_bio(blocks: &[Block], at: usize) -> Option<String> {
    let text = blocks[at].text.trim();
    let paragraphs_below = || {
        blocks
            .iter()
            .skip(at + 1)
            .take(BIO_REACH)
            .filter(|b| b.words >= BIO_WORDS)
    };
    // A short block, then a paragraph whose first word the block prints
    // (the name's first word) or that opens with a job title in brackets:
    // the name rules run on few blocks.
    let bio_below = paragraphs_below().any(|b| {
        b.text.starts_with('(') || b.text.split(' ').next().is_some_and(|w| text.contains(w))
    });
    if blocks[at].words > NAME_BLOCK_WORDS || !bio_below {
        return None;
    }
    let name = person(text)
        .filter(|name| name == text)
        .or_else(|| name_twice(text))
        .or_else(|| name_over_role(text))?;
    paragraphs_below()
        .any(|b| opens_with(&b.text, &name) && about_a_person(&b.text))
        .then_some(name)
}

/// Words that speak of a person, as they stand in a sentence or open
/// one: a paragraph under a product's or a heading's name ("Proton VPN is
/// …", "Lorem Ipsum is …") has none.
const PERSONAL_WORDS: &[&str] = &[
    "he", "He", "she", "She", "his", "His", "her", "Her", "him", "I", "I'm", "I’m", "my", "My",
];

fn about_a_person(text: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| PERSONAL_WORDS.contains(&w))
}

/// Whether a paragraph starts by naming the person (whole name or first
/// name, after a job title in brackets) and goes on in a sentence: "Tim
/// explores …", "(Editor / Journalist) – Albert comes from …", "Emmanuel
/// John I'm a …".
fn opens_with(text: &str, name: &str) -> bool {
    let text = match text.strip_prefix('(') {
        Some(rest) => rest
            .split_once(')')
            .map_or("", |(_, after)| after)
            .trim_start_matches([' ', '–', '-', '—']),
        None => text,
    };
    let first = name.split(' ').next().unwrap_or(name);
    [name, first].iter().any(|opening| {
        text.strip_prefix(opening)
            .and_then(|rest| rest.strip_prefix(' '))
            .and_then(|rest| rest.split(' ').next())
            .is_some_and(|word| {
                word.chars().next().is_some_and(char::is_lowercase)
                    || word == "I'm"
                    || word == "I’m"
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::formats::text_dump::block::Role;

    fn boxed(texts: &[&str]) -> Option<String> {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::of(t, Role::Subhead, false))
            .collect();
        lone_bio_box(&blocks).map(|a| a[0].name.clone())
    }

    const BIO: &str = "is a growth-focused marketing professional specializing in healthcare technology and software.";

    #[test]
    fn a_name_over_a_paragraph_about_that_person() {
        let bio = format!("Lauren Vetter {BIO} She lives in Ohio.");
        assert_eq!(
            boxed(&["Lauren Vetter Lauren Vetter", &bio]).as_deref(),
            Some("Lauren Vetter")
        );
        assert_eq!(
            boxed(&[
                "Albert Swann",
                "(Editor / Journalist) – Albert comes from an automotive background, having worked at his family garage."
            ])
            .as_deref(),
            Some("Albert Swann")
        );
    }

    #[test]
    fn two_profiles_are_a_list() {
        let first = format!("Lauren Vetter {BIO} She writes.");
        let second = format!("Jane Roe {BIO} She writes.");
        assert_eq!(boxed(&["Lauren Vetter", &first, "Jane Roe", &second]), None);
        assert_eq!(
            boxed(&["Lauren Vetter", &first]).as_deref(),
            Some("Lauren Vetter")
        );
    }

    #[test]
    fn no_bio_no_name() {
        let other = format!("Jane Roe {BIO} She writes.");
        // Not about a person: a product under its name.
        assert_eq!(
            boxed(&["Proton VPN", "Proton VPN is a strong contender in the VPN space, and they have been in operation since 2016."]),
            None
        );
        assert_eq!(boxed(&["Lauren Vetter", &other]), None);
        assert_eq!(boxed(&["Lauren Vetter", "Lauren Vetter is here."]), None);
        assert_eq!(
            boxed(&["Lauren Vetter", &format!("Lauren Vetter Announces {BIO}")]),
            None
        );
    }
}
