//! `reminder_sent`: one automatic reminder that was queued.

use sea_orm::entity::prelude::*;

/// A sent reminder; its key makes each go once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_sent")]
pub struct Model {
    /// `draft` or `review`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// The draft application, or the track under review.
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: i32,
    /// Who was reminded.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// Days before the deadline.
    #[sea_orm(primary_key, auto_increment = false)]
    pub step: i32,
    /// When it was queued.
    pub sent_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
