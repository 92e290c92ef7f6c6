//! `DATABASE_URL`: which database, and in what form.

use super::ConfigError;
use std::path::PathBuf;

/// The database to use when `DATABASE_URL` is not set: the embedded SQLite.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/camp-connect.db";

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
    }
}
