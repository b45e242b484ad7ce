//! A byline's name cut back to the name the page prints on its own: the
//! dump ran a category or a job title into the byline ("by Harsh Vaibhav
//! Global Commons May 2nd", "Written By: Celeste Longacre Gardener &
//! Astrologer"), and the author box further down prints the name alone.

use wirefeed_model::Author;

use super::block::Block;
use super::person::person;

/// Words that make a byline a desk's, never a person's with a title.
const COLLECTIVE_WORDS: &[&str] = &[
    "team",
    "staff",
    "editors",
    "editorial",
    "desk",
    "news",
    "newsroom",
    "weekly",
    "daily",
    "magazine",
    "group",
];

/// Words a name printed alone has at least: one word is a menu's.
const NAME_WORDS: usize = 2;

/// The authors with each name of three words or more cut to the longest
/// name of two words or more that the page prints alone as its first
/// words. What came after a cut name in the byline belonged to its title
/// ("& Astrologer"), so one-word names after it go too.
pub(super) fn cut_to_printed_names(authors: Vec<Author>, blocks: &[Block]) -> Vec<Author> {
    let mut out = Vec::with_capacity(authors.len());
    let mut after_cut = false;
    for mut author in authors {
        let words: Vec<&str> = author.name.split(' ').collect();
        if after_cut && words.len() == 1 {
            continue;
        }
        // A desk's name is whole with its collective word ("NETGEAR Orbi
        // Team", "The Currency editors").
        let desk = || {
            words
                .iter()
                .any(|w| COLLECTIVE_WORDS.contains(&w.to_lowercase().as_str()))
        };
        if words.len() > NAME_WORDS && !desk() {
            let printed = (NAME_WORDS..words.len()).rev().find_map(|n| {
                let prefix = words[..n].join(" ");
                let alone = person(&prefix).as_deref() == Some(prefix.as_str())
                    && blocks.iter().any(|b| b.text.trim() == prefix);
                alone.then_some(prefix)
            });
            if let Some(name) = printed {
                author.name = name;
                after_cut = true;
            }
        }
        out.push(author);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::formats::text_dump::block::Role;

    fn cut(names: &[&str], texts: &[&str]) -> Vec<String> {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::of(t, Role::Subhead, false))
            .collect();
        let authors = names
            .iter()
            .map(|n| Author {
                name: n.to_string(),
                email: None,
            })
            .collect();
        cut_to_printed_names(authors, &blocks)
            .into_iter()
            .map(|a| a.name)
            .collect()
    }

    #[test]
    fn a_name_the_page_prints_alone() {
        assert_eq!(
            cut(
                &["Celeste Longacre Gardener", "Astrologer"],
                &["About", "Celeste Longacre"]
            ),
            ["Celeste Longacre"]
        );
        assert_eq!(
            cut(&["Harsh Vaibhav Global Commons"], &["Harsh Vaibhav"]),
            ["Harsh Vaibhav"]
        );
        assert_eq!(
            cut(&["NETGEAR Orbi Team"], &["NETGEAR Orbi"]),
            ["NETGEAR Orbi Team"]
        );
        // Nothing printed alone: the name stays whole.
        assert_eq!(
            cut(&["Anya von Bremzen", "Tom"], &["Anya von"]),
            ["Anya von Bremzen", "Tom"]
        );
    }
}
