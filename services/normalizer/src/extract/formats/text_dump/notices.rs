//! The site's notices a dump prints in the middle of its text: cookie
//! consent boxes ("We use cookies on our website to give you the most
//! relevant experience…", "Necessary cookies are absolutely essential…")
//! and affiliate disclosures ("As an Amazon Associate we earn from
//! qualifying purchases"). They read as prose, so they are told by their
//! words.

use std::sync::LazyLock;

use regex::Regex;

static COOKIE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcookies?\b").expect("valid regex"));

/// What a consent box says besides "cookies": a story about baking does
/// not.
static CONSENT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:websites?|visitors?|consent|browser|browsing|preferences|third[- ]party|opt[- ]out|analytics|functionality)\b")
        .expect("valid regex")
});

static AFFILIATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:affiliate links?|as an amazon associate|earn from qualifying purchases",
        r"|(?:may|might|could) (?:earn|receive|get) (?:a )?(?:small )?(?:affiliate )?commission)\b"
    ))
    .expect("valid regex")
});

/// Words a notice has at most: a story that discusses cookies or
/// affiliate programmes at length is a story.
const MAX_NOTICE_WORDS: usize = 120;

/// The head of a consent tool's table of the cookies it sets ("Cookie
/// Duration Description _ga 2 years …", "Name Description Duration"):
/// a notice of any length.
static COOKIE_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:cookie|name)\s+(?:duration\s+description|description\s+duration|type\s+duration\s+description)\b")
        .expect("valid regex")
});

/// Words per mention of a cookie a longer block has at most to be a
/// consent box's text rather than a story that mentions cookies.
const WORDS_PER_COOKIE: usize = 25;

/// Whether a block of `words` words is one of the site's notices.
pub(super) fn is_notice(text: &str, words: usize) -> bool {
    if words > MAX_NOTICE_WORDS {
        // A consent tool's cookie table, or its long description of them
        // ("Hotjar sets this cookie to …", "This cookie is set by …").
        return COOKIE_TABLE.is_match(text)
            || COOKIE.find_iter(text).count() * WORDS_PER_COOKIE >= words
                && CONSENT_WORDS.is_match(text);
    }
    COOKIE.find_iter(text).nth(1).is_some() && CONSENT_WORDS.is_match(text)
        || AFFILIATE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(text: &str) -> bool {
        is_notice(text, text.split_whitespace().count())
    }

    #[test]
    fn consent_boxes_and_disclosures_are_notices() {
        for text in [
            "We use cookies on our website to give you the most relevant experience by remembering your preferences and repeat visits. By clicking Accept, you consent to the use of ALL the cookies.",
            "Always Enabled Necessary cookies are absolutely essential for the website to function properly. These cookies ensure basic functionalities.",
            "As an Amazon Associate we earn from qualifying purchases.",
            "We may earn a commission from links on this page, but we only recommend products we back.",
            "This post contains affiliate links.",
        ] {
            assert!(notice(text), "{text}");
        }
    }

    #[test]
    fn a_consent_tools_cookie_table_is_a_notice_at_any_length() {
        let rows =
            "_ga 2 years Google Analytics sets this cookie to tell visitors apart. ".repeat(20);
        assert!(notice(&format!("Cookie Duration Description {rows}")));
        assert!(notice(&format!("Name Description Duration {rows}")));
        // Without the table's head, a long block with a cookie every few
        // words and the words of consent.
        let described =
            "This cookie is set by the consent plugin to store the visitor's choice. ".repeat(12);
        assert!(notice(&described));
        assert!(notice(
            "Advertisement cookies are used to provide visitors with relevant ads. These cookies track visitors across websites."
        ));
    }

    #[test]
    fn a_long_story_that_mentions_cookies_is_not() {
        let story = format!(
            "The regulator said the website had set cookies without consent. {}",
            "The company disputed the finding and said it would appeal the ruling in court next month. ".repeat(10)
        );
        assert!(!notice(&story));
    }

    #[test]
    fn stories_about_cookies_are_not() {
        for text in [
            "Bake the cookies for twelve minutes, then let the cookies cool on a rack.",
            "The court ruled that the website must ask before it sets a cookie.",
            "Affiliate marketing grew by a fifth last year, the trade body said.",
        ] {
            assert!(!notice(text), "{text}");
        }
    }
}
