//! The headline of an HTML page, chosen between its visible headline (`h1`)
//! and its meta titles (JSON-LD `headline`, `og:title`, `<title>`), with the
//! site's name, section labels and SEO tails taken off.

use crate::extract::fields::dates;

/// The title between the page's first headline and its meta title: the
/// headline, unless the meta title shows it is the site's name (the meta
/// title is "Story | Headline", or "Headline: Story" where the headline is
/// the site's or a blog's name), or it shares no word with a meta title
/// that reads like a headline ("Contact Us" over an article's page).
pub(crate) fn choose_title(
    h1: Option<String>,
    meta: Option<String>,
    full_meta: &[String],
    site_name: Option<&str>,
) -> Option<String> {
    let Some(h1) = h1 else { return meta };
    let Some(meta) = meta else { return Some(h1) };
    let (h1_seq, meta_seq) = (word_seq(&h1), word_seq(&meta));
    if let Some(mended) = meta_title_mending_h1(&h1, &h1_seq, &meta, full_meta) {
        return Some(mended);
    }
    let set =
        |seq: &[String]| -> std::collections::HashSet<String> { seq.iter().cloned().collect() };
    let (h1_words, meta_words) = (set(&h1_seq), set(&meta_seq));
    if h1_words == meta_words {
        return Some(h1);
    }
    // The h1 carries a label or its date before the meta title's words
    // ("Blog: ...", "Dec 18 2025 ..."): the meta title is the headline.
    let extra = h1_seq.len().saturating_sub(meta_seq.len());
    if meta_seq.len() >= 2 && (1..=4).contains(&extra) && h1_seq.ends_with(&meta_seq) {
        let labelled = h1
            .split_once(": ")
            .is_some_and(|(_, rest)| word_seq(rest) == meta_seq);
        let dated = h1_seq[..extra].iter().any(|w| dates::is_month_name(w));
        if labelled || dated {
            return Some(meta);
        }
    }
    // Byte offsets from `get`, so no slice can fall inside a character.
    let same = |a: Option<&str>, b: &str| a.is_some_and(|a| a.to_lowercase() == b.to_lowercase());
    for full in full_meta {
        for sep in TITLE_SEPARATORS {
            let suffix = format!("{sep}{h1}");
            let Some(cut) = full.len().checked_sub(suffix.len()) else {
                continue;
            };
            if same(full.get(cut..), &suffix) {
                let head = full.get(..cut).unwrap_or("").trim();
                // The part before is the story only when it is not the
                // site's name and is no shorter than the h1: "NASA SVS |
                // Impact of Climate Change on ..." puts the site first.
                let head_words = head.split_whitespace().count();
                if head_words >= 2
                    && head_words >= h1.split_whitespace().count()
                    && !same(site_name, head)
                {
                    return Some(strip_site_suffix(head));
                }
            }
        }
        // "Index funds" over "Index Funds: How to Invest" is the topic, not
        // a site: only a name known to be the site's counts.
        let names_site = site_name.is_some_and(|s| same(Some(s), &h1))
            || h1.to_lowercase().split_whitespace().any(|w| w == "blog");
        let prefix = format!("{h1}: ");
        if names_site && same(full.get(..prefix.len()), &prefix) {
            let rest = full.get(prefix.len()..).unwrap_or("").trim();
            if rest.split_whitespace().count() >= 2 {
                return Some(strip_site_suffix(rest));
            }
        }
    }
    if h1_words.is_disjoint(&meta_words) && (4..=30).contains(&meta.split_whitespace().count()) {
        return Some(meta);
    }
    Some(h1)
}

