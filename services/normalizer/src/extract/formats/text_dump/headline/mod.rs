//! The headline of a dump whose scraper sent none: the line that best
//! names what the address names. Menus, teasers and subheads share the
//! slug's words too; the headline holds the most of them with the fewest
//! others, and it leads into the story (prose follows it, none comes just
//! before it), where a subhead sits inside the story and a menu item far
//! from any.

use std::sync::LazyLock;

use regex::Regex;

use super::comment_count::comment_count_words;
use super::slug::{same_word, slug_words, tokens};
use crate::extract::support::text::clean;

/// A line of more words than this is never a headline.
const MAX_WORDS: usize = 25;
/// Lines after a headline in which the story's prose begins.
const LEAD_LINES: usize = 12;
/// Lines before a headline that hold no prose (a subhead has some).
const QUIET_LINES: usize = 8;
/// Words a line of prose has at least (dumps wrap lines at ~80 columns).
const PROSE_WORDS: usize = 15;
/// Cost of a word the slug does not have, per share of the line.
const EXTRA_WORD_COST: f32 = 0.15;
/// Lines this close to the best score compete on position.
const MARGIN: f32 = 0.2;
/// What a line in the page's second half loses: headlines are printed
/// above their story, teasers and footers below it.
const LATE_COST: f32 = 0.2;
/// Share of the slug's words a headline holds at least.
const MIN_SLUG_SHARE: f32 = 0.5;
/// Share of the slug's words a headline holds at least when it leads into
/// the story (prose after it, none just before): an address that names
/// the story in other words ("…/weight-loss-drugs-wegovy-zepbound-health-plans"
/// over "Employers drop coverage for weight loss drugs as …").
const MIN_SLUG_SHARE_LEADING: f32 = 0.3;
/// Lines after a headline its byline or date is printed in.
const BYLINE_LINES: usize = 4;
/// What a byline or date right after a line adds to its score: a story's
/// headline has one, a subhead or a menu item has not.
const BYLINE_BONUS: f32 = 0.3;

/// Separators of breadcrumbs and "Headline | Site" lines: each part is a
/// candidate on its own.
static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:\||>|/|::|–|—|-)\s+|\s+/|/\s+|\s*[»›▸]\s*").expect("valid regex")
});
/// Lines that are no headline though they may hold the slug's words:
/// counts of comments on the story, image descriptions, addresses.
static NOT_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\d+\s+",
        comment_count_words!(),
        r"\b",
        r"|^(?:hero |featured |cover )?(?:image|photo|picture)s?\b",
        r"|^(?:related|see also|read more|also read|recommended)\s*:",
        r"|\s(?:featured|hero|header|cover|thumbnail) (?:image|photo|picture)$",
        r"|^https?://"
    ))
    .expect("valid regex")
});
/// Words an image's description adds to the headline it shows ("… cover",
/// "… Hero Banner"): the line without them is printed as its own line too.
const IMAGE_WORDS: [&str; 7] = [
    " cover",
    " hero banner",
    " header image",
    " featured image",
    " banner",
    " thumbnail",
    " image",
];

/// An item of a numbered list: breadcrumbs and tables of contents.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+\.\s").expect("valid regex"));

