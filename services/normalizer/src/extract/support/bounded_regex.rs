//! Patterns with word boundaries, searched fast where they cannot match.
//!
//! The regex crate's lazy DFA gives up on a pattern with a Unicode `\b` as
//! soon as the text holds one non-ASCII character (a curly quote, a
//! no-break space), and the search falls back to a backtracking engine
//! over the whole text, many times slower. Removing the boundaries can
//! only add matches, so the same pattern without them, which the DFA
//! searches in any text, says quickly where the exact pattern has none:
//! most texts searched for dates and date labels hold neither.

use regex::Regex;

pub struct BoundedRegex {
    /// The pattern as written; its matches are the ones used.
    pub exact: Regex,
    /// The pattern without its `\b` assertions: a superset of its matches.
    anywhere: Regex,
}

impl BoundedRegex {
    /// Compiles `pattern` twice: as it is, and without its `\b`s. The
    /// pattern must not hold an escaped backslash before a `b` (`\\b`).
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        Ok(BoundedRegex {
            exact: Regex::new(pattern)?,
            anywhere: Regex::new(&pattern.replace(r"\b", ""))?,
        })
    }

    /// False when the exact pattern has no match in `text`; true when it
    /// may have one.
    pub fn may_match(&self, text: &str) -> bool {
        self.anywhere.is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_no_only_where_the_exact_pattern_has_no_match() {
        let re = BoundedRegex::new(r"(?i)\b(?:posted|updated)\b\s*\d+").unwrap();
        for text in [
            "Posted 3 days ago",
            "\u{2019}Updated\u{a0}5",
            "reposted 3",
            "nothing here",
            "postedd 4",
            "",
        ] {
            if re.exact.is_match(text) {
                assert!(re.may_match(text), "{text:?}");
            }
        }
        assert!(!re.may_match("nothing here"));
        assert!(re.may_match("reposted 3"), "a superset, not the pattern");
        assert!(!re.exact.is_match("reposted 3"));
    }
}
