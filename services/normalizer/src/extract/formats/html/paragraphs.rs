//! The body's paragraphs: the DOM's or the JSON-LD copy's, captions taken
//! out, and lines of the page's chrome dropped.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::{Author, Caption, Paragraph};

use crate::extract::fields::caption::{is_credited_caption, split_credit};
use crate::extract::fields::dates;
use crate::extract::formats::html::body::extract_body;
use crate::extract::formats::html::page::Page;
use crate::extract::support::text::{clean, is_chrome_phrase, plain_paragraphs};

/// The publisher's JSON-LD `articleBody` replaces the text read from the
/// markup when it has this many characters or more …
const LD_BODY_MIN_CHARS: usize = 500;
/// … and more than this many times the markup's.
const LD_BODY_FACTOR: usize = 2;
/// The confidence a body taken from JSON-LD gets at least.
const LD_BODY_CONFIDENCE: f32 = 0.7;

/// Body: our own pass over the parsed DOM; JSON-LD `articleBody` when the
/// page's markup yields much less than the publisher's own copy. With it,
/// how sure the extraction is.
pub(super) fn from_body(page: &Page) -> (Vec<Paragraph>, f32) {
    let body = extract_body(page.doc);
    let mut confidence = body.confidence;
    let mut paragraphs: Vec<Paragraph> = body
        .blocks
        .into_iter()
        .map(|(text, subhead)| Paragraph { text, subhead })
        .collect();
    if let Some(ld_body) = page.ld_str("articleBody") {
        let dom_chars: usize = paragraphs.iter().map(|p| p.text.len()).sum();
        let ld_paragraphs = ld_body_paragraphs(&ld_body);
        let ld_chars: usize = ld_paragraphs.iter().map(|p| p.text.len()).sum();
        if ld_chars >= LD_BODY_MIN_CHARS && ld_chars > dom_chars * LD_BODY_FACTOR {
            paragraphs = ld_paragraphs;
            confidence = confidence.max(LD_BODY_CONFIDENCE);
        }
    }
    (paragraphs, confidence)
}

/// The page's captions, each once, credit apart, and the paragraphs left
/// when those that are captions are taken out.
pub(super) fn captions(page: &Page, paragraphs: Vec<Paragraph>) -> (Vec<Caption>, Vec<Paragraph>) {
    let mut captions: Vec<Caption> = Vec::new();
    for fig in page.index.tag("figcaption") {
        let text = clean(&fig.text());
        if text.split_whitespace().count() < 3 {
            continue;
        }
        let caption = split_credit(&text);
        if !captions.iter().any(|c| c.text == caption.text) {
            captions.push(caption);
        }
    }
    // A short paragraph that ends in a labelled credit is a caption the
    // markup did not put in a figure.
    let (credited, paragraphs): (Vec<Paragraph>, Vec<Paragraph>) = paragraphs
        .into_iter()
        .partition(|p| is_credited_caption(&p.text));
    for p in credited {
        let caption = split_credit(&p.text);
        if !captions.iter().any(|c| c.text == caption.text) {
            captions.push(caption);
        }
    }
    (captions, paragraphs)
}

/// The paragraphs without the page's chrome: widget phrases, date stamps,
/// the byline printed again, run-together link lists and captions' text.
pub(super) fn without_chrome(
    mut paragraphs: Vec<Paragraph>,
    authors: &[Author],
    captions: &[Caption],
) -> Vec<Paragraph> {
    paragraphs.retain(|p| {
        !is_chrome_phrase(&p.text)
            && !is_timestamp_line(&p.text)
            && !is_byline_line(&p.text, authors)
            && !is_link_list(&p.text)
            && !captions.iter().any(|c| {
                p.text == c.text || p.text.starts_with(&c.text) && p.text.len() < c.text.len() + 80
            })
    });
    paragraphs
}

/// Markup some publishers leave in JSON-LD's `articleBody`.
pub(super) static LD_BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(?:/?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|section|table|tr)\b[^>]*|br\s*/?)>")
        .expect("valid regex")
});

/// The longest tag `without_tags` removes, in characters between its
/// angle brackets: a `<` further from the next `>` is text.
const LD_TAG_MAX_CHARS: usize = 2000;

/// `text` without its tags: each `<` and what follows it up to the next `>`
/// when that is at most `LD_TAG_MAX_CHARS` characters on. Written out, not
/// as the regex `<[^>]{0,2000}>`: that bounded repetition of a Unicode
/// class compiles to an automaton that took 10 ms to build, on every page
/// stream's first such body. Linear in the text: every `<` before a `>`
/// ends at that `>`, so the match is the first `<` close enough to it.
fn without_tags(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(first) = memchr::memchr(b'<', &bytes[from..]).map(|p| from + p) {
        let Some(close) = memchr::memchr(b'>', &bytes[first..]).map(|p| first + p) else {
            break;
        };
        // Fewer bytes than the bound between them are fewer characters
        // too; only a longer gap is counted, from its `>` back.
        let open = if close - first - 1 <= LD_TAG_MAX_CHARS {
            Some(first)
        } else {
            let nearest = text[..close]
                .char_indices()
                .rev()
                .nth(LD_TAG_MAX_CHARS - 1)
                .map_or(0, |(i, _)| i);
            // A `<` byte is a whole character, wherever it stands.
            let search_from = nearest.saturating_sub(1).max(first);
            memchr::memchr(b'<', &bytes[search_from..close]).map(|p| search_from + p)
        };
        if let Some(open) = open {
            let buffer = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buffer.push_str(&text[copied..open]);
            copied = close + 1;
        }
        from = close + 1;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut buffer) => {
            buffer.push_str(&text[copied..]);
            Cow::Owned(buffer)
        }
    }
}

