//! `role_grant`: a role held in a programme or a track.

use crate::domain::access::Role;
use sea_orm::entity::prelude::*;

/// A role grant row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_grant")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who holds the role.
    pub account_id: i32,
    /// The role.
    pub role: Role,
    /// The programme.
    pub programme_id: i32,
    /// The cohort, for track roles.
    pub cohort_id: Option<i32>,
    /// The track, for track roles.
    pub track_id: Option<i32>,
    /// Who granted it; `None` for the CLI or a deleted account.
    pub granted_by: Option<i32>,
    /// When.
    pub granted_at: DateTimeUtc,
}

/// Relations are followed by explicit queries in `store::identity`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
