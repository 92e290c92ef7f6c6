//! `account`: a person who can sign in.

use crate::domain::lang::Lang;
use sea_orm::entity::prelude::*;

/// An account row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Email address, unique; `None` once the account is deleted.
    pub email: Option<String>,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Preferred UI language.
    pub language: Lang,
    /// Instance administrator.
    pub is_admin: bool,
    /// When the account was made.
    pub created_at: DateTimeUtc,
    /// When the person opted out of non-essential mail; `None`: they get it.
    pub mail_opt_out_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries in `store::identity`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
