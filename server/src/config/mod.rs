//! Typed configuration, read once from the environment at start-up: one
//! file per concern, each with its variables, defaults and checks.

mod database;
mod error;
mod github;
mod limits;
mod lookup;
mod mail;
mod oidc;
mod redact;
mod shutdown;
mod site;
mod smtp;

pub use database::{
    Backend, DEFAULT_DATABASE_POOL_SIZE, DEFAULT_DATABASE_URL, DatabaseUrl, MAX_DATABASE_POOL_SIZE,
};
pub use error::ConfigError;
pub use github::{DEFAULT_GITHUB_API_URL, DEFAULT_GITHUB_URL, GitHubConfig};
pub use limits::{DEFAULT_AUTH_RATE_LIMIT, MAX_RETENTION_YEARS};
pub use mail::{
    DEFAULT_MAIL_BULK_PER_MINUTE, DEFAULT_MAIL_POLL_SECONDS, MAX_MAIL_BULK_PER_MINUTE, MailConfig,
};
pub use oidc::{OidcConfig, RESERVED_PROVIDER_NAMES};
pub use shutdown::{DEFAULT_SHUTDOWN_GRACE_SECONDS, MAX_SHUTDOWN_GRACE_SECONDS};
pub use site::{DEFAULT_HASH_FILE_NAME, DEFAULT_SITE_ADDR};
pub use smtp::SmtpSecurity;

use leptos::config::LeptosOptions;
use lookup::Vars;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;

/// The name cargo-leptos gives the JS, WASM and CSS bundle.
pub const OUTPUT_NAME: &str = "camp-connect";

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The server's configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`.
    pub database_url: DatabaseUrl,
    /// `DATABASE_POOL_SIZE`: the most connections a PostgreSQL pool opens
    /// (an SQLite file's pool has a fixed size, `db::SQLITE_POOL_SIZE`).
    pub database_pool_size: u32,
    /// `LEPTOS_SITE_ADDR`.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder cargo-leptos writes the site into.
    pub site_root: String,
    /// `LEPTOS_HASH_FILE_NAME`, resolved: the build's hash file, naming the
    /// site's JS, WASM and CSS after their content.
    pub hash_file: PathBuf,
    /// `LOG_FORMAT`.
    pub log_format: LogFormat,
    /// `APP_ENV=production`.
    pub production: bool,
    /// `PUBLIC_URL`: the address people reach the site at (default
    /// `http://` + the listen address). HTTPS here makes cookies `Secure`.
    pub public_url: String,
    /// `DEMO_SIGN_IN`: the demo sign-in page (`make run` turns it on).
    pub demo_sign_in: bool,
    /// `OIDC_PROVIDERS` and their settings.
    pub oidc: Vec<OidcConfig>,
    /// `GITHUB_*`: sign-in with GitHub, when configured.
    pub github: Option<GitHubConfig>,
    /// `AUTH_RATE_LIMIT`: requests per minute (and burst) per client address
    /// on the `/auth/*` routes.
    pub auth_rate_limit: NonZeroU32,
    /// `TRUST_PROXY_HEADERS`: take the client address from `X-Forwarded-For`
    /// / `Forwarded` (set by a reverse proxy) instead of the connection.
    pub trust_proxy_headers: bool,
    /// `SMTP_URL`, `SMTP_CA`, `MAIL_FROM`: sending mail, when configured. Without it
    /// the mail worker is off and queued mail stays pending.
    pub mail: Option<MailConfig>,
    /// `MAIL_POLL_SECONDS`: how often the mail worker looks for due mail.
    pub mail_poll: std::time::Duration,
    /// `MAIL_BULK_PER_MINUTE`: the most bulk mail (announcements) all
    /// instances' workers send per minute together.
    pub mail_bulk_per_minute: u64,
    /// `SHUTDOWN_GRACE_SECONDS`: how long a stopping server waits for its
    /// background jobs to finish the work they are doing.
    pub shutdown_grace: std::time::Duration,
    /// `RETENTION_YEARS`: applications of cohorts that ended longer ago
    /// are anonymised by `camp-connect purge`; `None` (unset) purges nothing.
    pub retention_years: Option<u32>,
    /// `METRICS_TOKEN`: when set, `/metrics` answers only requests with
    /// `Authorization: Bearer <token>` (the scraper's). An empty value is
    /// taken as unset.
    pub metrics_token: Option<String>,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads the configuration through `get` (the environment, or a map in
    /// tests), each variable `X` or else the file `X_FILE` names. The
    /// variables are checked in a fixed order, so the first unusable one is
    /// the one named.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars::new(&get);
        let database_url = DatabaseUrl::parse(
            &vars
                .get("DATABASE_URL")?
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
        )?;
        let database_pool_size = database::pool_size(vars.get("DATABASE_POOL_SIZE")?)?;
        let site_addr = site::site_addr(vars.get("LEPTOS_SITE_ADDR")?)?;
        let log_format = log_format(vars.get("LOG_FORMAT")?.as_deref())?;
        let production = site::production(vars.get("APP_ENV")?.as_deref())?;
        let public_url = site::public_url(vars.get("PUBLIC_URL")?, production, site_addr)?;
        let demo_sign_in = flag("DEMO_SIGN_IN", vars.get("DEMO_SIGN_IN")?)?;
        let oidc = oidc::oidc_providers(&vars)?;
        let github = github::github(&vars)?;
        let auth_rate_limit = limits::auth_rate_limit(vars.get("AUTH_RATE_LIMIT")?)?;
        let trust_proxy_headers = flag("TRUST_PROXY_HEADERS", vars.get("TRUST_PROXY_HEADERS")?)?;
        let mail = mail::mail(&vars)?;
        let mail_poll = mail::mail_poll(vars.get("MAIL_POLL_SECONDS")?)?;
        let mail_bulk_per_minute = mail::bulk_per_minute(vars.get("MAIL_BULK_PER_MINUTE")?)?;
        let shutdown_grace = shutdown::shutdown_grace(vars.get("SHUTDOWN_GRACE_SECONDS")?)?;
        let retention_years = limits::retention_years(vars.get("RETENTION_YEARS")?)?;
        let site_root = vars
            .get("LEPTOS_SITE_ROOT")?
            .unwrap_or_else(|| "target/site".into());
        let hash_file = site::hash_file(vars.get("LEPTOS_HASH_FILE_NAME")?);
        let metrics_token = vars.get("METRICS_TOKEN")?.filter(|t| !t.is_empty());
        if production && demo_sign_in {
            return Err(ConfigError::DemoInProduction);
        }
        Ok(Self {
            database_url,
            database_pool_size,
            site_addr,
            site_root,
            hash_file,
            log_format,
            production,
            public_url,
            demo_sign_in,
            oidc,
            github,
            auth_rate_limit,
            trust_proxy_headers,
            mail,
            mail_poll,
            mail_bulk_per_minute,
            shutdown_grace,
            retention_years,
            metrics_token,
        })
    }

    /// Whether session cookies carry `Secure` (the site is served over HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The Leptos options for this configuration. Built here rather than by
    /// `get_configuration`, so the binary also runs outside cargo-leptos.
    ///
    /// Pages link the content-hashed names when the hash file is there, and
    /// the plain `camp-connect.{js,wasm,css}` otherwise: with `hash_files` on
    /// and no hash file, Leptos' `HydrationScripts` panics on the first page
    /// it renders. `serve` says at start-up which of the two it is
    /// ([`crate::http::routes::files::check_assets`]). The path is given to
    /// Leptos absolute, so the tests can name a hash file of their own.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .hash_files(self.hash_file.is_file())
            .hash_file(self.hash_file.display().to_string().into())
            .build()
    }
}

