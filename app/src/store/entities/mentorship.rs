//! `mentorship`: a candidate's mentor in a programme.

use sea_orm::entity::prelude::*;

/// A mentorship row (one per candidate and programme).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentorship")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The programme.
    pub programme_id: i32,
    /// The candidate.
    pub candidate_id: i32,
    /// The mentor.
    pub mentor_id: i32,
    /// The organiser who assigned the mentor.
    pub assigned_by: Option<i32>,
    /// When.
    pub assigned_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
