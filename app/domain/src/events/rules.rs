//! The rules of events: places and the waitlist, who sees and joins an
//! event, who creates and runs one, and reading credits typed as hours.

use super::{Audience, RsvpStatus};
use crate::access::{Actor, Role};
use crate::forms::Problem;
use chrono::{DateTime, Utc};

/// What the rules need to know about the person asking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Who {
    /// Someone is signed in.
    pub signed_in: bool,
    /// They completed a programme (a certificate not revoked).
    pub alumnus: bool,
    /// Admin, or holds a staff role (organiser, reviewer, lecturer, tutor).
    pub staff: bool,
}

/// Whether `actor` is staff: an admin or the holder of any role but participant.
pub fn is_staff(actor: &Actor) -> bool {
    actor.is_admin || actor.grants.iter().any(|g| g.role != Role::Participant)
}

/// Whether an organiser of some programme (or an admin).
pub fn is_organiser(actor: &Actor) -> bool {
    actor.is_admin || actor.grants.iter().any(|g| g.role == Role::Organiser)
}

/// Whether someone may see an event of `audience` at all: alumni-only
/// events exist only for alumni and staff.
pub fn may_see(audience: Audience, who: Who) -> bool {
    audience == Audience::Public || who.alumnus || who.staff
}

/// Why someone may not RSVP to an event (`None`: they may). An event that
/// was cancelled or has started takes no more answers.
pub fn join_refusal(
    audience: Audience,
    who: Who,
    cancelled: bool,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Problem> {
    if cancelled || now >= starts_at {
        Some(Problem::EventClosed)
    } else if !may_see(audience, who) {
        Some(Problem::AlumniOnly)
    } else {
        None
    }
}

/// Where a new RSVP lands, with `confirmed` places taken of `capacity`.
pub fn place_for(capacity: i32, confirmed: i32) -> RsvpStatus {
    if confirmed < capacity {
        RsvpStatus::Confirmed
    } else {
        RsvpStatus::Waitlisted
    }
}

/// How many waitlisted people move up, with `confirmed` places taken of
/// `capacity` and `waiting` on the waitlist.
pub fn moving_up(capacity: i32, confirmed: i32, waiting: usize) -> usize {
    let free = usize::try_from(capacity.saturating_sub(confirmed)).unwrap_or(0);
    free.min(waiting)
}

/// Whether `actor` may create events (organisers and approved hosts),
/// and for which programme: an organiser of it, or none at all.
pub fn may_create(actor: &Actor, approved_host: bool, programme: Option<i32>) -> bool {
    match programme {
        Some(p) => actor.is_admin || actor.grants.iter().any(|g| g.is_organiser_of(p)),
        None => approved_host || is_organiser(actor),
    }
}

/// Whether `actor` may edit the event, check people in and see who comes:
/// its host, an organiser of its programme (of any programme for an event
/// of none), or an admin.
pub fn may_manage(actor: &Actor, host: Option<i32>, programme: Option<i32>) -> bool {
    host == Some(actor.account_id)
        || match programme {
            Some(p) => actor.is_admin || actor.grants.iter().any(|g| g.is_organiser_of(p)),
            None => is_organiser(actor),
        }
}

/// The most credit hours one entry may carry.
pub const MAX_HOURS: i32 = 1000;

/// Reads hours typed as `2` or `1.5` (one decimal at most) into tenths.
pub fn parse_tenths(s: &str) -> Option<i32> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 1 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i32 = whole.parse().ok()?;
    let tenth: i32 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    // At most MAX_HOURS itself: 1000.0 is taken, 1000.1 is not.
    let tenths = whole.checked_mul(10)?.checked_add(tenth)?;
    (tenths <= MAX_HOURS * 10).then_some(tenths)
}

/// Tenths of an hour as `1.5` (or `2` for whole hours).
pub fn format_tenths(t: i32) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, (t % 10).abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Grant;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap()
    }

    fn actor(grants: Vec<Grant>) -> Actor {
        Actor {
            account_id: 7,
            is_admin: false,
            grants,
        }
    }

    #[test]
    fn places_fill_then_the_waitlist_takes_over() {
        assert_eq!(place_for(2, 0), RsvpStatus::Confirmed);
        assert_eq!(place_for(2, 1), RsvpStatus::Confirmed);
        assert_eq!(place_for(2, 2), RsvpStatus::Waitlisted);
        assert_eq!(place_for(0, 0), RsvpStatus::Waitlisted);
    }

    #[test]
    fn a_freed_place_moves_up_as_many_as_fit() {
        assert_eq!(moving_up(2, 1, 3), 1);
        assert_eq!(moving_up(5, 1, 2), 2);
        assert_eq!(moving_up(2, 2, 3), 0);
        assert_eq!(
            moving_up(2, 3, 3),
            0,
            "over capacity after a cut moves nobody"
        );
        assert_eq!(moving_up(2, 0, 0), 0);
    }

    #[test]
    fn alumni_only_events_are_for_alumni_and_staff() {
        let anon = Who::default();
        let member = Who {
            signed_in: true,
            ..Who::default()
        };
        let alumnus = Who {
            alumnus: true,
            ..member
        };
        let staff = Who {
            staff: true,
            ..member
        };
        assert!(may_see(Audience::Public, anon));
        assert!(!may_see(Audience::Alumni, member));
        assert!(may_see(Audience::Alumni, alumnus));
        assert!(may_see(Audience::Alumni, staff));
        let later = at(3600);
        assert_eq!(
            join_refusal(Audience::Alumni, member, false, later, at(0)),
            Some(Problem::AlumniOnly)
        );
        assert_eq!(
            join_refusal(Audience::Alumni, alumnus, false, later, at(0)),
            None
        );
        assert_eq!(
            join_refusal(Audience::Public, member, true, later, at(0)),
            Some(Problem::EventClosed)
        );
        assert_eq!(
            join_refusal(Audience::Public, member, false, later, later),
            Some(Problem::EventClosed)
        );
    }

    #[test]
    fn organisers_and_approved_hosts_create_and_hosts_manage_their_own() {
        let organiser = actor(vec![Grant::organiser(1)]);
        let alumnus = actor(vec![]);
        assert!(may_create(&organiser, false, None));
        assert!(may_create(&organiser, false, Some(1)));
        assert!(!may_create(&organiser, false, Some(2)));
        assert!(may_create(&alumnus, true, None));
        assert!(!may_create(&alumnus, false, None));
        assert!(!may_create(&alumnus, true, Some(1)));
        assert!(may_manage(&alumnus, Some(7), None));
        assert!(!may_manage(&alumnus, Some(8), None));
        assert!(may_manage(&organiser, Some(8), Some(1)));
        assert!(!may_manage(&organiser, Some(8), Some(2)));
    }

    #[test]
    fn hours_read_with_one_decimal() {
        assert_eq!(parse_tenths("2"), Some(20));
        assert_eq!(parse_tenths(" 1.5 "), Some(15));
        assert_eq!(parse_tenths("0"), Some(0));
        for bad in ["", "-1", "1.25", "abc", "1e3", "1001", ".5", "１"] {
            assert_eq!(parse_tenths(bad), None, "{bad}");
        }
        assert_eq!(format_tenths(15), "1.5");
        assert_eq!(format_tenths(20), "2");
    }
}
