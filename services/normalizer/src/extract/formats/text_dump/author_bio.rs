//! The author's bio box a page prints after its story ("Jayesh Shinde" /
//! "Jayesh Shinde is the executive editor at …"): a paragraph in the
//! story's second half that opens with the byline's name, or that says
//! who a journalist is, starts the box, not more of the story.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::{Author, Paragraph};

use crate::extract::support::text::word_count;

/// Words that follow an author's name at the start of a bio (English,
/// German, French, Spanish, Italian, Dutch).
const BIO_VERBS: [&str; 15] = [
    "is", "has", "was", "writes", "covers", "joined", "ist", "hat", "schreibt", "est", "es", "è",
    "ha", "heeft", "schrijft",
];

/// The story's paragraphs up to the author's bio box, when there is one
/// after the first half of its words (a story may quote its author early).
pub fn before_author_bio(mut paragraphs: Vec<Paragraph>, authors: &[Author]) -> Vec<Paragraph> {
    let words: Vec<usize> = paragraphs.iter().map(|p| word_count(&p.text)).collect();
    let total: usize = words.iter().sum();
    let mut seen = 0;
    let mut cut = None;
    for (i, p) in paragraphs.iter().enumerate() {
        let bio = || {
            authors.iter().any(|a| opens_bio(&p.text, &a.name)) || JOURNALIST_BIO.is_match(&p.text)
        };
        // The box's own heading over a paragraph ("About the authors").
        let headed_box = || {
            p.subhead
                && ABOUT_THE_AUTHOR.is_match(p.text.trim())
                && paragraphs.get(i + 1).is_some_and(|next| !next.subhead)
        };
        if seen * 2 >= total && (bio() || headed_box() || portrait_box(&p.text)) {
            cut = Some(i);
            break;
        }
        seen += words[i];
    }
    if let Some(mut at) = cut {
        // The box's heading ("About the author") goes with it.
        if at > 0 && paragraphs[at - 1].subhead {
            at -= 1;
        }
        paragraphs.truncate(at);
    }
    paragraphs
}

/// A journalist's biography, whether or not the byline named them: "Meg
/// James is a corporate media reporter for the Los Angeles Times". A
/// person's name of two to four words (a name printed twice allowed),
/// "is a" or "was the", and a writing trade within a few words.
pub(super) static JOURNALIST_BIO: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"\p{Lu}[\w'’.-]+(?:\s\p{Lu}[\w'’.-]+){1,3}";
    Regex::new(&format!(
        // The trade in any case ("a Staff Writer at WIRED"); a handle may
        // follow the name ("Molly Wood (@mollywood) is an Ideas
        // contributor").
        r"^(?:{name}\s)?{name}\s(?:\(@\w+\)\s)?(?:is|was)\s(?:an?|the)\s(?:[\w-]+\s){{0,6}}?(?i:{})s?\b",
        "writer|reporter|journalist|editor|columnist|correspondent|contributor|author|freelancer|producer|blogger|photographer"
    ))
    .expect("valid regex")
});

/// An author box's portrait described before the name it shows, the name
/// printed again after it: "Headshot of Ollie Simpson Oliver Simpson Senior
/// Research Executive …", "Picture of Selin Romano Selin Romano Selin is
/// …".
static PORTRAIT_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:headshot|picture|photo|image|portrait|profile (?:photo|picture)|avatar)(?i: of)?\s+",
        r"(?:\p{Lu}[\p{L}'’-]+\s)+?(?P<last>\p{Lu}[\p{L}'’-]+)\s"
    ))
    .expect("valid regex")
});

/// Whether a paragraph opens as an author box's portrait and name.
fn portrait_box(text: &str) -> bool {
    // Every portrait word starts with one of these letters.
    if !text.starts_with(|c: char| "HhPpIiAa".contains(c)) {
        return false;
    }
    PORTRAIT_OPENING.captures(text).is_some_and(|c| {
        let rest = &text[c.get(0).map_or(0, |m| m.end())..];
        // The surname again within the next few words.
        rest.split_whitespace().take(6).any(|w| w == &c["last"])
    })
}

/// The heading of an author box, in the languages the dates are read in.
static ABOUT_THE_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:about the (?:authors?|writers?|contributors?)|meet the authors?",
        r"|über (?:den autor|die autorin|die autoren)|à propos de l'auteur|sobre (?:el|o) autora?)\s*:?$"
    ))
    .expect("valid regex")
});

