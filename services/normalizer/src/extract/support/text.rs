//! Text clean-up shared by every extractor.

use unicode_normalization::UnicodeNormalization;
use wirefeed_model::Paragraph;

use crate::extract::support::chrome_words;

/// Repairs UTF-8 encoded twice, NFC-normalizes, folds non-breaking and
/// other odd spaces to plain spaces, drops control and zero-width
/// characters, collapses runs of white space. Curly quotes and dashes are
/// kept as they are.
pub fn clean(s: &str) -> String {
    if !s.is_ascii() && looks_double_encoded(s) {
        // Text encoded twice over is undone level by level; a few levels
        // at most, each shorter than the last.
        let mut repaired = repair_double_encoding(s);
        for _ in 0..2 {
            if !looks_double_encoded(&repaired) {
                break;
            }
            repaired = repair_double_encoding(&repaired);
        }
        if repaired != s {
            return clean_unrepaired(&repaired);
        }
    }
    clean_unrepaired(s)
}

fn clean_unrepaired(s: &str) -> String {
    // Most text is already in NFC (all ASCII text is): the quick check
    // spares composing it again, the costliest step here.
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        clean_nfc(s)
    } else {
        clean_chars(s.len(), s.nfc())
    }
}

/// Whether text holds UTF-8 that was read as Latin-1 and encoded again
/// ("letâ\u{80}\u{99}s" for "let’s", "Â\u{a0}" for a no-break space): a
/// letter from U+00C2 to U+00F4 right before a character from U+0080 to
/// U+00BF, which in UTF-8 is the byte run C3 82..B4, C2 80..BF. Real text
/// almost never puts a C1 control or a sign such as "¡" right after such a
/// letter.
fn looks_double_encoded(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| {
        b.len() > i + 3
            && (0x82..=0xB4).contains(&b[i + 1])
            && b[i + 2] == 0xC2
            && (0x80..=0xBF).contains(&b[i + 3])
    })
}

/// Undoes double encoding run by run: each run of a lead letter (U+00C2 to
/// U+00F4) and continuation characters (U+0080 to U+00BF) is read back as
/// the UTF-8 bytes it came from, where they decode; other text stays.
fn repair_double_encoding(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !('\u{C2}'..='\u{F4}').contains(&c) {
            out.push(c);
            continue;
        }
        let mut bytes = vec![c as u8];
        while let Some(&n) = chars.peek() {
            if ('\u{80}'..='\u{BF}').contains(&n) {
                bytes.push(n as u8);
                chars.next();
            } else {
                break;
            }
        }
        match std::str::from_utf8(&bytes) {
            Ok(decoded) if bytes.len() > 1 => out.push_str(decoded),
            _ => bytes.iter().for_each(|&b| out.push(char::from(b))),
        }
    }
    out
}

/// `clean_chars` for text already in NFC: runs of printable ASCII are
/// copied whole, and only the other characters are looked at one by one
/// (the same white space: `char::is_whitespace` holds the vertical tab,
/// `u8::is_ascii_whitespace` does not). Most page text is such runs, and
/// decoding and encoding each character cost more than the rest of the
/// clean-up.
fn clean_nfc(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Cleaned::with_capacity(s.len());
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..]
            .iter()
            .position(|&b| !(0x21..0x7F).contains(&b))
            .unwrap_or(bytes.len() - at);
        if run > 0 {
            out.push_printable(&s[at..at + run]);
            at += run;
            continue;
        }
        let c = s[at..]
            .chars()
            .next()
            .expect("a character at a char boundary");
        at += c.len_utf8();
        out.push(c);
    }
    out.text
}

fn clean_chars(len: usize, chars: impl Iterator<Item = char>) -> String {
    let mut out = Cleaned::with_capacity(len);
    for c in chars {
        out.push(c);
    }
    out.text
}

/// Text being cleaned: odd spaces made spaces, invisible and control
/// characters dropped, runs of white space one space, none at the ends.
struct Cleaned {
    text: String,
    /// White space seen since the last character kept, after one.
    pending_space: bool,
}

