//! What makes two texts copies of one story: the `[dedup]` settings as
//! the fingerprint, the story text and the copy test read them.

use wirefeed_plumbing::settings::DedupSettings;

/// What makes two texts copies of one story: the `[dedup]` settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Words per shingle for space-separated text.
    pub shingle_words: usize,
    /// Characters per shingle for Chinese, Japanese and Korean text.
    pub cjk_shingle_chars: usize,
    /// Estimated Jaccard similarity at or above which two texts are copies.
    pub jaccard: f32,
    /// Estimated containment at or above which the shorter text is a copy
    /// (a truncated one) of the longer.
    pub containment: f32,
    /// The Jaccard similarity a containment match needs too: it bounds how
    /// much shorter than the story a copy may be (about 0.2 → a fifth).
    pub containment_min_jaccard: f32,
    /// Shingles the shorter text needs for a containment match: a few lines
    /// of page chrome are contained in every page of a site.
    pub containment_min_shingles: u32,
    /// Shingles of the lead, the start of the story the lead bands index.
    pub lead_shingles: usize,
    /// The Jaccard similarity two pages of one outlet need (no containment).
    pub same_outlet_jaccard: f32,
}

/// The defaults live with the `[dedup]` settings, in one place.
impl Default for Rules {
    fn default() -> Rules {
        Rules::from(&DedupSettings::default())
    }
}

impl From<&DedupSettings> for Rules {
    fn from(d: &DedupSettings) -> Rules {
        Rules {
            shingle_words: d.shingle_words,
            cjk_shingle_chars: d.cjk_shingle_chars,
            jaccard: d.jaccard,
            containment: d.containment,
            containment_min_jaccard: d.containment_min_jaccard,
            containment_min_shingles: d.containment_min_shingles,
            lead_shingles: d.lead_shingles,
            same_outlet_jaccard: d.same_outlet_jaccard,
        }
    }
}
