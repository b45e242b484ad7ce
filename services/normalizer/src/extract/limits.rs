//! What a page must satisfy to become an article, and why it is refused
//! when it does not.

/// Limits applied to one page.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_paragraphs: usize,
    /// Pages whose body has fewer words are not articles.
    pub min_body_words: usize,
    /// Pages nesting elements deeper than this are refused before parsing.
    pub max_nesting: usize,
    /// Pages (the message's `body`) larger than this are refused before
    /// parsing: parse time and memory grow with the page, so this bounds both.
    pub max_page_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_paragraphs: 2000,
            min_body_words: 30,
            max_nesting: 1000,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }
}

/// The largest page read by default. The biggest page of the evaluation
/// sets is 1.6 MB; 4 MB leaves room for pages with inline assets.
pub const DEFAULT_MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Why a page did not become an article. All permanent: the page is what it is.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NormalizeError {
    #[error("not an article: {0}")]
    NotAnArticle(String),
    #[error("no article text found in the page")]
    EmptyExtraction,
    #[error("unsupported format: {0}")]
    UnsupportedFormat(String),
    #[error("invalid wire item: {0}")]
    InvalidWire(String),
    #[error("page nests elements {depth} deep, over the limit of {limit}")]
    TooDeep { depth: usize, limit: usize },
    #[error("page is {size} bytes, over the limit of {limit}")]
    PageTooLarge { size: usize, limit: usize },
}

impl NormalizeError {
    pub fn kind(&self) -> &'static str {
        match self {
            NormalizeError::NotAnArticle(_) => "not_an_article",
            NormalizeError::EmptyExtraction => "empty_extraction",
            NormalizeError::UnsupportedFormat(_) => "unsupported_format",
            NormalizeError::InvalidWire(_) => "invalid_wire",
            NormalizeError::TooDeep { .. } => "too_deeply_nested",
            NormalizeError::PageTooLarge { .. } => "page_too_large",
        }
    }
}