impl Cleaned {
    fn with_capacity(len: usize) -> Cleaned {
        Cleaned {
            text: String::with_capacity(len),
            pending_space: false,
        }
    }

    fn push(&mut self, c: char) {
        let c = match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => ' ',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return,
            c if c.is_control() && !c.is_whitespace() => return,
            c => c,
        };
        if c.is_whitespace() {
            self.pending_space = !self.text.is_empty();
        } else {
            self.space_if_pending();
            self.text.push(c);
        }
    }

    /// Printable ASCII (no space), kept as it is.
    fn push_printable(&mut self, run: &str) {
        self.space_if_pending();
        self.text.push_str(run);
    }

    fn space_if_pending(&mut self) {
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
    }
}

/// Paragraphs (none a subhead) from lines of plain text, each cleaned,
/// empty ones dropped.
pub fn plain_paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Paragraph> {
    lines
        .map(clean)
        .filter(|l| !l.is_empty())
        .map(|text| Paragraph {
            text,
            subhead: false,
        })
        .collect()
}

/// Words of a text: what spaces separate, except that in Chinese and
/// Japanese, written without spaces, each character counts as one (the
/// usual measure of their length). Counting them by spaces took a
/// Japanese article for a near-empty page.
pub fn word_count(s: &str) -> usize {
    if s.is_ascii() {
        return ascii_word_count(s.as_bytes());
    }
    s.split_whitespace().map(token_words).sum()
}

/// Words of a token between spaces: one, or each ideograph and kana of
/// one written without spaces.
fn token_words(token: &str) -> usize {
    // Most words are ASCII, which holds no ideograph or kana: one vector
    // scan instead of decoding every character.
    if token.is_ascii() {
        return 1;
    }
    match token.chars().filter(|c| written_without_spaces(*c)).count() {
        0 => 1,
        n => n,
    }
}

/// `word_count(s)`, or `limit` when that is more: the count stops there,
/// for tests of a few words asked of long paragraphs.
pub fn word_count_up_to(s: &str, limit: usize) -> usize {
    if s.is_ascii() {
        return ascii_word_starts(s.as_bytes()).take(limit).count();
    }
    let mut count = 0;
    for token in s.split_whitespace() {
        count += token_words(token);
        if count >= limit {
            return limit;
        }
    }
    count
}

/// Words of ASCII text: runs between the characters `split_whitespace`
/// splits at (tab to carriage return, space), counted a byte at a time;
/// most page text is ASCII, and decoding it as characters cost more than
/// the count.
fn ascii_word_count(bytes: &[u8]) -> usize {
    ascii_word_starts(bytes).count()
}

/// The bytes of ASCII text that start a word.
fn ascii_word_starts(bytes: &[u8]) -> impl Iterator<Item = &u8> {
    let mut in_word = false;
    bytes.iter().filter(move |&&b| {
        let space = is_space_byte(b);
        let starts = !space && !in_word;
        in_word = !space;
        starts
    })
}

/// Whether an ASCII byte is white space as `char::is_whitespace` has it
/// (space, and tab to carriage return, vertical tab included, which
/// `u8::is_ascii_whitespace` leaves out).
pub(crate) fn is_space_byte(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Han ideographs (with extension A and compatibility ideographs),
/// hiragana and katakana.
fn written_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether a block of text ends like prose: a sentence end, possibly inside
/// closing quotes or brackets.
pub fn ends_like_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', '。', '！', '？'])
}

