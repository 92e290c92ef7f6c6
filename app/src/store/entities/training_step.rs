//! `training_step`: a step of a programme's candidate training.

use sea_orm::entity::prelude::*;

/// A training step row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_step")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The programme.
    pub programme_id: i32,
    /// Order within the programme.
    pub position: i32,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
