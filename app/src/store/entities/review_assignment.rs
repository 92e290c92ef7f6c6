//! `review_assignment`: one reviewer reviewing one application.

use sea_orm::entity::prelude::*;

/// An assignment row, with the reviewer's comment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_assignment")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The application.
    pub application_id: i32,
    /// The reviewer.
    pub reviewer_id: i32,
    /// When assigned.
    pub assigned_at: DateTimeUtc,
    /// The organiser who assigned it; `None` for automatic assignment.
    pub assigned_by: Option<i32>,
    /// The reviewer's comment.
    pub comment: String,
    /// When the scores were first saved complete.
    pub submitted_at: Option<DateTimeUtc>,
    /// Last change.
    pub updated_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
