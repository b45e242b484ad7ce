//! A dump's lines as the page meant them: taken apart where rendering ran
//! two boxes together ("Korin MillerPublished: Jan 29, 2025"), joined
//! where it split one ("By" above the name), so byline and date patterns
//! see one thing a line.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::extract::support::byline_words::AUTHOR_WORDS;
use crate::extract::support::text::word_count;
use crate::extract::{fields::dates, support::date_labels};

/// Words a rendered page runs together where markup stood between them
/// (ASCII word boundaries: a Unicode one sends every non-ASCII line to
/// the slow regex engine):
/// "ByKathryn Giuffrida", "Written byAAA Travel Editor", "Korin
/// MillerPublished Mar 5, 2025", "Byline profile imageWritten by Jane".
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<by>(?:Written )?[Bb]y)(?P<name>\p{Lu})",
        r"|(?P<end>[\p{Ll}\d])(?P<label>(?:Published|Updated|Posted|Last updated|Reviewed|Modified)(?-u:\b)",
        r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)",
        // A no-break space may stand for a space ("Written&nbsp;by").
        r"|(?P<before>\p{Ll})(?P<byline>(?:Written[ \u{A0}]by|By)[ \u{A0}]\p{Lu})",
        // A standfirst with the byline and date after its last sentence:
        // "… beyond the U.S. and Canada. By Lisa Jennings on Dec. 19, 2025".
        r"|(?P<stop>[.!?]) (?P<trailing>By \p{Lu}\p{Ll}+(?: \p{Lu}[\p{Ll}'’-]+){1,3} on ",
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}$)"
    ))
    .expect("valid regex")
});

/// What a rendered page prints around the "By" of a byline: image
/// placeholders before it ("[svg]ByTrevor Jones", "Written
/// by:[screenshot]Elise Nass"), a count or a mark before it ("0 · by
/// Dennis Moons"), a stutter ("Written byby"), a spaced colon ("By :
/// CottageCare"), or another word for the credit ("Text by", "Guide by").
static BYLINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\[[^\]\[]*\]\s*)+(?P<by1>(?:Written\s+)?[Bb]y)(?:\s+|(?P<initial>\p{Lu}))",
        r"|^(?P<by2>(?:Written\s+)?[Bb]y\s*:?)\s*\[[^\]\[]*\]\s*",
        r"|^\d{1,3}\s*[·•|]\s*(?P<by3>[Bb]y\s)",
        r"|^(?P<by4>(?:Written\s+)?[Bb]y)\s?by\s",
        r"|^(?P<by5>[Bb]y)\s+:\s*",
        r"|^(?:Text|Guide|Story|Words|Review|Interview|Report|Reporting)\s+by\s+(?P<by6>)",
    ))
    .expect("valid regex")
});

/// The line with `BYLINE_NOISE` taken off its byline.
fn byline_cleared(line: &str) -> Cow<'_, str> {
    // Every case has a "by" in its first few dozen bytes.
    let head = &line.as_bytes()[..line.len().min(80)];
    if !head.windows(2).any(|w| w.eq_ignore_ascii_case(b"by")) {
        return Cow::Borrowed(line);
    }
    BYLINE_NOISE.replace(line, |c: &Captures| {
        // A name run into the "By" keeps its first letter.
        let initial = c.name("initial").map_or("", |m| m.as_str());
        match (1..=6).find_map(|n| c.name(&format!("by{n}"))) {
            Some(by) if by.as_str().is_empty() => "By ".to_string(),
            Some(by) => format!("{} {initial}", by.as_str().trim_end()),
            None => String::new(),
        }
    })
}

/// "Author Tuhin Bhatt", "Author: Jane Doe", "Posted by Jane Doe on …": a
/// byline in other words.
static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(concat!(
        r"^(?:(?:(?i:author|{AUTHOR_WORDS})\s*:?|(?i:(?:posted|submitted|shared|post author) by))\s+",
        // A label in the plural takes its colon ("Contributors: Janet
        // Loughrey", "Authors:Jane Doe"): without one it heads a list.
        r"|(?i:authors|contributors?)\s*:\s*",
        // The same in other languages, the name often run into the label
        // ("Veröffentlicht vonChris Jung").
        r"|(?i:geschrieben|veröffentlicht|erstellt|eingestellt|verfasst) von\s*",
        // "Eine Kolumne von Nils Pickert", "Ein Artikel von Miriam
        // Ruhenstroth": a piece's kind, then its writer (not "Ein Kommentar
        // von", a reader's comment).
        r"|(?i:(?:eine?\s+)?(?:blog\s*)?(?:kolumne|interview|artikel|beitrag|gastbeitrag|bericht|reportage|analyse|essay|glosse)) von\s+",
        r"|(?i:publié|écrit|rédigé) par\s*|(?i:publicado|escrito) por\s*|(?i:pubblicato|scritto) da\s*)",
        r"(?P<name>\p{{Lu}}.{{2,60}})$"
    ), AUTHOR_WORDS = AUTHOR_WORDS))
    .expect("valid regex")
});

