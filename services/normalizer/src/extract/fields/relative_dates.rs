//! Relative dates as live pages print them ("2 hours ago", "vor 3
//! Stunden", "il y a 2 jours", "hace 5 minutos", "3 дня назад", "2小时前"):
//! an age, which the caller turns into a time with the moment the page
//! was fetched.

use std::sync::LazyLock;

use chrono::Duration;
use regex::Regex;

/// Unit words of each language and the seconds they stand for, lower case.
/// A word is matched whole, so plural and case forms are listed.
const UNITS: &[(&str, i64)] = &[
    // minutes
    ("minute", 60),
    ("minutes", 60),
    ("min", 60),
    ("mins", 60),
    ("minuten", 60),
    ("minuto", 60),
    ("minutos", 60),
    ("minuti", 60),
    ("minuut", 60),
    ("minutę", 60),
    ("minuty", 60),
    ("minut", 60),
    ("минуту", 60),
    ("минуты", 60),
    ("минут", 60),
    ("分钟", 60),
    ("分", 60),
    ("분", 60),
    // hours
    ("hour", 3_600),
    ("hours", 3_600),
    ("stunde", 3_600),
    ("stunden", 3_600),
    ("heure", 3_600),
    ("heures", 3_600),
    ("hora", 3_600),
    ("horas", 3_600),
    ("ora", 3_600),
    ("ore", 3_600),
    ("uur", 3_600),
    ("godzinę", 3_600),
    ("godziny", 3_600),
    ("godzin", 3_600),
    ("час", 3_600),
    ("часа", 3_600),
    ("часов", 3_600),
    ("小时", 3_600),
    ("時間", 3_600),
    ("시간", 3_600),
    // days
    ("day", 86_400),
    ("days", 86_400),
    ("tag", 86_400),
    ("tagen", 86_400),
    ("jour", 86_400),
    ("jours", 86_400),
    ("día", 86_400),
    ("días", 86_400),
    ("dia", 86_400),
    ("dias", 86_400),
    ("giorno", 86_400),
    ("giorni", 86_400),
    ("dag", 86_400),
    ("dagen", 86_400),
    ("dzień", 86_400),
    ("dni", 86_400),
    ("день", 86_400),
    ("дня", 86_400),
    ("дней", 86_400),
    ("天", 86_400),
    ("日", 86_400),
    ("일", 86_400),
];

fn unit_alternation() -> String {
    let mut words: Vec<&str> = UNITS.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.join("|")
}

/// The phrase shapes: "N unit ago", "vor N unit", "il y a N unit",
/// "hace N unit", "há N unit", "N unit fa", "N unit geleden", "N unit
/// temu", "N unit назад", "N unit前", "N unit 전".
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    let unit = unit_alternation();
    Regex::new(&format!(
        concat!(
            r"(?i)(?:\b(?:vor|il\s+y\s+a|hace|há)\s+(?P<n1>\d{{1,3}})\s+(?P<u1>{unit})\b",
            r"|\b(?P<n2>\d{{1,3}})\s*(?P<u2>{unit})\s*(?:ago|fa|geleden|temu|назад|前|전)(?:\b|\s|$|[^\w]))"
        ),
        unit = unit
    ))
    .expect("valid regex")
});

/// How long before the page was fetched it says it was published, from
/// the first relative date in `text`. Ages beyond 31 days are left out:
/// pages print exact dates long before that.
pub(crate) fn age(text: &str) -> Option<Duration> {
    let c = AGO.captures(text)?;
    let (n, unit) = match (c.name("n1"), c.name("u1")) {
        (Some(n), Some(u)) => (n, u),
        _ => (c.name("n2")?, c.name("u2")?),
    };
    let n: i64 = n.as_str().parse().ok()?;
    let unit = unit.as_str().to_lowercase();
    let seconds = UNITS.iter().find(|(w, _)| *w == unit)?.1;
    let age = Duration::seconds(n * seconds);
    (age <= Duration::days(31)).then_some(age)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_many_languages() {
        for (text, seconds) in [
            ("Updated 2 hours ago", 7_200),
            ("vor 3 Stunden", 10_800),
            ("Veröffentlicht vor 1 Tag", 86_400),
            ("il y a 2 jours", 172_800),
            ("hace 5 minutos", 300),
            ("há 4 horas", 14_400),
            ("3 ore fa", 10_800),
            ("2 dagen geleden", 172_800),
            ("5 godzin temu", 18_000),
            ("3 дня назад", 259_200),
            ("2小时前", 7_200),
            ("3시간 전", 10_800),
        ] {
            assert_eq!(age(text), Some(Duration::seconds(seconds)), "{text}");
        }
    }

    #[test]
    fn no_age_in_other_numbers() {
        for text in [
            "2 hours of talks",
            "vor 300 Jahren",
            "The 3 days that shook Paris",
            "hace 90 días",
        ] {
            assert_eq!(age(text), None, "{text}");
        }
    }
}
