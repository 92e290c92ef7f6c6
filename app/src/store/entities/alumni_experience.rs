//! `alumni_experience`: one narrative work-experience entry of a profile.

use sea_orm::entity::prelude::*;

/// One entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alumni_experience")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The owner.
    pub account_id: i32,
    /// Order on the profile.
    pub position: i32,
    /// Industry.
    pub industry: String,
    /// Role.
    pub role: String,
    /// Period, as the person writes it.
    pub period: String,
    /// What they did.
    pub text: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
