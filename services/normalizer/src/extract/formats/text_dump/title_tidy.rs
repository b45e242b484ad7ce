//! The headline line of a dump as printed, with what the page printed on
//! the same line around it taken off: the breadcrumb trail that leads to
//! it ("Home >Marketing >7 Plumbing Industry Trends"), a tag or label in
//! front ("[blog] ", "Blog: "), a comment count ("5 Comments on …"), the
//! date of a blog's entry, and the site's name or a subtitle after a bar.

use std::sync::LazyLock;

use regex::Regex;

use super::comment_count::comment_count_words;
use crate::extract::fields::dates;
use crate::extract::support::text::word_count;

/// Words the headline keeps at least for anything to be taken off it.
const MIN_WORDS: usize = 3;
/// Words a step of a breadcrumb trail has at most.
const CRUMB_WORDS: usize = 4;

static LEADING_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[[^\]\[]{1,20}\]\s+|(?i:blog|news|title|article|post)\s*:\s*)")
        .expect("valid regex")
});

/// "5 Comments on “Do you need…”", "12 thoughts on …", "45 Gedanken zu
/// „…“".
static COMMENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:\d+\s+",
        comment_count_words!(),
        r#")\s+[“"'‘„«‚]?\s*"#
    ))
    .expect("valid regex")
});

/// A month of a year ("Dec 2025", "December 2025"): dates a blog's entry
/// without a day.
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}$")
        .expect("valid regex")
});

/// A search box printed at the end of the headline's line ("… 20
/// December 2025 Search [ ]", "Search for: [ ] [Search]").
static SEARCH_BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?i:search(?: for)?\s*:?)\s*\[\s*\](?:\s*\[?(?i:search|go)\]?)?$")
        .expect("valid regex")
});

/// The headline without what the line holds around it; the line as it
/// is when nothing is found.
pub(super) fn tidy(title: &str, url: &str) -> String {
    let mut t = title.trim();
    t = after_breadcrumbs(t);
    for pattern in [&*LEADING_TAG, &*COMMENT_COUNT] {
        if let Some(m) = pattern.find(t) {
            t = keep(t, &t[m.end()..]);
        }
    }
    // The quote the count opened closes the line: once, as a headline may
    // end in a quote of its own („„Das wird man ja wohl noch sagen
    // dürfen!““).
    if COMMENT_COUNT.is_match(title.trim()) {
        t = t.trim_end();
        t = t
            .strip_suffix(['”', '“', '"', '’', '\'', '»'])
            .unwrap_or(t)
            .trim_end();
    }
    if let Some(m) = SEARCH_BOX.find(t) {
        t = keep(t, &t[..m.start()]);
    }
    t = without_date(t);
    t = before_bar(t);
    t = without_site_name(t, url);
    t.trim().to_string()
}

/// `shorter` when it still reads as a headline, else `longer`.
fn keep<'a>(longer: &'a str, shorter: &'a str) -> &'a str {
    if word_count(shorter) >= MIN_WORDS {
        shorter.trim()
    } else {
        longer
    }
}

/// The last step of a breadcrumb trail printed on the headline's line:
/// two or more short steps before it, joined by ">", "›", "»" or by "/"
/// where a step has a space ("Newsroom/Online learning tips/…", never
/// "AI/ML/Data Science").
fn after_breadcrumbs(t: &str) -> &str {
    for separators in [&['>', '›', '»'][..], &['/'][..]] {
        let steps: Vec<&str> = t.split(separators).collect();
        if steps.len() < 3 {
            continue;
        }
        let (last, trail) = steps.split_last().expect("three steps");
        let short = trail
            .iter()
            .all(|s| (1..=CRUMB_WORDS).contains(&word_count(s)));
        let spaced = separators != ['/'] || trail.iter().any(|s| s.trim().contains(' '));
        if short && spaced {
            return keep(t, last);
        }
    }
    t
}

/// The headline without a date printed before it ("Dec 18 2025
/// Preparing a transition") or after a separator ("… / Dec 2025").
fn without_date(t: &str) -> &str {
    let words: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    // The longest run of leading words that is a date, whole.
    for n in (2..=5.min(words.len().saturating_sub(MIN_WORDS))).rev() {
        let end = words[n - 1].0 + words[n - 1].1.len();
        if dates::parse_whole(t[..end].trim_end_matches([',', ':', '|', '-', '–'])).is_some() {
            return keep(t, &t[end..]);
        }
    }
    // A whole date of a day run on after the headline ("Advent of Code
    // 2025 week 2 20 December 2025"): three or four words, a day's.
    for n in (3..=4).rev() {
        if words.len() >= n + MIN_WORDS {
            let (at, _) = words[words.len() - n];
            let tail = t[at..].trim_end_matches([',', '.']);
            if dates::parse_whole(tail).is_some() && tail.bytes().any(|b| b.is_ascii_digit()) {
                let day = tail
                    .split_whitespace()
                    .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                    .count()
                    >= 2;
                // Not the end of a range ("Wochenbericht 14. - 20. Januar").
                let head = t[..at].trim_end();
                let range = head.ends_with(['-', '–', '—', '/', ','])
                    || head.rsplit(' ').next().is_some_and(|w| {
                        w.ends_with('.') && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit())
                    });
                if day && !range {
                    return keep(t, head);
                }
            }
        }
    }
    for separator in [" / ", " | ", " – ", " - "] {
        if let Some((head, tail)) = t.rsplit_once(separator) {
            let tail = tail.trim();
            if dates::parse_whole(tail).is_some() || MONTH_YEAR.is_match(tail) {
                return keep(t, head);
            }
        }
    }
    t
}