/// `LOG_FORMAT`: `text` (the default) or `json`.
fn log_format(value: Option<&str>) -> Result<LogFormat, ConfigError> {
    match value {
        None | Some("text") => Ok(LogFormat::Text),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => Err(ConfigError::LogFormat(other.to_string())),
    }
}

/// A yes/no variable `name`: unset is no.
fn flag(name: &'static str, value: Option<String>) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(_) => Err(ConfigError::Flag(name, value.unwrap_or_default())),
    }
}

/// [`Config::from_lookup`] over these variables, for the tests of each
/// concern's file.
#[cfg(test)]
fn from_vars(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: std::collections::HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|k| map.get(k).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use from_vars as config;
    use std::path::PathBuf;

    #[test]
    fn defaults_to_embedded_sqlite_on_localhost() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url.backend(), Backend::Sqlite);
        assert_eq!(
            c.database_url.sqlite_file(),
            Some(PathBuf::from("data/camp-connect.db"))
        );
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.log_format, LogFormat::Text);
    }

    #[test]
    fn the_hash_file_is_beside_the_executable_unless_absolute() {
        let exe = std::env::current_exe().unwrap();
        let dir = exe.parent().unwrap();
        assert_eq!(
            config(&[]).unwrap().hash_file,
            dir.join(DEFAULT_HASH_FILE_NAME)
        );
        let c = config(&[("LEPTOS_HASH_FILE_NAME", "assets/hashes.txt")]).unwrap();
        assert_eq!(c.hash_file, dir.join("assets/hashes.txt"));
        let c = config(&[("LEPTOS_HASH_FILE_NAME", "/nowhere/hash.txt")]).unwrap();
        assert_eq!(c.hash_file, PathBuf::from("/nowhere/hash.txt"));
        // No file, no hashed names: Leptos would panic rendering a page.
        let options = c.leptos_options();
        assert!(!options.hash_files);
        assert_eq!(options.hash_file.as_ref(), "/nowhere/hash.txt");
    }

    #[test]
    fn refuses_malformed_values_with_the_variable_named() {
        for bad in ["mysql://x/y", "sqlite://", "postgres://", "nonsense", ""] {
            let err = config(&[("DATABASE_URL", bad)]).unwrap_err();
            assert!(err.to_string().starts_with("DATABASE_URL"), "{bad}: {err}");
        }
        let err = config(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err();
        assert!(err.to_string().starts_with("LEPTOS_SITE_ADDR"));
        let err = config(&[("LOG_FORMAT", "xml")]).unwrap_err();
        assert!(err.to_string().starts_with("LOG_FORMAT"));
        let err = config(&[("DEMO_SIGN_IN", "maybe")]).unwrap_err();
        assert!(err.to_string().starts_with("DEMO_SIGN_IN"));
        let err = config(&[("PUBLIC_URL", "camp.example.jp")]).unwrap_err();
        assert!(err.to_string().starts_with("PUBLIC_URL"));
    }
}
