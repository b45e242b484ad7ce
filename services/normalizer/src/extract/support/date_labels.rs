//! The words pages print before a date to say what it dates, in the
//! languages the normalizer reads: "Published", "Veröffentlicht am",
//! "Publié le", "Publicado", "Опубликовано", "发布时间", "입력" for the
//! publication; "Updated", "Aktualisiert", "Stand:", "Mis à jour",
//! "Actualizado", "Обновлено", "更新", "수정" for the last change. Each list
//! is a regex alternation, so the date rules build their patterns from one
//! place.

/// Labels of the publication, any case. A label that is also a common
/// word ("Datum", "Stand") counts only with its colon.
const PUBLISHED: &[&str] = &[
    // en
    "published",
    "posted",
    // de
    "veröffentlicht",
    "erschienen",
    "publiziert",
    "erstellt",
    "datum:",
    // fr
    "publié",
    "publiée",
    "mis en ligne",
    "mise en ligne",
    // es, pt
    "publicado",
    "publicada",
    "fecha de publicación",
    // it
    "pubblicato",
    "pubblicata",
    // nl
    "gepubliceerd",
    "geplaatst",
    // pl
    "opublikowano",
    "data publikacji",
    // cs, sv, da
    "publikováno",
    "publicerad",
    "publiceret",
    // ru, uk
    "опубликовано",
    "опубликован",
    "дата публикации",
    "опубліковано",
    // zh, ja, ko
    "发布时间",
    "发布日期",
    "发表时间",
    "發佈時間",
    "發表時間",
    "公開日",
    "投稿日",
    "掲載日",
    "입력",
    "등록",
];

/// Labels of the last change, any case.
const UPDATED: &[&str] = &[
    // en ("update" alone is a common word: only with its colon)
    "last updated",
    "last update:",
    "updated",
    "modified",
    // de
    "zuletzt aktualisiert",
    "aktualisiert",
    "geändert",
    "stand:",
    // fr
    "mis à jour",
    "actualisé",
    "modifié",
    // es, pt
    "actualizado",
    "actualizada",
    "atualizado",
    "atualizada",
    // it
    "aggiornato",
    "aggiornata",
    // nl
    "bijgewerkt",
    // pl
    "zaktualizowano",
    "aktualizacja",
    // cs, sv, da
    "aktualizováno",
    "uppdaterad",
    "opdateret",
    // ru, uk
    "обновлено",
    "обновлен",
    "оновлено",
    // zh, ja, ko
    "更新时间",
    "更新日期",
    "更新時間",
    "最終更新",
    "更新日",
    "更新",
    "수정",
];

/// Words between a label and its date: "on", "am", "le", "el", "em",
/// "il", "op", "dnia", "den".
pub(crate) const CONNECTOR: &str = r"(?:on|am|le|el|em|il|op|dnia|den)";

fn alternation(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    // Longest first: "last updated" before "updated".
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    sorted
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// The publication labels as a regex alternation (no group).
pub(crate) fn published() -> String {
    alternation(PUBLISHED)
}

/// The last-change labels as a regex alternation (no group).
pub(crate) fn updated() -> String {
    alternation(UPDATED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn labels_match_whole_in_any_case() {
        let published = Regex::new(&format!(r"(?i)^(?:{})$", published())).unwrap();
        let updated = Regex::new(&format!(r"(?i)^(?:{})$", updated())).unwrap();
        for label in [
            "Veröffentlicht",
            "PUBLIÉ",
            "Publicado",
            "Опубликовано",
            "发布时间",
        ] {
            assert!(published.is_match(label), "{label}");
        }
        for label in [
            "Aktualisiert",
            "Stand:",
            "Mis à jour",
            "Обновлено",
            "Last updated",
        ] {
            assert!(updated.is_match(label), "{label}");
        }
        assert!(
            !updated.is_match("Stand"),
            "a common word without its colon"
        );
    }
}
