//! Connecting to the database and bringing its schema up to date.

use crate::config::{Backend, DEFAULT_DATABASE_POOL_SIZE, DatabaseUrl};
use camp_connect_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use sea_orm::{EntityTrait, QueryOrder};
use sea_orm_migration::{SchemaManager, seaql_migrations};
use std::time::Duration;

/// Why the database could not be used at start-up.
#[derive(Debug, thiserror::Error)]
pub enum DbStartError {
    /// The SQLite file's folder could not be created.
    #[error("cannot create the folder for the SQLite database {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// No connection could be made.
    #[error("cannot connect to the database at {url}: {source}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// Why.
        source: DbErr,
    },
    /// Migrations are pending where `serve` does not apply them.
    #[error(
        "the database at {url} is behind this version ({pending} migration(s) pending): run `camp-connect migrate` first"
    )]
    Pending {
        /// The URL, password hidden.
        url: String,
        /// How many.
        pending: usize,
    },
    /// A migration failed.
    #[error("cannot migrate the database at {url}: {source}")]
    Migrate {
        /// The URL, password hidden.
        url: String,
        /// Why.
        source: DbErr,
    },
    /// Rolling a migration back failed.
    #[error("cannot roll back migrations of the database at {url}: {source}")]
    RollBack {
        /// The URL, password hidden.
        url: String,
        /// Why.
        source: DbErr,
    },
}

/// Connections in the pool of an SQLite file. sea-orm opens a single
/// connection for SQLite unless told otherwise, and then every request
/// queued behind every other one's queries (the organiser's ranking page
/// waited seconds under 16 concurrent clients). With write-ahead logging
/// readers run side by side, so a few connections keep both cores busy;
/// writers still take turns, each waiting up to sqlx's busy timeout (5 s)
/// for the lock.
pub const SQLITE_POOL_SIZE: u32 = 4;

/// How long a pooled connection may sit idle before it is checked on its
/// way out of the pool.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

/// Opens the pool with PostgreSQL's default size: for tools and tests that
/// do not read the configuration.
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, DbStartError> {
    connect_with_pool(url, DEFAULT_DATABASE_POOL_SIZE).await
}

/// Opens the pool, of `pool_size` connections on PostgreSQL
/// (`DATABASE_POOL_SIZE`); an SQLite file keeps [`SQLITE_POOL_SIZE`]. For
/// SQLite, creates the file (and its folder) when missing and turns on
/// write-ahead logging, so readers never wait for the one writer and a
/// crash never leaves a half-written page.
pub async fn connect_with_pool(
    url: &DatabaseUrl,
    pool_size: u32,
) -> Result<DatabaseConnection, DbStartError> {
    let mut full = url.as_str().to_string();
    if url.backend() == Backend::Sqlite {
        let file = url.sqlite_file();
        if let Some(parent) = file
            .as_deref()
            .and_then(|f| f.parent())
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| DbStartError::Folder {
                path: parent.display().to_string(),
                source,
            })?;
        }
        if !full.contains("mode=") {
            full.push_str(if full.contains('?') {
                "&mode=rwc"
            } else {
                "?mode=rwc"
            });
        }
    }
    let mut options = ConnectOptions::new(full);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // sqlx pings a connection every time it leaves the pool by default:
        // a second round trip for each of a page's queries (on SQLite a
        // wake-up of the connection's thread each time). Only a connection
        // idle long enough to have been dropped (a PostgreSQL restart, a
        // proxy's timeout) is checked now.
        .test_before_acquire_if_idle_for(IDLE_BEFORE_PING)
        .sqlx_logging(false);
    // Each connection to an in-memory database is a database of its own:
    // that one keeps sea-orm's single connection. A file's connections
    // are opened at start-up, not by the first busy minute's requests.
    if url.sqlite_file().is_some() {
        options
            .max_connections(SQLITE_POOL_SIZE)
            .min_connections(SQLITE_POOL_SIZE);
    } else if url.backend() == Backend::Postgres {
        options.max_connections(pool_size);
    }
    let connect_err = |source| DbStartError::Connect {
        url: url.redacted(),
        source,
    };
    let db = Database::connect(options).await.map_err(connect_err)?;
    if url.backend() == Backend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode=WAL")
            .await
            .map_err(connect_err)?;
    }
    db.ping().await.map_err(connect_err)?;
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection, url: &DatabaseUrl) -> Result<(), DbStartError> {
    migrate_up(db, url, None).await
}

/// Applies the next `steps` pending migrations, oldest first (all of them
/// with `None`).
pub async fn migrate_up(
    db: &DatabaseConnection,
    url: &DatabaseUrl,
    steps: Option<u32>,
) -> Result<(), DbStartError> {
    Migrator::up(db, steps)
        .await
        .map_err(|source| DbStartError::Migrate {
            url: url.redacted(),
            source,
        })
}

/// Rolls back the last `steps` applied migrations, newest first.
pub async fn migrate_down(
    db: &DatabaseConnection,
    url: &DatabaseUrl,
    steps: u32,
) -> Result<(), DbStartError> {
    Migrator::down(db, Some(steps))
        .await
        .map_err(|source| DbStartError::RollBack {
            url: url.redacted(),
            source,
        })
}

/// Where a migration stands in a database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MigrationState {
    /// This version's, and applied.
    Applied,
    /// This version's, not yet applied.
    Pending,
    /// Applied, but not one of this version's (a newer deploy's).
    Unknown,
}

/// One migration and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// Its name, e.g. `m20261126_000001_create_catalogue`.
    pub name: String,
    /// Applied or not.
    pub state: MigrationState,
}

/// Every migration of this version, oldest first, then those applied but
/// unknown to it. Reads only: never creates the migrations table (an
/// empty database has every migration pending). The unknown ones are
/// listed rather than refused, where sea-orm-migration's own status check
/// fails on them: during a rolling deploy the previous version must still
/// answer.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<Migration>, DbErr> {
    let table = Migrator::migration_table_name().to_string();
    let applied: Vec<String> = if SchemaManager::new(db).has_table(&table).await? {
        seaql_migrations::Entity::find()
            .order_by_asc(seaql_migrations::Column::Version)
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.version)
            .collect()
    } else {
        Vec::new()
    };
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    let mut out: Vec<Migration> = known
        .iter()
        .map(|name| Migration {
            name: name.clone(),
            state: if applied.contains(name) {
                MigrationState::Applied
            } else {
                MigrationState::Pending
            },
        })
        .collect();
    out.extend(
        applied
            .into_iter()
            .filter(|name| !known.contains(name))
            .map(|name| Migration {
                name,
                state: MigrationState::Unknown,
            }),
    );
    Ok(out)
}

/// The names of the migrations of this version not yet applied, oldest
/// first (all of them on an empty database); see [`migration_status`].
pub async fn pending_migrations(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    Ok(migration_status(db)
        .await?
        .into_iter()
        .filter(|m| m.state == MigrationState::Pending)
        .map(|m| m.name)
        .collect())
}

/// Refuses a database with pending migrations: `serve` on PostgreSQL,
/// where `camp-connect migrate` runs once per deploy, so instances never
/// race on the schema and none serves with a schema its code does not
/// know.
pub async fn require_current(
    db: &DatabaseConnection,
    url: &DatabaseUrl,
) -> Result<(), DbStartError> {
    let pending = pending_migrations(db)
        .await
        .map_err(|source| DbStartError::Migrate {
            url: url.redacted(),
            source,
        })?;
    if pending.is_empty() {
        Ok(())
    } else {
        Err(DbStartError::Pending {
            url: url.redacted(),
            pending: pending.len(),
        })
    }
}
