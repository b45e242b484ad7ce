//! The story's byline block nearest its headline, cut where the page ran
//! a date, a time, a category, a reading time or a bar into it.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Author;

use super::block::{Block, Role};
use super::menu_facets::is_menu_facet;
use crate::extract::fields::byline::parse_byline;
use crate::extract::{fields::dates, support::date_labels};

/// Where a byline stops naming people: a date label, a time or date
/// after "at" ("at 5:48 PM", "at December 16, 2025"), a category ("in
/// Tagebuch"), a reading time, a bar, a count of comments.
static BYLINE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\s*(?:\b(?:reviewed|on|am|{}|{})\b\s*:?|\bat\s+(?:\d|\p{{L}}+\.?\s+\d)|\bin\s+(?-i:\p{{Lu}})|\bin\s*$|\|\s|•|·|\d+\s*min(?:ute)?s?\s+read|(?:\d+|ein|keine|no)\s+(?:comments?|responses?|replies|kommentare?|antworten|commentaires?|comentarios?|commenti)\b|\bdatum\s*:|\bum\s+\d|\bmit\s+(?-i:\p{{Lu}})|\d+\s*[–-]\s*\d+\s+min(?:ute)?s?\b).*$",
        date_labels::updated(),
        date_labels::published()
    ))
    .expect("valid regex")
});

/// An image's placeholder in a dump: its name in brackets, not an
/// address.
static ICON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[[^\]\[@]*\]").expect("valid regex"));

/// A dating label and "by" opening a byline ("Posted by", "Published
/// by").
static BY_AFTER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s+by\s+", date_labels::published())).expect("valid regex")
});

/// A byline naming a handle, as blogs print them in lower case: "by
/// ibby", "von eseppelt · 31. Oktober 2023", "by whova | Apr 21, 2025".
/// Only the handle, then nothing, a mark, or "on"/"am" and a date: "by
/// focusing on the …" in a sentence goes on with words.
fn is_handle_byline(text: &str) -> bool {
    // Every label starts with one of these letters: most blocks are
    // passed over without a pattern search.
    let text = text.trim();
    if !text.starts_with(['b', 'B', 'v', 'V', 'p', 'P', 'd', 'D']) || text.len() > 120 {
        return false;
    }
    HANDLE_BYLINE.captures(text).is_some_and(|c| {
        let handle = &c["handle"];
        // A site's admin account, or a licence's icon ("by by-nc").
        !handle.contains("admin") && !handle.starts_with("by-")
    })
}

static HANDLE_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:by|von|par|por|door)\s+(?P<handle>[\p{Ll}\d][\p{Ll}\d_.-]{2,30})",
        r"(?:\s*[·•|]\s*.*|\s+(?:on|am)\s+(?:\d|\p{L}+\.?\s+\d).*)?$"
    ))
    .expect("valid regex")
});

/// A first name alone after an author's label and its colon, as blogs
/// sign their posts: "Posted By: Kiersten · In: Sides", "About the
/// Author: Tom". Without the colon, "Written by Kiersten" may go on in a
/// sentence.
static LABELLED_FIRST_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:posted by|written by|about the author|author)\s*:\s*",
        r"(?P<name>\p{Lu}\p{Ll}{1,20})\s*(?:[·•|].*)?$"
    ))
    .expect("valid regex")
});

/// The author a block names, if it is a byline.
fn byline_authors(block: &Block) -> Option<Vec<Author>> {
    if is_menu_facet(&block.text) {
        return None;
    }
    // A handle's byline keeps the role its block has (a blog's index
    // prints one per post, and bylines bound the story region).
    if block.role == Role::Byline || is_handle_byline(&block.text) {
        return Some(parse_byline(&cut_byline(&block.text)));
    }
    let first_name = LABELLED_FIRST_NAME.captures(block.text.trim())?;
    Some(vec![Author {
        name: first_name["name"].to_string(),
        email: None,
    }])
}

/// The authors of the byline block nearest the headline (`anchor`), and
/// how many blocks away it is.
pub fn from_bylines(blocks: &[Block], anchor: usize) -> Option<(usize, Vec<Author>)> {
    blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| Some((i, byline_authors(b)?)))
        .filter(|(_, authors)| !authors.is_empty())
        .min_by_key(|(i, _)| super::printed_dates::nearness(*i, anchor))
        .map(|(i, authors)| (i.abs_diff(anchor), authors))
}

/// A byline without the date, reading time or labels run into it.
fn cut_byline(text: &str) -> String {
    // An icon's placeholder run into the byline is no part of a name ("By
    // Richard Garner [circle-que] Updated Sep 5, 2024"); an address in
    // brackets stays for the e-mail rules.
    let text = &*ICON.replace_all(text, " ");
    // The label before "by" is no end of the names: "Posted by John
    // Scalzi 59 Comments".
    let head = BY_AFTER_LABEL.find(text).map_or(0, |m| m.end());
    let cut = BYLINE_END.replace(&text[head..], "");
    let cut = format!("{}{cut}", &text[..head]);
    let cut = match dates::parse_text(&cut) {
        // A date printed in it without a label: "By Jane Doe Mar 5, 2025".
        Some(_) => cut_at_date(&cut),
        None => cut,
    };
    cut_at_job_title(cut.trim())
}

