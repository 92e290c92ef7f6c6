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
}

/// `/manage/<programme>/<cohort>`: the cohort form and its tracks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedCohort {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort as saved, in form values.
    pub draft: CohortDraft,
    /// Its tracks.
    pub tracks: Vec<TrackSummary>,
    /// Every field a track may name.
    pub fields: Vec<Field>,
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
    /// The track as saved, in form values.
    pub draft: TrackDraft,
    /// Every field a track may name.
    pub fields: Vec<Field>,
}
