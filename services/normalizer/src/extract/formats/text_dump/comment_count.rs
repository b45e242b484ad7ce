//! A count of comments that names the story they are on ("12 thoughts on
//! “…”", "45 Gedanken zu „…“", "3 réponses à « … »"): blog engines print
//! it over the comments in the page's language, with the headline in it.

/// The words between the count and the quoted headline, in the languages
/// blog engines are translated into (a literal, so `concat!` can build
/// patterns on it).
macro_rules! comment_count_words {
    () => {
        concat!(
            r"(?:comments?|responses?|replies|thoughts?|kommentare?|antworten|gedanken|",
            r"reaktionen|commentaires?|réponses?|comentarios?|comentários?|respuestas?|",
            r"respostas?|commenti|risposte|reacties)\s+",
            r"(?:on|to|zu|zum|zur|auf|sur|à|a|en|em|su|op|para|sobre)"
        )
    };
}
pub(super) use comment_count_words;
