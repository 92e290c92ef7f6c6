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

// serde_json comes with the `ssr` feature, the one the unit tests run with.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use serde_json::Value;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// The dotted paths of every text in a JSON object, nested keys included.
    fn key_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    key_paths(inner, &path, out);
                }
            }
            _ => {
                out.insert(prefix.to_string());
            }
        }
    }

    fn json_files(dir: &Path) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                name.ends_with(".json").then_some(name)
            })
            .collect()
    }

    fn keys_of(path: &Path) -> BTreeSet<String> {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut keys = BTreeSet::new();
        key_paths(&value, "", &mut keys);
        keys
    }

    /// leptos_i18n only warns about a key missing in one language (and
    /// then shows the Japanese on the English page): this makes it fail.
    #[test]
    fn every_locale_file_has_the_same_keys_in_both_languages() {
        let locales = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
        let (ja, en) = (locales.join("ja"), locales.join("en"));
        let files = json_files(&ja);
        assert!(!files.is_empty(), "no locale files in {}", ja.display());
        assert_eq!(files, json_files(&en), "the same files in ja/ and en/");
        for file in &files {
            let (ja_keys, en_keys) = (keys_of(&ja.join(file)), keys_of(&en.join(file)));
            let only_ja: Vec<_> = ja_keys.difference(&en_keys).collect();
            let only_en: Vec<_> = en_keys.difference(&ja_keys).collect();
            assert!(
                only_ja.is_empty() && only_en.is_empty(),
                "{file}: only in ja {only_ja:?}, only in en {only_en:?}"
            );
        }
    }
}
