//! Lists inside the story. A dump prints menus, link lists and teasers
//! as lists, so list items start as chrome; the items of a list that a
//! paragraph introduces ("…for cloud computing:"), or that stands between
//! two paragraphs, are story text. A review's lists come in groups under
//! short headings of their own ("Pros", "Cons", "Services") and stand
//! between the paragraphs about one product and the next.

use std::collections::HashMap;

use super::block::{Block, Role};
use super::region::ends_story;
use super::title_case;
use crate::extract::support::text::is_chrome_phrase;

/// Words a list's items average at least to count between two paragraphs.
const LIST_ITEM_WORDS: usize = 4;
/// Words a list's own heading has at most ("Pros & Cons", "What we like").
const LIST_HEADING_WORDS: usize = 6;
/// Such headings passed over between a list and the paragraph around it.
const LIST_HEADINGS: usize = 3;

pub(super) fn keep_story_lists(blocks: &mut [Block]) {
    let mut i = 0;
    while i < blocks.len() {
        if !blocks[i].bullet {
            i += 1;
            continue;
        }
        let end = group_end(blocks, i);
        let before = i.checked_sub(1).map(|j| &blocks[j]);
        let introduced = before.is_some_and(|b| b.role == Role::Content && b.text.ends_with(':'));
        let items: Vec<&Block> = blocks[i..end].iter().filter(|b| b.bullet).collect();
        let wordy = items.iter().map(|b| b.words).sum::<usize>() >= items.len() * LIST_ITEM_WORDS;
        let between = prose_beside(blocks[..i].iter().rev()) && prose_beside(blocks[end..].iter());
        if introduced || between && wordy && !templated(&items) {
            for item in blocks[i..end].iter_mut().filter(|b| b.bullet) {
                if item.role == Role::Chrome && item.words >= 2 && !is_chrome_phrase(&item.text) {
                    item.role = Role::Content;
                }
            }
        }
        i = end;
    }
}

/// Headed lists in a row that make a checklist.
const CHECKLIST_LISTS: usize = 3;
/// Items each of a checklist's lists has at least.
const CHECKLIST_ITEMS: usize = 3;
/// Blocks from one headed list to the next at most: an image, its
/// caption and the next heading.
const CHECKLIST_GAP: usize = 4;
/// Words a checklist heading has at most ("8-10 Months Before the
/// Wedding").
const CHECKLIST_HEADING_WORDS: usize = 8;

/// A story told as lists of steps, each under its heading ("12 Months
/// Before The Wedding", then "Book photographer", "Order wedding cake"):
/// no paragraph stands beside the lists, only their headings and the
/// photos between them. Their items are steps in sentence case and a few
/// words each, where a menu's items are a word or two and a list of
/// other stories prints headlines in title case; three such lists a few
/// blocks apart, the first after a paragraph, are story text. Not lists
/// of other stories ("Sur le même sujet", "Most read": their headlines
/// are printed twice, in tabs and teasers) or a footer's lists of the
/// group's sites (a name and its motto, a dash between).
pub(super) fn keep_checklists(blocks: &mut [Block], repeated: &[bool]) {
    let mut lists: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if !blocks[i].bullet {
            i += 1;
            continue;
        }
        let end = items_end(blocks, i);
        let once = repeated[i..end].iter().filter(|r| !**r).count();
        if i > 0 && once * 2 > end - i && is_checklist(&blocks[i - 1], &blocks[i..end]) {
            lists.push((i, end));
        }
        i = end;
    }
    let mut from = 0;
    while from < lists.len() {
        let mut to = from + 1;
        while to < lists.len() && lists[to].0 - lists[to - 1].1 <= CHECKLIST_GAP {
            to += 1;
        }
        let (first, last) = (lists[from].0 - 1, lists[to - 1].1);
        let prose_before = blocks[first.saturating_sub(CHECKLIST_GAP + 1)..first]
            .iter()
            .any(|b| b.role == Role::Content);
        let other_stories = blocks[first..last].iter().any(|b| ends_story(&b.text));
        if to - from >= CHECKLIST_LISTS && prose_before && !other_stories {
            for &(start, end) in &lists[from..to] {
                for item in &mut blocks[start..end] {
                    if item.role == Role::Chrome && item.words >= 2 && !is_chrome_phrase(&item.text)
                    {
                        item.role = Role::Content;
                    }
                }
            }
        }
        from = to;
    }
}

