//! `credit_claim`: the evidence and supervisor of a self-reported entry.

use sea_orm::entity::prelude::*;

/// A claim row; the supervisor link's token is stored only as a hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_claim")]
pub struct Model {
    /// The ledger entry.
    #[sea_orm(primary_key, auto_increment = false)]
    pub entry_id: i32,
    /// What the person says they did.
    pub evidence: String,
    /// A link to evidence (may be empty).
    pub evidence_link: String,
    /// The supervisor's name.
    pub supervisor_name: String,
    /// Where the confirmation link went.
    pub supervisor_email: String,
    /// SHA-256 (hex) of the link's token.
    pub token_hash: String,
    /// When the link stops working.
    pub expires_at: DateTimeUtc,
    /// When the supervisor answered.
    pub answered_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
