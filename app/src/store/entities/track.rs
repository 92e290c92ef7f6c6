//! `track`: a course of one cohort.

use crate::domain::catalogue::TrackVector;
use sea_orm::entity::prelude::*;

/// A track row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "track")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cohort.
    pub cohort_id: i32,
    /// URL name, unique within the cohort.
    pub slug: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Summary in Japanese.
    pub summary_ja: String,
    /// Summary in English.
    pub summary_en: String,
    /// Description in Japanese.
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// The vector of a Connect track.
    pub vector: Option<TrackVector>,
    /// The field, for Connect tracks.
    pub field_id: Option<i32>,
    /// Digital Skill Standard role in Japanese.
    pub dss_role_ja: Option<String>,
    /// Digital Skill Standard role in English.
    pub dss_role_en: Option<String>,
    /// Seats for participants.
    pub capacity: i32,
    /// Lecturers wanted.
    pub lecturer_target: i32,
    /// Tutors wanted.
    pub tutor_target: i32,
    /// Listing order within the cohort.
    pub position: i32,
}

/// Relations are followed by explicit queries in `store::catalogue`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
