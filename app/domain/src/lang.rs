//! The two languages of the UI and text kept in both of them.

use serde::{Deserialize, Serialize};

/// A UI language. Japanese first: it is the default for every visitor whose
/// browser or cookie does not ask for English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `lang` attributes and the locale cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Parses a tag as written in URLs and cookies (`ja`, `en`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The cookie leptos_i18n reads to choose the page language.
pub const LANG_COOKIE: &str = "i18n_pref_locale";

/// The `Set-Cookie` value that remembers `lang` for a year.
pub fn language_cookie(lang: Lang) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.tag()
    )
}

/// Text written in Japanese and English, such as a track's name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Localized {
    /// The Japanese text.
    pub ja: String,
    /// The English text.
    pub en: String,
}

impl Localized {
    /// Builds a text from its two languages.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when it is empty
    /// (an organiser may write only the Japanese at first).
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::Ja => (&self.ja, &self.en),
            Lang::En => (&self.en, &self.ja),
        };
        if wanted.trim().is_empty() {
            other
        } else {
            wanted
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::default(), Lang::Ja);
    }

    #[test]
    fn localized_falls_back_to_the_other_language() {
        let both = Localized::new("自動車", "Automotive");
        assert_eq!(both.get(Lang::Ja), "自動車");
        assert_eq!(both.get(Lang::En), "Automotive");
        let ja_only = Localized::new("量子", " ");
        assert_eq!(ja_only.get(Lang::En), "量子");
    }
}
