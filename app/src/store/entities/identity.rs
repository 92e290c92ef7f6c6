//! `identity`: a sign-in identity (provider + subject) linked to an account.

use sea_orm::entity::prelude::*;

/// An identity row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "identity")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account it signs in to.
    pub account_id: i32,
    /// The provider's configured name (`github`, `demo`, an OIDC issuer's name).
    pub provider: String,
    /// The provider's stable id for the person.
    pub subject: String,
    /// When it was linked.
    pub created_at: DateTimeUtc,
}

/// Relations are followed by explicit queries in `store::identity`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