/// A "By" or "Written by" printed on a line of its own, the name on the
/// next (markup put them in two boxes).
static LONE_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?i)^(?:(?:written|posted|words)\s+)?by\s*:?$|^author\s*:?$",
            r"|^(?:(?:geschrieben|veröffentlicht|verfasst)\s+)?von\s*:?$|^(?:par|por|di|door|{})\s*:?$"
        ),
        AUTHOR_WORDS
    ))
    .expect("valid regex")
});

/// "Published August 7, 2023 by Nicole Burke", "Veröffentlicht am 10.
/// Februar 2019 von Heiko": a date, then its byline.
static DATE_THEN_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<date>.{6,60}?)\s+(?P<by>(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|di|[Dd]oor)\s+\p{Lu}.*)$",
    )
    .expect("valid regex")
});

/// The words that open a byline after a date, spaced, for a cheap check
/// before the pattern above.
const BY_WORDS: [&str; 10] = [
    " by ", " By ", " von ", " Von ", " par ", " Par ", " por ", " Por ", " di ", " door ",
];

/// "Last Updated: August 1, 2025 Here's a rundown…": a dating label and
/// its date at the start of a line, the story run on after it.
static LABEL_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{}\s+", dating_label())).expect("valid regex"));

/// A dating label at the start of a line, its colon included: the start
/// of both patterns here.
fn dating_label() -> String {
    format!(
        r"(?i)^(?:last updated|{}|{})(?:\s+{})?\s*:?",
        date_labels::updated(),
        date_labels::published(),
        date_labels::CONNECTOR
    )
}

/// A dating label on a line of its own ("Last Updated:", "Posted On"):
/// its date is on the next line.
static DATE_LABEL_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{}$", dating_label())).expect("valid regex"));

/// Whether `line` is a dating label alone, its date on the next line.
pub fn is_date_label(line: &str) -> bool {
    line.len() <= 40 && DATE_LABEL_ALONE.is_match(line)
}

/// Words a date has at most ("Friday, December 19, 2025 at 10:30 am EST").
const DATE_WORDS: usize = 9;

/// The line cut after its leading labelled date, when text follows it.
fn labelled_date_lead(line: &str) -> Option<(&str, &str)> {
    let label = LABEL_LEAD.find(line)?;
    let words: Vec<usize> = line[label.end()..]
        .split_whitespace()
        .map(|w| w.as_ptr() as usize - line.as_ptr() as usize + w.len())
        .collect();
    // The longest run of words after the label that is a date, whole.
    let end = words.iter().take(DATE_WORDS).rev().find(|&&end| {
        dates::parse_whole(line[label.end()..end].trim_end_matches([',', '.', '|'])).is_some()
    })?;
    let rest = line[*end..].trim();
    (!rest.is_empty()).then(|| (line[..*end].trim(), rest))
}

/// The dump's lines, trimmed, unglued, split and joined as above.
pub fn lines(dump: &str) -> Vec<Cow<'_, str>> {
    let mut split: Vec<Cow<'_, str>> = Vec::new();
    for line in dump.lines() {
        let line = without_icons(line);
        let unglued = match &line {
            Cow::Borrowed(line) => unglued(line.trim()),
            Cow::Owned(line) => Cow::Owned(unglued(line.trim()).into_owned()),
        };
        match unglued {
            Cow::Borrowed(line) => push_dated_byline(&mut split, Cow::Borrowed(line)),
            Cow::Owned(line) => {
                for part in line.split('\n') {
                    push_dated_byline(&mut split, Cow::Owned(part.trim().to_string()));
                }
            }
        }
    }
    with_lone_by_joined(split)
}

/// The line without the glyphs of icon fonts (characters of Unicode's
/// private use areas: a calendar or a person before a date or a name).
/// They are no text: a line of icons alone is a blank line.
fn without_icons(line: &str) -> Cow<'_, str> {
    let icon = |c: char| matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}');
    match line.contains(icon) {
        true => Cow::Owned(line.replace(icon, "")),
        false => Cow::Borrowed(line),
    }
}

fn unglued(line: &str) -> Cow<'_, str> {
    match byline_cleared(line) {
        Cow::Borrowed(line) => taken_apart(line),
        Cow::Owned(cleared) => Cow::Owned(taken_apart(&cleared).into_owned()),
    }
}

