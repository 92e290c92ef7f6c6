//! `camp-connect backup <file>` and `camp-connect restore <file>`.
//!
//! SQLite: the backup is `VACUUM INTO`, a consistent snapshot taken inside
//! one read transaction while the server keeps serving (readers and the
//! writer are not blocked in WAL mode). The restore checks the file, keeps
//! the current database beside it (`<db>.before-restore-<time>`) and moves
//! a copy of the backup into place; stop every instance first.
//!
//! PostgreSQL: the backup is `pg_dump --format=custom` (consistent: it reads
//! in one repeatable-read transaction) and the restore `pg_restore --clean
//! --single-transaction`, so a failed restore leaves the database as it was.
//! Both programs must be on the PATH, in the server's major version.

use crate::config::{Backend, DatabaseUrl};
use sea_orm::{ConnectionTrait, Database, DbErr, Statement};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a backup or restore did not happen. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup file exists; a backup never overwrites one.
    #[error("{0} already exists: choose a new file name (a backup never overwrites a file)")]
    Exists(String),
    /// The file to restore is missing or unreadable.
    #[error("cannot read the backup {path}: {source}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a Camp Connect database.
    #[error("{0} is not a Camp Connect backup (no migration table): nothing was restored")]
    NotABackup(String),
    /// The database refused.
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// A file operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// `pg_dump` or `pg_restore` failed or is missing.
    #[error("{program} failed: {detail}")]
    Tool {
        /// The program.
        program: &'static str,
        /// Its message.
        detail: String,
    },
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
    let what = what.into();
    move |source| BackupError::Io { what, source }
}

/// Writes a consistent snapshot of the database at `url` to `file`.
pub async fn backup(url: &DatabaseUrl, file: &Path) -> Result<(), BackupError> {
    if file.exists() {
        return Err(BackupError::Exists(file.display().to_string()));
    }
    match url.backend() {
        Backend::Sqlite => {
            let conn = crate::db::connect(url)
                .await
                .map_err(|e| BackupError::Db(DbErr::Custom(e.to_string())))?;
            let target = file.to_string_lossy().replace('\'', "''");
            conn.execute_unprepared(&format!("VACUUM INTO '{target}'"))
                .await?;
            conn.close().await?;
            Ok(())
        }
        Backend::Postgres => run_tool(
            "pg_dump",
            &[
                "--format=custom",
                "--no-owner",
                "--file",
                &file.to_string_lossy(),
                "--dbname",
                url.as_str(),
            ],
        ),
    }
}

/// Replaces the database at `url` with the backup in `file`. Returns, for
/// SQLite, where the database as it was before has been kept.
pub async fn restore(url: &DatabaseUrl, file: &Path) -> Result<Option<PathBuf>, BackupError> {
    std::fs::metadata(file).map_err(|source| BackupError::Unreadable {
        path: file.display().to_string(),
        source,
    })?;
    match (url.backend(), url.sqlite_file()) {
        (Backend::Sqlite, Some(live)) => restore_sqlite(&live, file).await.map(Some),
        (Backend::Sqlite, None) => Err(BackupError::Db(DbErr::Custom(
            "an in-memory database cannot be restored into".into(),
        ))),
        (Backend::Postgres, _) => {
            run_tool(
                "pg_restore",
                &[
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    url.as_str(),
                    &file.to_string_lossy(),
                ],
            )?;
            Ok(None)
        }
    }
}

/// Checks the backup, keeps the live file aside, moves a copy into place.
async fn restore_sqlite(live: &Path, file: &Path) -> Result<PathBuf, BackupError> {
    // Read the backup as a database before touching anything.
    if !is_camp_connect_database(file).await {
        return Err(BackupError::NotABackup(file.display().to_string()));
    }

    let incoming = with_suffix(live, ".restoring");
    std::fs::copy(file, &incoming).map_err(io(format!("cannot copy {}", file.display())))?;
    std::fs::File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(io("cannot flush the copy"))?;

    // Fold the live write-ahead log into the file, so the kept copy is
    // whole on its own.
    let kept = with_suffix(
        live,
        &format!(
            ".before-restore-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S")
        ),
    );
    if live.exists() {
        let conn = Database::connect(format!("sqlite://{}", live.display())).await?;
        conn.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
        conn.close().await?;
        std::fs::rename(live, &kept).map_err(io("cannot keep the current database"))?;
        for suffix in ["-wal", "-shm"] {
            let side = with_suffix(live, suffix);
            if side.exists() {
                std::fs::remove_file(&side).map_err(io(format!("cannot remove {suffix}")))?;
            }
        }
    }
    std::fs::rename(&incoming, live).map_err(io("cannot move the backup into place"))?;
    Ok(kept)
}

/// Whether `file` is an intact SQLite database with Camp Connect's
/// migration table (anything unreadable is not).
async fn is_camp_connect_database(file: &Path) -> bool {
    let check = async {
        let db = Database::connect(format!("sqlite://{}?mode=ro", file.display())).await?;
        let backend = db.get_database_backend();
        let migrations = db
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT count(*) FROM sqlite_master WHERE name = 'seaql_migrations'",
            ))
            .await?
            .and_then(|row| row.try_get_by_index::<i64>(0).ok());
        let integrity = db
            .query_one_raw(Statement::from_string(backend, "PRAGMA integrity_check"))
            .await?
            .and_then(|row| row.try_get_by_index::<String>(0).ok());
        db.close().await?;
        Ok::<_, DbErr>(migrations == Some(1) && integrity.as_deref() == Some("ok"))
    };
    check.await.unwrap_or(false)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn run_tool(program: &'static str, args: &[&str]) -> Result<(), BackupError> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| BackupError::Tool {
            program,
            detail: format!("cannot start it ({e}); install the PostgreSQL client tools"),
        })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            program,
            detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}
