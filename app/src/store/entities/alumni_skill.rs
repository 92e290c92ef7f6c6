//! `alumni_skill`: a skill with its current self-rated level.

use sea_orm::entity::prelude::*;

/// One (person, skill) row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alumni_skill")]
pub struct Model {
    /// The owner.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// The skill's normalised name (NFKC, lower case).
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill_key: String,
    /// The skill as the person wrote it.
    pub skill: String,
    /// 1 (knows the concepts) to 4 (works independently and teaches).
    pub level: i32,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
