//! Submissions the eligibility rules refused, as recorded at submission:
//! per reason and track, the people refused for it (each counted once
//! however often they tried), and per track the people refused at least
//! once and how many of them hold a submitted application now.
//!
//! These are counts of people's refusals, not published demographics:
//! organisers see them as they see every application of their cohort, so
//! no group is hidden here.

use crate::application::refusal::RefusalReason;
use serde::{Deserialize, Serialize};

/// People refused for one reason, per track in the order of
/// [`super::CohortDashboard::tracks`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalCount {
    /// The reason.
    pub reason: RefusalReason,
    /// People refused for it at least once, per track.
    pub per_track: Vec<u64>,
}

impl RefusalCount {
    /// All tracks together.
    pub fn total(&self) -> u64 {
        self.per_track.iter().sum()
    }
}

/// One track's refused people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedPeople {
    /// People refused at least once, for any reason (one refused for two
    /// reasons counts once here).
    pub refused: u64,
    /// Of those, the ones whose application to the track stands submitted
    /// now (they fixed what could be fixed and submitted again).
    pub submitted_since: u64,
}

/// `counted` (track index, reason, people) as one line per reason, every
/// reason listed in the order of [`RefusalReason::ALL`], zeroes included;
/// a track index past `tracks` is left out.
pub fn refusal_counts(counted: &[(usize, RefusalReason, u64)], tracks: usize) -> Vec<RefusalCount> {
    let mut out: Vec<RefusalCount> = RefusalReason::ALL
        .into_iter()
        .map(|reason| RefusalCount {
            reason,
            per_track: vec![0; tracks],
        })
        .collect();
    for &(track, reason, n) in counted {
        let line = out.iter_mut().find(|c| c.reason == reason);
        if let Some(slot) = line.and_then(|c| c.per_track.get_mut(track)) {
            *slot += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_listed_per_track() {
        let counted = [
            (1, RefusalReason::TooOld, 3),
            (0, RefusalReason::TooOld, 2),
            (0, RefusalReason::DeclarationsNotTicked, 1),
            // A track the dashboard does not list is left out.
            (5, RefusalReason::TooOld, 9),
        ];
        let lines = refusal_counts(&counted, 2);
        assert_eq!(lines.len(), RefusalReason::ALL.len());
        let too_old = lines.iter().find(|c| c.reason == RefusalReason::TooOld);
        assert_eq!(
            too_old.map(|c| (c.per_track.clone(), c.total())),
            Some((vec![2, 3], 5))
        );
        assert_eq!(lines[0].reason, RefusalReason::NoBirthDate);
        assert_eq!(lines[0].per_track, vec![0, 0]);
        let counted: Vec<(RefusalReason, u64)> = lines
            .iter()
            .map(|c| (c.reason, c.total()))
            .filter(|c| c.1 > 0)
            .collect();
        assert_eq!(
            counted,
            vec![
                (RefusalReason::TooOld, 5),
                (RefusalReason::DeclarationsNotTicked, 1)
            ]
        );
        assert!(refusal_counts(&[], 0).iter().all(|c| c.total() == 0));
    }
}
