//! The two languages of the UI and text kept in both of them.

use crate::enums::stored_enum;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// A UI language. Japanese first: it is the default for every visitor
    /// whose browser or cookie does not ask for English. Its stored spelling
    /// is the BCP 47 tag, as used in `lang` attributes, URLs and the locale
    /// cookie.
    #[derive(Default)]
    pub enum Lang: varchar(8) {
        /// 日本語
        #[default]
        Ja = "ja",
        /// English
        En = "en",
    }
}

/// The cookie leptos_i18n reads to choose the page language.
pub const LANG_COOKIE: &str = "i18n_pref_locale";

/// The `Set-Cookie` value that remembers `lang` for a year.
pub fn language_cookie(lang: Lang) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.as_str()
    )
}

/// The language a request reads in, as the pages choose it: the language
/// cookie first (the person switched), then the browser's
/// `Accept-Language` by preference, then Japanese. Downloads (CSV, iCal)
/// use it so a file reads like the page it was fetched from.
pub fn of_request(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
    cookie_header
        .and_then(from_cookie_header)
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or_default()
}

/// The language the cookie header remembers, if any.
fn from_cookie_header(header: &str) -> Option<Lang> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::parse(value.trim()))
}

/// The browser's most preferred language among ours (`ja-JP`, `en-GB;q=0.8`,
/// ...); ties keep the header's order, `q=0` means "not this one".
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut offers: Vec<(u16, Lang)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            let lang = Lang::parse(&primary)?;
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                .next()
                .unwrap_or(1.0);
            // Thousandths, so the order is exact and sortable.
            let q = (quality.clamp(0.0, 1.0) * 1000.0).round() as u16;
            (q > 0).then_some((q, lang))
        })
        .collect();
    offers.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
    offers.first().map(|(_, lang)| *lang)
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
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
        }
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::default(), Lang::Ja);
    }

    #[test]
    fn a_request_reads_in_its_cookie_then_its_browser_language() {
        let cookie = "session=abc; i18n_pref_locale=en; other=1";
        assert_eq!(of_request(Some(cookie), Some("ja")), Lang::En);
        assert_eq!(
            of_request(Some("i18n_pref_locale=ja"), Some("en")),
            Lang::Ja
        );
        // An unknown or missing cookie leaves the choice to the browser.
        assert_eq!(
            of_request(Some("i18n_pref_locale=fr"), Some("en-GB")),
            Lang::En
        );
        assert_eq!(
            of_request(None, Some("fr-FR, en-US;q=0.8, ja;q=0.5")),
            Lang::En
        );
        assert_eq!(of_request(None, Some("en;q=0.4, ja-JP;q=0.9")), Lang::Ja);
        assert_eq!(of_request(None, Some("en;q=0, fr")), Lang::Ja);
        assert_eq!(of_request(None, Some("EN-us")), Lang::En);
        assert_eq!(of_request(None, Some(";;,q=,")), Lang::Ja);
        assert_eq!(of_request(None, None), Lang::Ja);
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
