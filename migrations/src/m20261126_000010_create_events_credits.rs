//! Community events and activity credits: events with their RSVPs (a
//! waitlist beyond capacity, check-in by the host), the alumni organisers
//! approved as hosts, each person's secret calendar feed, and the credit
//! ledger with self-reported activities a supervisor confirms by a
//! single-use link (only the token's hash is stored).
//!
//! Depends only on the catalogue and identity tables, not on the alumni
//! profile migration (000009).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
    ProgrammeId,
    HostId,
    TitleJa,
    TitleEn,
    DescriptionJa,
    DescriptionEn,
    Kind,
    StartsAt,
    EndsAt,
    Venue,
    OnlineLink,
    Capacity,
    Audience,
    CreditTenths,
    Status,
    RemindedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventRsvp {
    Table,
    Id,
    EventId,
    AccountId,
    Status,
    Position,
    CreatedAt,
    UpdatedAt,
    CheckedInAt,
}

#[derive(DeriveIden)]
enum EventHost {
    Table,
    AccountId,
    ApprovedBy,
    ApprovedAt,
}

#[derive(DeriveIden)]
enum CalendarFeed {
    Table,
    AccountId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CreditEntry {
    Table,
    Id,
    AccountId,
    Kind,
    Title,
    CreditTenths,
    EarnedOn,
    Source,
    Status,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum CreditClaim {
    Table,
    EntryId,
    Evidence,
    EvidenceLink,
    SupervisorName,
    SupervisorEmail,
    TokenHash,
    ExpiresAt,
    AnsweredAt,
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

const KINDS: [&str; 4] = ["meetup", "study_session", "symposium", "online"];
const CREDIT_KINDS: [&str; 4] = ["event", "tutor", "lecturer", "self_reported"];

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

async fn create_events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Event::Table)
                .col(pk_auto(Event::Id))
                .col(integer_null(Event::ProgrammeId))
                .col(integer_null(Event::HostId))
                .col(string_len(Event::TitleJa, 200))
                .col(string_len(Event::TitleEn, 200).default(""))
                .col(text(Event::DescriptionJa).default(""))
                .col(text(Event::DescriptionEn).default(""))
                .col(string_len(Event::Kind, 16).check(Expr::col(Event::Kind).is_in(KINDS)))
                .col(timestamp_with_time_zone(Event::StartsAt))
                .col(timestamp_with_time_zone(Event::EndsAt))
                .col(string_len(Event::Venue, 200).default(""))
                .col(string_len(Event::OnlineLink, 500).default(""))
                .col(integer(Event::Capacity))
                .col(
                    string_len(Event::Audience, 16)
                        .check(Expr::col(Event::Audience).is_in(["alumni", "public"])),
                )
                .col(integer(Event::CreditTenths).default(0))
                .col(
                    string_len(Event::Status, 16)
                        .check(Expr::col(Event::Status).is_in(["published", "cancelled"])),
                )
                .col(timestamp_with_time_zone_null(Event::RemindedAt))
                .col(timestamp_with_time_zone(Event::CreatedAt))
                .col(timestamp_with_time_zone(Event::UpdatedAt))
                .foreign_key(&mut fk(
                    (Event::Table, Event::ProgrammeId),
                    (Programme::Table, Programme::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut account_fk(Event::Table, Event::HostId, false))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_event_starts_at")
                .table(Event::Table)
                .col(Event::StartsAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(EventRsvp::Table)
                .col(pk_auto(EventRsvp::Id))
                .col(integer(EventRsvp::EventId))
                .col(integer(EventRsvp::AccountId))
                .col(
                    string_len(EventRsvp::Status, 16).check(Expr::col(EventRsvp::Status).is_in([
                        "confirmed",
                        "waitlisted",
                        "cancelled",
                    ])),
                )
                .col(integer(EventRsvp::Position).default(0))
                .col(timestamp_with_time_zone(EventRsvp::CreatedAt))
                .col(timestamp_with_time_zone(EventRsvp::UpdatedAt))
                .col(timestamp_with_time_zone_null(EventRsvp::CheckedInAt))
                .foreign_key(&mut fk(
                    (EventRsvp::Table, EventRsvp::EventId),
                    (Event::Table, Event::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut account_fk(
                    EventRsvp::Table,
                    EventRsvp::AccountId,
                    true,
                ))
                .to_owned(),
        )
        .await?;
    // One RSVP per person and event: answering again updates it.
    manager
        .create_index(
            Index::create()
                .name("ux_event_rsvp_event_account")
                .table(EventRsvp::Table)
                .col(EventRsvp::EventId)
                .col(EventRsvp::AccountId)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(EventHost::Table)
                .col(integer(EventHost::AccountId).primary_key())
                .col(integer_null(EventHost::ApprovedBy))
                .col(timestamp_with_time_zone(EventHost::ApprovedAt))
                .foreign_key(&mut account_fk(
                    EventHost::Table,
                    EventHost::AccountId,
                    true,
                ))
                .foreign_key(&mut account_fk(
                    EventHost::Table,
                    EventHost::ApprovedBy,
                    false,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(CalendarFeed::Table)
                .col(integer(CalendarFeed::AccountId).primary_key())
                .col(string_len_uniq(CalendarFeed::TokenHash, 64))
                .col(timestamp_with_time_zone(CalendarFeed::CreatedAt))
                .foreign_key(&mut account_fk(
                    CalendarFeed::Table,
                    CalendarFeed::AccountId,
                    true,
                ))
                .to_owned(),
        )
        .await
}

async fn create_credits(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(CreditEntry::Table)
                .col(pk_auto(CreditEntry::Id))
                .col(integer(CreditEntry::AccountId))
                .col(
                    string_len(CreditEntry::Kind, 16)
                        .check(Expr::col(CreditEntry::Kind).is_in(CREDIT_KINDS)),
                )
                .col(string_len(CreditEntry::Title, 200))
                .col(integer(CreditEntry::CreditTenths))
                .col(date(CreditEntry::EarnedOn))
                .col(string_len_null(CreditEntry::Source, 64))
                .col(string_len(CreditEntry::Status, 16).check(
                    Expr::col(CreditEntry::Status).is_in(["pending", "confirmed", "declined"]),
                ))
                .col(timestamp_with_time_zone(CreditEntry::CreatedAt))
                .col(timestamp_with_time_zone_null(CreditEntry::DecidedAt))
                .foreign_key(&mut account_fk(
                    CreditEntry::Table,
                    CreditEntry::AccountId,
                    true,
                ))
                .to_owned(),
        )
        .await?;
    // An automatic entry is written once per source (an event attended, a
    // stint): two sweeps at once cannot credit it twice. Self-reported
    // entries have no source, and NULLs never collide.
    manager
        .create_index(
            Index::create()
                .name("ux_credit_entry_account_source")
                .table(CreditEntry::Table)
                .col(CreditEntry::AccountId)
                .col(CreditEntry::Source)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(CreditClaim::Table)
                .col(integer(CreditClaim::EntryId).primary_key())
                .col(text(CreditClaim::Evidence).default(""))
                .col(string_len(CreditClaim::EvidenceLink, 500).default(""))
                .col(string_len(CreditClaim::SupervisorName, 200))
                .col(string_len(CreditClaim::SupervisorEmail, 254))
                .col(string_len_uniq(CreditClaim::TokenHash, 64))
                .col(timestamp_with_time_zone(CreditClaim::ExpiresAt))
                .col(timestamp_with_time_zone_null(CreditClaim::AnsweredAt))
                .foreign_key(&mut fk(
                    (CreditClaim::Table, CreditClaim::EntryId),
                    (CreditEntry::Table, CreditEntry::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_events(manager).await?;
        create_credits(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so no foreign key is left dangling.
        for table in [
            CreditClaim::Table.into_iden(),
            CreditEntry::Table.into_iden(),
            CalendarFeed::Table.into_iden(),
            EventHost::Table.into_iden(),
            EventRsvp::Table.into_iden(),
            Event::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
