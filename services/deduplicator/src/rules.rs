//! What makes two texts copies of one story: the `[dedup]` settings
//! (`wirefeed_plumbing::settings::DedupSettings`, with their defaults and
//! validation), as the fingerprint, the story text and the copy test read
//! them.

pub use wirefeed_plumbing::settings::DedupSettings as Rules;
