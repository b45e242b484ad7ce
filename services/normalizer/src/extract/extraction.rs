//! What a format reads from a page. Every format (`formats/`) fills this
//! one type; `into_article` is the only place its fields become an
//! `Article`'s. A new field is added here, on `Article`, and in each
//! format that can find it.

use wirefeed_model::{Article, Author, Caption, Image, Paragraph, Revision, Timestamp, WireInfo};

#[derive(Debug, Default)]
pub struct Extraction {
    /// The page's headline; `finish` falls back to the scraper's title
    /// and then to the body's first sentence.
    pub title: Option<String>,
    pub standfirst: Option<String>,
    pub section: Vec<String>,
    pub authors: Vec<Author>,
    pub published_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    /// "vor 3 Stunden", "2 hours ago" printed near the headline, when the
    /// page states no date: how long before the fetch it was published.
    /// `finish` weighs it after the scraper's and the address's dates.
    pub published_ago: Option<chrono::Duration>,
    pub paragraphs: Vec<Paragraph>,
    pub captions: Vec<Caption>,
    pub images: Vec<Image>,
    /// The language the markup or the wire item declares; `finish` reads
    /// the text's own and lets this break ties.
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub keywords: Vec<String>,
    /// How sure the format is that this is the article, 0 to 1.
    pub confidence: f32,
    /// The story's identity when the format names one (a wire item's
    /// URI); else `finish` uses the canonical URL.
    pub identity: Option<String>,
    pub wire: Option<WireInfo>,
    /// An update or correction the item declares.
    pub revision: Option<Revision>,
}

impl Extraction {
    /// The wire item's identity and version, created on first use.
    pub fn wire_mut(&mut self) -> &mut WireInfo {
        self.wire.get_or_insert_with(WireInfo::default)
    }

    /// The article these fields make, marked with the format's name;
    /// `finish` completes it.
    pub fn into_article(self, format: &str) -> Article {
        Article {
            canonical_url: self.canonical_url.unwrap_or_default(),
            identity: self.identity.unwrap_or_default(),
            title: self.title.unwrap_or_default(),
            standfirst: self.standfirst,
            section: self.section,
            authors: self.authors,
            published_at: self.published_at,
            updated_at: self.updated_at,
            paragraphs: self.paragraphs,
            captions: self.captions,
            images: self.images,
            language: self.language,
            site_name: self.site_name,
            keywords: self.keywords,
            confidence: self.confidence.clamp(0.0, 1.0),
            format: format.into(),
            wire: self.wire,
            revision: self.revision,
            ..Default::default()
        }
    }
}
