//! An author's portrait printed as text: its description names whom it
//! shows ("Christopher S. Penn's avatar", "Headshot of Lisa Pham"), or
//! its label comes before the name ("Author image Gopal Singh Panwar").

use std::sync::LazyLock;

use regex::Regex;

use super::person::{person, MAX_NAME_WORDS};

/// A word for a portrait.
pub(super) static PORTRAIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:picture|photo|image|headshot|avatar|portrait)\b").expect("valid regex")
});

/// "Wyndo's avatar Wyndo", "Picture of Kev Kev": a one-word name (a
/// first name, a handle) printed twice around its portrait's words.
pub(super) fn one_word_name_around_portrait(words: &[&str]) -> Option<String> {
    let (&last, before) = words.split_last()?;
    let one_word = last.chars().count() >= 3
        && last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().all(char::is_alphabetic);
    let named_before = before
        .iter()
        .any(|w| w.trim_end_matches("'s").trim_end_matches("’s") == last || *w == last);
    (one_word && named_before && PORTRAIT.is_match(&before.join(" "))).then(|| last.to_string())
}

/// A portrait's label before the name it shows: "Author image Gopal
/// Singh Panwar", "Author avatar Jane Doe".
static PORTRAIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:author|profile)[\s-]*(?:image|photo|picture|avatar|headshot))\s+")
        .expect("valid regex")
});

pub(super) fn name_after_portrait_label(text: &str) -> Option<String> {
    let label = PORTRAIT_LABEL.find(text)?;
    person(&text[label.end()..])
}

/// An author box's portrait, described by the name of whom it shows:
/// "Christopher S. Penn's avatar", "Rui Ma Profile Image", "Headshot of
/// Lisa Pham, Associate Content Marketing Writer". Not "… photo" or
/// "… image" alone: "Family Vacation Photo" names no one.
/// The words `NAMED_PORTRAIT` needs, any case: most blocks have none, and
/// are passed over with one scan instead of its search.
static PORTRAIT_WORD: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "avatar", "profile", "headshot", "photo", "picture", "portrait",
        ])
        .expect("valid patterns")
});

static NAMED_PORTRAIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<name>[^,]{3,60}?)(?:'s|’s)?\s+(?i:avatar|profile (?:image|photo|picture)|headshot)$",
        r"|^(?i:headshot|photo|picture|portrait) of\s+(?P<of>[^,]{3,60})(?:,.*)?$"
    ))
    .expect("valid regex")
});

pub(super) fn named_portrait(text: &str) -> Option<String> {
    if text.split_whitespace().count() > MAX_NAME_WORDS + 6 || !PORTRAIT_WORD.is_match(text) {
        return None;
    }
    let c = NAMED_PORTRAIT.captures(text.trim())?;
    person(c.name("name").or_else(|| c.name("of"))?.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_after_its_portraits_label() {
        assert_eq!(
            name_after_portrait_label("Author image Gopal Singh Panwar").as_deref(),
            Some("Gopal Singh Panwar")
        );
        assert_eq!(name_after_portrait_label("Author image"), None);
        assert_eq!(name_after_portrait_label("Gopal Singh Panwar"), None);
    }

    #[test]
    fn a_portrait_described_by_its_subjects_name() {
        for (text, name) in [
            ("Christopher Penn's avatar", "Christopher Penn"),
            ("Rui Ma Profile Image", "Rui Ma"),
            (
                "Headshot of Lisa Pham, Associate Content Marketing Writer at Jobber",
                "Lisa Pham",
            ),
        ] {
            assert_eq!(named_portrait(text).as_deref(), Some(name), "{text}");
        }
        for text in ["Family Vacation Photo", "Featured Image", "Getty Images"] {
            assert_eq!(named_portrait(text), None, "{text}");
        }
    }
}
