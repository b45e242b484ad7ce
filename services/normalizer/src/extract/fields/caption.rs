//! Photo captions and their credits: "… meeting. [MINISTRY OF FOREIGN AFFAIRS]",
//! "… on Tuesday. (Photo: AP)", "… in Seoul. Photo: Reuters", "… / Yonhap".

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Caption;

static BRACKET_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?s)(.*?)\s*\[([^\[\]]{2,80})\]\s*$").expect("valid regex"));
static LABELLED_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?s)(.*?)\s*[(\[]?\s*(?i:photo(?:graph)?|image|picture|credit|foto|source)s?\s*(?:by|:|/|©)\s*([^()\[\]]{2,80}?)\s*[)\]]?\s*$")
        .expect("valid regex")
});
/// A labelled credit as a caption outside a figure ends: the label a whole
/// word, in the languages captions are written in ("photo", "Foto",
/// "Bild", "Quelle", "crédit", "fonte", "zdjęcie", "фото"), then a colon,
/// "by", "©" or a spaced slash; never "resources:" or "credits/year".
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?s)(.*?)\s*[(\[]?\s*\b(?i:photo(?:graph)?|image|picture|credit|foto|bild|bildquelle|quelle|crédits?|crédito|fonte|zdjęcie|фото)(?:s?\s*(?:by|:|©)|s?\s+/)\s*([^()\[\],]{2,80}?)\s*[)\]]?\s*$")
        .expect("valid regex")
});

/// An agency's credit in brackets at the end, as news photos carry it:
/// "(AP Photo/Evan Vucci)", "(Elias Funez/The Union via AP)", "(Joshua
/// Roberts/Reuters)": an agency named in it ("(Men's/Women's)" is none).
static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:AP|AFP|Reuters|Getty|EPA|Xinhua|Yonhap|Bloomberg|Shutterstock|Alamy)\b")
        .expect("valid regex")
});

/// Characters an agency's credit in brackets has at most.
const MAX_AGENCY_CREDIT: usize = 120;

/// The text before an agency's credit in brackets at the end, and the
/// credit. Only the last brackets are read: a caption is searched from
/// its end, not scanned whole.
fn agency_credit(text: &str) -> Option<(&str, &str)> {
    let inside = text.trim_end().strip_suffix(')')?;
    let open = inside.rfind('(')?;
    let credit = &inside[open + 1..];
    let fits = credit.len() <= MAX_AGENCY_CREDIT && !credit.contains(')');
    (fits && AGENCY.is_match(credit)).then(|| (inside[..open].trim_end(), credit.trim()))
}

/// A gallery's count before a caption ("Image 1 of 8 ", "1of4").
static GALLERY_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:image|photo|picture|slide) \d{1,3} of \d{1,3}\s*|\d{1,3} ?of ?\d{1,3})")
        .expect("valid regex")
});

/// The caption without a gallery's count before it.
fn without_gallery_count(text: &str) -> &str {
    match GALLERY_COUNT.find(text) {
        // "1of4" only when a capital follows ("1of4Grass Valley's").
        Some(m) if text[m.end()..].starts_with(char::is_uppercase) => &text[m.end()..],
        _ => text,
    }
}

/// Splits a caption from its credit. The credit of a bracketed form must be
/// mostly upper-case (an agency or ministry), so "[sic]" stays in the text.
pub fn split_credit(text: &str) -> Caption {
    let text = without_gallery_count(text.trim());
    if let Some(c) = BRACKET_CREDIT.captures(text) {
        let credit = c[2].trim();
        if is_mostly_upper(credit) && !c[1].trim().is_empty() {
            return Caption {
                text: c[1].trim().to_string(),
                credit: Some(credit.to_string()),
            };
        }
    }
    if let Some(c) = LABELLED_CREDIT.captures(text) {
        if !c[1].trim().is_empty() {
            return Caption {
                text: c[1].trim().to_string(),
                credit: Some(c[2].trim().to_string()),
            };
        }
    }
    if let Some((caption, credit)) = agency_credit(text) {
        if caption.split_whitespace().count() >= 3 {
            return Caption {
                text: caption.to_string(),
                credit: Some(credit.to_string()),
            };
        }
    }
    Caption {
        text: text.to_string(),
        credit: None,
    }
}

