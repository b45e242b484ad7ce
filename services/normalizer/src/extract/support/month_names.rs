//! Month names and their short forms in the languages news pages are
//! written in, read from glibc's locale data (the `pure-rust-locales`
//! crate, the tables chrono's localized formatting uses) rather than
//! written out by hand: "März", "août", "mayo", "maggio", "sierpnia",
//! "августа", with their nominative and genitive forms and abbreviations.

use std::collections::HashMap;
use std::sync::LazyLock;

use pure_rust_locales::{
    ar_EG, ar_SY, bg_BG, ca_ES, cs_CZ, da_DK, de_DE, el_GR, en_US, es_ES, et_EE, fa_IR, fi_FI,
    fr_FR, he_IL, hi_IN, hu_HU, id_ID, it_IT, lt_LT, lv_LV, nb_NO, nl_NL, pl_PL, pt_BR, pt_PT,
    ro_RO, ru_RU, sk_SK, sl_SI, sr_RS, sv_SE, tr_TR, uk_UA,
};

/// One language's month names as glibc keeps them: full names in the form
/// used inside a date (genitive where the language has one), the
/// standalone form, and both abbreviations.
struct Locale {
    mon: &'static [&'static str],
    alt_mon: Option<&'static [&'static str]>,
    abmon: &'static [&'static str],
    ab_alt_mon: Option<&'static [&'static str]>,
}

macro_rules! locale {
    ($l:ident) => {
        Locale {
            mon: $l::LC_TIME::MON,
            alt_mon: $l::LC_TIME::ALT_MON,
            abmon: $l::LC_TIME::ABMON,
            ab_alt_mon: $l::LC_TIME::AB_ALT_MON,
        }
    };
}

/// English first: where a word names different months in two languages it
/// is left out (see `build`), so the order only decides nothing.
fn locales() -> [Locale; 34] {
    [
        locale!(en_US),
        locale!(de_DE),
        locale!(fr_FR),
        locale!(es_ES),
        locale!(it_IT),
        locale!(pt_PT),
        locale!(pt_BR),
        locale!(nl_NL),
        locale!(pl_PL),
        locale!(ru_RU),
        locale!(uk_UA),
        locale!(cs_CZ),
        locale!(sk_SK),
        locale!(sv_SE),
        locale!(da_DK),
        locale!(nb_NO),
        locale!(fi_FI),
        locale!(tr_TR),
        locale!(hu_HU),
        locale!(ro_RO),
        locale!(ca_ES),
        locale!(id_ID),
        locale!(el_GR),
        locale!(bg_BG),
        locale!(sr_RS),
        locale!(sl_SI),
        locale!(lt_LT),
        locale!(lv_LV),
        locale!(et_EE),
        locale!(ar_EG),
        locale!(ar_SY),
        locale!(he_IL),
        locale!(fa_IR),
        locale!(hi_IN),
    ]
}

/// Usual English short forms glibc does not list ("Sept.", looked up
/// without its dot).
const EXTRA: [(&str, u32); 1] = [("sept", 9)];

/// A name as looked up: lower case, without a trailing dot ("janv." and
/// "janv" alike).
fn key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// Every name and short form, looked up by `key`, with its month.
fn build() -> HashMap<String, u32> {
    let mut month_of: HashMap<String, u32> = HashMap::new();
    let mut ambiguous: Vec<String> = Vec::new();
    let mut add = |word: &str, month: u32| {
        let k = key(word);
        // Two letters or fewer ("Ma", "10月" is not a word here) would
        // read too many other words as months.
        if k.chars().count() < 3 || !k.chars().all(char::is_alphabetic) {
            return;
        }
        match month_of.get(&k) {
            Some(&m) if m != month => ambiguous.push(k),
            Some(_) => {}
            None => {
                month_of.insert(k, month);
            }
        }
    };
    for l in locales() {
        let lists = [Some(l.mon), l.alt_mon, Some(l.abmon), l.ab_alt_mon];
        for list in lists.into_iter().flatten() {
            for (i, name) in list.iter().enumerate() {
                add(name, i as u32 + 1);
            }
        }
    }
    for (word, month) in EXTRA {
        add(word, month);
    }
    for k in ambiguous {
        month_of.remove(&k);
    }
    month_of
}

static MONTH_NAMES: LazyLock<HashMap<String, u32>> = LazyLock::new(build);

/// The month (1–12) a word names in any of the languages, any case, with
/// or without its abbreviation's dot.
pub(crate) fn month_of(word: &str) -> Option<u32> {
    MONTH_NAMES.get(&key(word)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_many_languages() {
        for (word, month) in [
            ("März", 3),
            ("MÄRZ", 3),
            ("Dez.", 12),
            ("août", 8),
            ("janv.", 1),
            ("mayo", 5),
            ("maggio", 5),
            ("maio", 5),
            ("oktober", 10),
            ("sierpnia", 8),
            ("sierpień", 8),
            ("августа", 8),
            ("Август", 8),
            ("листопада", 11),
            ("září", 9),
            ("Sept", 9),
            ("december", 12),
            ("Jan", 1),
            ("listopada", 11),
            ("أكتوبر", 10),
            ("نيسان", 4),
            ("октомври", 10),
        ] {
            assert_eq!(month_of(word), Some(month), "{word}");
        }
    }

    #[test]
    fn words_that_are_no_month_anywhere() {
        for word in ["Juni1", "Montag", "news", "ma", "2024"] {
            assert_eq!(month_of(word), None, "{word}");
        }
    }
}
