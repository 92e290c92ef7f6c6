//! `reviewer_affiliation`: the school or employer an organiser noted for a
//! reviewer of one track, used for conflict checks in that track only.

use sea_orm::entity::prelude::*;

/// A reviewer's affiliation as noted for one track.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviewer_affiliation")]
pub struct Model {
    /// The track.
    #[sea_orm(primary_key, auto_increment = false)]
    pub track_id: i32,
    /// The reviewer.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// The organisation's name.
    pub name: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
