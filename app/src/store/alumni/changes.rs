//! The directory's change feed (migration 000011): every write that changes
//! what the directory searches or filters on (a profile saved or deleted,
//! availability changed, a completion recorded or revoked) calls [`touch`]
//! in its transaction, so every instance's in-memory index
//! (`store::alumni::index`) sees with one key lookup that it is stale and
//! reloads just the accounts touched since its last look.

use crate::domain::tokens::hex;
use crate::store::tokens::random_bytes;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement, Value};

/// Marks the directory entries of `accounts` as changed at `now` and
/// replaces the directory's version token.
pub async fn touch(
    db: &impl ConnectionTrait,
    accounts: &[i32],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if accounts.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    // Chunks keep each statement well under both backends' limits on bound
    // values (the scale seed touches thousands at once).
    for chunk in accounts.chunks(1000) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 2);
        let mut rows = Vec::with_capacity(chunk.len());
        for &id in chunk {
            values.push(id.into());
            values.push(now.into());
            rows.push(match backend {
                DatabaseBackend::Postgres => {
                    format!("(${}, ${})", values.len() - 1, values.len())
                }
                _ => "(?, ?)".to_string(),
            });
        }
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO directory_change (account_id, changed_at) VALUES {} \
                 ON CONFLICT (account_id) DO UPDATE SET changed_at = excluded.changed_at",
                rows.join(", ")
            ),
            values,
        ))
        .await?;
    }
    // Random, so two instances never make the same version.
    let token = hex(&random_bytes::<16>()?);
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        match backend {
            DatabaseBackend::Postgres => "UPDATE directory_version SET token = $1 WHERE id = 1",
            _ => "UPDATE directory_version SET token = ? WHERE id = 1",
        },
        [token.into()],
    ))
    .await?;
    Ok(())
}

/// The directory's current version token.
pub async fn version(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT token FROM directory_version WHERE id = 1",
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<String>("", "token")?,
        None => String::new(),
    })
}

/// The accounts whose entries changed at `since` or later.
pub async fn changed_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<Vec<i32>, DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                DatabaseBackend::Postgres => {
                    "SELECT account_id FROM directory_change WHERE changed_at >= $1"
                }
                _ => "SELECT account_id FROM directory_change WHERE changed_at >= ?",
            },
            [since.into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| r.try_get::<i32>("", "account_id"))
        .collect()
}
