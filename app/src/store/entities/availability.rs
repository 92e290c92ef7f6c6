//! `availability`: what an alumnus says they are open to.

use sea_orm::entity::prelude::*;

/// One person's availability row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "availability")]
pub struct Model {
    /// The account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// Open to tutoring.
    pub open_to_tutoring: bool,
    /// Open to lecturing.
    pub open_to_lecturing: bool,
    /// When last saved.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
