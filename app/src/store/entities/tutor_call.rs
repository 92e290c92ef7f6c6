//! `tutor_call`: an organiser's call for tutors on a track.

use sea_orm::entity::prelude::*;

/// A call row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tutor_call")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The track.
    pub track_id: i32,
    /// Tutors wanted by this call.
    pub places: i32,
    /// What the organiser tells volunteers.
    pub note: String,
    /// The organiser who opened it.
    pub opened_by: Option<i32>,
    /// When it opened.
    pub opened_at: DateTimeUtc,
    /// When it closed, if it has.
    pub closed_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
