//! Typed configuration, read once from the environment at start-up.

use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;

/// The database to use when `DATABASE_URL` is not set: the embedded SQLite.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/camp-connect.db";
/// Where the server listens when `LEPTOS_SITE_ADDR` is not set.
pub const DEFAULT_SITE_ADDR: &str = "127.0.0.1:3000";
/// The name cargo-leptos gives the JS, WASM and CSS bundle.
pub const OUTPUT_NAME: &str = "camp-connect";
/// Sign-in requests per minute one client address may make when
/// `AUTH_RATE_LIMIT` is not set: ample for people, slow for password-less
/// guessing and for flooding the session table.
pub const DEFAULT_AUTH_RATE_LIMIT: u32 = 30;
/// GitHub's web address when `GITHUB_URL` is not set.
pub const DEFAULT_GITHUB_URL: &str = "https://github.com";
/// GitHub's API address when `GITHUB_API_URL` is not set.
pub const DEFAULT_GITHUB_API_URL: &str = "https://api.github.com";
/// Seconds between the mail worker's looks at the outbox when
/// `MAIL_POLL_SECONDS` is not set.
pub const DEFAULT_MAIL_POLL_SECONDS: u64 = 10;
/// Provider names taken by built-in sign-in methods: an OIDC provider of the
/// same name would share their identities (a subject at one would sign in
/// as the same subject at the other).
pub const RESERVED_PROVIDER_NAMES: [&str; 2] = ["demo", "github"];

/// Which database engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (the embedded default).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A checked `DATABASE_URL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    backend: Backend,
}

impl DatabaseUrl {
    /// Checks the form of a database URL; the connection is tried later.
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        let url = url.trim();
        let backend = if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(ConfigError::DatabaseUrl(url.to_string()));
            }
            Backend::Sqlite
        } else if let Some(rest) = url
            .strip_prefix("postgres://")
            .or_else(|| url.strip_prefix("postgresql://"))
        {
            if rest.is_empty() || rest.starts_with('/') && rest.len() == 1 {
                return Err(ConfigError::DatabaseUrl(url.to_string()));
            }
            Backend::Postgres
        } else {
            return Err(ConfigError::DatabaseUrl(url.to_string()));
        };
        Ok(Self {
            url: url.to_string(),
            backend,
        })
    }

    /// The engine.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The URL with any password replaced by `***`, for logs and messages.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.url.split_once("://") else {
            return self.url.clone();
        };
        match rest.split_once('@') {
            Some((userinfo, host)) => {
                let user = userinfo.split(':').next().unwrap_or_default();
                format!("{scheme}://{user}:***@{host}")
            }
            None => self.url.clone(),
        }
    }

    /// For SQLite, the database file's path (its folder is created if
    /// missing); `None` for PostgreSQL and in-memory databases.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let rest = self.url.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//").split('?').next()?;
        (path != ":memory:").then(|| PathBuf::from(path))
    }
}

