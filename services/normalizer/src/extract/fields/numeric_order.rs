//! Which way round a page writes its all-numeric dates. "8/1/2025" reads
//! as 8 January or as August 1, and alone it gives no date (a wrong day is
//! worse than none); but a page that also prints "8/27/2025" writes the
//! month first, and one that prints "27/08/2025" the day first.

use std::sync::LazyLock;

use regex::Regex;

/// The order of a page's all-numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    MonthFirst,
    DayFirst,
}

/// Day or month, separator, day or month, the same separator, a year.
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([/-])(\d{1,2})[/-](?:19|20)\d{2}\b").expect("valid regex")
});

/// The order the page's slashed and dashed dates settle: some with a day
/// over 12 in one place and none in the other. None when no date settles
/// it, or dates settle it both ways (a page quoting another's dates).
/// Dotted dates are left out: they are day first wherever they are
/// written.
pub fn page_order<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<NumericOrder> {
    let (mut month_first, mut day_first) = (false, false);
    // A date has a figure and a separator: most texts have no date to read.
    let dated = texts
        .into_iter()
        .filter(|t| t.contains(['/', '-']) && t.bytes().any(|b| b.is_ascii_digit()));
    for c in dated.flat_map(|t| NUMERIC_DATE.captures_iter(t)) {
        let (Ok(a), Ok(b)) = (c[1].parse::<u32>(), c[3].parse::<u32>()) else {
            continue;
        };
        match (a, b) {
            (1..=12, 13..=31) => month_first = true,
            (13..=31, 1..=12) => day_first = true,
            _ => {}
        }
    }
    match (month_first, day_first) {
        (true, false) => Some(NumericOrder::MonthFirst),
        (false, true) => Some(NumericOrder::DayFirst),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_over_twelve_settles_the_page() {
        assert_eq!(
            page_order(["Design Style 8/1/2025", "8/27/2025"]),
            Some(NumericOrder::MonthFirst)
        );
        assert_eq!(
            page_order(["Publié le 03/05/2022, mis à jour le 25-06-2022"]),
            Some(NumericOrder::DayFirst)
        );
        assert_eq!(page_order(["10/12/2023 7:38:01 PM"]), None);
        assert_eq!(page_order(["8/27/2025 and", "27/08/2025"]), None);
        assert_eq!(page_order(["15.11.2023"]), None);
    }
}