/// A meta title that is the page's `h1` done right, which the h1 is only a
/// worse copy of: the h1 garbled by a wrong charset ("Beginner? Guide"),
/// set in capitals (a banner that shares a word with the meta title),
/// trailed by an aggregator's source and counts ("...
/// (latimes.com) 87"), or without the list's count or the year its meta
/// title gives ("8 Recent Trends ...", "... in 2025").
fn meta_title_mending_h1(
    h1: &str,
    h1_seq: &[String],
    meta: &str,
    full_meta: &[String],
) -> Option<String> {
    let shouted = in_capitals(h1);
    let candidates =
        std::iter::once(meta.to_string()).chain(full_meta.iter().map(|f| strip_site_suffix(f)));
    for candidate in candidates {
        let seq = word_seq(&candidate);
        if seq.len() < 2 || seq == h1_seq && !shouted {
            continue;
        }
        let better = garbled_copy(h1, &candidate)
            || (shouted && !in_capitals(&candidate) && shares_a_word(h1_seq, &seq))
            || aggregator_tail(h1, &candidate)
            || counted_or_dated(h1_seq, &seq);
        if better {
            return Some(candidate);
        }
    }
    None
}

/// The same title but for characters a wrong charset turned into "?" or
/// U+FFFD in the h1 (each stands for one to three characters of the other).
fn garbled_copy(h1: &str, other: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        h1.split_whitespace().collect(),
        other.split_whitespace().collect(),
    );
    if a.len() != b.len() || !h1.contains(['?', '\u{FFFD}']) {
        return false;
    }
    let mut garbled = false;
    for (x, y) in a.iter().zip(&b) {
        if x.to_lowercase() == y.to_lowercase() {
            continue;
        }
        let xs: Vec<char> = x.chars().collect();
        let ys: Vec<char> = y.chars().collect();
        if !wildcard_match(&xs, &ys) {
            return false;
        }
        garbled = true;
    }
    garbled
}

/// `pattern` matches `text` where each "?" or U+FFFD of it stands for one
/// to three characters, case aside. Reads the text positions the pattern
/// can have reached, one pattern character at a time: a hostile word of
/// many "?" costs its length times the text's, not three to its power.
fn wildcard_match(pattern: &[char], text: &[char]) -> bool {
    let mut reached = vec![false; text.len() + 1];
    reached[0] = true;
    for &p in pattern {
        let mut next = vec![false; text.len() + 1];
        for j in (0..=text.len()).filter(|&j| reached[j]) {
            if p == '?' || p == '\u{FFFD}' {
                for n in 1..=3.min(text.len() - j) {
                    next[j + n] = true;
                }
            } else if text
                .get(j)
                .is_some_and(|&t| p.to_lowercase().eq(t.to_lowercase()))
            {
                next[j + 1] = true;
            }
        }
        if !next.contains(&true) {
            return false;
        }
        reached = next;
    }
    reached[text.len()]
}

/// Written all in capitals (a headline styled for display).
fn in_capitals(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !s.chars().any(char::is_lowercase)
}

/// A word of more than three letters in both.
fn shares_a_word(a: &[String], b: &[String]) -> bool {
    a.iter().any(|w| w.len() > 3 && b.contains(w))
}

/// The h1 is `title` followed by the source's host name in brackets and
/// numbers (an aggregator's "(latimes.com) 87" comment count).
fn aggregator_tail(h1: &str, title: &str) -> bool {
    let Some(rest) = h1
        .get(..title.len())
        .filter(|head| head.to_lowercase() == title.to_lowercase())
        .and_then(|_| h1.get(title.len()..))
    else {
        return false;
    };
    let Some(inside) = rest.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some((host, after)) = inside.split_once(')') else {
        return false;
    };
    host.contains('.')
        && !host.contains(char::is_whitespace)
        && !after.chars().any(char::is_alphabetic)
}

/// The other title is the h1 with the list's count before it ("8 Recent
/// Trends") or a year after it ("... 2025", "... in 2025").
fn counted_or_dated(h1: &[String], other: &[String]) -> bool {
    let is_count = |w: &str| (1..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    let is_year = |w: &str| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    };
    if other.len() == h1.len() + 1 && other[1..] == *h1 && is_count(&other[0]) {
        return true;
    }
    let Some(tail) = other.strip_prefix(h1) else {
        return false;
    };
    match tail {
        [year] => is_year(year),
        [word, year] => matches!(word.as_str(), "in" | "for" | "of") && is_year(year),
        _ => false,
    }
}

