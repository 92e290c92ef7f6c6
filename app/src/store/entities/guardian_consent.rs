//! `guardian_consent`: one consent request to a minor applicant's guardian.

use crate::domain::application::consent::ConsentOutcome;
use sea_orm::entity::prelude::*;

/// A consent request row; the link's token is stored only as a hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "guardian_consent")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The application.
    pub application_id: i32,
    /// The guardian's name as the applicant gave it.
    pub guardian_name: String,
    /// Where the link was sent.
    pub guardian_email: String,
    /// SHA-256 (hex) of the link's token.
    pub token_hash: String,
    /// When the request was made.
    pub created_at: DateTimeUtc,
    /// When the link stops working.
    pub expires_at: DateTimeUtc,
    /// When the guardian answered.
    pub decided_at: Option<DateTimeUtc>,
    /// The guardian's answer, once given.
    pub outcome: Option<ConsentOutcome>,
    /// The name the guardian signed with.
    pub signed_name: Option<String>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
