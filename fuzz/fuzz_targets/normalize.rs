//! Normalization of arbitrary page bodies, under each declared content type:
//! an article or a NormalizeError, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed_model::RawMessage;
use wirefeed_normalizer::{normalize, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let body = String::from_utf8_lossy(rest).into_owned();
    let content_type = match selector % 4 {
        0 => None,
        1 => Some("text/html".to_string()),
        2 => Some("text/plain".to_string()),
        _ => Some("application/json".to_string()),
    };
    let raw = RawMessage {
        url: "https://fuzz.example/news/world/story".into(),
        body,
        content_type,
        fetched_at: None,
        source: None,
        id: None,
        title: None,
        published_at: None,
        language: None,
        extra: Default::default(),
        repairs: Vec::new(),
    };
    if let Ok(article) = normalize(&raw, &Limits::default()) {
        assert!(!article.body.contains('\0'));
        assert_eq!(article.body_hash.len(), 64);
    }
});
