//! NewsML-G2 parsing: any text through the newsItem mapper, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed_normalizer::extract::newsml;

fuzz_target!(|data: &[u8]| {
    let _ = newsml::extract(&String::from_utf8_lossy(data));
});
