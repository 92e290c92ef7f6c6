//! `event_host`: an alumnus an organiser approved to host events.

use sea_orm::entity::prelude::*;

/// An approval row; its presence is the approval.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_host")]
pub struct Model {
    /// The approved host.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// The organiser who approved.
    pub approved_by: Option<i32>,
    /// When.
    pub approved_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
