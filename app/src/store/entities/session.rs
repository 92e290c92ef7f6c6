//! `session`: server-side session records (tower-sessions), shared by every
//! app instance through the database.

use sea_orm::entity::prelude::*;

/// A session row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    /// The SHA-256 (hex) of the session id, which only the cookie holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session's data as JSON.
    pub data: String,
    /// When the session stops being valid.
    pub expires_at: DateTimeUtc,
}

/// Sessions stand alone.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
