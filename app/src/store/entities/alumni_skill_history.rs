//! `alumni_skill_history`: every change of a self-rated skill level.

use sea_orm::entity::prelude::*;

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alumni_skill_history")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The owner.
    pub account_id: i32,
    /// The skill's normalised name.
    pub skill_key: String,
    /// The skill as written then.
    pub skill: String,
    /// The new level; 0 when the skill was removed.
    pub level: i32,
    /// When.
    pub recorded_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
