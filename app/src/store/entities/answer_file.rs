//! `answer_file`: the file an application's draft holds for one file
//! question (one per question; a new upload replaces it), bytes included.

use crate::domain::application::files::FileType;
use sea_orm::entity::prelude::*;

/// One uploaded file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer_file")]
pub struct Model {
    /// Surrogate key (the download's address).
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The application it answers.
    pub application_id: i32,
    /// The file question it answers.
    pub question_id: i32,
    /// Its safe name (the uploaded name, cleaned, with the extension of
    /// its content's type).
    pub name: String,
    /// Its type, read from the content.
    pub kind: FileType,
    /// Its size in bytes.
    pub size: i64,
    /// The SHA-256 of its bytes, in hex (listed in the person's data export).
    pub sha256: String,
    /// The bytes.
    pub content: Vec<u8>,
    /// When it was uploaded.
    pub uploaded_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
