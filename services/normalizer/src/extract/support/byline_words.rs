//! Byline vocabulary in the languages the normalizer reads: the labels
//! printed before names ("By", "Von", "Par", "Por", "Di", "Door", "Av",
//! "Автор", "记者"), the words joining co-authors ("and", "und", "et", "y",
//! "e", "en", "i", "и"), job titles after a name ("Redakteur",
//! "journaliste", "corresponsal", "корреспондент", "기자") and news agencies
//! credited instead of people. One place, so every byline rule reads the
//! same lists.

/// Phrases before names, lower case, longest first where one holds
/// another: "veröffentlicht von Jane Doe", "publié par", "Autor: ".
pub(crate) const NAME_PREFIXES: &[&str] = &[
    // en
    "view all posts by ",
    "written by ",
    "posted by ",
    "authored by ",
    "text by ",
    "more about ",
    "author: ",
    "author ",
    "by ",
    // de
    "zeige alle beiträge von ",
    "alle beiträge von ",
    "ein beitrag von ",
    "veröffentlicht von ",
    "geschrieben von ",
    "verfasst von ",
    "erstellt von ",
    "artikel von ",
    "beitrag von ",
    "autorin: ",
    "autor: ",
    "text: ",
    "von ",
    "vom ",
    // fr
    "voir tous les articles de ",
    "publié par ",
    "écrit par ",
    "rédigé par ",
    "auteur : ",
    "auteur: ",
    "auteur ",
    "par ",
    // es, pt
    "ver todas las entradas de ",
    "publicado por ",
    "escrito por ",
    "autora: ",
    "texto: ",
    "por ",
    // it
    "pubblicato da ",
    "scritto da ",
    "a cura di ",
    "autore: ",
    "di ",
    // nl
    "geschreven door ",
    "geplaatst door ",
    "auteur: ",
    "door ",
    // pl
    "napisane przez ",
    "opublikowane przez ",
    "autorka: ",
    // sv, da, no
    "skrevet af ",
    "skrevet av ",
    "av ",
    "af ",
    // ru, uk
    "автор: ",
    "автор ",
    "текст: ",
    // zh, ja
    "记者 ",
    "作者：",
    "作者:",
    "文／",
    "文/",
];

/// "Author" in other languages, as a regex alternation (any case): a
/// label of its own ("Autor:", "Auteur", "Автор") in every byline rule.
pub(crate) const AUTHOR_WORDS: &str = "autor|autorin|auteur|autore|autora|автор";

/// Labels that open a byline, besides `AUTHOR_WORDS`, as a regex
/// alternation for the start of a line (any case): "By", "Von", "Par",
/// "Por", "Di", "Door", "Av", "Af", and the longer "Geschrieben von",
/// "Verfasst von", "Escrito por", "Écrit par", "Scritto da", with an
/// optional colon after.
pub(crate) const BY_LABELS: &str = r"written\s+by|(?:geschrieben|verfasst|eingestellt|gepostet|veröffentlicht)\s+von|escrito\s+por|écrit\s+par|scritto\s+da|by|von|vom|par|por|di|door|av|af|autorka|作者|记者";

/// Words joining co-authors, as a regex alternation: "Jane Doe und John
/// Roe", "Marie Dupont et Paul Martin", "Ana Pérez y Luis Gómez".
pub(crate) const AND_WORDS: &str = r"and|und|et|y|e|en|i|och|og|и|і";

/// Job titles trailing a name ("Jane Doe, Redakteurin"): dropped.
pub(crate) const ROLE_WORDS: &[&str] = &[
    // en
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "journalist",
    "producer",
    "photographer",
    "analyst",
    "intern",
    // de
    "redakteur",
    "redakteurin",
    "chefredakteur",
    "chefredakteurin",
    "korrespondent",
    "korrespondentin",
    "journalistin",
    "autorin",
    "volontär",
    "volontärin",
    // fr
    "journaliste",
    "rédacteur",
    "rédactrice",
    "correspondant",
    "correspondante",
    "envoyé",
    "envoyée",
    // es, pt, it
    "periodista",
    "redactor",
    "redactora",
    "corresponsal",
    "jornalista",
    "repórter",
    "correspondente",
    "giornalista",
    "redattore",
    "redattrice",
    "inviato",
    "inviata",
    // nl, pl, ru
    "verslaggever",
    "correspondente",
    "dziennikarz",
    "dziennikarka",
    "корреспондент",
    "журналист",
    // zh, ko
    "记者",
    "기자",
    "특파원",
];

/// News agencies and other credits that are no person, lower case.
pub(crate) const AGENCIES: &[&str] = &[
    "the associated press",
    "associated press",
    "ap",
    "reuters",
    "afp",
    "yonhap",
    "bloomberg",
    "upi",
    "dpa",
    "efe",
    "xinhua",
    "ians",
    "pti",
    "cnn",
    "bbc",
    "apa",
    "kna",
    "epd",
    "sid",
    "ansa",
    "europa press",
    "lusa",
    "anp",
    "belga",
    "pap",
    "tass",
    "ria novosti",
    "интерфакс",
    "тасс",
    "新华社",
];

/// Labels and widget text that are never names, lower case.
pub(crate) const NOT_NAMES: &[&str] = &[
    // en
    "by",
    "author",
    "authors",
    "written by",
    "posted by",
    "authored by",
    "staff",
    "staff writer",
    "editor",
    "admin",
    "updated",
    "published",
    "posted",
    "photos",
    "photo",
    "video",
    "share",
    "email",
    "follow",
    // Templates' placeholders.
    "unknown",
    "name",
    "author name",
    "your name",
    // de, fr, es, pt, it, nl, pl, ru
    "von",
    "autor",
    "autorin",
    "autoren",
    "beitrag",
    "artikel",
    "alle artikel",
    "alle beiträge",
    "mehr",
    "teilen",
    "veröffentlicht",
    "auteur",
    "auteurs",
    "partager",
    "autora",
    "autores",
    "compartir",
    "compartilhar",
    "autore",
    "autori",
    "condividi",
    "delen",
    "autorka",
    "udostępnij",
    "автор",
    "авторы",
    "поделиться",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_that_hold_another_come_first() {
        // "von " must not be stripped before "veröffentlicht von " is seen
        // whole, nor "by " before "view all posts by ".
        for (i, p) in NAME_PREFIXES.iter().enumerate() {
            for q in &NAME_PREFIXES[..i] {
                assert!(
                    !p.starts_with(q) || p == q,
                    "{p:?} comes after its own start {q:?}"
                );
            }
        }
    }
}
