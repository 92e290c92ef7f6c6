//! The pipeline: completions with their certificates, the history of
//! every change of stage, mentors, the programmes' training steps and
//! their sign-offs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Completion {
    Table,
    Id,
    AccountId,
    ProgrammeId,
    CohortId,
    TrackId,
    Code,
    CompletedAt,
    CompletedBy,
    RevokedAt,
    RevokedBy,
    RevokeReason,
}

#[derive(DeriveIden)]
enum StageChange {
    Table,
    Id,
    AccountId,
    ProgrammeId,
    FromStage,
    ToStage,
    CohortId,
    TrackId,
    Reason,
    Overridden,
    ChangedBy,
    At,
}

#[derive(DeriveIden)]
enum Mentorship {
    Table,
    Id,
    ProgrammeId,
    CandidateId,
    MentorId,
    AssignedBy,
    AssignedAt,
}

#[derive(DeriveIden)]
enum TrainingStep {
    Table,
    Id,
    ProgrammeId,
    Position,
    NameJa,
    NameEn,
}

#[derive(DeriveIden)]
enum StepSignoff {
    Table,
    StepId,
    CandidateId,
    SignedBy,
    SignedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Programme {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cohort {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Track {
    Table,
    Id,
}

const STAGES: [&str; 6] = [
    "participant",
    "alumnus",
    "tutor_candidate",
    "tutor",
    "lecturer_candidate",
    "lecturer",
];

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn account_fk(
    table: impl IntoIden,
    col: impl IntoIden,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let action = if cascade {
        ForeignKeyAction::Cascade
    } else {
        ForeignKeyAction::SetNull
    };
    fk((table, col), (Account::Table, Account::Id), action)
}

fn programme_fk(table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    fk(
        (table, col),
        (Programme::Table, Programme::Id),
        ForeignKeyAction::Cascade,
    )
}

async fn create_completion(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Completion::Table)
                .col(pk_auto(Completion::Id))
                .col(integer(Completion::AccountId))
                .col(integer(Completion::ProgrammeId))
                .col(integer(Completion::CohortId))
                .col(integer(Completion::TrackId))
                .col(string_len(Completion::Code, 16).unique_key())
                .col(timestamp_with_time_zone(Completion::CompletedAt))
                .col(integer_null(Completion::CompletedBy))
                .col(timestamp_with_time_zone_null(Completion::RevokedAt))
                .col(integer_null(Completion::RevokedBy))
                .col(text(Completion::RevokeReason).default(""))
                .foreign_key(&mut account_fk(
                    Completion::Table,
                    Completion::AccountId,
                    true,
                ))
                .foreign_key(&mut account_fk(
                    Completion::Table,
                    Completion::CompletedBy,
                    false,
                ))
                .foreign_key(&mut account_fk(
                    Completion::Table,
                    Completion::RevokedBy,
                    false,
                ))
                .foreign_key(&mut programme_fk(
                    Completion::Table,
                    Completion::ProgrammeId,
                ))
                .foreign_key(&mut fk(
                    (Completion::Table, Completion::CohortId),
                    (Cohort::Table, Cohort::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (Completion::Table, Completion::TrackId),
                    (Track::Table, Track::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    // One completion per person and track: completing twice is a no-op.
    manager
        .create_index(
            Index::create()
                .name("ux_completion_account_track")
                .table(Completion::Table)
                .col(Completion::AccountId)
                .col(Completion::TrackId)
                .unique()
                .to_owned(),
        )
        .await
}

async fn create_stage_change(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(StageChange::Table)
                .col(pk_auto(StageChange::Id))
                .col(integer(StageChange::AccountId))
                .col(integer(StageChange::ProgrammeId))
                .col(
                    string_len_null(StageChange::FromStage, 24)
                        .check(Expr::col(StageChange::FromStage).is_in(STAGES)),
                )
                .col(
                    string_len(StageChange::ToStage, 24)
                        .check(Expr::col(StageChange::ToStage).is_in(STAGES)),
                )
                .col(integer_null(StageChange::CohortId))
                .col(integer_null(StageChange::TrackId))
                .col(text(StageChange::Reason).default(""))
                .col(boolean(StageChange::Overridden).default(false))
                .col(integer_null(StageChange::ChangedBy))
                .col(timestamp_with_time_zone(StageChange::At))
                .foreign_key(&mut account_fk(
                    StageChange::Table,
                    StageChange::AccountId,
                    true,
                ))
                .foreign_key(&mut account_fk(
                    StageChange::Table,
                    StageChange::ChangedBy,
                    false,
                ))
                .foreign_key(&mut programme_fk(
                    StageChange::Table,
                    StageChange::ProgrammeId,
                ))
                .foreign_key(&mut fk(
                    (StageChange::Table, StageChange::CohortId),
                    (Cohort::Table, Cohort::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    (StageChange::Table, StageChange::TrackId),
                    (Track::Table, Track::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_stage_change_programme_account")
                .table(StageChange::Table)
                .col(StageChange::ProgrammeId)
                .col(StageChange::AccountId)
                .to_owned(),
        )
        .await
}

async fn create_support(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Mentorship::Table)
                .col(pk_auto(Mentorship::Id))
                .col(integer(Mentorship::ProgrammeId))
                .col(integer(Mentorship::CandidateId))
                .col(integer(Mentorship::MentorId))
                .col(integer_null(Mentorship::AssignedBy))
                .col(timestamp_with_time_zone(Mentorship::AssignedAt))
                .foreign_key(&mut programme_fk(
                    Mentorship::Table,
                    Mentorship::ProgrammeId,
                ))
                .foreign_key(&mut account_fk(
                    Mentorship::Table,
                    Mentorship::CandidateId,
                    true,
                ))
                .foreign_key(&mut account_fk(
                    Mentorship::Table,
                    Mentorship::MentorId,
                    true,
                ))
                .foreign_key(&mut account_fk(
                    Mentorship::Table,
                    Mentorship::AssignedBy,
                    false,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ux_mentorship_programme_candidate")
                .table(Mentorship::Table)
                .col(Mentorship::ProgrammeId)
                .col(Mentorship::CandidateId)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(TrainingStep::Table)
                .col(pk_auto(TrainingStep::Id))
                .col(integer(TrainingStep::ProgrammeId))
                .col(integer(TrainingStep::Position))
                .col(string(TrainingStep::NameJa))
                .col(string(TrainingStep::NameEn))
                .foreign_key(&mut programme_fk(
                    TrainingStep::Table,
                    TrainingStep::ProgrammeId,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(StepSignoff::Table)
                .col(integer(StepSignoff::StepId))
                .col(integer(StepSignoff::CandidateId))
                .col(integer_null(StepSignoff::SignedBy))
                .col(timestamp_with_time_zone(StepSignoff::SignedAt))
                .primary_key(
                    Index::create()
                        .col(StepSignoff::StepId)
                        .col(StepSignoff::CandidateId),
                )
                .foreign_key(&mut fk(
                    (StepSignoff::Table, StepSignoff::StepId),
                    (TrainingStep::Table, TrainingStep::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut account_fk(
                    StepSignoff::Table,
                    StepSignoff::CandidateId,
                    true,
                ))
                .foreign_key(&mut account_fk(
                    StepSignoff::Table,
                    StepSignoff::SignedBy,
                    false,
                ))
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_completion(manager).await?;
        create_stage_change(manager).await?;
        create_support(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so no foreign key is left dangling.
        for table in [
            StepSignoff::Table.into_iden(),
            TrainingStep::Table.into_iden(),
            Mentorship::Table.into_iden(),
            StageChange::Table.into_iden(),
            Completion::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
