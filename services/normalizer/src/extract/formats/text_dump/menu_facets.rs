//! Headings a site's menu sorts its pages under ("By Industry"), which a
//! dump prints like bylines.

/// What a site's menu sorts its pages by, printed as a heading "By
/// Industry", "BY USE CASE": not a byline. Facet words are the common
/// nouns below; a person's or a desk's name is none of them.
pub(super) fn is_menu_facet(text: &str) -> bool {
    let Some(rest) = text
        .trim()
        .strip_prefix(['B', 'b'])
        .and_then(|r| r.strip_prefix(['Y', 'y']))
    else {
        return false;
    };
    let facet = rest.trim().trim_start_matches(':').trim().to_lowercase();
    MENU_FACETS.contains(&facet.as_str())
}

const MENU_FACETS: &[&str] = &[
    "audience",
    "brand",
    "business size",
    "business type",
    "category",
    "challenge",
    "company size",
    "company type",
    "department",
    "event type",
    "feature",
    "function",
    "functionality",
    "goal",
    "industry",
    "job function",
    "location",
    "manufacturer",
    "modality",
    "need",
    "platform",
    "posts",
    "product",
    "region",
    "role",
    "service",
    "size",
    "solution",
    "spotlight",
    "state",
    "style",
    "team size",
    "topic",
    "type",
    "use case",
    "user",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_facets_are_not_bylines() {
        for text in ["By Industry", "BY USE CASE", "by company size", "By: Role"] {
            assert!(is_menu_facet(text), "{text}");
        }
        for text in [
            "By Jane Doe",
            "By Mashable Team",
            "By ANI",
            "Byron Industry",
        ] {
            assert!(!is_menu_facet(text), "{text}");
        }
    }
}
