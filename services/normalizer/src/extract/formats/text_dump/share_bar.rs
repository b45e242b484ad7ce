//! A share bar the dump ran into a block ("Share on Facebook Share on X
//! Email this Story Print this Story Leave a Comment …"): the buttons'
//! labels, two or more, name a network or what the button does to the
//! story; prose that mentions a network has none of them.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// A button's verb and the preposition before the network: "Share on",
/// "Tweet to", "Pin via".
const VERBS: [&str; 4] = ["share", "tweet", "post", "pin"];
const PREPOSITIONS: [&str; 3] = ["on", "to", "via"];
/// Verbs of a button that names what it does to the story: "Email this
/// Story", "Print this Article".
const THIS_VERBS: [&str; 3] = ["email", "print", "share"];
/// "Share on" in the other languages read: the networks they name are
/// fewer.
const OTHER_LANGUAGES: [&str; 5] = [
    "compartir en",
    "teilen auf",
    "partager sur",
    "condividi su",
    "delen op",
];

static SHARE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?i)\b(?:{verbs}) (?:{prepositions}) ",
            r"(?:facebook|twitter|x|linkedin|pinterest|reddit|whatsapp|flipboard|email|threads|bluesky|telegram)\b",
            r"|\b(?:{this_verbs}) this (?:story|article|page|post)\b",
            r"|\b(?:{other}) (?:facebook|twitter|x|linkedin|whatsapp)\b"
        ),
        verbs = VERBS.join("|"),
        prepositions = PREPOSITIONS.join("|"),
        this_verbs = THIS_VERBS.join("|"),
        other = OTHER_LANGUAGES.join("|"),
    ))
    .expect("valid regex")
});

/// Bytes a block holding a share bar has at most.
const MAX_BAR_BYTES: usize = 4000;

/// Labels a share bar prints at least.
const MIN_LABELS: usize = 2;

/// What every label opens with (the verb and its preposition, the verb
/// and "this", the other languages' words), then a space, in any case:
/// a block without any is passed over without a pattern search.
static LABEL_OPENINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let openings = VERBS
        .iter()
        .flat_map(|verb| PREPOSITIONS.iter().map(move |p| format!("{verb} {p} ")))
        .chain(THIS_VERBS.iter().map(|verb| format!("{verb} this ")))
        .chain(OTHER_LANGUAGES.iter().map(|words| format!("{words} ")));
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(openings)
        .expect("literal words")
});

/// Whether a block holds a share bar.
pub(super) fn is_share_bar(text: &str) -> bool {
    // A share bar and what the dump ran into it are a few hundred words
    // at most (the longest seen: 304); a longer block is a story's text.
    text.len() <= MAX_BAR_BYTES
        && LABEL_OPENINGS.is_match(text)
        && SHARE_LABEL.find_iter(text).nth(MIN_LABELS - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_not_prose() {
        assert!(is_share_bar(
            "View Story Comments 10 Like This Story Share on Facebook Share on X Email this Story"
        ));
        assert!(is_share_bar(
            "Filed in: cheap laptops Share: Share on Facebook Tweet on Twitter Share on LinkedIn"
        ));
        assert!(!is_share_bar(
            "Getting started with Facebook Shops is easy: share on Facebook what you sell."
        ));
        assert!(!is_share_bar(
            "Pinterest is where users come for inspiration; Facebook and LinkedIn less so."
        ));
    }
}
