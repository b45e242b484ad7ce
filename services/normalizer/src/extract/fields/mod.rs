//! Fields every format reads the same way: the title's tidying, bylines,
//! dates, captions and their credits, revision prefixes.

pub mod byline;
pub mod caption;
pub mod dates;
pub mod numeric_order;
pub mod relative_dates;
pub mod revision;
pub mod title;
