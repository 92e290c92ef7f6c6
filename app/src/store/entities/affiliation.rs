//! `affiliation`: the school or employer a staff member declares, used to
//! keep them from reviewing applicants of the same organisation.

use sea_orm::entity::prelude::*;

/// An affiliation row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "affiliation")]
pub struct Model {
    /// The account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// The organisation's name.
    pub name: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