/// "Jane Doe", "About Jane Doe", "Jane Doe is …", "Jane Doe, a reporter …".
fn opens_bio(text: &str, name: &str) -> bool {
    let text = text.trim();
    let text = text.strip_prefix("About ").unwrap_or(text);
    let Some(rest) = text.strip_prefix(name) else {
        return false;
    };
    // An author box's link and caption print the name twice, and the bio
    // may go on with the first name ("Shannon Vize Shannon Vize Shannon
    // is …").
    let rest = rest
        .strip_prefix(' ')
        .and_then(|r| r.strip_prefix(name))
        .unwrap_or(rest);
    let first = name.split(' ').next().unwrap_or(name);
    let rest = rest
        .strip_prefix(' ')
        .and_then(|r| r.strip_prefix(first))
        .filter(|r| r.starts_with(' '))
        .unwrap_or(rest);
    rest.is_empty()
        || rest.starts_with(", ")
        || rest
            .strip_prefix(' ')
            .and_then(|r| r.split_whitespace().next())
            .is_some_and(|w| BIO_VERBS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Paragraph {
        Paragraph {
            text: text.into(),
            subhead: false,
        }
    }

    fn author(name: &str) -> Author {
        Author {
            name: name.into(),
            email: None,
        }
    }

    #[test]
    fn the_story_ends_at_its_authors_bio() {
        let story = "The council voted on Tuesday to widen the road past the school and the park.";
        let paragraphs = vec![
            paragraph(story),
            paragraph(story),
            paragraph("Jane Doe"),
            paragraph("Jane Doe is a reporter who covers the city council and its schools."),
        ];
        let kept = before_author_bio(paragraphs.clone(), &[author("Jane Doe")]);
        assert_eq!(kept.len(), 2);
        let mut german = paragraphs;
        german[2] = paragraph("Anna Schmidt ist Redakteurin im Ressort Stadt.");
        german.truncate(3);
        assert_eq!(
            before_author_bio(german, &[author("Anna Schmidt")]).len(),
            2
        );
    }

    #[test]
    fn a_headed_or_doubled_author_box_ends_the_story() {
        let story = "The council voted on Tuesday to widen the road past the school and the park.";
        let heading = Paragraph {
            text: "About the authors".into(),
            subhead: true,
        };
        let bio = paragraph("Shannon Vize Shannon Vize Shannon is the content manager here.");
        let paragraphs = vec![paragraph(story), paragraph(story), heading, bio.clone()];
        assert_eq!(before_author_bio(paragraphs, &[]).len(), 2);
        let paragraphs = vec![paragraph(story), paragraph(story), bio];
        assert_eq!(
            before_author_bio(paragraphs, &[author("Shannon Vize")]).len(),
            2
        );
        let portrait = paragraph(
            "Headshot of Ollie Simpson Oliver Simpson Senior Research Executive Oliver Simpson is a researcher.",
        );
        let paragraphs = vec![paragraph(story), paragraph(story), portrait];
        assert_eq!(before_author_bio(paragraphs, &[]).len(), 2);
        // A photo's caption in the story names no one twice.
        let caption = paragraph("Photo of Main Street Bridge after the storm, taken on Monday.");
        let paragraphs = vec![paragraph(story), paragraph(story), caption];
        assert_eq!(before_author_bio(paragraphs, &[]).len(), 3);
    }

    #[test]
    fn a_journalists_biography_ends_the_story_without_a_byline() {
        let story = "The council voted on Tuesday to widen the road past the school and the park.";
        let bio = "Meg James is a corporate media reporter for the Los Angeles Times, covering television.";
        let paragraphs = vec![
            paragraph(story),
            paragraph(story),
            paragraph(bio),
            paragraph("Company Town Diversity among directors improves"),
        ];
        assert_eq!(before_author_bio(paragraphs, &[]).len(), 2);
        for bio in [
            "Louise Matsakis is a Staff Writer at WIRED covering Amazon, security, and online platforms.",
            "Molly Wood (@mollywood) is an Ideas contributor at WIRED and the host of a radio show.",
        ] {
            let paragraphs = vec![paragraph(story), paragraph(story), paragraph(bio)];
            assert_eq!(before_author_bio(paragraphs, &[]).len(), 2, "{bio}");
        }
        // Not a tool, not a question.
        for text in [
            "Flatliner is a handy code editor that helps to test expressions.",
            "Who is the author? Nationality, training and interests matter.",
        ] {
            let paragraphs = vec![paragraph(story), paragraph(story), paragraph(text)];
            assert_eq!(before_author_bio(paragraphs, &[]).len(), 3, "{text}");
        }
    }

    #[test]
    fn a_story_that_names_its_author_early_or_in_passing_is_kept() {
        let story = "The council voted on Tuesday to widen the road past the school and the park.";
        let paragraphs = vec![
            paragraph("Jane Doe is one of the parents who asked for the vote, she told us."),
            paragraph(story),
            paragraph(story),
            paragraph("Jane Doeson, a neighbour, agreed with the plan."),
        ];
        let kept = before_author_bio(paragraphs.clone(), &[author("Jane Doe")]);
        assert_eq!(kept, paragraphs);
        assert_eq!(before_author_bio(paragraphs.clone(), &[]), paragraphs);
    }
}
