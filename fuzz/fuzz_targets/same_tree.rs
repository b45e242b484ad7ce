//! The page tree from html5gum's tokenizer (`tree::parse_whole`) against the one
//! html5ever's own tokenizer builds (`Document::from`): any difference in
//! the serialized trees is a failure.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed_normalizer::extract::formats::html::tree;

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        let ours = tree::parse_whole(html).html().to_string();
        let theirs = dom_query::Document::from(html).html().to_string();
        assert_eq!(ours, theirs, "{html:?}");
    }
});
