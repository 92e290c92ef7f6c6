//! Issue 20's dashboard figures that the database did not hold:
//!
//! - `eligibility_refusal`: submissions the eligibility rules refused, one
//!   row per person, track and reason with the first and latest refusal.
//!   Keyed on the person and track, not the application: a first
//!   submission without a saved draft has no application row, and a
//!   refused submission must leave the saved draft exactly as it was.
//!   Removed with the account and by the retention purge.
//! - `prefecture` on `application` and `application_draft`: the optional
//!   prefecture of residence (JIS X 0401 code, `abroad` or `undisclosed`),
//!   counted on the dashboard by region with small groups hidden.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EligibilityRefusal {
    Table,
    Id,
    TrackId,
    AccountId,
    Reason,
    FirstAt,
    LastAt,
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

#[derive(DeriveIden)]
enum Application {
    Table,
    Prefecture,
}

#[derive(DeriveIden)]
enum ApplicationDraft {
    Table,
    Prefecture,
}

/// The longest stored prefecture value (`undisclosed`), with room.
const PREFECTURE_LEN: u32 = 16;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EligibilityRefusal::Table)
                    .col(pk_auto(EligibilityRefusal::Id))
                    .col(integer(EligibilityRefusal::TrackId))
                    .col(integer(EligibilityRefusal::AccountId))
                    .col(string_len(EligibilityRefusal::Reason, 32))
                    .col(timestamp_with_time_zone(EligibilityRefusal::FirstAt))
                    .col(timestamp_with_time_zone(EligibilityRefusal::LastAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EligibilityRefusal::Table, EligibilityRefusal::TrackId)
                            .to(Track::Table, Track::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EligibilityRefusal::Table, EligibilityRefusal::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One row per person, track and reason: a second refusal for the
        // same reason moves `last_at` (an upsert on this index).
        manager
            .create_index(
                Index::create()
                    .name("eligibility_refusal_track_account_reason")
                    .table(EligibilityRefusal::Table)
                    .col(EligibilityRefusal::TrackId)
                    .col(EligibilityRefusal::AccountId)
                    .col(EligibilityRefusal::Reason)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Account deletion removes a person's rows by account.
        manager
            .create_index(
                Index::create()
                    .name("eligibility_refusal_account")
                    .table(EligibilityRefusal::Table)
                    .col(EligibilityRefusal::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .add_column(string_len_null(Application::Prefecture, PREFECTURE_LEN))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApplicationDraft::Table)
                    .add_column(string_len_null(
                        ApplicationDraft::Prefecture,
                        PREFECTURE_LEN,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ApplicationDraft::Table)
                    .drop_column(ApplicationDraft::Prefecture)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Application::Table)
                    .drop_column(Application::Prefecture)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(EligibilityRefusal::Table).to_owned())
            .await
    }
}
