//! Rosters: where each lecturer of a track comes from, single-use email
//! invitations to lecture, what alumni say they are open to, and calls for
//! tutors with the alumni who volunteered.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RosterLecturer {
    Table,
    TrackId,
    AccountId,
    Source,
    Affiliation,
}

#[derive(DeriveIden)]
enum RosterInvitation {
    Table,
    Id,
    TrackId,
    Email,
    Source,
    Affiliation,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AnsweredAt,
    Outcome,
    AccountId,
}

#[derive(DeriveIden)]
enum Availability {
    Table,
    AccountId,
    OpenToTutoring,
    OpenToLecturing,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AvailabilityField {
    Table,
    AccountId,
    FieldId,
}

#[derive(DeriveIden)]
enum TutorCall {
    Table,
    Id,
    TrackId,
    Places,
    Note,
    OpenedBy,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum TutorVolunteer {
    Table,
    Id,
    CallId,
    AccountId,
    Statement,
    Status,
    CreatedAt,
    DecidedAt,
    DecidedBy,
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
enum Field {
    Table,
    Id,
}

const SOURCES: [&str; 4] = ["academia", "industry", "government", "alumni"];

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

async fn create_lecturers_and_invitations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(RosterLecturer::Table)
                .col(integer(RosterLecturer::TrackId))
                .col(integer(RosterLecturer::AccountId))
                .col(
                    string_len(RosterLecturer::Source, 16)
                        .check(Expr::col(RosterLecturer::Source).is_in(SOURCES)),
                )
                .col(string(RosterLecturer::Affiliation).default(""))
                .primary_key(
                    Index::create()
                        .col(RosterLecturer::TrackId)
                        .col(RosterLecturer::AccountId),
                )
                .foreign_key(&mut fk(
                    (RosterLecturer::Table, RosterLecturer::TrackId),
                    (Track::Table, Track::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (RosterLecturer::Table, RosterLecturer::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(RosterInvitation::Table)
                .col(pk_auto(RosterInvitation::Id))
                .col(integer(RosterInvitation::TrackId))
                .col(string(RosterInvitation::Email))
                .col(
                    string_len(RosterInvitation::Source, 16)
                        .check(Expr::col(RosterInvitation::Source).is_in(SOURCES)),
                )
                .col(string(RosterInvitation::Affiliation).default(""))
                .col(string_len_uniq(RosterInvitation::TokenHash, 64))
                .col(integer_null(RosterInvitation::InvitedBy))
                .col(timestamp_with_time_zone(RosterInvitation::CreatedAt))
                .col(timestamp_with_time_zone(RosterInvitation::ExpiresAt))
                .col(timestamp_with_time_zone_null(RosterInvitation::AnsweredAt))
                .col(
                    string_len_null(RosterInvitation::Outcome, 16).check(
                        Expr::col(RosterInvitation::Outcome).is_in(["accepted", "declined"]),
                    ),
                )
                .col(integer_null(RosterInvitation::AccountId))
                .foreign_key(&mut fk(
                    (RosterInvitation::Table, RosterInvitation::TrackId),
                    (Track::Table, Track::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (RosterInvitation::Table, RosterInvitation::InvitedBy),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    (RosterInvitation::Table, RosterInvitation::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await
}

async fn create_availability(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Availability::Table)
                .col(integer(Availability::AccountId).primary_key())
                .col(boolean(Availability::OpenToTutoring).default(false))
                .col(boolean(Availability::OpenToLecturing).default(false))
                .col(timestamp_with_time_zone(Availability::UpdatedAt))
                .foreign_key(&mut fk(
                    (Availability::Table, Availability::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(AvailabilityField::Table)
                .col(integer(AvailabilityField::AccountId))
                .col(integer(AvailabilityField::FieldId))
                .primary_key(
                    Index::create()
                        .col(AvailabilityField::AccountId)
                        .col(AvailabilityField::FieldId),
                )
                .foreign_key(&mut fk(
                    (AvailabilityField::Table, AvailabilityField::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (AvailabilityField::Table, AvailabilityField::FieldId),
                    (Field::Table, Field::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
}

async fn create_calls(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(TutorCall::Table)
                .col(pk_auto(TutorCall::Id))
                .col(integer(TutorCall::TrackId))
                .col(integer(TutorCall::Places).check(Expr::col(TutorCall::Places).gte(1)))
                .col(text(TutorCall::Note).default(""))
                .col(integer_null(TutorCall::OpenedBy))
                .col(timestamp_with_time_zone(TutorCall::OpenedAt))
                .col(timestamp_with_time_zone_null(TutorCall::ClosedAt))
                .foreign_key(&mut fk(
                    (TutorCall::Table, TutorCall::TrackId),
                    (Track::Table, Track::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (TutorCall::Table, TutorCall::OpenedBy),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(TutorVolunteer::Table)
                .col(pk_auto(TutorVolunteer::Id))
                .col(integer(TutorVolunteer::CallId))
                .col(integer(TutorVolunteer::AccountId))
                .col(text(TutorVolunteer::Statement))
                .col(string_len(TutorVolunteer::Status, 16).check(
                    Expr::col(TutorVolunteer::Status).is_in(["pending", "approved", "declined"]),
                ))
                .col(timestamp_with_time_zone(TutorVolunteer::CreatedAt))
                .col(timestamp_with_time_zone_null(TutorVolunteer::DecidedAt))
                .col(integer_null(TutorVolunteer::DecidedBy))
                .foreign_key(&mut fk(
                    (TutorVolunteer::Table, TutorVolunteer::CallId),
                    (TutorCall::Table, TutorCall::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (TutorVolunteer::Table, TutorVolunteer::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    (TutorVolunteer::Table, TutorVolunteer::DecidedBy),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    // One offer per person per call: a second click cannot volunteer twice.
    manager
        .create_index(
            Index::create()
                .name("ux_tutor_volunteer_call_account")
                .table(TutorVolunteer::Table)
                .col(TutorVolunteer::CallId)
                .col(TutorVolunteer::AccountId)
                .unique()
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_lecturers_and_invitations(manager).await?;
        create_availability(manager).await?;
        create_calls(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so no foreign key is left dangling.
        for table in [
            TutorVolunteer::Table.into_iden(),
            TutorCall::Table.into_iden(),
            AvailabilityField::Table.into_iden(),
            Availability::Table.into_iden(),
            RosterInvitation::Table.into_iden(),
            RosterLecturer::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
