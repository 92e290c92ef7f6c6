//! `credit_entry`: one line of a person's activity credit ledger.

use crate::domain::credits::{CreditKind, CreditStatus};
use sea_orm::entity::prelude::*;

/// A ledger row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_entry")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The person credited.
    pub account_id: i32,
    /// Where the entry comes from.
    pub kind: CreditKind,
    /// What it was.
    pub title: String,
    /// Credits (hours), in tenths.
    pub credit_tenths: i32,
    /// The day it counts for.
    pub earned_on: Date,
    /// What it comes from (`event:<id>`, `grant:<id>`); none when self-reported.
    pub source: Option<String>,
    /// Whether it counts.
    pub status: CreditStatus,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// When a supervisor decided it.
    pub decided_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
