//! `eligibility_refusal`: submissions the eligibility rules refused, one
//! row per person, track and reason.

use crate::domain::application::refusal::RefusalReason;
use sea_orm::entity::prelude::*;

/// A person refused for one reason on one track, with the first and
/// latest time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eligibility_refusal")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The track applied to.
    pub track_id: i32,
    /// The person refused.
    pub account_id: i32,
    /// Which rule refused them.
    pub reason: RefusalReason,
    /// The first refused submission.
    pub first_at: DateTimeUtc,
    /// The latest refused submission.
    pub last_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
