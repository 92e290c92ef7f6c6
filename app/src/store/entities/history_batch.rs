//! `history_batch`: a history file uploaded for import, with its outcome
//! once imported (the content is emptied then).

use sea_orm::entity::prelude::*;

/// One uploaded history file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "history_batch")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who uploaded it (only they, and administrators, may see it).
    pub uploaded_by: i32,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The file's bytes as uploaded; empty once imported.
    pub content: Vec<u8>,
    /// When it was uploaded.
    pub uploaded_at: DateTimeUtc,
    /// When it was imported.
    pub applied_at: Option<DateTimeUtc>,
    /// The import's counts, once imported.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
