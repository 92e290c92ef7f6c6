//! Staffing-gap arithmetic: people assigned against the track's targets,
//! how many are missing, and totals over a cohort or a programme.

use serde::{Deserialize, Serialize};

/// People assigned to one role against the number wanted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headcount {
    /// On the roster.
    pub assigned: i32,
    /// Wanted.
    pub target: i32,
}

impl Headcount {
    /// How many are still missing (never negative: extra people do not
    /// make up for another track's gap).
    pub fn short(self) -> i32 {
        (self.target - self.assigned).max(0)
    }
}

/// A track's (or a total's) lecturers and tutors against their targets,
/// with its confirmed participants for context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staffing {
    /// Lecturers.
    pub lecturers: Headcount,
    /// Tutors.
    pub tutors: Headcount,
    /// Confirmed participants.
    pub participants: i32,
}

impl Staffing {
    /// Whether the track lacks a lecturer or a tutor.
    pub fn is_short(&self) -> bool {
        self.lecturers.short() > 0 || self.tutors.short() > 0
    }

    /// Participants per tutor, when there are tutors.
    pub fn participants_per_tutor(&self) -> Option<f64> {
        (self.tutors.assigned > 0)
            .then(|| f64::from(self.participants) / f64::from(self.tutors.assigned))
    }
}

/// The sum over several tracks. The missing people of the total are the sum
/// of each track's missing people, so a surplus on one track never hides a
/// gap on another.
pub fn total(tracks: &[Staffing]) -> (Staffing, i32) {
    let mut t = Staffing::default();
    let mut short = 0;
    for s in tracks {
        t.lecturers.assigned += s.lecturers.assigned;
        t.lecturers.target += s.lecturers.target;
        t.tutors.assigned += s.tutors.assigned;
        t.tutors.target += s.tutors.target;
        t.participants += s.participants;
        short += s.lecturers.short() + s.tutors.short();
    }
    (t, short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staffing(l: (i32, i32), t: (i32, i32), p: i32) -> Staffing {
        Staffing {
            lecturers: Headcount {
                assigned: l.0,
                target: l.1,
            },
            tutors: Headcount {
                assigned: t.0,
                target: t.1,
            },
            participants: p,
        }
    }

    #[test]
    fn short_counts_missing_people_and_never_goes_negative() {
        assert_eq!(
            Headcount {
                assigned: 1,
                target: 3
            }
            .short(),
            2
        );
        assert_eq!(
            Headcount {
                assigned: 3,
                target: 3
            }
            .short(),
            0
        );
        assert_eq!(
            Headcount {
                assigned: 5,
                target: 3
            }
            .short(),
            0
        );
        assert_eq!(
            Headcount {
                assigned: 0,
                target: 0
            }
            .short(),
            0
        );
    }

    #[test]
    fn a_track_is_short_when_either_role_is() {
        assert!(staffing((1, 2), (2, 2), 10).is_short());
        assert!(staffing((2, 2), (0, 1), 10).is_short());
        assert!(!staffing((2, 2), (3, 2), 10).is_short());
    }

    #[test]
    fn totals_add_up_and_a_surplus_does_not_hide_a_gap() {
        let (t, short) = total(&[staffing((3, 1), (0, 2), 10), staffing((0, 1), (2, 2), 5)]);
        assert_eq!(
            t.lecturers,
            Headcount {
                assigned: 3,
                target: 2
            }
        );
        assert_eq!(
            t.tutors,
            Headcount {
                assigned: 2,
                target: 4
            }
        );
        assert_eq!(t.participants, 15);
        // Lecturers: 0 + 1 missing; tutors: 2 + 0 missing.
        assert_eq!(short, 3);
        assert_eq!(total(&[]), (Staffing::default(), 0));
    }

    #[test]
    fn participants_per_tutor() {
        assert_eq!(
            staffing((0, 0), (2, 2), 10).participants_per_tutor(),
            Some(5.0)
        );
        assert_eq!(staffing((0, 0), (0, 2), 10).participants_per_tutor(), None);
    }
}
