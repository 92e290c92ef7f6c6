//! `rubric_criterion`: one criterion of a track's review rubric.

use sea_orm::entity::prelude::*;

/// A criterion row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rubric_criterion")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The track.
    pub track_id: i32,
    /// Order on the score sheet.
    pub position: i32,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Weight in the total (1 or more).
    pub weight: i32,
    /// Scores run from 1 to this (2 or more).
    pub scale_max: i32,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
