//! Where the site runs and how people reach it: `LEPTOS_SITE_ADDR`,
//! `APP_ENV` and `PUBLIC_URL` (whose `https://` makes cookies `Secure` and
//! is required in production), and where the build's hash file is
//! (`LEPTOS_HASH_FILE_NAME`).

use super::ConfigError;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The hash file's name when `LEPTOS_HASH_FILE_NAME` is not set (Leptos' and
/// cargo-leptos's default).
pub const DEFAULT_HASH_FILE_NAME: &str = "hash.txt";

/// `LEPTOS_HASH_FILE_NAME`: the build's hash file, which names the JS, WASM
/// and CSS after their content. A relative name is taken from the
/// executable's folder, as Leptos does (the build writes it beside
/// `target/debug/camp-connect`); an absolute path is used as is.
pub(super) fn hash_file(value: Option<String>) -> PathBuf {
    let name = PathBuf::from(value.unwrap_or_else(|| DEFAULT_HASH_FILE_NAME.into()));
    match std::env::current_exe() {
        Ok(exe) if name.is_relative() => exe.parent().map_or(name.clone(), |dir| dir.join(&name)),
        _ => name,
    }
}

/// Where the server listens when `LEPTOS_SITE_ADDR` is not set.
pub const DEFAULT_SITE_ADDR: &str = "127.0.0.1:3000";

/// `LEPTOS_SITE_ADDR`: the listen address.
pub(super) fn site_addr(value: Option<String>) -> Result<SocketAddr, ConfigError> {
    let addr = value.unwrap_or_else(|| DEFAULT_SITE_ADDR.into());
    addr.parse().map_err(|_| ConfigError::SiteAddr(addr))
}

/// `APP_ENV`: whether this is production.
pub(super) fn production(value: Option<&str>) -> Result<bool, ConfigError> {
    match value {
        None | Some("development") => Ok(false),
        Some("production") => Ok(true),
        Some(other) => Err(ConfigError::AppEnv(other.to_string())),
    }
}

/// `PUBLIC_URL` (`given`) without its trailing slash: `http://` + the
/// listen address when unset, and required to be `https://` in production.
pub(super) fn public_url(
    given: Option<String>,
    production: bool,
    site_addr: SocketAddr,
) -> Result<String, ConfigError> {
    if production && !given.as_deref().is_some_and(|u| u.starts_with("https://")) {
        return Err(ConfigError::InsecurePublicUrl(given.unwrap_or_default()));
    }
    let public_url = given
        .unwrap_or_else(|| format!("http://{site_addr}"))
        .trim_end_matches('/')
        .to_string();
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(ConfigError::PublicUrl(public_url));
    }
    Ok(public_url)
}

#[cfg(test)]
mod tests {
    use crate::config::ConfigError;
    use crate::config::from_vars as config;

    #[test]
    fn demo_sign_in_is_refused_in_production() {
        let err = config(&[
            ("APP_ENV", "production"),
            ("PUBLIC_URL", HTTPS),
            ("DEMO_SIGN_IN", "true"),
        ])
        .unwrap_err();
        assert_eq!(err, ConfigError::DemoInProduction);
        assert!(config(&[("DEMO_SIGN_IN", "true")]).unwrap().demo_sign_in);
        let production = config(&[("APP_ENV", "production"), ("PUBLIC_URL", HTTPS)]);
        assert!(!production.unwrap().demo_sign_in);
    }
    const HTTPS: &str = "https://camp.example.jp";
    #[test]
    fn production_needs_an_https_public_url() {
        let missing = config(&[("APP_ENV", "production")]).unwrap_err();
        assert_eq!(missing, ConfigError::InsecurePublicUrl(String::new()));
        assert!(missing.to_string().starts_with("PUBLIC_URL"), "{missing}");
        let plain = config(&[
            ("APP_ENV", "production"),
            ("PUBLIC_URL", "http://camp.example.jp"),
        ]);
        assert_eq!(
            plain.unwrap_err(),
            ConfigError::InsecurePublicUrl("http://camp.example.jp".into())
        );
        let c = config(&[("APP_ENV", "production"), ("PUBLIC_URL", HTTPS)]).unwrap();
        assert!(c.production && c.secure_cookies());
        // Development keeps plain HTTP.
        assert!(
            !config(&[("PUBLIC_URL", "http://127.0.0.1:3000")])
                .unwrap()
                .secure_cookies()
        );
    }
    #[test]
    fn cookies_are_secure_behind_https() {
        assert!(!config(&[]).unwrap().secure_cookies());
        let c = config(&[("PUBLIC_URL", "https://camp.example.jp/")]).unwrap();
        assert!(c.secure_cookies());
        assert_eq!(c.public_url, "https://camp.example.jp");
    }
}