/// The headline and the number of the line it is on, when the address
/// names the story and a line of the dump names it too.
pub fn from_slug(dump: &str, url: &str) -> Option<(usize, String)> {
    let slug = slug_words(url);
    if slug.is_empty() {
        return None;
    }
    let lines: Vec<&str> = dump.lines().map(str::trim).collect();
    let prose: Vec<bool> = lines
        .iter()
        .map(|l| l.split_whitespace().count() >= PROSE_WORDS)
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        crate::cancel::checkpoint();
        // Most lines share no word with the slug: that costs least to see,
        // so it is seen first.
        if !shares_a_word(&slug, line) || !could_be_headline(line) {
            continue;
        }
        if describes_an_image(line, &lines) {
            continue;
        }
        let leads = prose[at + 1..(at + LEAD_LINES).min(lines.len())].contains(&true);
        let quiet = !prose[at.saturating_sub(QUIET_LINES)..at].contains(&true);
        let bylined = lines[at + 1..]
            .iter()
            .filter(|l| !l.is_empty())
            .take(BYLINE_LINES)
            .any(|l| dates_or_names(l));
        // A part starts as a headline does: "and 5 fitness trends" is the
        // second half of one split at its dash, not a headline of its own.
        let parts = std::iter::once(*line).chain(
            PARTS
                .split(line)
                .filter(|p| p != line && p.chars().next().is_some_and(|c| !c.is_lowercase())),
        );
        let early = at * 2 <= lines.len();
        for part in parts.map(|p| without_trailing_date(p, &slug)) {
            if let Some((score, share)) = slug_match(&slug, part) {
                candidates.push(Candidate {
                    at,
                    score: score + if bylined { BYLINE_BONUS } else { 0.0 }
                        - if early { 0.0 } else { LATE_COST },
                    share,
                    // A byline under a line in the page's first half also
                    // marks the story's start: an author box, a share bar
                    // and a hero image can hold its prose back past
                    // `LEAD_LINES`. Teasers lower down have bylines too.
                    leads_story: leads && quiet || bylined && early,
                    text: part,
                });
            }
        }
    }
    let top = candidates.iter().map(|c| c.score).fold(f32::MIN, f32::max);
    let near: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            c.score >= top - MARGIN
                && (c.share >= MIN_SLUG_SHARE || c.share >= MIN_SLUG_SHARE_LEADING && c.leads_story)
        })
        .collect();
    let leading: Vec<&Candidate> = near.iter().copied().filter(|c| c.leads_story).collect();
    let pool = if leading.is_empty() { near } else { leading };
    // The first such line; of its parts, the best.
    let first = pool.first()?.at;
    let best = pool.iter().filter(|c| c.at == first).reduce(|best, c| {
        if c.score > best.score {
            c
        } else {
            best
        }
    })?;
    let (at, text) = extended(&lines, best.at, best.text);
    let text = clean(text);
    (!text.is_empty()).then_some((at, text))
}

/// The headline when a line just after it, or just before it (no prose
/// between), prints it again with a subtitle ("Pros and Cons of
/// Consulting" then "Pros and Cons of Consulting: Is It a Good Fit for
/// You?"; a section's label over "Different Types of Cameras for
/// Photography and Video Explained") or with words around it ("HR
/// management software" over "Top 5 HR Management Software in 2026"):
/// the short one is the page's label, the long one its headline.
fn extended<'a>(lines: &[&'a str], at: usize, text: &'a str) -> (usize, &'a str) {
    // Not past prose: a line after the story's first paragraph is its
    // subhead, not its headline.
    let near = |l: &&str| l.split_whitespace().count() < PROSE_WORDS;
    let after = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .filter(|(_, l)| !l.is_empty())
        .take(EXTENSION_LINES)
        .take_while(|(_, l)| near(l));
    let before = lines[..at]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| !l.is_empty())
        .take(EXTENSION_LINES)
        .take_while(|(_, l)| near(l));
    after
        .chain(before)
        .find(|(_, next)| extends(next, text))
        .map_or((at, text), |(next_at, next)| (next_at, *next))
}

/// Non-empty lines on either side of a headline where a longer print of
/// it is looked for.
const EXTENSION_LINES: usize = 3;

/// Whether `longer` is `text` with more words after it (or around it),
/// itself shaped as a headline, and not the description of the image that shows it ("…
/// Header Image").
fn extends(longer: &str, text: &str) -> bool {
    let prefix = longer.len() > text.len()
        && longer.is_char_boundary(text.len())
        && longer[..text.len()].eq_ignore_ascii_case(text)
        && longer[text.len()..].starts_with([':', ' ', '?', '!'])
        && longer[text.len()..].chars().any(char::is_alphanumeric);
    (prefix || holds_inside(longer, text))
        && !ends_with_image_word(longer)
        && could_be_headline(longer)
        && tokens(longer).len() <= MAX_WORDS
}