/// A configuration value that cannot be used; the message names the variable.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// `DATABASE_URL` is not an SQLite or PostgreSQL URL.
    #[error(
        "DATABASE_URL {0:?} is not usable: give sqlite://<path> (e.g. {DEFAULT_DATABASE_URL}) \
         or postgres://<user>@<host>:<port>/<database>"
    )]
    DatabaseUrl(String),
    /// `LEPTOS_SITE_ADDR` is not a socket address.
    #[error("LEPTOS_SITE_ADDR {0:?} is not an address: give host:port, e.g. {DEFAULT_SITE_ADDR}")]
    SiteAddr(String),
    /// `LOG_FORMAT` is neither `text` nor `json`.
    #[error("LOG_FORMAT {0:?} is not known: give text or json")]
    LogFormat(String),
    /// `APP_ENV` is neither `development` nor `production`.
    #[error("APP_ENV {0:?} is not known: give development or production")]
    AppEnv(String),
    /// A true/false variable holds something else.
    #[error("{0} {1:?} is not a yes/no value: give true or false")]
    Flag(&'static str, String),
    /// `PUBLIC_URL` is not an http(s) URL.
    #[error(
        "PUBLIC_URL {0:?} is not usable: give the address people use, e.g. https://camp.example.jp"
    )]
    PublicUrl(String),
    /// Production without an `https://` `PUBLIC_URL`: session cookies would
    /// travel in clear and lose their `__Host-` protection.
    #[error(
        "PUBLIC_URL {0:?} is refused with APP_ENV=production: set it to the site's https:// address, e.g. https://camp.example.jp"
    )]
    InsecurePublicUrl(String),
    /// A configured sign-in provider lacks a setting.
    #[error(
        "{0} is not set: every provider named in OIDC_PROVIDERS needs _ISSUER, _CLIENT_ID and _CLIENT_SECRET"
    )]
    Missing(String),
    /// `OIDC_PROVIDERS` names something that is not a slug.
    #[error("OIDC_PROVIDERS entry {0:?} is not a name: use lowercase letters, digits and hyphens")]
    ProviderName(String),
    /// An issuer URL is not an http(s) URL.
    #[error("{0} {1:?} is not an issuer URL: give e.g. https://accounts.example.jp")]
    Issuer(String, String),
    /// `OIDC_PROVIDERS` names a built-in sign-in method.
    #[error(
        "OIDC_PROVIDERS entry {0:?} is reserved for a built-in sign-in method: choose another name"
    )]
    ReservedProviderName(String),
    /// One of a pair of variables is set without the other.
    #[error("{missing} is not set: {given} is, and GitHub sign-in needs both")]
    Pair {
        /// The variable that is set.
        given: &'static str,
        /// The one that is missing.
        missing: &'static str,
    },
    /// A URL variable is not an http(s) URL.
    #[error("{0} {1:?} is not an http(s) URL")]
    Url(&'static str, String),
    /// `AUTH_RATE_LIMIT` is not a whole number of at least 1.
    #[error(
        "AUTH_RATE_LIMIT {0:?} is not usable: give sign-in requests per minute per address, at least 1 (default {DEFAULT_AUTH_RATE_LIMIT})"
    )]
    RateLimit(String),
    /// `SMTP_URL` is not an SMTP URL lettre understands (shown without its password).
    #[error(
        "SMTP_URL {0:?} is not usable: give smtp://host:port (e.g. smtp://127.0.0.1:2525), \
         smtp://host:587?tls=required for STARTTLS or smtps://user:password@host for TLS"
    )]
    SmtpUrl(String),
    /// `SMTP_URL` is set without `MAIL_FROM`.
    #[error(
        "MAIL_FROM is not set: SMTP_URL is, and mail needs a sender, e.g. \"Camp Connect <no-reply@camp.example.jp>\""
    )]
    MailFromMissing,
    /// `MAIL_FROM` is not a mailbox.
    #[error(
        "MAIL_FROM {0:?} is not a mail address: give no-reply@camp.example.jp or \"Camp Connect <no-reply@camp.example.jp>\""
    )]
    MailFrom(String),
    /// `MAIL_POLL_SECONDS` is not a whole number of at least 1.
    #[error(
        "MAIL_POLL_SECONDS {0:?} is not usable: give seconds between looks at the outbox, at least 1 (default {DEFAULT_MAIL_POLL_SECONDS})"
    )]
    MailPoll(String),
    /// `RETENTION_YEARS` is not a whole number of years from 1 to 100.
    #[error(
        "RETENTION_YEARS {0:?} is not usable: give the years an application is kept after its cohort ends, from 1 to {MAX_RETENTION_YEARS}"
    )]
    RetentionYears(String),
    /// Demo sign-in lets anyone become any demo account: never in production.
    #[error(
        "DEMO_SIGN_IN=true is refused with APP_ENV=production: demo sign-in lets anyone sign in as a demo account"
    )]
    DemoInProduction,
}

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
    /// `LEPTOS_SITE_ADDR`.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder cargo-leptos writes the site into.
    pub site_root: String,
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
    /// `SMTP_URL`, `MAIL_FROM`: sending mail, when configured. Without it
    /// the mail worker is off and queued mail stays pending.
    pub mail: Option<MailConfig>,
    /// `MAIL_POLL_SECONDS`: how often the mail worker looks for due mail.
    pub mail_poll: std::time::Duration,
    /// `RETENTION_YEARS`: applications of cohorts that ended longer ago
    /// are anonymised by `camp-connect purge`; `None` (unset) purges nothing.
    pub retention_years: Option<u32>,
    /// `METRICS_TOKEN`: when set, `/metrics` answers only requests with
    /// `Authorization: Bearer <token>` (the scraper's). An empty value is
    /// taken as unset.
    pub metrics_token: Option<String>,
}

