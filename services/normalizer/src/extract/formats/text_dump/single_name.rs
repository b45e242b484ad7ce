//! A one-word name under a story's headline: a first name, a handle or
//! a desk, dated right after it. Read only when no byline or fuller name
//! was found: a lone word is a menu item or a tag far more often.

use wirefeed_model::Author;

use super::authors::{MONTH_DAY, PLACEHOLDERS};
use super::block::{Block, Role};
use super::lines::{is_date_label, without_bullet};
use super::person::HEADING_WORDS;
use crate::extract::fields::byline::is_weekday;
use crate::extract::fields::dates;

/// A one-word name dated under the headline (`single_name_dated`), for a
/// story where no byline or name of two words or more was found.
pub fn under_headline(blocks: &[Block], anchor: usize) -> Option<Vec<Author>> {
    (anchor + 1..=anchor + SINGLE_NAME_REACH).find_map(|i| {
        let b = blocks.get(i)?;
        if !matches!(b.role, Role::Subhead | Role::Chrome | Role::Unknown) {
            return None;
        }
        let below = blocks.get(i + 1).map_or("", |o| o.text.as_str());
        let name = single_name_dated(&PLACEHOLDERS.replace(&b.text, ""), below)?;
        Some(vec![Author { name, email: None }])
    })
}

/// Blocks under the headline a one-word name is looked for in.
const SINGLE_NAME_REACH: usize = 2;

/// A one-word name (a first name, a handle, a desk) printed under the
/// headline with the story's date right after it, in the block or under
/// it: "Gabo" over "• Jan 23", "Susan December 9, 2024 0 Comments",
/// "inikosoftseo" over "• September 8, 2025". The date is what makes a
/// lone word a byline; a lone word alone is a menu item or a tag.
fn single_name_dated(text: &str, below: &str) -> Option<String> {
    let text = without_bullet(text.trim());
    let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    // A label ("Dodano:", "Teile:") or a dateline's place ("Lübeck, 31.
    // März 2003") is followed by its mark.
    if word.ends_with([':', ',']) {
        return None;
    }
    let word = word.trim_end_matches('-');
    let lower = word.to_lowercase();
    let word_like = (3..=30).contains(&word.chars().count())
        && word.chars().next().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c))
        && !dates::is_month_name(word)
        && !is_weekday(word)
        && !crate::extract::support::weekday_names::is_weekday_name(word)
        // The label pattern takes a colon or none, so "Updated" alone is
        // one too.
        && !is_date_label(word)
        && !HEADING_WORDS.contains(&lower.as_str())
        && !crate::extract::support::byline_words::NOT_NAMES.contains(&lower.as_str());
    if !word_like {
        return None;
    }
    let below = without_bullet(below.trim());
    let dated = match rest.trim() {
        // The block under it is a date and nothing else: "Essay" over
        // "25.10.2022 - Reiner Nagel" is a section's name.
        "" => {
            MONTH_DAY.is_match(below)
                || dates::parse_whole(below).is_some()
                || below.split_whitespace().count() <= 4
                    && crate::extract::fields::relative_dates::age(below).is_some()
        }
        rest => dates::parse_leading(rest).is_some(),
    };
    dated.then(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_word_name_dated_under_the_headline() {
        for (text, below, name) in [
            ("Gabo", "• Jan 23", Some("Gabo")),
            (
                "• inikosoftseo",
                "• September 8, 2025",
                Some("inikosoftseo"),
            ),
            (
                "[624cde] Susan December 9, 2024 0 Comments",
                "",
                Some("Susan"),
            ),
            ("Stefan", "2 days ago", Some("Stefan")),
            // Labels, datelines, weekdays, a section over a dated byline.
            ("Dodano: 30 kwietnia 2021", "", None),
            ("Lübeck, 31. März 2003", "", None),
            ("Mittwoch", "26.01.2022", None),
            ("Updated", "March 5, 2026", None),
            ("Essay", "25.10.2022 - Reiner Nagel", None),
            ("Gabo", "Read the full story", None),
        ] {
            let text = PLACEHOLDERS.replace(text, "");
            assert_eq!(
                single_name_dated(&text, below).as_deref(),
                name,
                "{text} / {below}"
            );
        }
    }
}
