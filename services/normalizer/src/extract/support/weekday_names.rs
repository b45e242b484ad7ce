//! Weekday names and their short forms in the languages news pages are
//! written in, from glibc's locale data as `month_names` reads months:
//! "Mittwoch", "mercredi", "miércoles", "Dienstag", "Segunda-feira".
//! A word printed beside a date that is a weekday is no one's name.

use std::collections::HashSet;
use std::sync::LazyLock;

use pure_rust_locales::{
    ca_ES, cs_CZ, da_DK, de_DE, en_US, es_ES, fi_FI, fr_FR, hu_HU, id_ID, it_IT, nb_NO, nl_NL,
    pl_PL, pt_BR, pt_PT, ro_RO, ru_RU, sk_SK, sv_SE, tr_TR, uk_UA,
};

macro_rules! days {
    ($($l:ident),*) => {
        [$(($l::LC_TIME::DAY, $l::LC_TIME::ABDAY)),*]
    };
}

static WEEKDAYS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let lists = days!(
        en_US, de_DE, fr_FR, es_ES, it_IT, pt_PT, pt_BR, nl_NL, pl_PL, ru_RU, uk_UA, cs_CZ, sk_SK,
        sv_SE, da_DK, nb_NO, fi_FI, tr_TR, hu_HU, ro_RO, ca_ES, id_ID
    );
    lists
        .iter()
        .flat_map(|(full, short)| full.iter().chain(short.iter()))
        .map(|name| key(name))
        // Short forms of two letters ("Mo", "di") are words elsewhere.
        .filter(|k| k.chars().count() >= 3)
        .collect()
});

/// A name as looked up: lower case, without a trailing dot or comma.
fn key(word: &str) -> String {
    word.trim_end_matches(['.', ',']).to_lowercase()
}

/// Whether a word names a day of the week in any of the languages.
pub(crate) fn is_weekday_name(word: &str) -> bool {
    WEEKDAYS.contains(&key(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_in_many_languages() {
        for word in [
            "Monday",
            "Mittwoch",
            "mercredi",
            "miércoles",
            "Dienstag",
            "Tue.",
        ] {
            assert!(is_weekday_name(word), "{word}");
        }
        for word in ["Gabo", "Susan", "news", "Mo"] {
            assert!(!is_weekday_name(word), "{word}");
        }
    }
}
