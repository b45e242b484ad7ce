//! Who wrote a dumped story when no byline says it (`bylines.rs` reads
//! those): a name printed on its own near the headline that the page
//! marks as its author's (an author box: "Chirag Bhardwaj" above
//! "Published Jun 4, 2025"); the caller takes the nearer of the two.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Author;

use super::block::{Block, Role};
use super::lines::is_date_label;
use super::person::{person, MAX_NAME_WORDS};
use super::portraits::{
    name_after_portrait_label, named_portrait, one_word_name_around_portrait, PORTRAIT,
};
use crate::extract::fields::byline::{is_weekday, names_a_role};
use crate::extract::fields::dates;

/// Blocks around the headline an author box is looked for in.
const NAME_REACH: std::ops::RangeInclusive<isize> = -3..=6;

/// A name printed on its own near the headline, where the page marks it
/// as its author's: a date, a reading time or a job title beside it, the
/// name printed twice running (an author box's link and caption), or a
/// portrait named after it beside it ("Picture of Andrew King", "Jane Doe
/// photo"); and how many blocks from the headline it is.
pub fn name_near_headline(blocks: &[Block], anchor: usize) -> Option<(usize, Vec<Author>)> {
    marked_name_near(blocks, anchor).or_else(|| dated_name_further(blocks, anchor))
}

/// Blocks around the headline a name with the story's date or reading
/// time run in after it is looked for in, when no name is nearer: a hero
/// image's caption and credits may stand between.
const DATED_NAME_REACH: std::ops::RangeInclusive<isize> = -6..=8;

/// "Mike Kappel May 18, 2016", "Trevor Jackins 9 min read" a little
/// further from the headline: a name with a date or a reading time right
/// after it, and nothing else in the block.
fn dated_name_further(blocks: &[Block], anchor: usize) -> Option<(usize, Vec<Author>)> {
    name_blocks(blocks, anchor, DATED_NAME_REACH).find_map(|(i, b)| {
        let words: Vec<&str> = b.text.split_whitespace().collect();
        (2..=4.min(words.len().saturating_sub(1))).find_map(|n| {
            let name = person(&words[..n].join(" "))?;
            let rest = words[n..].join(" ");
            let dated = dates::parse_whole(&rest).is_some()
                || READING_TIME
                    .find(&rest)
                    .is_some_and(|m| m.start() == 0 && m.end() == rest.len());
            dated.then(|| (i.abs_diff(anchor), vec![Author { name, email: None }]))
        })
    })
}

/// The blocks within `reach` of the headline that may hold a name on its
/// own (not prose, a caption or a byline), nearest first.
fn name_blocks(
    blocks: &[Block],
    anchor: usize,
    reach: std::ops::RangeInclusive<isize>,
) -> impl Iterator<Item = (usize, &Block)> {
    let mut at: Vec<usize> = reach
        .filter_map(|d| anchor.checked_add_signed(d))
        .filter(|&i| i < blocks.len())
        .collect();
    at.sort_by_key(|&i| super::printed_dates::nearness(i, anchor));
    at.into_iter()
        .map(|i| (i, &blocks[i]))
        .filter(|(_, b)| matches!(b.role, Role::Subhead | Role::Chrome | Role::Unknown))
}

/// A name marked as the author's within `NAME_REACH` of the headline.
fn marked_name_near(blocks: &[Block], anchor: usize) -> Option<(usize, Vec<Author>)> {
    name_blocks(blocks, anchor, NAME_REACH).find_map(|(i, b)| {
        // An image placeholder before the name is its portrait's
        // ("[Denise_Eve] Denise Everheart").
        let text = PLACEHOLDERS.replace(&b.text, "");
        // A credit line is printed on a line of its own, never in a list.
        let one_line = b.lines == 1 && !b.bullet;
        if let Some(authors) = one_line
            .then(|| super::credit_line::credited_names(&text))
            .flatten()
        {
            return Some((i.abs_diff(anchor), authors));
        }
        if let Some(name) = name_over_role(&text)
            .or_else(|| name_after_date(&text))
            .or_else(|| name_twice(&text))
            .or_else(|| named_portrait(&text))
            .or_else(|| name_in_facts_line(&text))
            .or_else(|| name_doubled_within(&text))
            .or_else(|| name_after_portrait_label(&text))
        {
            return Some((i.abs_diff(anchor), vec![Author { name, email: None }]));
        }
        let name = person(&text)?;
        let beside = |j: Option<usize>| {
            j.and_then(|j| blocks.get(j))
                .is_some_and(|o| marks_author(&o.text, &name))
        };
        // A day without a year, or a dating label whose date follows
        // ("Last Updated:").
        let dated_below = blocks
            .get(i + 1)
            .is_some_and(|o| MONTH_DAY.is_match(&o.text) || is_date_label(&o.text));
        (doubled(&b.text)
            || beside(i.checked_sub(1))
            || beside(Some(i + 1))
            || dated_below
            || introduced_elsewhere(blocks, &name))
        .then(|| (i.abs_diff(anchor), vec![Author { name, email: None }]))
    })
}

