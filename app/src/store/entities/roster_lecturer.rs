//! `roster_lecturer`: where a lecturer of a track comes from.

use crate::domain::rosters::LecturerSource;
use sea_orm::entity::prelude::*;

/// A lecturer's source and affiliation on one track.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_lecturer")]
pub struct Model {
    /// The track.
    #[sea_orm(primary_key, auto_increment = false)]
    pub track_id: i32,
    /// The lecturer.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// Where the lecturer comes from.
    pub source: LecturerSource,
    /// The university, company or agency.
    pub affiliation: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
