//! `conflict`: a reviewer who must not review an application.

use crate::domain::review::assign::ConflictReason;
use sea_orm::entity::prelude::*;

/// A conflict-of-interest row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conflict")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The application.
    pub application_id: i32,
    /// The reviewer.
    pub reviewer_id: i32,
    /// Why the reviewer may not review the application.
    pub reason: ConflictReason,
    /// The reviewer's note.
    pub note: String,
    /// When it was recorded.
    pub created_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
