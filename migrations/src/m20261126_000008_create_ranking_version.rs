//! The version of each track's ranking inputs: a random number replaced by
//! every change to what the ranking is computed from (submitted
//! applications, assignments, scores, the rubric), so every instance can
//! tell with one key lookup whether its cached ranking is still current.

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
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RankingVersion::Table).to_owned())
            .await
    }
}