/// Phrases of page chrome (tools, share and comment widgets, related-links
/// headers, banners) that are never article text. Matched against a whole
/// short block or its start, lower-cased.
const CHROME_PHRASES: &[&str] = &[
    "print",
    "dictionary",
    "print dictionary print",
    "related article",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "related:",
    "read more",
    "read also",
    "see also",
    "more from",
    "more stories",
    "most read",
    "most popular",
    "most viewed",
    "recommended",
    "you may also like",
    "you might also like",
    "trending",
    "share",
    "share this",
    "share on",
    "tweet",
    "email",
    "e-mail",
    "comments",
    "comment",
    "view comments",
    "show comments",
    "leave a comment",
    "log in to",
    "login to",
    "sign in to",
    "sign up",
    "subscribe",
    "newsletter",
    "to write comments",
    "please log in",
    "help-image",
    "lock icon",
    "social comment",
    "standards board policy",
    "advertisement",
    "sponsored",
    "cookie",
    "we use cookies",
    "accept all",
    "follow us",
    "copyright",
    "©",
    "all rights reserved",
    "back to top",
    "skip to",
    "click here",
    "loading",
    "font size",
    "text size",
    "listen to this article",
    "next article",
    "previous article",
    "top stories",
    "latest news",
    "photo gallery",
    "tags",
    "advert",
    "this slideshow requires javascript",
    "tell us what you think",
];

/// Wording that marks a whole block as chrome wherever it appears in it:
/// legal footers, and calls to subscribe or log in in short blocks.
const CHROME_ANYWHERE: &[&str] = &[
    "all rights reserved",
    "registered trademark",
    "terms of use",
    "terms of service",
    "privacy policy",
    "cookie policy",
];
const CHROME_IN_SHORT: &[&str] = &[
    "newsletter",
    "subscribe",
    "sign up",
    "log in",
    "login",
    "cookies",
];

/// `CHROME_ANYWHERE` as one automaton: one pass over a long paragraph
/// instead of one per phrase.
static CHROME_ANYWHERE_ANY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let alternatives: Vec<String> = CHROME_ANYWHERE
        .iter()
        .chain(chrome_words::ANYWHERE)
        .map(|p| regex::escape(p))
        .collect();
    regex::Regex::new(&alternatives.join("|")).expect("escaped literals")
});

/// `CHROME_PHRASES` and the other languages' phrases by their first byte:
/// a phrase must open the block, and asking only those that begin as it
/// does spares the hundred and fifty others, for every block of a page.
static CHROME_PHRASES_BY_FIRST_BYTE: std::sync::LazyLock<Vec<Vec<&'static str>>> =
    std::sync::LazyLock::new(|| {
        let mut by_first = vec![Vec::new(); 256];
        for phrase in CHROME_PHRASES.iter().chain(chrome_words::PHRASES) {
            if let Some(&first) = phrase.as_bytes().first() {
                by_first[usize::from(first)].push(*phrase);
            }
        }
        by_first
    });

/// Whether a block is page chrome by its wording alone.
pub fn is_chrome_phrase(block: &str) -> bool {
    let lower = block.trim().to_lowercase();
    if lower.is_empty() {
        return true;
    }
    // No test below asks about more than thirty words.
    let words = word_count_up_to(&lower, 31);
    if CHROME_ANYWHERE_ANY.is_match(&lower)
        || words <= 6
            && CHROME_IN_SHORT
                .iter()
                .chain(chrome_words::IN_SHORT)
                .any(|p| lower.contains(p))
    {
        return true;
    }
    // Character counters of comment boxes, e.g. "(0/250자)".
    if lower.contains("(0/") {
        return true;
    }
    // A copyright line of the footer ("The contents of this site are
    // ©2019 …"), wherever the sign stands in it.
    if words <= 30 && lower.contains('©') {
        return true;
    }
    // A chrome word of another language as the whole block ("Teilen",
    // "Kommentare:").
    let bare = lower.trim_end_matches([':', ' ', '.']);
    if chrome_words::WORDS.contains(&bare) {
        return true;
    }
    let first = lower.as_bytes()[0];
    CHROME_PHRASES_BY_FIRST_BYTE[usize::from(first)]
        .iter()
        .any(|p| {
            lower == *p
                || (words <= 12
                    && lower.starts_with(p)
                    && lower[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric()))
        })
}

#[cfg(test)]
mod tests {

    #[test]
    fn words_of_text_written_without_spaces() {
        assert_eq!(word_count("The budget passed on Friday."), 5);
        // Fifteen ideographs and kana (the comma is neither), then one word.
        assert_eq!(
            word_count("報道によると、今回販売されたのは iPhone。"),
            15 + 1
        );
    }

