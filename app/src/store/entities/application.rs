//! `application`: one person's application to one track, from draft to
//! decision and offer.

use crate::domain::application::prefecture::Prefecture;
use crate::domain::application::{ApplicationStatus, Decision, OfferStatus};
use sea_orm::entity::prelude::*;

/// An application row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The track applied to.
    pub track_id: i32,
    /// The applicant.
    pub account_id: i32,
    /// Where the application stands.
    pub status: ApplicationStatus,
    /// The question set the current answers answer.
    pub question_set_id: i32,
    /// Bumped by every save; a save naming an older revision is refused.
    pub revision: i32,
    /// Date of birth, for age rules and guardian consent.
    pub birth_date: Option<Date>,
    /// School or employer (hidden from reviewers of anonymised tracks).
    pub affiliation: String,
    /// Prefecture of residence (optional; counted by region only).
    pub prefecture: Option<Prefecture>,
    /// Field of expertise (Connect).
    pub expertise: String,
    /// The applicant's own mentors (names or emails), for conflicts.
    pub mentors: String,
    /// Guardian's name, for applicants under 18.
    pub guardian_name: String,
    /// Guardian's email, for applicants under 18.
    pub guardian_email: String,
    /// The programme's declarations were ticked.
    pub declarations_accepted: bool,
    /// When the draft was started.
    pub created_at: DateTimeUtc,
    /// Last save.
    pub updated_at: DateTimeUtc,
    /// Last submission.
    pub submitted_at: Option<DateTimeUtc>,
    /// When withdrawn.
    pub withdrawn_at: Option<DateTimeUtc>,
    /// What the organisers decided, once they did.
    pub decision: Option<Decision>,
    /// Why capacity was overridden, when it was.
    pub decision_reason: Option<String>,
    /// When decided.
    pub decided_at: Option<DateTimeUtc>,
    /// Who decided.
    pub decided_by: Option<i32>,
    /// When the decision was told to the applicant.
    pub released_at: Option<DateTimeUtc>,
    /// Place on the waitlist (1 = next), while waitlisted.
    pub waitlist_position: Option<i32>,
    /// Where the offered place stands, once offered.
    pub offer_status: Option<OfferStatus>,
    /// When an open offer lapses.
    pub offer_expires_at: Option<DateTimeUtc>,
    /// When the applicant confirmed or declined.
    pub offer_responded_at: Option<DateTimeUtc>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
