//! What the roster, staffing, tutor-call, invitation and availability pages
//! show: built by `store::rosters`, sent by the server functions.

use super::gap::Staffing;
use super::{LecturerSource, VolunteerStatus};
use crate::catalogue::ProgrammeRef;
use crate::forms::Problem;
use crate::lang::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person on a roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Their account.
    pub account_id: i32,
    /// Their name.
    pub name: Localized,
    /// Their email, for organisers.
    pub email: String,
}

/// A lecturer on a roster, with where they come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lecturer {
    /// The person.
    pub member: Member,
    /// Their source, when recorded.
    pub source: Option<LecturerSource>,
    /// Their affiliation.
    pub affiliation: String,
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    /// Sent, not yet answered.
    Open,
    /// Accepted: the invitee is on the roster.
    Accepted,
    /// Declined by the invitee.
    Declined,
    /// Not answered in time.
    Expired,
}

/// An invitation sent for a track.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    /// Where it went.
    pub email: String,
    /// The invitee's source.
    pub source: LecturerSource,
    /// Where it stands.
    pub state: InvitationState,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
}

/// A volunteer for a tutor call, as organisers see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerRow {
    /// The volunteer row.
    pub id: i32,
    /// The person.
    pub member: Member,
    /// Their statement.
    pub statement: String,
    /// Where they stand.
    pub status: VolunteerStatus,
}

/// A tutor call of a track, as organisers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRow {
    /// The call.
    pub id: i32,
    /// Tutors wanted.
    pub places: i32,
    /// Still wanted.
    pub places_left: i32,
    /// The organiser's note.
    pub note: String,
    /// When it opened.
    pub opened_at: DateTime<Utc>,
    /// Whether it still takes volunteers.
    pub open: bool,
    /// Who volunteered, in order.
    pub volunteers: Vec<VolunteerRow>,
}

/// The organiser's roster page of a track.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterPage {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The track's slug.
    pub track_slug: String,
    /// "Programme cohort: track".
    pub label: Localized,
    /// Lecturers.
    pub lecturers: Vec<Lecturer>,
    /// Tutors.
    pub tutors: Vec<Member>,
    /// Confirmed participants.
    pub participants: Vec<Member>,
    /// Invitations sent, newest first.
    pub invitations: Vec<InvitationRow>,
    /// Tutor calls, newest first.
    pub calls: Vec<CallRow>,
    /// Assigned against targets.
    pub staffing: Staffing,
}

/// An alumnus open to tutoring or lecturing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPerson {
    /// The person.
    pub member: Member,
    /// Open to tutoring.
    pub tutoring: bool,
    /// Open to lecturing.
    pub lecturing: bool,
}

/// One track's line of the staffing dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackStaffing {
    /// The cohort's slug.
    pub cohort_slug: String,
    /// The track's slug.
    pub track_slug: String,
    /// "Cohort: track".
    pub label: Localized,
    /// The track's field, if it has one.
    pub field: Option<Localized>,
    /// Assigned against targets.
    pub staffing: Staffing,
    /// Alumni open to tutoring or lecturing in the track's field (only for
    /// tracks short of people).
    pub open_alumni: Vec<OpenPerson>,
}

/// The staffing dashboard over a programme or one of its cohorts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffingPage {
    /// The programme.
    pub programme: ProgrammeRef,
    /// The cohorts to choose from: slug and title.
    pub cohorts: Vec<(String, Localized)>,
    /// The cohort shown, or `None` for the whole programme.
    pub cohort: Option<String>,
    /// One line per track.
    pub tracks: Vec<TrackStaffing>,
    /// The sum of the tracks.
    pub total: Staffing,
    /// People missing over all tracks.
    pub short: i32,
}

/// An open tutor call, as a signed-in person sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCall {
    /// The call.
    pub id: i32,
    /// "Programme cohort: track".
    pub label: Localized,
    /// Still wanted.
    pub places_left: i32,
    /// The organiser's note.
    pub note: String,
    /// The person's own offer, if they made one.
    pub mine: Option<VolunteerStatus>,
    /// Why the person may not volunteer, if they may not.
    pub blocked: Option<Problem>,
}

/// A lecturer invitation, as its link shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    /// "Programme cohort: track".
    pub label: Localized,
    /// Where it was sent.
    pub email: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
    /// Whether the link still works (not answered, not expired).
    pub open: bool,
    /// Whether someone is signed in (needed to accept).
    pub signed_in: bool,
    /// Whether the signed-in person's address is the one invited (only they
    /// may accept); `false` for nobody signed in.
    pub addressed_to_viewer: bool,
}

/// A field of expertise, ticked or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChoice {
    /// The field's slug.
    pub slug: String,
    /// Its name.
    pub name: Localized,
    /// Whether the person named it.
    pub chosen: bool,
}

/// What a person says they are open to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityPage {
    /// Open to tutoring.
    pub tutoring: bool,
    /// Open to lecturing.
    pub lecturing: bool,
    /// Every field, with the person's ticked.
    pub fields: Vec<FieldChoice>,
}

/// One offer to tutor, in a person's data export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedOffer {
    /// The tutor call.
    pub call_id: i32,
    /// The statement written.
    pub statement: String,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Where the person lectures from, per track, in their data export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedLecturerNote {
    /// The track.
    pub track_id: i32,
    /// `academia`, `industry`, `government` or `alumni`.
    pub source: String,
    /// The affiliation recorded.
    pub affiliation: String,
}

/// What rosters keep about a person, for their data export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRosters {
    /// Open to tutoring.
    pub open_to_tutoring: bool,
    /// Open to lecturing.
    pub open_to_lecturing: bool,
    /// Fields of expertise named (slugs).
    pub fields: Vec<String>,
    /// Offers to tutor.
    pub tutor_offers: Vec<ExportedOffer>,
    /// Lecturer sources and affiliations.
    pub lecturer_notes: Vec<ExportedLecturerNote>,
}
