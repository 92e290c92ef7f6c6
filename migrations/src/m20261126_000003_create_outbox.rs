//! The mail outbox: every message is a row first (`outbox_message`), sent
//! later by a background worker; each delivery attempt is a row of
//! `outbox_attempt`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    RecipientEmail,
    RecipientName,
    Language,
    Template,
    Subject,
    TextBody,
    ProgrammeId,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    ClaimedBy,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum OutboxAttempt {
    Table,
    Id,
    MessageId,
    At,
    Ok,
    Error,
}

#[derive(DeriveIden)]
enum Programme {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessage::Table)
                    .col(big_pk_auto(OutboxMessage::Id))
                    .col(string_len(OutboxMessage::RecipientEmail, 320))
                    .col(string(OutboxMessage::RecipientName).default(""))
                    .col(
                        string_len(OutboxMessage::Language, 8)
                            .check(Expr::col(OutboxMessage::Language).is_in(["ja", "en"])),
                    )
                    .col(string_len(OutboxMessage::Template, 64))
                    .col(text(OutboxMessage::Subject))
                    .col(text(OutboxMessage::TextBody))
                    .col(integer_null(OutboxMessage::ProgrammeId))
                    .col(
                        string_len(OutboxMessage::Status, 16).check(
                            Expr::col(OutboxMessage::Status)
                                .is_in(["pending", "held", "sending", "sent", "failed"]),
                        ),
                    )
                    .col(integer(OutboxMessage::Attempts).default(0))
                    .col(timestamp_with_time_zone(OutboxMessage::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(OutboxMessage::ClaimedUntil))
                    .col(string_len_null(OutboxMessage::ClaimedBy, 128))
                    .col(text_null(OutboxMessage::LastError))
                    .col(timestamp_with_time_zone(OutboxMessage::CreatedAt))
                    .col(timestamp_with_time_zone_null(OutboxMessage::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutboxMessage::Table, OutboxMessage::ProgrammeId)
                            .to(Programme::Table, Programme::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_message_status_next_attempt_at")
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::Status)
                    .col(OutboxMessage::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_message_programme_created_at")
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::ProgrammeId)
                    .col(OutboxMessage::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OutboxAttempt::Table)
                    .col(big_pk_auto(OutboxAttempt::Id))
                    .col(big_integer(OutboxAttempt::MessageId))
                    .col(timestamp_with_time_zone(OutboxAttempt::At))
                    .col(boolean(OutboxAttempt::Ok))
                    .col(text_null(OutboxAttempt::Error))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutboxAttempt::Table, OutboxAttempt::MessageId)
                            .to(OutboxMessage::Table, OutboxMessage::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_attempt_message")
                    .table(OutboxAttempt::Table)
                    .col(OutboxAttempt::MessageId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OutboxAttempt::Table.into_iden(),
            OutboxMessage::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
