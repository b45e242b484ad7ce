//! The last step before an article leaves the normalizer: whatever the page
//! said, what goes downstream is plausible, bounded and free of secrets.
//! Pure (the receive time is passed in), so it is tested alone.
//!
//! - `fetched_at` later than the message's receipt is clamped to it;
//! - published and updated times outside [1800-01-01, fetched + 2 days]
//!   are dropped as implausible (no BC year, no far future), where
//!   "fetched" is the later of `fetched_at` and the receipt;
//! - `user:password@` is removed from every stored URL;
//! - bidirectional override characters, which can make a headline read
//!   other than it is, are removed from titles and names;
//! - free-text fields are cut to `field_caps`' bounds, and a URL too long
//!   to index is refused.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use url::Url;
use wirefeed_model::{field_caps, Article, RawMessage, Timestamp, Warning};

/// A `fetched_at` this far past the receipt is the scraper's clock, not a
/// time: clamped.
const CLOCK_SKEW: Duration = Duration::minutes(5);
/// How far after the fetch a published or updated time may lie (time zones
/// and scheduled stories), beyond which it is implausible.
const FUTURE_SLACK: Duration = Duration::days(2);

/// Why an article cannot go on at all.
#[derive(Debug, PartialEq, Eq)]
pub struct UrlTooLong {
    pub field: &'static str,
    pub size: usize,
}

impl std::fmt::Display for UrlTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the story's {} is {} bytes, over the limit of {}",
            self.field,
            self.size,
            field_caps::MAX_URL_BYTES
        )
    }
}