/// Sending mail over SMTP, from `SMTP_URL` and `MAIL_FROM`.
#[derive(Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `SMTP_URL`, for lettre's `AsyncSmtpTransport::from_url`; may hold a
    /// password, so never printed.
    pub smtp_url: String,
    /// `MAIL_FROM`: the sender, e.g. `Camp Connect <no-reply@camp.example.jp>`.
    pub from: String,
}

impl MailConfig {
    /// The SMTP URL with any password replaced by `***`.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.smtp_url)
    }
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.redacted_url())
            .field("from", &self.from)
            .finish()
    }
}

/// `url` with the password of its user part replaced by `***`.
fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

fn mail(get: &impl Fn(&str) -> Option<String>) -> Result<Option<MailConfig>, ConfigError> {
    let Some(url) = get("SMTP_URL").map(|u| u.trim().to_string()) else {
        return Ok(None);
    };
    let host = url
        .strip_prefix("smtp://")
        .or_else(|| url.strip_prefix("smtps://"))
        .map(|rest| rest.rsplit_once('@').map_or(rest, |(_, h)| h))
        .and_then(|h| h.split([':', '/', '?']).next())
        .unwrap_or_default();
    if host.is_empty()
        || lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&url).is_err()
    {
        return Err(ConfigError::SmtpUrl(redact_url(&url)));
    }
    let from = get("MAIL_FROM").ok_or(ConfigError::MailFromMissing)?;
    let from = from.trim().to_string();
    if from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(ConfigError::MailFrom(from));
    }
    Ok(Some(MailConfig {
        smtp_url: url,
        from,
    }))
}

/// The longest retention accepted, in years.
pub const MAX_RETENTION_YEARS: u32 = 100;

/// `RETENTION_YEARS`: unset keeps applications until someone sets it.
fn retention_years(value: Option<String>) -> Result<Option<u32>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    match value.trim().parse::<u32>() {
        Ok(years) if (1..=MAX_RETENTION_YEARS).contains(&years) => Ok(Some(years)),
        _ => Err(ConfigError::RetentionYears(value)),
    }
}

fn mail_poll(value: Option<String>) -> Result<std::time::Duration, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_MAIL_POLL_SECONDS.to_string());
    match value.trim().parse::<u64>() {
        Ok(secs) if secs >= 1 => Ok(std::time::Duration::from_secs(secs)),
        _ => Err(ConfigError::MailPoll(value)),
    }
}

/// Sign-in with GitHub (or GitHub Enterprise), from `GITHUB_*`.
#[derive(Clone, PartialEq, Eq)]
pub struct GitHubConfig {
    /// The button's text, `GITHUB_LABEL` (default "GitHub").
    pub label: String,
    /// `GITHUB_URL`: where `/login/oauth/*` lives.
    pub url: String,
    /// `GITHUB_API_URL`: where `/user` and `/user/emails` live.
    pub api_url: String,
    /// `GITHUB_CLIENT_ID`: the OAuth app's client id.
    pub client_id: String,
    /// `GITHUB_CLIENT_SECRET`; never printed.
    pub client_secret: String,
}

