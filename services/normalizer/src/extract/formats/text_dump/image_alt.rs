//! An image's description printed where the image was: text browsers
//! print an image's alternative text as a line of its own ("A screenshot
//! of the tracking page.", "Diagram illustrating the architecture of …"),
//! which reads as a paragraph but is no part of the story's text.

use std::sync::LazyLock;

use regex::Regex;

/// Words such a description has at most: longer, it is prose about an
/// image ("A photo of the crash was shared widely, and …" goes on).
const MAX_WORDS: usize = 80;

static DESCRIBES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:an?\s+)?(?:screenshot|photo|photograph|picture|image|diagram|illustration|",
        r"graphic|infographic|chart|rendering|close-up|closeup)\s+",
        r"(?:of|from|showing|illustrating|shows|depicting|displaying|with)\b"
    ))
    .expect("valid regex")
});

/// Whether a block is an image's description.
pub fn describes_image(text: &str) -> bool {
    DESCRIBES.is_match(text.trim()) && text.split_whitespace().count() <= MAX_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_descriptions_and_prose_about_images() {
        for text in [
            "A screenshot of North American Van Lines shipment tracking page.",
            "Diagram illustrating the architecture of Oracle MySQL HeatWave.",
            "A photo of a smoothie bowl accompanied with sliced avocado and banana.",
            "Image from Mary's April 2024 review.",
        ] {
            assert!(describes_image(text), "{text}");
        }
        for text in [
            "Photographers of the old school still print their own work.",
            "The picture is clearer now: the council will vote in March.",
            "Images matter, the editor said.",
        ] {
            assert!(!describes_image(text), "{text}");
        }
    }
}
