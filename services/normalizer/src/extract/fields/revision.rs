//! Wire headline prefixes that say which version a story is: "UPDATE 2-",
//! "CORRECTED-", "REFILE-", and their combinations
//! ("CORRECTED-UPDATE 1-"). They are taken off the title and kept apart, so
//! every version of a story has the same headline and the update number
//! can order versions that carry no wire version.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Revision;

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Upper case only, and a dash or colon right after: "Update on the
    // talks" is a headline, not a prefix.
    Regex::new(
        r"^(UPDATE|UPDATED|CORRECTED|CORRECTION|REFILE|REPEAT|RPT)(?:\s+(\d{1,3}))?\s*[-–—:]\s*",
    )
    .expect("valid regex")
});

/// The title without its revision prefixes, and what they say: a
/// correction wins over an update (a corrected update is a correction),
/// the update's number is kept either way.
pub fn strip_prefixes(title: &str) -> (String, Option<Revision>) {
    let mut rest = title.trim();
    let mut revision: Option<Revision> = None;
    while let Some(c) = PREFIX.captures(rest) {
        let kind = match &c[1] {
            "UPDATE" | "UPDATED" => "update",
            "CORRECTED" | "CORRECTION" => "correction",
            _ => "refile",
        };
        let number = c.get(2).and_then(|n| n.as_str().parse().ok());
        let r = revision.get_or_insert(Revision {
            kind: kind.to_string(),
            number: None,
        });
        if kind == "correction" || r.kind == "refile" {
            r.kind = kind.to_string();
        }
        r.number = r.number.or(number);
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
    }
    if rest.is_empty() {
        // A headline that is nothing but a prefix stays as it was.
        return (title.trim().to_string(), None);
    }
    (rest.to_string(), revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(kind: &str, number: Option<i64>) -> Option<Revision> {
        Some(Revision {
            kind: kind.into(),
            number,
        })
    }

    #[test]
    fn wire_prefixes_come_off_the_title() {
        assert_eq!(
            strip_prefixes("UPDATE 2-Oil rises as supply fears mount"),
            (
                "Oil rises as supply fears mount".into(),
                rev("update", Some(2))
            )
        );
        assert_eq!(
            strip_prefixes("CORRECTED-UPDATE 1-Fed holds rates"),
            ("Fed holds rates".into(), rev("correction", Some(1)))
        );
        assert_eq!(
            strip_prefixes("REFILE-Markets close higher"),
            ("Markets close higher".into(), rev("refile", None))
        );
    }

    #[test]
    fn headlines_that_only_look_like_prefixes_stay() {
        assert_eq!(
            strip_prefixes("Update on the talks: no deal yet"),
            ("Update on the talks: no deal yet".into(), None)
        );
        assert_eq!(strip_prefixes("UPDATE 1-"), ("UPDATE 1-".into(), None));
    }
}
