//! Bylines: "BY ESTHER CHUNG [chung.juhee@joongang.co.kr]",
//! "By Jane Doe and John Roe, Reuters", "Jane Doe | Staff Writer".

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Author;

use crate::extract::support::byline_words::{
    AGENCIES, AND_WORDS, AUTHOR_WORDS, BY_LABELS, NAME_PREFIXES, NOT_NAMES, ROLE_WORDS,
};

pub(crate) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex")
});
static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i)(?:{BY_LABELS}|{AUTHOR_WORDS})(?:[:\s]|：)\s*"
    ))
    .expect("valid regex")
});
static SEPARATORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\s*(?:,|;|&|\b(?:{AND_WORDS})\b|\||、)\s*")).expect("valid regex")
});

/// Modifiers of a dropped job title ("Senior", "Staff"): dropped with it,
/// kept otherwise ("Podium Staff" is a collective byline).
const ROLE_MODIFIERS: &[&str] = &[
    "staff",
    "senior",
    "chief",
    "contributing",
    "associate",
    "deputy",
    "managing",
    "political",
    "business",
    "sports",
    "news",
    "national",
    "foreign",
];

/// Credits of people other than the authors.
const NOT_AUTHORS: &[&str] = &[
    "reviewed by",
    "medically reviewed by",
    "fact-checked by",
    "fact checked by",
    "edited by",
];

/// Whether text ends in a credit for someone who did not write the piece
/// ("... | Fact-checked by"), so the name after it is not an author's.
pub fn credits_someone_else(text: &str) -> bool {
    let lower = text.trim_end().to_lowercase();
    NOT_AUTHORS.iter().any(|p| lower.ends_with(p))
}

/// Whether a line looks like a byline: "By …" followed by a few name-like
/// words, optionally e-mail addresses.
pub fn looks_like_byline(line: &str) -> bool {
    let line = line.trim();
    let Some(m) = BY_PREFIX.find(line) else {
        return false;
    };
    let rest = EMAIL.replace_all(&line[m.end()..], "");
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || "[]()<>,;".contains(c));
    let words = rest.split_whitespace().count();
    // A desk's byline opens with "the" ("By the Lavazza Team").
    let named = rest
        .strip_prefix("the ")
        .filter(|r| r.split_whitespace().count() >= 2)
        .unwrap_or(rest);
    (1..=16).contains(&words)
        && !rest.ends_with('.')
        && named.chars().next().is_some_and(char::is_uppercase)
}

/// Parses a byline into people, in order, each with the e-mail printed
/// next to them (paired by position when several names share a bracket).
pub fn parse_byline(line: &str) -> Vec<Author> {
    let line = line.trim();
    let without_by = match BY_PREFIX.find(line) {
        Some(m) => &line[m.end()..],
        None => line,
    };
    let emails: Vec<String> = EMAIL
        .find_iter(without_by)
        .map(|m| m.as_str().to_lowercase())
        .collect();
    let names_part = EMAIL.replace_all(without_by, " ");
    // Brackets that held e-mails are now empty: drop them and anything after a
    // dash or bar that names a role ("Jane Doe — Staff Writer").
    let names_part = names_part.replace(['[', ']', '(', ')', '<', '>'], " ");
    let names_part = without_job_titles(&names_part);
    let mut authors: Vec<Author> = SEPARATORS
        .split(&names_part)
        .filter_map(clean_name)
        .map(|name| Author { name, email: None })
        .collect();
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.name.to_lowercase()));
    if authors.len() == emails.len() {
        for (a, e) in authors.iter_mut().zip(emails) {
            a.email = Some(e);
        }
    } else if let (1, Some(first)) = (authors.len(), emails.first()) {
        authors[0].email = Some(first.clone());
    }
    authors
}

