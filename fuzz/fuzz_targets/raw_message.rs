//! Raw-message parsing: any bytes end in a message or a RawError, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed_model::RawMessage;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = RawMessage::parse(data, 1 << 20) {
        assert!(!raw.url.is_empty());
        assert!(!raw.body.trim().is_empty());
        let _ = wirefeed_model::canonical_url(&raw.url);
    }
});