/// The line with `GLUED`'s boxes taken apart.
fn taken_apart(line: &str) -> Cow<'_, str> {
    GLUED.replace_all(line, |c: &Captures| {
        let group = |name: &str| c.name(name).map_or("", |m| m.as_str());
        if c.name("by").is_some() {
            format!("{} {}", group("by"), group("name"))
        } else if c.name("stop").is_some() {
            format!("{}\n{}", group("stop"), group("trailing"))
        } else if c.name("end").is_some() {
            format!("{} {}", group("end"), group("label"))
        } else {
            format!("{}\n{}", group("before"), group("byline"))
        }
    })
}

/// A line that dates the story and then names who wrote it becomes two;
/// an "Author" label becomes "By".
fn push_dated_byline<'a>(out: &mut Vec<Cow<'a, str>>, line: Cow<'a, str>) {
    if let Some((date, rest)) = labelled_date_lead(&line) {
        let (date, rest) = (date.to_string(), rest.to_string());
        out.push(Cow::Owned(date));
        // What follows the date may be a byline in other words ("Posted on
        // December 18, 2025 Posted by John Scalzi 59 Comments").
        push_dated_byline(out, Cow::Owned(rest));
        return;
    }
    // A list item's label too, with its colon or "by" ("• Author: Kashmir
    // Brummel"; "• Author Website" is a menu's entry).
    let item = without_bullet(&line);
    let label_line = item.len() == line.len()
        || item.contains(':')
        || item.contains(" by ")
        || item.contains(" By ");
    if let Some(c) = label_line.then(|| AUTHOR_LABEL.captures(item)).flatten() {
        out.push(Cow::Owned(format!("By {}", &c["name"])));
        return;
    }
    if let Some(c) = BY_WORDS
        .iter()
        .any(|w| line.contains(w))
        .then(|| DATE_THEN_BY.captures(&line))
        .flatten()
    {
        let date = &c["date"];
        if dates::parse_text(date).is_some() && dates::parse_text(&c["by"]).is_none() {
            let (date, by) = (date.to_string(), c["by"].to_string());
            out.push(Cow::Owned(date));
            out.push(Cow::Owned(by));
            return;
        }
    }
    out.push(line);
}

/// A lone "By" takes the next line that is not blank, a blank line or
/// two between them (boxes rendered apart), when that line is short
/// enough to be names.
fn with_lone_by_joined(lines: Vec<Cow<'_, str>>) -> Vec<Cow<'_, str>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        // A list item's too ("• Written By" over "John Goreham"), unless
        // another item follows it (a menu: "• Author", "• Venue").
        let item = is_bullet_line(&line);
        let next_is_item = lines.peek().is_some_and(|next| is_bullet_line(next));
        if !LONE_BY.is_match(without_bullet(&line)) || item && next_is_item {
            out.push(line);
            continue;
        }
        let mut blanks = Vec::new();
        while blanks.len() < MAX_BLANKS_AFTER_BY && lines.peek().is_some_and(|l| l.is_empty()) {
            blanks.extend(lines.next());
        }
        let names = lines.peek().map(|next| without_bullet(next).to_string());
        match names {
            Some(names)
                if !names.is_empty()
                    && (blanks.is_empty()
                        || word_count(&names) <= NAME_LINE_WORDS
                            && !runs_boxes_together(&names)
                            && capitalised_words(&names)) =>
            {
                out.push(format!("By {names}").into());
                lines.next();
            }
            _ => {
                out.push(line);
                out.extend(blanks);
            }
        }
    }
    out
}

