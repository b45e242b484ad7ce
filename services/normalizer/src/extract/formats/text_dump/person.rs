//! What reads as a person's name in a dump: two to four capitalised
//! words, not a heading's or a widget's words, not words rendering ran
//! together.

use crate::extract::fields::byline::clean_name;
use crate::extract::fields::dates;

/// Words a name block holds at most, credentials included.
pub(super) const MAX_NAME_WORDS: usize = 8;

/// A person's name: two to four words each starting with a capital (a
/// credential after a comma allowed: "Dylan Bailey, MS, RD").
pub(super) fn person(text: &str) -> Option<String> {
    if text.split_whitespace().count() > MAX_NAME_WORDS {
        return None;
    }
    let name = text.split(',').next()?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    let capitalised = (2..=4).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            // A particle inside a name stays lower case ("Nick van Mead",
            // "Ursula von der Leyen").
            if i > 0 && i < last && NAME_PARTICLES.contains(w) {
                return true;
            }
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || "'’.-".contains(c))
        });
    if !capitalised {
        return None;
    }
    // Each word lower-cased once, for both word lists.
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let other_words = words.iter().zip(&lower).any(|(w, lower)| {
        dates::is_month_name(w.trim_end_matches('.'))
            || glued_words(w)
            || HEADING_WORDS.contains(&lower.as_str())
    }) || CALL_TO_ACTION.contains(&lower[0].as_str());
    if other_words {
        return None;
    }
    clean_name(name).filter(|n| n.split_whitespace().count() >= 2)
}

/// Lower-case words inside a name: "van", "von der", "de la", "bin".
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "ibn",
    "al", "ter", "ten",
];

/// Words of the short headings and widgets printed around a headline,
/// never of a name: "Key Highlights", "No Comments", "Key Takeaways".
pub(super) const HEADING_WORDS: &[&str] = &[
    "comment",
    "comments",
    "contents",
    "highlights",
    "menu",
    "related",
    "replies",
    "reply",
    "subscribe",
    "summary",
    "takeaways",
    "tools",
    // A comment's or a quote's header: "Anonymous Coward writes",
    // "midwestlifeandstyle says".
    "writes",
    "wrote",
    "says",
    // The same in German: "Keine Kommentare", "Inhalt".
    "kommentar",
    "kommentare",
    "antworten",
    "inhalt",
    "inhaltsverzeichnis",
    // A dating or review label's words: "Last Updated", "Fact Checked".
    "updated",
    "published",
    "posted",
    "checked",
    "reviewed",
    "edited",
];

/// Verbs that open a button or a menu entry ("Get A Demo", "Find Care",
/// "Book Online"), never a name: the first word only, and none that is
/// also a given name ("Will", "Mark", "Grant"). "Subscribe" is a heading
/// word anywhere (`HEADING_WORDS`).
const CALL_TO_ACTION: &[&str] = &[
    "apply", "book", "browse", "buy", "compare", "contact", "discover", "donate", "download",
    "explore", "find", "follow", "get", "join", "learn", "listen", "log", "order", "print", "read",
    "register", "request", "save", "schedule", "search", "share", "shop", "sign", "start",
    "submit", "try", "view", "visit", "watch",
];

/// Words the dump ran together, as share widgets print them
/// ("FacebookTwitterPinterestEmailWhatsApp"): four capitals or more in a
/// part of a word (between hyphens) that is not all capitals. Names and
/// brands have fewer ("McDonald", "DianaHR", "FOCUS-Online").
fn glued_words(word: &str) -> bool {
    word.split('-').any(|part| {
        part.chars().filter(|c| c.is_uppercase()).count() >= 4
            && part.chars().any(char::is_lowercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_particle_inside_a_name() {
        assert_eq!(person("Nick van Mead").as_deref(), Some("Nick van Mead"));
        assert_eq!(
            person("Ursula von der Leyen").as_deref(),
            Some("Ursula von der Leyen")
        );
        // Not first or last: "van Mead", "Nick van" are no names.
        assert_eq!(person("van Mead"), None);
        assert_eq!(person("Nick van"), None);
    }

    #[test]
    fn buttons_and_dating_labels_are_not_names() {
        for text in [
            "Get A Demo",
            "Find Care",
            "Order Reprints",
            "Last Updated",
            "Published Monday",
            "Fact Checked",
        ] {
            assert_eq!(person(text), None, "{text}");
        }
        // Given names that are also verbs stay names.
        assert_eq!(person("Will Judd").as_deref(), Some("Will Judd"));
        assert_eq!(person("Mark Young").as_deref(), Some("Mark Young"));
    }

    #[test]
    fn names_are_two_to_four_capitalised_words() {
        assert_eq!(
            person("Dylan Bailey, MS, RD, FAND").as_deref(),
            Some("Dylan Bailey")
        );
        assert_eq!(
            person("Chirag Bhardwaj").as_deref(),
            Some("Chirag Bhardwaj")
        );
        assert_eq!(person("Table of Contents"), None);
        assert_eq!(person("Budget"), None);
        assert_eq!(person("March 5 2025"), None);
        // A share widget's links run together, beside the dateline.
        assert_eq!(
            person("Copy Link FacebookTwitterPinterestEmailWhatsApp"),
            None
        );
        assert_eq!(
            person("Ronald McDonald").as_deref(),
            Some("Ronald McDonald")
        );
        assert_eq!(
            person("JOHN SMITH").as_deref().map(str::is_empty),
            Some(false)
        );
        assert_eq!(
            person("Read the full report on the budget vote today"),
            None
        );
    }
}