/// Whether `longer` prints `text` (two words or more) inside it, whole
/// words, with words before it and after it: "Top 5 HR Management
/// Software in 2026" around the slug's "HR management software". Words
/// only before it are a breadcrumb trail's ("Home / News / …"), and only
/// after it a caption's ("Kevin Mayer, the executive who …").
fn holds_inside(longer: &str, text: &str) -> bool {
    let (l, t) = (longer.to_lowercase(), text.to_lowercase());
    if l.len() <= t.len() || t.split_whitespace().nth(1).is_none() {
        return false;
    }
    l.match_indices(&t).any(|(at, _)| {
        let (head, rest) = (&l[..at], &l[at + t.len()..]);
        head.chars().any(char::is_alphanumeric)
            && !head.chars().next_back().is_some_and(char::is_alphanumeric)
            && !rest.chars().next().is_some_and(char::is_alphanumeric)
            && rest.chars().any(char::is_alphanumeric)
    })
}

/// Whether a line ends with a word an image's description adds ("…
/// Header Image").
fn ends_with_image_word(line: &str) -> bool {
    let lower = line.to_lowercase();
    IMAGE_WORDS.iter().any(|w| lower.ends_with(w))
}

/// Whether `line` is an image's description: another line of the dump
/// followed by an image word ("… Header Image" over "…").
fn describes_an_image(line: &str, lines: &[&str]) -> bool {
    let lower = line.to_lowercase();
    IMAGE_WORDS.iter().any(|w| {
        lower.strip_suffix(w).is_some_and(|shown| {
            shown.split_whitespace().count() >= 3
                && lines
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(shown.trim_end()))
        })
    })
}

struct Candidate<'a> {
    at: usize,
    score: f32,
    share: f32,
    leads_story: bool,
    text: &'a str,
}

/// Whether a line holds any word of the slug (or, for a slug written
/// without separators, any letters at all).
fn shares_a_word(slug: &[String], line: &str) -> bool {
    match slug {
        [joined] if joined.len() >= super::slug::MIN_JOINED_LEN => true,
        // Without the allocations of `tokens`: this runs on every line.
        _ => line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .any(|w| {
                if w.is_ascii() {
                    slug.iter().any(|s| same_ascii_word(s, w))
                } else {
                    let w = w.to_lowercase();
                    slug.iter().any(|s| same_word(s, &w))
                }
            }),
    }
}

/// `same_word` for an ASCII word of any case.
fn same_ascii_word(slug_word: &str, w: &str) -> bool {
    let (s, w) = (slug_word.as_bytes(), w.as_bytes());
    let plural_of = |a: &[u8], b: &[u8]| {
        b.len() == a.len() + 1
            && b[..a.len()].eq_ignore_ascii_case(a)
            && b[a.len()].eq_ignore_ascii_case(&b's')
    };
    s.eq_ignore_ascii_case(w) || plural_of(s, w) || plural_of(w, s)
}

/// A headline printed with its date after it ("Keeping It Clean and
/// Healthy September 9, 2021") is the words before the date, unless the
/// address names that date too ("Metasploit Wrap-Up 12/19/2025" at
/// `…/metasploit-wrap-up-12-19-2025`).
fn without_trailing_date<'a>(part: &'a str, slug: &[String]) -> &'a str {
    if !part.bytes().any(|b| b.is_ascii_digit()) {
        return part;
    }
    let words: Vec<(usize, &str)> = part
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
        .collect();
    for &(at, _) in words.iter().skip(2) {
        let rest = &part[at..];
        let numbers: Vec<String> = tokens(rest)
            .into_iter()
            .filter(|t| t.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let in_slug = !numbers.is_empty() && numbers.iter().all(|t| slug.contains(t));
        if rest.split_whitespace().count() <= 5
            && !in_slug
            && crate::extract::fields::dates::parse_whole(rest).is_some()
        {
            return part[..at].trim_end();
        }
    }
    part
}

/// A byline or a dating line.
fn dates_or_names(line: &str) -> bool {
    crate::extract::fields::byline::looks_like_byline(line) || super::lines::is_date_line(line)
}