/// Whether a line runs several boxes' words together ("Wedding
/// ChecklistsJust EngagedWedding Planning"): a word turns to a capital
/// after three small letters, which names ("McNally", "MacFarlane") do
/// not.
fn runs_boxes_together(line: &str) -> bool {
    let mut lower_run = 0;
    for c in line.chars() {
        if c.is_uppercase() && lower_run >= 3 {
            return true;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    false
}

/// Whether every word of a line is capitalised but for the small words
/// of names ("Maria de la Cruz", "Jan van der Berg", "Ann and Bo"): a
/// form's "Name muss genannt werden" is no one's name.
fn capitalised_words(line: &str) -> bool {
    const SMALL: [&str; 14] = [
        "and", "&", "de", "da", "das", "van", "von", "der", "den", "du", "la", "le", "di", "del",
    ];
    line.split_whitespace()
        .all(|w| SMALL.contains(&w) || w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// Blank lines passed over between a lone "By" and its names.
const MAX_BLANKS_AFTER_BY: usize = 2;
/// Words a line of names after a blank has at most.
const NAME_LINE_WORDS: usize = 8;

/// Markers text renderers put before list items.
const BULLETS: &[char] = &[
    '•', '□', '☆', '◦', '▪', '■', '●', '○', '*', '·', '►', '▸', '-', '–',
];

pub(super) fn is_bullet_line(line: &str) -> bool {
    let mut chars = line.chars();
    matches!((chars.next(), chars.next()), (Some(c), Some(' ') | None) if BULLETS.contains(&c))
}

/// The line without its list marker, when it has one.
pub(super) fn without_bullet(line: &str) -> &str {
    match is_bullet_line(line) {
        true => item_text(line),
        false => line,
    }
}

/// A list item's text: the line without its marker (a bullet line's
/// first character).
pub(super) fn item_text(line: &str) -> &str {
    let start = line.char_indices().nth(1).map_or(line.len(), |(i, _)| i);
    line[start..].trim()
}

/// A short line that dates something ("Updated September 28, 2025",
/// "Published on November 7, 2025, 3:50pm ET"): a block of its own, so
/// the lines around it do not hide it.
pub(super) fn is_date_line(line: &str) -> bool {
    // Every date this reads has digits: most lines have none, and cost no
    // date search.
    line.len() <= DATE_LINE_BYTES
        && line.bytes().any(|b| b.is_ascii_digit())
        && word_count(line) <= DATE_LINE_WORDS
        && dates::parse_text(line).is_some()
}

/// Words a dating line has at most.
const DATE_LINE_WORDS: usize = 12;
/// Bytes a line of that many words has at most, in any script.
const DATE_LINE_BYTES: usize = 240;

#[cfg(test)]
mod tests {
    use super::*;

    fn all(dump: &str) -> Vec<String> {
        lines(dump).into_iter().map(Cow::into_owned).collect()
    }

    #[test]
    fn glued_bylines_and_dates_come_apart() {
        assert_eq!(all("ByKathryn Giuffrida"), ["By Kathryn Giuffrida"]);
        assert_eq!(
            all("Written byAAA Travel Editor"),
            ["Written by AAA Travel Editor"]
        );
        assert_eq!(
            all("By Korin MillerPublished: Jan 29, 2025"),
            ["By Korin Miller Published: Jan 29, 2025"]
        );
        assert_eq!(
            all("Byline profile imageWritten by Rebecca Lake"),
            ["Byline profile image", "Written by Rebecca Lake"]
        );
        assert_eq!(
            all("Byline profile imageWritten\u{A0}by\u{A0}Rebecca Lake"),
            ["Byline profile image", "Written\u{A0}by\u{A0}Rebecca Lake"]
        );
        assert_eq!(
            all("Published August 7, 2023 by Nicole Burke"),
            ["Published August 7, 2023", "by Nicole Burke"]
        );
        assert_eq!(
            all("The chain is planning growth in Canada. By Lisa Jennings on Dec. 19, 2025"),
            [
                "The chain is planning growth in Canada.",
                "By Lisa Jennings on Dec. 19, 2025"
            ]
        );
        assert_eq!(
            all("Posted by IndustrySelect on Tuesday, August 29, 2023"),
            ["By IndustrySelect on Tuesday, August 29, 2023"]
        );
        assert_eq!(
            all("Veröffentlicht vonChris Jung 28. Februar 2016"),
            ["By Chris Jung 28. Februar 2016"]
        );
        assert_eq!(
            all("Erstellt von Fabian am Dienstag 6. Mai 2014"),
            ["By Fabian am Dienstag 6. Mai 2014"]
        );
        assert_eq!(all("Contributors: Janet Loughrey"), ["By Janet Loughrey"]);
        assert_eq!(all("Authors:Jane Doe"), ["By Jane Doe"]);
        assert_eq!(all("  • Author: Kashmir Brummel"), ["By Kashmir Brummel"]);
        assert_eq!(all("  • Author Website"), ["• Author Website"]);
        assert_eq!(all("  • Written By\n    John Goreham"), ["By John Goreham"]);
        assert_eq!(all("  • Author\n  • Venue"), ["• Author", "• Venue"]);
        assert_eq!(
            all("Posted on December 18, 2025    Posted by John Scalzi      59 Comments"),
            [
                "Posted on December 18, 2025",
                "By John Scalzi      59 Comments"
            ]
        );
        assert_eq!(
            all("  • Post author By Helge Fahrnberger"),
            ["By Helge Fahrnberger"]
        );
        assert_eq!(all("Eine Kolumne von Nils Pickert"), ["By Nils Pickert"]);
        assert_eq!(
            all("Blog Beitrag von Margarita Koreneva"),
            ["By Margarita Koreneva"]
        );
        // A reader's comment is no byline.
        let comment = "Ein Kommentar von Lisa Meier";
        assert_eq!(all(comment), [comment]);
        // Without its colon a plural label heads a list, not a byline.
        let heading = "Contributors Network Members";
        assert_eq!(all(heading), [heading]);
        // A sentence that goes on after the name is no byline.
        let sentence = "It was built in 1990. By Monday the crowd had gone on Dec. 19, 2025 too";
        assert_eq!(all(sentence), [sentence]);
    }

    #[test]
    fn what_a_page_prints_around_a_bylines_by_comes_off() {
        for (line, byline) in [
            ("[svg]ByTrevor Jones", "By Trevor Jones"),
            (
                "[Taylor-Passofaro-1-s] By Taylor Passofaro",
                "By Taylor Passofaro",
            ),
            (
                "Written by:[screenshot]Elise Nass",
                "Written by: Elise Nass",
            ),
            (
                "Written byby Rebecca MacFarlane",
                "Written by Rebecca MacFarlane",
            ),
            ("0 · by Dennis Moons", "by Dennis Moons"),
            ("By : CottageCare", "By CottageCare"),
            ("Text by Hunter Dukes", "By Hunter Dukes"),
        ] {
            assert_eq!(all(line), [byline], "{line}");
        }
        for line in [
            "Stand by Me",
            "Bypass surgery [1] is common",
            "By 2030 [note] we will",
            "[img]Bypass surgery",
        ] {
            assert_eq!(all(line), [line], "{line}");
        }
    }

    #[test]
    fn a_labelled_date_leading_a_paragraph_is_its_own_line() {
        assert_eq!(
            all("Last Updated: August 1, 2025 Here's a rundown of the best car rentals."),
            [
                "Last Updated: August 1, 2025",
                "Here's a rundown of the best car rentals."
            ]
        );
        assert_eq!(
            all("Mental HealthDecember 22, 2022Updated: January 02, 2026"),
            ["Mental Health December 22, 2022 Updated: January 02, 2026"]
        );
        assert_eq!(all("Updated: August 1, 2025"), ["Updated: August 1, 2025"]);
    }

    #[test]
    fn a_lone_by_takes_the_next_line() {
        assert_eq!(
            all("By\nJoanna Okedara\nText"),
            ["By Joanna Okedara", "Text"]
        );
        assert_eq!(
            all("Written By\nStephen Jesudunsin"),
            ["By Stephen Jesudunsin"]
        );
        assert_eq!(all("By\n"), ["By"]);
        assert_eq!(
            all("Written by\n\nEdzel Tabing\n\nText"),
            ["By Edzel Tabing", "", "Text"]
        );
        assert_eq!(all("by\n\n  • Taya Iv\n"), ["By Taya Iv"]);
        assert_eq!(
            all("Von\n\nName muss genannt werden"),
            ["Von", "", "Name muss genannt werden"]
        );
        assert_eq!(
            all("By\n\nWedding ChecklistsJust EngagedWedding Planning\nNaoise McNally"),
            [
                "By",
                "",
                "Wedding ChecklistsJust EngagedWedding Planning",
                "Naoise McNally"
            ]
        );
        assert_eq!(
            all("By\n\nThe council met on Tuesday and voted for the budget after a long debate."),
            [
                "By",
                "",
                "The council met on Tuesday and voted for the budget after a long debate."
            ]
        );
        assert_eq!(all("Author Tuhin Bhatt"), ["By Tuhin Bhatt"]);
        assert_eq!(all("Autor: Jan Nowak"), ["By Jan Nowak"]);
        assert_eq!(all("Von\nHeiko Adams\nText"), ["By Heiko Adams", "Text"]);
        assert_eq!(
            all("Veröffentlicht am 10. Februar 2019 von Heiko Adams"),
            ["Veröffentlicht am 10. Februar 2019", "von Heiko Adams"]
        );
        assert_eq!(all("Author: Jane Doe"), ["By Jane Doe"]);
    }

    #[test]
    fn icon_glyphs_are_no_text() {
        assert_eq!(
            all("March 4, 2025\n\u{e08a}\nJoaquin Fernandez\n\u{e023} Share"),
            ["March 4, 2025", "", "Joaquin Fernandez", "Share"]
        );
    }

    #[test]
    fn ordinary_lines_stay_as_they_are() {
        let text = "The council met on Tuesday, and by noon it had voted.\n\nStand by Me";
        assert_eq!(all(text), text.lines().collect::<Vec<_>>());
    }
}
