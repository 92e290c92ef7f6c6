//! `question`: one application question of one question set.

use crate::domain::application::questions::QuestionKind;
use sea_orm::entity::prelude::*;

/// A question row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The question set (version) it belongs to.
    pub question_set_id: i32,
    /// Order on the form.
    pub position: i32,
    /// How the question is answered.
    pub kind: QuestionKind,
    /// The prompt in Japanese.
    pub prompt_ja: String,
    /// The prompt in English.
    pub prompt_en: String,
    /// For choice questions: JSON list of `{"ja": …, "en": …}`.
    pub choices: String,
    /// For text questions: the most characters accepted.
    pub max_chars: Option<i32>,
    /// Whether an answer is needed to submit.
    pub required: bool,
    /// For file questions: the largest file, in MB.
    pub max_mb: Option<i32>,
    /// For file questions: the types accepted, their names joined by commas.
    #[sea_orm(column_type = "Text")]
    pub file_types: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
