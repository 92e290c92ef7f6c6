//! `audit_event`: the append-only record of staff actions.

use sea_orm::entity::prelude::*;

/// An audit event row. Never updated or deleted by the app.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    /// Surrogate key, in insertion order.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Who acted; `None` for the CLI or a deleted account.
    pub actor_id: Option<i32>,
    /// What was done, e.g. `role.grant`.
    pub action: String,
    /// The kind of record, e.g. `account`.
    pub entity: String,
    /// The record's id.
    pub entity_id: String,
    /// The programme the record belongs to, for scoped searches.
    pub programme_id: Option<i32>,
    /// A summary of the change.
    pub summary: String,
    /// When.
    pub at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
