//! Identity and access: accounts, linked sign-in identities, scoped role
//! grants, server-side sessions and the append-only audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Email,
    NameJa,
    NameEn,
    Language,
    IsAdmin,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Identity {
    Table,
    Id,
    AccountId,
    Provider,
    Subject,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleGrant {
    Table,
    Id,
    AccountId,
    Role,
    ProgrammeId,
    CohortId,
    TrackId,
    GrantedBy,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    ActorId,
    Action,
    Entity,
    EntityId,
    ProgrammeId,
    Summary,
    At,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(pk_auto(Account::Id))
                    // Null once the account is deleted (anonymised).
                    .col(string_len_null(Account::Email, 320).unique_key())
                    .col(string(Account::NameJa).default(""))
                    .col(string(Account::NameEn).default(""))
                    .col(
                        string_len(Account::Language, 8)
                            .default("ja")
                            .check(Expr::col(Account::Language).is_in(["ja", "en"])),
                    )
                    .col(boolean(Account::IsAdmin).default(false))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Identity::Table)
                    .col(pk_auto(Identity::Id))
                    .col(integer(Identity::AccountId))
                    .col(string_len(Identity::Provider, 64))
                    .col(string_len(Identity::Subject, 255))
                    .col(timestamp_with_time_zone(Identity::CreatedAt))
                    .foreign_key(&mut fk(
                        (Identity::Table, Identity::AccountId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_identity_provider_subject")
                    .table(Identity::Table)
                    .col(Identity::Provider)
                    .col(Identity::Subject)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RoleGrant::Table)
                    .col(pk_auto(RoleGrant::Id))
                    .col(integer(RoleGrant::AccountId))
                    .col(
                        string_len(RoleGrant::Role, 16).check(Expr::col(RoleGrant::Role).is_in([
                            "organiser",
                            "reviewer",
                            "lecturer",
                            "tutor",
                            "participant",
                        ])),
                    )
                    .col(integer(RoleGrant::ProgrammeId))
                    .col(integer_null(RoleGrant::CohortId))
                    .col(integer_null(RoleGrant::TrackId))
                    .col(integer_null(RoleGrant::GrantedBy))
                    .col(timestamp_with_time_zone(RoleGrant::GrantedAt))
                    .foreign_key(&mut fk(
                        (RoleGrant::Table, RoleGrant::AccountId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (RoleGrant::Table, RoleGrant::ProgrammeId),
                        (Programme::Table, Programme::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        (RoleGrant::Table, RoleGrant::CohortId),
                        (Cohort::Table, Cohort::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        (RoleGrant::Table, RoleGrant::TrackId),
                        (Track::Table, Track::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        (RoleGrant::Table, RoleGrant::GrantedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_role_grant_account")
                    .table(RoleGrant::Table)
                    .col(RoleGrant::AccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(text(Session::Data))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_expires_at")
                    .table(Session::Table)
                    .col(Session::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(integer_null(AuditEvent::ActorId))
                    .col(string_len(AuditEvent::Action, 64))
                    .col(string_len(AuditEvent::Entity, 64))
                    .col(string_len(AuditEvent::EntityId, 64))
                    .col(integer_null(AuditEvent::ProgrammeId))
                    .col(text(AuditEvent::Summary))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    .foreign_key(&mut fk(
                        (AuditEvent::Table, AuditEvent::ActorId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_event_programme_at")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::ProgrammeId)
                    .col(AuditEvent::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvent::Table.into_iden(),
            Session::Table.into_iden(),
            RoleGrant::Table.into_iden(),
            Identity::Table.into_iden(),
            Account::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