/// Whether a run of items under `heading` reads as a checklist's.
fn is_checklist(heading: &Block, items: &[Block]) -> bool {
    let refs: Vec<&Block> = items.iter().collect();
    let steps = items.iter().filter(|b| !title_case(&b.text)).count();
    let dashed = items
        .iter()
        .filter(|b| {
            [" – ", " — ", " - ", " | "]
                .iter()
                .any(|d| b.text.contains(d))
        })
        .count();
    !heading.bullet
        && heading.role != Role::Content
        && (1..=CHECKLIST_HEADING_WORDS).contains(&heading.words)
        && items.len() >= CHECKLIST_ITEMS
        && items.iter().map(|b| b.words).sum::<usize>() >= items.len() * LIST_ITEM_WORDS
        && steps * 3 >= items.len() * 2
        && dashed * 2 <= items.len()
        && !templated(&refs)
}

/// A list of links made from one template: most items end in the same
/// words ("Anxiety (30) items in category", "Depression (43) items in
/// category"), which the points of a story's list do not.
fn templated(items: &[&Block]) -> bool {
    if items.len() < TEMPLATE_ITEMS {
        return false;
    }
    let mut endings: HashMap<String, usize> = HashMap::new();
    for b in items {
        let words: Vec<&str> = b.text.split_whitespace().collect();
        let ending = words[words.len().saturating_sub(2)..]
            .join(" ")
            .to_lowercase();
        *endings.entry(ending).or_default() += 1;
    }
    endings
        .values()
        .max()
        .is_some_and(|most| most * 2 > items.len())
}

/// Items a list has at least to be told a template by.
const TEMPLATE_ITEMS: usize = 4;

/// Where a group of lists starting at `start` ends: runs of items, with
/// at most a few short headings between one run and the next.
fn group_end(blocks: &[Block], start: usize) -> usize {
    let mut end = items_end(blocks, start);
    loop {
        let headings = blocks[end..]
            .iter()
            .take(LIST_HEADINGS)
            .take_while(|b| is_list_heading(b))
            .count();
        match blocks.get(end + headings) {
            Some(next) if headings > 0 && next.bullet => end = items_end(blocks, end + headings),
            _ => return end,
        }
    }
}

/// Where the run of list items starting at `from` ends.
fn items_end(blocks: &[Block], from: usize) -> usize {
    blocks[from..]
        .iter()
        .position(|b| !b.bullet)
        .map_or(blocks.len(), |n| from + n)
}

/// Whether the first block past a few list headings, read outward from a
/// list, is a paragraph of the story.
fn prose_beside<'a>(outward: impl Iterator<Item = &'a Block>) -> bool {
    outward
        .take(LIST_HEADINGS + 1)
        .find(|b| !is_list_heading(b))
        .is_some_and(|b| b.role == Role::Content)
}

