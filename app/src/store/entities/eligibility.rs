//! `eligibility`: who may apply to a programme's tracks.

use sea_orm::entity::prelude::*;

/// A programme's eligibility rules (no row: anyone may apply, once per cohort).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eligibility")]
pub struct Model {
    /// The programme.
    #[sea_orm(primary_key, auto_increment = false)]
    pub programme_id: i32,
    /// Youngest age allowed on the cohort's start date.
    pub min_age: Option<i32>,
    /// Oldest age allowed on the cohort's start date (national camp: 22).
    pub max_age: Option<i32>,
    /// Whoever completed this programme as a participant may not apply again.
    pub once_only: bool,
    /// How many tracks of one cohort a person may apply to.
    pub max_applications_per_cohort: i32,
    /// Declarations to tick before submitting, one per line, in Japanese.
    pub declarations_ja: String,
    /// The same declarations in English, line by line.
    pub declarations_en: String,
    /// Applicants must state their field of expertise (Connect).
    pub ask_expertise: bool,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