/// Not a list item, image placeholder, sentence, wrapped paragraph or the
/// header of comments or other stories.
fn could_be_headline(line: &str) -> bool {
    !line.is_empty()
        && !super::lines::is_bullet_line(line)
        && !NUMBERED.is_match(line)
        && !line.starts_with('[')
        && !line.ends_with('.')
        && line.len() <= 200
        // A slug printed as it is ("blockchain-seo-agency") is a file name.
        && line.contains(' ')
        // "34 responses to “Budget vote delayed”" names the story too.
        && !super::region::ends_story(line)
        && !NOT_HEADLINE.is_match(line)
        // A credit or a footer's copyright line ("Pro-Kopf-Konsum … ©
        // APA/APA", "©2025 TE Certified Electrical …").
        && !line.contains('©')
        // A separator left of a breadcrumb ("| : Kenji Fujimori: …").
        && !line.starts_with(['|', ':', '·', ',', ';'])
        && !ends_mid_sentence(line)
        && !two_sentences(line)
}

/// Whether a long line ends a sentence inside it and goes on with another
/// ("… for specific behaviors. GIM has …"): prose, not a headline. A
/// short one may be a headline of two ("Vegetarier zu sein. Bedarf,
/// Trend oder eigene Entscheidung?").
fn two_sentences(line: &str) -> bool {
    line.split_whitespace()
        .nth(TWO_SENTENCE_WORDS - 1)
        .is_some()
        && SENTENCE_END.is_match(line)
}

/// Words from which a line holding two sentences is prose.
const TWO_SENTENCE_WORDS: usize = 12;

/// A full stop after a word of four lower-case letters or more, and a
/// capital after it: not an abbreviation ("Dr. Smith", "vs. Reality",
/// "U.S. Stocks").
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\p{Ll}{4,}\. \p{Lu}").expect("valid regex"));

/// Whether a line stops at a small word ("… pricing data from"): a line
/// of a paragraph the dump wrapped, which a headline never ends as.
fn ends_mid_sentence(line: &str) -> bool {
    line.rsplit(' ')
        .next()
        .is_some_and(|last| UNFINISHED_ENDINGS.contains(&last))
}

/// Lower-case words a sentence goes on after.
const UNFINISHED_ENDINGS: [&str; 26] = [
    "the", "a", "an", "of", "from", "to", "and", "or", "with", "for", "in", "on", "by", "that",
    "which", "as", "at", "is", "are", "was", "its", "their", "your", "our", "this", "these",
];

/// How well a line names the slug: the share of the slug's words it holds
/// less a cost for its other words; `None` under two shared words (one for
/// a one-word slug).
fn slug_match(slug: &[String], line: &str) -> Option<(f32, f32)> {
    let words = tokens(line);
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    let mut distinct: Vec<&String> = slug.iter().collect();
    distinct.sort();
    distinct.dedup();
    let hits = distinct
        .iter()
        .filter(|s| words.iter().any(|w| same_word(s, w)))
        .count();
    if hits < 2.min(distinct.len()) && distinct.len() > 1 {
        return None;
    }
    let share = hits as f32 / distinct.len() as f32;
    if let [joined] = distinct[..] {
        if hits == 0 {
            return run_together(joined, &words);
        }
    }
    let extra = words
        .iter()
        .filter(|w| !distinct.iter().any(|s| same_word(s, w)) && !free_word(w))
        .count() as f32
        / words.len() as f32;
    Some((share - EXTRA_WORD_COST * extra, share))
}

/// Words a headline adds to its slug at no cost: small words and years
/// ("The Best Gaming Laptops Under $1,000 of 2026" for
/// /the-best-gaming-laptops-under-1000).
fn free_word(word: &str) -> bool {
    const SMALL: [&str; 9] = ["the", "a", "an", "of", "in", "for", "to", "and", "our"];
    SMALL.contains(&word)
        || word.len() == 4
            && (word.starts_with("19") || word.starts_with("20"))
            && word.bytes().all(|b| b.is_ascii_digit())
}

/// A slug written without separators ("graphicdesigncourses"): the
/// line's words run together hold it; the share of letters beyond it
/// costs as other words do.
fn run_together(joined: &str, words: &[String]) -> Option<(f32, f32)> {
    if joined.len() < super::slug::MIN_JOINED_LEN {
        return None;
    }
    let line: String = words.concat();
    line.contains(joined).then(|| {
        let extra = (line.len() - joined.len()) as f32 / line.len() as f32;
        (1.0 - EXTRA_WORD_COST * extra, 1.0)
    })
}

#[cfg(test)]
mod tests;
