//! Who may volunteer for a tutor call, when an organiser may approve a
//! volunteer, and when an invitation link still works.

use super::VolunteerStatus;
use crate::forms::Problem;
use chrono::{DateTime, Duration, Utc};

/// How long a lecturer invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(30);

/// The longest volunteer statement, in characters.
pub const MAX_STATEMENT: usize = 800;

/// What the volunteering rule needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VolunteerFacts {
    /// The person completed a cohort of the call's programme.
    pub is_alumnus: bool,
    /// The call is still open.
    pub call_open: bool,
    /// Approved volunteers still wanted.
    pub places_left: i32,
    /// The person already volunteered for this call.
    pub already: bool,
    /// The person is already a tutor of the call's track.
    pub on_roster: bool,
}

/// Why the person may not volunteer, or `None` when they may. Only alumni
/// may tutor (the camp's rule: tutors are past participants).
pub fn volunteer_refusal(f: VolunteerFacts) -> Option<Problem> {
    if !f.call_open || f.places_left <= 0 {
        Some(Problem::CallClosed)
    } else if !f.is_alumnus {
        Some(Problem::NotAlumnus)
    } else if f.already || f.on_roster {
        Some(Problem::AlreadyVolunteered)
    } else {
        None
    }
}

/// Why the organiser may not decide the volunteer, or `None`: only a
/// pending volunteer is decided, and an approval needs a place left.
pub fn decision_refusal(
    status: VolunteerStatus,
    approve: bool,
    places_left: i32,
) -> Option<Problem> {
    if status != VolunteerStatus::Pending {
        Some(Problem::StatusChanged)
    } else if approve && places_left <= 0 {
        Some(Problem::CallClosed)
    } else {
        None
    }
}

/// Approved volunteers still wanted by a call of `places`.
pub fn places_left(places: i32, approved: i32) -> i32 {
    (places - approved).max(0)
}

/// Whether an invitation link still works: never answered and not expired.
pub fn invitation_open(answered: bool, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    !answered && now < expires_at
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: VolunteerFacts = VolunteerFacts {
        is_alumnus: true,
        call_open: true,
        places_left: 1,
        already: false,
        on_roster: false,
    };

    #[test]
    fn an_alumnus_volunteers_for_an_open_call_with_places() {
        assert_eq!(volunteer_refusal(OK), None);
    }

    #[test]
    fn anyone_else_is_told_why_not() {
        let not_alumnus = VolunteerFacts {
            is_alumnus: false,
            ..OK
        };
        assert_eq!(volunteer_refusal(not_alumnus), Some(Problem::NotAlumnus));
        let closed = VolunteerFacts {
            call_open: false,
            ..OK
        };
        assert_eq!(volunteer_refusal(closed), Some(Problem::CallClosed));
        let full = VolunteerFacts {
            places_left: 0,
            ..OK
        };
        assert_eq!(volunteer_refusal(full), Some(Problem::CallClosed));
        let twice = VolunteerFacts {
            already: true,
            ..OK
        };
        assert_eq!(volunteer_refusal(twice), Some(Problem::AlreadyVolunteered));
        let tutor = VolunteerFacts {
            on_roster: true,
            ..OK
        };
        assert_eq!(volunteer_refusal(tutor), Some(Problem::AlreadyVolunteered));
    }

    #[test]
    fn only_pending_volunteers_are_decided_and_approval_needs_a_place() {
        use VolunteerStatus::*;
        assert_eq!(decision_refusal(Pending, true, 1), None);
        assert_eq!(decision_refusal(Pending, false, 0), None);
        assert_eq!(
            decision_refusal(Pending, true, 0),
            Some(Problem::CallClosed)
        );
        for s in [Approved, Declined] {
            assert_eq!(decision_refusal(s, true, 3), Some(Problem::StatusChanged));
            assert_eq!(decision_refusal(s, false, 3), Some(Problem::StatusChanged));
        }
    }

    #[test]
    fn places_left_never_goes_negative() {
        assert_eq!(places_left(3, 1), 2);
        assert_eq!(places_left(1, 2), 0);
    }

    #[test]
    fn an_invitation_works_once_and_until_it_expires() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert!(invitation_open(false, now + Duration::days(1), now));
        assert!(!invitation_open(true, now + Duration::days(1), now));
        assert!(!invitation_open(false, now, now));
    }
}
