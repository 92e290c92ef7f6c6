//! `completion`: a person completed a track; its certificate's code.

use sea_orm::entity::prelude::*;

/// A completion row (one per person and track).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "completion")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who completed.
    pub account_id: i32,
    /// The programme.
    pub programme_id: i32,
    /// The cohort.
    pub cohort_id: i32,
    /// The track.
    pub track_id: i32,
    /// The certificate's verification code (unique, without hyphens).
    pub code: String,
    /// When completed.
    pub completed_at: DateTimeUtc,
    /// The organiser who recorded it.
    pub completed_by: Option<i32>,
    /// When the certificate was revoked.
    pub revoked_at: Option<DateTimeUtc>,
    /// The organiser who revoked it.
    pub revoked_by: Option<i32>,
    /// Why it was revoked.
    pub revoke_reason: String,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
