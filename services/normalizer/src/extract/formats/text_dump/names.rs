//! Names as a dump prints them, tidied: a text browser runs the page's
//! separate elements together, so a byline's name arrives glued to what
//! followed it ("Gabby BoucherIn Budget Travel", "Emily WayKatie
//! Bandurski", the author box's "Jonathan JonesJonathan Jones") or with an
//! image's or a link's label after it ("Nina Pineda WABC logo", "Matt
//! Eland avatar", "Scott Matton LinkedIn").

use wirefeed_model::Author;

use crate::extract::fields::byline::names_a_role;

/// Words that end a name where a label of the page follows it.
const TRAILING_LABELS: [&str; 14] = [
    "logo",
    "avatar",
    "linkedin",
    "twitter",
    "facebook",
    "instagram",
    "follow",
    "profile",
    "photo",
    "image",
    "headshot",
    "review",
    "email",
    "share",
];

/// Words written with an inner capital that are one word, not two glued.
const ONE_WORD: [&str; 6] = [
    "linkedin",
    "youtube",
    "whatsapp",
    "tiktok",
    "wordpress",
    "iphone",
];

/// Name parts that start with a capital after a lower-case run: not a
/// glued boundary ("MacKenzie", "McDonald", "DeAngelo", "LaToya").
const CAMEL_PREFIXES: [&str; 12] = [
    "mac", "mc", "de", "di", "da", "la", "le", "van", "von", "du", "del", "o",
];

/// The dump's authors tidied: each name cut at a glued boundary (later
/// glued names kept as authors of their own), trailing labels dropped,
/// names that are job titles dropped, duplicates dropped.
pub fn tidy(authors: Vec<Author>) -> Vec<Author> {
    let mut out: Vec<Author> = Vec::new();
    for author in authors {
        let parts = unglued(&without_trailing_labels(&author.name));
        // "By Gabby BoucherIn Budget Travel, Budget Travel Guides": the
        // byline's categories, glued on with "In"; the rest of the list
        // names them, not people.
        let categories_follow = parts.iter().skip(1).any(|p| p.starts_with("In "));
        for (i, part) in parts.iter().enumerate() {
            let name = without_trailing_labels(part);
            // A glued part after the first is a name only when it reads as
            // one: two to four capitalised words, none a function word
            // ("In Budget Travel" is a category's link).
            let reads_as_name = i == 0 || reads_as_name(&name);
            if name.is_empty() || !reads_as_name || names_a_role(&name) {
                continue;
            }
            if !out.iter().any(|a| a.name.eq_ignore_ascii_case(&name)) {
                out.push(Author {
                    name,
                    email: if i == 0 { author.email.clone() } else { None },
                });
            }
        }
        if categories_follow {
            break;
        }
    }
    out
}

/// `name` split where a lower-case letter runs into a capital that starts
/// another word ("WayKatie" → "Way", "Katie…").
fn unglued(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        if !(chars[i - 1].is_lowercase() && chars[i].is_uppercase()) {
            continue;
        }
        let word_start = chars[..i]
            .iter()
            .rposition(|c| !c.is_alphabetic())
            .map_or(0, |p| p + 1);
        let word: String = chars[word_start..i]
            .iter()
            .collect::<String>()
            .to_lowercase();
        if word.chars().count() < 3 || CAMEL_PREFIXES.contains(&word.as_str()) {
            continue;
        }
        // A boundary between names: a whole name before it and words
        // after it. A brand or a handle glues two words into one name of
        // its own ("FlowGuard EMEA", "Arricca Elin SanSone", "ShawnHymel").
        let word_end = chars[i..]
            .iter()
            .position(|c| !c.is_alphabetic())
            .map_or(chars.len(), |p| i + p);
        let whole: String = chars[word_start..word_end]
            .iter()
            .collect::<String>()
            .to_lowercase();
        if ONE_WORD.contains(&whole.as_str()) {
            continue;
        }
        let before: String = chars[start..i].iter().collect();
        let after: String = chars[i..].iter().collect();
        if before.split_whitespace().count() < 2 || after.split_whitespace().count() < 2 {
            continue;
        }
        parts.push(
            chars[start..i]
                .iter()
                .collect::<String>()
                .trim()
                .to_string(),
        );
        start = i;
    }
    parts.push(chars[start..].iter().collect::<String>().trim().to_string());
    parts
}