    #[test]
    fn counting_up_to_a_limit_is_the_count_or_the_limit() {
        for text in [
            "",
            "one",
            " two  words ",
            "a b c d e f g h",
            "\u{65e5}\u{672c}\u{8a9e} and words \u{e9}t\u{e9}",
            "\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{6587}\u{7ae0}",
        ] {
            for limit in 0..10 {
                assert_eq!(
                    word_count_up_to(text, limit),
                    word_count(text).min(limit),
                    "{text:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn ascii_words_are_counted_as_split_whitespace_counts_them() {
        let every_byte: String = (0u8..128).map(char::from).collect();
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tvertical\u{b}tab\u{c}feed\r\nend",
            every_byte.as_str(),
            &every_byte.repeat(3),
        ] {
            assert_eq!(
                ascii_word_count(text.as_bytes()),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn cleaning_by_runs_is_the_general_cleaning() {
        let every_byte: String = (0u8..128).map(char::from).collect();
        let odd: String = [
            '\u{a0}', '\u{2007}', '\u{202f}', '\u{2003}', '\u{3000}', '\u{200b}', '\u{feff}',
            '\u{ad}', '\u{85}', '\u{2028}', '\u{9f}', '\u{1680}', 'é', '’', '中', '😀',
        ]
        .iter()
        .collect();
        for text in [
            every_byte.clone(),
            every_byte.chars().rev().collect(),
            format!("  {every_byte}\x0b x \x0b"),
            " \t\x0b\r\n ".to_string(),
            "a\x0bb\x00c \x7f d\x1f\x1fe".to_string(),
            String::new(),
            odd.clone(),
            format!("{odd} words {every_byte}{odd}"),
            odd.chars().rev().flat_map(|c| [c, 'x', ' ']).collect(),
            "\u{a0}\u{a0}lead and trail\u{200b} \u{3000}".to_string(),
        ] {
            assert_eq!(
                clean_nfc(&text),
                clean_chars(text.len(), text.chars()),
                "{text:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn clean_folds_spaces_and_keeps_quotes() {
        assert_eq!(
            clean("  “Quoted”\u{00A0}text\n\t here\u{200B} "),
            "“Quoted” text here"
        );
        assert_eq!(clean("e\u{0301}"), "é");
    }

    #[test]
    fn chrome_phrases_match_widgets_not_prose() {
        for chrome in [
            "Related Article",
            "print dictionary print",
            "To write comments, please log in to one of the accounts.",
            "Standards Board Policy (0/250자)",
            "lock icon",
            "The contents of this site are ©2019 Capitol Hill Publishing Corp.",
        ] {
            assert!(is_chrome_phrase(chrome), "{chrome}");
        }
        for prose in [
            "Printing presses ran all night in Seoul.",
            "Share prices fell 3 percent on Tuesday after the report was released to investors.",
        ] {
            assert!(!is_chrome_phrase(prose), "{prose}");
        }
    }

    #[test]
    fn text_encoded_twice_is_repaired() {
        assert_eq!(
            clean("Now let\u{e2}\u{80}\u{99}s take a peek"),
            "Now let’s take a peek"
        );
        assert_eq!(
            clean("$62.44 for dogs.\u{c2}\u{a0}Next"),
            "$62.44 for dogs. Next"
        );
        // Twice over.
        assert_eq!(
            clean("Investor\u{c3}\u{a2}\u{c2}\u{80}\u{c2}\u{99}s guide"),
            "Investor’s guide"
        );
        // A run that is not UTF-8 stays as it is.
        assert_eq!(clean("x\u{c2}\u{80}\u{80}y"), "x\u{c2}y");
        // Latin-1 letters and signs that are really there stay.
        assert_eq!(
            clean("Allô « oui » café ¡Hola! 30°"),
            "Allô « oui » café ¡Hola! 30°"
        );
    }

    #[test]
    fn sentence_ends_inside_quotes() {
        assert!(ends_like_sentence("he said.”"));
        assert!(!ends_like_sentence("Related Article"));
    }
}
