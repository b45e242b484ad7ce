//! Raw-message parsing: any bytes end in a message or a RawError, never a
//! panic; and the fast reader of a message's fields reads them exactly as
//! serde_json does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed_model::RawMessage;

fuzz_target!(|data: &[u8]| {
    assert!(wirefeed_model::reads_as_serde_json(data, &wirefeed_model::raw::BODY_ALIASES));
    if let Ok(raw) = RawMessage::parse(data, 1 << 20) {
        assert!(!raw.url.is_empty());
        assert!(!raw.body.trim().is_empty());
        let _ = wirefeed_model::canonical_url(&raw.url);
    }
});
