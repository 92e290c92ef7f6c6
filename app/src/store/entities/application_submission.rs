//! `application_submission`: every submitted version of an application,
//! kept as it was sent.

use sea_orm::entity::prelude::*;

/// A submission row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_submission")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The application.
    pub application_id: i32,
    /// 1, 2, … per application.
    pub number: i32,
    /// The question set answered.
    pub question_set_id: i32,
    /// JSON object: question id → answer value.
    pub answers: String,
    /// When it was submitted.
    pub submitted_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
