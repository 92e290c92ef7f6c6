//! `DATABASE_URL`: which database, and in what form.

use super::ConfigError;
use super::redact::redact_url;
use std::path::PathBuf;

/// The database to use when `DATABASE_URL` is not set: the embedded SQLite.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/camp-connect.db";

/// The most connections a PostgreSQL pool opens when `DATABASE_POOL_SIZE`
/// is not set: sqlx's own default, what the pool had before the setting.
pub const DEFAULT_DATABASE_POOL_SIZE: u32 = 10;

/// The largest `DATABASE_POOL_SIZE` accepted: far beyond what one
/// PostgreSQL server serves (its `max_connections` is 100 by default), so
/// only a typo is refused.
pub const MAX_DATABASE_POOL_SIZE: u32 = 1000;

/// `DATABASE_POOL_SIZE`: connections per PostgreSQL pool.
pub(super) fn pool_size(value: Option<String>) -> Result<u32, ConfigError> {
    let Some(value) = value else {
        return Ok(DEFAULT_DATABASE_POOL_SIZE);
    };
    match value.trim().parse::<u32>() {
        Ok(size) if (1..=MAX_DATABASE_POOL_SIZE).contains(&size) => Ok(size),
        _ => Err(ConfigError::PoolSize(value)),
    }
}

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
        // The message shows what was given, but never its password: the
        // URL may come from a secret file (`DATABASE_URL_FILE`).
        let unusable = || ConfigError::DatabaseUrl(redact_url(url));
        let backend = if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(unusable());
            }
            Backend::Sqlite
        } else if let Some(rest) = url
            .strip_prefix("postgres://")
            .or_else(|| url.strip_prefix("postgresql://"))
        {
            if rest.is_empty() || rest.starts_with('/') && rest.len() == 1 {
                return Err(unusable());
            }
            Backend::Postgres
        } else {
            return Err(unusable());
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
        redact_url(&self.url)
    }

    /// For SQLite, the database file's path (its folder is created if
    /// missing); `None` for PostgreSQL and in-memory databases.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let rest = self.url.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//").split('?').next()?;
        (path != ":memory:").then(|| PathBuf::from(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::from_vars as config;

    #[test]
    fn accepts_postgres_and_hides_its_password() {
        let c = config(&[("DATABASE_URL", "postgres://app:s3cret@db:5432/camp")]).unwrap();
        assert_eq!(c.database_url.backend(), Backend::Postgres);
        assert_eq!(c.database_url.redacted(), "postgres://app:***@db:5432/camp");
        assert_eq!(c.database_url.sqlite_file(), None);
        let err = config(&[("DATABASE_URL", "mysql://app:s3cret@db/camp")]).unwrap_err();
        assert_eq!(
            err.to_string().split(" is not usable").next(),
            Some("DATABASE_URL \"mysql://app:***@db/camp\"")
        );
    }

    #[test]
    fn reads_the_pool_size() {
        assert_eq!(
            config(&[]).unwrap().database_pool_size,
            DEFAULT_DATABASE_POOL_SIZE
        );
        let c = config(&[("DATABASE_POOL_SIZE", " 40 ")]).unwrap();
        assert_eq!(c.database_pool_size, 40);
        assert_eq!(
            config(&[("DATABASE_POOL_SIZE", "1000")])
                .unwrap()
                .database_pool_size,
            MAX_DATABASE_POOL_SIZE
        );
        for bad in ["0", "-1", "1001", "ten", "2.5"] {
            let err = config(&[("DATABASE_POOL_SIZE", bad)]).unwrap_err();
            assert_eq!(err, ConfigError::PoolSize(bad.into()));
            assert!(
                err.to_string().starts_with("DATABASE_POOL_SIZE"),
                "{bad}: {err}"
            );
        }
    }
}
