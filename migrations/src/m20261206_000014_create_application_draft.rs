//! The working draft of a submitted application. Once an application is
//! submitted, its row in `application` (and its answers) hold what the
//! submission checked: eligibility, the guardian, the conflict facts. A
//! draft saved after that goes here instead, so that only a resubmission,
//! which runs every check again, changes what reviewers, the consent gate
//! and decisions read.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationDraft {
    Table,
    ApplicationId,
    BirthDate,
    Affiliation,
    Expertise,
    Mentors,
    GuardianName,
    GuardianEmail,
    DeclarationsAccepted,
    Answers,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApplicationDraft::Table)
                    .col(integer(ApplicationDraft::ApplicationId).primary_key())
                    .col(date_null(ApplicationDraft::BirthDate))
                    .col(string(ApplicationDraft::Affiliation).default(""))
                    .col(text(ApplicationDraft::Expertise).default(""))
                    .col(text(ApplicationDraft::Mentors).default(""))
                    .col(string(ApplicationDraft::GuardianName).default(""))
                    .col(string_len(ApplicationDraft::GuardianEmail, 320).default(""))
                    .col(boolean(ApplicationDraft::DeclarationsAccepted).default(false))
                    .col(text(ApplicationDraft::Answers).default("{}"))
                    .col(timestamp_with_time_zone(ApplicationDraft::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationDraft::Table, ApplicationDraft::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApplicationDraft::Table).to_owned())
            .await
    }
}
