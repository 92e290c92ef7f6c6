//! The outbox keeps a mail's live link apart from its body, and records
//! who had a mail sent to an address they typed.
//!
//! `link_secret` holds the link while the message waits; the stored body
//! has a placeholder in its place, the worker puts the link in at send time
//! and erases the column once the message is sent or given up, so neither
//! the table nor a backup taken afterwards holds a working link.
//! `requested_by` is the account whose form sent mail to a typed address
//! (a supervisor, a guardian, an invited lecturer): the mail limits count
//! these rows per account and per address over the last hour, in the
//! database, so the limit holds across instances.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    LinkSecret,
    RequestedBy,
    CreatedAt,
}

const REQUESTED_INDEX: &str = "ix_outbox_message_requested";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(text_null(OutboxMessage::LinkSecret))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(integer_null(OutboxMessage::RequestedBy))
                    .to_owned(),
            )
            .await?;
        // The limits read the last hour's typed-address mail.
        manager
            .create_index(
                Index::create()
                    .name(REQUESTED_INDEX)
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::CreatedAt)
                    .col(OutboxMessage::RequestedBy)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(REQUESTED_INDEX)
                    .table(OutboxMessage::Table)
                    .to_owned(),
            )
            .await?;
        for column in [OutboxMessage::RequestedBy, OutboxMessage::LinkSecret] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OutboxMessage::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
