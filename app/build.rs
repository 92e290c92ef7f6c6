//! Generates the `i18n` module from `locales/<locale>/<namespace>.json`
//! (leptos_i18n): one namespace of page texts per capability, plus `common`
//! for the layout and the texts several capabilities share.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

/// The namespaces, each a `<name>.json` in `locales/ja/` and `locales/en/`.
/// Other JSON files there (the domain's texts) are not leptos_i18n's.
const NAMESPACES: [&str; 18] = [
    "common",
    "account",
    "admin",
    "alumni",
    "announce",
    "application",
    "audit",
    "catalogue",
    "credits",
    "dashboard",
    "events",
    "history",
    "identity",
    "manage",
    "outbox",
    "pipeline",
    "review",
    "rosters",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?;
    let i18n_mod_directory = PathBuf::from(out_dir).join("i18n");
    // Japanese first: it is the default locale.
    let cfg = Config::new("ja")?
        .add_locale("en")?
        .add_namespaces(NAMESPACES)?
        // `td_string!` with values (`{{ n }}`) for labels and attributes.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(i18n_mod_directory)?;
    Ok(())
}
