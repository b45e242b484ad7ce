//! Story identity: which raw pages are the same story at the same address.

use sha2::{Digest, Sha256};
use url::Url;

/// Query parameters that only track the reader and never change the page.
const TRACKING_PARAMS: [&str; 12] = [
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid",
    "ocid", "_ga",
];

/// The canonical form of an article URL: lower-case host without `www.`/`m.`
/// /`amp.` prefixes, default port, fragment, tracking parameters and AMP
/// suffixes removed, remaining query parameters sorted.
/// Returns `None` for anything that is not an absolute http(s) URL.
pub fn canonical_url(raw: &str) -> Option<String> {
    let mut url = Url::parse(raw.trim()).ok()?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let host = ["www.", "m.", "mobile.", "amp."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .filter(|rest| rest.contains('.'))
        .map(str::to_string)
        .unwrap_or(host);
    // Both schemes serve the same story; https is the one that survives.
    let _ = url.set_scheme("https");
    url.set_host(Some(&host)).ok()?;
    let _ = url.set_port(None);
    url.set_fragment(None);
    // Credentials in a URL are a secret, never part of a story's address.
    let _ = url.set_username("");
    let _ = url.set_password(None);

    let mut params: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_")
                && !TRACKING_PARAMS.contains(&k.as_str())
                && k != "amp"
                && k != "outputtype"
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort();
    if params.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(params);
    }

    let mut path = url.path().to_string();
    for suffix in ["/amp/", "/amp", ".amp"] {
        if let Some(stripped) = path.strip_suffix(suffix) {
            path = stripped.to_string();
        }
    }
    if let Some(stripped) = path.strip_prefix("/amp/") {
        path = format!("/{stripped}");
    }
    if path.len() > 1 {
        path = path.trim_end_matches('/').to_string();
    }
    url.set_path(&path);
    Some(url.to_string())
}

/// The Kafka key of every message about one story, so that all its versions
/// land on one partition and are processed in order: the provider's id for
/// wire items, else the canonical URL. Hashed to keep keys short.
pub fn story_key(identity: &str) -> String {
    short_digest(identity.as_bytes())
}

/// SHA-256 of `bytes`, its first 128 bits in hex: story keys and the raw
/// record digest of sighting keys.
pub fn short_digest(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_variants_of_one_address() {
        let expected = Some("https://example.com/news/story-1".to_string());
        for variant in [
            "https://www.example.com/news/story-1",
            "http://example.com:80/news/story-1/",
            "https://m.example.com/news/story-1?utm_source=x&fbclid=abc#comments",
            "https://EXAMPLE.com/news/story-1/amp",
            "https://amp.example.com/amp/news/story-1",
        ] {
            assert_eq!(canonical_url(variant), expected, "variant {variant}");
        }
    }

    #[test]
    fn keeps_meaningful_query_parameters_sorted() {
        assert_eq!(
            canonical_url("https://example.com/a?id=2&utm_medium=x&b=1").as_deref(),
            Some("https://example.com/a?b=1&id=2")
        );
    }

    #[test]
    fn rejects_non_http_urls() {
        assert_eq!(canonical_url("javascript:alert(1)"), None);
        assert_eq!(canonical_url("/relative/path"), None);
    }

    #[test]
    fn story_keys_are_stable_and_distinct() {
        assert_eq!(story_key("a"), story_key("a"));
        assert_ne!(story_key("a"), story_key("b"));
        assert_eq!(story_key("a").len(), 32);
    }
}
