//! A profile the history import made for someone awaits its owner: only
//! organisers see it until the person saves it themself, since nobody
//! asked their consent to be found by the community.
//!
//! Profiles imported before this migration are the ones whose owner has no
//! sign-in identity (an imported account has none until it is claimed, and
//! everyone else made their profile after signing in); they are marked so.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::boolean;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AlumniProfile {
    Table,
    AccountId,
    AwaitingOwner,
}

#[derive(DeriveIden)]
enum Identity {
    Table,
    AccountId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AlumniProfile::Table)
                    .add_column(boolean(AlumniProfile::AwaitingOwner).default(false))
                    .to_owned(),
            )
            .await?;
        let mark = Query::update()
            .table(AlumniProfile::Table)
            .value(AlumniProfile::AwaitingOwner, true)
            .and_where(
                Expr::col(AlumniProfile::AccountId).not_in_subquery(
                    Query::select()
                        .column(Identity::AccountId)
                        .from(Identity::Table)
                        .to_owned(),
                ),
            )
            .to_owned();
        manager.exec_stmt(mark).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AlumniProfile::Table)
                    .drop_column(AlumniProfile::AwaitingOwner)
                    .to_owned(),
            )
            .await
    }
}
