//! What can be wrong with a setting.

use super::database::{DEFAULT_DATABASE_POOL_SIZE, DEFAULT_DATABASE_URL, MAX_DATABASE_POOL_SIZE};
use super::limits::{DEFAULT_AUTH_RATE_LIMIT, MAX_RETENTION_YEARS};
use super::mail::{
    DEFAULT_MAIL_BULK_PER_MINUTE, DEFAULT_MAIL_POLL_SECONDS, MAX_MAIL_BULK_PER_MINUTE,
};
use super::shutdown::{DEFAULT_SHUTDOWN_GRACE_SECONDS, MAX_SHUTDOWN_GRACE_SECONDS};
use super::site::DEFAULT_SITE_ADDR;

/// A configuration value that cannot be used; the message names the variable.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// `DATABASE_URL` is not an SQLite or PostgreSQL URL (shown without its
    /// password).
    #[error(
        "DATABASE_URL {0:?} is not usable: give sqlite://<path> (e.g. {DEFAULT_DATABASE_URL}) \
         or postgres://<user>@<host>:<port>/<database>"
    )]
    DatabaseUrl(String),
    /// `DATABASE_POOL_SIZE` is not a whole number in range.
    #[error(
        "DATABASE_POOL_SIZE {0:?} is not usable: give the most PostgreSQL connections one instance opens, \
         from 1 to {MAX_DATABASE_POOL_SIZE} (default {DEFAULT_DATABASE_POOL_SIZE})"
    )]
    PoolSize(String),
    /// A variable and its `_FILE` twin are both set: which one counts
    /// would be a guess.
    #[error("{name} and {file_var} are both set: set only one of them")]
    BothSet {
        /// The variable, e.g. `DATABASE_URL`.
        name: String,
        /// Its twin, e.g. `DATABASE_URL_FILE`.
        file_var: String,
    },
    /// The file a `<NAME>_FILE` variable names cannot be read.
    #[error("{file_var} names {path:?}, which cannot be read: {reason}")]
    FileUnreadable {
        /// The variable, e.g. `SMTP_URL_FILE`.
        file_var: String,
        /// The path it holds.
        path: String,
        /// Why the file cannot be read.
        reason: String,
    },
    /// The file a `<NAME>_FILE` variable names holds nothing.
    #[error("{file_var} names {path:?}, which is empty: put the value in it, or unset {file_var}")]
    FileEmpty {
        /// The variable, e.g. `METRICS_TOKEN_FILE`.
        file_var: String,
        /// The path it holds.
        path: String,
    },
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
    /// `SMTP_URL` has a login but lets the connection stay unencrypted
    /// (`?tls=opportunistic`): the password could go in clear text.
    #[error(
        "SMTP_URL {0:?} would send its password unencrypted to a server that offers no STARTTLS: \
         drop ?tls=opportunistic (a login always requires STARTTLS) or use smtps://"
    )]
    SmtpPlainLogin(String),
    /// `SMTP_CA` (or the file `SMTP_CA_FILE` names) holds no usable PEM
    /// certificate.
    #[error(
        "SMTP_CA is not usable: give PEM certificates (-----BEGIN CERTIFICATE-----) of the CA that signed \
         the SMTP server's certificate, or the path of such a file in SMTP_CA_FILE ({0})"
    )]
    SmtpCa(String),
    /// `SMTP_CA` is set for an `SMTP_URL` that uses no TLS.
    #[error(
        "SMTP_CA is set but SMTP_URL {0:?} uses no TLS: add ?tls=required or a login (STARTTLS), \
         or use smtps://; or unset SMTP_CA"
    )]
    SmtpCaUnused(String),
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
    /// `MAIL_BULK_PER_MINUTE` is not a whole number in range.
    #[error(
        "MAIL_BULK_PER_MINUTE {0:?} is not usable: give the most announcement mails to send per minute, from 1 to {MAX_MAIL_BULK_PER_MINUTE} (default {DEFAULT_MAIL_BULK_PER_MINUTE})"
    )]
    MailBulkPerMinute(String),
    /// `RETENTION_YEARS` is not a whole number of years from 1 to 100.
    #[error(
        "RETENTION_YEARS {0:?} is not usable: give the years an application is kept after its cohort ends, from 1 to {MAX_RETENTION_YEARS}"
    )]
    RetentionYears(String),
    /// `SHUTDOWN_GRACE_SECONDS` is not a whole number of seconds from 1 to 600.
    #[error(
        "SHUTDOWN_GRACE_SECONDS {0:?} is not usable: give the seconds a stopping server waits for its background jobs, from 1 to {MAX_SHUTDOWN_GRACE_SECONDS} (default {DEFAULT_SHUTDOWN_GRACE_SECONDS})"
    )]
    ShutdownGrace(String),
    /// Demo sign-in lets anyone become any demo account: never in production.
    #[error(
        "DEMO_SIGN_IN=true is refused with APP_ENV=production: demo sign-in lets anyone sign in as a demo account"
    )]
    DemoInProduction,
}
