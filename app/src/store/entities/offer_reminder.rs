//! `offer_reminder`: an offer whose reminder mail was queued.

use sea_orm::entity::prelude::*;

/// A reminder row (one per application at most).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_reminder")]
pub struct Model {
    /// The offered application.
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: i32,
    /// When the reminder was queued.
    pub sent_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
