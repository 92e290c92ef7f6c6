//! `alumni_qualification`: a qualification a person holds.

use crate::domain::alumni::Qualification;
use sea_orm::entity::prelude::*;

/// One qualification.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alumni_qualification")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The owner.
    pub account_id: i32,
    /// Which qualification; `other` names another in `other`.
    pub kind: Qualification,
    /// The name of an `other` qualification.
    pub other: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
