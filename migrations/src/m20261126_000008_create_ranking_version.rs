//! The version of each track's ranking inputs: a random number replaced by
//! every change to what the ranking is computed from (submitted
//! applications, assignments, scores, the rubric), so every instance can
//! tell with one key lookup whether its cached ranking is still current.
//! Also indexes the organiser's review page counts by (track, decision)
//! and a track's reviewers by (track, role).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RankingVersion {
    Table,
    TrackId,
    Version,
}

#[derive(DeriveIden)]
enum Track {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    TrackId,
    Decision,
    ReleasedAt,
}

#[derive(DeriveIden)]
enum RoleGrant {
    Table,
    TrackId,
    Role,
}

const DECISION_INDEX: &str = "ix_application_track_decision";
const ROLE_INDEX: &str = "ix_role_grant_track_role";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RankingVersion::Table)
                    .col(integer(RankingVersion::TrackId).primary_key())
                    .col(big_integer(RankingVersion::Version))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RankingVersion::Table, RankingVersion::TrackId)
                            .to(Track::Table, Track::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(DECISION_INDEX)
                    .table(Application::Table)
                    .col(Application::TrackId)
                    .col(Application::Decision)
                    .col(Application::ReleasedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ROLE_INDEX)
                    .table(RoleGrant::Table)
                    .col(RoleGrant::TrackId)
                    .col(RoleGrant::Role)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            (DECISION_INDEX, Application::Table.into_iden()),
            (ROLE_INDEX, RoleGrant::Table.into_iden()),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(RankingVersion::Table).to_owned())
            .await
    }
}
