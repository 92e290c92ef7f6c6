//! Server-only persistence: sea-orm entities and the queries of each
//! capability. Queries return domain types, never rows.

pub mod account;
pub mod alumni;
pub mod application;
pub mod audit;
pub mod catalogue;
pub mod catalogue_edit;
pub mod credits;
pub mod entities;
pub mod events;
pub mod identity;
pub mod outbox;
pub mod pipeline;
pub mod review;
pub mod roles;
pub mod rosters;
pub mod sessions;

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// Starts a transaction that will write. On SQLite it takes the write lock
/// at once (`BEGIN IMMEDIATE`): the pool has several connections, and a
/// deferred transaction that read first and then wrote would fail with
/// "database is locked" at once (not after the busy timeout) when another
/// connection committed in between. PostgreSQL ignores the mode.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
