//! Wire-format parsing: any JSON through the ninjs mapper, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed_normalizer::extract::ninjs;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        if ninjs::looks_like_ninjs(&value) {
            let _ = ninjs::extract(&value);
        }
    }
});
