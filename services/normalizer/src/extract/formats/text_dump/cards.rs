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

/// Words a run of cards has at most: a longer block is a story's text
/// (the longest run of cards seen held about 200).
const MAX_RUN_WORDS: usize = 400;

/// Doubled headings a block of cards run together holds at least, in a
/// block of any length up to `MAX_RUN_WORDS` ("Белковая диета Белковая диета … Гречневая диета Гречневая
/// диета … Капустная диета Капустная диета …").
const MIN_RUN_CARDS: usize = 3;

/// Whether a block is a card, or a run of them: its heading's words are
/// words (a table's header row repeated, "Pos Player Plays % Stats", or a
/// row of rating stars is something else).
pub(super) fn is_card(text: &str, words: usize) -> bool {
    // Three cards hold fifteen words at least (two words twice and one
    // of summary each).
    if words < 2 * *HEAD_WORDS.start() + 1 || words > MAX_RUN_WORDS {
        return false;
    }
    let all: Vec<&str> = text.split_whitespace().collect();
    if words <= MAX_CARD_WORDS && doubled_at(&all, 0).is_some() {
        return true;
    }
    if words < MIN_RUN_CARDS * (2 * HEAD_WORDS.start() + 1) {
        return false;
    }
    let (mut cards, mut doubled_words) = (0, 0);
    let mut i = 0;
    while i < all.len() {
        match doubled_at(&all, i) {
            Some(k) => {
                cards += 1;
                doubled_words += 2 * k;
                i += 2 * k;
            }
            None => i += 1,
        }
    }
    // The headings are much of the block: a long table may repeat a
    // name or two by chance.
    cards >= MIN_RUN_CARDS && doubled_words * 100 >= all.len() * MIN_HEADING_SHARE
}

/// Share of a run of cards' words, in percent, that the doubled headings
/// take at least.
const MIN_HEADING_SHARE: usize = 20;

/// The length of a heading printed twice running from word `at`, with
/// words after it.
fn doubled_at(words: &[&str], at: usize) -> Option<usize> {
    let rest = &words[at..];
    HEAD_WORDS.clone().find(|&k| {
        rest.len() > 2 * k
            && rest[..k] == rest[k..2 * k]
            && rest[..k].iter().all(|w| w.starts_with(char::is_alphabetic))
            // A heading of one word said over ("word word word …") is no
            // heading.
            && rest[1..k].iter().any(|w| *w != rest[0])
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
    fn cards_run_together_at_any_length() {
        let cards = [
            "Белковая диета Белковая диета Популярная диета при активном ритме жизни.",
            "Гречневая диета Гречневая диета Самая популярная диета.",
            "Капустная диета Капустная диета Высокоэффективная диета с результатом.",
        ]
        .join(" ");
        assert!(is_card(&cards, 90));
        // Three doubled names by chance in a long table are no cards.
        let rows = "Knecht, Carina 1993 DJK Ellwangen 1,54 m Benz, Julia 1993 LG Filstal 1,48 m "
            .repeat(3);
        assert!(!is_card(&format!("{cards} {rows}"), 200));
    }

    #[test]
    fn tables_and_prose_are_not_cards() {
        assert!(!card(
            "Pos Player Plays % Stats Pos Player Plays % Stats LB Joe Schobert 74 100%"
        ));
        assert!(!card("1 • 1 • 1 • 1 • 1 • 1"));
        assert!(!card("The council met on Tuesday to debate the budget."));
        assert!(!card("Very very good, said the chef."));
        assert!(!is_card(&"word ".repeat(1000), 1000));
    }
}
