//! Review: per-track review settings, the rubric's criteria, declared
//! conflicts of interest, reviewer assignments with their comment and the
//! scores given per criterion.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TrackReview {
    Table,
    TrackId,
    Anonymous,
    ReviewersPerApplication,
    Normalise,
    ClosedAt,
    OfferDays,
}

#[derive(DeriveIden)]
enum RubricCriterion {
    Table,
    Id,
    TrackId,
    Position,
    NameJa,
    NameEn,
    Weight,
    ScaleMax,
}

#[derive(DeriveIden)]
enum Conflict {
    Table,
    Id,
    ApplicationId,
    ReviewerId,
    Reason,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewAssignment {
    Table,
    Id,
    ApplicationId,
    ReviewerId,
    AssignedAt,
    AssignedBy,
    Comment,
    SubmittedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReviewScore {
    Table,
    AssignmentId,
    CriterionId,
    Score,
}

#[derive(DeriveIden)]
enum OfferReminder {
    Table,
    ApplicationId,
    SentAt,
}

#[derive(DeriveIden)]
enum Track {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

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

fn unique_pair(
    name: &str,
    table: impl IntoIden,
    a: impl IntoIden,
    b: impl IntoIden,
) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(table)
        .col(a)
        .col(b)
        .unique()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TrackReview::Table)
                    .col(integer(TrackReview::TrackId).primary_key())
                    .col(boolean(TrackReview::Anonymous).default(true))
                    .col(integer(TrackReview::ReviewersPerApplication).default(2))
                    .col(boolean(TrackReview::Normalise).default(false))
                    .col(timestamp_with_time_zone_null(TrackReview::ClosedAt))
                    .col(integer(TrackReview::OfferDays).default(7))
                    .foreign_key(&mut fk(
                        (TrackReview::Table, TrackReview::TrackId),
                        (Track::Table, Track::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RubricCriterion::Table)
                    .col(pk_auto(RubricCriterion::Id))
                    .col(integer(RubricCriterion::TrackId))
                    .col(integer(RubricCriterion::Position))
                    .col(string(RubricCriterion::NameJa))
                    .col(string(RubricCriterion::NameEn))
                    .col(
                        integer(RubricCriterion::Weight)
                            .check(Expr::col(RubricCriterion::Weight).gte(1)),
                    )
                    .col(
                        integer(RubricCriterion::ScaleMax)
                            .check(Expr::col(RubricCriterion::ScaleMax).gte(2)),
                    )
                    .foreign_key(&mut fk(
                        (RubricCriterion::Table, RubricCriterion::TrackId),
                        (Track::Table, Track::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Conflict::Table)
                    .col(pk_auto(Conflict::Id))
                    .col(integer(Conflict::ApplicationId))
                    .col(integer(Conflict::ReviewerId))
                    .col(string_len(Conflict::Reason, 16).check(
                        Expr::col(Conflict::Reason).is_in(["declared", "affiliation", "mentor"]),
                    ))
                    .col(text(Conflict::Note).default(""))
                    .col(timestamp_with_time_zone(Conflict::CreatedAt))
                    .foreign_key(&mut fk(
                        (Conflict::Table, Conflict::ApplicationId),
                        (Application::Table, Application::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Conflict::Table, Conflict::ReviewerId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_pair(
                "ux_conflict_application_reviewer",
                Conflict::Table,
                Conflict::ApplicationId,
                Conflict::ReviewerId,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReviewAssignment::Table)
                    .col(pk_auto(ReviewAssignment::Id))
                    .col(integer(ReviewAssignment::ApplicationId))
                    .col(integer(ReviewAssignment::ReviewerId))
                    .col(timestamp_with_time_zone(ReviewAssignment::AssignedAt))
                    .col(integer_null(ReviewAssignment::AssignedBy))
                    .col(text(ReviewAssignment::Comment).default(""))
                    .col(timestamp_with_time_zone_null(ReviewAssignment::SubmittedAt))
                    .col(timestamp_with_time_zone_null(ReviewAssignment::UpdatedAt))
                    .foreign_key(&mut fk(
                        (ReviewAssignment::Table, ReviewAssignment::ApplicationId),
                        (Application::Table, Application::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (ReviewAssignment::Table, ReviewAssignment::ReviewerId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (ReviewAssignment::Table, ReviewAssignment::AssignedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_pair(
                "ux_review_assignment_application_reviewer",
                ReviewAssignment::Table,
                ReviewAssignment::ApplicationId,
                ReviewAssignment::ReviewerId,
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_review_assignment_reviewer")
                    .table(ReviewAssignment::Table)
                    .col(ReviewAssignment::ReviewerId)
                    .col(ReviewAssignment::SubmittedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReviewScore::Table)
                    .col(integer(ReviewScore::AssignmentId))
                    .col(integer(ReviewScore::CriterionId))
                    .col(integer(ReviewScore::Score).check(Expr::col(ReviewScore::Score).gte(0)))
                    .primary_key(
                        Index::create()
                            .col(ReviewScore::AssignmentId)
                            .col(ReviewScore::CriterionId),
                    )
                    .foreign_key(&mut fk(
                        (ReviewScore::Table, ReviewScore::AssignmentId),
                        (ReviewAssignment::Table, ReviewAssignment::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (ReviewScore::Table, ReviewScore::CriterionId),
                        (RubricCriterion::Table, RubricCriterion::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        // One row per reminded offer: its primary key makes the reminder
        // go out once even when two instances sweep at the same moment.
        manager
            .create_table(
                Table::create()
                    .table(OfferReminder::Table)
                    .col(integer(OfferReminder::ApplicationId).primary_key())
                    .col(timestamp_with_time_zone(OfferReminder::SentAt))
                    .foreign_key(&mut fk(
                        (OfferReminder::Table, OfferReminder::ApplicationId),
                        (Application::Table, Application::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so no foreign key is left dangling.
        for table in [
            OfferReminder::Table.into_iden(),
            ReviewScore::Table.into_iden(),
            ReviewAssignment::Table.into_iden(),
            Conflict::Table.into_iden(),
            RubricCriterion::Table.into_iden(),
            TrackReview::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
