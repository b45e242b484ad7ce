//! The commented example configuration stays loadable and complete.

use std::path::Path;

use wirefeed_plumbing::Settings;

#[test]
fn example_file_loads_and_matches_the_defaults() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../config/wirefeed.example.toml"
    ));
    let loaded =
        Settings::load_from("normalizer", Some(path), Vec::new()).expect("example config loads");
    let defaults = Settings::defaults_for("normalizer");
    assert_eq!(format!("{loaded:?}"), format!("{defaults:?}"));
}
