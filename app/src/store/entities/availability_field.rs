//! `availability_field`: a field of expertise a person named as theirs.

use sea_orm::entity::prelude::*;

/// One (person, field) row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "availability_field")]
pub struct Model {
    /// The account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// The field.
    #[sea_orm(primary_key, auto_increment = false)]
    pub field_id: i32,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
