//! Alumni profiles: what each alumnus keeps about themself (names,
//! headline, affiliation, narrative experience, self-rated skills with
//! their history, qualifications, links, what they are open to), each part
//! with its own visibility, and the consent to be listed publicly.
//!
//! Search: the profile row keeps, per audience (public, community, staff),
//! the normalised text that audience may search. PostgreSQL indexes those
//! columns with `pg_trgm` (GIN); SQLite mirrors them into an FTS5 table with
//! the `trigram` tokenizer, whose index also serves `LIKE '%…%'`.
//! Tutoring and lecturing stay in `availability` (rosters read it there);
//! the profile adds consulting and speaking.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AlumniProfile {
    Table,
    AccountId,
    NameJa,
    NameEn,
    Headline,
    Affiliation,
    HideEmployer,
    ListedExternally,
    OpenToConsulting,
    OpenToSpeaking,
    VisName,
    VisHeadline,
    VisAffiliation,
    VisExperience,
    VisSkills,
    VisQualifications,
    VisLinks,
    VisOpenTo,
    VisCamp,
    SearchPublic,
    SearchCommunity,
    SearchStaff,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AlumniExperience {
    Table,
    Id,
    AccountId,
    Position,
    Industry,
    Role,
    Period,
    Text,
}

#[derive(DeriveIden)]
enum AlumniSkill {
    Table,
    AccountId,
    SkillKey,
    Skill,
    Level,
}

#[derive(DeriveIden)]
enum AlumniSkillHistory {
    Table,
    Id,
    AccountId,
    SkillKey,
    Skill,
    Level,
    RecordedAt,
}

#[derive(DeriveIden)]
enum AlumniQualification {
    Table,
    Id,
    AccountId,
    Kind,
    Other,
}

