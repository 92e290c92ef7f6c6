//! `event_rsvp`: one person's answer to one event.

use crate::domain::events::RsvpStatus;
use sea_orm::entity::prelude::*;

/// An RSVP row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_rsvp")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The event.
    pub event_id: i32,
    /// The person.
    pub account_id: i32,
    /// Where the person stands with the event.
    pub status: RsvpStatus,
    /// Order on the waitlist (lower moves up first).
    pub position: i32,
    /// When they first answered.
    pub created_at: DateTimeUtc,
    /// When the answer last changed.
    pub updated_at: DateTimeUtc,
    /// When the host checked them in.
    pub checked_in_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
