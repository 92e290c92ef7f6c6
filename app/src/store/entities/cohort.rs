//! `cohort`: one edition of a programme.

use sea_orm::entity::prelude::*;

/// A cohort row. Times are UTC.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cohort")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The programme.
    pub programme_id: i32,
    /// URL name, unique within the programme (usually the year).
    pub slug: String,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// Venue in Japanese.
    pub venue_ja: String,
    /// Venue in English.
    pub venue_en: String,
    /// Applications open.
    pub applications_open_at: DateTimeUtc,
    /// Applications close.
    pub applications_close_at: DateTimeUtc,
    /// Sessions start.
    pub sessions_start_at: DateTimeUtc,
    /// Sessions end.
    pub sessions_end_at: DateTimeUtc,
}

/// Relations are followed by explicit queries in `store::catalogue`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
