//! Automatic reminders and the opt-out of non-essential mail.
//!
//! - `track_review.due_at`: when a track's review is due; reviewers with
//!   unfinished assignments are reminded before it.
//! - `programme_reminders`: each programme's switches (no row: all on,
//!   drafts reminded 3 days and 1 day before the deadline).
//! - `reminder_sent`: one row per reminder sent (kind, record, person,
//!   step); its primary key makes each go out once, even when two
//!   instances sweep at the same moment or one restarts.
//! - `account.mail_opt_out_at`: when the person opted out of non-essential
//!   mail (null: they receive it).
//! - `outbox_message.unsubscribe_hash`: the SHA-256 of the opt-out token
//!   the worker put into the sent mail; the token itself is never stored.
//! - `outbox_message.status` may be `skipped`: a non-essential mail whose
//!   recipient opted out before it went (reverting makes those `failed`).
//!
//! One transaction on every backend: SQLite rebuilds the outbox's tables
//! for the new status list, and a failure half-way must leave nothing.

use crate::outbox_status_check::allow_statuses;
use sea_orm_migration::{prelude::*, schema::*};

/// The outbox's statuses before this migration.
const STATUSES: [&str; 5] = ["pending", "held", "sending", "sent", "failed"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TrackReview {
    Table,
    DueAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    MailOptOutAt,
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    UnsubscribeHash,
}

#[derive(DeriveIden)]
enum Programme {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProgrammeReminders {
    Table,
    ProgrammeId,
    Drafts,
    DraftDays,
    Reviews,
    Events,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReminderSent {
    Table,
    Kind,
    RecordId,
    AccountId,
    Step,
    SentAt,
}

const UNSUBSCRIBE_INDEX: &str = "ix_outbox_message_unsubscribe";
const SENT_ACCOUNT_INDEX: &str = "ix_reminder_sent_account";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statuses = STATUSES.to_vec();
        statuses.push("skipped");
        allow_statuses(manager, &statuses).await?;
        // One column per statement: SQLite adds only one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(TrackReview::Table)
                    .add_column(timestamp_with_time_zone_null(TrackReview::DueAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(timestamp_with_time_zone_null(Account::MailOptOutAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(string_len_null(OutboxMessage::UnsubscribeHash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(UNSUBSCRIBE_INDEX)
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::UnsubscribeHash)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgrammeReminders::Table)
                    .col(integer(ProgrammeReminders::ProgrammeId).primary_key())
                    .col(boolean(ProgrammeReminders::Drafts).default(true))
                    .col(integer(ProgrammeReminders::DraftDays).default(3))
                    .col(boolean(ProgrammeReminders::Reviews).default(true))
                    .col(boolean(ProgrammeReminders::Events).default(true))
                    .col(timestamp_with_time_zone(ProgrammeReminders::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgrammeReminders::Table, ProgrammeReminders::ProgrammeId)
                            .to(Programme::Table, Programme::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReminderSent::Table)
                    .col(string_len(ReminderSent::Kind, 16))
                    .col(integer(ReminderSent::RecordId))
                    .col(integer(ReminderSent::AccountId))
                    .col(integer(ReminderSent::Step))
                    .col(timestamp_with_time_zone(ReminderSent::SentAt))
                    .primary_key(
                        Index::create()
                            .col(ReminderSent::Kind)
                            .col(ReminderSent::RecordId)
                            .col(ReminderSent::AccountId)
                            .col(ReminderSent::Step),
                    )
                    .to_owned(),
            )
            .await?;
        // Export and deletion find a person's rows by account.
        manager
            .create_index(
                Index::create()
                    .name(SENT_ACCOUNT_INDEX)
                    .table(ReminderSent::Table)
                    .col(ReminderSent::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE outbox_message SET status = 'failed' WHERE status = 'skipped'",
            )
            .await?;
        allow_statuses(manager, &STATUSES).await?;
        manager
            .drop_table(Table::drop().table(ReminderSent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ProgrammeReminders::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(UNSUBSCRIBE_INDEX)
                    .table(OutboxMessage::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .drop_column(OutboxMessage::UnsubscribeHash)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .drop_column(Account::MailOptOutAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TrackReview::Table)
                    .drop_column(TrackReview::DueAt)
                    .to_owned(),
            )
            .await
    }
}