impl std::fmt::Debug for GitHubConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitHubConfig")
            .field("label", &self.label)
            .field("url", &self.url)
            .field("api_url", &self.api_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

/// An http(s) URL without its trailing slash, or an error naming `var`.
fn http_url(var: &'static str, value: String) -> Result<String, ConfigError> {
    let url = value.trim().trim_end_matches('/').to_string();
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match host {
        Some(h) if !h.is_empty() => Ok(url),
        _ => Err(ConfigError::Url(var, value)),
    }
}

fn github(get: &impl Fn(&str) -> Option<String>) -> Result<Option<GitHubConfig>, ConfigError> {
    const ID: &str = "GITHUB_CLIENT_ID";
    const SECRET: &str = "GITHUB_CLIENT_SECRET";
    let (client_id, client_secret) = match (get(ID), get(SECRET)) {
        (None, None) => return Ok(None),
        (Some(id), Some(secret)) => (id, secret),
        (Some(_), None) => {
            return Err(ConfigError::Pair {
                given: ID,
                missing: SECRET,
            });
        }
        (None, Some(_)) => {
            return Err(ConfigError::Pair {
                given: SECRET,
                missing: ID,
            });
        }
    };
    Ok(Some(GitHubConfig {
        label: get("GITHUB_LABEL").unwrap_or_else(|| "GitHub".into()),
        url: http_url(
            "GITHUB_URL",
            get("GITHUB_URL").unwrap_or_else(|| DEFAULT_GITHUB_URL.into()),
        )?,
        api_url: http_url(
            "GITHUB_API_URL",
            get("GITHUB_API_URL").unwrap_or_else(|| DEFAULT_GITHUB_API_URL.into()),
        )?,
        client_id,
        client_secret,
    }))
}

fn auth_rate_limit(value: Option<String>) -> Result<NonZeroU32, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_AUTH_RATE_LIMIT.to_string());
    value
        .trim()
        .parse::<NonZeroU32>()
        .map_err(|_| ConfigError::RateLimit(value))
}

/// One OpenID Connect provider, from `OIDC_<NAME>_*`.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcConfig {
    /// Its name in URLs (`/auth/oidc/<name>/…`) and in linked identities.
    pub name: String,
    /// The button's text, `OIDC_<NAME>_LABEL` (default: the name).
    pub label: String,
    /// `OIDC_<NAME>_ISSUER`: the issuer URL (discovery document at
    /// `<issuer>/.well-known/openid-configuration`).
    pub issuer: String,
    /// `OIDC_<NAME>_CLIENT_ID`.
    pub client_id: String,
    /// `OIDC_<NAME>_CLIENT_SECRET`; never printed.
    pub client_secret: String,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

fn oidc_providers(get: &impl Fn(&str) -> Option<String>) -> Result<Vec<OidcConfig>, ConfigError> {
    let Some(list) = get("OIDC_PROVIDERS") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !camp_connect_app::domain::slug::is_valid_slug(name) {
            return Err(ConfigError::ProviderName(name.to_string()));
        }
        if RESERVED_PROVIDER_NAMES.contains(&name) {
            return Err(ConfigError::ReservedProviderName(name.to_string()));
        }
        let prefix = format!("OIDC_{}_", name.to_ascii_uppercase().replace('-', "_"));
        let var = |suffix: &str| {
            let key = format!("{prefix}{suffix}");
            get(&key).ok_or(ConfigError::Missing(key))
        };
        let issuer = var("ISSUER")?.trim_end_matches('/').to_string();
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            return Err(ConfigError::Issuer(format!("{prefix}ISSUER"), issuer));
        }
        out.push(OidcConfig {
            name: name.to_string(),
            label: get(&format!("{prefix}LABEL")).unwrap_or_else(|| name.to_string()),
            issuer,
            client_id: var("CLIENT_ID")?,
            client_secret: var("CLIENT_SECRET")?,
        });
    }
    Ok(out)
}

