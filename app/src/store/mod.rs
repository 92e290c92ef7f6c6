//! Server-only persistence: sea-orm entities and the queries of each
//! capability. Queries return domain types, never rows.

pub mod account;
pub mod alumni;
pub mod announce;
pub mod application;
pub mod audit;
pub mod catalogue;
pub mod credits;
pub mod dashboard;
pub mod entities;
pub mod events;
pub mod history;
pub mod identity;
pub mod operations;
pub mod outbox;
pub mod pipeline;
pub mod reminders;
pub mod review;
pub mod roles;
pub mod rosters;
pub mod sessions;
pub mod tokens;

use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, PrimaryKeyTrait, QuerySelect, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

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

/// Reads the row of `E` with key `id` and holds it until the transaction
/// ends, so that every transaction guarding an invariant on it (a track's
/// capacity, a call's places, a person's one place per cohort) runs one
/// after another: `SELECT … FOR UPDATE` on PostgreSQL, where concurrent
/// transactions would otherwise each count what the others have not yet
/// committed. SQLite has no row locks; there a transaction from
/// [`begin_write`] holds the database's one write lock already.
pub async fn lock_row<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: <E::PrimaryKey as PrimaryKeyTrait>::ValueType,
) -> Result<Option<E::Model>, DbErr> {
    E::find_by_id(id).lock_exclusive().one(db).await
}
