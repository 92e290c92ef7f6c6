//! What the organisers' pages show.

use super::edit::{CohortDraft, TrackDraft};
use super::{CohortSummary, Field, ProgrammeRef, TrackSummary};
use serde::{Deserialize, Serialize};

/// `/manage/<programme>`: a programme's cohorts, for an organiser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedProgramme {
    /// The programme.
    pub programme: ProgrammeRef,
    /// Its cohorts, newest first.
    pub cohorts: Vec<CohortSummary>,
    /// The "new cohort" form's values: empty, or what was typed into a
    /// refused attempt.
    pub new_cohort: CohortDraft,
}

/// `/manage/<programme>/<cohort>`: the cohort form and its tracks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedCohort {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort as saved, in form values (or as typed into a refused save).
    pub draft: CohortDraft,
    /// Its tracks.
    pub tracks: Vec<TrackSummary>,
    /// The "new track" form's values: zeros for the counts, or what was
    /// typed into a refused attempt.
    pub new_track: TrackDraft,
    /// Every field a track may name.
    pub fields: Vec<Field>,
}

/// The session key of a cohort form's refused values.
pub fn cohort_form_key(programme: &str, original: &str) -> String {
    format!("cohort:{programme}:{original}")
}

/// The session key of a track form's refused values.
pub fn track_form_key(programme: &str, cohort: &str, original: &str) -> String {
    format!("track:{programme}:{cohort}:{original}")
}

/// The values a new track's form starts with.
pub fn empty_track_draft() -> TrackDraft {
    TrackDraft {
        capacity: "0".into(),
        lecturer_target: "0".into(),
        tutor_target: "0".into(),
        ..Default::default()
    }
}

/// `/manage/<programme>/<cohort>/tracks/<track>`: the track form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedTrack {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The cohort's title.
    pub cohort_title: super::super::lang::Localized,
    /// The track as saved, in form values (or as typed into a refused save).
    pub draft: TrackDraft,
    /// Every field a track may name.
    pub fields: Vec<Field>,
}
