//! The text a fingerprint is taken of, and its shingles. Pure.
//!
//! Pages keep some chrome in their bodies ("Like", "Dislike", teaser
//! headlines, "By X | AP" lines) and it differs from outlet to outlet: on
//! one site it inflates the similarity of unrelated stories, across sites
//! it lowers the similarity of copies. Only paragraphs that read as story
//! text are fingerprinted.
//!
//! Chinese and Japanese are written without spaces, and Korean words carry
//! their particles: their shingles are runs of characters, not of words.

use crate::rules::Rules;

/// Words a paragraph needs to count as story text without ending like a
/// sentence; one that ends like a sentence needs `SENTENCE_WORDS`.
const LONG_PARAGRAPH_WORDS: usize = 16;
const SENTENCE_WORDS: usize = 6;
/// Below this share of the body's words, or this many words, the filter
/// is not trusted (a list, a short note) and the whole body is used.
const MIN_KEPT_SHARE: f32 = 0.5;
const MIN_KEPT_WORDS: usize = 30;

/// The story text of a body (paragraphs separated by blank lines): the
/// paragraphs that read as prose, long or ending like a sentence.
pub fn story_text(body: &str) -> String {
    let paragraphs: Vec<(&str, usize)> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| (p, token_count(p)))
        .collect();
    let total: usize = paragraphs.iter().map(|p| p.1).sum();
    let kept: Vec<(&str, usize)> = paragraphs
        .iter()
        .copied()
        .filter(|&(p, words)| reads_as_prose(p, words))
        .collect();
    let kept_words: usize = kept.iter().map(|p| p.1).sum();
    if kept_words < MIN_KEPT_WORDS || (kept_words as f32) < MIN_KEPT_SHARE * total as f32 {
        return body.to_string();
    }
    kept.iter().map(|p| p.0).collect::<Vec<_>>().join("\n\n")
}

fn reads_as_prose(paragraph: &str, words: usize) -> bool {
    if words >= LONG_PARAGRAPH_WORDS {
        return true;
    }
    let end = paragraph
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', '」', '』'])
        .chars()
        .next_back();
    words >= SENTENCE_WORDS && matches!(end, Some('.' | '!' | '?' | '…' | '。' | '！' | '？'))
}

/// Whether a character belongs to a script written without word spaces
/// (Han, kana) or whose words change with their particles (Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xAC00..=0xD7A3    // Hangul syllables
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0xFF66..=0xFF9F) // half-width Katakana
}

/// Tokens of a text, lower-cased, punctuation dropped: words, and each
/// CJK character on its own. Also says how many were CJK characters.
pub fn tokens(text: &str) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut cjk = 0;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut run = String::new();
        for c in word.chars() {
            if is_cjk(c) {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run).to_lowercase());
                }
                out.push(c.to_string());
                cjk += 1;
            } else {
                run.push(c);
            }
        }
        if !run.is_empty() {
            out.push(run.to_lowercase());
        }
    }
    (out, cjk)
}

fn token_count(text: &str) -> usize {
    tokens(text).0.len()
}

/// A text's shingle hashes: every distinct one, sorted, and those of its
/// first `Rules::lead_shingles` shingles (its lead), sorted.
pub struct Shingles {
    pub all: Vec<u64>,
    pub lead: Vec<u64>,
}

/// Shingles of `Rules::shingle_words` words, or of
/// `Rules::cjk_shingle_chars` characters when most tokens are CJK.
pub fn shingle_hashes(text: &str, rules: &Rules) -> Shingles {
    let (words, cjk) = tokens(text);
    let size = if cjk * 2 > words.len() {
        rules.cjk_shingle_chars
    } else {
        rules.shingle_words
    }
    .max(1);
    let in_order: Vec<u64> = if words.len() < size {
        vec![fnv1a(words.join(" ").as_bytes())]
    } else {
        words
            .windows(size)
            .map(|w| fnv1a(w.join(" ").as_bytes()))
            .collect()
    };
    let mut lead: Vec<u64> = Vec::with_capacity(rules.lead_shingles);
    for &h in &in_order {
        if lead.len() == rules.lead_shingles {
            break;
        }
        if !lead.contains(&h) {
            lead.push(h);
        }
    }
    lead.sort_unstable();
    let mut all = in_order;
    all.sort_unstable();
    all.dedup();
    Shingles { all, lead }
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_paragraphs_are_left_out_of_the_story_text() {
        let story = "The parliament passed the budget early on Friday after a debate that lasted through the night.\n\n\
            Like\n\nDislike\n\nFive things to know about the new stadium deal\n\n\
            Opposition lawmakers said the compromise would not survive the next election, while the government called it historic.\n\n\
            By Jane Doe | AP";
        let text = story_text(story);
        assert!(text.starts_with("The parliament"));
        assert!(text.contains("Opposition lawmakers"));
        for chrome in ["Like", "Dislike", "Five things", "Jane Doe"] {
            assert!(!text.contains(chrome), "{chrome} kept in {text:?}");
        }
    }

    #[test]
    fn a_body_of_short_lines_is_kept_whole() {
        let list = "Eggs\n\nMilk\n\nFlour\n\nSugar";
        assert_eq!(story_text(list), list);
    }

    #[test]
    fn cjk_characters_are_tokens_of_their_own() {
        let (t, cjk) = tokens("서울(연합뉴스) 정부는 15일 AI 전략을 발표했다");
        assert_eq!(t[..4], ["서", "울", "연", "합"]);
        assert!(t.contains(&"15".to_string()) && t.contains(&"ai".to_string()));
        assert_eq!(cjk, t.len() - 2);
        let (t, _) = tokens("東京都は15日、新しい計画を発表した。");
        assert_eq!(t[..3], ["東", "京", "都"]);
    }

    #[test]
    fn cjk_text_is_shingled_by_characters() {
        let rules = Rules::default();
        let text = "東京都は十五日、新しい防災計画を発表した。";
        let chars = text.chars().filter(|c| c.is_alphanumeric()).count();
        assert_eq!(
            shingle_hashes(text, &rules).all.len(),
            chars - rules.cjk_shingle_chars + 1
        );
    }
}
