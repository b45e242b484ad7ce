//! A card run into one block: a heading printed twice (an image's
//! description and its link) and a summary after it, for another story
//! ("Tesla Model Y-Produktion noch heuer in Europa Tesla Model
//! Y-Produktion noch heuer in Europa Laut Elon Musk …") or a person
//! ("Brian Becker Brian Becker Brian Becker is the co-founder of …").
//! A story's paragraph never opens by saying its first words twice.

/// Words the doubled heading has, fewest and most.
const HEAD_WORDS: std::ops::RangeInclusive<usize> = 2..=8;
/// Words a card has at most.
const MAX_CARD_WORDS: usize = 80;

/// Whether a block is a card: its heading's words are words (a table's
/// header row repeated, "Pos Player Plays % Stats", or a row of rating
/// stars is something else).
pub(super) fn is_card(text: &str, words: usize) -> bool {
    if words > MAX_CARD_WORDS {
        return false;
    }
    let head: Vec<&str> = text
        .split_whitespace()
        .take(2 * HEAD_WORDS.end() + 1)
        .collect();
    HEAD_WORDS.clone().any(|k| {
        head.len() > 2 * k
            && head[..k] == head[k..2 * k]
            && head[..k].iter().all(|w| w.starts_with(char::is_alphabetic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str) -> bool {
        is_card(text, text.split_whitespace().count())
    }

    #[test]
    fn a_heading_twice_then_a_summary() {
        assert!(card("Deutsches Tesla-Werk sorgt bei VW für Panik Deutsches Tesla-Werk sorgt bei VW für Panik Fabrik des US-Herstellers"));
        assert!(card(
            "Brian Becker Brian Becker Brian Becker is the co-founder of FlowCandy."
        ));
    }

    #[test]
    fn tables_and_prose_are_not_cards() {
        assert!(!card(
            "Pos Player Plays % Stats Pos Player Plays % Stats LB Joe Schobert 74 100%"
        ));
        assert!(!card("1 • 1 • 1 • 1 • 1 • 1"));
        assert!(!card("The council met on Tuesday to debate the budget."));
        assert!(!card("Very very good, said the chef."));
    }
}