/// Job titles printed after a name and a comma ("Brett Cruz, Privacy and
/// Digital Security Expert & Gene Petrino, Home Security Expert"), each
/// dropped whole up to the next name's separator: split at its "and", a
/// title would leave names ("Privacy") and, without its last word, one more
/// ("Home Security").
fn without_job_titles(names: &str) -> String {
    let mut out = String::with_capacity(names.len());
    for (i, credit) in names.split(['&', ';', '|']).enumerate() {
        if i > 0 {
            out.push('&');
        }
        let mut parts = credit.split(',');
        out.push_str(parts.next().unwrap_or(""));
        for part in parts {
            let words: Vec<&str> = part.split_whitespace().collect();
            let is_title_word = |w: &&str| is_one_of(w, ROLE_WORDS) || is_one_of(w, TITLE_WORDS);
            // "Staff Writer", "Security Expert", "Director of Operations";
            // a desk after a person's name is where the person works
            // ("Eric Song, IGN Staff"), where a desk alone is a byline
            // ("Podium Staff").
            let title = words.last().is_some_and(is_title_word)
                || words
                    .last()
                    .is_some_and(|w| w.eq_ignore_ascii_case("staff"))
                || words
                    .windows(2)
                    .any(|p| is_title_word(&p[0]) && p[1].eq_ignore_ascii_case("of"));
            if !title {
                out.push(',');
                out.push_str(part);
            }
        }
    }
    out
}

/// Last words of job titles that follow a name after a comma, besides the
/// newsroom's roles: never names' last words there.
const TITLE_WORDS: &[&str] = &[
    "ceo",
    "head",
    "expert",
    "specialist",
    "consultant",
    "strategist",
    "manager",
    "director",
    "founder",
    "officer",
    "president",
    "scientist",
    "researcher",
    "professor",
    "attorney",
    "advisor",
    "adviser",
    "engineer",
    "developer",
    "designer",
    "educator",
    "nutritionist",
    "dietitian",
    "physician",
];

/// A person's name from a fragment, or `None` for roles, agencies, noise.
pub fn clean_name(fragment: &str) -> Option<String> {
    // A role or team after a dash or bar: "David Jackson - Editorial Team".
    // A hyphen inside a name ("Martínez-Beltrán") has no spaces around it.
    let fragment = fragment
        .split(" - ")
        .flat_map(|part| part.split([':', '—', '–', '/', '|']))
        .find(|p| !p.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut fragment = fragment.trim_matches(|c: char| !c.is_alphanumeric()).trim();
    // Compared on the fragment's own bytes: lower-casing may change a
    // text's length.
    while let Some(p) = NAME_PREFIXES.iter().find(|p| {
        fragment
            .get(..p.len())
            .is_some_and(|head| head.to_lowercase() == **p)
    }) {
        fragment = fragment[p.len()..].trim();
    }
    if fragment.is_empty() || fragment.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Whoever reviewed, checked or edited the piece did not write it.
    let lower = fragment.to_lowercase();
    if NOT_AUTHORS.iter().any(|p| lower.starts_with(p)) {
        return None;
    }
    // A template's unfilled key ("page.head.extra.author") is no name.
    let template_key = !fragment.contains(' ') && fragment.matches('.').count() >= 3;
    let lower = fragment.to_lowercase();
    if NOT_NAMES.contains(&lower.as_str())
        || AGENCIES.contains(&lower.as_str())
        || is_weekday(fragment)
        || template_key
    {
        return None;
    }
    // Text printed twice by nested markup: "ASU OnlineASU Online".
    let fragment = match fragment.len() % 2 {
        0 if fragment.len() >= 4 && fragment.is_char_boundary(fragment.len() / 2) => {
            let (a, b) = fragment.split_at(fragment.len() / 2);
            if a == b {
                a
            } else {
                fragment
            }
        }
        _ => fragment,
    };
    let mut words: Vec<&str> = fragment.split_whitespace().collect();
    // The same words twice over, spaced: "ASU Online ASU Online".
    if words.len() >= 2
        && words.len().is_multiple_of(2)
        && words[..words.len() / 2] == words[words.len() / 2..]
    {
        words.truncate(words.len() / 2);
    }
    // A date printed right after the name: "Sara Brown Apr 3" → "Sara Brown".
    while words.len() > 1 && words.last().is_some_and(|w| is_month(w)) {
        words.pop();
    }
    // "Digital Security Expert", "Marketing Manager": a job title, read
    // whole where an author box prints it in an element of its own.
    if words.last().is_some_and(|w| is_one_of(w, TITLE_WORDS)) {
        return None;
    }
    // "Jane Doe Senior Staff Writer" → "Jane Doe".
    let mut dropped_role = false;
    while let Some(last) = words.last().map(|w| w.to_lowercase()) {
        if ROLE_WORDS.contains(&last.as_str())
            || dropped_role && ROLE_MODIFIERS.contains(&last.as_str())
        {
            dropped_role = true;
            words.pop();
        } else {
            break;
        }
    }
    // What is left of a job title is no name: "AI Writer", "Guest
    // Contributor" ("Kim Min-ji Staff Writer" keeps its two name words).
    // Korean and Chinese names are one word ("홍길동 기자"): that word stays.
    let one_word_name =
        words.len() == 1 && words[0].chars().count() <= 4 && words[0].chars().all(is_hangul_or_han);
    if words.is_empty() || words.len() > 6 || dropped_role && words.len() == 1 && !one_word_name {
        return None;
    }
    let name = words.join(" ");
    Some(if is_all_caps(&name) {
        title_case(&name)
    } else {
        name
    })
}

fn is_hangul_or_han(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{4E00}'..='\u{9FFF}')
}

fn is_month(word: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ];
    is_one_of(word, MONTHS)
}

