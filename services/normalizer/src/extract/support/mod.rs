//! Text cleaning and the word lists the fields and formats match against.

pub mod bounded_regex;
pub mod byline_words;
pub mod chrome_words;
pub mod date_labels;
pub mod month_names;
pub mod text;
pub mod weekday_names;