/// Whether a paragraph of the page introduces the person `name` as one
/// who writes ("Julia Gralberg is a freelance travel writer…"): the
/// author's bio box, which marks the name printed alone by the headline
/// as the author's.
fn introduced_elsewhere(blocks: &[Block], name: &str) -> bool {
    blocks
        .iter()
        .any(|b| b.text.starts_with(name) && super::author_bio::JOURNALIST_BIO.is_match(&b.text))
}

/// "Jane Doe Jane Doe": nested markup printed the name twice.
fn doubled(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 4
        && words.len().is_multiple_of(2)
        && words[..words.len() / 2] == words[words.len() / 2..]
}

static READING_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b\d+\s*min(?:ute)?s?\s+read\b").expect("valid regex"));

/// A text that marks the name beside it as the author's.
fn marks_author(text: &str, name: &str) -> bool {
    if text.split_whitespace().count() > 20 {
        return false;
    }
    text == name
        || names_a_role(text)
        || dates::parse_text(text).is_some()
        || READING_TIME.is_match(text)
        || text.contains(name) && PORTRAIT.is_match(text)
}

/// A day of this year, as blogs date their posts ("Jun 9", "• Jan 23"):
/// no year, so no date of its own, but it marks the name in the block
/// above it (not words run into it: "Web Designer Business Jul 11").
pub(super) static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[•·]\s*)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$",
    )
    .expect("valid regex")
});

/// A name and what marks it, run into one block by the dump ("Andrew
/// King Senior Nutrition Editor", "Jane Doe March 5, 2025").
pub(super) fn name_over_role(text: &str) -> Option<String> {
    let all: Vec<&str> = text.split_whitespace().collect();
    // A portrait's word before the name is no part of it ("Avatar Chris
    // Pardo Vice President of Consulting").
    let words = match all.split_first() {
        Some((first, rest)) if PORTRAIT.is_match(first) && rest.len() >= 3 => rest,
        _ => &all[..],
    };
    (2..=4.min(words.len().saturating_sub(1))).find_map(|n| {
        // A name goes on past an initial ("Christopher S. Penn") and into
        // a possessive ("Dr Milan Milanović's avatar").
        let initial = words[n - 1].trim_end_matches('.').chars().count() == 1;
        if initial || words[n].ends_with("'s") || words[n].ends_with("’s") {
            return None;
        }
        // Nor is it cut before a word it is printed with again ("Kelia
        // Losa Reinoso photo Kelia Losa Reinoso").
        if words[n].chars().next().is_some_and(char::is_uppercase)
            && words[n + 1..].join(" ").contains(&words[..=n].join(" "))
        {
            return None;
        }
        let name = person(&words[..n].join(" "))?;
        marks_author(&words[n..].join(" "), &name).then_some(name)
    })
}

/// A name the dump ran in after the story's date or dates ("Dec 17,
/// 2025Julian K. Arni", "September 1, 2016 September 8, 2016Autumn
/// Adams"): the words before it date the story, and nothing else.
fn name_after_date(text: &str) -> Option<String> {
    let text = COMMENTS_AFTER.replace(text, "");
    let spaced = YEAR_GLUED.replace_all(&text, "$1 $2");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    if words.len() > MAX_NAME_WORDS + 4 {
        return None;
    }
    (2..=4.min(words.len().saturating_sub(1))).find_map(|n| {
        let (before, name) = words.split_at(words.len() - n);
        let before = before.join(" ");
        let only_dates = before.split_whitespace().all(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                || dates::is_month_name(w.trim_end_matches(['.', ',']))
        });
        // The date ends in its year, run into the name or just before
        // it: not a time ("Jan 5, 2023, 10:30 AM UTC").
        let year_last = before
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
        (only_dates && year_last && dates::parse_text(&before).is_some())
            .then(|| person(&name.join(" ")))
            .flatten()
    })
}

