//! `tutor_volunteer`: an alumnus volunteering for a tutor call.

use crate::domain::rosters::VolunteerStatus;
use sea_orm::entity::prelude::*;

/// A volunteer row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tutor_volunteer")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The call.
    pub call_id: i32,
    /// The volunteer.
    pub account_id: i32,
    /// Their short statement.
    pub statement: String,
    /// Where the volunteer stands.
    pub status: VolunteerStatus,
    /// When they volunteered.
    pub created_at: DateTimeUtc,
    /// When an organiser decided.
    pub decided_at: Option<DateTimeUtc>,
    /// The organiser who decided.
    pub decided_by: Option<i32>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
