//! `programme_reminders`: which automatic reminders a programme sends.

use sea_orm::entity::prelude::*;

/// A programme's reminder switches (no row: all on, drafts 3 days before).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_reminders")]
pub struct Model {
    /// The programme.
    #[sea_orm(primary_key, auto_increment = false)]
    pub programme_id: i32,
    /// Remind applicants of unsubmitted drafts.
    pub drafts: bool,
    /// Days before the deadline of the first draft reminder.
    pub draft_days: i32,
    /// Remind reviewers of unfinished assignments.
    pub reviews: bool,
    /// Tell registrants of moved or cancelled events; remind them the day before.
    pub events: bool,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
