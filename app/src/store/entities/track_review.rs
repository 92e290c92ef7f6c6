//! `track_review`: how a track's applications are reviewed.

use sea_orm::entity::prelude::*;

/// Review settings of one track (no row: the defaults).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "track_review")]
pub struct Model {
    /// The track.
    #[sea_orm(primary_key, auto_increment = false)]
    pub track_id: i32,
    /// Reviewers see no name, age, school, employer or email until release.
    pub anonymous: bool,
    /// How many reviewers automatic assignment gives each application.
    pub reviewers_per_application: i32,
    /// Rank by each reviewer's normalised scores.
    pub normalise: bool,
    /// When the review closed (scores can no longer change).
    pub closed_at: Option<DateTimeUtc>,
    /// Days an applicant has to answer an offer.
    pub offer_days: i32,
    /// When the review is due: reviewers with unfinished assignments are
    /// reminded before it.
    pub due_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