/// A title's words in order, folded to lower case.
fn word_seq(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A JSON-LD headline cut short (SEO plugins cut it at 110 characters, for
/// search engines' limit) is replaced by the meta title it begins.
pub(crate) fn untruncated(headline: String, full_meta: &[String]) -> String {
    if headline.chars().count() < 60 {
        return headline;
    }
    full_meta
        .iter()
        .find(|full| full.len() > headline.len() && full.starts_with(&headline))
        .map(|full| strip_site_suffix(full))
        .unwrap_or(headline)
}

/// A title that begins with the site's host name ("davidbau.com Vibe
/// Coding") starts after it.
pub(crate) fn strip_host_prefix(title: String, page_url: &str) -> String {
    let Some(host) = url::Url::parse(page_url).ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_lowercase())
    }) else {
        return title;
    };
    let rest = match title.get(..host.len()) {
        Some(head) if head.eq_ignore_ascii_case(&host) => &title[host.len()..],
        _ => return title,
    };
    // Only the whole name: "example.com Story", not "example.company".
    if !rest.starts_with(|c: char| !c.is_alphanumeric()) {
        return title;
    }
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|-–—:·•".contains(c));
    if rest.is_empty() {
        title
    } else {
        rest.to_string()
    }
}

/// A headline ends at its first " | ": what a page prints after a pipe is
/// its section, its site or an SEO tag line ("... | Opinion", "... | Top 19
/// Companies | Supermove"), not the story's words.
pub(crate) fn before_pipe(title: String) -> String {
    match title.split_once(" | ") {
        Some((head, _)) if head.split_whitespace().count() >= 2 => head.trim().to_string(),
        _ => title,
    }
}

pub(crate) const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " • "];

/// A headline never ends in the site's own name ("Best UK Art Exhibitions
/// 2025 – Artlyst"), even where the page prints it so in its `h1`.
pub(crate) fn strip_site_name(title: String, site_name: Option<&str>) -> String {
    let Some(site) = site_name.map(str::trim).filter(|s| !s.is_empty()) else {
        return title;
    };
    for sep in TITLE_SEPARATORS {
        let suffix = format!("{sep}{site}");
        let Some(cut) = title.len().checked_sub(suffix.len()) else {
            continue;
        };
        let head = title.get(..cut).unwrap_or("").trim();
        if title
            .get(cut..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(&suffix))
            && !head.is_empty()
        {
            return head.to_string();
        }
    }
    title
}

