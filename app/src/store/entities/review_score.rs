//! `review_score`: one reviewer's score on one criterion.

use sea_orm::entity::prelude::*;

/// A score row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_score")]
pub struct Model {
    /// The assignment.
    #[sea_orm(primary_key, auto_increment = false)]
    pub assignment_id: i32,
    /// The criterion.
    #[sea_orm(primary_key, auto_increment = false)]
    pub criterion_id: i32,
    /// From 1 to the criterion's scale.
    pub score: i32,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
