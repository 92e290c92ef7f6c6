//! The affiliation an organiser notes for a reviewer of one track. Before,
//! inviting a reviewer overwrote the account's one `affiliation` row, so an
//! organiser of any programme changed conflict-of-interest detection in
//! every programme. The note is kept per track: it adds conflicts in that
//! track only and never replaces the person's own declared affiliation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReviewerAffiliation {
    Table,
    TrackId,
    AccountId,
    Name,
}

#[derive(DeriveIden)]
enum Track {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReviewerAffiliation::Table)
                    .col(integer(ReviewerAffiliation::TrackId))
                    .col(integer(ReviewerAffiliation::AccountId))
                    .col(string(ReviewerAffiliation::Name))
                    .primary_key(
                        Index::create()
                            .col(ReviewerAffiliation::TrackId)
                            .col(ReviewerAffiliation::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewerAffiliation::Table, ReviewerAffiliation::TrackId)
                            .to(Track::Table, Track::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewerAffiliation::Table, ReviewerAffiliation::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReviewerAffiliation::Table).to_owned())
            .await
    }
}
