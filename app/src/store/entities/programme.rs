//! `programme`: Security Camp or Security Camp Connect.

use crate::domain::catalogue::ProgrammeKind;
use sea_orm::entity::prelude::*;

/// A programme row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// URL name, unique.
    pub slug: String,
    /// Which programme family it belongs to.
    pub kind: ProgrammeKind,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Description in Japanese.
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// Listing order on the home page.
    pub position: i32,
}

/// Relations are followed by explicit queries in `store::catalogue`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
