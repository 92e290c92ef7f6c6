//! The public catalogue: programmes, cohorts, fields and tracks.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Programme {
    Table,
    Id,
    Slug,
    Kind,
    NameJa,
    NameEn,
    DescriptionJa,
    DescriptionEn,
    Position,
}

#[derive(DeriveIden)]
enum Cohort {
    Table,
    Id,
    ProgrammeId,
    Slug,
    TitleJa,
    TitleEn,
    VenueJa,
    VenueEn,
    ApplicationsOpenAt,
    ApplicationsCloseAt,
    SessionsStartAt,
    SessionsEndAt,
}

#[derive(DeriveIden)]
enum Field {
    Table,
    Id,
    Slug,
    NameJa,
    NameEn,
}

#[derive(DeriveIden)]
enum Track {
    Table,
    Id,
    CohortId,
    Slug,
    NameJa,
    NameEn,
    SummaryJa,
    SummaryEn,
    DescriptionJa,
    DescriptionEn,
    Vector,
    FieldId,
    DssRoleJa,
    DssRoleEn,
    Capacity,
    LecturerTarget,
    TutorTarget,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Programme::Table)
                    .col(pk_auto(Programme::Id))
                    .col(string_len_uniq(Programme::Slug, 64))
                    .col(
                        string_len(Programme::Kind, 16)
                            .check(Expr::col(Programme::Kind).is_in(["camp", "connect"])),
                    )
                    .col(string(Programme::NameJa))
                    .col(string(Programme::NameEn))
                    .col(text(Programme::DescriptionJa))
                    .col(text(Programme::DescriptionEn))
                    .col(integer(Programme::Position).default(0))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Cohort::Table)
                    .col(pk_auto(Cohort::Id))
                    .col(integer(Cohort::ProgrammeId))
                    .col(string_len(Cohort::Slug, 64))
                    .col(string(Cohort::TitleJa))
                    .col(string(Cohort::TitleEn))
                    .col(string(Cohort::VenueJa))
                    .col(string(Cohort::VenueEn))
                    .col(timestamp_with_time_zone(Cohort::ApplicationsOpenAt))
                    .col(timestamp_with_time_zone(Cohort::ApplicationsCloseAt))
                    .col(timestamp_with_time_zone(Cohort::SessionsStartAt))
                    .col(timestamp_with_time_zone(Cohort::SessionsEndAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Cohort::Table, Cohort::ProgrammeId)
                            .to(Programme::Table, Programme::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_cohort_programme_slug")
                    .table(Cohort::Table)
                    .col(Cohort::ProgrammeId)
                    .col(Cohort::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Field::Table)
                    .col(pk_auto(Field::Id))
                    .col(string_len_uniq(Field::Slug, 64))
                    .col(string(Field::NameJa))
                    .col(string(Field::NameEn))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Track::Table)
                    .col(pk_auto(Track::Id))
                    .col(integer(Track::CohortId))
                    .col(string_len(Track::Slug, 64))
                    .col(string(Track::NameJa))
                    .col(string(Track::NameEn))
                    .col(text(Track::SummaryJa))
                    .col(text(Track::SummaryEn))
                    .col(text(Track::DescriptionJa))
                    .col(text(Track::DescriptionEn))
                    .col(
                        string_len_null(Track::Vector, 16)
                            .check(Expr::col(Track::Vector).is_in(["industry", "tech"])),
                    )
                    .col(integer_null(Track::FieldId))
                    .col(string_null(Track::DssRoleJa))
                    .col(string_null(Track::DssRoleEn))
                    .col(integer(Track::Capacity).check(Expr::col(Track::Capacity).gte(0)))
                    .col(
                        integer(Track::LecturerTarget)
                            .default(0)
                            .check(Expr::col(Track::LecturerTarget).gte(0)),
                    )
                    .col(
                        integer(Track::TutorTarget)
                            .default(0)
                            .check(Expr::col(Track::TutorTarget).gte(0)),
                    )
                    .col(integer(Track::Position).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Track::Table, Track::CohortId)
                            .to(Cohort::Table, Cohort::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Track::Table, Track::FieldId)
                            .to(Field::Table, Field::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_track_cohort_slug")
                    .table(Track::Table)
                    .col(Track::CohortId)
                    .col(Track::Slug)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so no foreign key is left dangling.
        for table in [
            Track::Table.into_iden(),
            Field::Table.into_iden(),
            Cohort::Table.into_iden(),
            Programme::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
