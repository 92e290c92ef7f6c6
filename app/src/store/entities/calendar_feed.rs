//! `calendar_feed`: a person's secret calendar feed address.

use sea_orm::entity::prelude::*;

/// A feed row; the address's token is stored only as a hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feed")]
pub struct Model {
    /// The person.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// SHA-256 (hex) of the token.
    pub token_hash: String,
    /// When it was made.
    pub created_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