/// The paragraphs of a JSON-LD `articleBody`: its lines, or, where the
/// publisher put HTML in it ("<p>En estado de alerta…</p>"), its blocks
/// without the tags.
pub(super) fn ld_body_paragraphs(body: &str) -> Vec<Paragraph> {
    if !LD_BLOCK_TAG.is_match(body) {
        return plain_paragraphs(body.lines());
    }
    let text = LD_BLOCK_TAG.replace_all(body, "\n");
    let text = without_tags(&text);
    let text = html_escape::decode_html_entities(&text);
    plain_paragraphs(text.lines())
}

/// A line that is only a date or a time ("11/20/2019 01:14 PM"): the stamp
/// of an item in a list of other stories, never a paragraph of the article.
pub(super) fn is_timestamp_line(text: &str) -> bool {
    // "Posted: Fri 6:45 PM, Feb 16, 2018 |": the label does not count.
    let text = STAMP_LABEL
        .find(text)
        .map_or(text, |m| &text[m.end()..])
        .trim_matches(|c: char| c == '|' || c.is_whitespace());
    if text.split_whitespace().nth(6).is_some() {
        return false;
    }
    if dates::parse_text(text).is_some() && text.chars().filter(|c| c.is_alphabetic()).count() <= 12
    {
        return true;
    }
    // "Updated at 1:23 p.m.": a time right after its label, no date.
    STAMP_TIME.is_match(text)
}

pub(super) static STAMP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last )?(?:updated|published|posted|modified)(?: on)?:\s*")
        .expect("valid regex")
});

pub(super) static STAMP_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last )?(?:updated|published|posted)(?: at| on)?:?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*\w{0,4}\.?$")
        .expect("valid regex")
});

/// The byline printed again at the top of the text ("By Justine Coleman -
/// 11/18/19 11:04 PM EST"): a short line opening with "By" that names an
/// author of the article or carries a date.
pub(super) fn is_byline_line(text: &str, authors: &[Author]) -> bool {
    text.starts_with("By ")
        && text.split_whitespace().nth(12).is_none()
        && (dates::parse_text(text).is_some() || authors.iter().any(|a| text.contains(&a.name)))
}

/// Hundreds of words without one sentence end: a menu or a list of links
/// run together, not prose. A longer run is the page's text, whatever it
/// is, and stays.
pub(super) fn is_link_list(text: &str) -> bool {
    // A hundred words take two hundred bytes at least: shorter texts are
    // not counted.
    text.len() >= 200
        && !text.contains(['.', '!', '?', '。', '！', '？'])
        && (100..=1000).contains(&text.split_whitespace().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_what_the_bounded_tag_pattern_removes() {
        let pattern = Regex::new(r"<[^>]{0,2000}>").unwrap();
        let long = "é".repeat(2000);
        let cases = [
            String::new(),
            "no tags".to_string(),
            "<p>a</p> b <br/> c".to_string(),
            "a < b and c > d".to_string(),
            "<a<b>c".to_string(),
            "unclosed <tag".to_string(),
            "x > y <z>".to_string(),
            format!("<{long}>kept?"),
            format!("<{long}x>text<b>"),
            format!("<x<{long}>end"),
            format!("a<{long}<b>c"),
            format!("<{long}"),
            format!("<x{}>", "é".repeat(1999)),
            format!("<{}>", "é".repeat(2001)),
            format!("<<{}>tail", "a".repeat(1999)),
            format!("<{}<{}>", "a".repeat(10), "é".repeat(2000)),
            format!("<{}<{}>", "a".repeat(10), "é".repeat(1999)),
            format!("{}>{}", "<".repeat(5000), "<>".repeat(10)),
        ];
        for text in &cases {
            assert_eq!(
                without_tags(text),
                pattern.replace_all(text, ""),
                "{text:?}"
            );
        }
    }

    #[test]
    fn many_openings_before_one_closing_take_linear_time() {
        // A quadratic scan of this (each `<` searching to the far `>`)
        // would not finish in the test's time.
        let text = format!("{}>{}", "<".repeat(200_000), "<>".repeat(200_000));
        // The tag is the last 2,001 openings and the `>`: 2,000 characters
        // between its brackets. The openings before it are text.
        assert_eq!(without_tags(&text), "<".repeat(200_000 - 2_001));
    }
}
