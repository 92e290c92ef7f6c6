//! `event`: a community event (meetup, study session, symposium, online).

use crate::domain::events::{Audience, EventKind, EventStatus};
use sea_orm::entity::prelude::*;

/// An event row; times are stored in UTC and shown in JST.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The programme it belongs to, if any.
    pub programme_id: Option<i32>,
    /// Who hosts it (an organiser or an approved alumni host).
    pub host_id: Option<i32>,
    /// Title in Japanese (or the only title).
    pub title_ja: String,
    /// Title in English (empty: the Japanese one is shown).
    pub title_en: String,
    /// Description in Japanese (or the only one).
    pub description_ja: String,
    /// Description in English (empty: the Japanese one is shown).
    pub description_en: String,
    /// What kind of event it is.
    pub kind: EventKind,
    /// When it starts.
    pub starts_at: DateTimeUtc,
    /// When it ends.
    pub ends_at: DateTimeUtc,
    /// Where it takes place (may be empty for online events).
    pub venue: String,
    /// The online link, shown only to confirmed participants.
    pub online_link: String,
    /// Confirmed places.
    pub capacity: i32,
    /// Who may see and join it.
    pub audience: Audience,
    /// Credits for attending, in tenths.
    pub credit_tenths: i32,
    /// Whether it takes place.
    pub status: EventStatus,
    /// When the reminder was queued, if it was.
    pub reminded_at: Option<DateTimeUtc>,
    /// When it was created.
    pub created_at: DateTimeUtc,
    /// When it was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