/// "Sat", "Monday": the day printed beside a byline or a date, never a
/// name.
pub(crate) fn is_weekday(word: &str) -> bool {
    const DAYS: &[&str] = &[
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    is_one_of(word, DAYS)
}

/// A short line naming a job ("Social Media & Community Expert",
/// "Marketing Operations Analyst", "VP - Technology"): what author boxes
/// print under a name.
pub fn names_a_role(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (1..=8).contains(&words.len())
        && words
            .iter()
            .any(|w| is_one_of(w, ROLE_WORDS) || is_one_of(w, TITLE_WORDS))
}

/// Whether a word is in a lower-case list, any case, a trailing dot aside
/// ("Dec.", "Sat.").
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|word| {
            // "O'NEIL" → "O'Neil"; hyphenated given names follow the
            // Korean romanization house style: "SUNG-EUN" → "Sung-eun".
            let mut out = String::with_capacity(word.len());
            let mut start = true;
            for c in word.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = c == '\'' || c == '’';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, Option<String>)> {
        parse_byline(line)
            .into_iter()
            .map(|a| (a.name, a.email))
            .collect()
    }

    #[test]
    fn joongang_byline_with_email() {
        assert!(looks_like_byline(
            "BY ESTHER CHUNG [chung.juhee@joongang.co.kr]"
        ));
        assert_eq!(
            names("BY ESTHER CHUNG [chung.juhee@joongang.co.kr]"),
            vec![(
                "Esther Chung".to_string(),
                Some("chung.juhee@joongang.co.kr".to_string())
            )]
        );
    }

    #[test]
    fn bylines_in_other_languages() {
        for (line, expected) in [
            ("Von Jane Doe und John Roe", vec!["Jane Doe", "John Roe"]),
            (
                "Par Marie Dupont et Paul Martin",
                vec!["Marie Dupont", "Paul Martin"],
            ),
            (
                "Por Ana Pérez y Luis Gómez, EFE",
                vec!["Ana Pérez", "Luis Gómez"],
            ),
            (
                "di Mario Rossi e Giulia Bianchi",
                vec!["Mario Rossi", "Giulia Bianchi"],
            ),
            (
                "Door Jan de Vries en Piet Jansen",
                vec!["Jan de Vries", "Piet Jansen"],
            ),
            ("Автор: Иван Петров", vec!["Иван Петров"]),
            ("Von Lisa Petrich, Redakteurin", vec!["Lisa Petrich"]),
            (
                "Verfasst von Katharina Volkwein",
                vec!["Katharina Volkwein"],
            ),
            ("Escrito por Ana Pérez", vec!["Ana Pérez"]),
            ("Écrit par Marie Dupont", vec!["Marie Dupont"]),
            ("Scritto da Mario Rossi", vec!["Mario Rossi"]),
            ("홍길동 기자", vec!["홍길동"]),
            ("记者 张三", vec!["张三"]),
        ] {
            let names: Vec<String> = parse_byline(line).into_iter().map(|a| a.name).collect();
            assert_eq!(names, expected, "{line}");
        }
        for line in [
            "Geschrieben von Anna Schmidt",
            "Escrito por Ana Pérez",
            "Écrit par Marie Dupont",
        ] {
            assert!(looks_like_byline(line), "{line}");
        }
        for fragment in [
            "Veröffentlicht von Chris Jung",
            "Zeige alle Beiträge von Cem Basman",
            "Erstellt von Dominique",
        ] {
            assert!(
                clean_name(fragment).is_some_and(|n| !n.to_lowercase().contains("von")),
                "{fragment}"
            );
        }
        assert_eq!(clean_name("Alle Artikel"), None);
        assert_eq!(clean_name("dpa"), None);
    }

    #[test]
    fn keeps_every_co_author_and_drops_agencies_and_roles() {
        assert_eq!(
            names("By Jane Doe, John Roe and Mary-Ann O'Neil, Reuters"),
            vec![
                ("Jane Doe".to_string(), None),
                ("John Roe".to_string(), None),
                ("Mary-Ann O'Neil".to_string(), None)
            ]
        );
        assert_eq!(
            names("By Kim Min-ji Staff Writer"),
            vec![("Kim Min-ji".to_string(), None)]
        );
    }

    #[test]
    fn job_titles_after_a_comma_are_dropped_whole() {
        // Split at its "and", the first title would leave "Privacy"; cut
        // to its last word, the second would leave "Home Security".
        assert_eq!(
            names("By Brett Cruz, Privacy and Digital Security Expert & Gene Petrino, Home Security Expert"),
            vec![
                ("Brett Cruz".to_string(), None),
                ("Gene Petrino".to_string(), None)
            ]
        );
        assert_eq!(
            names("Benjamin Johnson, Sr. Director of Operations"),
            vec![("Benjamin Johnson".to_string(), None)]
        );
        assert_eq!(
            names("By Eric Song, IGN Staff"),
            vec![("Eric Song".to_string(), None)]
        );
        assert_eq!(
            names("By Podium Staff"),
            vec![("Podium Staff".to_string(), None)]
        );
        // A co-author after a comma stays one.
        assert_eq!(
            names("By Jane Doe, Staff Writer and John Roe, Tom Ade"),
            vec![
                ("Jane Doe".to_string(), None),
                ("John Roe".to_string(), None),
                ("Tom Ade".to_string(), None)
            ]
        );
        // An author box's title in an element of its own.
        assert_eq!(clean_name("Digital Security Expert"), None);
        assert_eq!(clean_name("Marketing Manager"), None);
    }

    #[test]
    fn a_role_after_a_spaced_dash_and_a_weekday_are_not_names() {
        assert_eq!(
            clean_name("David Jackson - Editorial Team").as_deref(),
            Some("David Jackson")
        );
        assert_eq!(
            clean_name("Sergio Martínez-Beltrán").as_deref(),
            Some("Sergio Martínez-Beltrán")
        );
        assert_eq!(clean_name("Sat"), None);
        assert_eq!(clean_name("page.head.extra.author"), None);
        // A template's placeholder for a missing name.
        assert_eq!(clean_name("Unknown"), None);
        assert_eq!(
            clean_name("J.R.R. Tolkien").as_deref(),
            Some("J.R.R. Tolkien")
        );
    }

    #[test]
    fn pairs_emails_by_position() {
        assert_eq!(
            names("BY LEE SUNG-EUN, PARK HAN-SOL [lee.sungeun@joongang.co.kr, park.hansol@joongang.co.kr]"),
            vec![
                ("Lee Sung-eun".to_string(), Some("lee.sungeun@joongang.co.kr".to_string())),
                ("Park Han-sol".to_string(), Some("park.hansol@joongang.co.kr".to_string()))
            ]
        );
    }

    #[test]
    fn dates_and_doubled_text_are_trimmed_but_surnames_kept() {
        assert_eq!(clean_name("Sara Brown Apr").as_deref(), Some("Sara Brown"));
        assert_eq!(
            clean_name("ASU OnlineASU Online").as_deref(),
            Some("ASU Online")
        );
        assert_eq!(clean_name("Theresa May").as_deref(), Some("Theresa May"));
    }

    #[test]
    fn prose_is_not_a_byline() {
        assert!(!looks_like_byline(
            "By the end of the year, prices had doubled across the region."
        ));
        assert!(!looks_like_byline("The minister said so."));
        assert!(!looks_like_byline("By the way"));
    }

    #[test]
    fn a_desks_byline_opens_with_the() {
        assert!(looks_like_byline("By the Lavazza Team 2–3 minutes"));
        let names: Vec<String> = parse_byline("By the Lavazza Team")
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, ["the Lavazza Team"]);
    }
}
