//! The words of a page's address that name its story: most sites write
//! the headline into the last folder of the path
//! (`/2025/09/04/top-nutrition-trends-for-fall-2025/`), and a text dump
//! keeps no markup that says which of its many short lines is the
//! headline.

/// Letters a slug written without separators has at least.
pub const MIN_JOINED_LEN: usize = 12;

/// File endings that are not part of the name.
const EXTENSIONS: &[&str] = &[
    ".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp", ".cfm",
];

/// The slug's words, lower-cased, from the last path segment holding two
/// words or more (ids such as `8n6xe` and pure numbers of a folder left
/// out); empty when the address names no story (`/article/12345`, `/`).
pub fn slug_words(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Vec::new();
    };
    let Some(segments) = parsed.path_segments() else {
        return Vec::new();
    };
    let segments: Vec<String> = segments.map(percent_decoded).collect();
    for segment in segments.iter().rev() {
        let mut segment = segment.to_lowercase();
        for ext in EXTENSIONS {
            if let Some(stem) = segment.strip_suffix(ext) {
                segment = stem.to_string();
                break;
            }
        }
        let words: Vec<String> = tokens(&segment).into_iter().filter(|w| !is_id(w)).collect();
        let alphabetic = words
            .iter()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .count();
        // One long word is a slug written without separators
        // ("graphicdesigncourses"), or a folder ("technology") that
        // matches no line run together.
        let run_together = words.len() == 1 && alphabetic == 1 && words[0].len() >= MIN_JOINED_LEN;
        if alphabetic >= 2 || run_together {
            return words;
        }
    }
    Vec::new()
}

/// Lower-cased words of a text, apostrophes dropped ("What's" and the
/// slug's "whats" are one word).
pub fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '’'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// One word, or its plural: slugs and headlines differ there often.
pub fn same_word(a: &str, b: &str) -> bool {
    a == b
        || a.len() + 1 == b.len() && b.starts_with(a) && b.ends_with('s')
        || b.len() + 1 == a.len() && a.starts_with(b) && a.ends_with('s')
}

/// Ids a CMS appends to slugs: letters and digits mixed ("8n6xe",
/// "a1b2c3"). Numbers alone stay: headlines carry them ("5 trends").
fn is_id(word: &str) -> bool {
    let digits = word.chars().any(|c| c.is_ascii_digit());
    let letters = word.chars().any(char::is_alphabetic);
    digits && letters
}

fn percent_decoded(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slug_is_the_last_segment_that_names_something() {
        assert_eq!(
            slug_words("https://example.com/2025/09/04/top-nutrition-trends-for-fall-2025/"),
            ["top", "nutrition", "trends", "for", "fall", "2025"]
        );
        assert_eq!(
            slug_words("https://www.linkedin.com/pulse/5-trends-from-nutrition-2025-dylan-8n6xe"),
            ["5", "trends", "from", "nutrition", "2025", "dylan"]
        );
        assert_eq!(
            slug_words("https://example.com/news/budget-vote-delayed/12345"),
            ["budget", "vote", "delayed"]
        );
        assert_eq!(
            slug_words("https://example.com/world/budget_vote.html?x=1"),
            ["budget", "vote"]
        );
        assert_eq!(
            slug_words("https://example.com/%C3%A9t%C3%A9-chaud"),
            ["été", "chaud"]
        );
        assert!(slug_words("https://example.com/article/12345").is_empty());
        assert_eq!(
            slug_words("https://example.org/technology/graphicdesigncourses/"),
            ["graphicdesigncourses"]
        );
        assert!(slug_words("https://example.com/").is_empty());
        assert!(slug_words("not a url").is_empty());
    }

    #[test]
    fn plurals_and_apostrophes_match() {
        assert!(same_word("trend", "trends"));
        assert!(same_word("trends", "trend"));
        assert!(!same_word("trend", "trendy"));
        assert_eq!(
            tokens("What's New — in 2025"),
            ["whats", "new", "in", "2025"]
        );
    }
}
