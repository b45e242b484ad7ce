//! Dates printed in pages and URLs, with time zones when given.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use wirefeed_model::Timestamp;

use super::numeric_order::NumericOrder;
use crate::extract::support::bounded_regex::BoundedRegex;
use crate::extract::support::month_names::month_of;

fn utc_offset() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset is valid")
}
use regex::Regex;

/// Parses the machine-readable forms found in markup and feeds: RFC 3339,
/// ISO 8601 without zone (taken as UTC), RFC 2822, date only.
pub fn parse_machine(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y%m%dT%H%M%S%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t);
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(utc_offset().from_utc_datetime(&t));
        }
    }
    let date_part = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .ok()
        .map(midnight)
}

fn midnight(d: NaiveDate) -> Timestamp {
    utc_offset().from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|-|_|\.|$)")
        .expect("valid regex")
});

static URL_DATE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/((?:19|20)\d{2})/(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)/(0?[1-9]|[12]\d|3[01])(?:/|$)")
        .expect("valid regex")
});

static URL_DATE_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(\d{2})-(\d{2})-((?:19|20)\d{2})(?:/|-|_|\.|$)").expect("valid regex")
});

/// The date in an article URL such as `/2023/11/15/…`, `/20231115/…`,
/// `/2023/october/03/…` or `/meldungen/29-10-2021` (day first, when the
/// day is over 12).
pub fn from_url(url: &str) -> Option<Timestamp> {
    let (y, m, d) = if let Some(c) = URL_DATE.captures(url) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else if let Some(c) = URL_DATE_DAY_FIRST.captures(url) {
        let (m, d) = numeric_day_month(c[1].parse().ok()?, c[2].parse().ok()?, "-")?;
        (c[3].parse().ok()?, m, d)
    } else {
        let c = URL_DATE_NAMED.captures(url)?;
        (c[1].parse().ok()?, month(&c[2])?, c[3].parse().ok()?)
    };
    NaiveDate::from_ymd_opt(y, m, d).map(midnight)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Whether a word is a month's name or its usual short form ("Dec",
/// "Sept", "December"), any case: a byline's "by Ziyi Xu, Dec 17" names no
/// author "Dec".
pub fn is_month_name(word: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_lowercase();
    MONTHS.contains(&lower.as_str()) || FULL.contains(&lower.as_str()) || lower == "sept"
}

static TEXT_DATE: LazyLock<BoundedRegex> = LazyLock::new(|| {
    // A word where a month's name stands, checked against the names of
    // every language in `month_names` after the match (`date_matches`):
    // an alternation of those hundreds of names made the pattern several
    // times larger and every page's date search a third slower. Letters
    // are letters in either case, so the pattern's case folding is turned
    // off for the class: folding every letter of Unicode took a third of
    // the pattern's compile time (one of the largest at start-up). The
    // one character folding adds (a Greek combining iota) is in no
    // month's name.
    let mon = r"(?-i:\p{L}+)";
    BoundedRegex::new(&format!(
        concat!(
            r"(?i)\b(?:",
            // 2023-11-15 09:30, 2023.11.15 18:30, 2023/11/15, 2023. 11. 15.
            r"(?P<y1>(?:19|20)\d{{2}})(?:[-/]|\.\s?)(?P<m1>\d{{1,2}})(?:[-/]|\.\s?)(?P<d1>\d{{1,2}})\.?",
            r"|",
            // Nov. 15, 2023 / November 15 2023
            r"(?P<mon2>{mon})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{{2}})",
            r"|",
            // 15 November 2023, 6. August 2009, 1er mai 2019, 24 نيسان / أبريل 2020,
            // 23 de mayo de 2019, 15 августа 2016
            r"(?P<d3>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?(?P<mon3>{mon})\.?(?:\s*/\s*{mon})?,?\s+(?:del?\s+)?(?P<y3>(?:19|20)\d{{2}})",
            r"|",
            // 15.11.2023, 15-11-2023, 15/11/2023, 11/15/2023 (see `numeric_day_month`)
            r"(?P<a4>\d{{1,2}})(?P<sep4>[./-])(?P<b4>\d{{1,2}})[./-](?P<y4>(?:19|20)\d{{2}})\b",
            r"|",
            // 23.09.22: day, month and a two-digit year, with dots only
            r"(?P<a6>\d{{1,2}})\.(?P<b6>\d{{1,2}})\.(?P<y6>\d{{2}})\b",
            r"|",
            // 2016年8月15日, 2016년 8월 15일
            r"(?P<y5>(?:19|20)\d{{2}})\s*[年년]\s*(?P<m5>\d{{1,2}})\s*[月월]\s*(?P<d5>\d{{1,2}})\s*[日일]?",
            r")",
            // The time: "09:30", "at 9:30 pm", "um 10:39 Uhr", "à 14h30",
            // "a las 10:00", "- 12:14 h"
            r"(?:(?:[,\s]|\s-\s|\s–\s)+(?:(?:at|um|à|a\s+las|alle|às|om|в)\s+)?(?P<h>\d{{1,2}})(?::|h)(?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?\s*(?P<ampm>[ap]\.?m\.?)?)?",
            r"(?:\s*(?P<tz>UTC|GMT|KST|JST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|MEZ|MESZ|BST|[+-]\d{{2}}:?\d{{2}}))?"
        ),
        mon = mon
    ))
    .expect("valid regex")
});

/// Every date in `s`, in order, with its match. A match that is no date
/// (a word that names no month, a month 13) is passed over by one
/// character, so a date that starts inside it is still found.
fn date_matches(s: &str) -> impl Iterator<Item = (regex::Captures<'_>, Timestamp)> {
    date_matches_in_order(s, None)
}

/// `date_matches`, all-numeric dates that read both ways read in `order`.
fn date_matches_in_order(
    s: &str,
    order: Option<NumericOrder>,
) -> impl Iterator<Item = (regex::Captures<'_>, Timestamp)> {
    // Most texts searched hold no date: the quick search says so.
    let mut at = if TEXT_DATE.may_match(s) {
        0
    } else {
        s.len() + 1
    };
    std::iter::from_fn(move || {
        while at <= s.len() {
            let c = TEXT_DATE.exact.captures_at(s, at)?;
            let whole = c.get(0)?;
            if let Some(t) = from_captures(&c, order) {
                at = whole.end().max(whole.start() + 1);
                return Some((c, t));
            }
            at = whole.start() + s[whole.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Every date printed in `s`, in order, with where it starts and ends;
/// all-numeric dates that read both ways read in the page's `order`.
pub fn all_in_text(
    s: &str,
    order: Option<NumericOrder>,
) -> impl Iterator<Item = (std::ops::Range<usize>, Timestamp)> + '_ {
    date_matches_in_order(s, order).filter_map(|(c, t)| c.get(0).map(|m| (m.range(), t)))
}

/// A date as printed in running text, with its time and zone when given.
pub fn parse_text(s: &str) -> Option<Timestamp> {
    date_matches(s).next().map(|(_, t)| t)
}

/// The exact time of a publication known only by its day, when another
/// source gives one that falls on that day in some time zone (UTC−12 to
/// UTC+14: from 14 hours before the day's midnight as written to 36 hours
/// after). `others` is read only for a day without its time.
pub fn exact_time_of_day<I: IntoIterator<Item = String>>(
    day: Timestamp,
    others: impl FnOnce() -> I,
) -> Timestamp {
    if day.time() != NaiveTime::MIN {
        return day;
    }
    others()
        .into_iter()
        .filter_map(|s| parse_machine(&s))
        .find(|t| {
            // The same moment written in another zone says no more.
            t.time() != NaiveTime::MIN
                && *t != day
                && *t >= day - chrono::Duration::hours(14)
                && *t < day + chrono::Duration::hours(36)
        })
        .unwrap_or(day)
}

/// Whether a text prints this day in any of its dates. A numeric date
/// that reads both ways ("03/01/2017", "09.10.2024") prints both days:
/// the question is whether the page could mean it, not which it means.
pub fn prints_day(s: &str, day: NaiveDate) -> bool {
    TEXT_DATE.may_match(s)
        && TEXT_DATE.exact.captures_iter(s).any(|c| {
            if let (Some(a), Some(b), Some(y)) = (c.name("a4"), c.name("b4"), c.name("y4")) {
                let (Ok(a), Ok(b), Ok(y)) = (
                    a.as_str().parse::<u32>(),
                    b.as_str().parse::<u32>(),
                    y.as_str().parse::<i32>(),
                ) else {
                    return false;
                };
                [(a, b), (b, a)]
                    .iter()
                    .any(|&(m, d)| NaiveDate::from_ymd_opt(y, m, d) == Some(day))
            } else {
                from_captures(&c, None).is_some_and(|t| t.date_naive() == day)
            }
        })
}

/// A text that is a date and nothing else ("May 14, 2025", "8 Oct 2022",
/// "12.12.2025 10:30"): a page's own dateline, not a date mentioned in a
/// sentence.
pub fn parse_whole(s: &str) -> Option<Timestamp> {
    let (c, t) = date_matches(s).next()?;
    let whole = c.get(0)?;
    (whole.start() == 0 && whole.end() == s.len()).then_some(t)
}

/// A date that opens a text, after "on" or "the" ("on the 15/12/2025 at
/// 19:00 by …"): what a label such as "Posted" dates, and not a date later
/// in the sentence ("published in Nature on March 3").
pub fn parse_leading(s: &str) -> Option<Timestamp> {
    let mut rest = s.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    for word in ["on ", "the "] {
        if rest
            .get(..word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
        {
            rest = rest[word.len()..].trim_start();
        }
    }
    let (c, t) = date_matches(rest).next()?;
    (c.get(0)?.start() == 0).then_some(t)
}

fn from_captures(c: &regex::Captures, order: Option<NumericOrder>) -> Option<Timestamp> {
    let (y, m, d) = if let Some(y) = c.name("y1") {
        (
            y.as_str().parse().ok()?,
            c["m1"].parse().ok()?,
            c["d1"].parse().ok()?,
        )
    } else if let Some(y) = c.name("y2") {
        (
            y.as_str().parse().ok()?,
            month(&c["mon2"])?,
            c["d2"].parse().ok()?,
        )
    } else if let Some(y) = c.name("y3") {
        (
            y.as_str().parse().ok()?,
            month(&c["mon3"])?,
            c["d3"].parse().ok()?,
        )
    } else if let Some(y) = c.name("y6") {
        (
            two_digit_year(y.as_str().parse().ok()?),
            c["b6"].parse().ok()?,
            c["a6"].parse().ok()?,
        )
    } else if let Some(y) = c.name("y5") {
        (
            y.as_str().parse().ok()?,
            c["m5"].parse().ok()?,
            c["d5"].parse().ok()?,
        )
    } else {
        let (a, b) = (c["a4"].parse().ok()?, c["b4"].parse().ok()?);
        let (m, d) = numeric_day_month(a, b, &c["sep4"]).or_else(|| {
            order.map(|o| match o {
                NumericOrder::MonthFirst => (a, b),
                NumericOrder::DayFirst => (b, a),
            })
        })?;
        (c["y4"].parse().ok()?, m, d)
    };
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let mut hour: u32 = c
        .name("h")
        .and_then(|h| h.as_str().parse().ok())
        .unwrap_or(0);
    let minute: u32 = c
        .name("mi")
        .and_then(|v| v.as_str().parse().ok())
        .unwrap_or(0);
    let second: u32 = c
        .name("s")
        .and_then(|v| v.as_str().parse().ok())
        .unwrap_or(0);
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        hour = match (hour, pm) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        };
    }
    let naive = date.and_hms_opt(hour, minute, second)?;
    let offset = c
        .name("tz")
        .map(|z| zone_offset(z.as_str()))
        .unwrap_or(Some(0))?;
    let zone = FixedOffset::east_opt(offset)?;
    zone.from_local_datetime(&naive).single()
}

/// The year a two-digit one means: this century up to next year, the last
/// one after that ("98" is 1998, "22" is 2022).
fn two_digit_year(yy: i32) -> i32 {
    use chrono::Datelike;
    let next = (chrono::Utc::now().year() + 1) % 100;
    if yy <= next {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// (month, day) of an all-numeric date written day or month first. A part
/// over 12 settles the order; dots mean day first (the European form);
/// "03/10/2023" could be either, so it gives no date rather than a wrong one
/// (unless the page's other dates say which: `numeric_order`).
fn numeric_day_month(a: u32, b: u32, sep: &str) -> Option<(u32, u32)> {
    match (a > 12, b > 12) {
        (true, false) => Some((b, a)),
        (false, true) => Some((a, b)),
        // Dots are written day first (15.11.2023); dashes and slashes both
        // ways (03-09-2026 is March 9 on some sites, 3 September on others).
        (false, false) if sep == "." => Some((b, a)),
        _ => None,
    }
}

/// The month an English name or prefix ("octo" in a URL) names, else the
/// month a name in another language names.
fn month(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
        .or_else(|| month_of(name))
}

fn zone_offset(zone: &str) -> Option<i32> {
    let hours = match zone.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" => 0,
        "KST" | "JST" => 9,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "PST" => -8,
        "PDT" => -7,
        "CET" | "MEZ" | "BST" => 1,
        "CEST" | "MESZ" => 2,
        other => {
            let sign = if other.starts_with('-') { -1 } else { 1 };
            let digits: String = other.chars().filter(char::is_ascii_digit).collect();
            let h: i32 = digits.get(..2)?.parse().ok()?;
            let m: i32 = digits.get(2..4)?.parse().ok()?;
            return Some(sign * (h * 3600 + m * 60));
        }
    };
    Some(hours * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_day_gains_the_exact_time_another_source_gives_within_it() {
        let day = utc("2023-05-17T00:00:00Z");
        let exact = |others: &[&str]| {
            exact_time_of_day(day, || {
                others.iter().map(|s| s.to_string()).collect::<Vec<_>>()
            })
            .to_rfc3339()
        };
        // 04:39 UTC on the 18th is the evening of the 17th in the Americas.
        assert_eq!(
            exact(&["2023-05-18T04:39:05+00:00"]),
            "2023-05-18T04:39:05+00:00"
        );
        // Another day in every zone, another midnight, the same moment in
        // another zone, or nothing: the day stays.
        for others in [
            &["2023-05-19T22:02:58Z"][..],
            &["2023-05-16T08:00:00Z"][..],
            &["2023-05-17T00:00:00-05:00"][..],
            &["2023-05-16T19:00:00-05:00"][..],
            &["not a date"][..],
        ] {
            assert_eq!(exact(others), "2023-05-17T00:00:00+00:00", "{others:?}");
        }
        // A day given with its time is not read again.
        let timed = utc("2023-05-17T09:00:00Z");
        assert_eq!(
            exact_time_of_day(timed, || -> Vec<String> { panic!("read") }),
            timed
        );
    }

    #[test]
    fn machine_forms() {
        assert_eq!(
            parse_machine("2023-11-15T18:30:00+09:00"),
            Some(utc("2023-11-15T09:30:00Z"))
        );
        assert_eq!(
            parse_machine("2023-11-15"),
            Some(utc("2023-11-15T00:00:00Z"))
        );
        assert_eq!(
            parse_machine("Wed, 15 Nov 2023 09:30:00 GMT"),
            Some(utc("2023-11-15T09:30:00Z"))
        );
        assert_eq!(parse_machine("yesterday"), None);
    }

    #[test]
    fn dates_written_in_other_languages() {
        for (text, expected) in [
            ("6. August 2009 um 14:12 Uhr", "2009-08-06T14:12:00Z"),
            ("Stand: 5. November 2021, 10:39 Uhr", "2021-11-05T10:39:00Z"),
            ("12. März 2024", "2024-03-12T00:00:00Z"),
            ("Publié le 1er mai 2019 à 14h30", "2019-05-01T14:30:00Z"),
            ("23 mai 2019", "2019-05-23T00:00:00Z"),
            ("Publicado el 23 de mayo de 2019", "2019-05-23T00:00:00Z"),
            ("5 de maio de 2022 às 10:00", "2022-05-05T10:00:00Z"),
            ("11 maggio 2022", "2022-05-11T00:00:00Z"),
            ("7 november 2022", "2022-11-07T00:00:00Z"),
            ("15 sierpnia 2016", "2016-08-15T00:00:00Z"),
            ("15 августа 2016, 13:43", "2016-08-15T13:43:00Z"),
            ("2016年8月15日 13:43", "2016-08-15T13:43:00Z"),
            ("2016년 8월 15일", "2016-08-15T00:00:00Z"),
            ("입력 2016. 8. 15. 13:43", "2016-08-15T13:43:00Z"),
            ("19.12.2019 - 12:14 h", "2019-12-19T12:14:00Z"),
            ("23.09.22", "2022-09-23T00:00:00Z"),
            ("الجمعة 24 نيسان / أبريل 2020", "2020-04-24T00:00:00Z"),
            ("28.01.22 / 0 Kommentare", "2022-01-28T00:00:00Z"),
            (
                "Aktualisiert: 12.03.2024, 08:15 MEZ",
                "2024-03-12T07:15:00Z",
            ),
        ] {
            assert_eq!(parse_text(text), Some(utc(expected)), "{text}");
        }
    }

    #[test]
    fn text_forms_with_zones() {
        assert_eq!(
            parse_text("Published: 2023.11.15 18:30 KST"),
            Some(utc("2023-11-15T09:30:00Z"))
        );
        assert_eq!(
            parse_text("Updated Nov. 15, 2023 at 9:05 p.m. EST"),
            Some(utc("2023-11-16T02:05:00Z"))
        );
        assert_eq!(
            parse_text("15 November 2023"),
            Some(utc("2023-11-15T00:00:00Z"))
        );
        assert_eq!(parse_text("no date here"), None);
        assert_eq!(
            parse_text("23.07.2025 · 6 min read"),
            Some(utc("2025-07-23T00:00:00Z"))
        );
        assert_eq!(
            parse_text("Posted on the 15/12/2025 at 19:00"),
            Some(utc("2025-12-15T19:00:00Z"))
        );
        assert_eq!(
            parse_text("Updated: 10/31/2024"),
            Some(utc("2024-10-31T00:00:00Z"))
        );
        assert_eq!(
            parse_text("03/10/2023"),
            None,
            "day and month could be either"
        );
        assert_eq!(parse_text("28-12-2025"), Some(utc("2025-12-28T00:00:00Z")));
        assert_eq!(
            parse_text("03-09-2026"),
            None,
            "written both ways with dashes too"
        );
    }

    #[test]
    fn whole_and_leading_dates() {
        assert_eq!(
            parse_whole("May 14, 2025"),
            Some(utc("2025-05-14T00:00:00Z"))
        );
        assert_eq!(parse_whole("12.12.2025"), Some(utc("2025-12-12T00:00:00Z")));
        assert_eq!(parse_whole("On 8 Oct 2022"), None, "more than a date");
        assert_eq!(parse_whole("May 14, 2025 in a sentence"), None);
        assert_eq!(
            parse_leading(" on the 15/12/2025 at 19:00 by someone"),
            Some(utc("2025-12-15T19:00:00Z"))
        );
        assert_eq!(
            parse_leading(": April 13, 2023"),
            Some(utc("2023-04-13T00:00:00Z"))
        );
        assert_eq!(
            parse_leading(" in Nature on March 3, 2020"),
            None,
            "a date later in the sentence is not what the label dates"
        );
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.example/2023/11/15/story"),
            Some(utc("2023-11-15T00:00:00Z"))
        );
        assert_eq!(
            from_url("https://x.example/news/20231115/story"),
            Some(utc("2023-11-15T00:00:00Z"))
        );
        assert_eq!(
            from_url("https://x.example/blog/2023/october/03/story/"),
            Some(utc("2023-10-03T00:00:00Z"))
        );
        assert_eq!(
            from_url("https://x.example/meldungen/29-10-2021"),
            Some(utc("2021-10-29T00:00:00Z"))
        );
        assert_eq!(
            from_url("https://x.example/a/03-10-2021"),
            None,
            "either order"
        );
        assert_eq!(from_url("https://x.example/news/story"), None);
        assert_eq!(from_url("https://x.example/2023/mayhem/03/"), None);
    }
}
