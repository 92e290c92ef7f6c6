//! Announcements: a mail an organiser (or an administrator) writes in
//! Japanese and English to one segment of a programme's people (a cohort's
//! applicants, a track's released decisions or reviewers, the programme's
//! alumni, an event's registrants). A draft is kept until it is sent, so
//! the preview and the sending read the same texts; `sent_at` is set once,
//! by a conditional update in the transaction that queues its mail, so a
//! second send (a double submit) queues nothing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Announcement {
    Table,
    Id,
    ProgrammeId,
    AuthorId,
    Segment,
    TargetId,
    SubjectJa,
    SubjectEn,
    BodyJa,
    BodyEn,
    CreatedAt,
    UpdatedAt,
    SentAt,
    SentBy,
    RecipientCount,
}

#[derive(DeriveIden)]
enum Programme {
    Table,
    Id,
}

const PROGRAMME_INDEX: &str = "ix_announcement_programme";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Announcement::Table)
                    .col(pk_auto(Announcement::Id))
                    .col(integer(Announcement::ProgrammeId))
                    // No foreign key to the account: deleting the author's
                    // account clears it, the programme keeps its record.
                    .col(integer_null(Announcement::AuthorId))
                    .col(string_len(Announcement::Segment, 16))
                    .col(integer_null(Announcement::TargetId))
                    .col(text(Announcement::SubjectJa))
                    .col(text(Announcement::SubjectEn))
                    .col(text(Announcement::BodyJa))
                    .col(text(Announcement::BodyEn))
                    .col(timestamp_with_time_zone(Announcement::CreatedAt))
                    .col(timestamp_with_time_zone(Announcement::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Announcement::SentAt))
                    .col(integer_null(Announcement::SentBy))
                    .col(integer_null(Announcement::RecipientCount))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Announcement::Table, Announcement::ProgrammeId)
                            .to(Programme::Table, Programme::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(PROGRAMME_INDEX)
                    .table(Announcement::Table)
                    .col(Announcement::ProgrammeId)
                    .col(Announcement::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Announcement::Table).to_owned())
            .await
    }
}
