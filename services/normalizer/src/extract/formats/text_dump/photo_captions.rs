//! Photo captions a dump prints as paragraphs, told by how agencies open
//! them: a gallery's count ("Image 1 of 8 U.S. Defense Secretary …",
//! "1of4Grass Valley's …"), "In this photo …", "FILE - In this Monday,
//! Oct. 28, 2019, file photo, …", "An aerial photo shows …".

use std::sync::LazyLock;

use regex::Regex;

static CAPTION_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?i:image|photo|picture|slide) \d{1,3} of \d{1,3}\b",
        r"|\d{1,3} ?of ?\d{1,3}\p{Lu}",
        r"|(?:Image|Photo|Picture|Foto|Bild)\s*:\s",
        // Only a date may stand between "In this" and "photo".
        r"|(?:FILE\s*[-–—]\s*)?In this (?:(?:\p{Lu}[\p{L}.]*|\d{1,4}),?\s){0,5}(?:file |handout |undated )?photo(?:graph)?\b",
        r"|(?:\d{1,2}\. )?(?:This|An?) (?:aerial |undated |handout |file )?(?:photo|image|picture|photograph) ",
        r"(?:shows|taken|provided|released|issued|made|obtained)\b)"
    ))
    .expect("valid regex")
});

/// Words a caption has at most: a story may open "In this photo essay, …"
/// and go on for paragraphs. A gallery prints an image's description and
/// its caption together, so a caption may come twice in one block, and
/// an agency story's captions may come three in a row.
const MAX_CAPTION_WORDS: usize = 200;

/// Where a person stands in the picture, as agencies write it: "Andreas
/// Thurner, left, and Todd George …", "Ryan Walters, right, listens …",
/// "… the settlement of Revava (background) on November 19, 2019".
static POSITION_IN_PICTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{L}, (?:left|right|second from (?:left|right))(?:,| and\b)|\s\((?:background|foreground|L|R|left|right)\)")
        .expect("valid regex")
});

/// Words a caption told by a position in the picture has at most.
const MAX_POSITIONED_WORDS: usize = 60;

/// Whether a block is a photo's caption by its opening or by a position
/// in the picture.
pub(super) fn opens_as_caption(text: &str, words: usize) -> bool {
    if words > MAX_CAPTION_WORDS {
        return false;
    }
    // Every opening starts with a digit or one of these letters, and
    // every position names a side or the ground: most blocks are passed
    // over without a pattern search.
    let opening = text.starts_with(|c: char| c.is_ascii_digit() || "IiFTAPpSsB".contains(c));
    let position = ["left", "right", "ground)", "(L)", "(R)"]
        .iter()
        .any(|w| text.contains(w));
    opening && CAPTION_OPENING.is_match(text)
        || position
            && (words <= MAX_POSITIONED_WORDS || printed_again(text))
            && POSITION_IN_PICTURE.is_match(text)
}

/// Words of a caption's opening that a gallery prints again with the
/// caption, in the same block.
const OPENING_WORDS: usize = 6;

/// Whether the block's opening words come again later in it (an image's
/// description and its caption, run together).
fn printed_again(text: &str) -> bool {
    let opening: Vec<&str> = text.split_whitespace().take(OPENING_WORDS).collect();
    if opening.len() < OPENING_WORDS {
        return false;
    }
    let opening = opening.join(" ");
    text.match_indices(opening.as_str()).nth(1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption(text: &str) -> bool {
        opens_as_caption(text, text.split_whitespace().count())
    }

    #[test]
    fn agency_captions() {
        for text in [
            "Image 1 of 8 U.S. Defense Secretary Mark Esper, left, shakes hands in Hanoi.",
            "1of4Grass Valley's Dionicio Torres looks at the gas can selection.",
            "In this photo issued by ITV, Jeremy Corbyn reacts during the debate.",
            "FILE - In this Monday, Oct. 28, 2019, file photo, Gordon Sondland walks to the Capitol.",
            "An aerial photo shows Boeing 737 MAX aircraft at Boeing facilities.",
            "Image: Jose Mourinho, left, has replaced Mauricio Pochettino as manager of Tottenham",
            "State Superintendent Ryan Walters, right, listens during public comment on Thursday.",
            "A man rides on a donkey opposite the settlement of Revava (background) on November 19, 2019.",
            &format!(
                "A man rides on a donkey opposite Revava (background). {} A man rides on a donkey opposite Revava (background).",
                "The prime minister hailed the announcement. ".repeat(10)
            ),
        ] {
            assert!(caption(text), "{text}");
        }
    }

    #[test]
    fn story_sentences() {
        for text in [
            "In this article, we look at the photo apps people use most.",
            "A photo of the minister was shared widely on Tuesday.",
            "In 2019 the council voted 3 of 5 in favour.",
            "Turn left, then right, and the station is in front of you.",
            "Longer breaths help you relax, center, and quiet the mind.",
        ] {
            assert!(!caption(text), "{text}");
        }
    }
}
