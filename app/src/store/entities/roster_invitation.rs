//! `roster_invitation`: an emailed, single-use invitation to lecture a track.

use crate::domain::rosters::{InvitationOutcome, LecturerSource};
use sea_orm::entity::prelude::*;

/// An invitation row; the link's token is stored only as a hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_invitation")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The track.
    pub track_id: i32,
    /// Where the link was sent.
    pub email: String,
    /// The invitee's source.
    pub source: LecturerSource,
    /// The invitee's affiliation.
    pub affiliation: String,
    /// SHA-256 (hex) of the link's token.
    pub token_hash: String,
    /// The organiser who invited.
    pub invited_by: Option<i32>,
    /// When the invitation was made.
    pub created_at: DateTimeUtc,
    /// When the link stops working.
    pub expires_at: DateTimeUtc,
    /// When it was answered.
    pub answered_at: Option<DateTimeUtc>,
    /// The answer, once given.
    pub outcome: Option<InvitationOutcome>,
    /// The account that answered.
    pub account_id: Option<i32>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