fn without_trailing_labels(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 {
        let last = words[words.len() - 1].trim_matches(|c: char| !c.is_alphanumeric());
        if last.is_empty()
            || TRAILING_LABELS.contains(&last.to_lowercase().as_str())
            || outlet_after_name(&words)
        {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// A broadcaster's call letters or an outlet's initials after a name
/// written in mixed case ("Nina Pineda WABC"): two to five capitals, after
/// two or three words that are not all capitals.
fn outlet_after_name(words: &[&str]) -> bool {
    let Some((last, name)) = words.split_last() else {
        return false;
    };
    let capitals = (2..=5).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_uppercase());
    let mixed = |w: &&str| w.chars().any(char::is_lowercase);
    capitals && (2..=3).contains(&name.len()) && name.iter().all(mixed)
}

/// Words that start a link's or a section's label, never a name.
const FUNCTION_WORDS: [&str; 14] = [
    "in", "the", "of", "and", "for", "on", "at", "by", "to", "with", "from", "our", "all", "more",
];

fn reads_as_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(raw: &[&str]) -> Vec<String> {
        tidy(
            raw.iter()
                .map(|n| Author {
                    name: n.to_string(),
                    email: None,
                })
                .collect(),
        )
        .into_iter()
        .map(|a| a.name)
        .collect()
    }

    #[test]
    fn glued_names_and_labels_come_apart() {
        assert_eq!(
            names(&["Jonathan JonesJonathan JonesJonathan Jones"]),
            ["Jonathan Jones"]
        );
        assert_eq!(names(&["Gabby BoucherIn Budget Travel"]), ["Gabby Boucher"]);
        // The byline's category list after "In" names no one.
        assert_eq!(
            names(&[
                "Gabby BoucherIn Budget Travel",
                "Budget Travel Guides",
                "Travel Tips"
            ]),
            ["Gabby Boucher"]
        );
        assert_eq!(
            names(&["Emily WayKatie BandurskiMary Henn"]),
            ["Emily Way", "Katie Bandurski", "Mary Henn"]
        );
        assert_eq!(names(&["Matt Eland avatar"]), ["Matt Eland"]);
        assert_eq!(names(&["Scott Matton LinkedIn"]), ["Scott Matton"]);
        assert_eq!(
            names(&["Ben Applebaum-Bauch ⋅ Review"]),
            ["Ben Applebaum-Bauch"]
        );
    }

    #[test]
    fn an_outlets_call_letters_after_a_name_come_off() {
        assert_eq!(names(&["Nina Pineda WABC logo"]), ["Nina Pineda"]);
        assert_eq!(names(&["ESTHER CHUNG"]), ["ESTHER CHUNG"]);
        assert_eq!(names(&["Ann Lee AP"]), ["Ann Lee"]);
        assert_eq!(names(&["Jo AP"]), ["Jo AP"]);
    }

    #[test]
    fn names_with_inner_capitals_stay_whole() {
        assert_eq!(names(&["Arricca Elin SanSone"]), ["Arricca Elin SanSone"]);
        assert_eq!(
            names(&["FlowGuard EMEA", "ShawnHymel"]),
            ["FlowGuard EMEA", "ShawnHymel"]
        );
        assert_eq!(names(&["Mary MacKenzie"]), ["Mary MacKenzie"]);
        assert_eq!(
            names(&["Ronald McDonald", "Lisa DeAngelo"]),
            ["Ronald McDonald", "Lisa DeAngelo"]
        );
        assert_eq!(names(&["Jane Doe", "Staff Writer"]), ["Jane Doe"]);
    }
}
