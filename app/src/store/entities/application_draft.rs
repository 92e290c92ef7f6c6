//! `application_draft`: the working draft of a submitted application,
//! saved but not (yet) resubmitted; the `application` row keeps what was
//! submitted and checked.

use crate::domain::application::prefecture::Prefecture;
use sea_orm::entity::prelude::*;

/// A working draft row (at most one per application).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_draft")]
pub struct Model {
    /// The application.
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: i32,
    /// Date of birth as last saved.
    pub birth_date: Option<Date>,
    /// School or employer as last saved.
    pub affiliation: String,
    /// Prefecture of residence as last saved.
    pub prefecture: Option<Prefecture>,
    /// Field of expertise as last saved.
    pub expertise: String,
    /// Mentors as last saved.
    pub mentors: String,
    /// Guardian's name as last saved.
    pub guardian_name: String,
    /// Guardian's email as last saved.
    pub guardian_email: String,
    /// The declarations box as last saved.
    pub declarations_accepted: bool,
    /// JSON object: question id → answer value.
    pub answers: String,
    /// Last save.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
