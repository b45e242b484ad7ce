//! Authors printed as text: "By Jane Doe" near the headline, "Written by"
//! or an "Author" label anywhere.

use std::sync::LazyLock;

use regex::Regex;
use wirefeed_model::Author;

use crate::extract::fields::byline::{clean_name, parse_byline};
use crate::extract::fields::dates;
use crate::extract::formats::html::authors::elements::name_like;
use crate::extract::formats::html::chrome::in_other_stories_or_frame;
use crate::extract::formats::html::dom::for_each_text_node_while;
use crate::extract::formats::html::page_index::PageIndex;
use crate::extract::support::text::clean;

pub(super) static TEXT_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    // A name stays within one text of the page (`[^\S\n]`): the header
    // text marks where one ends with a line break, so "By Jane Doe" does
    // not run on into "View In" of the next link.
    let name = NAME_PATTERN;
    // The labels: "By" (and "by" opening a text of its own, "by:"),
    // "Written by", "Posted by", "Article by", and "Author", "Authors",
    // "Author(s)" or "Contributors" as a label of their own or before a
    // colon; the same in other languages ("Von", "Par", "Por", "Door",
    // "di" opening a text, "Geschrieben von", "Autor:", "Автор:").
    let label = concat!(
        r"\bBy:?|\bBY:?|(?m:^)by:?|(?:Written|Posted|Article|Story|Words) by",
        r"|\b(?:Von|VON|Par|PAR|Por|POR|Door|DOOR):?|(?m:^)(?:von|par|por|di|door|av|af):?",
        r"|(?:Geschrieben|Veröffentlicht|Verfasst|Erstellt|Publié|Écrit|Publicado|Escrito|Pubblicato|Scritto|Geschreven) (?:von|par|por|da|door)",
        r"|(?m:^)(?:Authors?|Author\(s\)|Contributors?|Autor|Autorin|Autoren|Auteur|Autore|Autora|Автор)(?::|[^\S\n]*(?m:$))",
        r"|Authors?:|Contributors?:|Autor(?:in)?:|Auteur\s?:|Autore:|Autora:|Автор:"
    );
    let and = crate::extract::support::byline_words::AND_WORDS;
    Regex::new(&format!(
        r"(?:{label})\s+({name}(?:\s*(?:,|&|\b(?:{and})\b)\s*{name})*)"
    ))
    .expect("valid regex")
});

/// A name as bylines print it: capitalised words (in any script), name
/// particles between.
pub(super) const NAME_PATTERN: &str =
    r"\p{Lu}[\w.'’-]+(?:[^\S\n]+(?:\p{Lu}[\w.'’-]+|van|von|de|der|da|del|la|le|di|du|dos)){0,4}";

pub(super) static WRITTEN_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:[Ww]ritten|Article|[Gg]eschrieben|Verfasst|[Éé]crit|[Ee]scrito|[Ss]critto) (?:by|von|par|por|da):?\s+({NAME_PATTERN}(?:\s*(?:,|and|und|et|y|e|&)\s*{NAME_PATTERN})*)"
    ))
    .expect("valid regex")
});

/// "Author", "Authors", "Author(s)", alone in their element, or the same
/// label in another language ("Autor", "Auteur", "Автор").
pub(super) static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Authors?|Author\(s\)|AUTHORS?|Autor|Autorin|Autoren|Auteur|Autore|Autora|Автор):?$",
    )
    .expect("valid regex")
});

pub(super) static WHOLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{NAME_PATTERN}$")).expect("valid regex"));

/// "Written by Jane Doe" printed anywhere outside the page's frame and
/// other stories (an author box after the story, "This post was written
/// by ..." at its end), or the names after an "Author" label printed on
/// its own (a metadata list beside the story): the last source tried.
/// Only these labels: "By" alone also credits photos, software and
/// sponsors.
pub(super) fn written_by_anywhere(index: &PageIndex) -> Vec<Author> {
    let Some(body) = index.tag("body").first() else {
        return Vec::new();
    };
    // The texts in page order; a label's names may be the next texts.
    let mut texts: Vec<(String, dom_query::NodeRef)> = Vec::new();
    for_each_text_node_while(body, |n| {
        let text = clean(&n.text());
        if !text.is_empty() {
            texts.push((text, *n));
        }
        true
    });
    let credited =
        |node: &dom_query::NodeRef| !node.parent().is_some_and(|p| in_other_stories_or_frame(&p));
    // Initials of an avatar ("Cp") are not a name.
    let person = |a: &Author| a.name.chars().count() >= 3;
    for (i, (text, node)) in texts.iter().enumerate() {
        if AUTHOR_LABEL.is_match(text) && credited(node) {
            // The names end where the next label of the list begins: a
            // text in the same element as the label ("Author", then "Lisa
            // D. Ellis", then "Related Program").
            let label_tag = node.parent().and_then(|p| p.node_name());
            let found: Vec<Author> = texts[i + 1..]
                .iter()
                .take(12)
                .take_while(|(_, n)| n.parent().and_then(|p| p.node_name()) != label_tag)
                .map_while(|(t, _)| WHOLE_NAME.is_match(t).then(|| clean_name(t)).flatten())
                .filter(|n| name_like(n))
                .map(|name| Author { name, email: None })
                .filter(person)
                .collect();
            if !found.is_empty() {
                return found;
            }
            continue;
        }
        let lower = text.to_lowercase();
        if !(lower.contains("written by") || lower.contains("article by")) || !credited(node) {
            continue;
        }
        let window: Vec<&str> = texts[i..].iter().take(3).map(|(t, _)| t.as_str()).collect();
        let window = window.join("\n");
        if let Some(c) = WRITTEN_BY.captures(&window) {
            let mut found = parse_byline(&c[1]);
            found.retain(|a| !dates::is_month_name(a.name.trim_end_matches('.')));
            // "Danielle Padula, Head of Community": the word before "of"
            // begins a job title, not another name.
            let job_title_follows = window[c.get(1).map_or(0, |m| m.end())..].starts_with(" of ");
            if job_title_follows && found.len() > 1 {
                found.pop();
            }
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// "By Jane Doe and John Roe" printed near the headline.
pub(super) fn byline_in_text(header: &str) -> Vec<Author> {
    let mut found = TEXT_BYLINE
        .captures(header)
        .map(|c| parse_byline(&c[1]))
        .unwrap_or_default();
    // "by Ziyi Xu, Dec 17, 2025": the date after the name is no author.
    found.retain(|a| !dates::is_month_name(a.name.trim_end_matches('.')));
    found
}