/// Capitalized words that open a job title, or a link, run into the name
/// without a comma: "Guide by Will Judd Former Deputy Tech Editor",
/// "Written By: Catherine Boeckmann Executive Digital Editor", "By A. J.
/// Neal View In Digital Edition".
const TITLE_OPENERS: &[&str] = &[
    "Former",
    "Executive",
    "Senior",
    "Deputy",
    "Associate",
    "Assistant",
    "Contributing",
    "Managing",
    "Chief",
    "Editor",
    "Reporter",
    "Correspondent",
    "Writer",
    "Director",
    "Founder",
    "Co-Founder",
    "CEO",
    "View",
];

/// The byline up to a job title run into the name: the opener must follow
/// two words of a name with no comma or joining word before it ("Jane Doe,
/// Senior Editor, and John Roe" is left to the comma rules, which keep the
/// second name).
fn cut_at_job_title(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let name_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !w.ends_with([',', ':', ';'])
            && !TITLE_OPENERS.contains(&w)
            && !w.eq_ignore_ascii_case("by")
    };
    let at = (2..words.len()).find(|&i| {
        TITLE_OPENERS.contains(&words[i]) && name_like(words[i - 1]) && name_like(words[i - 2])
    });
    match at {
        Some(i) => words[..i].join(" "),
        None => text.to_string(),
    }
}

fn cut_at_date(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = (1..words.len())
        .find(|&i| {
            dates::is_month_name(words[i].trim_end_matches(['.', ',']))
                || dates::parse_text(&words[i..].join(" ")).is_some()
                    && words[i].chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .unwrap_or(words.len());
    words[..at].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_name_after_a_label_and_its_colon() {
        let names = |text: &str| {
            byline_authors(&Block::of(text, Role::Subhead, false))
                .map(|a| a.into_iter().map(|a| a.name).collect::<Vec<_>>())
        };
        assert_eq!(
            names("Posted By: Kiersten · In: Sides, Sourdough"),
            Some(vec!["Kiersten".to_string()])
        );
        assert_eq!(
            names("About the Author: Tom"),
            Some(vec!["Tom".to_string()])
        );
        assert_eq!(names("Written by Kiersten and her friends"), None);
        assert_eq!(names("Author: Tom is away"), None);
    }

    #[test]
    fn a_job_title_an_icon_or_a_dangling_in_is_cut_off() {
        for (byline, name) in [
            (
                "Guide by Will Judd Former Deputy Tech Editor",
                "Guide by Will Judd",
            ),
            (
                "Written By: Catherine Boeckmann Executive Digital Editor and Master Gardener",
                "Written By: Catherine Boeckmann",
            ),
            ("By A. J. Neal View In Digital Edition", "By A. J. Neal"),
            // A desk's byline, a surname, a comma's title: left whole.
            ("By Resy Staff", "By Resy Staff"),
            (
                "By Practical Horseman Editorial Staff",
                "By Practical Horseman Editorial Staff",
            ),
            (
                "By Jane Doe, Senior Editor, and John Roe",
                "By Jane Doe, Senior Editor, and John Roe",
            ),
            ("By Editor", "By Editor"),
            // An icon's placeholder, a category link's "In" left alone.
            (
                "By Richard Garner [circle-que] Updated Sep 5, 2024",
                "By Richard Garner",
            ),
            (
                "May 18, 2023 By Sara Harberson In",
                "May 18, 2023 By Sara Harberson",
            ),
            // A count of comments, a date's label, a time, a partner.
            (
                "1. Januar 2016 von KleineGrüneMonster Ein Kommentar",
                "1. Januar 2016 von KleineGrüneMonster",
            ),
            (
                "Author: Gàbor Muniér, Datum: 03.Mär.19",
                "Author: Gàbor Muniér,",
            ),
            (
                "Eingestellt von Michel Roth um 21:11",
                "Eingestellt von Michel Roth",
            ),
            (
                "Von Eugen Zentner mit Sonja Silberhorn.",
                "Von Eugen Zentner",
            ),
        ] {
            assert_eq!(cut_byline(byline), name, "{byline}");
        }
    }

    #[test]
    fn bylines_naming_a_handle() {
        for text in [
            "by ibby",
            "von eseppelt · 31. Oktober 2023",
            "by whova | Apr 21, 2025",
            "by jsteinhardt on 18th Dec 2025",
        ] {
            assert!(is_handle_byline(text), "{text}");
        }
        for text in [
            "by focusing on the customer first",
            "by wordpressadmin",
            "by\u{a0}\u{a0}by-nc",
            "By Jane Doe",
        ] {
            assert!(!is_handle_byline(text), "{text}");
        }
    }

    #[test]
    fn a_byline_ends_where_its_names_do() {
        for (text, cut) in [
            ("Posted by John Scalzi 59 Comments", "Posted by John Scalzi"),
            ("By David at December 16, 2025 11:15 AM", "By David"),
            ("By Fatima in Gefühle, Popkultur", "By Fatima"),
            ("By the Lavazza Team 2–3 minutes", "By the Lavazza Team"),
            ("By Jane Doe Mar 5, 2025", "By Jane Doe"),
        ] {
            assert_eq!(cut_byline(text), cut, "{text}");
        }
    }

    #[test]
    fn bylines_lose_what_was_run_into_them() {
        assert_eq!(
            cut_byline("By Korin Miller Published: Jan 29, 2025"),
            "By Korin Miller"
        );
        assert_eq!(
            cut_byline("by Jason Rostar | SEO | 8 min Read"),
            "by Jason Rostar"
        );
        assert_eq!(
            cut_byline("By Kathryn Giuffrida Mar 5, 2025"),
            "By Kathryn Giuffrida"
        );
        assert_eq!(
            cut_byline("By Jane Doe and John Roe"),
            "By Jane Doe and John Roe"
        );
    }
}