/// The headline before a bar: what a page prints after one beside its
/// headline is the site's name, a section or a subtitle ("… | Patient
/// Education | UC Davis Children's Hospital", "… | Top 19 Companies").
/// Where a part after a bar has more words than the part before it, that
/// may be a section's name ("Milan Design Week 2018 | Michael
/// Anastassiades’ light installation"): the line is left whole.
fn before_bar(t: &str) -> &str {
    let mut parts = t.split(" | ");
    let head = parts.next().unwrap_or(t);
    let longest_after = parts.map(word_count).max();
    match longest_after {
        Some(after) if word_count(head) >= after => keep(t, head),
        _ => t,
    }
}

/// The headline without the site's name beside it ("Critics’ Choice:
/// Best UK Art Exhibitions 2025 – Artlyst" on artlyst.com).
fn without_site_name<'a>(t: &'a str, url: &str) -> &'a str {
    let Some(site) = site_name(url) else {
        return t;
    };
    for separator in [" – ", " — ", " - ", " :: ", " : "] {
        if let Some((head, tail)) = t.rsplit_once(separator) {
            if squashed(tail) == site {
                return keep(t, head);
            }
        }
        if let Some((head, tail)) = t.split_once(separator) {
            if squashed(head) == site {
                return keep(t, tail);
            }
        }
    }
    t
}

/// The name the address gives the site: its registered name without
/// "www." and the ending ("artlyst" for www.artlyst.com).
fn site_name(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let name = labels.iter().rev().nth(1)?;
    (name.len() >= 3).then(|| name.to_string())
}

/// Lower-cased letters and digits alone: "Art Lyst" and "artlyst" agree.
fn squashed(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_line_holds_around_the_headline_comes_off() {
        for (line, url, headline) in [
            (
                "Home >Marketing >7 Plumbing Industry Trends You Need To Know in 2025",
                "",
                "7 Plumbing Industry Trends You Need To Know in 2025",
            ),
            (
                "Newsroom/Online learning tips/Graphic design: Which program is right for you?",
                "",
                "Graphic design: Which program is right for you?",
            ),
            (
                "[blog] 10 Tips to Complete Online Courses",
                "",
                "10 Tips to Complete Online Courses",
            ),
            (
                "Blog: Best Social Media Agencies in 2025",
                "",
                "Best Social Media Agencies in 2025",
            ),
            (
                "5 Comments on “Do you need 14 USB ports on your Pi?”",
                "",
                "Do you need 14 USB ports on your Pi?",
            ),
            (
                "45 Gedanken zu „„Das wird man ja wohl noch sagen dürfen!““",
                "",
                "„Das wird man ja wohl noch sagen dürfen!“",
            ),
            (
                "11 Antworten zu “Sunday Thoughts: Ein wenig lost, aber immer noch da!”",
                "",
                "Sunday Thoughts: Ein wenig lost, aber immer noch da!",
            ),
            (
                "Dec 18 2025 Preparing a transition in Debusine",
                "",
                "Preparing a transition in Debusine",
            ),
            (
                "AoAH Day 15: Porting an HTML5 parser / Dec 2025",
                "",
                "AoAH Day 15: Porting an HTML5 parser",
            ),
            (
                "Wochenbericht 14. - 20. Januar 2022",
                "",
                "Wochenbericht 14. - 20. Januar 2022",
            ),
            (
                "Advent of Code 2025 week 2 20 December 2025 Search [ ]",
                "",
                "Advent of Code 2025 week 2",
            ),
            (
                "How to help babies sleep | Patient Education | UC Davis Children's Hospital",
                "",
                "How to help babies sleep",
            ),
            (
                "Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst",
                "https://www.artlyst.com/features/x/",
                "Critics’ Choice: Best UK Art Exhibitions 2025",
            ),
        ] {
            assert_eq!(tidy(line, url), headline, "{line}");
        }
    }

    #[test]
    fn headlines_keep_what_is_theirs() {
        for (line, url) in [
            ("AI/ML/Data Science: A Guide for Managers", ""),
            ("The 2025 Budget: What Changes in April", ""),
            ("Cats | Dogs", ""),
            (
                "Milan Design Week | Michael Anastassiades’ light installation for FLOS",
                "",
            ),
            (
                "Pros and Cons – A Guide to Consulting",
                "https://example.com/x",
            ),
            ("May 5 Is Coming", ""),
            ("Budget vote > expectations, says minister > all", ""),
        ] {
            assert_eq!(tidy(line, url), line, "{line}");
        }
    }
}