fn flag(name: &'static str, value: Option<String>) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(_) => Err(ConfigError::Flag(name, value.unwrap_or_default())),
    }
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads the configuration through `get` (the environment, or a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = DatabaseUrl::parse(
            &get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
        )?;
        let addr = get("LEPTOS_SITE_ADDR").unwrap_or_else(|| DEFAULT_SITE_ADDR.into());
        let site_addr = addr.parse().map_err(|_| ConfigError::SiteAddr(addr))?;
        let log_format = match get("LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(ConfigError::LogFormat(other.to_string())),
        };
        let production = match get("APP_ENV").as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(other) => return Err(ConfigError::AppEnv(other.to_string())),
        };
        let given_url = get("PUBLIC_URL");
        if production
            && !given_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
        {
            return Err(ConfigError::InsecurePublicUrl(
                given_url.unwrap_or_default(),
            ));
        }
        let public_url = given_url
            .unwrap_or_else(|| format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::PublicUrl(public_url));
        }
        let demo_sign_in = flag("DEMO_SIGN_IN", get("DEMO_SIGN_IN"))?;
        let oidc = oidc_providers(&get)?;
        let github = github(&get)?;
        let auth_rate_limit = auth_rate_limit(get("AUTH_RATE_LIMIT"))?;
        let trust_proxy_headers = flag("TRUST_PROXY_HEADERS", get("TRUST_PROXY_HEADERS"))?;
        let mail = mail(&get)?;
        let mail_poll = mail_poll(get("MAIL_POLL_SECONDS"))?;
        let retention_years = retention_years(get("RETENTION_YEARS"))?;
        if production && demo_sign_in {
            return Err(ConfigError::DemoInProduction);
        }
        Ok(Self {
            database_url,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
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
            retention_years,
            metrics_token: get("METRICS_TOKEN").filter(|t| !t.is_empty()),
        })
    }

    /// Whether session cookies carry `Secure` (the site is served over HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The Leptos options for this configuration. Built here rather than by
    /// `get_configuration`, so the binary also runs outside cargo-leptos.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

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
    fn accepts_postgres_and_hides_its_password() {
        let c = config(&[("DATABASE_URL", "postgres://app:s3cret@db:5432/camp")]).unwrap();
        assert_eq!(c.database_url.backend(), Backend::Postgres);
        assert_eq!(c.database_url.redacted(), "postgres://app:***@db:5432/camp");
        assert_eq!(c.database_url.sqlite_file(), None);
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
    fn reads_oidc_providers_and_hides_their_secrets() {
        let c = config(&[
            ("OIDC_PROVIDERS", "univ, gakunin-idp"),
            ("OIDC_UNIV_ISSUER", "https://idp.univ.ac.jp/"),
            ("OIDC_UNIV_CLIENT_ID", "camp"),
            ("OIDC_UNIV_CLIENT_SECRET", "s3cret"),
            ("OIDC_UNIV_LABEL", "大学アカウント"),
            ("OIDC_GAKUNIN_IDP_ISSUER", "https://gakunin.example.jp"),
            ("OIDC_GAKUNIN_IDP_CLIENT_ID", "camp2"),
            ("OIDC_GAKUNIN_IDP_CLIENT_SECRET", "s3cret2"),
        ])
        .unwrap();
        let names: Vec<_> = c
            .oidc
            .iter()
            .map(|p| (p.name.as_str(), p.label.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![("univ", "大学アカウント"), ("gakunin-idp", "gakunin-idp")]
        );
        assert_eq!(c.oidc[0].issuer, "https://idp.univ.ac.jp");
        assert!(!format!("{:?}", c.oidc).contains("s3cret"));
    }

    #[test]
    fn refuses_incomplete_oidc_providers() {
        let err = config(&[
            ("OIDC_PROVIDERS", "univ"),
            ("OIDC_UNIV_ISSUER", "https://x.jp"),
        ])
        .unwrap_err();
        assert_eq!(err, ConfigError::Missing("OIDC_UNIV_CLIENT_ID".into()));
        let err = config(&[("OIDC_PROVIDERS", "Univ!")]).unwrap_err();
        assert!(err.to_string().starts_with("OIDC_PROVIDERS"));
        let err = config(&[
            ("OIDC_PROVIDERS", "u"),
            ("OIDC_U_ISSUER", "idp.example.jp"),
            ("OIDC_U_CLIENT_ID", "a"),
            ("OIDC_U_CLIENT_SECRET", "b"),
        ])
        .unwrap_err();
        assert!(err.to_string().starts_with("OIDC_U_ISSUER"));
    }

    #[test]
    fn oidc_providers_cannot_take_built_in_names() {
        for name in RESERVED_PROVIDER_NAMES {
            let err = config(&[("OIDC_PROVIDERS", name)]).unwrap_err();
            assert_eq!(err, ConfigError::ReservedProviderName(name.into()));
        }
    }

    #[test]
    fn github_is_off_unless_configured() {
        assert_eq!(config(&[]).unwrap().github, None);
    }

    #[test]
    fn reads_github_with_defaults_and_hides_its_secret() {
        let c = config(&[
            ("GITHUB_CLIENT_ID", "Iv1.abc"),
            ("GITHUB_CLIENT_SECRET", "gh-s3cret"),
        ])
        .unwrap();
        let gh = c.github.expect("configured");
        assert_eq!(gh.label, "GitHub");
        assert_eq!(gh.url, "https://github.com");
        assert_eq!(gh.api_url, "https://api.github.com");
        assert_eq!(gh.client_id, "Iv1.abc");
        assert_eq!(gh.client_secret, "gh-s3cret");
        let printed = format!("{gh:?}");
        assert!(!printed.contains("gh-s3cret"), "{printed}");
        assert!(printed.contains("Iv1.abc"));

        let c = config(&[
            ("GITHUB_CLIENT_ID", "id"),
            ("GITHUB_CLIENT_SECRET", "secret"),
            ("GITHUB_LABEL", "社内 GitHub"),
            ("GITHUB_URL", "https://git.example.jp/"),
            ("GITHUB_API_URL", "https://git.example.jp/api/v3/"),
        ])
        .unwrap();
        let gh = c.github.expect("configured");
        assert_eq!(gh.label, "社内 GitHub");
        assert_eq!(gh.url, "https://git.example.jp");
        assert_eq!(gh.api_url, "https://git.example.jp/api/v3");
    }

    #[test]
    fn refuses_half_configured_or_malformed_github() {
        let err = config(&[("GITHUB_CLIENT_ID", "id")]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("GITHUB_CLIENT_SECRET is not set"),
            "{err}"
        );
        let err = config(&[("GITHUB_CLIENT_SECRET", "gh-s3cret")]).unwrap_err();
        assert!(
            err.to_string().starts_with("GITHUB_CLIENT_ID is not set"),
            "{err}"
        );
        assert!(!err.to_string().contains("gh-s3cret"));
        for (var, bad) in [
            ("GITHUB_URL", "github.com"),
            ("GITHUB_API_URL", "ftp://api.github.com"),
            ("GITHUB_URL", "https://"),
        ] {
            let err = config(&[
                ("GITHUB_CLIENT_ID", "id"),
                ("GITHUB_CLIENT_SECRET", "secret"),
                (var, bad),
            ])
            .unwrap_err();
            assert!(err.to_string().starts_with(var), "{bad}: {err}");
        }
    }

    #[test]
    fn reads_the_retention_years() {
        assert_eq!(config(&[]).unwrap().retention_years, None);
        let c = config(&[("RETENTION_YEARS", "5")]).unwrap();
        assert_eq!(c.retention_years, Some(5));
        for bad in ["0", "-1", "five", "101"] {
            let err = config(&[("RETENTION_YEARS", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("RETENTION_YEARS"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn reads_the_sign_in_rate_limit() {
        let c = config(&[]).unwrap();
        assert_eq!(c.auth_rate_limit.get(), DEFAULT_AUTH_RATE_LIMIT);
        assert!(!c.trust_proxy_headers);
        let c = config(&[("AUTH_RATE_LIMIT", "5"), ("TRUST_PROXY_HEADERS", "true")]).unwrap();
        assert_eq!(c.auth_rate_limit.get(), 5);
        assert!(c.trust_proxy_headers);
        for bad in ["0", "-1", "many", "1.5"] {
            let err = config(&[("AUTH_RATE_LIMIT", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("AUTH_RATE_LIMIT"),
                "{bad}: {err}"
            );
        }
        let err = config(&[("TRUST_PROXY_HEADERS", "sometimes")]).unwrap_err();
        assert!(err.to_string().starts_with("TRUST_PROXY_HEADERS"));
    }

    #[test]
    fn mail_is_off_unless_smtp_url_is_set() {
        let c = config(&[("MAIL_FROM", "no-reply@camp.example.jp")]).unwrap();
        assert_eq!(c.mail, None);
        assert_eq!(
            c.mail_poll,
            std::time::Duration::from_secs(DEFAULT_MAIL_POLL_SECONDS)
        );
    }

    #[test]
    fn reads_mail_settings_and_hides_the_smtp_password() {
        let c = config(&[
            ("SMTP_URL", "smtps://camp:pa55word@smtp.example.jp"),
            ("MAIL_FROM", "Camp Connect <no-reply@camp.example.jp>"),
            ("MAIL_POLL_SECONDS", "3"),
        ])
        .unwrap();
        let m = c.mail.expect("configured");
        assert_eq!(m.smtp_url, "smtps://camp:pa55word@smtp.example.jp");
        assert_eq!(m.from, "Camp Connect <no-reply@camp.example.jp>");
        assert_eq!(m.redacted_url(), "smtps://camp:***@smtp.example.jp");
        assert!(!format!("{m:?}").contains("pa55word"));
        assert_eq!(c.mail_poll, std::time::Duration::from_secs(3));
        let c = config(&[
            ("SMTP_URL", "smtp://127.0.0.1:2525"),
            ("MAIL_FROM", "no-reply@camp.example.jp"),
        ])
        .unwrap();
        assert_eq!(
            c.mail.expect("configured").redacted_url(),
            "smtp://127.0.0.1:2525"
        );
    }

    #[test]
    fn refuses_unusable_mail_settings_with_the_variable_named() {
        for bad in [
            "127.0.0.1:25",
            "http://smtp.example.jp",
            "smtp://",
            "mailto:x@y.jp",
        ] {
            let err = config(&[("SMTP_URL", bad), ("MAIL_FROM", "a@b.jp")]).unwrap_err();
            assert!(err.to_string().starts_with("SMTP_URL"), "{bad}: {err}");
        }
        let err = config(&[("SMTP_URL", "ftp://u:s3cret@host")]).unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
        let err = config(&[("SMTP_URL", "smtp://127.0.0.1:2525")]).unwrap_err();
        assert_eq!(err, ConfigError::MailFromMissing);
        assert!(err.to_string().starts_with("MAIL_FROM"));
        for bad in ["camp connect", "<>", "a@"] {
            let err =
                config(&[("SMTP_URL", "smtp://127.0.0.1:2525"), ("MAIL_FROM", bad)]).unwrap_err();
            assert!(err.to_string().starts_with("MAIL_FROM"), "{bad}: {err}");
        }
        for bad in ["0", "-1", "soon", "1.5"] {
            let err = config(&[("MAIL_POLL_SECONDS", bad)]).unwrap_err();
            assert!(
                err.to_string().starts_with("MAIL_POLL_SECONDS"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn cookies_are_secure_behind_https() {
        assert!(!config(&[]).unwrap().secure_cookies());
        let c = config(&[("PUBLIC_URL", "https://camp.example.jp/")]).unwrap();
        assert!(c.secure_cookies());
        assert_eq!(c.public_url, "https://camp.example.jp");
    }
}