/// Whether a block ends with a credit in a form captions use.
pub fn has_credit(text: &str) -> bool {
    split_credit(text).credit.is_some()
}

/// Whether a short block is a caption by its shape: a few words, then a
/// labelled credit ("Roman Prymula, photo: Archives du Gouvernement",
/// "Der Hafen am Abend. Foto: dpa"), which running text never ends with.
pub fn is_credited_caption(text: &str) -> bool {
    text.split_whitespace().count() <= 20
        && CAPTION_CREDIT
            .captures(text.trim())
            .is_some_and(|c| c[1].split_whitespace().count() >= 2)
}

fn is_mostly_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    !letters.is_empty() && upper * 10 >= letters.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gallery_count_comes_off() {
        assert_eq!(
            without_gallery_count("Image 1 of 8 Mark Esper shakes hands."),
            "Mark Esper shakes hands."
        );
        assert_eq!(
            without_gallery_count("1of4Grass Valley's Dionicio Torres"),
            "Grass Valley's Dionicio Torres"
        );
        assert_eq!(without_gallery_count("3 of 5 voted"), "3 of 5 voted");
    }

    #[test]
    fn agency_credits_in_brackets() {
        let c = split_credit("A shopper looks at extension cords, in Grass Valley, Calif. (Elias Funez/The Union via AP)");
        assert_eq!(c.credit.as_deref(), Some("Elias Funez/The Union via AP"));
        assert_eq!(
            c.text,
            "A shopper looks at extension cords, in Grass Valley, Calif."
        );
        let c = split_credit("President Trump speaks in the Rose Garden. (AP Photo/Evan Vucci)");
        // The labelled form keeps its older reading: the photographer.
        assert_eq!(c.credit.as_deref(), Some("Evan Vucci"));
        let c = split_credit("An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)");
        assert_eq!(c.credit.as_deref(), Some("AP"));
        for text in [
            "Split the bill evenly (50/50)",
            "Pick one of the two (and/or)",
            "Best Value: Under Armour Sonic 7 (Men’s/Women’s)",
            "5. Google Cloud (Pub/Sub, Dataflow and BigQuery)",
        ] {
            assert_eq!(split_credit(text).credit, None, "{text}");
        }
    }

    #[test]
    fn credited_captions_in_other_languages() {
        for caption in [
            "Roman Prymula, photo: Archives du Gouvernement tchèque",
            "Der Hafen am Abend. Foto: dpa",
            "Vista del puerto (Crédito: EFE)",
            "Вид на порт. Фото: ТАСС",
        ] {
            assert!(is_credited_caption(caption), "{caption}");
        }
        for text in [
            "Source: Ministry of Health",
            "Streaming Sources: Kafka, Kinesis, Pub/Sub",
            "Wallet (credit/debit cards, cash, etc.)",
            "Your resources: Assess the time you can dedicate.",
            "Plus ($11.99/mo): 1080p exports, 3,600 AI credits/year",
            "The minister said the photo: was taken in 2019 by a staff member of the ministry and later published widely by many outlets",
        ] {
            assert!(!is_credited_caption(text), "{text}");
        }
    }

    #[test]
    fn bracketed_agency_credit() {
        let c = split_credit("From left, Park Jin and Antony Blinken meet in San Francisco. [MINISTRY OF FOREIGN AFFAIRS]");
        assert_eq!(
            c.text,
            "From left, Park Jin and Antony Blinken meet in San Francisco."
        );
        assert_eq!(c.credit.as_deref(), Some("MINISTRY OF FOREIGN AFFAIRS"));
    }

    #[test]
    fn labelled_credit() {
        let c = split_credit("Protesters gather outside parliament. (Photo: AP)");
        assert_eq!(c.text, "Protesters gather outside parliament.");
        assert_eq!(c.credit.as_deref(), Some("AP"));
    }

    #[test]
    fn lowercase_brackets_stay_in_text() {
        assert_eq!(split_credit("He said it [sic] twice.").credit, None);
    }
}