/// Sanitizes the raw message's own fields and the article in place;
/// returns what was changed.
pub fn sanitize(
    raw: &mut RawMessage,
    article: &mut Article,
    received_at: DateTime<Utc>,
) -> Result<Vec<Warning>, UrlTooLong> {
    let mut warnings: Vec<Warning> = raw
        .repairs
        .iter()
        .map(|r| Warning::new("json_repaired", r.clone()))
        .collect();

    if let Some(fetched) = raw.fetched_at.filter(|f| *f > received_at + CLOCK_SKEW) {
        warnings.push(Warning::new(
            "fetched_at_in_future",
            format!("fetched_at {fetched} is after the message was received; {received_at} kept"),
        ));
        raw.fetched_at = Some(received_at);
    }
    // The later of the fetch and the receipt: a page replayed from an
    // archive (or an evaluation set) carries an old fetch time, and its
    // publication can be later than that time claims but never later than
    // now. For a live scraper the two are the same moment.
    let latest = raw.fetched_at.map_or(received_at, |f| f.max(received_at)) + FUTURE_SLACK;
    let earliest = NaiveDate::from_ymd_opt(1800, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .expect("a valid date");
    for (name, time) in [
        ("published_at", &mut article.published_at),
        ("updated_at", &mut article.updated_at),
    ] {
        if let Some(t) = time.filter(|t| !plausible(t, earliest, latest)) {
            warnings.push(Warning::new(
                "implausible_date",
                format!("{name} {t} is outside 1800-01-01 .. {latest}: dropped"),
            ));
            *time = None;
        }
    }

    let mut credentials = false;
    for url in [
        &mut raw.url,
        &mut article.canonical_url,
        &mut article.identity,
    ]
    .into_iter()
    .chain(article.images.iter_mut().map(|i| &mut i.url))
    {
        credentials |= strip_credentials(url);
    }
    if credentials {
        warnings.push(Warning::new(
            "credentials_removed",
            "user:password@ removed from the page's URLs",
        ));
    }

    let mut bidi = strip_bidi(&mut article.title);
    if let Some(s) = &mut article.standfirst {
        bidi |= strip_bidi(s);
    }
    for name in article
        .authors
        .iter_mut()
        .map(|a| &mut a.name)
        .chain(article.section.iter_mut())
    {
        bidi |= strip_bidi(name);
    }
    if bidi {
        warnings.push(Warning::new(
            "bidi_controls_removed",
            "bidirectional override characters removed from the title or names",
        ));
    }

    let cut = field_caps::cap_article(article);
    if !cut.is_empty() {
        warnings.push(Warning::new(
            "field_cut",
            format!("cut to their bounds: {}", cut.join(", ")),
        ));
    }
    for (field, value) in [("source", &mut raw.source), ("id", &mut raw.id)] {
        if value
            .as_mut()
            .is_some_and(|v| field_caps::cap_text(v, field_caps::MAX_LABEL_CHARS))
        {
            warnings.push(Warning::new(
                "field_cut",
                format!("cut to its bound: {field}"),
            ));
        }
    }
    let left_out = field_caps::cap_extra(&mut raw.extra);
    if !left_out.is_empty() {
        warnings.push(Warning::new(
            "field_cut",
            format!("left out of extra: {}", left_out.join(", ")),
        ));
    }
    for (field, value) in [
        ("canonical URL", &article.canonical_url),
        ("identity", &article.identity),
    ] {
        if value.len() > field_caps::MAX_URL_BYTES {
            return Err(UrlTooLong {
                field,
                size: value.len(),
            });
        }
    }
    Ok(warnings)
}

fn plausible(t: &Timestamp, earliest: DateTime<Utc>, latest: DateTime<Utc>) -> bool {
    let t = t.with_timezone(&Utc);
    t >= earliest && t <= latest
}

/// Removes `user:password@` from an absolute URL; true when it did.
fn strip_credentials(url: &mut String) -> bool {
    let Ok(mut parsed) = Url::parse(url) else {
        return false;
    };
    if parsed.username().is_empty() && parsed.password().is_none() {
        return false;
    }
    let _ = parsed.set_username("");
    let _ = parsed.set_password(None);
    *url = parsed.to_string();
    true
}

/// The explicit embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069); the plain direction marks, which right-to-left text
/// needs, stay.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn strip_bidi(text: &mut String) -> bool {
    if !text.chars().any(is_bidi_control) {
        return false;
    }
    text.retain(|c| !is_bidi_control(c));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use wirefeed_model::{Author, Image};

    fn raw(fetched_at: Option<&str>) -> RawMessage {
        RawMessage {
            url: "https://alice:s3cret@news.example/a".into(),
            body: "x".into(),
            content_type: None,
            fetched_at: fetched_at.map(|t| t.parse().unwrap()),
            source: None,
            id: None,
            title: None,
            published_at: None,
            language: None,
            extra: Default::default(),
            repairs: Vec::new(),
        }
    }

    fn at(t: &str) -> Option<Timestamp> {
        Some(DateTime::parse_from_rfc3339(t).unwrap())
    }

    fn kinds(w: &[Warning]) -> Vec<&str> {
        w.iter().map(|w| w.kind.as_str()).collect()
    }

    #[test]
    fn implausible_dates_are_dropped_and_plausible_ones_kept() {
        let received: DateTime<Utc> = "2026-12-01T12:00:00Z".parse().unwrap();
        for (published, kept) in [
            ("1799-12-31T23:59:59Z", false),
            ("2026-12-05T12:00:00Z", false),
            ("1800-01-01T00:00:00Z", true),
            ("2026-12-02T23:00:00+09:00", true),
        ] {
            let mut r = raw(Some("2026-12-01T10:00:00Z"));
            r.url = "https://news.example/a".into();
            let mut a = Article {
                published_at: at(published),
                canonical_url: "https://news.example/a".into(),
                identity: "https://news.example/a".into(),
                ..Article::default()
            };
            let w = sanitize(&mut r, &mut a, received).unwrap();
            assert_eq!(a.published_at.is_some(), kept, "{published}");
            assert_eq!(w.is_empty(), kept, "{published}: {w:?}");
        }
        // A year before the common era, which RFC 3339 cannot even write.
        let mut r = raw(None);
        let bc = NaiveDate::from_ymd_opt(-44, 3, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap()
            .and_utc()
            .fixed_offset();
        let mut a = Article {
            updated_at: Some(bc),
            ..Article::default()
        };
        sanitize(&mut r, &mut a, received).unwrap();
        assert_eq!(a.updated_at, None);
    }

    #[test]
    fn a_page_replayed_from_an_archive_keeps_a_date_after_its_old_fetch_time() {
        let received: DateTime<Utc> = "2026-12-01T12:00:00Z".parse().unwrap();
        let mut r = raw(Some("2026-01-01T00:00:00Z"));
        let mut a = Article {
            published_at: at("2026-06-01T08:00:00Z"),
            ..Article::default()
        };
        sanitize(&mut r, &mut a, received).unwrap();
        assert_eq!(a.published_at, at("2026-06-01T08:00:00Z"));
    }

    #[test]
    fn a_future_fetched_at_is_clamped_to_the_receipt() {
        let received: DateTime<Utc> = "2026-12-01T12:00:00Z".parse().unwrap();
        let mut r = raw(Some("2031-01-01T00:00:00Z"));
        let mut a = Article {
            // Plausible only against the fetch time as sent.
            updated_at: at("2030-12-31T00:00:00Z"),
            ..Article::default()
        };
        let w = sanitize(&mut r, &mut a, received).unwrap();
        assert_eq!(r.fetched_at, Some(received));
        assert_eq!(a.updated_at, None);
        assert!(kinds(&w).contains(&"fetched_at_in_future"));
        assert!(kinds(&w).contains(&"implausible_date"));
    }

    #[test]
    fn credentials_and_bidi_overrides_are_removed() {
        let mut r = raw(None);
        let mut a = Article {
            title: "Safe \u{202e}txt.exe\u{202c} headline".into(),
            canonical_url: "https://bob:pw@news.example/a".into(),
            identity: "https://news.example/a".into(),
            authors: vec![Author {
                name: "Ann\u{2066}e\u{2069}".into(),
                email: None,
            }],
            images: vec![Image {
                url: "https://u:p@img.example/1.jpg".into(),
                caption: None,
            }],
            // A right-to-left mark is text, not an override.
            standfirst: Some("\u{200f}שלום".into()),
            ..Article::default()
        };
        let w = sanitize(&mut r, &mut a, Utc::now()).unwrap();
        assert_eq!(r.url, "https://news.example/a");
        assert_eq!(a.canonical_url, "https://news.example/a");
        assert_eq!(a.images[0].url, "https://img.example/1.jpg");
        assert_eq!(a.title, "Safe txt.exe headline");
        assert_eq!(a.authors[0].name, "Anne");
        assert_eq!(a.standfirst.as_deref(), Some("\u{200f}שלום"));
        assert_eq!(kinds(&w), ["credentials_removed", "bidi_controls_removed"]);
    }

    #[test]
    fn a_url_too_long_to_index_is_refused() {
        let mut r = raw(None);
        let long = format!("https://news.example/{}", "a".repeat(3000));
        let mut a = Article {
            canonical_url: long.clone(),
            identity: long,
            ..Article::default()
        };
        let err = sanitize(&mut r, &mut a, Utc::now()).unwrap_err();
        assert_eq!(err.field, "canonical URL");
    }
}
