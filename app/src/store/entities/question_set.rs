//! `question_set`: one version of a track's application questions.

use sea_orm::entity::prelude::*;

/// A question set row; a track's current set is its highest version.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_set")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The track.
    pub track_id: i32,
    /// 1, 2, … per track.
    pub version: i32,
    /// When this version was made.
    pub created_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
