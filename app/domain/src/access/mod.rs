//! Who may do what: every permission decision of Camp Connect is made here.
//!
//! Server functions and routes build an [`Actor`] for the person asking and
//! call [`can`] before they touch data; a refusal returns early with a clear
//! message. The rules are pure, so they are tested exhaustively below and by
//! the authorization matrix in `server/tests/`.

mod roles;

pub use roles::{Grant, Role};

use serde::{Deserialize, Serialize};

/// A signed-in person, with everything the rules need to know about them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Their account.
    pub account_id: i32,
    /// Instance administrator.
    pub is_admin: bool,
    /// Their scoped roles.
    pub grants: Vec<Grant>,
}

/// What someone wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Read the public catalogue.
    ViewCatalogue,
    /// Create or edit cohorts and tracks of a programme.
    ManageCatalogue,
    /// Read a programme's audit log (all of it, for admins).
    ViewAuditLog,
    /// Grant or revoke organiser roles.
    ManageOrganisers,
    /// Create and edit programmes, and create, edit and delete the fields
    /// Connect tracks join security to (administrators only: every
    /// programme's organisers and pages depend on them).
    ManageProgrammes,
    /// See, edit, export or delete one's own account.
    ManageOwnAccount,
    /// Read the mail outbox of a programme (all of it, for admins).
    ViewOutbox,
    /// Hold or release outbox messages of a programme (all, for admins).
    ManageOutbox,
    /// Apply to a track, and see, edit, withdraw and answer one's own
    /// applications (each application is further checked to be one's own).
    Apply,
    /// Run a programme's selection: questions, eligibility, rubric,
    /// reviewer assignment, decisions, offers and exports.
    ManageSelection,
    /// Score the applications of a track one is assigned to (reviewers and
    /// lecturers of the track; each application is further checked to be
    /// assigned to the person).
    Review,
    /// Open a track's applications at the selection meeting: organisers of
    /// the programme, and the track's lecturers and reviewers (how much each
    /// sees, and which applications a reviewer opens, is decided per
    /// application by `review::meeting`).
    AttendSelectionMeeting,
    /// Edit a track's questions and rubric: organisers of the programme,
    /// and the track's lecturers until applications open
    /// (`application::setup::questions_editable`).
    EditQuestions,
    /// Run a programme's pipeline: completions and certificates, changes
    /// of stage, mentors, training steps and the funnel.
    ManagePipeline,
    /// Check a certificate of completion by its code (anyone).
    VerifyCertificate,
    /// See one's own training as a candidate, and sign off the steps of
    /// one's mentees (each candidate is further checked to be one's own).
    Train,
    /// Staff a programme's tracks: assign and invite lecturers, open tutor
    /// calls and decide volunteers, see the staffing dashboard.
    ManageRosters,
    /// Browse the alumni directory and profiles (anyone; what each person
    /// sees is decided by `domain::alumni::visibility`).
    BrowseAlumni,
    /// See tutor calls and volunteer (whether the person is an alumnus of
    /// the call's programme is further checked per call).
    Volunteer,
    /// See the list of events and public events (alumni-only events are
    /// further checked per event).
    ViewEvents,
    /// RSVP to events and keep a calendar feed (alumni-only events are
    /// further checked per event).
    JoinEvents,
    /// Create events and run one's own (organisers and approved hosts,
    /// checked per event in `domain::events::rules`).
    HostEvents,
    /// Approve alumni as event hosts (organisers of any programme).
    ManageEventHosts,
    /// Keep one's own credit ledger and report activities.
    KeepCredits,
    /// Answer a supervisor's confirmation link (anyone holding it).
    ConfirmCredit,
    /// Write, preview and send announcements to a programme's people
    /// (its organisers; administrators everywhere).
    Announce,
}

/// What the action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// The whole instance.
    Instance,
    /// One programme.
    Programme(i32),
    /// One track: its programme and its own id.
    Track {
        /// The track's programme.
        programme: i32,
        /// The track.
        track: i32,
    },
}

impl Scope {
    /// The programme the scope lies in, if any.
    pub fn programme(self) -> Option<i32> {
        match self {
            Scope::Instance => None,
            Scope::Programme(p) | Scope::Track { programme: p, .. } => Some(p),
        }
    }
}

/// Why an action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Denied {
    /// Nobody is signed in, and the action needs someone.
    #[error("sign-in required")]
    SignInRequired,
    /// The person is signed in but may not do this.
    #[error("forbidden")]
    Forbidden,
}

