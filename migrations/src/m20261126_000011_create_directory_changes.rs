//! What the in-memory directory index of every instance reads to stay
//! current: `directory_version` holds one random token that every change
//! to what the directory searches replaces (in the change's transaction),
//! and `directory_change` the last time each account's directory entry
//! changed, so an instance whose token is stale reloads only those.
//!
//! The database search indexes of migration 000009 (SQLite FTS5, PostgreSQL
//! `pg_trgm`) served the directory before; the in-memory index replaces
//! them, so they are dropped here and `down` rebuilds them.

use crate::m20261126_000009_create_alumni_profiles::{FTS_TABLE, SEARCH_COLUMNS, create_search};
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DirectoryVersion {
    Table,
    Id,
    Token,
}

#[derive(DeriveIden)]
enum DirectoryChange {
    Table,
    AccountId,
    ChangedAt,
}

const CHANGED_INDEX: &str = "ix_directory_change_changed_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DirectoryVersion::Table)
                    .col(integer(DirectoryVersion::Id).primary_key())
                    .col(string(DirectoryVersion::Token))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(DirectoryVersion::Table)
                    .columns([DirectoryVersion::Id, DirectoryVersion::Token])
                    .values_panic([1.into(), "initial".into()])
                    .to_owned(),
            )
            .await?;
        // No foreign key to the account: a deleted account's row is how
        // other instances learn to drop its entry.
        manager
            .create_table(
                Table::create()
                    .table(DirectoryChange::Table)
                    .col(integer(DirectoryChange::AccountId).primary_key())
                    .col(timestamp_with_time_zone(DirectoryChange::ChangedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CHANGED_INDEX)
                    .table(DirectoryChange::Table)
                    .col(DirectoryChange::ChangedAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                db.execute_unprepared(&format!("DROP TABLE {FTS_TABLE}"))
                    .await?;
            }
            _ => {
                for c in SEARCH_COLUMNS {
                    db.execute_unprepared(&format!("DROP INDEX ix_alumni_profile_{c}"))
                        .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_search(manager).await?;
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let columns = SEARCH_COLUMNS.join(", ");
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "INSERT INTO {FTS_TABLE} (rowid, {columns}) \
                     SELECT account_id, {columns} FROM alumni_profile"
                ))
                .await?;
        }
        manager
            .drop_table(Table::drop().table(DirectoryChange::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(DirectoryVersion::Table).to_owned())
            .await
    }
}
