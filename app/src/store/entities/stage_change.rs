//! `stage_change`: one recorded change of a person's pipeline stage.

use crate::domain::pipeline::Stage;
use sea_orm::entity::prelude::*;

/// A stage change row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_change")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The person.
    pub account_id: i32,
    /// The programme the stage is in.
    pub programme_id: i32,
    /// The stage left (see `Stage`); `None` for the first.
    pub from_stage: Option<Stage>,
    /// The stage entered.
    pub to_stage: Stage,
    /// The cohort it concerns, if any.
    pub cohort_id: Option<i32>,
    /// The track it concerns, if any.
    pub track_id: Option<i32>,
    /// Why.
    pub reason: String,
    /// Whether an organiser overrode the rules.
    pub overridden: bool,
    /// Who made the change; `None` for the system or a deleted account.
    pub changed_by: Option<i32>,
    /// When.
    pub at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