pub(crate) fn strip_site_suffix(title: &str) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = title.split_at(pos);
            if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_the_title_unless_it_is_the_site_name() {
        let meta = |t: &str| Some(t.to_string());
        let full = |t: &str| vec![t.to_string()];
        // An SEO rewrite of the headline: the visible headline wins.
        assert_eq!(
            choose_title(
                meta("Budget passes"),
                meta("Budget bill passes: what it means"),
                &[],
                None
            ),
            meta("Budget passes")
        );
        // The h1 is the blog's name, printed after the story's title.
        assert_eq!(
            choose_title(
                meta("Cory Dransfeldt"),
                meta("A brief intro to git • Cory Dransfeldt"),
                &full("A brief intro to git • Cory Dransfeldt"),
                None
            ),
            meta("A brief intro to git")
        );
        // ... or before it, with a colon.
        assert_eq!(
            choose_title(
                meta("Engora Data Blog"),
                meta("Engora Data Blog: Small adventures with small language models"),
                &full("Engora Data Blog: Small adventures with small language models"),
                None
            ),
            meta("Small adventures with small language models")
        );
        // A heading of the page's chrome shares no word with the story's title.
        assert_eq!(
            choose_title(
                meta("Contact Us"),
                meta("Addressing cybersecurity concerns around the smart home"),
                &[],
                None
            ),
            meta("Addressing cybersecurity concerns around the smart home")
        );
        // A topic before a colon is not a site's name.
        assert_eq!(
            choose_title(
                meta("Index funds"),
                meta("Index Funds: How to Invest"),
                &full("Index Funds: How to Invest | Vanguard"),
                Some("Vanguard")
            ),
            meta("Index funds")
        );
        // The site's name first, then the story: the h1 is the story.
        assert_eq!(
            choose_title(
                meta("Impact of Climate Change on Global Agricultural Yields"),
                meta("NASA SVS"),
                &full("NASA SVS | Impact of Climate Change on Global Agricultural Yields"),
                None
            ),
            meta("Impact of Climate Change on Global Agricultural Yields")
        );
        // A label or the date before the headline in the h1.
        for h1 in [
            "Blog: Preparing a transition",
            "Dec 18 2025 Preparing a transition",
        ] {
            assert_eq!(
                choose_title(meta(h1), meta("Preparing a transition"), &[], None),
                meta("Preparing a transition")
            );
        }
        // A year or an article before it is part of the headline.
        assert_eq!(
            choose_title(
                meta("2025 Software Price Guide"),
                meta("Software Price Guide"),
                &[],
                None
            ),
            meta("2025 Software Price Guide")
        );
        // A multi-byte title never splits a character.
        assert_eq!(
            choose_title(
                meta("İstanbul"),
                meta("Haber | İSTANBUL"),
                &full("Haber | İSTANBUL"),
                None
            ),
            meta("İstanbul")
        );
    }

    #[test]
    fn a_json_ld_headline_cut_short_yields_to_the_full_meta_title() {
        let long =
            "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers";
        let full = format!("{long} Find Solutions - Emily Henderson");
        assert_eq!(
            untruncated(long.to_string(), &[full]),
            format!("{long} Find Solutions")
        );
        assert_eq!(
            untruncated("Short".to_string(), &["Short story".into()]),
            "Short"
        );
    }

    #[test]
    fn a_meta_title_mends_a_worse_copy_of_the_h1() {
        let some = |t: &str| Some(t.to_string());
        let pick = |h1: &str, full: &str| {
            choose_title(
                some(h1),
                some(&strip_site_suffix(full)),
                &[full.to_string()],
                None,
            )
        };
        // A wrong charset turned the apostrophe and the colon into "?".
        assert_eq!(
            pick(
                "What Are The Basics Of Event Planning? Beginner? Guide",
                "What Are The Basics Of Event Planning: Beginner's Guide"
            ),
            some("What Are The Basics Of Event Planning: Beginner's Guide")
        );
        // A real question mark stays where both have it.
        assert_eq!(
            pick("Is it over? Yes", "Is it over? Yes - Example News"),
            some("Is it over? Yes")
        );
        // Capitals are display styling; the meta title has the words' case.
        assert_eq!(
            pick(
                "SUPPORTING GAAP COMPLIANCE",
                "GAAP Compliance: Applying Best Practices"
            ),
            some("GAAP Compliance: Applying Best Practices")
        );
        assert_eq!(
            pick("WEEKEND CODING AGENT", "Weekend Coding Agent | Example"),
            some("Weekend Coding Agent")
        );
        // An aggregator's source and comment count after the headline.
        assert_eq!(
            pick(
                "Grads Find Degrees No Longer Guarantee Jobs (latimes.com) 87 --> 87",
                "Grads Find Degrees No Longer Guarantee Jobs - Slashdot"
            ),
            some("Grads Find Degrees No Longer Guarantee Jobs")
        );
        // The list's count and the year belong to the headline.
        assert_eq!(
            pick(
                "Recent Trends in Photography",
                "8 Recent Trends in Photography - Flatworld Solutions"
            ),
            some("8 Recent Trends in Photography")
        );
        assert_eq!(
            pick(
                "Best Travel Insurance for Seniors",
                "Best Travel Insurance for Seniors in 2025"
            ),
            some("Best Travel Insurance for Seniors in 2025")
        );
        // Other words after the h1 are an SEO tail: the h1 stays.
        assert_eq!(
            pick("Budget passes", "Budget passes in record time"),
            some("Budget passes")
        );
        // A word of many "?" against a word it cannot match is settled at
        // once (a recursive match took three to the power of its length).
        let hostile = format!("{}x Guide", "?".repeat(60));
        let other = format!("{} Guide", "a".repeat(150));
        assert!(!garbled_copy(&hostile, &other));
        assert!(garbled_copy(&format!("{} Guide", "?".repeat(60)), &other));
        // A number that is not a count does not make a list.
        assert_eq!(
            pick(
                "Recent Trends in Photography",
                "2025 Recent Trends in Photography"
            ),
            some("Recent Trends in Photography")
        );
    }
}