/// What a blog prints after the author in a post's facts line: a count
/// of comments or a call to leave one ("September 17, 2019 Helmut Rubik
/// 0", "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar").
static COMMENTS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\s+(?:\d{1,4}(?:\s+(?i:comments?|kommentare?|commentaires?|comentarios?))?",
        r"|(?i:leave a (?:comment|reply)|no comments|schreibe einen kommentar|keine kommentare))$"
    ))
    .expect("valid regex")
});

/// A year with a capitalized word run into it.
static YEAR_GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\b\d{4})(\p{Lu})").expect("valid regex"));

/// A name a short block ends with and prints before too, around a
/// portrait's or a label's words: "Picture of Adam Hamilton Adam
/// Hamilton", "Marco Bambini's avatar Marco Bambini".
pub(super) fn name_twice(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > MAX_NAME_WORDS + 2 {
        return None;
    }
    // A text printed twice whole names what its half names: "Ferah
    // Catering Texas Chocolate Cake" twice is no "Chocolate Cake".
    if doubled(text) {
        return person(&words[..words.len() / 2].join(" "));
    }
    // The longer name first: "Christopher S. Penn", not "S. Penn".
    (2..=3.min(words.len() / 2))
        .rev()
        .find_map(|n| {
            let name = person(&words[words.len() - n..].join(" "))?;
            words[..words.len() - n]
                .join(" ")
                .contains(&name)
                .then_some(name)
        })
        .or_else(|| one_word_name_around_portrait(&words))
}

/// Words a block may hold around a name printed twice running.
const DOUBLED_NAME_BLOCK_WORDS: usize = 40;

/// A name printed twice running inside a longer block, as an author box's
/// portrait link and name link come out run into the text around them:
/// "Profile photo of author Brian Becker Brian Becker 7 min read",
/// "Mateusz Haberny Mateusz HabernyFounder at Oakywood" (the second copy
/// may run into the next word).
fn name_doubled_within(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > DOUBLED_NAME_BLOCK_WORDS {
        return None;
    }
    (0..words.len()).find_map(|i| {
        (2..=3).find_map(|n| {
            let first = words.get(i..i + n)?;
            let second = words.get(i + n..i + 2 * n)?;
            let (last, glued) = (first[n - 1], second[n - 1]);
            let same_last = glued == last
                || glued
                    .strip_prefix(last)
                    .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase));
            // Twice, not three times (a menu item repeated down a list).
            let thrice = words.get(i + 2 * n..i + 3 * n) == Some(first)
                || i.checked_sub(n).and_then(|b| words.get(b..i)) == Some(first);
            if first[..n - 1] != second[..n - 1] || !same_last || thrice {
                return None;
            }
            let name = person(&first.join(" "))?;
            // What the box prints with the name marks it: a portrait or
            // "author" before it; a role, a date, a reading time or an
            // e-mail address after it. A heading or menu item printed twice
            // ("Black Friday Week Black Friday Week") has none of them.
            let before = words[..i].join(" ");
            let glued_rest = &glued[last.len().min(glued.len())..];
            let after: Vec<&str> = std::iter::once(glued_rest)
                .chain(words[i + 2 * n..].iter().copied())
                .filter(|w| !w.is_empty())
                .take(DOUBLED_NAME_CONTEXT_WORDS)
                .collect();
            let after = after.join(" ");
            let marked = PORTRAIT.is_match(&before)
                || before.to_lowercase().contains("author")
                || after.contains('@')
                || marks_author(&after, &name);
            marked.then_some(name)
        })
    })
}

/// Words after a name printed twice read for what marks it.
const DOUBLED_NAME_CONTEXT_WORDS: usize = 10;

/// Parts a line of a story's facts has, marks between them.
const FACT_MARKS: [char; 3] = ['•', '·', '|'];
/// Words such a line has at most.
const FACTS_LINE_WORDS: usize = 24;

/// Image placeholders leading a block: "[Denise_Eve] ".
pub(super) static PLACEHOLDERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\[[^\]\[]*\]\s*)+").expect("valid regex"));

/// What follows a name in a line of facts: "Mahua Das in Project
/// Management", "Niko Matsakis on behalf of Vision Doc group".
static AFTER_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:in|on behalf of)\s.*$").expect("valid regex"));

