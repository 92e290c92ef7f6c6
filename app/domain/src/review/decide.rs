//! Decisions and offers: the capacity check, bulk decisions from the
//! ranking, the waitlist's order and who is offered a freed place.

use crate::application::{Decision, OfferStatus};
use crate::review::rank::Ranked;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long before an offer's deadline the reminder goes out.
pub const REMINDER_BEFORE: Duration = Duration::days(2);

/// The most days an organiser may give for answering an offer.
pub const MAX_OFFER_DAYS: i32 = 60;

/// Why a decision was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecideError {
    /// Accepting would exceed the track's capacity and no reason was given.
    OverCapacity {
        /// Seats of the track.
        capacity: i32,
        /// Accepted applications there would be.
        would_be: i32,
    },
}

/// Whether `adding` more acceptances fit next to `accepted` (accepted
/// applications, offered or confirmed, released or not) in `capacity`; past
/// it only with a non-empty `override_reason`.
pub fn check_capacity(
    capacity: i32,
    accepted: i32,
    adding: i32,
    override_reason: &str,
) -> Result<(), DecideError> {
    let would_be = accepted + adding;
    if adding <= 0 || would_be <= capacity || !override_reason.trim().is_empty() {
        Ok(())
    } else {
        Err(DecideError::OverCapacity { capacity, would_be })
    }
}

/// "Accept the top `accept`, waitlist the next `waitlist`, reject the rest"
/// over `ranked` (best first): one decision per application that has a
/// rank. Applications without a finished review have none and get no
/// decision: rejecting someone nobody has read is never what "the rest"
/// means.
pub fn bulk_plan(ranked: &[Ranked], accept: usize, waitlist: usize) -> Vec<(i32, Decision)> {
    ranked
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| r.application_id)
        .enumerate()
        .map(|(i, a)| {
            let d = if i < accept {
                Decision::Accepted
            } else if i < accept + waitlist {
                Decision::Waitlisted
            } else {
                Decision::Rejected
            };
            (a, d)
        })
        .collect()
}

/// A waitlisted application as promotion sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waiting {
    /// The application.
    pub application_id: i32,
    /// Its place (1 = next).
    pub position: Option<i32>,
    /// Its offer, if it already had one.
    pub offer: Option<OfferStatus>,
}

/// Who is offered a freed place: the waitlisted application with the lowest
/// position that was never offered one; `None` when the waitlist is empty.
pub fn next_on_waitlist(waiting: &[Waiting]) -> Option<i32> {
    waiting
        .iter()
        .filter(|w| w.offer.is_none())
        .min_by_key(|w| (w.position.unwrap_or(i32::MAX), w.application_id))
        .map(|w| w.application_id)
}

/// When an offer made at `now` lapses.
pub fn offer_deadline(now: DateTime<Utc>, days: i32) -> DateTime<Utc> {
    now + Duration::days(i64::from(days.clamp(1, MAX_OFFER_DAYS)))
}

/// Whether an offer lapsing at `expires` is due its reminder at `now`.
pub fn reminder_due(expires: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < expires && expires - now <= REMINDER_BEFORE
}

/// Whether an offer can still be answered at `now`.
pub fn offer_open(
    status: Option<OfferStatus>,
    expires: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    status == Some(OfferStatus::Offered) && expires.is_some_and(|e| now < e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn capacity_is_kept_unless_overridden_with_a_reason() {
        assert_eq!(check_capacity(3, 2, 1, ""), Ok(()));
        assert_eq!(
            check_capacity(3, 3, 1, "  "),
            Err(DecideError::OverCapacity {
                capacity: 3,
                would_be: 4
            })
        );
        assert_eq!(check_capacity(3, 3, 1, "sponsor seat"), Ok(()));
        // Taking acceptances back is always allowed.
        assert_eq!(check_capacity(3, 5, 0, ""), Ok(()));
    }

    #[test]
    fn bulk_accepts_the_top_waitlists_the_next_rejects_the_rest() {
        let ranked = |id, rank| Ranked {
            application_id: id,
            rank,
            score: rank.map(|r| 100.0 - r as f64),
            spread: None,
            done: usize::from(rank.is_some()),
        };
        let order = [7, 3, 9, 1, 4];
        let mut list: Vec<Ranked> = (1..)
            .zip(order)
            .map(|(r, id)| ranked(id, Some(r)))
            .collect();
        // Unreviewed applications come last and unranked; they stay undecided.
        list.push(ranked(11, None));
        list.push(ranked(12, None));
        let plan = bulk_plan(&list, 2, 2);
        assert_eq!(
            plan,
            vec![
                (7, Decision::Accepted),
                (3, Decision::Accepted),
                (9, Decision::Waitlisted),
                (1, Decision::Waitlisted),
                (4, Decision::Rejected),
            ]
        );
        assert!(bulk_plan(&[], 2, 2).is_empty());
        assert!(bulk_plan(&[ranked(5, None)], 2, 2).is_empty());
    }

    #[test]
    fn the_best_placed_never_offered_waitlisted_goes_next() {
        let w = |a, p, offer| Waiting {
            application_id: a,
            position: Some(p),
            offer,
        };
        let list = [
            w(1, 2, None),
            w(2, 1, Some(OfferStatus::Declined)),
            w(3, 3, None),
        ];
        assert_eq!(next_on_waitlist(&list), Some(1));
        assert_eq!(next_on_waitlist(&list[1..2]), None);
        assert_eq!(next_on_waitlist(&[]), None);
    }

    #[test]
    fn offers_lapse_after_their_days_and_are_reminded_two_days_before() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        let deadline = offer_deadline(now, 7);
        assert_eq!(deadline, Utc.with_ymd_and_hms(2027, 3, 8, 0, 0, 0).unwrap());
        assert_eq!(offer_deadline(now, 0), now + Duration::days(1));
        assert!(!reminder_due(deadline, now));
        assert!(reminder_due(deadline, deadline - Duration::days(2)));
        assert!(!reminder_due(deadline, deadline));
        assert!(offer_open(Some(OfferStatus::Offered), Some(deadline), now));
        assert!(!offer_open(
            Some(OfferStatus::Offered),
            Some(deadline),
            deadline
        ));
        assert!(!offer_open(
            Some(OfferStatus::Declined),
            Some(deadline),
            now
        ));
        assert!(!offer_open(None, None, now));
    }
}
