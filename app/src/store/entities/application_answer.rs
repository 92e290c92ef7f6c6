//! `application_answer`: the current (draft) answer to one question.

use sea_orm::entity::prelude::*;

/// An answer row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_answer")]
pub struct Model {
    /// The application.
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: i32,
    /// The question.
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
    /// The text; for multiple choice a JSON list of choice indexes.
    pub value: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
