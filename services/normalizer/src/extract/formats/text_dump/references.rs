//! A list of references under a study or a health story ("49. Prentice J,
//! Dobson K. A review of the risks …", "1. Akbaraly TN, Ferrie JE, …"):
//! the sources the story cites, not its text.

use std::sync::LazyLock;

use regex::Regex;

/// A numbered entry that opens with authors as citations print them
/// (surname and initials, "et al."), or that carries a citation's
/// marks (a DOI, a PubMed number, an access date).
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\d{1,3}\.\s+(?:",
        // "Prentice J, Dobson K." / "de Vibe M, Solhaug I," / "Smith J, et
        // al.": two authors, or one and "et al." (one alone may be a
        // ranking's "Arthur J. Gallagher & Co.").
        r"(?:\p{Ll}{1,3}\s)?\p{Lu}[\p{L}'’-]+\s\p{Lu}{1,3},\s",
        r"(?:(?:\p{Ll}{1,3}\s)?\p{Lu}[\p{L}'’-]+\s\p{Lu}{1,3}[,.]|et al\.)",
        r"|.*(?:\bdoi:|doi\.org/|\bPMID:?\s*\d|\[accessed\s\d)",
        r")"
    ))
    .expect("valid regex")
});

/// Whether a block is an entry of a list of references.
pub(super) fn is_reference(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_digit) && REFERENCE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_references() {
        for text in [
            "49. Prentice J, Dobson K. A review of the risks and benefits associated with mobile phone applications.",
            "86. de Vibe M, Solhaug I, Tyssen R. Mindfulness training for stress management.",
            "4. American Psychological Association. 2012. Stress by Generation URL: https://www.apa.org/ [accessed 2019-06-18]",
        ] {
            assert!(is_reference(text), "{text}");
        }
    }

    #[test]
    fn numbered_steps_are_not() {
        for text in [
            "1. Started with a broad shortlist. I identified all the credible options.",
            "2. Toner removes any lingering residues of dirt and oil.",
            "3. Myth: You can't get enough protein from plant-based foods",
            "10. Arthur J. Gallagher & Co.",
        ] {
            assert!(!is_reference(text), "{text}");
        }
    }
}