#[derive(DeriveIden)]
enum AlumniLink {
    Table,
    Id,
    AccountId,
    Position,
    Label,
    Url,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

const VISIBILITIES: [&str; 3] = ["private", "community", "public"];
const QUALIFICATIONS: [&str; 7] = [
    "riss",
    "cissp",
    "lawyer",
    "tax",
    "sme",
    "scrivener",
    "other",
];
pub(crate) const SEARCH_COLUMNS: [&str; 3] = ["search_public", "search_community", "search_staff"];
pub(crate) const FTS_TABLE: &str = "alumni_search";

fn owner_fk(table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Account::Table, Account::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A visibility column: private unless the owner says otherwise.
fn vis(col: AlumniProfile) -> ColumnDef {
    string_len(col, 16)
        .default("private")
        .check(Expr::col(col).is_in(VISIBILITIES))
        .to_owned()
}

async fn create_profile(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use AlumniProfile as P;
    let mut table = Table::create();
    table
        .table(P::Table)
        .col(integer(P::AccountId).primary_key())
        .col(string_len(P::NameJa, 100).default(""))
        .col(string_len(P::NameEn, 100).default(""))
        .col(string_len(P::Headline, 200).default(""))
        .col(string_len(P::Affiliation, 200).default(""))
        .col(boolean(P::HideEmployer).default(false))
        .col(boolean(P::ListedExternally).default(false))
        .col(boolean(P::OpenToConsulting).default(false))
        .col(boolean(P::OpenToSpeaking).default(false));
    for c in [
        P::VisName,
        P::VisHeadline,
        P::VisAffiliation,
        P::VisExperience,
        P::VisSkills,
        P::VisQualifications,
        P::VisLinks,
        P::VisOpenTo,
        P::VisCamp,
    ] {
        table.col(vis(c));
    }
    table
        .col(text(P::SearchPublic).default(""))
        .col(text(P::SearchCommunity).default(""))
        .col(text(P::SearchStaff).default(""))
        .col(timestamp_with_time_zone(P::UpdatedAt))
        .foreign_key(&mut owner_fk(P::Table, P::AccountId));
    manager.create_table(table.to_owned()).await?;
    manager
        .create_index(
            Index::create()
                .name("ix_alumni_profile_listed")
                .table(P::Table)
                .col(P::ListedExternally)
                .col(P::UpdatedAt)
                .to_owned(),
        )
        .await?;
    // The directory's order: newest changes first.
    manager
        .create_index(
            Index::create()
                .name("ix_alumni_profile_updated")
                .table(P::Table)
                .col(P::UpdatedAt)
                .col(P::AccountId)
                .to_owned(),
        )
        .await
}

async fn create_parts(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use AlumniExperience as E;
    manager
        .create_table(
            Table::create()
                .table(E::Table)
                .col(pk_auto(E::Id))
                .col(integer(E::AccountId))
                .col(integer(E::Position))
                .col(string_len(E::Industry, 100).default(""))
                .col(string_len(E::Role, 100).default(""))
                .col(string_len(E::Period, 50).default(""))
                .col(text(E::Text).default(""))
                .foreign_key(&mut owner_fk(E::Table, E::AccountId))
                .to_owned(),
        )
        .await?;
    use AlumniSkill as S;
    manager
        .create_table(
            Table::create()
                .table(S::Table)
                .col(integer(S::AccountId))
                .col(string_len(S::SkillKey, 60))
                .col(string_len(S::Skill, 60))
                .col(integer(S::Level).check(Expr::col(S::Level).between(1, 4)))
                .primary_key(Index::create().col(S::AccountId).col(S::SkillKey))
                .foreign_key(&mut owner_fk(S::Table, S::AccountId))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_alumni_skill_key_level")
                .table(S::Table)
                .col(S::SkillKey)
                .col(S::Level)
                .to_owned(),
        )
        .await?;
    use AlumniSkillHistory as H;
    manager
        .create_table(
            Table::create()
                .table(H::Table)
                .col(pk_auto(H::Id))
                .col(integer(H::AccountId))
                .col(string_len(H::SkillKey, 60))
                .col(string_len(H::Skill, 60))
                // 0: the skill was removed from the profile.
                .col(integer(H::Level).check(Expr::col(H::Level).between(0, 4)))
                .col(timestamp_with_time_zone(H::RecordedAt))
                .foreign_key(&mut owner_fk(H::Table, H::AccountId))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_alumni_skill_history_owner")
                .table(H::Table)
                .col(H::AccountId)
                .col(H::SkillKey)
                .col(H::RecordedAt)
                .to_owned(),
        )
        .await?;
    use AlumniQualification as Q;
    manager
        .create_table(
            Table::create()
                .table(Q::Table)
                .col(pk_auto(Q::Id))
                .col(integer(Q::AccountId))
                .col(string_len(Q::Kind, 16).check(Expr::col(Q::Kind).is_in(QUALIFICATIONS)))
                .col(string_len(Q::Other, 100).default(""))
                .foreign_key(&mut owner_fk(Q::Table, Q::AccountId))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_alumni_qualification_kind")
                .table(Q::Table)
                .col(Q::Kind)
                .col(Q::AccountId)
                .to_owned(),
        )
        .await?;
    use AlumniLink as L;
    manager
        .create_table(
            Table::create()
                .table(L::Table)
                .col(pk_auto(L::Id))
                .col(integer(L::AccountId))
                .col(integer(L::Position))
                .col(string_len(L::Label, 100).default(""))
                .col(string_len(L::Url, 300))
                .foreign_key(&mut owner_fk(L::Table, L::AccountId))
                .to_owned(),
        )
        .await?;
    for (name, table, col) in [
        (
            "ix_alumni_experience_owner",
            E::Table.into_iden(),
            E::AccountId.into_iden(),
        ),
        (
            "ix_alumni_qualification_owner",
            Q::Table.into_iden(),
            Q::AccountId.into_iden(),
        ),
        (
            "ix_alumni_link_owner",
            L::Table.into_iden(),
            L::AccountId.into_iden(),
        ),
    ] {
        manager
            .create_index(Index::create().name(name).table(table).col(col).to_owned())
            .await?;
    }
    Ok(())
}

/// The search index of each backend (see the module comment); replaced
/// by the in-memory directory index in migration 000011, whose `down`
/// brings it back.
pub(crate) async fn create_search(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Sqlite => {
            db.execute_unprepared(&format!(
                "CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(\
                 search_public, search_community, search_staff, tokenize = 'trigram')"
            ))
            .await?;
        }
        _ => {
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                .await?;
            for c in SEARCH_COLUMNS {
                db.execute_unprepared(&format!(
                    "CREATE INDEX ix_alumni_profile_{c} ON alumni_profile \
                     USING gin ({c} gin_trgm_ops)"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_profile(manager).await?;
        create_parts(manager).await?;
        create_search(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP TABLE {FTS_TABLE}"))
                .await?;
        }
        // The pg_trgm extension stays: other schemas of the database may use it.
        for t in [
            AlumniLink::Table.into_iden(),
            AlumniQualification::Table.into_iden(),
            AlumniSkillHistory::Table.into_iden(),
            AlumniSkill::Table.into_iden(),
            AlumniExperience::Table.into_iden(),
            AlumniProfile::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