/// The one name in a line of a story's facts split by marks ("Faith
/// Katunga•Oct 20, 2025", "12/19/2025 • Friday Philosophy • David Gordon",
/// "109 Comments | Jill Winger | Last Updated: March 11, 2019"): a part
/// dates the story or gives its reading time, and one other part alone is
/// a person's name.
fn name_in_facts_line(text: &str) -> Option<String> {
    if text.split_whitespace().count() > FACTS_LINE_WORDS || !text.contains(FACT_MARKS) {
        return None;
    }
    let parts: Vec<&str> = text
        .split(FACT_MARKS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let dated = |p: &&str| dates::parse_text(p).is_some() || READING_TIME.is_match(p);
    if parts.len() < 2 || !parts.iter().any(dated) {
        return None;
    }
    let names: Vec<String> = parts
        .iter()
        .filter(|p| !dated(p))
        .map(|p| {
            // "by Daniel Gibson | Mar 11, 2023 | …": the part's own "by".
            p.strip_prefix("by ")
                .or_else(|| p.strip_prefix("By "))
                .unwrap_or(p)
        })
        .filter_map(|p| person(&AFTER_NAME.replace(&PLACEHOLDERS.replace(p, ""), "")))
        .filter(|n| !n.split_whitespace().next().is_some_and(is_weekday))
        .collect();
    match names.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_doubled_captions_are_not_names() {
        assert_eq!(person("Key Highlights"), None);
        assert_eq!(person("No Comments"), None);
        assert_eq!(
            name_twice("Ferah Catering Texas Chocolate Cake Ferah Catering Texas Chocolate Cake"),
            None
        );
        assert_eq!(
            name_twice("Pavlina Petkova Pavlina Petkova").as_deref(),
            Some("Pavlina Petkova")
        );
        assert_eq!(
            name_twice("Picture of Adam Hamilton Adam Hamilton").as_deref(),
            Some("Adam Hamilton")
        );
    }

    #[test]
    fn a_name_printed_twice_inside_a_block() {
        for (text, name) in [
            (
                "Sign up Get a free demo Profile photo of author Brian Becker Brian Becker 7 min read",
                Some("Brian Becker"),
            ),
            (
                "Mateusz Haberny Mateusz HabernyFounder at Oakywood Share Link copied!",
                Some("Mateusz Haberny"),
            ),
            (
                "Edilson La Rosa Edilson La Rosa edilsonlarosa edilson@example.com",
                Some("Edilson La Rosa"),
            ),
            // A heading printed twice, nothing marking an author.
            ("Black Friday Week Black Friday Week Bildquelle: Lars Sobiraj", None),
            // A menu item down a list.
            ("LoginGet Started LoginGet Started LoginGet Started", None),
        ] {
            assert_eq!(name_doubled_within(text).as_deref(), name, "{text}");
        }
    }

    #[test]
    fn a_dated_name_a_little_further_from_the_headline() {
        let block = |t: &str, role: Role| Block::of(t, role, false);
        let mut blocks = vec![block("How to Pay Yourself From Your Business", Role::Title)];
        for _ in 0..6 {
            blocks.push(block("Photo credit: Getty Images", Role::Chrome));
        }
        blocks.push(block("Mike Kappel May 18, 2016", Role::Subhead));
        let found = name_near_headline(&blocks, 0).map(|(_, a)| a[0].name.clone());
        assert_eq!(found.as_deref(), Some("Mike Kappel"));
        // Not a name run into more than its date.
        blocks[7] = block("Mike Kappel May 18, 2016 shared this", Role::Subhead);
        assert_eq!(name_near_headline(&blocks, 0), None);
    }

    #[test]
    fn a_name_by_the_headline_that_the_bio_box_introduces() {
        let block = |t: &str, role: Role| Block::of(t, role, false);
        let mut blocks = vec![
            block("Julia Gralberg", Role::Chrome),
            block("Hotel Travel Hacks", Role::Title),
            block(
                "Although you might have booked an epic hotel, there are tips.",
                Role::Content,
            ),
            block(
                "Julia Gralberg is a freelance travel writer and editor.",
                Role::Content,
            ),
        ];
        let found = name_near_headline(&blocks, 1).map(|(_, a)| a[0].name.clone());
        assert_eq!(found.as_deref(), Some("Julia Gralberg"));
        // A product the page describes is no writer.
        blocks[0] = block("Qwen Code", Role::Chrome);
        blocks[3] = block(
            "Qwen Code is a research-purpose clone of another tool.",
            Role::Content,
        );
        assert_eq!(name_near_headline(&blocks, 1), None);
    }

    #[test]
    fn a_name_run_in_after_the_date() {
        for (text, name) in [
            ("Dec 17, 2025Julian K. Arni", Some("Julian K. Arni")),
            (
                "September 1, 2016 September 8, 2016Autumn Adams",
                Some("Autumn Adams"),
            ),
            (
                "November 20, 2019 Emiliano Bellini",
                Some("Emiliano Bellini"),
            ),
            (
                "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar",
                Some("Ulrike Stockhausen"),
            ),
            ("September 17, 2019 Helmut Rubik 0", Some("Helmut Rubik")),
            // A time, not a name, after the date.
            ("Jan 5, 2023, 10:30 AM UTC", None),
            // Words that are not a date before the name.
            ("Posted in Travel Jane Doe", None),
            ("Jane Doe", None),
        ] {
            assert_eq!(name_after_date(text).as_deref(), name, "{text}");
        }
    }

    #[test]
    fn the_one_name_in_a_line_of_facts() {
        for (text, name) in [
            ("Faith Katunga•Oct 20, 2025", Some("Faith Katunga")),
            (
                "12/19/2025 • Friday Philosophy • David Gordon",
                Some("David Gordon"),
            ),
            (
                "109 Comments | Jill Winger | Last Updated: March 11, 2019",
                Some("Jill Winger"),
            ),
            (
                "Dec 26, 2025 • [e5f6d14d49] Mahua Das in Project Management",
                Some("Mahua Das"),
            ),
            (
                "Dec. 19, 2025 · Niko Matsakis on behalf of Vision Doc group",
                Some("Niko Matsakis"),
            ),
            (
                "by Daniel Gibson | Mar 11, 2023 | All About Brakes and Brake Repair | 0 comments",
                Some("Daniel Gibson"),
            ),
            ("Jane Doe • John Roe • May 5, 2025", None),
            ("Home | World News | Sports", None),
        ] {
            assert_eq!(name_in_facts_line(text).as_deref(), name, "{text}");
        }
    }

    #[test]
    fn a_name_is_not_cut_at_an_initial_or_before_its_possessive() {
        for (text, name) in [
            (
                "Christopher S. Penn's avatar Christopher S. Penn",
                "Christopher S. Penn",
            ),
            (
                "Dr Milan Milanović's avatar Dr Milan Milanović",
                "Dr Milan Milanović",
            ),
        ] {
            // Not a part of the name marked by the portrait after it…
            assert_eq!(name_over_role(text), None, "{text}");
            // …but the whole name printed on both sides of it.
            assert_eq!(name_twice(text).as_deref(), Some(name), "{text}");
        }
    }

    #[test]
    fn a_name_is_not_cut_before_a_word_printed_with_it_again() {
        assert_eq!(
            name_over_role("Kelia Losa Reinoso photo Kelia Losa Reinoso").as_deref(),
            Some("Kelia Losa Reinoso")
        );
    }

    #[test]
    fn a_portraits_word_before_a_name_is_no_part_of_it() {
        assert_eq!(
            name_over_role("Avatar Chris Pardo Vice President of Consulting").as_deref(),
            Some("Chris Pardo")
        );
    }

    #[test]
    fn a_name_run_into_its_role_or_date_is_found() {
        assert_eq!(
            name_over_role("Andrew King Senior Nutrition Editor").as_deref(),
            Some("Andrew King")
        );
        assert_eq!(
            name_over_role("Jane Doe March 5, 2025").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(name_over_role("Budget Vote Delayed Again"), None);
        assert_eq!(name_over_role("Andrew King"), None);
    }

    #[test]
    fn a_name_printed_twice_around_a_portrait_is_found() {
        assert_eq!(
            name_twice("Picture of Adam Hamilton Adam Hamilton").as_deref(),
            Some("Adam Hamilton")
        );
        assert_eq!(
            name_twice("Marco Bambini's avatar Marco Bambini").as_deref(),
            Some("Marco Bambini")
        );
        assert_eq!(name_twice("Budget Vote Delayed Again"), None);
        assert_eq!(name_twice("Picture of Kev Kev").as_deref(), Some("Kev"));
        assert_eq!(name_twice("Wyndo's avatar Wyndo").as_deref(), Some("Wyndo"));
        // Twice, but no portrait: a heading's word.
        assert_eq!(name_twice("Sale Sale"), None);
    }
}
