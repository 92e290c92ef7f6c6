//! What the pipeline pages show: wire types built by `store::pipeline`.

use super::Stage;
use super::funnel::Funnel;
use crate::catalogue::ProgrammeRef;
use crate::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A certificate of completion as anyone holding its code sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// The verification code, in groups of four.
    pub code: String,
    /// The person.
    pub name: Localized,
    /// The programme.
    pub programme: Localized,
    /// The cohort.
    pub cohort: Localized,
    /// The track.
    pub track: Localized,
    /// When the track was completed.
    pub completed_at: DateTime<Utc>,
    /// When the certificate was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// One participant of a track on the organiser's completion page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletionRow {
    /// The participant's account.
    pub account_id: i32,
    /// Their name.
    pub name: Localized,
    /// Their certificate's code (in groups of four), once completed.
    pub code: Option<String>,
    /// When completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// Whether the certificate was revoked.
    pub revoked: bool,
}

/// The organiser's completion page of one track.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletionPage {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The track's slug.
    pub track_slug: String,
    /// The track's name.
    pub track_name: Localized,
    /// The participants, by name.
    pub rows: Vec<CompletionRow>,
}

/// One recorded change of stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// The stage left, if any.
    pub from: Option<Stage>,
    /// The stage entered.
    pub to: Stage,
    /// When.
    pub at: DateTime<Utc>,
    /// Who made the change; `None` for the system or a deleted account.
    pub by: Option<Localized>,
    /// Why.
    pub reason: String,
    /// Whether an organiser overrode the rules.
    pub overridden: bool,
}

/// One training step, and whether (and when) the candidate has it signed off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRow {
    /// The step.
    pub id: i32,
    /// Its name.
    pub name: Localized,
    /// When the mentor signed it off.
    pub signed_off_at: Option<DateTime<Utc>>,
}

/// A person's pipeline in one programme, as its organisers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonPage {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The person's account.
    pub account_id: i32,
    /// Their name.
    pub name: Localized,
    /// Their email.
    pub email: String,
    /// Where they stand now.
    pub stage: Option<Stage>,
    /// Every change, oldest first.
    pub history: Vec<HistoryRow>,
    /// Their certificates in the programme.
    pub certificates: Vec<CompletionRow>,
    /// Their mentor, while a candidate.
    pub mentor: Option<Localized>,
    /// The training steps, while a candidate.
    pub steps: Vec<StepRow>,
}

/// A candidate with their mentor and progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateRow {
    /// The candidate's account.
    pub account_id: i32,
    /// Their name.
    pub name: Localized,
    /// Tutor or lecturer candidate.
    pub stage: Stage,
    /// Their mentor.
    pub mentor: Option<Localized>,
    /// The steps, with their sign-offs.
    pub steps: Vec<StepRow>,
    /// Every step signed off: ready to promote.
    pub ready: bool,
}

/// The organiser's candidate support page of a programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidatesPage {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The programme's training steps, in order.
    pub steps: Vec<StepRow>,
    /// The candidates, ready ones first.
    pub candidates: Vec<CandidateRow>,
}

/// A candidate's progress in one programme, as the candidate or their
/// mentor sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The candidate.
    pub candidate: CandidateRow,
}

/// The "my training" page: one's own candidacies and one's mentees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingPage {
    /// One's own progress as a candidate.
    pub mine: Vec<Progress>,
    /// The candidates one mentors.
    pub mentees: Vec<Progress>,
}

/// A cohort or track one may narrow the funnel to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelScope {
    /// The cohort's slug.
    pub cohort: String,
    /// The track's slug, for a track.
    pub track: Option<String>,
    /// What to call it.
    pub label: Localized,
}

/// The funnel page of a programme, or of one of its cohorts or tracks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelPage {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The scopes one may pick.
    pub scopes: Vec<FunnelScope>,
    /// The chosen cohort.
    pub cohort: Option<String>,
    /// The chosen track.
    pub track: Option<String>,
    /// The numbers.
    pub funnel: Funnel,
}
