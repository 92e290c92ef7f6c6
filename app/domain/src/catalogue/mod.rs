//! The public catalogue: programmes, their cohorts and the cohorts' tracks.
//!
//! These types are what the catalogue's server functions return; the store
//! builds them from rows, so no database type ever reaches the browser.

pub mod admin;
pub mod edit;
pub mod field_form;
#[cfg(test)]
mod fuzz;
mod grouping;
mod kinds;
pub mod manage;
pub mod programme_form;
mod schedule;

pub use grouping::{TrackGroup, fields_of, filter_by_field, group_by_vector};
pub use kinds::{ProgrammeKind, TrackVector};
pub use schedule::{CohortSchedule, CohortStatus, ScheduleError};

use super::lang::Localized;
use serde::{Deserialize, Serialize};

/// A programme with its cohorts, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// URL name, e.g. `camp` or `connect`.
    pub slug: String,
    /// Security Camp or Security Camp Connect.
    pub kind: ProgrammeKind,
    /// Display name.
    pub name: Localized,
    /// A paragraph on what the programme is.
    pub description: Localized,
    /// Its editions, newest first.
    pub cohorts: Vec<CohortSummary>,
}

/// Enough of a programme to name it on its cohorts' and tracks' pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeRef {
    /// URL name.
    pub slug: String,
    /// Security Camp or Security Camp Connect.
    pub kind: ProgrammeKind,
    /// Display name.
    pub name: Localized,
}

/// One edition of a programme, as listed on the programme's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortSummary {
    /// URL name, usually the year (`2027`).
    pub slug: String,
    /// Display title, e.g. セキュリティ・キャンプ・コネクト 2027.
    pub title: Localized,
    /// Where the sessions take place.
    pub venue: Localized,
    /// Application window and session dates.
    pub schedule: CohortSchedule,
    /// Where the cohort stands now, derived from the schedule on the server.
    pub status: CohortStatus,
}

/// A cohort's page: the cohort and all of its tracks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortDetail {
    /// The programme the cohort belongs to.
    pub programme: ProgrammeRef,
    /// The cohort itself.
    pub cohort: CohortSummary,
    /// Its tracks, in the organisers' order.
    pub tracks: Vec<TrackSummary>,
}

/// A field a Connect track joins security to (automotive, AI, …). Open-ended:
/// organisers add fields where there is demand.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Field {
    /// URL name, used by the cohort page's filter (`?field=ai`).
    pub slug: String,
    /// Display name.
    pub name: Localized,
}

/// A track as listed on its cohort's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackSummary {
    /// URL name within its cohort.
    pub slug: String,
    /// Display name.
    pub name: Localized,
    /// One or two sentences.
    pub summary: Localized,
    /// industry-connect or tech-connect; none for Security Camp tracks.
    pub vector: Option<TrackVector>,
    /// The other field; none for Security Camp tracks.
    pub field: Option<Field>,
    /// Seats for participants.
    pub capacity: u32,
}

/// A track's own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackDetail {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort.
    pub cohort: CohortSummary,
    /// The track as listed.
    pub track: TrackSummary,
    /// The full description.
    pub description: Localized,
    /// The Digital Skill Standard role the track prepares for, if any.
    pub dss_role: Option<Localized>,
    /// How many lecturers the track should have.
    pub lecturer_target: u32,
    /// How many tutors the track should have.
    pub tutor_target: u32,
}
