//! `outbox_attempt`: one try at handing an outbox message to the SMTP server.

use sea_orm::entity::prelude::*;

/// An attempt row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_attempt")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The message.
    pub message_id: i64,
    /// When.
    pub at: DateTimeUtc,
    /// Whether the server accepted the message.
    pub ok: bool,
    /// Why not, when it did not.
    pub error: Option<String>,
}

/// Relations are followed by explicit queries in `store::outbox`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