/// Decides whether `actor` (`None`: anonymous) may do `action` on `scope`.
pub fn can(actor: Option<&Actor>, action: Action, scope: Scope) -> Result<(), Denied> {
    if matches!(
        action,
        Action::ViewCatalogue
            | Action::VerifyCertificate
            | Action::ViewEvents
            | Action::ConfirmCredit
            | Action::BrowseAlumni
    ) {
        return Ok(());
    }
    let actor = actor.ok_or(Denied::SignInRequired)?;
    if actor.is_admin {
        return Ok(());
    }
    let organiser = scope
        .programme()
        .is_some_and(|p| actor.grants.iter().any(|g| g.is_organiser_of(p)));
    let allowed = match action {
        Action::ViewCatalogue
        | Action::VerifyCertificate
        | Action::BrowseAlumni
        | Action::ManageOwnAccount
        | Action::Apply
        | Action::Train
        | Action::Volunteer
        | Action::ViewEvents
        | Action::ConfirmCredit
        | Action::JoinEvents
        | Action::HostEvents
        | Action::KeepCredits => true,
        Action::ManageEventHosts => actor.grants.iter().any(|g| g.role == Role::Organiser),
        Action::ManageCatalogue
        | Action::ViewAuditLog
        | Action::ViewOutbox
        | Action::ManageOutbox
        | Action::ManageSelection
        | Action::ManagePipeline
        | Action::ManageRosters
        | Action::Announce => organiser,
        Action::Review => match scope {
            Scope::Track { track, .. } => actor.grants.iter().any(|g| g.reviews(track)),
            Scope::Instance | Scope::Programme(_) => false,
        },
        Action::AttendSelectionMeeting => {
            organiser
                || matches!(scope, Scope::Track { track, .. }
                    if actor.grants.iter().any(|g| g.reviews(track)))
        }
        Action::EditQuestions => {
            organiser
                || matches!(scope, Scope::Track { track, .. }
                    if actor.grants.iter().any(|g| g.lectures(track)))
        }
        Action::ManageOrganisers | Action::ManageProgrammes => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: i32 = 1;
    const OTHER: i32 = 2;

    fn actor(is_admin: bool, grants: Vec<Grant>) -> Actor {
        Actor {
            account_id: 7,
            is_admin,
            grants,
        }
    }

    fn organiser_of(p: i32) -> Actor {
        actor(false, vec![Grant::organiser(p)])
    }

    fn lecturer() -> Actor {
        actor(false, vec![Grant::on_track(Role::Lecturer, P, 10, 100)])
    }

    #[test]
    fn anyone_reads_the_catalogue() {
        assert_eq!(can(None, Action::ViewCatalogue, Scope::Instance), Ok(()));
        assert_eq!(can(None, Action::BrowseAlumni, Scope::Instance), Ok(()));
        assert_eq!(
            can(
                Some(&lecturer()),
                Action::ViewCatalogue,
                Scope::Programme(P)
            ),
            Ok(())
        );
    }

    #[test]
    fn everything_else_needs_sign_in() {
        for action in [
            Action::ManageCatalogue,
            Action::ViewAuditLog,
            Action::ManageOrganisers,
            Action::ManageProgrammes,
            Action::ManageOwnAccount,
            Action::ViewOutbox,
            Action::ManageOutbox,
            Action::Apply,
            Action::ManageSelection,
            Action::Review,
            Action::ManagePipeline,
            Action::Train,
            Action::ManageRosters,
            Action::Volunteer,
        ] {
            assert_eq!(
                can(None, action, Scope::Programme(P)),
                Err(Denied::SignInRequired)
            );
        }
    }

    #[test]
    fn organisers_manage_only_their_programme() {
        let o = organiser_of(P);
        assert_eq!(
            can(Some(&o), Action::ManageCatalogue, Scope::Programme(P)),
            Ok(())
        );
        assert_eq!(
            can(Some(&o), Action::ViewAuditLog, Scope::Programme(P)),
            Ok(())
        );
        assert_eq!(
            can(Some(&o), Action::ManageCatalogue, Scope::Programme(OTHER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&o), Action::ViewAuditLog, Scope::Instance),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&o), Action::ManageOrganisers, Scope::Instance),
            Err(Denied::Forbidden)
        );
        // Running a programme does not make one its owner: only
        // administrators make and edit programmes and fields.
        for scope in [Scope::Instance, Scope::Programme(P)] {
            assert_eq!(
                can(Some(&o), Action::ManageProgrammes, scope),
                Err(Denied::Forbidden)
            );
        }
        assert_eq!(
            can(
                Some(&actor(true, vec![])),
                Action::ManageProgrammes,
                Scope::Instance
            ),
            Ok(())
        );
    }

    #[test]
    fn organisers_see_and_hold_only_their_programmes_mail() {
        let o = organiser_of(P);
        for action in [Action::ViewOutbox, Action::ManageOutbox] {
            assert_eq!(can(Some(&o), action, Scope::Programme(P)), Ok(()));
            assert_eq!(
                can(Some(&o), action, Scope::Programme(OTHER)),
                Err(Denied::Forbidden)
            );
            // Mail about no programme (sign-in notices) is for admins only.
            assert_eq!(
                can(Some(&o), action, Scope::Instance),
                Err(Denied::Forbidden)
            );
            assert_eq!(
                can(Some(&lecturer()), action, Scope::Programme(P)),
                Err(Denied::Forbidden)
            );
        }
    }

    #[test]
    fn only_a_programmes_organisers_and_admins_announce() {
        let p = Scope::Programme(P);
        assert_eq!(can(Some(&organiser_of(P)), Action::Announce, p), Ok(()));
        assert_eq!(
            can(Some(&organiser_of(OTHER)), Action::Announce, p),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&lecturer()), Action::Announce, p),
            Err(Denied::Forbidden)
        );
        assert_eq!(can(None, Action::Announce, p), Err(Denied::SignInRequired));
        assert_eq!(can(Some(&actor(true, vec![])), Action::Announce, p), Ok(()));
    }

    #[test]
    fn reviewers_and_lecturers_review_only_their_track() {
        let track = Scope::Track {
            programme: P,
            track: 100,
        };
        let other_track = Scope::Track {
            programme: P,
            track: 101,
        };
        let reviewer = actor(false, vec![Grant::on_track(Role::Reviewer, P, 10, 100)]);
        let tutor = actor(false, vec![Grant::on_track(Role::Tutor, P, 10, 100)]);
        assert_eq!(can(Some(&lecturer()), Action::Review, track), Ok(()));
        assert_eq!(can(Some(&reviewer), Action::Review, track), Ok(()));
        assert_eq!(
            can(Some(&reviewer), Action::Review, other_track),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&tutor), Action::Review, track),
            Err(Denied::Forbidden)
        );
        // Organising a programme does not make one a reviewer of its tracks.
        assert_eq!(
            can(Some(&organiser_of(P)), Action::Review, track),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&reviewer), Action::ManageSelection, track),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn the_meeting_is_for_organisers_and_the_tracks_lecturers_and_reviewers() {
        let track = Scope::Track {
            programme: P,
            track: 100,
        };
        let other_track = Scope::Track {
            programme: P,
            track: 101,
        };
        let reviewer = actor(false, vec![Grant::on_track(Role::Reviewer, P, 10, 100)]);
        let tutor = actor(false, vec![Grant::on_track(Role::Tutor, P, 10, 100)]);
        let meeting = Action::AttendSelectionMeeting;
        for a in [
            &lecturer(),
            &reviewer,
            &organiser_of(P),
            &actor(true, vec![]),
        ] {
            assert_eq!(can(Some(a), meeting, track), Ok(()));
        }
        for a in [&lecturer(), &reviewer, &organiser_of(OTHER), &tutor] {
            assert_eq!(can(Some(a), meeting, other_track), Err(Denied::Forbidden));
        }
        assert_eq!(can(Some(&tutor), meeting, track), Err(Denied::Forbidden));
        assert_eq!(
            can(Some(&organiser_of(OTHER)), meeting, track),
            Err(Denied::Forbidden)
        );
        // A programme-wide scope names no track: only organisers reach it.
        assert_eq!(
            can(Some(&lecturer()), meeting, Scope::Programme(P)),
            Err(Denied::Forbidden)
        );
        assert_eq!(can(None, meeting, track), Err(Denied::SignInRequired));
    }

    #[test]
    fn lecturers_edit_their_tracks_questions_and_reviewers_do_not() {
        let track = Scope::Track {
            programme: P,
            track: 100,
        };
        let other_track = Scope::Track {
            programme: P,
            track: 101,
        };
        let reviewer = actor(false, vec![Grant::on_track(Role::Reviewer, P, 10, 100)]);
        let edit = Action::EditQuestions;
        assert_eq!(can(Some(&lecturer()), edit, track), Ok(()));
        assert_eq!(can(Some(&organiser_of(P)), edit, track), Ok(()));
        assert_eq!(
            can(Some(&lecturer()), edit, other_track),
            Err(Denied::Forbidden)
        );
        assert_eq!(can(Some(&reviewer), edit, track), Err(Denied::Forbidden));
        assert_eq!(
            can(Some(&organiser_of(OTHER)), edit, track),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn organisers_run_selection_of_their_programmes_tracks() {
        let o = organiser_of(P);
        let track = Scope::Track {
            programme: P,
            track: 100,
        };
        assert_eq!(can(Some(&o), Action::ManageSelection, track), Ok(()));
        assert_eq!(
            can(Some(&o), Action::ManageSelection, Scope::Programme(OTHER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&lecturer()), Action::Apply, Scope::Instance),
            Ok(())
        );
        assert_eq!(
            can(None, Action::Apply, Scope::Instance),
            Err(Denied::SignInRequired)
        );
    }

    #[test]
    fn organisers_staff_only_their_programme_and_anyone_signed_in_volunteers() {
        let o = organiser_of(P);
        let track = Scope::Track {
            programme: P,
            track: 100,
        };
        assert_eq!(can(Some(&o), Action::ManageRosters, track), Ok(()));
        assert_eq!(
            can(Some(&o), Action::ManageRosters, Scope::Programme(OTHER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&lecturer()), Action::ManageRosters, track),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&lecturer()), Action::Volunteer, Scope::Instance),
            Ok(())
        );
    }

    #[test]
    fn track_roles_do_not_make_an_organiser() {
        let l = lecturer();
        assert_eq!(
            can(Some(&l), Action::ManageCatalogue, Scope::Programme(P)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&l), Action::ManageOwnAccount, Scope::Instance),
            Ok(())
        );
    }

    #[test]
    fn organisers_run_only_their_programmes_pipeline() {
        let o = organiser_of(P);
        let p = Action::ManagePipeline;
        assert_eq!(can(Some(&o), p, Scope::Programme(P)), Ok(()));
        assert_eq!(
            can(Some(&o), p, Scope::Programme(OTHER)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(Some(&lecturer()), p, Scope::Programme(P)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            can(None, p, Scope::Programme(P)),
            Err(Denied::SignInRequired)
        );
    }

    #[test]
    fn anyone_verifies_certificates_and_the_signed_in_train() {
        assert_eq!(
            can(None, Action::VerifyCertificate, Scope::Instance),
            Ok(())
        );
        assert_eq!(
            can(None, Action::Train, Scope::Instance),
            Err(Denied::SignInRequired)
        );
        assert_eq!(
            can(Some(&lecturer()), Action::Train, Scope::Instance),
            Ok(())
        );
    }

    #[test]
    fn anyone_sees_events_the_signed_in_join_and_organisers_approve_hosts() {
        assert_eq!(can(None, Action::ViewEvents, Scope::Instance), Ok(()));
        assert_eq!(can(None, Action::ConfirmCredit, Scope::Instance), Ok(()));
        for action in [Action::JoinEvents, Action::HostEvents, Action::KeepCredits] {
            assert_eq!(
                can(None, action, Scope::Instance),
                Err(Denied::SignInRequired)
            );
            assert_eq!(can(Some(&lecturer()), action, Scope::Instance), Ok(()));
        }
        assert_eq!(
            can(
                Some(&organiser_of(OTHER)),
                Action::ManageEventHosts,
                Scope::Instance
            ),
            Ok(())
        );
        assert_eq!(
            can(Some(&lecturer()), Action::ManageEventHosts, Scope::Instance),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn admins_may_do_everything() {
        let a = actor(true, vec![]);
        for action in [
            Action::ManageCatalogue,
            Action::ViewAuditLog,
            Action::ManageOrganisers,
            Action::ViewOutbox,
            Action::ManageOutbox,
        ] {
            assert_eq!(can(Some(&a), action, Scope::Instance), Ok(()));
            assert_eq!(can(Some(&a), action, Scope::Programme(OTHER)), Ok(()));
        }
    }
}