fn is_list_heading(b: &Block) -> bool {
    !b.bullet && b.words <= LIST_HEADING_WORDS && b.role != Role::Content
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(text: &str) -> Block {
        Block::of(text, Role::Content, false)
    }

    fn chrome(text: &str) -> Block {
        Block::of(text, Role::Chrome, false)
    }

    fn item(text: &str) -> Block {
        Block::of(text, Role::Chrome, true)
    }

    /// Whether every list item of `blocks` has `role`.
    fn items_are(blocks: &[Block], role: Role) -> bool {
        blocks.iter().filter(|b| b.bullet).all(|b| b.role == role)
    }

    #[test]
    fn a_reviews_lists_under_their_headings_are_story() {
        let mut blocks = vec![
            content("Mayzlin Relocation was founded seven years ago and moves families along the coast."),
            chrome("Pros & Cons"),
            chrome("Pros"),
            item("Family-owned, with locations covering the East Coast"),
            item("Full refund for cancellations within 7 days"),
            chrome("Cons"),
            item("Only serves moves starting on the east coast"),
            item("Deposit required at booking"),
            chrome("How movers stack up"),
            content("Of the 3,180 moving companies in the country, 148 are located in the state."),
        ];
        keep_story_lists(&mut blocks);
        for i in [3, 4, 6, 7] {
            assert_eq!(blocks[i].role, Role::Content, "{}", blocks[i].text);
        }
        assert_eq!(blocks[2].role, Role::Chrome);
    }

    #[test]
    fn a_list_of_links_from_one_template_is_not() {
        let mut blocks = vec![content("The story's last paragraph, which ends here.")];
        blocks.push(chrome("Blog Categories"));
        for name in [
            "Addiction (16)",
            "Anxiety (30)",
            "Depression (43)",
            "Older adults (11)",
        ] {
            blocks.push(item(&format!("{name} items in category")));
        }
        blocks.push(content(
            "A paragraph of the page after the list, which is prose.",
        ));
        keep_story_lists(&mut blocks);
        assert!(items_are(&blocks, Role::Chrome));
    }

    #[test]
    fn a_list_far_from_any_paragraph_is_not() {
        let mut blocks = vec![
            content("The story's last paragraph, which ends here."),
            chrome("Share"),
            chrome("Follow us"),
            chrome("Newsletter"),
            chrome("More"),
            item("Five things to know about the budget today"),
            item("The council votes on the new bus lanes"),
            content("A paragraph of the page after the list, which is prose."),
        ];
        keep_story_lists(&mut blocks);
        assert!(items_are(&blocks, Role::Chrome));
    }

    /// A paragraph, then lists of steps under their headings, a photo's
    /// caption between two of them.
    fn checklist(items: [&str; 3]) -> Vec<Block> {
        let mut blocks = vec![content(
            "Start by reading through the list below, then download the printable at the end.",
        )];
        for heading in [
            "When you start planning",
            "12 Months Before",
            "6 Months Before",
        ] {
            blocks.push(chrome(heading));
            blocks.extend(items.iter().map(|text| item(text)));
            blocks.push(chrome("Image by Studio Brown via One Fab Day"));
        }
        blocks
    }

    #[test]
    fn lists_of_steps_under_their_headings_are_story() {
        let mut blocks = checklist([
            "Sit down together and discuss your ideal wedding",
            "Draw up a budget for the day",
            "Pick potential dates and check with important guests",
        ]);
        let repeated = vec![false; blocks.len()];
        keep_checklists(&mut blocks, &repeated);
        assert!(items_are(&blocks, Role::Content));
    }

    #[test]
    fn lists_of_sites_or_of_headlines_printed_twice_are_not() {
        let mut sites = checklist([
            "Aamulehti – Pirkanmaan uutiset ja urheilu",
            "Kauppalehti – Talousuutiset ja pörssikurssit",
            "Iltalehti.fi – Uutiset, urheilu, viihde",
        ]);
        let repeated = vec![false; sites.len()];
        keep_checklists(&mut sites, &repeated);
        assert!(items_are(&sites, Role::Chrome));

        let mut headlines = checklist([
            "Quel est le plus gros QI du monde ?",
            "Etoiles filantes : ne manquez pas les Taurides",
            "Fibromyalgie : ce que la science sait de ce syndrome",
        ]);
        let repeated: Vec<bool> = headlines.iter().map(|b| b.bullet).collect();
        keep_checklists(&mut headlines, &repeated);
        assert!(items_are(&headlines, Role::Chrome));
    }
}
