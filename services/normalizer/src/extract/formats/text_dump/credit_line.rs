//! A credit line by the headline with no "By": the writers' names, then a
//! bar or a comma and their role or their newsroom ("Manoj Jain and
//! Jagpreet Chhatwal | Guest Columnists", "Brian Truitt USA TODAY").

use wirefeed_model::Author;

use super::person::person;
use crate::extract::fields::byline::names_a_role;

/// Words an outlet's name printed in capitals after the names holds at
/// most ("USA TODAY", "AP").
const MAX_OUTLET_WORDS: usize = 3;

/// The names of a credit line, when the whole block is one: every name
/// reads as a person's, and what follows them is a role or an outlet in
/// capitals.
pub(super) fn credited_names(text: &str) -> Option<Vec<Author>> {
    let (names, credit) = match text.split_once(" | ") {
        Some((names, credit)) => (names, credit.trim()),
        None => outlet_after_names(text)?,
    };
    // Two writers share a plural role ("Guest Columnists").
    let role = names_a_role(credit) || names_a_role(credit.trim_end_matches('s'));
    if !(role || is_outlet(credit)) {
        return None;
    }
    let authors: Vec<Author> = names
        .split(" and ")
        .flat_map(|part| part.split(" & "))
        // A name in capitals is a desk's or a menu's ("NJ High School
        // Sports LIVE").
        .map(|part| {
            person(part.trim()).filter(|p| p == part.trim() && !p.split(' ').any(is_capitals))
        })
        .map(|name| name.map(|name| Author { name, email: None }))
        .collect::<Option<_>>()?;
    (!authors.is_empty()).then_some(authors)
}

/// The names and the outlet after them when the line ends in a few words
/// in capitals ("Brian Truitt USA TODAY").
fn outlet_after_names(text: &str) -> Option<(&str, &str)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let caps = words.iter().rev().take_while(|w| is_capitals(w)).count();
    if caps == 0 || caps > MAX_OUTLET_WORDS || caps == words.len() {
        return None;
    }
    let start = text.match_indices(words[words.len() - caps]).last()?.0;
    Some((text[..start].trim(), &text[start..]))
}

fn is_outlet(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=MAX_OUTLET_WORDS).contains(&words.len()) && words.iter().all(|w| is_capitals(w))
}

/// A word in capitals of two letters or more ("TODAY", "AP"), an
/// initial's "J." aside.
fn is_capitals(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || "&.-'".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Option<Vec<String>> {
        credited_names(text).map(|a| a.into_iter().map(|a| a.name).collect())
    }

    #[test]
    fn names_then_a_role_or_an_outlet() {
        assert_eq!(
            names("Manoj Jain and Jagpreet Chhatwal | Guest Columnists"),
            Some(vec!["Manoj Jain".into(), "Jagpreet Chhatwal".into()])
        );
        assert_eq!(
            names("Jane Doe | Staff Writer"),
            Some(vec!["Jane Doe".into()])
        );
        assert_eq!(
            names("Brian Truitt USA TODAY"),
            Some(vec!["Brian Truitt".into()])
        );
    }

    #[test]
    fn other_lines_name_nobody() {
        assert_eq!(names("Home | About Us"), None);
        assert_eq!(names("Read More NEWS"), None);
        assert_eq!(names("USA TODAY"), None);
        assert_eq!(names("NJ High School Sports LIVE"), None);
        assert_eq!(names("Jane Doe | Contact"), None);
        assert_eq!(names("The story of Jane Doe | Staff Writer"), None);
    }
}
