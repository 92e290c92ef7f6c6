//! `step_signoff`: a mentor signed off a candidate's training step.

use sea_orm::entity::prelude::*;

/// A sign-off row (one per step and candidate).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "step_signoff")]
pub struct Model {
    /// The step.
    #[sea_orm(primary_key, auto_increment = false)]
    pub step_id: i32,
    /// The candidate.
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidate_id: i32,
    /// The mentor who signed it off.
    pub signed_by: Option<i32>,
    /// When.
    pub signed_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
