//! The page's language, as a domain `Lang`.

use crate::domain::lang::Lang;
use crate::i18n::{Locale, use_i18n};

/// The language this page was rendered in.
///
/// Read once, untracked: switching language goes through `/lang/<tag>`,
/// which sets the cookie and reloads the page, so the language of a
/// rendered page never changes under it (and works without JavaScript).
pub fn use_lang() -> Lang {
    match use_i18n().get_locale_untracked() {
        Locale::ja => Lang::Ja,
        Locale::en => Lang::En,
    }
}

/// The generated i18n locale for a domain language.
pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Ja => Locale::ja,
        Lang::En => Locale::en,
    }
}
