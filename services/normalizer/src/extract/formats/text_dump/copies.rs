//! A story the dump prints twice. Pages carry a second copy of their
//! article for another screen size, a print view or an expanded reader,
//! and a text dump renders both: every paragraph is then "repeated",
//! which elsewhere marks a caption or a teaser. A run of blocks printed
//! again in the same order, long enough to hold prose, is such a copy:
//! its first printing is read as if printed once, and the later ones are
//! left out.

use std::collections::HashMap;

use super::block::Block;

/// Which printing of a copied run a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Printing {
    /// Not in a copied run: repetition keeps its usual meaning.
    Single,
    /// The first printing of a run the page prints again.
    First,
    /// A later printing of a run printed before.
    Again,
}

/// Blocks a run holds at least to be a copied story, not a menu or a
/// repeated caption printed beside its photo.
const MIN_RUN_BLOCKS: usize = 3;
/// Words a run holds at least: a few paragraphs, where menus printed
/// twice (header and footer, desktop and mobile) are short lines.
const MIN_RUN_WORDS: usize = 100;

/// Words a block has at least to be followed from copy to copy: a
/// heading the page also prints in a table of contents would tie a
/// paragraph to the wrong copy.
const FOLLOWED_WORDS: usize = 8;

/// Each block's printing, keyed by lower-cased text (`keys`, one a block).
/// Copies are found among the longer blocks; the short ones between two
/// blocks of one printing (subheads, list items) share it.
pub(super) fn printings(blocks: &[Block], keys: &[String]) -> Vec<Printing> {
    let followed: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].words >= FOLLOWED_WORDS)
        .collect();
    let followed_keys: Vec<&str> = followed.iter().map(|&i| keys[i].as_str()).collect();
    let words: Vec<usize> = followed.iter().map(|&i| blocks[i].words).collect();
    let of_followed = copied_runs(&followed_keys, &words);
    let mut out = vec![Printing::Single; blocks.len()];
    for (k, &i) in followed.iter().enumerate() {
        out[i] = of_followed[k];
        // The blocks up to the next followed one share a printing that
        // both ends have.
        if let Some(&next) = followed.get(k + 1) {
            if of_followed[k] != Printing::Single && of_followed[k + 1] == of_followed[k] {
                for slot in &mut out[i + 1..next] {
                    *slot = of_followed[k];
                }
            }
        }
    }
    out
}

/// The printing of each item of a sequence (its text and words).
fn copied_runs(keys: &[&str], words: &[usize]) -> Vec<Printing> {
    let n = keys.len();
    // The next item with the same text, for every item.
    let mut next = vec![None; n];
    let mut last_seen: HashMap<&str, usize> = HashMap::new();
    for i in (0..n).rev() {
        next[i] = last_seen.insert(keys[i], i);
    }
    // How many items from here on are printed again, in the same order,
    // right where the next copy of this one begins (computed backwards,
    // so linear in the page).
    let mut run = vec![0usize; n];
    for i in (0..n).rev() {
        if let Some(j) = next[i] {
            let continues = i + 1 < n && next[i + 1] == Some(j + 1);
            run[i] = 1 + if continues { run[i + 1] } else { 0 };
        }
    }
    let mut out = vec![Printing::Single; n];
    // Walked run by run: each position reached is where a run starts.
    let mut i = 0;
    while i < n {
        let len = run[i];
        if len == 0 {
            i += 1;
            continue;
        }
        let total: usize = words[i..i + len].iter().sum();
        if len >= MIN_RUN_BLOCKS && total >= MIN_RUN_WORDS {
            let j = next[i].unwrap_or(i);
            // A run may overlap its own copy (a story printed three
            // times): its later part is marked again before it is read.
            for k in 0..len {
                if out[i + k] != Printing::Again {
                    out[i + k] = Printing::First;
                }
                out[j + k] = Printing::Again;
            }
        }
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::block::Role;
    use super::*;

    fn blocks(texts: &[&str]) -> (Vec<Block>, Vec<String>) {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::of(t, Role::Unknown, false))
            .collect();
        let keys = blocks.iter().map(|b| b.text.to_lowercase()).collect();
        (blocks, keys)
    }

    fn paragraph(n: usize) -> String {
        format!("Paragraph {n} {}", "word ".repeat(40).trim_end())
    }

    #[test]
    fn a_story_printed_twice_is_read_once() {
        let (p1, p2, p3) = (paragraph(1), paragraph(2), paragraph(3));
        let texts = ["Menu", &p1, &p2, &p3, "Share", &p1, &p2, &p3, "Footer"];
        let (b, k) = blocks(&texts);
        use Printing::*;
        assert_eq!(
            printings(&b, &k),
            [Single, First, First, First, Single, Again, Again, Again, Single]
        );
    }

    #[test]
    fn menus_and_single_paragraphs_printed_twice_are_no_copy() {
        let p1 = paragraph(1);
        let texts = [
            "Home", "News", "Sport", "Weather", &p1, &p1, "Home", "News", "Sport", "Weather",
        ];
        let (b, k) = blocks(&texts);
        assert!(printings(&b, &k).iter().all(|p| *p == Printing::Single));
    }

    #[test]
    fn a_third_printing_is_a_later_one_too() {
        let (p1, p2, p3) = (paragraph(1), paragraph(2), paragraph(3));
        let texts = [&p1, &p2, &p3, &p1, &p2, &p3, &p1, &p2, &p3];
        let (b, k) = blocks(&texts.map(String::as_str));
        use Printing::*;
        assert_eq!(
            printings(&b, &k),
            [First, First, First, Again, Again, Again, Again, Again, Again]
        );
    }

    #[test]
    fn identical_blocks_in_a_row_cost_linear_time() {
        let p = paragraph(1);
        let texts = vec![p.as_str(); 50_000];
        let (b, k) = blocks(&texts);
        let out = printings(&b, &k);
        assert_eq!(out.len(), 50_000);
    }
}
